# Extracted from privacyidea 3.14, privacyidea/models/authentication_log.py
# Licence: AGPL-3.0-or-later (LICENSE of the sdist), (c) the privacyIDEA authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class AuthenticationLog(MethodsMixin, db.Model):
    __tablename__ = 'authentication_log'
    __table_args__ = (Index('ix_authlog_user_event_time', 'resolver', 'uid', 'realm', 'event_type', 'timestamp'), Index('ix_authlog_ip_event_time', 'source_ip', 'event_type', 'timestamp'), Index('ix_authlog_user_time', 'resolver', 'uid', 'realm', 'timestamp'), Index('ix_authlog_ip_time', 'source_ip', 'timestamp'), Index('ix_authlog_admin_event_time', 'username', 'user_role', 'event_type', 'timestamp'), Index('ix_authlog_admin_time', 'username', 'user_role', 'timestamp'), Index('ix_authlog_peer_ip_time', 'peer_ip', 'timestamp'), Index('ix_authlog_time', 'timestamp'))
    id: Mapped[int] = mapped_column(BigIntegerType, Identity(always=False), primary_key=True)
    resolver: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['resolver']))
    uid: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['uid']))
    realm: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['realm']))
    username: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['username']))
    user_role: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['user_role']))
    event_type: Mapped[str] = mapped_column(case_sensitive_unicode(authentication_log_column_length['event_type']), nullable=False)
    timestamp: Mapped[datetime] = mapped_column(DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql', 'mariadb').with_variant(oracle.TIMESTAMP(), 'oracle'), default=utc_now, nullable=False)
    source_ip: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['source_ip']))
    peer_ip: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['peer_ip']))
    source_ip_source: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['source_ip_source']))
    client_label: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['client_label']))
    client_label_source: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['client_label_source']))
    ip_chain: Mapped[list | None] = mapped_column(JSON)
    endpoint: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['endpoint']))
    serial: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['serial']))
    transaction_id: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['transaction_id']))
    attempt_id: Mapped[str | None] = mapped_column(case_sensitive_unicode(authentication_log_column_length['attempt_id']))
    other_info: Mapped[dict | None] = mapped_column(JSON)
    outcomes: Mapped[list['ConditionalAccessOutcome']] = relationship('ConditionalAccessOutcome', cascade='all, delete-orphan', lazy='raise', order_by='ConditionalAccessOutcome.id')
    reasons: Mapped[list['AuthenticationLogReason']] = relationship('AuthenticationLogReason', cascade='all, delete-orphan', lazy='raise', order_by='AuthenticationLogReason.id')
