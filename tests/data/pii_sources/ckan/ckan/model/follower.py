# Extracted from ckan 2.12.0, ckan/model/follower.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class ModelFollowingModel(domain_object.DomainObject, Generic[Follower, Followed]):
    follower_id: Mapped[str]
    object_id: Mapped[str]
    datetime: Mapped[_datetime.datetime]
