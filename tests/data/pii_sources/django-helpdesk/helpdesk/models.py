# Extracted from django-helpdesk 2.6.1, helpdesk/models.py
# Licence: BSD-3-Clause (LICENSE of the sdist), (c) 2008 Ross Poulton (Jutda), 2008-2026 django-helpdesk contributors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Queue(models.Model):
    title = models.CharField(_('Title'), max_length=100)
    slug = models.SlugField(_('Slug'), max_length=50, unique=True)
    email_address = models.EmailField(_('E-Mail Address'), blank=True, null=True)
    locale = models.CharField(_('Locale'), max_length=10, blank=True, null=True)
    allow_public_submission = models.BooleanField(_('Allow Public Submission?'), blank=True, default=False)
    allow_email_submission = models.BooleanField(_('Allow E-Mail Submission?'), blank=True, default=False)
    escalate_days = models.IntegerField(_('Escalation Days'), blank=True, null=True)
    new_ticket_cc = models.CharField(_('New Ticket CC Address'), blank=True, null=True, max_length=200)
    updated_ticket_cc = models.CharField(_('Updated Ticket CC Address'), blank=True, null=True, max_length=200)
    enable_notifications_on_email_events = models.BooleanField(_('Notify contacts when email updates arrive'), blank=True, default=False)
    email_box_type = models.CharField(_('E-Mail Box Type'), max_length=5, choices=(('pop3', _('POP 3')), ('imap', _('IMAP')), ('oauth', _('IMAP OAUTH')), ('local', _('Local Directory'))), blank=True, null=True)
    email_box_host = models.CharField(_('E-Mail Hostname'), max_length=200, blank=True, null=True)
    email_box_port = models.IntegerField(_('E-Mail Port'), blank=True, null=True)
    email_box_ssl = models.BooleanField(_('Use SSL for E-Mail?'), blank=True, default=False)
    email_box_user = models.CharField(_('E-Mail Username'), max_length=200, blank=True, null=True)
    email_box_pass = models.CharField(_('E-Mail Password'), max_length=200, blank=True, null=True)
    email_box_imap_folder = models.CharField(_('IMAP Folder'), max_length=100, blank=True, null=True)
    email_box_local_dir = models.CharField(_('E-Mail Local Directory'), max_length=200, blank=True, null=True)
    permission_name = models.CharField(_('Django auth permission name'), max_length=72, blank=True, null=True, editable=False)
    email_box_interval = models.IntegerField(_('E-Mail Check Interval'), blank=True, null=True, default='5')
    email_box_last_check = models.DateTimeField(blank=True, null=True, editable=False)
    socks_proxy_type = models.CharField(_('Socks Proxy Type'), max_length=8, choices=(('socks4', _('SOCKS4')), ('socks5', _('SOCKS5'))), blank=True, null=True)
    socks_proxy_host = models.GenericIPAddressField(_('Socks Proxy Host'), blank=True, null=True)
    socks_proxy_port = models.IntegerField(_('Socks Proxy Port'), blank=True, null=True)
    logging_type = models.CharField(_('Logging Type'), max_length=5, choices=(('none', _('None')), ('debug', _('Debug')), ('info', _('Information')), ('warn', _('Warning')), ('error', _('Error')), ('crit', _('Critical'))), blank=True, null=True)
    logging_dir = models.CharField(_('Logging Directory'), max_length=200, blank=True, null=True)
    default_owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name='default_owner', blank=True, null=True)
    dedicated_time = models.DurationField(blank=True, null=True)

    class Meta:
        ordering = ('title',)
        verbose_name = _('Queue')
        verbose_name_plural = _('Queues')
    from_address = property(_from_address)


