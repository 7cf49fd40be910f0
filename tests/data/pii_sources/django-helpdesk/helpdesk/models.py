# Extracted from django-helpdesk 2.6.1, helpdesk/models.py
# Licence: BSD-3-Clause (LICENSE of the sdist), (c) 2008 Ross Poulton (Jutda), 2008-2026 django-helpdesk contributors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class Queue(models.Model):
    """
    A queue is a collection of tickets into what would generally be business
    areas or departments.

    For example, a company may have a queue for each Product they provide, or
    a queue for each of Accounts, Pre-Sales, and Support.

    """
    title = models.CharField(_('Title'), max_length=100)
    slug = models.SlugField(_('Slug'), max_length=50, unique=True, help_text=_("This slug is used when building ticket ID's. Once set, try not to change it or e-mailing may get messy."))
    email_address = models.EmailField(_('E-Mail Address'), blank=True, null=True, help_text=_('All outgoing e-mails for this queue will use this e-mail address. If you use IMAP or POP3, this should be the e-mail address for that mailbox.'))
    locale = models.CharField(_('Locale'), max_length=10, blank=True, null=True, help_text=_('Locale of this queue. All correspondence in this queue will be in this language.'))
    allow_public_submission = models.BooleanField(_('Allow Public Submission?'), blank=True, default=False, help_text=_('Should this queue be listed on the public submission form?'))
    allow_email_submission = models.BooleanField(_('Allow E-Mail Submission?'), blank=True, default=False, help_text=_('Do you want to poll the e-mail box below for new tickets?'))
    escalate_days = models.IntegerField(_('Escalation Days'), blank=True, null=True, help_text=_('For tickets which are not held, how often do you wish to increase their priority? Set to 0 for no escalation.'))
    new_ticket_cc = models.CharField(_('New Ticket CC Address'), blank=True, null=True, max_length=200, help_text=_('If an e-mail address is entered here, then it will receive notification of all new tickets created for this queue. Enter a comma between multiple e-mail addresses.'))
    updated_ticket_cc = models.CharField(_('Updated Ticket CC Address'), blank=True, null=True, max_length=200, help_text=_('If an e-mail address is entered here, then it will receive notification of all activity (new tickets, closed tickets, updates, reassignments, etc) for this queue. Separate multiple addresses with a comma.'))
    enable_notifications_on_email_events = models.BooleanField(_('Notify contacts when email updates arrive'), blank=True, default=False, help_text=_('When an email arrives to either create a ticket or to interact with an existing discussion. Should email notifications be sent ? Note: the new_ticket_cc and updated_ticket_cc work independently of this feature'))
    email_box_type = models.CharField(_('E-Mail Box Type'), max_length=5, choices=(('pop3', _('POP 3')), ('imap', _('IMAP')), ('oauth', _('IMAP OAUTH')), ('local', _('Local Directory'))), blank=True, null=True, help_text=_('E-Mail server type for creating tickets automatically from a mailbox - both POP3 and IMAP are supported, as well as reading from a local directory.'))
    email_box_host = models.CharField(_('E-Mail Hostname'), max_length=200, blank=True, null=True, help_text=_('Your e-mail server address - either the domain name or IP address. May be "localhost".'))
    email_box_port = models.IntegerField(_('E-Mail Port'), blank=True, null=True, help_text=_('Port number to use for accessing e-mail. Default for POP3 is "110", and for IMAP is "143". This may differ on some servers. Leave it blank to use the defaults.'))
    email_box_ssl = models.BooleanField(_('Use SSL for E-Mail?'), blank=True, default=False, help_text=_('Whether to use SSL for IMAP or POP3 - the default ports when using SSL are 993 for IMAP and 995 for POP3.'))
    email_box_user = models.CharField(_('E-Mail Username'), max_length=200, blank=True, null=True, help_text=_('Username for accessing this mailbox.'))
    email_box_pass = models.CharField(_('E-Mail Password'), max_length=200, blank=True, null=True, help_text=_('Password for the above username'))
    email_box_imap_folder = models.CharField(_('IMAP Folder'), max_length=100, blank=True, null=True, help_text=_('If using IMAP, what folder do you wish to fetch messages from? This allows you to use one IMAP account for multiple queues, by filtering messages on your IMAP server into separate folders. Default: INBOX.'))
    email_box_local_dir = models.CharField(_('E-Mail Local Directory'), max_length=200, blank=True, null=True, help_text=_('If using a local directory, what directory path do you wish to poll for new email? Example: /var/lib/mail/helpdesk/'))
    permission_name = models.CharField(_('Django auth permission name'), max_length=72, blank=True, null=True, editable=False, help_text=_('Name used in the django.contrib.auth permission system'))
    email_box_interval = models.IntegerField(_('E-Mail Check Interval'), help_text=_('How often do you wish to check this mailbox? (in Minutes)'), blank=True, null=True, default='5')
    email_box_last_check = models.DateTimeField(blank=True, null=True, editable=False)
    socks_proxy_type = models.CharField(_('Socks Proxy Type'), max_length=8, choices=(('socks4', _('SOCKS4')), ('socks5', _('SOCKS5'))), blank=True, null=True, help_text=_('SOCKS4 or SOCKS5 allows you to proxy your connections through a SOCKS server.'))
    socks_proxy_host = models.GenericIPAddressField(_('Socks Proxy Host'), blank=True, null=True, help_text=_('Socks proxy IP address. Default: 127.0.0.1'))
    socks_proxy_port = models.IntegerField(_('Socks Proxy Port'), blank=True, null=True, help_text=_('Socks proxy port number. Default: 9150 (default TOR port)'))
    logging_type = models.CharField(_('Logging Type'), max_length=5, choices=(('none', _('None')), ('debug', _('Debug')), ('info', _('Information')), ('warn', _('Warning')), ('error', _('Error')), ('crit', _('Critical'))), blank=True, null=True, help_text=_('Set the default logging level. All messages at that level or above will be logged to the directory set below. If no level is set, logging will be disabled.'))
    logging_dir = models.CharField(_('Logging Directory'), max_length=200, blank=True, null=True, help_text=_('If logging is enabled, what directory should we use to store log files for this queue? The standard logging mechanisms are used if no directory is set'))
    default_owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name='default_owner', blank=True, null=True, verbose_name=_('Default owner'))
    dedicated_time = models.DurationField(help_text=_('Time to be spent on this Queue in total'), blank=True, null=True)

    class Meta:
        ordering = ('title',)
        verbose_name = _('Queue')
        verbose_name_plural = _('Queues')
    from_address = property(_from_address)


