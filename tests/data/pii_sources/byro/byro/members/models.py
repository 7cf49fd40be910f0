# Extracted from byro 2023.1.0, byro/members/models.py
# Licence: Apache-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Member(Auditable, models.Model, LogTargetMixin):
    LOG_TARGET_BASE = 'byro.members'
    number = models.CharField(max_length=100, null=True, blank=True, db_index=True)
    name = models.CharField(max_length=100, null=True, blank=True)
    direct_address_name = models.CharField(max_length=100, null=True, blank=True)
    order_name = models.CharField(max_length=100, null=True, blank=True)
    address = models.TextField(max_length=300, null=True, blank=True)
    email = models.EmailField(max_length=200, null=True, blank=True)
    membership_type = models.CharField(max_length=40, default=MemberTypes.MEMBER)
    member_contact_type = models.CharField(max_length=MemberContactTypes.max_length, choices=MemberContactTypes.choices, default=MemberContactTypes.PERSON)
    form_title = _('Member')
    objects = MemberManager()
    all_objects = AllMemberManager()

    class Meta:
        ordering = ('direct_address_name', 'name')


class MembershipType(Auditable, models.Model):
    name = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=8, decimal_places=2)


class Membership(Auditable, models.Model, LogTargetMixin):
    LOG_TARGET_BASE = 'byro.members.membership'
    member = models.ForeignKey(to='members.Member', on_delete=models.CASCADE, related_name='memberships')
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    interval = models.IntegerField(choices=FeeIntervals.choices)
    form_title = _('Membership')


class MemberBalance(models.Model):
    member = models.ForeignKey(to='members.Member', related_name='balances', on_delete=models.PROTECT)
    reference = models.CharField(null=True, blank=True, unique=True, max_length=50)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    start = models.DateTimeField()
    end = models.DateTimeField()
    state = models.CharField(choices=[('paid', _('paid')), ('partial', _('partially paid')), ('unpaid', _('unpaid'))], default='unpaid', max_length=7)
