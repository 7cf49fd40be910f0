# Extracted from fastapi-users-db-sqlalchemy 7.0.0, fastapi_users_db_sqlalchemy/access_token.py
# Licence: MIT, (c) 2021 Francois Voron
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class SQLAlchemyBaseAccessTokenTable(Generic[ID]):
    __tablename__ = 'accesstoken'
    if TYPE_CHECKING:
        token: str
        created_at: datetime
        user_id: ID
    else:
        token: Mapped[str] = mapped_column(String(length=43), primary_key=True)
        created_at: Mapped[datetime] = mapped_column(TIMESTAMPAware(timezone=True), index=True, nullable=False, default=now_utc)
