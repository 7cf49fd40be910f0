# Extracted from ckan 2.12.0, ckan/model/dashboard.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

dashboard_table = sqlalchemy.Table('dashboard', meta.metadata, sqlalchemy.Column('user_id', sqlalchemy.types.UnicodeText, sqlalchemy.ForeignKey('user.id', onupdate='CASCADE', ondelete='CASCADE'), primary_key=True, nullable=False), sqlalchemy.Column('activity_stream_last_viewed', sqlalchemy.types.DateTime, nullable=False), sqlalchemy.Column('email_last_sent', sqlalchemy.types.DateTime, nullable=False))


class Dashboard(object):
    user_id: Mapped[str]
    activity_stream_last_viewed: Mapped[datetime.datetime]
    email_last_sent: Mapped[datetime.datetime]
