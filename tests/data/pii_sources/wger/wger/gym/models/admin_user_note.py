# Extracted from wger 2.1, wger/gym/models/admin_user_note.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class AdminUserNote(m.Model):

    class Meta:
        ordering = ['-timestamp_created']
    user = m.ForeignKey(User, editable=False, related_name='adminusernote_user', on_delete=m.CASCADE)
    member = m.ForeignKey(User, editable=False, related_name='adminusernote_member', on_delete=m.CASCADE)
    timestamp_created = m.DateTimeField(auto_now_add=True)
    timestamp_edited = m.DateTimeField(auto_now=True)
    note = m.TextField()
