# Extracted from privacyidea 3.14, privacyidea/models/token.py
# Licence: AGPL-3.0-or-later (LICENSE of the sdist), (c) the privacyIDEA authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Token(MethodsMixin, db.Model):
    __tablename__ = 'token'
    id: Mapped[int] = mapped_column(Integer, Sequence('token_seq'), primary_key=True, nullable=False)
    description: Mapped[str | None] = mapped_column(Unicode(80), default='')
    serial: Mapped[str] = mapped_column(Unicode(40), default='', unique=True, nullable=False, index=True)
    tokentype: Mapped[str | None] = mapped_column(Unicode(30), default='HOTP', index=True)
    user_pin: Mapped[str | None] = mapped_column(Unicode(512), default='')
    user_pin_iv: Mapped[str | None] = mapped_column(Unicode(32), default='')
    so_pin: Mapped[str | None] = mapped_column(Unicode(512), default='')
    so_pin_iv: Mapped[str | None] = mapped_column(Unicode(32), default='')
    pin_seed: Mapped[str | None] = mapped_column(Unicode(32), default='')
    otplen: Mapped[int | None] = mapped_column(Integer, default=6)
    pin_hash: Mapped[str | None] = mapped_column(Unicode(512), default='')
    key_enc: Mapped[str | None] = mapped_column(Unicode(2800), default='')
    key_iv: Mapped[str | None] = mapped_column(Unicode(32), default='')
    maxfail: Mapped[int | None] = mapped_column(Integer, default=10)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    revoked: Mapped[bool | None] = mapped_column(Boolean, default=False)
    locked: Mapped[bool | None] = mapped_column(Boolean, default=False)
    failcount: Mapped[int | None] = mapped_column(Integer, default=0)
    count: Mapped[int | None] = mapped_column(Integer, default=0)
    count_window: Mapped[int | None] = mapped_column(Integer, default=10)
    sync_window: Mapped[int | None] = mapped_column(Integer, default=1000)
    rollout_state: Mapped[str | None] = mapped_column(Unicode(10), default='')
    info_list = relationship('TokenInfo', lazy='select', back_populates='token', cascade='all, delete-orphan')
    owners = relationship('TokenOwner', lazy='dynamic', back_populates='token', cascade='all, delete-orphan', order_by='TokenOwner.id')
    container = relationship('TokenContainer', secondary='tokencontainertoken', back_populates='tokens')
    realm_list = relationship('TokenRealm', lazy='joined', back_populates='token')
    tokengroup_list: Mapped[list['Tokengroup']] = relationship('Tokengroup', secondary='tokentokengroup', back_populates='tokens', single_parent=True)
    machine_list: Mapped[list['MachineToken']] = relationship('MachineToken', back_populates='token', cascade='all, delete-orphan')


class TokenInfo(MethodsMixin, db.Model):
    __tablename__ = 'tokeninfo'
    id: Mapped[int] = mapped_column(Integer, Sequence('tokeninfo_seq'), primary_key=True)
    Key: Mapped[str] = mapped_column(Unicode(255), nullable=False)
    Value: Mapped[str | None] = mapped_column(UnicodeText(), default='')
    Type: Mapped[str | None] = mapped_column(Unicode(100), default='')
    Description: Mapped[str | None] = mapped_column(Unicode(2000), default='')
    token_id: Mapped[int | None] = mapped_column(Integer, db.ForeignKey('token.id'), index=True)
    token = relationship('Token', back_populates='info_list')
    __table_args__ = (db.UniqueConstraint('token_id', 'Key', name='tiix_2'),)


class TokenOwner(MethodsMixin, db.Model):
    __tablename__ = 'tokenowner'
    id: Mapped[int] = mapped_column(Integer, Sequence('tokenowner_seq'), primary_key=True)
    token_id: Mapped[int | None] = mapped_column(Integer, db.ForeignKey('token.id'), index=True)
    resolver: Mapped[str | None] = mapped_column(Unicode(120), default='', index=True)
    user_id: Mapped[str | None] = mapped_column(Unicode(320), default='', index=True)
    realm_id: Mapped[int | None] = mapped_column(Integer, db.ForeignKey('realm.id'))
    token = relationship('Token', lazy='joined', back_populates='owners')
    realm = relationship('Realm', lazy='joined', back_populates='tokenowners')
