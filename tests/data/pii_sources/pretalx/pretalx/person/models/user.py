# Extracted from pretalx 2025.2.2, pretalx/person/models/user.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class User(PermissionsMixin, RulesModelMixin, GenerateCode, LogMixin, FileCleanupMixin, AbstractBaseUser, metaclass=RulesModelBase):
    EMAIL_FIELD = 'email'
    USERNAME_FIELD = 'email'
    objects = UserManager().from_queryset(UserQuerySet)()
    code = models.CharField(max_length=16, unique=True, null=True)
    nick = models.CharField(max_length=60, null=True, blank=True)
    name = models.CharField(max_length=120, validators=[validate_username])
    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    is_administrator = models.BooleanField(default=False)
    is_superuser = models.BooleanField(default=False)
    locale = models.CharField(max_length=32, default=settings.LANGUAGE_CODE, choices=settings.LANGUAGES)
    timezone = models.CharField(choices=[(tz, tz) for tz in TIMEZONE_CHOICES], max_length=32, default='UTC')
    avatar = models.ImageField(null=True, blank=True, upload_to=avatar_path)
    avatar_thumbnail = models.ImageField(null=True, blank=True, upload_to='avatars/')
    avatar_thumbnail_tiny = models.ImageField(null=True, blank=True, upload_to='avatars/')
    get_gravatar = models.BooleanField(default=False)
    pw_reset_token = models.CharField(null=True, max_length=160)
    pw_reset_time = models.DateTimeField(null=True)

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