class Ticket(models.Model):
    OPEN_STATUS = helpdesk_settings.OPEN_STATUS
    REOPENED_STATUS = helpdesk_settings.REOPENED_STATUS
    RESOLVED_STATUS = helpdesk_settings.RESOLVED_STATUS
    CLOSED_STATUS = helpdesk_settings.CLOSED_STATUS
    DUPLICATE_STATUS = helpdesk_settings.DUPLICATE_STATUS
    STATUS_CHOICES = helpdesk_settings.TICKET_STATUS_CHOICES
    OPEN_STATUSES = helpdesk_settings.TICKET_OPEN_STATUSES
    STATUS_CHOICES_FLOW = helpdesk_settings.TICKET_STATUS_CHOICES_FLOW
    STATUS_CSS_CLASSES = helpdesk_settings.TICKET_STATUS_CSS_CLASSES
    PRIORITY_CHOICES = helpdesk_settings.TICKET_PRIORITY_CHOICES
    PRIORITY_CSS_CLASSES = helpdesk_settings.TICKET_PRIORITY_CSS_CLASSES
    title = models.CharField(_('Title'), max_length=200)
    queue = models.ForeignKey(Queue, on_delete=models.CASCADE)
    created = models.DateTimeField(_('Created'), blank=True, auto_now_add=True)
    modified = models.DateTimeField(_('Modified'), blank=True, auto_now=True)
    submitter_email = models.EmailField(_('Submitter E-Mail'), blank=True, null=True)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name='assigned_to', blank=True, null=True)
    status = models.IntegerField(_('Status'), choices=STATUS_CHOICES, default=OPEN_STATUS)
    on_hold = models.BooleanField(_('On Hold'), blank=True, default=False)
    description = models.TextField(_('Description'), blank=True, null=True)
    resolution = models.TextField(_('Resolution'), blank=True, null=True)
    priority = models.IntegerField(_('Priority'), choices=PRIORITY_CHOICES, default=3, blank=3)
    due_date = models.DateTimeField(_('Due on'), blank=True, null=True)
    last_escalation = models.DateTimeField(blank=True, null=True, editable=False)
    secret_key = models.CharField(_('Secret key needed for viewing/editing ticket by non-logged in users'), max_length=36, default=mk_secret)
    kbitem = models.ForeignKey('KBItem', blank=True, null=True, on_delete=models.CASCADE)
    merged_to = models.ForeignKey('self', related_name='merged_tickets', on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        get_latest_by = 'created'
        ordering = ('id',)
        verbose_name = _('Ticket')
        verbose_name_plural = _('Tickets')
    get_allowed_status_flow = property(_get_allowed_status_flow)


class FollowUp(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE)
    date = models.DateTimeField(_('Date'), default=timezone.now)
    title = models.CharField(_('Title'), max_length=200, blank=True, null=True)
    comment = models.TextField(_('Comment'), blank=True, null=True)
    public = models.BooleanField(_('Public'), blank=True, default=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, blank=True, null=True)
    new_status = models.IntegerField(_('New Status'), choices=Ticket.STATUS_CHOICES, blank=True, null=True)
    message_id = models.CharField(_('E-Mail ID'), max_length=256, blank=True, null=True, editable=False)
    objects = FollowUpManager()
    time_spent = models.DurationField(blank=True, null=True)
    email_recipients = models.JSONField(_('E-Mail Recipients'), blank=True, null=True, default=None)

    class Meta:
        ordering = ('date',)
        verbose_name = _('Follow-up')
        verbose_name_plural = _('Follow-ups')
    DIRECTION_INTERNAL = 'internal'
    DIRECTION_OUTBOUND = 'outbound'
    DIRECTION_INBOUND = 'inbound'


class TicketChange(models.Model):
    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE)
    field = models.CharField(_('Field'), max_length=200)
    old_value = models.TextField(_('Old Value'), blank=True, null=True)
    new_value = models.TextField(_('New Value'), blank=True, null=True)
    objects = TicketChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _('Ticket change')
        verbose_name_plural = _('Ticket changes')


class Attachment(models.Model):
    file = models.FileField(_('File'), upload_to=attachment_path, max_length=1000, validators=[validate_file_extension])
    filename = models.CharField(_('Filename'), blank=True, max_length=1000)
    mime_type = models.CharField(_('MIME Type'), blank=True, max_length=255)
    size = models.IntegerField(_('Size'), blank=True)

    class Meta:
        ordering = ('filename',)
        verbose_name = _('Attachment')
        verbose_name_plural = _('Attachments')
        abstract = True


class FollowUpAttachment(Attachment):
    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE)


