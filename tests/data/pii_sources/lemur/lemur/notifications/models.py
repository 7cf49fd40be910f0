# Extracted from lemur 1.9.3, lemur/notifications/models.py
# Licence: Apache-2.0 (LICENSE of the sdist), (c) Netflix, Inc. and the Lemur contributors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Notification(BaseModel):
    __tablename__ = 'notifications'
    id = Column(Integer, primary_key=True)
    label = Column(String(128), unique=True)
    description = Column(Text())
    options = Column(JSONType)
    active = Column(Boolean, default=True)
    plugin_name = Column(String(32))
    certificates = relationship('Certificate', secondary=certificate_notification_associations, passive_deletes=True, backref='notification', cascade='all,delete')
    pending_certificates = relationship('PendingCertificate', secondary=pending_cert_notification_associations, passive_deletes=True, backref='notification', cascade='all,delete')