class Ticket(models.Model):
    """
    To allow a ticket to be entered as quickly as possible, only the
    bare minimum fields are required. These basically allow us to
    sort and manage the ticket. The user can always go back and
    enter more information later.

    A good example of this is when a customer is on the phone, and
    you want to give them a ticket ID as quickly as possible. You can
    enter some basic info, save the ticket, give the customer the ID
    and get off the phone, then add in further detail at a later time
    (once the customer is not on the line).

    Note that assigned_to is optional - unassigned tickets are displayed on
    the dashboard to prompt users to take ownership of them.
    """
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
    queue = models.ForeignKey(Queue, on_delete=models.CASCADE, verbose_name=_('Queue'))
    created = models.DateTimeField(_('Created'), blank=True, help_text=_('Date this ticket was first created'), auto_now_add=True)
    modified = models.DateTimeField(_('Modified'), blank=True, help_text=_('Date this ticket was most recently changed.'), auto_now=True)
    submitter_email = models.EmailField(_('Submitter E-Mail'), blank=True, null=True, help_text=_('The submitter will receive an email for all public follow-ups left for this task.'))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name='assigned_to', blank=True, null=True, verbose_name=_('Assigned to'))
    status = models.IntegerField(_('Status'), choices=STATUS_CHOICES, default=OPEN_STATUS)
    on_hold = models.BooleanField(_('On Hold'), blank=True, default=False, help_text=_('If a ticket is on hold, it will not automatically be escalated.'))
    description = models.TextField(_('Description'), blank=True, null=True, help_text=_('The content of the customers query.'))
    resolution = models.TextField(_('Resolution'), blank=True, null=True, help_text=_('The resolution provided to the customer by our staff.'))
    priority = models.IntegerField(_('Priority'), choices=PRIORITY_CHOICES, default=3, blank=3, help_text=_('1 = Highest Priority, 5 = Low Priority'))
    due_date = models.DateTimeField(_('Due on'), blank=True, null=True)
    last_escalation = models.DateTimeField(blank=True, null=True, editable=False, help_text=_('The date this ticket was last escalated - updated automatically by management/commands/escalate_tickets.py.'))
    secret_key = models.CharField(_('Secret key needed for viewing/editing ticket by non-logged in users'), max_length=36, default=mk_secret)
    kbitem = models.ForeignKey('KBItem', blank=True, null=True, on_delete=models.CASCADE, verbose_name=_('Knowledge base item the user was viewing when they created this ticket.'))
    merged_to = models.ForeignKey('self', verbose_name=_('merged to'), related_name='merged_tickets', on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        get_latest_by = 'created'
        ordering = ('id',)
        verbose_name = _('Ticket')
        verbose_name_plural = _('Tickets')
    get_allowed_status_flow = property(_get_allowed_status_flow)


class FollowUp(models.Model):
    """
    A FollowUp is a comment and/or change to a ticket. We keep a simple
    title, the comment entered by the user, and the new status of a ticket
    to enable easy flagging of details on the view-ticket page.

    The title is automatically generated at save-time, based on what action
    the user took.

    Tickets that aren't public are never shown to or e-mailed to the submitter,
    although all staff can see them.
    """
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, verbose_name=_('Ticket'))
    date = models.DateTimeField(_('Date'), default=timezone.now)
    title = models.CharField(_('Title'), max_length=200, blank=True, null=True)
    comment = models.TextField(_('Comment'), blank=True, null=True)
    public = models.BooleanField(_('Public'), blank=True, default=False, help_text=_('Public tickets are viewable by the submitter and all staff, but non-public tickets can only be seen by staff.'))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, blank=True, null=True, verbose_name=_('User'))
    new_status = models.IntegerField(_('New Status'), choices=Ticket.STATUS_CHOICES, blank=True, null=True, help_text=_('If the status was changed, what was it changed to?'))
    message_id = models.CharField(_('E-Mail ID'), max_length=256, blank=True, null=True, help_text=_("The Message ID of the submitter's email."), editable=False)
    objects = FollowUpManager()
    time_spent = models.DurationField(help_text=_('Time spent on this follow up'), blank=True, null=True)
    email_recipients = models.JSONField(_('E-Mail Recipients'), blank=True, null=True, default=None, help_text=_('Addresses successfully notified by e-mail about this follow-up. Null means recipients were not recorded.'))

    class Meta:
        ordering = ('date',)
        verbose_name = _('Follow-up')
        verbose_name_plural = _('Follow-ups')
    DIRECTION_INTERNAL = 'internal'
    DIRECTION_OUTBOUND = 'outbound'
    DIRECTION_INBOUND = 'inbound'


