# Extracted from byro 2023.1.0, byro/plugins/sepa/models.py
# Licence: Apache-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class MemberSepa(Auditable, models.Model):
    member = AutoOneToOneField(to='members.Member', related_name='profile_sepa', on_delete=models.PROTECT)
    iban = IBANField(null=True, blank=True)
    bic = BICField(null=True, blank=True)
    mandate_state = models.CharField(choices=[('inactive', _('Inactive')), ('active', _('Active')), ('bounced', _('Bounced')), ('rescinded', _('Rescinded'))], default='active', max_length=10, blank=False, null=False)
    institute = models.CharField(max_length=255, null=True, blank=True)
    issue_date = models.DateField(null=True, blank=True)
    fullname = models.CharField(null=True, blank=True, max_length=255)
    address = models.CharField(null=True, blank=True, max_length=255)
    zip_code = models.CharField(null=True, blank=True, max_length=20)
    city = models.CharField(null=True, blank=True, max_length=255)
    country = models.CharField(null=True, blank=True, max_length=255, default='Deutschland')
    mandate_reference = models.CharField(null=True, blank=True, max_length=255)
    mandate_reason = models.CharField(null=True, blank=True, max_length=255)
    form_title = _('SEPA information')
