# Extracted from ckan 2.12.0, ckan/model/package_relationship.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

package_relationship_table = Table('package_relationship', meta.metadata, Column('id', types.UnicodeText, primary_key=True, default=_types.make_uuid), Column('subject_package_id', types.UnicodeText, ForeignKey('package.id')), Column('object_package_id', types.UnicodeText, ForeignKey('package.id')), Column('type', types.UnicodeText), Column('comment', types.UnicodeText), Column('state', types.UnicodeText, default=core.State.ACTIVE))


class PackageRelationship(core.StatefulObjectMixin, domain_object.DomainObject):
    id: Mapped[str]
    subject_package_id: Mapped[str]
    object_package_id: Mapped[str]
    type: Mapped[str]
    comment: Mapped[str]
    state: Mapped[str]
    object: Mapped[_package.Package]
    subject: Mapped[_package.Package]
    all_types: Optional[list[str]]
    fwd_types: Optional[list[str]]
    rev_types: Optional[list[str]]
    types: list[tuple[str, str]] = [(u'depends_on', u'dependency_of'), (u'derives_from', u'has_derivation'), (u'links_to', u'linked_from'), (u'child_of', u'parent_of')]
    types_printable: list[tuple[str, str]] = [(_(u'depends on %s'), _(u'is a dependency of %s')), (_(u'derives from %s'), _(u'has derivation %s')), (_(u'links to %s'), _(u'is linked from %s')), (_(u'is a child of %s'), _(u'is a parent of %s'))]
    inferred_types_printable: dict[str, str] = {'sibling': _('has sibling %s')}
