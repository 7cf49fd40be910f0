# Extracted from kotti 2.0.9, kotti/filedepot.py
# Licence: Repoze Public License (BSD-derived)
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class DBStoredFile(Base):
    __tablename__ = 'blobs'
    id = Column(Integer(), primary_key=True)
    file_id = Column(String(36), index=True)
    filename = Column(Unicode(100))
    content_type = Column(String(100))
    content_length = Column(Integer())
    last_modified = Column(DateTime())
    data = deferred(Column('data', LargeBinary()))
    _cursor = 0
    _data = _marker
    public_url = None
