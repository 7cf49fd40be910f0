# Extracted from byro 2023.1.0, byro/documents/models.py
# Licence: Apache-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Document(models.Model, LogTargetMixin):
    LOG_TARGET_BASE = 'byro.documents.document'

    class Meta:
        ordering = ('-date', 'title', '-id')
    document = models.FileField(upload_to='documents/%Y/%m/', max_length=1000)
    date = models.DateField(null=True, default=now)
    title = models.CharField(max_length=300, null=True)
    category = models.CharField(max_length=300, null=True)
    direction = models.CharField(choices=DocumentDirection.choices, max_length=DocumentDirection.max_length, default=DocumentDirection.OUTGOING)
    member = models.ForeignKey(to='members.Member', related_name='documents', on_delete=models.SET_NULL, null=True, blank=True)
    content_hash = models.CharField(max_length=300, null=True)
    template = _('\nHi, {name},\n\nPlease find attached a document we wanted to send you/that you requested.\n\nThank you,\n{association}\n').strip()
