# Extracted from privacyidea 3.14, privacyidea/models/audit.py
# Licence: AGPL-3.0-or-later (LICENSE of the sdist), (c) the privacyIDEA authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Audit(MethodsMixin, db.Model):
    __tablename__ = AUDIT_TABLE_NAME
    id: Mapped[int] = mapped_column(BigIntegerType, Sequence('audit_seq', data_type=BigInteger), primary_key=True)
    date: Mapped[datetime | None] = mapped_column(default=datetime.now, index=True)
    startdate: Mapped[datetime | None]
    duration: Mapped[Interval | None] = mapped_column(Interval(second_precision=6))
    signature: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('signature')), default='')
    action: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('action')), default='')
    success: Mapped[int | None] = mapped_column(Integer, default=0)
    authentication: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('authentication')), default='')
    serial: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('serial')), default='')
    token_type: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('token_type')), default='')
    container_serial: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('container_serial')), default='')
    container_type: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('container_type')), default='')
    user: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('user')), default='', index=True)
    realm: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('realm')), default='')
    resolver: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('resolver')), default='')
    administrator: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('administrator')), default='')
    action_detail: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('action_detail')), default='')
    info: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('info')), default='')
    privacyidea_server: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('privacyidea_server')), default='')
    client: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('client')), default='')
    user_agent: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('user_agent')), default='')
    user_agent_version: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('user_agent_version')), default='')
    loglevel: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('loglevel')), default='default')
    clearance_level: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('clearance_level')), default='default')
    thread_id: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('thread_id')), default='0')
    policies: Mapped[str | None] = mapped_column(Unicode(audit_column_length.get('policies')), default='')
