# Extracted from indico 3.2.9, indico/modules/users/models/affiliations.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Affiliation(db.Model):
    __tablename__ = 'affiliations'
    __table_args__ = (db.Index(None, 'meta', postgresql_using='gin'), {'schema': 'indico'})
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String, nullable=False, index=True)
    is_deleted = db.Column(db.Boolean, nullable=False, default=False)
    street = db.Column(db.String, nullable=False, default='')
    postcode = db.Column(db.String, nullable=False, default='')
    city = db.Column(db.String, nullable=False, default='')
    country_code = db.Column(db.String, nullable=False, default='')
    meta = db.Column(JSONB, nullable=False, default={})