class PreSetReply(models.Model):

    class Meta:
        ordering = ('name',)
        verbose_name = _('Pre-set reply')
        verbose_name_plural = _('Pre-set replies')
    queues = models.ManyToManyField(Queue, blank=True)
    name = models.CharField(_('Name'), max_length=100)
    body = models.TextField(_('Body'))


class EscalationExclusion(models.Model):
    queues = models.ManyToManyField(Queue, blank=True)
    name = models.CharField(_('Name'), max_length=100)
    date = models.DateField(_('Date'))

    class Meta:
        verbose_name = _('Escalation exclusion')
        verbose_name_plural = _('Escalation exclusions')


class EmailTemplate(models.Model):
    template_name = models.CharField(_('Template Name'), max_length=100)
    subject = models.CharField(_('Subject'), max_length=100)
    heading = models.CharField(_('Heading'), max_length=100)
    plain_text = models.TextField(_('Plain Text'))
    html = models.TextField(_('HTML'))
    locale = models.CharField(_('Locale'), max_length=10, blank=True, null=True)

    class Meta:
        ordering = ('template_name', 'locale')
        verbose_name = _('e-mail template')
        verbose_name_plural = _('e-mail templates')


class KBCategory(models.Model):
    name = models.CharField(_('Name of the category'), max_length=100)
    title = models.CharField(_('Title on knowledgebase page'), max_length=100)
    slug = models.SlugField(_('Slug'))
    description = models.TextField(_('Description'))
    queue = models.ForeignKey(Queue, blank=True, null=True, on_delete=models.CASCADE)
    public = models.BooleanField(default=True)

    class Meta:
        ordering = ('title',)
        verbose_name = _('Knowledge base category')
        verbose_name_plural = _('Knowledge base categories')


class KBItem(models.Model):
    voted_by = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name='votes')
    downvoted_by = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name='downvotes')
    category = models.ForeignKey(KBCategory, on_delete=models.CASCADE)
    title = models.CharField(_('Title'), max_length=100)
    question = models.TextField(_('Question'))
    answer = models.TextField(_('Answer'))
    votes = models.IntegerField(_('Votes'), default=0)
    recommendations = models.IntegerField(_('Positive Votes'), default=0)
    last_updated = models.DateTimeField(_('Last Updated'), blank=True)
    team = models.ForeignKey(helpdesk_settings.HELPDESK_TEAMS_MODEL, on_delete=models.SET_NULL, blank=True, null=True)
    order = models.PositiveIntegerField(_('Order'), blank=True, null=True)
    enabled = models.BooleanField(_('Enabled to display to users'), default=True)

    class Meta:
        ordering = ('order', 'title')
        verbose_name = _('Knowledge base item')
        verbose_name_plural = _('Knowledge base items')


class SavedSearch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    title = models.CharField(_('Query Name'), max_length=100)
    shared = models.BooleanField(_('Shared With Other Users?'), blank=True, default=False)
    query = models.TextField(_('Search Query'))

    class Meta:
        verbose_name = _('Saved search')
        verbose_name_plural = _('Saved searches')


class UserSettings(models.Model):
    PAGE_SIZES = ((10, '10'), (25, '25'), (50, '50'), (100, '100'))
    RESPOND_LAYOUT_TABS = 'tabs'
    RESPOND_LAYOUT_BOTTOM = 'bottom'
    RESPOND_LAYOUT_TOP = 'top'
    RESPOND_LAYOUTS = ((RESPOND_LAYOUT_TABS, _('Tabs: follow ups and respond share a tabbed card')), (RESPOND_LAYOUT_BOTTOM, _('Respond form below the follow ups')), (RESPOND_LAYOUT_TOP, _('Respond form above the follow ups')))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='usersettings_helpdesk')
    settings_pickled = models.TextField(_('DEPRECATED! Settings Dictionary DEPRECATED!'), blank=True, null=True)
    login_view_ticketlist = models.BooleanField(default=login_view_ticketlist_default)
    email_on_ticket_change = models.BooleanField(default=email_on_ticket_change_default)
    email_on_ticket_assign = models.BooleanField(default=email_on_ticket_assign_default)
    tickets_per_page = models.IntegerField(default=tickets_per_page_default, choices=PAGE_SIZES)
    use_email_as_submitter = models.BooleanField(default=use_email_as_submitter_default)
    ticket_respond_layout = models.CharField(max_length=16, choices=RESPOND_LAYOUTS, default=ticket_respond_layout_default)

    class Meta:
        verbose_name = _('User Setting')
        verbose_name_plural = _('User Settings')


