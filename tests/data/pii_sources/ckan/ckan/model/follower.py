# Extracted from ckan 2.12.0, ckan/model/follower.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

user_following_user_table = sqlalchemy.Table('user_following_user', meta.metadata, sqlalchemy.Column('follower_id', sqlalchemy.types.UnicodeText, sqlalchemy.ForeignKey('user.id', onupdate='CASCADE', ondelete='CASCADE'), primary_key=True, nullable=False), sqlalchemy.Column('object_id', sqlalchemy.types.UnicodeText, sqlalchemy.ForeignKey('user.id', onupdate='CASCADE', ondelete='CASCADE'), primary_key=True, nullable=False), sqlalchemy.Column('datetime', sqlalchemy.types.DateTime, nullable=False))


user_following_dataset_table = sqlalchemy.Table('user_following_dataset', meta.metadata, sqlalchemy.Column('follower_id', sqlalchemy.types.UnicodeText, sqlalchemy.ForeignKey('user.id', onupdate='CASCADE', ondelete='CASCADE'), primary_key=True, nullable=False), sqlalchemy.Column('object_id', sqlalchemy.types.UnicodeText, sqlalchemy.ForeignKey('package.id', onupdate='CASCADE', ondelete='CASCADE'), primary_key=True, nullable=False), sqlalchemy.Column('datetime', sqlalchemy.types.DateTime, nullable=False))


user_following_group_table = sqlalchemy.Table('user_following_group', meta.metadata, sqlalchemy.Column('follower_id', sqlalchemy.types.UnicodeText, sqlalchemy.ForeignKey('user.id', onupdate='CASCADE', ondelete='CASCADE'), primary_key=True, nullable=False), sqlalchemy.Column('object_id', sqlalchemy.types.UnicodeText, sqlalchemy.ForeignKey('group.id', onupdate='CASCADE', ondelete='CASCADE'), primary_key=True, nullable=False), sqlalchemy.Column('datetime', sqlalchemy.types.DateTime, nullable=False))


class ModelFollowingModel(domain_object.DomainObject, Generic[Follower, Followed]):
    follower_id: Mapped[str]
    object_id: Mapped[str]
    datetime: Mapped[_datetime.datetime]
