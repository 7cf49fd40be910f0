# Extracted from pretalx 2025.2.2, pretalx/common/models/log.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class ActivityLog(models.Model):
    event = models.ForeignKey(to='event.Event', on_delete=models.PROTECT, related_name='log_entries', null=True, blank=True)
    person = models.ForeignKey(to='person.User', on_delete=models.PROTECT, related_name='log_entries', null=True, blank=True)
    content_type = models.ForeignKey(to=ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField(db_index=True)
    content_object = GenericForeignKey('content_type', 'object_id')
    timestamp = models.DateTimeField(auto_now_add=True, db_index=True)
    action_type = models.CharField(max_length=200)
    legacy_data = models.TextField(null=True, blank=True)
    data = models.JSONField(null=True, blank=True, default=dict)
    is_orga_action = models.BooleanField(default=False)
    objects = ScopedManager(event='event')

    class Meta:
        ordering = ('-timestamp',)
