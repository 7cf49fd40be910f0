# Extracted from lnbits 1.6.2, lnbits/core/models/tinyurl.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class TinyURL(BaseModel):
    id: str
    url: str
    endless: bool
    wallet: str
    time: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
