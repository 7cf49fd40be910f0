# Extracted from ckan 2.12.0, ckan/model/user.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

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
