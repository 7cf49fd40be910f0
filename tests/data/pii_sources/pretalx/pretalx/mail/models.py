# Extracted from pretalx 2025.2.2, pretalx/mail/models.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class MailTemplate(PretalxModel):
    """MailTemplates can be used to create.

    :class:`~pretalx.mail.models.QueuedMail` objects.

    The process does not come with variable substitution except for
    special cases, for now.
    """
    log_prefix = 'pretalx.mail_template'
    event = models.ForeignKey(to='event.Event', on_delete=models.PROTECT, related_name='mail_templates')
    role = models.CharField(choices=MailTemplateRoles.choices, max_length=30, null=True, default=None, editable=False)
    subject = I18nCharField(max_length=200, verbose_name=pgettext_lazy('email subject', 'Subject'))
    text = I18nTextField(verbose_name=_('Text'))
    reply_to = models.CharField(max_length=200, blank=True, null=True, verbose_name=_('Reply-To'), help_text=_('Change the Reply-To address if you do not want to use the default organiser address'))
    bcc = models.CharField(max_length=1000, blank=True, null=True, verbose_name=_('BCC'), help_text=_('Enter comma separated addresses. Will receive a blind copy of every mail sent from this template. This may be a LOT!'))
    is_auto_created = models.BooleanField(default=False)

    class Meta:
        unique_together = (('event', 'role'),)
        rules_permissions = {'list': orga_can_change_submissions, 'view': orga_can_change_submissions, 'create': orga_can_change_submissions, 'update': orga_can_change_submissions, 'delete': orga_can_change_submissions}

    class urls(EventUrls):
        base = edit = '{self.event.orga_urls.mail_templates}{self.pk}/'
        delete = '{base}delete/'
    to_mail.alters_data = True


class QueuedMail(PretalxModel):
    """Emails in pretalx are rarely sent directly, hence the name QueuedMail.

    This mechanism allows organisers to make sure they send out the right
    content, and to include personal changes in emails.

    :param sent: ``None`` if the mail has not been sent yet.
    :param to_users: All known users to whom this email is addressed.
    :param to: A comma-separated list of email addresses to whom this email
        is addressed. Does not contain any email addresses known to belong
        to users.
    """
    log_prefix = 'pretalx.mail'
    event = models.ForeignKey(to='event.Event', on_delete=models.PROTECT, related_name='queued_mails', null=True, blank=True)
    template = models.ForeignKey(to=MailTemplate, related_name='mails', on_delete=models.SET_NULL, null=True, blank=True)
    to = models.CharField(max_length=1000, verbose_name=_('To'), help_text=_('One email address or several addresses separated by commas.'), null=True, blank=True)
    to_users = models.ManyToManyField(to='person.User', related_name='mails')
    reply_to = models.CharField(max_length=1000, null=True, blank=True, verbose_name=_('Reply-To'), help_text=_('By default, the organiser address is used as Reply-To.'))
    cc = models.CharField(max_length=1000, null=True, blank=True, verbose_name=_('CC'), help_text=_('One email address or several addresses separated by commas.'))
    bcc = models.CharField(max_length=1000, null=True, blank=True, verbose_name=_('BCC'), help_text=_('One email address or several addresses separated by commas.'))
    subject = models.CharField(max_length=200, verbose_name=pgettext_lazy('email subject', 'Subject'))
    text = models.TextField(verbose_name=_('Text'))
    sent = models.DateTimeField(null=True, blank=True, verbose_name=_('Sent at'))
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
