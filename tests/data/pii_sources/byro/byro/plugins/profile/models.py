# Extracted from byro 2023.1.0, byro/plugins/profile/models.py
# Licence: Apache-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class MemberProfile(Auditable, models.Model):
    member = AutoOneToOneField(to='members.Member', related_name='profile_profile', on_delete=models.PROTECT)
    nick = models.CharField(max_length=200, blank=True, null=True)
    birth_date = models.DateField(blank=True, null=True)
    phone_number = models.CharField(max_length=32, blank=True, null=True)
    form_title = _('General information')
