# Extracted from pretalx 2025.2.2, pretalx/person/models/information.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class SpeakerInformation(PretalxModel):
    event = models.ForeignKey(to='event.Event', related_name='information', on_delete=models.CASCADE)
    target_group = models.CharField(choices=(('submitters', phrases.base.all_choices), ('accepted', _('All accepted speakers')), ('confirmed', _('Only confirmed speakers'))), default='accepted', max_length=11)
    limit_tracks = models.ManyToManyField(to='submission.Track', blank=True)
    limit_types = models.ManyToManyField(to='submission.SubmissionType', blank=True)
    title = I18nCharField(max_length=200)
    text = I18nTextField()
    resource = models.FileField(null=True, blank=True, upload_to=resource_path)
    log_prefix = 'pretalx.speaker_information'

    class orga_urls(EventUrls):
        base = edit = '{self.event.orga_urls.information}{self.pk}/'
        delete = '{base}delete/'

    class Meta:
        rules_permissions = {'list': orga_can_change_submissions, 'view': can_view_information, 'orga_view': orga_can_change_submissions, 'create': can_change_event_settings, 'update': can_change_event_settings, 'delete': can_change_event_settings}
