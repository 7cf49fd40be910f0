# Extracted from misago 0.39.6, misago/users/models/datadownload.py
# Licence: GPL-2.0 (setup.py, LICENSE.rst of the sdist), (c) the Misago authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class DataDownload(models.Model):
    STATUS_PENDING = 0
    STATUS_PROCESSING = 1
    STATUS_READY = 2
    STATUS_EXPIRED = 3
    STATUS_CHOICES = [(STATUS_PENDING, pgettext_lazy('user data download status', 'Pending')), (STATUS_PROCESSING, pgettext_lazy('user data download status', 'Processing')), (STATUS_READY, pgettext_lazy('user data download status', 'Ready')), (STATUS_EXPIRED, pgettext_lazy('user data download status', 'Expired'))]
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    status = models.PositiveIntegerField(default=STATUS_PENDING, choices=STATUS_CHOICES, db_index=True)
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='+', null=True, blank=True, on_delete=models.SET_NULL)
    requester_name = models.CharField(max_length=255)
    requested_on = models.DateTimeField(default=timezone.now, db_index=True)
    expires_on = models.DateTimeField(default=timezone.now)
    file = models.FileField(upload_to=get_data_upload_to, max_length=255, null=True, blank=True)

    class Meta:
        ordering = ['-pk']
