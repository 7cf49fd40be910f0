# Extracted from ckan 2.12.0, ckan/model/package.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

package_table = Table('package', meta.metadata, Column('id', types.UnicodeText, primary_key=True, default=_types.make_uuid), Column('name', types.Unicode(PACKAGE_NAME_MAX_LENGTH), nullable=False, unique=True), Column('title', types.UnicodeText, doc='remove_if_not_provided'), Column('version', types.Unicode(PACKAGE_VERSION_MAX_LENGTH), doc='remove_if_not_provided'), Column('url', types.UnicodeText, doc='remove_if_not_provided'), Column('author', types.UnicodeText, doc='remove_if_not_provided'), Column('author_email', types.UnicodeText, doc='remove_if_not_provided'), Column('maintainer', types.UnicodeText, doc='remove_if_not_provided'), Column('maintainer_email', types.UnicodeText, doc='remove_if_not_provided'), Column('notes', types.UnicodeText, doc='remove_if_not_provided'), Column('license_id', types.UnicodeText, doc='remove_if_not_provided'), Column('type', types.UnicodeText, default=u'dataset'), Column('owner_org', types.UnicodeText), Column('creator_user_id', types.UnicodeText), Column('metadata_created', types.DateTime, default=datetime.datetime.utcnow), Column('metadata_modified', types.DateTime, default=datetime.datetime.utcnow), Column('private', types.Boolean, default=False), Column('state', types.UnicodeText, default=core.State.ACTIVE), Column('plugin_data', MutableDict.as_mutable(JSONB)), Column('extras', MutableDict.as_mutable(JSONB), CheckConstraint('\n        jsonb_typeof(extras) = \'object\' and\n        not jsonb_path_exists(extras, \'$.* ? (@.type() <> "string")\')\n        ', name='package_flat_extras')), Index('idx_pkg_sid', 'id', 'state'), Index('idx_pkg_sname', 'name', 'state'), Index('idx_pkg_slname', sa.func.lower(sa.text('name::text')), 'state'), Index('idx_pkg_lname', sa.func.lower(sa.text('name::text'))), Index('idx_pkg_suname', sa.func.upper(sa.text('name::text')), 'state'), Index('idx_pkg_uname', sa.func.upper(sa.text('name::text'))), Index('idx_pkg_stitle', 'title', 'state'), Index('idx_package_creator_user_id', 'creator_user_id'))


package_member_table = Table('package_member', meta.metadata, Column('package_id', ForeignKey('package.id'), primary_key=True), Column('user_id', ForeignKey('user.id'), primary_key=True), Column('capacity', types.UnicodeText, nullable=False), Column('modified', types.DateTime, default=datetime.datetime.utcnow, nullable=False))


class Package(core.StatefulObjectMixin, domain_object.DomainObject):
    id: Mapped[str]
    name: Mapped[str]
    title: Mapped[str]
    version: Mapped[str]
    url: Mapped[str]
    author: Mapped[str]
    author_email: Mapped[str]
    maintainer: Mapped[str]
    maintainer_email: Mapped[str]
    notes: Mapped[str]
    licensce_id: Mapped[str]
    type: Mapped[str]
    owner_org: Mapped[Optional[str]]
    creator_user_id: Mapped[str]
    metadata_created: Mapped[datetime.datetime]
    metadata_modified: Mapped[datetime.datetime]
    private: Mapped[bool]
    state: Mapped[str]
    plugin_data: Mapped[dict[str, Any]]
    extras: Mapped[dict[str, str]]
    package_tags: Mapped[list['PackageTag']]
    resources_all: Mapped[list['Resource']]
    relationships_as_subject: Mapped['PackageRelationship']
    relationships_as_object: Mapped['PackageRelationship']
    _license_register: ClassVar['_license.LicenseRegister']
    text_search_fields: list[str] = ['name', 'title']
    license = property(get_license, set_license)


class PackageMember(domain_object.DomainObject):
    package_id: Mapped[str]
    user_id: Mapped[str]
    capacity: Mapped[str]
    modified: Mapped[datetime.datetime]
