# Extracted from openwisp-users 1.3.2, openwisp_users/base/models.py
# Licence: BSD-3-Clause (LICENSE of the sdist), (c) 2017 OpenWISP
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class AbstractUser(BaseUser):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(_('email address'), unique=True, blank=True, null=True)
    bio = models.TextField(_('bio'), blank=True)
    url = models.URLField(_('URL'), blank=True)
    company = models.CharField(_('company'), max_length=30, blank=True)
    location = models.CharField(_('location'), max_length=256, blank=True)
    phone_number = PhoneNumberField(_('phone number'), unique=True, blank=True, null=True)
    birth_date = models.DateField(_('birth date'), blank=True, null=True)
    notes = models.TextField(_('notes'), blank=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    password_updated = models.DateField(_('password updated'), blank=True, null=True)
    password_based_token = models.BooleanField(_('password based token'), blank=True, null=True, default=None)
    expiration_date = models.DateField(_('expiration date'), blank=True, null=True)
    objects = UserManager()

    class Meta(BaseUser.Meta):
        abstract = True
        indexes = [models.Index(fields=['id', 'email'], name='user_id_email_idx'), models.Index(fields=['is_active', 'expiration_date'], name='user_active_expiry_idx')]


class BaseOrganization(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    description = models.TextField(_('description'), blank=True)
    email = models.EmailField(_('email'), blank=True)
    url = models.URLField(_('URL'), blank=True)

    class Meta:
        abstract = True


class BaseOrganizationUser(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    is_admin = models.BooleanField(_('Organization manager'), default=False)

    class Meta:
        abstract = True


class BaseOrganizationOwner(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True
