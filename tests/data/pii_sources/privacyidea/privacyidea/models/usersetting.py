# Extracted from privacyidea 3.14, privacyidea/models/usersetting.py
# Licence: AGPL-3.0-or-later (LICENSE of the sdist), (c) the privacyIDEA authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class UserSetting(MethodsMixin, db.Model):
    """
    Per-principal frontend settings (one row per principal, the whole
    settings document stored as a single JSON value).

    The backend does not interpret these settings; it stores and serves
    them for the WebUI. A "principal" is whoever logged in, which is not
    always a resolver user:

    * ``subject_type='local_admin'`` — an internal admin from the
      ``admin`` table. Identified by ``username`` alone; ``user_id``,
      ``resolver`` and ``realm_id`` are empty/NULL.
    * ``subject_type='user'`` — a resolver user (this also covers
      realm-admins). Identified by the ``(user_id, resolver, realm_id)``
      tuple, the same stable identity used by ``tokenowner``;
      ``username`` is kept only as a convenience for logging/lookups.

    Only principals that deviate from the defaults get a row, so the
    table stays small even with a large user base.

    The ``realm_id`` foreign key is ``ON DELETE CASCADE``: deleting a realm
    removes its users' settings, since those users are gone with it. Rows
    orphaned by *user* or *resolver* removal (which the FK does not cover) are
    pruned by the ``pi-tokenjanitor user-settings`` CLI command.
    """
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
