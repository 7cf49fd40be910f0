# Extracted from pretalx 2025.2.2, pretalx/submission/models/resource.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Resource(PretalxModel):
    log_prefix = 'pretalx.submission.resource'
    submission = models.ForeignKey(to='submission.Submission', related_name='resources', on_delete=models.PROTECT)
    resource = models.FileField(upload_to=resource_path, null=True, blank=True)
    link = models.URLField(max_length=400, null=True, blank=True)
    description = models.CharField(null=True, blank=True, max_length=1000)
    is_public = models.BooleanField(default=True)
    objects = ScopedManager(event='submission__event')

    class Meta:
        verbose_name_plural = _('Resources')
