# Extracted from lemur 1.9.3, lemur/users/models.py
# Licence: Apache-2.0 (LICENSE of the sdist), (c) Netflix, Inc. and the Lemur contributors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class User(BaseModel):
    __tablename__ = 'users'
    id = Column(Integer, primary_key=True)
    password = Column(String(128))
    active = Column(Boolean())
    confirmed_at = Column(ArrowType())
    username = Column(String(255), nullable=False, unique=True)
    email = Column(String(128), unique=True)
    profile_picture = Column(String(255))
    roles = relationship('Role', secondary=roles_users, passive_deletes=True, backref=db.backref('user'), lazy='dynamic')
    certificates = relationship('Certificate', backref=db.backref('user'), lazy='dynamic')
    pending_certificates = relationship('PendingCertificate', backref=db.backref('user'), lazy='dynamic')
    authorities = relationship('Authority', backref=db.backref('user'), lazy='dynamic')
    keys = relationship('ApiKey', backref=db.backref('user'), lazy='dynamic')
    logs = relationship('Log', backref=db.backref('user'), lazy='dynamic')
    sensitive_fields = ('password',)
