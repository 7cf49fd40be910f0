# Extracted from pretalx 2025.2.2, pretalx/submission/models/access_code.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class SubmitterAccessCode(GenerateCode, PretalxModel):
    event = models.ForeignKey(to='event.Event', on_delete=models.CASCADE, related_name='submitter_access_codes')
    code = models.CharField(max_length=255, db_index=True, validators=[validators.RegexValidator('^[a-zA-Z0-9]+$')])
    track = models.ForeignKey(to='submission.Track', on_delete=models.CASCADE, related_name='submitter_access_codes', null=True, blank=True)
    submission_type = models.ForeignKey(to='submission.SubmissionType', on_delete=models.CASCADE, related_name='submitter_access_codes', null=True, blank=True)
    valid_until = DateTimeField(null=True, blank=True)
    maximum_uses = models.PositiveIntegerField(default=1, null=True, blank=True)
    redeemed = models.PositiveIntegerField(default=0, editable=False)
    internal_notes = models.TextField(null=True, blank=True)
    _code_length = 32
    log_prefix = 'pretalx.access_code'

    class Meta:
        unique_together = (('event', 'code'),)
        rules_permissions = {'list': can_change_event_settings, 'view': can_change_event_settings, 'create': can_change_event_settings, 'update': can_change_event_settings, 'delete': can_change_event_settings}

    class urls(EventUrls):
        base = edit = '{self.event.cfp.urls.access_codes}{self.code}/'
        send = '{base}send'
        delete = '{base}delete/'
        cfp_url = '{self.event.cfp.urls.public}?access_code={self.code}'
    send_invite.alters_data = True
