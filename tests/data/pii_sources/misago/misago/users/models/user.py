# Extracted from misago 0.39.6, misago/users/models/user.py
# Licence: GPL-2.0 (setup.py, LICENSE.rst of the sdist), (c) the Misago authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class User(AbstractBaseUser, PluginDataModel, PermissionsMixin):
    ACTIVATION_NONE = 0
    ACTIVATION_USER = 1
    ACTIVATION_ADMIN = 2
    SUBSCRIPTION_NONE = 0
    SUBSCRIPTION_NOTIFY = 1
    SUBSCRIPTION_ALL = 2
    SUBSCRIPTION_CHOICES = [(SUBSCRIPTION_NONE, pgettext_lazy('user default subscription choice', 'No')), (SUBSCRIPTION_NOTIFY, pgettext_lazy('user default subscription choice', 'Notify')), (SUBSCRIPTION_ALL, pgettext_lazy('user default subscription choice', 'Notify with e-mail'))]
    LIMIT_INVITES_TO_NONE = 0
    LIMIT_INVITES_TO_FOLLOWED = 1
    LIMIT_INVITES_TO_NOBODY = 2
    LIMIT_INVITES_TO_CHOICES = [(LIMIT_INVITES_TO_NONE, pgettext_lazy('user default invites choice', 'Everybody')), (LIMIT_INVITES_TO_FOLLOWED, pgettext_lazy('user default invites choice', 'Users I follow')), (LIMIT_INVITES_TO_NOBODY, pgettext_lazy('user default invites choice', 'Nobody'))]
    username = models.CharField(max_length=30)
    slug = models.CharField(max_length=30, unique=True)
    email = models.EmailField(max_length=255, db_index=True)
    email_hash = models.CharField(max_length=32, unique=True)
    joined_on = models.DateTimeField(pgettext_lazy('user', 'joined on'), default=timezone.now, db_index=True)
    joined_from_ip = models.GenericIPAddressField(null=True, blank=True)
    is_hiding_presence = models.BooleanField(default=False)
    rank = models.ForeignKey('Rank', null=True, blank=True, on_delete=models.deletion.PROTECT)
    title = models.CharField(max_length=255, null=True, blank=True)
    requires_activation = models.PositiveIntegerField(default=ACTIVATION_NONE)
    is_staff = models.BooleanField(pgettext_lazy('user', 'staff status'), default=False)
    roles = models.ManyToManyField('misago_acl.Role')
    acl_key = models.CharField(max_length=12, null=True, blank=True)
    is_active = models.BooleanField(pgettext_lazy('user', 'active'), db_index=True, default=True)
    is_active_staff_message = models.TextField(null=True, blank=True)
    is_deleting_account = models.BooleanField(default=False)
    avatar_tmp = models.ImageField(max_length=255, upload_to=avatars_store.upload_to, null=True, blank=True)
    avatar_src = models.ImageField(max_length=255, upload_to=avatars_store.upload_to, null=True, blank=True)
    avatar_crop = models.CharField(max_length=255, null=True, blank=True)
    avatars = models.JSONField(null=True, blank=True)
    is_avatar_locked = models.BooleanField(default=False)
    avatar_lock_user_message = models.TextField(null=True, blank=True)
    avatar_lock_staff_message = models.TextField(null=True, blank=True)
    signature = models.TextField(null=True, blank=True)
    signature_parsed = models.TextField(null=True, blank=True)
    signature_checksum = models.CharField(max_length=64, null=True, blank=True)
    is_signature_locked = models.BooleanField(default=False)
    signature_lock_user_message = models.TextField(null=True, blank=True)
    signature_lock_staff_message = models.TextField(null=True, blank=True)
    followers = models.PositiveIntegerField(default=0)
    following = models.PositiveIntegerField(default=0)
    follows = models.ManyToManyField('self', related_name='followed_by', symmetrical=False)
    blocks = models.ManyToManyField('self', related_name='blocked_by', symmetrical=False)
    limits_private_thread_invites_to = models.PositiveIntegerField(default=LIMIT_INVITES_TO_NONE, choices=LIMIT_INVITES_TO_CHOICES)
    unread_private_threads = models.PositiveIntegerField(default=0)
    sync_unread_private_threads = models.BooleanField(default=False)
    subscribe_to_started_threads = models.PositiveIntegerField(default=SUBSCRIPTION_NONE, choices=SUBSCRIPTION_CHOICES)
    subscribe_to_replied_threads = models.PositiveIntegerField(default=SUBSCRIPTION_NONE, choices=SUBSCRIPTION_CHOICES)
    unread_notifications = models.PositiveIntegerField(default=0)
    watch_started_threads = models.PositiveIntegerField(default=ThreadNotifications.SITE_AND_EMAIL, choices=ThreadNotifications.choices)
    watch_replied_threads = models.PositiveIntegerField(default=ThreadNotifications.SITE_AND_EMAIL, choices=ThreadNotifications.choices)
    watch_new_private_threads_by_followed = models.PositiveIntegerField(default=ThreadNotifications.SITE_AND_EMAIL, choices=ThreadNotifications.choices)
    watch_new_private_threads_by_other_users = models.PositiveIntegerField(default=ThreadNotifications.SITE_AND_EMAIL, choices=ThreadNotifications.choices)
    notify_new_private_threads_by_followed = models.PositiveIntegerField(default=ThreadNotifications.SITE_AND_EMAIL, choices=ThreadNotifications.choices)
    notify_new_private_threads_by_other_users = models.PositiveIntegerField(default=ThreadNotifications.SITE_AND_EMAIL, choices=ThreadNotifications.choices)
    threads = models.PositiveIntegerField(default=0)
    posts = models.PositiveIntegerField(default=0, db_index=True)
    last_posted_on = models.DateTimeField(null=True, blank=True)
    profile_fields = HStoreField(default=dict)
    agreements = ArrayField(models.PositiveIntegerField(), default=list)
    USERNAME_FIELD = 'slug'
    REQUIRED_FIELDS = ['email']
    objects = UserManager()

    class Meta:
        indexes = [*PluginDataModel.Meta.indexes, models.Index(name='misago_user_is_staff_part', fields=['is_staff'], condition=Q(is_staff=True)), models.Index(name='misago_user_requires_acti_part', fields=['requires_activation'], condition=Q(requires_activation__gt=0)), models.Index(name='misago_user_is_deleting_a_part', fields=['is_deleting_account'], condition=Q(is_deleting_account=True))]


class UsernameChange(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='namechanges', on_delete=models.CASCADE)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name='user_renames', on_delete=models.SET_NULL)
    changed_by_username = models.CharField(max_length=30)
    changed_on = models.DateTimeField(default=timezone.now)
    new_username = models.CharField(max_length=255)
    old_username = models.CharField(max_length=255)

    class Meta:
        get_latest_by = 'changed_on'
