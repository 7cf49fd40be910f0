# Extracted from ckan 2.12.0, ckan/model/vocabulary.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

vocabulary_table = Table('vocabulary', meta.metadata, Column('id', types.UnicodeText, primary_key=True, default=_types.make_uuid), Column('name', types.Unicode(VOCABULARY_NAME_MAX_LENGTH), nullable=False, unique=True))


class Vocabulary(domain_object.DomainObject):
    id: Mapped[str]
    name: Mapped[str]
