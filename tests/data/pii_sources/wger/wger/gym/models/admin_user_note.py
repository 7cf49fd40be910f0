# Extracted from wger 2.1, wger/gym/models/admin_user_note.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class AdminUserNote(m.Model):
    """
    Administrator notes about a member
    """

    class Meta:
        """
        Order by time
        """
        ordering = ['-timestamp_created']
    user = m.ForeignKey(User, editable=False, related_name='adminusernote_user', on_delete=m.CASCADE)
    '\n    User this note belongs to\n    '
    member = m.ForeignKey(User, editable=False, related_name='adminusernote_member', on_delete=m.CASCADE)
    '\n    Gym member this note refers to\n    '
    timestamp_created = m.DateTimeField(auto_now_add=True)
    '\n    Time when this note was created\n    '
    timestamp_edited = m.DateTimeField(auto_now=True)
    '\n    Last time when this note was edited\n    '
    note = m.TextField(verbose_name=_('Note'))
    '\n    Actual note\n    '
