# Extracted from byro 2023.1.0, byro/bookkeeping/models/real_transaction.py
# Licence: Apache-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class RealTransactionSource(Auditable, models.Model, LogTargetMixin):
    source_file = models.FileField(upload_to='transaction_uploads/')
    state = models.CharField(default=SourceState.NEW, choices=SourceState.choices, max_length=SourceState.max_length)
