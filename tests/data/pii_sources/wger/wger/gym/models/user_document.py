# Extracted from wger 2.1, wger/gym/models/user_document.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class UserDocument(m.Model):

    class Meta:
        ordering = ['-timestamp_created']
    user = m.ForeignKey(User, editable=False, related_name='userdocument_user', on_delete=m.CASCADE)
    member = m.ForeignKey(User, editable=False, related_name='userdocument_member', on_delete=m.CASCADE)
    timestamp_created = m.DateTimeField(auto_now_add=True)
    timestamp_edited = m.DateTimeField(auto_now=True)
    document = m.FileField(upload_to=gym_document_upload_dir)
    original_name = m.CharField(max_length=128, editable=False)
    name = m.CharField(max_length=60, blank=True)
    note = m.TextField(blank=True, null=True)
