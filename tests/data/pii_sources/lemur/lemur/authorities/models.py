# Extracted from lemur 1.9.3, lemur/authorities/models.py
# Licence: Apache-2.0 (LICENSE of the sdist), (c) Netflix, Inc. and the Lemur contributors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Authority(BaseModel):
    __tablename__ = 'authorities'
    id = Column(Integer, primary_key=True)
    owner = Column(String(128), nullable=False)
    name = Column(String(128), unique=True)
    body = Column(Text())
    chain = Column(Text())
    active = Column(Boolean, default=True)
    plugin_name = Column(String(64))
    description = Column(Text)
    options = Column(JSON)
    date_created = Column(DateTime, DefaultClause(func.now()), nullable=False)
    roles = relationship('Role', secondary=roles_authorities, passive_deletes=True, backref=db.backref('authority'))
    user_id = Column(Integer, ForeignKey('users.id'))
    authority_certificate = relationship('Certificate', backref='root_authority', uselist=False, foreign_keys='Certificate.root_authority_id')
    certificates = relationship('Certificate', backref='authority', foreign_keys='Certificate.authority_id')
    authority_pending_certificate = relationship('PendingCertificate', backref='root_authority', uselist=False, foreign_keys='PendingCertificate.root_authority_id')
    pending_certificates = relationship('PendingCertificate', backref='authority', foreign_keys='PendingCertificate.authority_id')
