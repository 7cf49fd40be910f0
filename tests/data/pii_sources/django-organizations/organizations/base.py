# Extracted from django-organizations 2.7.0, organizations/base.py
# Licence: BSD-2-Clause
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class AbstractBaseOrganization(models.Model):
    name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    objects = OrgManager()
    active = ActiveOrgManager()

    class Meta:
        abstract = True
        ordering = ['name']


class AbstractBaseInvitation(models.Model):
    guid = models.UUIDField(editable=False)
    invitee_identifier = models.CharField(max_length=1000)

    class Meta:
        abstract = True