class TicketChange(models.Model):
    """
    For each FollowUp, any changes to the parent ticket (eg Title, Priority,
    etc) are tracked here for display purposes.
    """
    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, verbose_name=_('Follow-up'))
    field = models.CharField(_('Field'), max_length=200)
    old_value = models.TextField(_('Old Value'), blank=True, null=True)
    new_value = models.TextField(_('New Value'), blank=True, null=True)
    objects = TicketChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _('Ticket change')
        verbose_name_plural = _('Ticket changes')


class Attachment(models.Model):
    """
    Represents a file attached to a follow-up. This could come from an e-mail
    attachment, or it could be uploaded via the web interface.
    """
    file = models.FileField(_('File'), upload_to=attachment_path, max_length=1000, validators=[validate_file_extension])
    filename = models.CharField(_('Filename'), blank=True, max_length=1000)
    mime_type = models.CharField(_('MIME Type'), blank=True, max_length=255)
    size = models.IntegerField(_('Size'), blank=True, help_text=_('Size of this file in bytes'))

    class Meta:
        ordering = ('filename',)
        verbose_name = _('Attachment')
        verbose_name_plural = _('Attachments')
        abstract = True


class FollowUpAttachment(Attachment):
    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, verbose_name=_('Follow-up'))


class PreSetReply(models.Model):
    """
    We can allow the admin to define a number of pre-set replies, used to
    simplify the sending of updates and resolutions. These are basically Django
    templates with a limited context - however if you wanted to get crafy it would
    be easy to write a reply that displays ALL updates in hierarchical order etc
    with use of for loops over {{ ticket.followup_set.all }} and friends.

    When replying to a ticket, the user can select any reply set for the current
    queue, and the body text is fetched via AJAX.
    """

    class Meta:
        ordering = ('name',)
        verbose_name = _('Pre-set reply')
        verbose_name_plural = _('Pre-set replies')
    queues = models.ManyToManyField(Queue, blank=True, help_text=_('Leave blank to allow this reply to be used for all queues, or select those queues you wish to limit this reply to.'))
    name = models.CharField(_('Name'), max_length=100, help_text=_('Only used to assist users with selecting a reply - not shown to the user.'))
    body = models.TextField(_('Body'), help_text=_('Context available: {{ ticket }} - ticket object (eg {{ ticket.title }}); {{ queue }} - The queue; and {{ user }} - the current user.'))


