# Extracted from lnbits 1.6.2, lnbits/core/models/assets.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class AssetInfo(BaseModel):
    id: str
    mime_type: str
    name: str
    is_public: bool = False
    size_bytes: int
    thumbnail_base64: str | None = None
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))


class Asset(AssetInfo):
    user_id: str
    data: bytes


class AssetUpdate(BaseModel):
    name: str | None = None
    is_public: bool | None = None