class IgnoreEmail(models.Model):

    class Meta:
        verbose_name = _('Ignored e-mail address')
        verbose_name_plural = _('Ignored e-mail addresses')
    queues = models.ManyToManyField(Queue, blank=True)
    name = models.CharField(_('Name'), max_length=100)
    date = models.DateField(_('Date'), blank=True, editable=False)
    email_address = models.CharField(_('E-Mail Address'), max_length=150)
    keep_in_mailbox = models.BooleanField(_('Save Emails in Mailbox?'), blank=True, default=False)


class TicketCC(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, blank=True, null=True)
    email = models.EmailField(_('E-Mail Address'), blank=True, null=True)
    can_view = models.BooleanField(_('Can View Ticket?'), blank=True, default=False)
    can_update = models.BooleanField(_('Can Update Ticket?'), blank=True, default=False)
    email_address = property(_email_address)
    display = property(_display)


class CustomField(models.Model):
    name = models.SlugField(_('Field Name'), unique=True)
    label = models.CharField(_('Label'), max_length=30)
    help_text = models.TextField(_('Help Text'), blank=True, null=True)
    DATA_TYPE_CHOICES = (('varchar', _('Character (single line)')), ('text', _('Text (multi-line)')), ('integer', _('Integer')), ('decimal', _('Decimal')), ('list', _('List')), ('boolean', _('Boolean (checkbox yes/no)')), ('date', _('Date')), ('time', _('Time')), ('datetime', _('Date & Time')), ('email', _('E-Mail Address')), ('url', _('URL')), ('ipaddress', _('IP Address')), ('slug', _('Slug')))
    data_type = models.CharField(_('Data Type'), max_length=100, choices=DATA_TYPE_CHOICES)
    max_length = models.IntegerField(_('Maximum Length (characters)'), blank=True, null=True)
    decimal_places = models.IntegerField(_('Decimal Places'), blank=True, null=True)
    empty_selection_list = models.BooleanField(_('Add empty first choice to List?'), default=False)
    list_values = models.TextField(_('List Values'), blank=True, null=True)
    ordering = models.IntegerField(_('Ordering'), blank=True, null=True)
    choices_as_array = property(_choices_as_array)
    required = models.BooleanField(_('Required?'), default=False)
    staff_only = models.BooleanField(_('Staff Only?'), default=False)
    objects = CustomFieldManager()

    class Meta:
        verbose_name = _('Custom field')
        verbose_name_plural = _('Custom fields')


class TicketCustomFieldValue(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE)
    field = models.ForeignKey(CustomField, on_delete=models.CASCADE)
    value = models.TextField(blank=True, null=True)

    class Meta:
        unique_together = (('ticket', 'field'),)
        verbose_name = _('Ticket custom field value')
        verbose_name_plural = _('Ticket custom field values')


class TicketDependency(models.Model):

    class Meta:
        unique_together = (('ticket', 'depends_on'),)
        verbose_name = _('Ticket dependency')
        verbose_name_plural = _('Ticket dependencies')
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name='ticketdependency')
    depends_on = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name='depends_on')


class ChecklistTemplate(models.Model):
    name = models.CharField(max_length=100)
    task_list = models.JSONField(validators=[is_a_list_without_empty_element])

    class Meta:
        verbose_name = _('Checklist Template')
        verbose_name_plural = _('Checklist Templates')


class Checklist(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name='checklists')
    name = models.CharField(max_length=100)

    class Meta:
        verbose_name = _('Checklist')
        verbose_name_plural = _('Checklists')


class ChecklistTask(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name='tasks')
    description = models.CharField(max_length=250)
    completion_date = models.DateTimeField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(db_index=True)
    objects = ChecklistTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _('Checklist Task')
        verbose_name_plural = _('Checklist Tasks')
        ordering = ('position',)
