# Extracted from ckan 2.12.0, ckan/model/file.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

@registry.mapped_as_dataclass
class File:
    __table__: ClassVar[sa.Table]
    __tablename__ = 'file'
    __table_args__ = (sa.Index('idx_file_location_in_storage', 'storage', 'location', unique=True),)
    name: Mapped[text]
    location: Mapped[text]
    storage: Mapped[text]
    content_type: Mapped[text] = mapped_column(default='application/octet-stream')
    size: Mapped[bigint] = mapped_column(default=0)
    hash: Mapped[text] = mapped_column(default='')
    algorithm: Mapped[text] = mapped_column(default='')
    created: Mapped[datetime_tz] = mapped_column(default=None, insert_default=sa.func.now())
    storage_data: Mapped[dict[str, Any]] = mapped_column(JSONB, default_factory=dict)
    plugin_data: Mapped[dict[str, Any]] = mapped_column(JSONB, default_factory=dict)
    id: Mapped[text] = mapped_column(primary_key=True, default_factory=make_uuid)
    owner: Mapped[FileOwner | None] = relationship(back_populates='files', single_parent=True, cascade='delete, delete-orphan', lazy='joined', init=False, compare=False)
