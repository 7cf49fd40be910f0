# Extracted from pretalx 2025.2.2, pretalx/common/models/mixins.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class TimestampedModel(models.Model):
    created = models.DateTimeField(auto_now_add=True, blank=True, null=True)
    updated = models.DateTimeField(auto_now=True, blank=True, null=True)

    class Meta:
        abstract = True
