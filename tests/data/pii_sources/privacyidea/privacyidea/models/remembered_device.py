# Extracted from privacyidea 3.14, privacyidea/models/remembered_device.py
# Licence: AGPL-3.0-or-later (LICENSE of the sdist), (c) the privacyIDEA authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class RememberedDevice(MethodsMixin, db.Model):
    __tablename__ = 'remembered_devices'
    __table_args__ = (Index('ix_remembered_devices_identity', 'client_id', 'resolver', 'user_id', 'realm_id'), Index('ix_remembered_devices_client_created', 'client_id', 'created_at'))
    series_id: Mapped[str] = mapped_column(Unicode(64), primary_key=True)
    device_id: Mapped[str] = mapped_column(Unicode(64), unique=True, nullable=False)
    counter: Mapped[int] = mapped_column(Integer, default=1, nullable=False)
    client_id: Mapped[str] = mapped_column(Unicode(36), ForeignKey('clients.id', ondelete='CASCADE'), index=True, nullable=False)
    resolver: Mapped[str] = mapped_column(Unicode(120), index=True, nullable=False)
    user_id: Mapped[str] = mapped_column(Unicode(320), index=True, nullable=False)
    realm_id: Mapped[int] = mapped_column(Integer, ForeignKey('realm.id', ondelete='CASCADE'), index=True, nullable=False)
    ip_address: Mapped[str | None] = mapped_column(Unicode(64))
    user_agent: Mapped[str | None] = mapped_column(Unicode(255))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, nullable=False)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True, nullable=False)