class EscalationExclusion(models.Model):
    """
    An 'EscalationExclusion' lets us define a date on which escalation should
    not happen, for example a weekend or public holiday.

    You may also have a queue that is only used on one day per week.

    To create these on a regular basis, check out the README file for an
    example cronjob that runs 'create_escalation_exclusions.py'.
    """
    queues = models.ManyToManyField(Queue, blank=True, help_text=_('Leave blank for this exclusion to be applied to all queues, or select those queues you wish to exclude with this entry.'))
    name = models.CharField(_('Name'), max_length=100)
    date = models.DateField(_('Date'), help_text=_('Date on which escalation should not happen'))

    class Meta:
        verbose_name = _('Escalation exclusion')
        verbose_name_plural = _('Escalation exclusions')


class EmailTemplate(models.Model):
    """
    Since these are more likely to be changed than other templates, we store
    them in the database.

    This means that an admin can change email templates without having to have
    access to the filesystem.
    """
    template_name = models.CharField(_('Template Name'), max_length=100)
    subject = models.CharField(_('Subject'), max_length=100, help_text=_('This will be prefixed with "[ticket.ticket] ticket.title". We recommend something simple such as "(Updated") or "(Closed)" - the same context is available as in plain_text, below.'))
    heading = models.CharField(_('Heading'), max_length=100, help_text=_('In HTML e-mails, this will be the heading at the top of the email - the same context is available as in plain_text, below.'))
    plain_text = models.TextField(_('Plain Text'), help_text=_('The context available to you includes {{ ticket }}, {{ queue }}, and depending on the time of the call: {{ resolution }} or {{ comment }}.'))
    html = models.TextField(_('HTML'), help_text=_('The same context is available here as in plain_text, above.'))
    locale = models.CharField(_('Locale'), max_length=10, blank=True, null=True, help_text=_('Locale of this template.'))

    class Meta:
        ordering = ('template_name', 'locale')
        verbose_name = _('e-mail template')
        verbose_name_plural = _('e-mail templates')


