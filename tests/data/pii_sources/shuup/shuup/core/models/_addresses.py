# Extracted from shuup 1.6.0, shuup/core/models/_addresses.py
# Licence: OSL-3.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Address(NameMixin, ShuupModel):
    prefix = models.CharField(max_length=64, blank=True)
    name = models.CharField(max_length=255)
    suffix = models.CharField(max_length=64, blank=True)
    name_ext = models.CharField(max_length=255, blank=True)
    company_name = models.CharField(max_length=255, blank=True)
    tax_number = models.CharField(max_length=64, blank=True)
    phone = models.CharField(max_length=64, blank=True)
    email = models.EmailField(max_length=128, blank=True)
    street = models.CharField(max_length=255)
    street2 = models.CharField(max_length=255, blank=True)
    street3 = models.CharField(max_length=255, blank=True)
    postal_code = models.CharField(max_length=64, blank=True)
    city = models.CharField(max_length=255)
    region_code = models.CharField(max_length=64, blank=True)
    region = models.CharField(max_length=64, blank=True)
    country = CountryField()
    longitude = models.DecimalField(null=True, blank=True, max_digits=9, decimal_places=6)
    latitude = models.DecimalField(null=True, blank=True, max_digits=9, decimal_places=6)

    class Meta:
        abstract = True
        verbose_name = _('address')
        verbose_name_plural = _('addresses')


class SavedAddress(ShuupModel):
    owner = models.ForeignKey('Contact', on_delete=models.CASCADE)
    address = models.ForeignKey(MutableAddress, related_name='saved_addresses', on_delete=models.CASCADE)
    role = EnumIntegerField(SavedAddressRole, default=SavedAddressRole.SHIPPING)
    status = EnumIntegerField(SavedAddressStatus, default=SavedAddressStatus.ENABLED)
    title = models.CharField(max_length=255, blank=True)
    objects = SavedAddressManager()

    class Meta:
        verbose_name = _('saved address')
        verbose_name_plural = _('saved addresses')
        ordering = ('owner_id', 'role', 'title')
