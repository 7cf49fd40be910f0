# Extracted from ckan 2.12.0, ckan/model/package.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

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
