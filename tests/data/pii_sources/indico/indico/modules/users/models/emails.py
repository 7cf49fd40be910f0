# Extracted from indico 3.2.9, indico/modules/users/models/emails.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class UserEmail(db.Model):
    __tablename__ = 'emails'
    __table_args__ = (db.CheckConstraint('email = lower(email)', 'lowercase_email'), db.Index(None, 'email', unique=True, postgresql_where=db.text('NOT is_user_deleted')), db.Index(None, 'user_id', unique=True, postgresql_where=db.text('is_primary AND NOT is_user_deleted')), {'schema': 'users'})
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey('users.users.id'), nullable=False, index=True)
    email = db.Column(db.String, nullable=False, index=True)
    is_primary = db.Column(db.Boolean, nullable=False, default=False)
    is_user_deleted = db.Column(db.Boolean, nullable=False, default=False)
