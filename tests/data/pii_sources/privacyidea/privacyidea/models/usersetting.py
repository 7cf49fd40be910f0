# Extracted from privacyidea 3.14, privacyidea/models/usersetting.py
# Licence: AGPL-3.0-or-later (LICENSE of the sdist), (c) the privacyIDEA authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class UserSetting(MethodsMixin, db.Model):
    __tablename__ = 'usersetting'
    __table_args__ = (UniqueConstraint('subject_hash', name='uq_usersetting_subject'), db.Index('ix_usersetting_subject_type_username', 'subject_type', 'username'), db.Index('ix_usersetting_user', 'user_id', 'resolver', 'realm_id'))
    id: Mapped[int] = mapped_column(Integer, Sequence('usersetting_seq'), primary_key=True)
    subject_type: Mapped[str] = mapped_column(Unicode(20), nullable=False)
    username: Mapped[str | None] = mapped_column(Unicode(320), default='')
    user_id: Mapped[str | None] = mapped_column(Unicode(320), default='')
    resolver: Mapped[str | None] = mapped_column(Unicode(120), default='')
    realm_id: Mapped[int | None] = mapped_column(Integer, ForeignKey('realm.id', ondelete='CASCADE'))
    subject_hash: Mapped[str] = mapped_column(Unicode(64), nullable=False)
    settings: Mapped[Any | None] = mapped_column(JSON, nullable=True)
    last_modified: Mapped[datetime | None] = mapped_column(DateTime, default=utc_now, onupdate=utc_now)
    node: Mapped[str | None] = mapped_column(Unicode(120), nullable=True, default=None)
