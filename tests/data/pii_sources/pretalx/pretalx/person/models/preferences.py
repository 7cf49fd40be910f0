# Extracted from pretalx 2025.2.2, pretalx/person/models/preferences.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class UserEventPreferences(TimestampedModel, models.Model):
    user = models.ForeignKey(to='User', on_delete=models.CASCADE, related_name='event_preferences')
    event = models.ForeignKey(to='event.Event', on_delete=models.CASCADE, related_name='user_preferences')
    preferences = models.JSONField(default=dict, blank=True)

    class Meta:
        unique_together = (('user', 'event'),)
