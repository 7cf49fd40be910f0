# Extracted from indico 3.2.9, indico/modules/auth/models/registration_requests.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class RegistrationRequest(db.Model):
    __tablename__ = 'registration_requests'
    __table_args__ = (db.CheckConstraint('email = lower(email)', 'lowercase_email'), {'schema': 'users'})
    id = db.Column(db.Integer, primary_key=True)
    comment = db.Column(db.Text, nullable=False, default='')
    email = db.Column(db.String, unique=True, nullable=False, index=True)
    extra_emails = db.Column(ARRAY(db.String), nullable=False, default=[])
    user_data = db.Column(JSONB, nullable=False)
    _identity_data = db.Column('identity_data', JSONB, nullable=False)
    settings = db.Column(JSONB, nullable=False)
