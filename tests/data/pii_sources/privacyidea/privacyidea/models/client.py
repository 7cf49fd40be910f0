# Extracted from privacyidea 3.14, privacyidea/models/client.py
# Licence: AGPL-3.0-or-later (LICENSE of the sdist), (c) the privacyIDEA authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Client(MethodsMixin, db.Model):
    __tablename__ = 'clients'
    id: Mapped[str] = mapped_column(Unicode(36), primary_key=True, default=lambda: str(uuid4()))
    display_name: Mapped[str] = mapped_column(Unicode(255), default='', nullable=False)
    client_type: Mapped[str] = mapped_column(Unicode(64), default='', nullable=False)
    key_id: Mapped[str] = mapped_column(Unicode(32), unique=True, index=True, nullable=False)
    key_hash: Mapped[str] = mapped_column(Unicode(64), nullable=False)
    status: Mapped[str] = mapped_column(Unicode(16), default=ClientStatus.ACTIVE.value, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, nullable=False)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, nullable=False)
