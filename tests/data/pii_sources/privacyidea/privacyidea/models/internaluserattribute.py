# Extracted from privacyidea 3.14, privacyidea/models/internaluserattribute.py
# Licence: AGPL-3.0-or-later (LICENSE of the sdist), (c) the privacyIDEA authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class InternalUserAttribute(MethodsMixin, db.Model):
    __tablename__ = 'internaluserattribute'
    __table_args__ = (UniqueConstraint('user_id', 'resolver', 'realm_id', 'Key', name='uq_internaluserattribute_user_key'),)
    id: Mapped[int] = mapped_column(Integer, Sequence('internaluserattribute_seq'), primary_key=True)
    user_id: Mapped[str | None] = mapped_column(Unicode(320), default='')
    resolver: Mapped[str | None] = mapped_column(Unicode(120), default='')
    realm_id: Mapped[int | None] = mapped_column(Integer, ForeignKey('realm.id', ondelete='CASCADE'))
    Key: Mapped[str] = mapped_column(Unicode(255), nullable=False)
    Value: Mapped[Any | None] = mapped_column(JSON, nullable=True)
    last_modified: Mapped[datetime | None] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)
    node: Mapped[str | None] = mapped_column(Unicode(120), nullable=True, default=None)
