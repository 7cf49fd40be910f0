# Extracted from flaskbb 2.0.2, flaskbb/utils/database.py
# Licence: BSD-3-Clause, (c) 2013-2018 the FlaskBB Team and contributors (LICENSE of the sdist)
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class HideableMixin(object):
    query_class = HideableQuery
    hidden = db.Column(db.Boolean, default=False, nullable=True)
    hidden_at = db.Column(UTCDateTime(timezone=True), nullable=True)