class KBCategory(models.Model):
    """
    Represents a category for a group of questions and answers in the
    knowledge base.
    """
    name = models.CharField(_('Name of the category'), max_length=100)
    title = models.CharField(_('Title on knowledgebase page'), max_length=100)
    slug = models.SlugField(_('Slug'))
    description = models.TextField(_('Description'))
    queue = models.ForeignKey(Queue, blank=True, null=True, on_delete=models.CASCADE, verbose_name=_('Default queue when creating a ticket after viewing this category.'))
    public = models.BooleanField(default=True, verbose_name=_('Is KBCategory publicly visible?'))

    class Meta:
        ordering = ('title',)
        verbose_name = _('Knowledge base category')
        verbose_name_plural = _('Knowledge base categories')


class KBItem(models.Model):
    """
    An item within the knowledgebase. Very straightforward question/answer
    style system.
    """
    voted_by = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name='votes')
    downvoted_by = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name='downvotes')
    category = models.ForeignKey(KBCategory, on_delete=models.CASCADE, verbose_name=_('Category'))
    title = models.CharField(_('Title'), max_length=100)
    question = models.TextField(_('Question'))
    answer = models.TextField(_('Answer'))
    votes = models.IntegerField(_('Votes'), help_text=_('Total number of votes cast for this item'), default=0)
    recommendations = models.IntegerField(_('Positive Votes'), help_text=_('Number of votes for this item which were POSITIVE.'), default=0)
    last_updated = models.DateTimeField(_('Last Updated'), help_text=_('The date on which this question was most recently changed.'), blank=True)
    team = models.ForeignKey(helpdesk_settings.HELPDESK_TEAMS_MODEL, on_delete=models.SET_NULL, verbose_name=_('Team'), blank=True, null=True)
    order = models.PositiveIntegerField(_('Order'), blank=True, null=True)
    enabled = models.BooleanField(_('Enabled to display to users'), default=True)

    class Meta:
        ordering = ('order', 'title')
        verbose_name = _('Knowledge base item')
        verbose_name_plural = _('Knowledge base items')


class SavedSearch(models.Model):
    """
    Allow a user to save a ticket search, eg their filtering and sorting
    options, and optionally share it with other users. This lets people
    easily create a set of commonly-used filters, such as:
        * My tickets waiting on me
        * My tickets waiting on submitter
        * My tickets in 'Priority Support' queue with priority of 1
        * All tickets containing the word 'billing'.
         etc...
    """
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, verbose_name=_('User'))
    title = models.CharField(_('Query Name'), max_length=100, help_text=_('User-provided name for this query'))
    shared = models.BooleanField(_('Shared With Other Users?'), blank=True, default=False, help_text=_('Should other users see this query?'))
    query = models.TextField(_('Search Query'), help_text=_('Pickled query object. Be wary changing this.'))

    class Meta:
        verbose_name = _('Saved search')
        verbose_name_plural = _('Saved searches')


