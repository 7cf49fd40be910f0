# Extracted from pretalx 2025.2.2, pretalx/submission/models/resource.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class Resource(PretalxModel):
    """Resources are file uploads belonging to a :class:`~pretalx.submission.models.submission.Submission`."""
    log_prefix = 'pretalx.submission.resource'
    submission = models.ForeignKey(to='submission.Submission', related_name='resources', on_delete=models.PROTECT)
    resource = models.FileField(verbose_name=_('File'), upload_to=resource_path, null=True, blank=True)
    link = models.URLField(max_length=400, verbose_name=_('URL'), null=True, blank=True)
    description = models.CharField(null=True, blank=True, max_length=1000, verbose_name=_('Description'))
    is_public = models.BooleanField(default=True, verbose_name=_('Publicly visible resource'))
    objects = ScopedManager(event='submission__event')

    class Meta:
        verbose_name_plural = _('Resources')
