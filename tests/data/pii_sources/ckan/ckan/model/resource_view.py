# Extracted from ckan 2.12.0, ckan/model/resource_view.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

resource_view_table = sa.Table('resource_view', meta.metadata, sa.Column('id', sa.types.UnicodeText, primary_key=True, default=_types.make_uuid), sa.Column('resource_id', sa.types.UnicodeText, sa.ForeignKey('resource.id', onupdate='CASCADE', ondelete='CASCADE')), sa.Column('title', sa.types.UnicodeText, nullable=True), sa.Column('description', sa.types.UnicodeText, nullable=True), sa.Column('view_type', sa.types.UnicodeText, nullable=False), sa.Column('order', sa.types.Integer, nullable=False), sa.Column('config', _types.JsonDictType), sa.Index('idx_view_resource_id', 'resource_id'))


class ResourceView(domain_object.DomainObject):
    id: Mapped[str]
    resource_id: Mapped[str]
    title: Mapped[Optional[str]]
    description: Mapped[Optional[str]]
    view_type: Mapped[str]
    order: Mapped[int]
    config: Mapped[dict[str, Any]]
