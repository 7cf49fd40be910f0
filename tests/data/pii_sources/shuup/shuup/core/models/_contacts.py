# Extracted from shuup 1.6.0, shuup/core/models/_contacts.py
# Licence: OSL-3.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class ContactGroup(TranslatableShuupModel):
    identifier = InternalIdentifierField(unique=True)
    members = models.ManyToManyField('Contact', related_name='groups', blank=True)
    show_pricing = models.BooleanField(default=True)
    show_prices_including_taxes = models.NullBooleanField(default=None, null=True, blank=True)
    hide_prices = models.NullBooleanField(default=None, null=True, blank=True)
    translations = TranslatedFields(name=models.CharField(max_length=64))
    objects = ContactGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _('contact group')
        verbose_name_plural = _('contact groups')


@python_2_unicode_compatible
class Contact(PolymorphicShuupModel):
    is_anonymous = False
    is_all_seeing = False
    default_tax_group_getter = None
    default_contact_group_identifier = None
    default_contact_group_name = None
    created_on = models.DateTimeField(auto_now_add=True, editable=False)
    modified_on = models.DateTimeField(auto_now=True, editable=False, db_index=True, null=True)
    identifier = InternalIdentifierField(unique=True, null=True, blank=True)
    is_active = models.BooleanField(default=True, db_index=True)
    shops = models.ManyToManyField('shuup.Shop', blank=True)
    default_shipping_address = models.ForeignKey('MutableAddress', null=True, blank=True, related_name='+', on_delete=models.PROTECT)
    default_billing_address = models.ForeignKey('MutableAddress', null=True, blank=True, related_name='+', on_delete=models.PROTECT)
    default_shipping_method = models.ForeignKey('ShippingMethod', blank=True, null=True, on_delete=models.SET_NULL)
    default_payment_method = models.ForeignKey('PaymentMethod', blank=True, null=True, on_delete=models.SET_NULL)
    _language = LanguageField(blank=True)
    marketing_permission = models.BooleanField(default=False)
    phone = models.CharField(max_length=64, blank=True)
    www = models.URLField(max_length=128, blank=True)
    timezone = TimeZoneField(blank=True, null=True)
    prefix = models.CharField(max_length=64, blank=True)
    name = models.CharField(max_length=256)
    suffix = models.CharField(max_length=64, blank=True)
    name_ext = models.CharField(max_length=256, blank=True)
    email = models.EmailField(max_length=256, blank=True)
    tax_group = models.ForeignKey('CustomerTaxGroup', blank=True, null=True, on_delete=models.PROTECT)
    merchant_notes = models.TextField(blank=True)
    account_manager = models.ForeignKey('PersonContact', blank=True, null=True)

    class Meta:
        verbose_name = _('contact')
        verbose_name_plural = _('contacts')


class CompanyContact(Contact):
    default_tax_group_getter = CustomerTaxGroup.get_default_company_group
    default_contact_group_identifier = DEFAULT_COMPANY_GROUP_IDENTIFIER
    default_contact_group_name = _('Company Contacts')
    members = models.ManyToManyField('Contact', related_name='company_memberships', blank=True)
    tax_number = models.CharField(max_length=32, blank=True)

    class Meta:
        verbose_name = _('company')
        verbose_name_plural = _('companies')


class PersonContact(Contact):
    default_tax_group_getter = CustomerTaxGroup.get_default_person_group
    default_contact_group_identifier = DEFAULT_PERSON_GROUP_IDENTIFIER
    default_contact_group_name = _('Person Contacts')
    user = models.OneToOneField(settings.AUTH_USER_MODEL, blank=True, null=True, related_name='contact')
    gender = EnumField(Gender, default=Gender.UNDISCLOSED, max_length=4)
    birth_date = models.DateField(blank=True, null=True)
    first_name = models.CharField(max_length=120, blank=True)
    last_name = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name = _('person')
        verbose_name_plural = _('persons')
