# Extracted from ckan 2.12.0, ckan/model/user.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

user_table = Table('user', meta.metadata, Column('id', types.UnicodeText, primary_key=True, default=_types.make_uuid), Column('name', types.UnicodeText, nullable=False, unique=True), Column('password', types.UnicodeText), Column('fullname', types.UnicodeText), Column('email', types.UnicodeText), Column('apikey', types.UnicodeText, default=set_api_key), Column('created', types.DateTime, default=datetime.datetime.now), Column('reset_key', types.UnicodeText), Column('about', types.UnicodeText), Column('last_active', types.TIMESTAMP), Column('activity_streams_email_notifications', types.Boolean, default=False), Column('sysadmin', types.Boolean, default=False), Column('state', types.UnicodeText, default=core.State.ACTIVE, nullable=False), Column('image_url', types.UnicodeText), Column('plugin_extras', MutableDict.as_mutable(JSONB)), Index('idx_user_id', 'id'), Index('idx_user_name', 'name'), Index('idx_only_one_active_email_no_case', func.lower(Column('email')), unique=True, postgresql_where="(state = 'active'::text)"), Index('idx_user_name_index', sa.text("(\nCASE\n    WHEN fullname IS NULL OR fullname = ''::text THEN name\n    ELSE fullname\nEND)")))


class User(core.StatefulObjectMixin, domain_object.DomainObject):
    id: Mapped[str]
    name: Mapped[str]
    fullname: Mapped[Optional[str]]
    email: Mapped[Optional[str]]
    apikey: Mapped[Optional[str]]
    created: Mapped[datetime.datetime]
    reset_key: Mapped[str]
    about: Mapped[str]
    activity_streams_email_notifications: Mapped[bool]
    sysadmin: Mapped[bool]
    state: Mapped[str]
    image_url: Mapped[str]
    plugin_extras: Mapped[dict[str, Any]]
    api_tokens: Mapped[list['ApiToken']]
    VALID_NAME = re.compile('^[a-zA-Z0-9_\\-]{3,255}$')
    DOUBLE_SLASH = re.compile(':\\/([^/])')
    password = property(_get_password, _set_password)


class AnonymousUser(AnonymousUserMixin):
    id: str = ''
    name: str = ''
    email: str = ''
