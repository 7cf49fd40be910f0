# Extracted from ckan 2.12.0, ckan/model/api_token.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class ApiToken(DomainObject):
    id: Mapped[str]
    name: Mapped[str]
    user_id: Mapped[Optional[str]]
    created_at: Mapped[datetime.datetime]
    last_access: Mapped[Optional[datetime.datetime]]
    plugin_extras: Mapped[dict[str, Any]]
    owner: Mapped[Optional[User]]
