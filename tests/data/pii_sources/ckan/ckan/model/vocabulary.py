# Extracted from ckan 2.12.0, ckan/model/vocabulary.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Vocabulary(domain_object.DomainObject):
    id: Mapped[str]
    name: Mapped[str]
