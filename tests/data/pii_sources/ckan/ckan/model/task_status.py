# Extracted from ckan 2.12.0, ckan/model/task_status.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

task_status_table = Table('task_status', meta.metadata, Column('id', types.UnicodeText, primary_key=True, default=_types.make_uuid), Column('entity_id', types.UnicodeText, nullable=False), Column('entity_type', types.UnicodeText, nullable=False), Column('task_type', types.UnicodeText, nullable=False), Column('key', types.UnicodeText, nullable=False), Column('value', types.UnicodeText, nullable=False), Column('state', types.UnicodeText), Column('error', types.UnicodeText), Column('last_updated', types.DateTime, default=datetime.now), UniqueConstraint('entity_id', 'task_type', 'key'))


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
