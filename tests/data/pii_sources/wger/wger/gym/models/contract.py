# Extracted from wger 2.1, wger/gym/models/contract.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class ContractType(m.Model):

    class Meta:
        ordering = ['name']
    gym = m.ForeignKey(Gym, editable=False, on_delete=m.CASCADE)
    name = m.CharField(max_length=25)
    description = m.TextField(blank=True, null=True)


class ContractOption(m.Model):

    class Meta:
        ordering = ['name']
    gym = m.ForeignKey(Gym, editable=False, on_delete=m.CASCADE)
    name = m.CharField(max_length=25)
    description = m.TextField(blank=True, null=True)


class Contract(m.Model):
    AMOUNT_TYPE_YEARLY = '1'
    AMOUNT_TYPE_HALFYEARLY = '2'
    AMOUNT_TYPE_MONTHLY = '3'
    AMOUNT_TYPE_BIWEEKLY = '4'
    AMOUNT_TYPE_WEEKLY = '5'
    AMOUNT_TYPE_DAILY = '6'
    AMOUNT_TYPE = ((AMOUNT_TYPE_YEARLY, _('Yearly')), (AMOUNT_TYPE_HALFYEARLY, _('Half yearly')), (AMOUNT_TYPE_MONTHLY, _('Monthly')), (AMOUNT_TYPE_BIWEEKLY, _('Biweekly')), (AMOUNT_TYPE_WEEKLY, _('Weekly')), (AMOUNT_TYPE_DAILY, _('Daily')))

    class Meta:
        ordering = ['-date_start']
    user = m.ForeignKey(User, editable=False, related_name='contract_user', on_delete=m.CASCADE)
    member = m.ForeignKey(User, editable=False, related_name='contract_member', on_delete=m.CASCADE)
    timestamp_created = m.DateTimeField(auto_now_add=True)
    timestamp_edited = m.DateTimeField(auto_now=True)
    contract_type = m.ForeignKey(ContractType, blank=True, null=True, on_delete=m.CASCADE)
    options = m.ManyToManyField(ContractOption, blank=True)
    amount = m.DecimalField(decimal_places=2, max_digits=12, default=0)
    payment = m.CharField(max_length=2, choices=AMOUNT_TYPE, default=AMOUNT_TYPE_MONTHLY)
    is_active = m.BooleanField(default=True)
    date_start = m.DateField(default=datetime.date.today, blank=True, null=True)
    date_end = m.DateField(blank=True, null=True)
    email = m.EmailField(blank=True, null=True)
    zip_code = m.CharField(_('ZIP code'), max_length=10, blank=True, null=True)
    city = m.CharField(_('City'), max_length=30, blank=True, null=True)
    street = m.CharField(_('Street'), max_length=30, blank=True, null=True)
    phone = m.CharField(max_length=20, blank=True, null=True)
    profession = m.CharField(max_length=50, blank=True, null=True)
    note = m.TextField(blank=True, null=True)
