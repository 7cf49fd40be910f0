# Extracted from lemur 1.9.3, lemur/certificates/models.py
# Licence: Apache-2.0 (LICENSE of the sdist), (c) Netflix, Inc. and the Lemur contributors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Certificate(BaseModel):
    __tablename__ = 'certificates'
    __table_args__ = (Index('ix_certificates_cn', 'cn', postgresql_ops={'cn': 'gin_trgm_ops'}, postgresql_using='gin'), Index('ix_certificates_serial', 'serial'))
    id = Column(Integer, primary_key=True)
    ix = Index('ix_certificates_id_desc', id.desc(), postgresql_using='btree', unique=True)
    external_id = Column(String(128))
    owner = Column(String(128), nullable=False)
    name = Column(String(256), unique=True, index=True)
    description = Column(String(1024))
    notify = Column(Boolean, default=True)
    body = Column(Text(), nullable=False)
    chain = Column(Text())
    csr = Column(Text())
    private_key = Column(Vault)
    issuer = Column(String(128))
    serial = Column(String(128))
    cn = Column(String(128))
    deleted = Column(Boolean, index=True, default=False)
    dns_provider_id = Column(Integer(), ForeignKey('dns_providers.id', ondelete='CASCADE'), nullable=True)
    not_before = Column(ArrowType)
    not_after = Column(ArrowType)
    not_after_ix = Index('ix_certificates_not_after', not_after.desc())
    date_created = Column(ArrowType, DefaultClause(func.now()), nullable=False)
    signing_algorithm = Column(String(128))
    status = Column(String(128))
    bits = Column(Integer())
    san = Column(String(1024))
    rotation = Column(Boolean, default=False)
    user_id = Column(Integer, ForeignKey('users.id'))
    authority_id = Column(Integer, ForeignKey('authorities.id', ondelete='CASCADE'))
    root_authority_id = Column(Integer, ForeignKey('authorities.id', ondelete='CASCADE'))
    rotation_policy_id = Column(Integer, ForeignKey('rotation_policies.id'))
    key_type = Column(String(128))
    notifications = relationship('Notification', secondary=certificate_notification_associations, backref='certificate')
    destinations = relationship('Destination', secondary=certificate_destination_associations, backref='certificate')
    sources = relationship('Source', secondary=certificate_source_associations, backref='certificate')
    domains = association_proxy('certificate_associations', 'domain')
    roles = relationship('Role', secondary=roles_certificates, backref='certificate')
    replaces = relationship('Certificate', secondary=certificate_replacement_associations, primaryjoin=id == certificate_replacement_associations.c.certificate_id, secondaryjoin=id == certificate_replacement_associations.c.replaced_certificate_id, backref='replaced')
    replaced_by_pending = relationship('PendingCertificate', secondary=pending_cert_replacement_associations, backref='pending_replace')
    logs = relationship('Log', backref='certificate')
    endpoints = relationship('Endpoint', backref='certificate')
    rotation_policy = relationship('RotationPolicy')
    sensitive_fields = ('private_key',)


class CertificateAssociation(BaseModel):
    __tablename__ = 'certificate_associations'
    __table_args__ = (Index('certificate_associations_ix', 'domain_id', 'certificate_id', unique=True), Index('certificate_associations_certificate_id_idx', 'certificate_id'))
    domain_id = Column(Integer, ForeignKey('domains.id'), primary_key=True)
    certificate_id = Column(Integer, ForeignKey('certificates.id'), primary_key=True)
    ports = Column(postgresql.ARRAY(Integer))
    certificate = relationship(Certificate, backref=backref('certificate_associations', cascade='all, delete-orphan'))
    domain = relationship('Domain')
