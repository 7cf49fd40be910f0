# Extracted from ckan 2.12.0, ckan/model/file_owner.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

@registry.mapped_as_dataclass
class FileOwner:
    __table__: ClassVar[sa.Table]
    __tablename__ = 'file_owner'
    __table_args__ = (sa.Index('idx_owner_owner', 'owner_type', 'owner_id', unique=False), sa.ForeignKeyConstraint(['file_id'], ['file.id'], 'file_owner_file_id_fkey', ondelete='CASCADE'))
    file_id: Mapped[text] = mapped_column(primary_key=True)
    owner_id: Mapped[text]
    owner_type: Mapped[text]
    pinned: Mapped[bool] = mapped_column(default=False)
    files: Mapped[list['File']] = relationship(back_populates='owner', init=False, compare=False)


@registry.mapped_as_dataclass
class FileOwnerTransferHistory:
    __tablename__ = 'file_owner_transfer_history'
    __table_args__ = (sa.ForeignKeyConstraint(['file_id'], ['file_owner.file_id'], 'owner_transfer_history_file_id_fkey', ondelete='CASCADE'),)
    file_id: Mapped[text]
    owner_id: Mapped[text]
    owner_type: Mapped[text]
    actor: Mapped[text]
    current_owner: Mapped[FileOwner] = relationship(init=False)
    id: Mapped[text] = mapped_column(primary_key=True, default_factory=make_uuid)
    at: Mapped[datetime_tz] = mapped_column(default=None, insert_default=sa.func.now())
    action: Mapped[text] = mapped_column(default='transfer')
