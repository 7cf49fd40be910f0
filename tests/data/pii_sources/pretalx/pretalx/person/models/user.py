# Extracted from pretalx 2025.2.2, pretalx/person/models/user.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class User(PermissionsMixin, RulesModelMixin, GenerateCode, LogMixin, FileCleanupMixin, AbstractBaseUser, metaclass=RulesModelBase):
    """The pretalx user model.

    Users describe all kinds of persons who interact with pretalx: Organisers, reviewers, submitters, speakers.

    :param code: A user's alphanumeric code is auto generated, may not be
        changed, and is the unique identifier of that user.
    :param name: A name fit for public display. Will be used in the user
        interface and for public display for all speakers in all of their
        events.
    :param password: The password is stored using Django's PasswordField. Use
        the ``set_password`` and ``check_password`` methods to interact with it.
    :param nick: The nickname field has been deprecated and is scheduled to be
        deleted. Use the email field instead.
    :param groups: Django internals, not used in pretalx.
    :param user_permissions: Django internals, not used in pretalx.
    """
    EMAIL_FIELD = 'email'
    USERNAME_FIELD = 'email'
    objects = UserManager().from_queryset(UserQuerySet)()
    code = models.CharField(max_length=16, unique=True, null=True)
    nick = models.CharField(max_length=60, null=True, blank=True)
    name = models.CharField(max_length=120, verbose_name=_('Name'), help_text=_('Please enter the name you wish to be displayed publicly. This name will be used for all events you are participating in on this server.'), validators=[validate_username])
    email = models.EmailField(unique=True, verbose_name=_('Email'), help_text=_('Your email address will be used for password resets and notification about your event/proposals.'))
    is_active = models.BooleanField(default=True, help_text='Inactive users are not allowed to log in.')
    is_staff = models.BooleanField(default=False, help_text='A default Django flag. Not in use in pretalx.')
    is_administrator = models.BooleanField(default=False, help_text='Should only be ``True`` for people with administrative access to the server pretalx runs on.')
    is_superuser = models.BooleanField(default=False, help_text='Never set this flag to ``True``, since it short-circuits all authorisation mechanisms.')
    locale = models.CharField(max_length=32, default=settings.LANGUAGE_CODE, choices=settings.LANGUAGES, verbose_name=_('Preferred language'))
    timezone = models.CharField(choices=[(tz, tz) for tz in TIMEZONE_CHOICES], max_length=32, default='UTC')
    avatar = models.ImageField(null=True, blank=True, verbose_name=_('Profile picture'), upload_to=avatar_path)
    avatar_thumbnail = models.ImageField(null=True, blank=True, upload_to='avatars/')
    avatar_thumbnail_tiny = models.ImageField(null=True, blank=True, upload_to='avatars/')
    get_gravatar = models.BooleanField(default=False, verbose_name=_('Retrieve profile picture via gravatar'), help_text=_('If you have registered with an email address that has a gravatar account, we can retrieve your profile picture from there.'))
    pw_reset_token = models.CharField(null=True, max_length=160, verbose_name='Password reset token')
    pw_reset_time = models.DateTimeField(null=True, verbose_name='Password reset time')

    class Meta:
        rules_permissions = {'administrator': is_administrator}
    deactivate.alters_data = True
    shred.alters_data = True
    regenerate_token.alters_data = True
    reset_password.alters_data = True

    class orga_urls(EventUrls):
        admin = '/orga/admin/users/{self.code}/'
    change_password.alters_data = True
    change_email.alters_data = True
