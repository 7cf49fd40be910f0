# Extracted from ckan 2.12.0, ckan/model/task_status.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class TaskStatus(domain_object.DomainObject):
    id: Mapped[str]
    entity_id: Mapped[str]
    entity_type: Mapped[str]
    task_type: Mapped[str]
    key: Mapped[str]
    value: Mapped[str]
    state: Mapped[str]
    error: Mapped[str]
    last_updated: Mapped[datetime]