class UserSettings(models.Model):
    """
    A bunch of user-specific settings that we want to be able to define, such
    as notification preferences and other things that should probably be
    configurable.
    """
    PAGE_SIZES = ((10, '10'), (25, '25'), (50, '50'), (100, '100'))
    RESPOND_LAYOUT_TABS = 'tabs'
    RESPOND_LAYOUT_BOTTOM = 'bottom'
    RESPOND_LAYOUT_TOP = 'top'
    RESPOND_LAYOUTS = ((RESPOND_LAYOUT_TABS, _('Tabs: follow ups and respond share a tabbed card')), (RESPOND_LAYOUT_BOTTOM, _('Respond form below the follow ups')), (RESPOND_LAYOUT_TOP, _('Respond form above the follow ups')))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='usersettings_helpdesk')
    settings_pickled = models.TextField(_('DEPRECATED! Settings Dictionary DEPRECATED!'), help_text=_('DEPRECATED! This is a base64-encoded representation of a pickled Python dictionary. Do not change this field via the admin.'), blank=True, null=True)
    login_view_ticketlist = models.BooleanField(verbose_name=_('Show Ticket List on Login?'), help_text=_('Display the ticket list upon login? Otherwise, the dashboard is shown.'), default=login_view_ticketlist_default)
    email_on_ticket_change = models.BooleanField(verbose_name=_('E-mail me on ticket change?'), help_text=_("If you're the ticket owner and the ticket is changed via the web by somebody else,do you want to receive an e-mail?"), default=email_on_ticket_change_default)
    email_on_ticket_assign = models.BooleanField(verbose_name=_('E-mail me when assigned a ticket?'), help_text=_('If you are assigned a ticket via the web, do you want to receive an e-mail?'), default=email_on_ticket_assign_default)
    tickets_per_page = models.IntegerField(verbose_name=_('Number of tickets to show per page'), help_text=_('How many tickets do you want to see on the Ticket List page?'), default=tickets_per_page_default, choices=PAGE_SIZES)
    use_email_as_submitter = models.BooleanField(verbose_name=_('Use my e-mail address when submitting tickets?'), help_text=_('When you submit a ticket, do you want to automatically use your e-mail address as the submitter address? You can type a different e-mail address when entering the ticket if needed, this option only changes the default.'), default=use_email_as_submitter_default)
    ticket_respond_layout = models.CharField(verbose_name=_('Ticket respond form layout'), help_text=_('Where should the respond form appear when viewing a ticket?'), max_length=16, choices=RESPOND_LAYOUTS, default=ticket_respond_layout_default)

    class Meta:
        verbose_name = _('User Setting')
        verbose_name_plural = _('User Settings')


class IgnoreEmail(models.Model):
    """
    This model lets us easily ignore e-mails from certain senders when
    processing IMAP and POP3 mailboxes, eg mails from postmaster or from
    known trouble-makers.
    """

    class Meta:
        verbose_name = _('Ignored e-mail address')
        verbose_name_plural = _('Ignored e-mail addresses')
    queues = models.ManyToManyField(Queue, blank=True, help_text=_('Leave blank for this e-mail to be ignored on all queues, or select those queues you wish to ignore this e-mail for.'))
    name = models.CharField(_('Name'), max_length=100)
    date = models.DateField(_('Date'), help_text=_('Date on which this e-mail address was added'), blank=True, editable=False)
    email_address = models.CharField(_('E-Mail Address'), max_length=150, help_text=_('Enter a full e-mail address, or portions with wildcards, eg *@domain.com or postmaster@*.'))
    keep_in_mailbox = models.BooleanField(_('Save Emails in Mailbox?'), blank=True, default=False, help_text=_('Do you want to save emails from this address in the mailbox? If this is unticked, emails from this address will be deleted.'))


class TicketCC(models.Model):
    """
    Often, there are people who wish to follow a ticket who aren't the
    person who originally submitted it. This model provides a way for those
    people to follow a ticket.

    In this circumstance, a 'person' could be either an e-mail address or
    an existing system user.
    """
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, verbose_name=_('Ticket'))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, blank=True, null=True, help_text=_('User who wishes to receive updates for this ticket.'), verbose_name=_('User'))
    email = models.EmailField(_('E-Mail Address'), blank=True, null=True, help_text=_('For non-user followers, enter their e-mail address'))
    can_view = models.BooleanField(_('Can View Ticket?'), blank=True, default=False, help_text=_('Can this CC login to view the ticket details?'))
    can_update = models.BooleanField(_('Can Update Ticket?'), blank=True, default=False, help_text=_('Can this CC login and update the ticket?'))
    email_address = property(_email_address)
    display = property(_display)


