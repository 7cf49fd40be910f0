# Extracted from privacyidea 3.14, privacyidea/models/challenge.py
# Licence: AGPL-3.0-or-later (LICENSE of the sdist), (c) the privacyIDEA authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Challenge(MethodsMixin, db.Model):
    __tablename__ = 'challenge'
    id: Mapped[int] = mapped_column(Integer, Sequence('challenge_seq'), primary_key=True, nullable=False)
    transaction_id: Mapped[str] = mapped_column(Unicode(64), nullable=False, index=True)
    _data: Mapped[str | None] = mapped_column('data', Text, default='')
    challenge: Mapped[str | None] = mapped_column(Text, default='')
    session: Mapped[str | None] = mapped_column(Unicode(512), default='', quote=True, name='session')
    serial: Mapped[str | None] = mapped_column(Unicode(40), default='', index=True)
    timestamp: Mapped[datetime | None] = mapped_column(DateTime, default=utc_now, index=True)
    expiration: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    received_count: Mapped[int | None] = mapped_column(Integer, default=0)
    otp_valid: Mapped[bool | None] = mapped_column(Boolean, default=False)
