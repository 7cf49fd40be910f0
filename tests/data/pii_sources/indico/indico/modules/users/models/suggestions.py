# Extracted from indico 3.2.9, indico/modules/users/models/suggestions.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class SuggestedCategory(db.Model):
    __tablename__ = 'suggested_categories'
    __table_args__ = {'schema': 'users'}
    user_id = db.Column(db.Integer, db.ForeignKey('users.users.id'), primary_key=True, index=True, autoincrement=False)
    category_id = db.Column(db.Integer, db.ForeignKey('categories.categories.id'), primary_key=True, index=True, autoincrement=False)
    is_ignored = db.Column(db.Boolean, nullable=False, default=False)
    score = db.Column(db.Float, nullable=False, default=0)
    category = db.relationship('Category', lazy=False, backref=db.backref('suggestions', lazy=True, cascade='all, delete-orphan'))
