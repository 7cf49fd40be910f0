# Extracted from ckan 2.12.0, ckan/model/tag.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

tag_table = Table('tag', meta.metadata, Column('id', types.UnicodeText, primary_key=True, default=_types.make_uuid), Column('name', types.Unicode(MAX_TAG_LENGTH), nullable=False), Column('vocabulary_id', types.Unicode(vocabulary.VOCABULARY_NAME_MAX_LENGTH), ForeignKey('vocabulary.id')), UniqueConstraint('name', 'vocabulary_id'), Index('idx_tag_id', 'id'), Index('idx_tag_name', 'name'))


package_tag_table = Table('package_tag', meta.metadata, Column('id', types.UnicodeText, primary_key=True, default=_types.make_uuid), Column('package_id', types.UnicodeText, ForeignKey('package.id')), Column('tag_id', types.UnicodeText, ForeignKey('tag.id')), Column('state', types.UnicodeText, default=core.State.ACTIVE), Index('idx_package_tag_id', 'id'), Index('idx_package_tag_pkg_id', 'package_id'), Index('idx_package_tag_pkg_id_tag_id', 'tag_id', 'package_id'))


class Tag(domain_object.DomainObject):
    id: Mapped[str]
    name: Mapped[str]
    vocabulary_id: Mapped[Optional[str]]
    package_tags: Mapped[list['PackageTag']]
    vocabulary: Mapped[Optional['ckan.model.Vocabulary']]


class PackageTag(core.StatefulObjectMixin, domain_object.DomainObject):
    id: Mapped[str]
    package_id: Mapped[str]
    tag_id: Mapped[str]
    state: Mapped[Optional[str]]
    pkg: Mapped[Optional['ckan.model.Package']]
    package: Mapped[Optional['ckan.model.Package']]
    tag: Mapped[Optional[Tag]]
