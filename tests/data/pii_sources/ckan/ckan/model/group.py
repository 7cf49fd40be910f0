# Extracted from ckan 2.12.0, ckan/model/group.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

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
