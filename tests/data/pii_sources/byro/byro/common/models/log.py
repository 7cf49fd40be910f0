# Extracted from byro 2023.1.0, byro/common/models/log.py
# Licence: Apache-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class LogEntry(models.Model):
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.SET_NULL)
    object_id = models.PositiveIntegerField(db_index=True)
    content_object = GenericForeignKey('content_type', 'object_id')
    datetime = models.DateTimeField(default=now, db_index=True)
    user = models.ForeignKey(get_user_model(), null=True, on_delete=models.SET_NULL)
    action_type = models.CharField(max_length=255)
    data = models.JSONField(null=True)
    auth_hash = models.CharField(max_length=140, null=False, unique=True)
    auth_prev = models.ForeignKey('self', on_delete=models.PROTECT, related_name='auth_next', to_field='auth_hash', null=False, blank=False)
    auth_data = models.JSONField(null=False)
    objects = LogEntryManager()

    class Meta:
        ordering = ('-datetime', '-id')
        indexes = [models.Index(fields=['content_type', 'object_id']), models.Index(fields=['action_type'])]
