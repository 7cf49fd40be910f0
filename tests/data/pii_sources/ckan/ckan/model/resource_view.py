# Extracted from ckan 2.12.0, ckan/model/resource_view.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class ResourceView(domain_object.DomainObject):
    id: Mapped[str]
    resource_id: Mapped[str]
    title: Mapped[Optional[str]]
    description: Mapped[Optional[str]]
    view_type: Mapped[str]
    order: Mapped[int]
    config: Mapped[dict[str, Any]]
