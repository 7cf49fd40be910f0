# Extracted from pretalx 2025.2.2, pretalx/person/models/information.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class SpeakerInformation(PretalxModel):
    """Represents any information organisers want to show all or some
    submitters or speakers."""
    event = models.ForeignKey(to='event.Event', related_name='information', on_delete=models.CASCADE)
    target_group = models.CharField(choices=(('submitters', phrases.base.all_choices), ('accepted', _('All accepted speakers')), ('confirmed', _('Only confirmed speakers'))), default='accepted', max_length=11)
    limit_tracks = models.ManyToManyField(to='submission.Track', verbose_name=_('Limit to tracks'), blank=True, help_text=_('Leave empty to show this information to all tracks.'))
    limit_types = models.ManyToManyField(to='submission.SubmissionType', verbose_name=_('Limit to proposal types'), blank=True, help_text=_('Leave empty to show this information for all proposal types.'))
    title = I18nCharField(verbose_name=pgettext_lazy('email subject', 'Subject'), max_length=200)
    text = I18nTextField(verbose_name=_('Text'), help_text=phrases.base.use_markdown)
    resource = models.FileField(verbose_name=_('File'), null=True, blank=True, help_text=_('Please try to keep your upload small, preferably below 16 MB.'), upload_to=resource_path)
    log_prefix = 'pretalx.speaker_information'

    class orga_urls(EventUrls):
        base = edit = '{self.event.orga_urls.information}{self.pk}/'
        delete = '{base}delete/'

    class Meta:
        rules_permissions = {'list': orga_can_change_submissions, 'view': can_view_information, 'orga_view': orga_can_change_submissions, 'create': can_change_event_settings, 'update': can_change_event_settings, 'delete': can_change_event_settings}
