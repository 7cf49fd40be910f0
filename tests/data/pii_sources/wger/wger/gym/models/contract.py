# Extracted from wger 2.1, wger/gym/models/contract.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class ContractType(m.Model):
    """
    Model for a contract's type

    A contract type is a user-editable way of enhancing the contract to
    specify types, such as e.g. 'with personal trainer', 'regular', etc.
    """

    class Meta:
        """
        Order by name
        """
        ordering = ['name']
    gym = m.ForeignKey(Gym, editable=False, on_delete=m.CASCADE)
    '\n    The gym this contract type belongs to\n    '
    name = m.CharField(verbose_name=_('Name'), max_length=25)
    "\n    The contract type's short name\n    "
    description = m.TextField(verbose_name=_('Description'), blank=True, null=True)
    '\n    Free text field for additional information\n    '


class ContractOption(m.Model):
    """
    Model for a contract Option

    A contract option is a user-editable way of enhancing the contract to
    specify options, such as e.g. 'cash', 'bank withdrawal', etc. The
    difference with a contract type is that a contract can only be of one
    type but can have different options.
    """

    class Meta:
        """
        Order by name
        """
        ordering = ['name']
    gym = m.ForeignKey(Gym, editable=False, on_delete=m.CASCADE)
    '\n    The gym this contract option belongs to\n    '
    name = m.CharField(verbose_name=_('Name'), max_length=25)
    '\n    The contract options short name\n    '
    description = m.TextField(verbose_name=_('Description'), blank=True, null=True)
    '\n    Free text field for additional information\n    '


class Contract(m.Model):
    """
    Model for a member's contract in a gym
    """
    AMOUNT_TYPE_YEARLY = '1'
    AMOUNT_TYPE_HALFYEARLY = '2'
    AMOUNT_TYPE_MONTHLY = '3'
    AMOUNT_TYPE_BIWEEKLY = '4'
    AMOUNT_TYPE_WEEKLY = '5'
    AMOUNT_TYPE_DAILY = '6'
    AMOUNT_TYPE = ((AMOUNT_TYPE_YEARLY, _('Yearly')), (AMOUNT_TYPE_HALFYEARLY, _('Half yearly')), (AMOUNT_TYPE_MONTHLY, _('Monthly')), (AMOUNT_TYPE_BIWEEKLY, _('Biweekly')), (AMOUNT_TYPE_WEEKLY, _('Weekly')), (AMOUNT_TYPE_DAILY, _('Daily')))

    class Meta:
        """
        Order by time
        """
        ordering = ['-date_start']
    user = m.ForeignKey(User, editable=False, related_name='contract_user', on_delete=m.CASCADE)
    '\n    User that originally created the contract\n    '
    member = m.ForeignKey(User, editable=False, related_name='contract_member', on_delete=m.CASCADE)
    '\n    Gym member this contract refers to\n    '
    timestamp_created = m.DateTimeField(auto_now_add=True)
    '\n    Time when the contract was created\n    '
    timestamp_edited = m.DateTimeField(auto_now=True)
    '\n    Last time when the contract was edited\n    '
    contract_type = m.ForeignKey(ContractType, blank=True, null=True, verbose_name=_('Contract type'), on_delete=m.CASCADE)
    '\n    Optional type of contract\n    '
    options = m.ManyToManyField(ContractOption, verbose_name=_('Options'), blank=True)
    '\n    Options for the contract\n    '
    amount = m.DecimalField(verbose_name=_('Amount'), decimal_places=2, max_digits=12, default=0)
    '\n    The amount to pay\n    '
    payment = m.CharField(verbose_name=_('Payment type'), max_length=2, choices=AMOUNT_TYPE, default=AMOUNT_TYPE_MONTHLY, help_text=_('How often the amount will be charged to the member'))
    '\n    How often the amount will be charged to the member\n    '
    is_active = m.BooleanField(verbose_name=_('Contract is active'), default=True)
    '\n    Flag showing whether the contract is currently active\n    '
    date_start = m.DateField(verbose_name=_('Start date'), default=datetime.date.today, blank=True, null=True)
    '\n    The date when the contract starts\n    '
    date_end = m.DateField(verbose_name=_('End date'), blank=True, null=True)
    '\n    The date when the contract ends\n    '
    email = m.EmailField(verbose_name=_('Email'), blank=True, null=True)
    "The member's email"
    zip_code = m.CharField(_('ZIP code'), max_length=10, blank=True, null=True)
    'ZIP code'
    city = m.CharField(_('City'), max_length=30, blank=True, null=True)
    'City'
    street = m.CharField(_('Street'), max_length=30, blank=True, null=True)
    'Street'
    phone = m.CharField(verbose_name=_('Phone'), max_length=20, blank=True, null=True)
    'Phone number'
    profession = m.CharField(verbose_name=_('Profession'), max_length=50, blank=True, null=True)
    "\n    The member's profession\n    "
    note = m.TextField(verbose_name=_('Note'), blank=True, null=True)
    '\n    Free text note with additional information\n    '