class CustomField(models.Model):
    """
    Definitions for custom fields that are glued onto each ticket.
    """
    name = models.SlugField(_('Field Name'), help_text=_('As used in the database and behind the scenes. Must be unique and consist of only lowercase letters with no punctuation.'), unique=True)
    label = models.CharField(_('Label'), max_length=30, help_text=_('The display label for this field'))
    help_text = models.TextField(_('Help Text'), help_text=_('Shown to the user when editing the ticket'), blank=True, null=True)
    DATA_TYPE_CHOICES = (('varchar', _('Character (single line)')), ('text', _('Text (multi-line)')), ('integer', _('Integer')), ('decimal', _('Decimal')), ('list', _('List')), ('boolean', _('Boolean (checkbox yes/no)')), ('date', _('Date')), ('time', _('Time')), ('datetime', _('Date & Time')), ('email', _('E-Mail Address')), ('url', _('URL')), ('ipaddress', _('IP Address')), ('slug', _('Slug')))
    data_type = models.CharField(_('Data Type'), max_length=100, help_text=_('Allows you to restrict the data entered into this field'), choices=DATA_TYPE_CHOICES)
    max_length = models.IntegerField(_('Maximum Length (characters)'), blank=True, null=True)
    decimal_places = models.IntegerField(_('Decimal Places'), help_text=_('Only used for decimal fields'), blank=True, null=True)
    empty_selection_list = models.BooleanField(_('Add empty first choice to List?'), default=False, help_text=_('Only for List: adds an empty first entry to the choices list, which enforces that the user makes an active choice.'))
    list_values = models.TextField(_('List Values'), help_text=_('For list fields only. Enter one option per line.'), blank=True, null=True)
    ordering = models.IntegerField(_('Ordering'), help_text=_('Lower numbers are displayed first; higher numbers are listed later'), blank=True, null=True)
    choices_as_array = property(_choices_as_array)
    required = models.BooleanField(_('Required?'), help_text=_('Does the user have to enter a value for this field?'), default=False)
    staff_only = models.BooleanField(_('Staff Only?'), help_text=_('If this is ticked, then the public submission form will NOT show this field'), default=False)
    objects = CustomFieldManager()

    class Meta:
        verbose_name = _('Custom field')
        verbose_name_plural = _('Custom fields')


class TicketCustomFieldValue(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, verbose_name=_('Ticket'))
    field = models.ForeignKey(CustomField, on_delete=models.CASCADE, verbose_name=_('Field'))
    value = models.TextField(blank=True, null=True)

    class Meta:
        unique_together = (('ticket', 'field'),)
        verbose_name = _('Ticket custom field value')
        verbose_name_plural = _('Ticket custom field values')


class TicketDependency(models.Model):
    """
    The ticket identified by `ticket` cannot be resolved until the ticket in `depends_on` has been resolved.
    To help enforce this, a helper function `can_be_resolved` on each Ticket instance checks that
    these have all been resolved.
    """

    class Meta:
        unique_together = (('ticket', 'depends_on'),)
        verbose_name = _('Ticket dependency')
        verbose_name_plural = _('Ticket dependencies')
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, verbose_name=_('Ticket'), related_name='ticketdependency')
    depends_on = models.ForeignKey(Ticket, on_delete=models.CASCADE, verbose_name=_('Depends On Ticket'), related_name='depends_on')


class ChecklistTemplate(models.Model):
    name = models.CharField(verbose_name=_('Name'), max_length=100)
    task_list = models.JSONField(verbose_name=_('Task List'), validators=[is_a_list_without_empty_element])

    class Meta:
        verbose_name = _('Checklist Template')
        verbose_name_plural = _('Checklist Templates')


class Checklist(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, verbose_name=_('Ticket'), related_name='checklists')
    name = models.CharField(verbose_name=_('Name'), max_length=100)

    class Meta:
        verbose_name = _('Checklist')
        verbose_name_plural = _('Checklists')


class ChecklistTask(models.Model):
    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, verbose_name=_('Checklist'), related_name='tasks')
    description = models.CharField(verbose_name=_('Description'), max_length=250)
    completion_date = models.DateTimeField(verbose_name=_('Completion Date'), null=True, blank=True)
    position = models.PositiveSmallIntegerField(verbose_name=_('Position'), db_index=True)
    objects = ChecklistTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _('Checklist Task')
        verbose_name_plural = _('Checklist Tasks')
        ordering = ('position',)
