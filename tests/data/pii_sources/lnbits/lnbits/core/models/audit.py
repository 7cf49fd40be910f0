# Extracted from lnbits 1.6.2, lnbits/core/models/audit.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class AuditEntry(BaseModel):
    component: str | None = None
    ip_address: str | None = None
    user_id: str | None = None
    path: str | None = None
    request_type: str | None = None
    request_method: str | None = None
    request_details: str | None = None
    response_code: str | None = None
    duration: float
    delete_at: datetime | None = None
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
