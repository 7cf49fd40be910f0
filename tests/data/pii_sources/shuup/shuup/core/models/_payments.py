# Extracted from shuup 1.6.0, shuup/core/models/_payments.py
# Licence: OSL-3.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class AbstractPayment(MoneyPropped, models.Model):
    created_on = models.DateTimeField(auto_now_add=True)
    gateway_id = models.CharField(max_length=32)
    payment_identifier = models.CharField(max_length=96, unique=True)
    amount = MoneyProperty('amount_value', 'currency')
    foreign_amount = MoneyProperty('foreign_amount_value', 'foreign_currency')
    amount_value = MoneyValueField()
    foreign_amount_value = MoneyValueField(default=None, blank=True, null=True)
    foreign_currency = CurrencyField(default=None, blank=True, null=True)
    description = models.CharField(max_length=256, blank=True)

    class Meta:
        abstract = True


class Payment(AbstractPayment):
    order = models.ForeignKey('Order', related_name='payments', on_delete=models.PROTECT)

    class Meta:
        verbose_name = _('payment')
        verbose_name_plural = _('payments')
