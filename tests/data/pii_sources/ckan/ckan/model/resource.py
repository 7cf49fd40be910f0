# Extracted from ckan 2.12.0, ckan/model/resource.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

resource_table = Table('resource', meta.metadata, Column('id', types.UnicodeText, primary_key=True, default=_types.make_uuid), Column('package_id', types.UnicodeText, ForeignKey('package.id'), nullable=False), Column('url', types.UnicodeText, nullable=False, doc='remove_if_not_provided'), Column('format', types.UnicodeText), Column('description', types.UnicodeText, doc='remove_if_not_provided'), Column('hash', types.UnicodeText), Column('position', types.Integer), Column('name', types.UnicodeText), Column('resource_type', types.UnicodeText, doc='remove_if_not_provided'), Column('mimetype', types.UnicodeText, doc='remove_if_not_provided'), Column('mimetype_inner', types.UnicodeText, doc='remove_if_not_provided'), Column('size', types.BigInteger), Column('created', types.DateTime, default=datetime.datetime.utcnow), Column('last_modified', types.DateTime), Column('metadata_modified', types.DateTime, default=datetime.datetime.utcnow), Column('cache_url', types.UnicodeText), Column('cache_last_updated', types.DateTime), Column('url_type', types.UnicodeText), Column('extras', _types.JsonDictType), Column('state', types.UnicodeText, default=core.State.ACTIVE), Index('idx_package_resource_id', 'id'), Index('idx_package_resource_package_id', 'package_id'), Index('idx_package_resource_url', 'url'))


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
