# Extracted from wger 2.1, wger/gym/models/user_document.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class UserDocument(m.Model):
    """
    Model for a document
    """

    class Meta:
        """
        Order by time
        """
        ordering = ['-timestamp_created']
    user = m.ForeignKey(User, editable=False, related_name='userdocument_user', on_delete=m.CASCADE)
    '\n    User this note belongs to\n    '
    member = m.ForeignKey(User, editable=False, related_name='userdocument_member', on_delete=m.CASCADE)
    '\n    Gym member this note refers to\n    '
    timestamp_created = m.DateTimeField(auto_now_add=True)
    '\n    Time when this document was created\n    '
    timestamp_edited = m.DateTimeField(auto_now=True)
    '\n    Last time when this document was edited\n    '
    document = m.FileField(verbose_name=_('Document'), upload_to=gym_document_upload_dir)
    '\n    Uploaded document\n    '
    original_name = m.CharField(max_length=128, editable=False)
    '\n    Original document name when uploaded\n    '
    name = m.CharField(max_length=60, verbose_name=_('Name'), help_text=_('Will use file name if nothing provided'), blank=True)
    '\n    Name or description\n    '
    note = m.TextField(verbose_name=_('Note'), blank=True, null=True)
    '\n    Note with additional information\n    '
