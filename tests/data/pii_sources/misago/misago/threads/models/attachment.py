# Extracted from misago 0.39.6, misago/threads/models/attachment.py
# Licence: GPL-2.0 (setup.py, LICENSE.rst of the sdist), (c) the Misago authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Attachment(PluginDataModel):
    secret = models.CharField(max_length=64)
    filetype = models.ForeignKey('AttachmentType', on_delete=models.CASCADE)
    post = models.ForeignKey('Post', blank=True, null=True, on_delete=models.SET_NULL)
    uploaded_on = models.DateTimeField(default=timezone.now, db_index=True)
    uploader = models.ForeignKey(settings.AUTH_USER_MODEL, blank=True, null=True, on_delete=models.SET_NULL)
    uploader_name = models.CharField(max_length=255)
    uploader_slug = models.CharField(max_length=255, db_index=True)
    filename = models.CharField(max_length=255, db_index=True)
    size = models.PositiveIntegerField(default=0, db_index=True)
    thumbnail = models.ImageField(max_length=255, blank=True, null=True, upload_to=upload_to)
    image = models.ImageField(max_length=255, blank=True, null=True, upload_to=upload_to)
    file = models.FileField(max_length=255, blank=True, null=True, upload_to=upload_to)
