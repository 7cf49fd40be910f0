# Extracted from indico 3.2.9, indico/modules/auth/models/identities.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Identity(db.Model):
    __tablename__ = 'identities'
    __table_args__ = (db.UniqueConstraint('provider', 'identifier'), {'schema': 'users'})
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey('users.users.id'), nullable=False)
    provider = db.Column(db.String, nullable=False)
    identifier = db.Column(db.String, nullable=False)
    multipass_data = db.Column(JSONB, nullable=False, default=lambda: None)
    _data = db.Column('data', JSONB, nullable=False, default={})
    password_hash = db.Column(db.String)
    password = PasswordProperty('password_hash')
    last_login_dt = db.Column(UTCDateTime)
    last_login_ip = db.Column(INET)
