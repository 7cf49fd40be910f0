# Extracted from pretalx 2025.2.2, pretalx/submission/models/track.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Track(OrderedModel, PretalxModel):
    event = models.ForeignKey(to='event.Event', on_delete=models.PROTECT, related_name='tracks')
    name = I18nCharField(max_length=200)
    description = I18nTextField(blank=True)
    color = models.CharField(max_length=7, validators=[RegexValidator('#([0-9A-Fa-f]{3}){1,2}')])
    position = models.PositiveIntegerField(null=True, blank=True)
    requires_access_code = models.BooleanField(default=False)
    log_prefix = 'pretalx.track'

    class Meta:
        ordering = ('position',)
        rules_permissions = {'list': use_tracks & (is_agenda_visible | orga_can_change_submissions), 'view': use_tracks & (is_cfp_open | is_agenda_visible | orga_can_change_submissions), 'orga_list': use_tracks & orga_can_change_submissions, 'orga_view': use_tracks & orga_can_change_submissions, 'create': use_tracks & can_change_event_settings, 'update': use_tracks & can_change_event_settings, 'delete': use_tracks & can_change_event_settings}

    class urls(EventUrls):
        base = edit = '{self.event.cfp.urls.tracks}{self.pk}/'
        delete = '{base}delete/'
        prefilled_cfp = '{self.event.cfp.urls.public}?track={self.slug}'
