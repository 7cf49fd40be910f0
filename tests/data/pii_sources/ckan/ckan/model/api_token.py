# Extracted from ckan 2.12.0, ckan/model/api_token.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

api_token_table = Table(u'api_token', meta.metadata, Column(u'id', types.UnicodeText, primary_key=True, default=_make_token), Column(u'name', types.UnicodeText), Column(u'user_id', types.UnicodeText, ForeignKey(u'user.id')), Column(u'created_at', types.DateTime, default=datetime.datetime.utcnow), Column(u'last_access', types.DateTime, nullable=True), Column(u'plugin_extras', MutableDict.as_mutable(JSONB)))


class ApiToken(DomainObject):
    id: Mapped[str]
    name: Mapped[str]
    user_id: Mapped[Optional[str]]
    created_at: Mapped[datetime.datetime]
    last_access: Mapped[Optional[datetime.datetime]]
    plugin_extras: Mapped[dict[str, Any]]
    owner: Mapped[Optional[User]]
