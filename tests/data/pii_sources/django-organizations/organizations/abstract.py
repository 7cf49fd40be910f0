# Extracted from django-organizations 2.7.0, organizations/abstract.py
# Licence: BSD-2-Clause
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class SharedBaseModel(models.Model):
    created = AutoCreatedField()
    modified = AutoLastModifiedField()

    class Meta:
        abstract = True


class AbstractOrganization(with_metaclass(OrgMeta, SharedBaseModel, AbstractBaseOrganization)):
    slug = SlugField(max_length=200, blank=False, editable=True, populate_from='name', unique=True)

    class Meta(AbstractBaseOrganization.Meta):
        abstract = True
        verbose_name = _('organization')
        verbose_name_plural = _('organizations')


class AbstractOrganizationUser(with_metaclass(OrgMeta, SharedBaseModel, AbstractBaseOrganizationUser)):
    is_admin = models.BooleanField(default=False)

    class Meta(AbstractBaseOrganizationUser.Meta):
        abstract = True
        verbose_name = _('organization user')
        verbose_name_plural = _('organization users')
