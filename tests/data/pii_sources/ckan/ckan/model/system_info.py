# Extracted from ckan 2.12.0, ckan/model/system_info.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

system_info_table = Table('system_info', meta.metadata, Column('id', types.Integer(), primary_key=True, nullable=False), Column('key', types.Unicode(100), unique=True, nullable=False), Column('value', types.UnicodeText), Column('state', types.UnicodeText, default=core.State.ACTIVE, nullable=False))


class SystemInfo(core.StatefulObjectMixin, domain_object.DomainObject):
    id: Mapped[int]
    key: Mapped[str]
    value: Mapped[str]
    state: Mapped[str]
