# Extracted from pretalx 2025.2.2, pretalx/mail/models.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class MailTemplate(PretalxModel):
    log_prefix = 'pretalx.mail_template'
    event = models.ForeignKey(to='event.Event', on_delete=models.PROTECT, related_name='mail_templates')
    role = models.CharField(choices=MailTemplateRoles.choices, max_length=30, null=True, default=None, editable=False)
    subject = I18nCharField(max_length=200)
    text = I18nTextField()
    reply_to = models.CharField(max_length=200, blank=True, null=True)
    bcc = models.CharField(max_length=1000, blank=True, null=True)
    is_auto_created = models.BooleanField(default=False)

    class Meta:
        unique_together = (('event', 'role'),)
        rules_permissions = {'list': orga_can_change_submissions, 'view': orga_can_change_submissions, 'create': orga_can_change_submissions, 'update': orga_can_change_submissions, 'delete': orga_can_change_submissions}

    class urls(EventUrls):
        base = edit = '{self.event.orga_urls.mail_templates}{self.pk}/'
        delete = '{base}delete/'
    to_mail.alters_data = True


class QueuedMail(PretalxModel):
    log_prefix = 'pretalx.mail'
    event = models.ForeignKey(to='event.Event', on_delete=models.PROTECT, related_name='queued_mails', null=True, blank=True)
    template = models.ForeignKey(to=MailTemplate, related_name='mails', on_delete=models.SET_NULL, null=True, blank=True)
    to = models.CharField(max_length=1000, null=True, blank=True)
    to_users = models.ManyToManyField(to='person.User', related_name='mails')
    reply_to = models.CharField(max_length=1000, null=True, blank=True)
    cc = models.CharField(max_length=1000, null=True, blank=True)
    bcc = models.CharField(max_length=1000, null=True, blank=True)
    subject = models.CharField(max_length=200)
    text = models.TextField()
    sent = models.DateTimeField(null=True, blank=True)
    locale = models.CharField(max_length=32, null=True, blank=True)
    attachments = models.JSONField(default=None, null=True, blank=True)
    submissions = models.ManyToManyField(to='submission.Submission', related_name='mails')

    class Meta:
        rules_permissions = {'list': orga_can_change_submissions, 'view': orga_can_change_submissions, 'create': orga_can_change_submissions, 'update': can_edit_mail & orga_can_change_submissions, 'delete': orga_can_change_submissions, 'send': orga_can_change_submissions}

    class urls(EventUrls):
        base = edit = '{self.event.orga_urls.mail}{self.pk}/'
        delete = '{base}delete'
        send = '{base}send'
        copy = '{base}copy'
    send.alters_data = True
    copy_to_draft.alters_data = True
