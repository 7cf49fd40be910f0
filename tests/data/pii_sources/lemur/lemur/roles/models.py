# Extracted from lemur 1.9.3, lemur/roles/models.py
# Licence: Apache-2.0 (LICENSE of the sdist), (c) Netflix, Inc. and the Lemur contributors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Role(BaseModel):
    __tablename__ = 'roles'
    id = Column(Integer, primary_key=True)
    name = Column(String(128), unique=True)
    username = Column(String(128))
    password = Column(Vault)
    description = Column(Text)
    authority_id = Column(Integer, ForeignKey('authorities.id'))
    authorities = relationship('Authority', secondary=roles_authorities, passive_deletes=True, backref='role', cascade='all,delete')
    user_id = Column(Integer, ForeignKey('users.id'))
    third_party = Column(Boolean)
    users = relationship('User', secondary=roles_users, passive_deletes=True, backref='role')
    certificates = relationship('Certificate', secondary=roles_certificates, backref='role')
    pending_certificates = relationship('PendingCertificate', secondary=pending_cert_role_associations, backref='role')
    sensitive_fields = ('password',)
