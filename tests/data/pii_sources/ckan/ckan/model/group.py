# Extracted from ckan 2.12.0, ckan/model/group.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

member_table = Table('member', meta.metadata, Column('id', types.UnicodeText, primary_key=True, default=_types.make_uuid), Column('table_name', types.UnicodeText, nullable=False), Column('table_id', types.UnicodeText, nullable=False), Column('capacity', types.UnicodeText, nullable=False), Column('group_id', types.UnicodeText, ForeignKey('group.id')), Column('state', types.UnicodeText, default=core.State.ACTIVE), Index('idx_group_pkg_id', 'table_id'), Index('idx_extra_grp_id_pkg_id', 'group_id', 'table_id'), Index('idx_package_group_id', 'id'))


group_table = Table('group', meta.metadata, Column('id', types.UnicodeText, primary_key=True, default=_types.make_uuid), Column('name', types.UnicodeText, nullable=False, unique=True), Column('title', types.UnicodeText), Column('type', types.UnicodeText, nullable=False), Column('description', types.UnicodeText), Column('image_url', types.UnicodeText), Column('created', types.DateTime, default=datetime.datetime.now), Column('is_organization', types.Boolean, default=False), Column('approval_status', types.UnicodeText, default=u'approved'), Column('state', types.UnicodeText, default=core.State.ACTIVE), Column('extras', MutableDict.as_mutable(JSONB), CheckConstraint('\n        jsonb_typeof(extras) = \'object\' and\n        not jsonb_path_exists(extras, \'$.* ? (@.type() <> "string")\')\n        ', name='group_flat_extras')), Index('idx_group_id', 'id'), Index('idx_group_name', 'name'))


class Member(core.StatefulObjectMixin, domain_object.DomainObject):
    id: Mapped[str]
    table_name: Mapped[Optional[str]]
    table_id: Mapped[Optional[str]]
    capacity: Mapped[str]
    group_id: Mapped[Optional[str]]
    state: Mapped[str]
    group: Optional['Group']


class Group(core.StatefulObjectMixin, domain_object.DomainObject):
    id: Mapped[str]
    name: Mapped[str]
    title: Mapped[str | None]
    type: Mapped[str]
    description: Mapped[str]
    image_url: Mapped[str]
    created: Mapped[datetime.datetime]
    is_organization: Mapped[bool]
    approval_status: Mapped[str]
    state: Mapped[str]
    member_all: Mapped[list[Member]]
