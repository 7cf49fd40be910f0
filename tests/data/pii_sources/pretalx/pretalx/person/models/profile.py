# Extracted from pretalx 2025.2.2, pretalx/person/models/profile.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class SpeakerProfile(PretalxModel):
    user = models.ForeignKey(to='person.User', related_name='profiles', on_delete=models.CASCADE, null=True, blank=True)
    event = models.ForeignKey(to='event.Event', related_name='+', on_delete=models.CASCADE)
    biography = MarkdownField(null=True, blank=True)
    has_arrived = models.BooleanField(default=False)
    internal_notes = models.TextField(null=True, blank=True)
    log_prefix = 'pretalx.user.profile'

    class Meta:
        rules_permissions = {'list': can_view_schedule | is_reviewer & can_view_speaker_names, 'reviewer_list': is_reviewer & can_view_speaker_names, 'orga_list': orga_can_change_submissions | is_reviewer & can_view_speaker_names, 'view': is_speaker_viewable | orga_can_change_submissions | is_reviewer & can_view_speaker_names, 'orga_view': orga_can_change_submissions | is_reviewer & can_view_speaker_names, 'create': is_administrator, 'update': orga_can_change_submissions, 'mark_arrived': orga_can_change_submissions & can_mark_speakers_arrived, 'delete': is_administrator}

    class urls(EventUrls):
        public = '{self.event.urls.base}speaker/{self.user.code}/'
        social_image = '{public}og-image'
        talks_ical = '{self.urls.public}talks.ics'

    class orga_urls(EventUrls):
        base = '{self.event.orga_urls.speakers}{self.user.code}/'
        password_reset = '{self.event.orga_urls.speakers}{self.user.code}/reset'
        toggle_arrived = '{self.event.orga_urls.speakers}{self.user.code}/toggle-arrived'
        send_mail = '{self.event.orga_urls.compose_mails_sessions}?speakers={self.user.code}'
