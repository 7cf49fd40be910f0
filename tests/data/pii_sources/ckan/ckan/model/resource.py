# Extracted from ckan 2.12.0, ckan/model/resource.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Resource(core.StatefulObjectMixin, domain_object.DomainObject):
    id: Mapped[str]
    package_id: Mapped[Optional[str]]
    url: Mapped[str]
    format: Mapped[str]
    description: Mapped[str]
    hash: Mapped[str]
    position: Mapped[int]
    name: Mapped[str]
    resource_type: Mapped[str]
    mimetype: Mapped[str]
    size: Mapped[int]
    created: Mapped[datetime.datetime]
    last_modified: Mapped[datetime.datetime]
    metadata_modified: Mapped[datetime.datetime]
    cache_url: Mapped[str]
    cache_last_update: Mapped[datetime.datetime]
    url_type: Mapped[str]
    extras: dict[str, Any]
    state: Mapped[str]
    extra_columns: ClassVar[Optional[list[str]]] = None
    package: Mapped[Package]
    url_changed: Optional[bool]
