# Extracted from dispatch 2.0.6, dispatch/modules/auth/models.py
# Licence: GPL-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Person(Model):
    full_name = CharField(max_length=255, blank=False, null=False, unique=True)
    is_admin = BooleanField(default=True)
    image = ImageField(upload_to='images', null=True)
    slug = SlugField(blank=False, null=False, unique=True)
    description = TextField(null=True, blank=True)
    title = CharField(max_length=255, null=True, blank=True)
    facebook_url = CharField(max_length=255, null=True)
    twitter_url = CharField(max_length=255, null=True)

    class Meta:
        indexes = [models.Index(fields=['full_name'])]


class User(AbstractBaseUser, PermissionsMixin):
    email = CharField(max_length=255, unique=True)
    is_active = BooleanField(default=True)
    person = OneToOneField(Person, null=True, related_name='person', on_delete=PROTECT)
    groups = ManyToManyField(Group)
    USERNAME_FIELD = 'email'
    objects = UserManager(Person)


class Invite(Model):
    id = UUIDField(default=uuid.uuid4, primary_key=True)
    email = CharField(max_length=255, unique=True)
    person = OneToOneField(Person, null=False, related_name='invited_person', on_delete=CASCADE)
    permissions = CharField(max_length=255, default='')
    expiration_date = DateTimeField(default=get_expiration_date)
