# Extracted from shuup 1.6.0, shuup/core/models/_basket.py
# Licence: OSL-3.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Basket(MoneyPropped, models.Model):
    key = models.CharField(max_length=32, default=generate_key, unique=True, db_index=True)
    shop = models.ForeignKey('Shop', on_delete=models.CASCADE)
    customer = models.ForeignKey('Contact', blank=True, null=True, on_delete=models.CASCADE, related_name='customer_core_baskets')
    orderer = models.ForeignKey('PersonContact', blank=True, null=True, on_delete=models.CASCADE, related_name='orderer_core_baskets')
    creator = models.ForeignKey(settings.AUTH_USER_MODEL, blank=True, null=True, on_delete=models.CASCADE, related_name='core_baskets_created')
    created_on = models.DateTimeField(auto_now_add=True, db_index=True, editable=False)
    updated_on = models.DateTimeField(auto_now=True, db_index=True, editable=False)
    persistent = models.BooleanField(db_index=True, default=False)
    deleted = models.BooleanField(db_index=True, default=False)
    finished = models.BooleanField(db_index=True, default=False)
    title = models.CharField(max_length=64, blank=True)
    data = TaggedJSONField()
    taxful_total_price = TaxfulPriceProperty('taxful_total_price_value', 'currency')
    taxless_total_price = TaxlessPriceProperty('taxless_total_price_value', 'currency')
    taxless_total_price_value = MoneyValueField(default=0, null=True, blank=True)
    taxful_total_price_value = MoneyValueField(default=0, null=True, blank=True)
    currency = CurrencyField()
    prices_include_tax = models.BooleanField()
    product_count = models.IntegerField(default=0)
    products = ManyToManyField('Product', blank=True)

    class Meta:
        verbose_name = _('basket')
        verbose_name_plural = _('baskets')
