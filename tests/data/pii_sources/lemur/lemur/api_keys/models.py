# Extracted from lemur 1.9.3, lemur/api_keys/models.py
# Licence: Apache-2.0 (LICENSE of the sdist), (c) Netflix, Inc. and the Lemur contributors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class ApiKey(BaseModel):
    __tablename__ = 'api_keys'
    id = Column(Integer, primary_key=True)
    name = Column(String)
    user_id = Column(Integer, ForeignKey('users.id'))
    ttl = Column(BigInteger)
    issued_at = Column(BigInteger)
    revoked = Column(Boolean)
    application_name = Column(String, nullable=True)
