# Extracted from ckan 2.12.0, ckan/model/dashboard.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Dashboard(object):
    user_id: Mapped[str]
    activity_stream_last_viewed: Mapped[datetime.datetime]
    email_last_sent: Mapped[datetime.datetime]
