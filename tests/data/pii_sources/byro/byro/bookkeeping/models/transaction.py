# Extracted from byro 2023.1.0, byro/bookkeeping/models/transaction.py
# Licence: Apache-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Transaction(models.Model, LogTargetMixin):
    objects = TransactionManager()
    LOG_TARGET_BASE = 'byro.bookkeeping.transaction'
    memo = models.CharField(max_length=1000, null=True)
    booking_datetime = models.DateTimeField(null=True)
    value_datetime = models.DateTimeField()
    modified = models.DateTimeField(auto_now=True)
    modified_by = models.ForeignKey(to=get_user_model(), on_delete=models.PROTECT, related_name='+', null=True)
    reverses = models.ForeignKey(to='Transaction', on_delete=models.PROTECT, related_name='reversed_by', null=True)
    data = models.JSONField(null=True)
    documents = models.ManyToManyField(Document, through='DocumentTransactionLink')


class DocumentTransactionLink(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE)
    transaction = models.ForeignKey(Transaction, on_delete=models.CASCADE)


class Booking(models.Model):
    objects = BookingsQuerySet.as_manager()
    memo = models.CharField(max_length=1000, null=True)
    booking_datetime = models.DateTimeField(null=True)
    modified = models.DateTimeField(auto_now=True)
    modified_by = models.ForeignKey(to=get_user_model(), on_delete=models.PROTECT, related_name='+', null=True)
    transaction = models.ForeignKey(to='Transaction', related_name='bookings', on_delete=models.PROTECT)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    debit_account = models.ForeignKey(to='bookkeeping.Account', related_name='debits', on_delete=models.PROTECT, null=True)
    credit_account = models.ForeignKey(to='bookkeeping.Account', related_name='credits', on_delete=models.PROTECT, null=True)
    member = models.ForeignKey(to='members.Member', related_name='bookings', on_delete=models.PROTECT, null=True)
    importer = models.CharField(null=True, max_length=500)
    data = models.JSONField(null=True)
    source = models.ForeignKey(to='bookkeeping.RealTransactionSource', on_delete=models.SET_NULL, related_name='bookings', null=True)
