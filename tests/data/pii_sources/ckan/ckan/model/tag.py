# Extracted from ckan 2.12.0, ckan/model/tag.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

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
