# Extracted from kiwitcms 12.4, tcms/management/models.py
# Licence: GPL-2.0 (LICENSE of the sdist), (c) the Kiwi TCMS authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Classification(models.Model, UrlMixin):
    name = models.CharField(unique=True, max_length=64)

    class Meta:
        ordering = ['name']


class Product(models.Model, UrlMixin):
    name = models.CharField(unique=True, max_length=255)
    classification = models.ForeignKey(Classification, on_delete=models.CASCADE)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ['name']


class Priority(models.Model, UrlMixin):
    value = models.CharField(unique=True, max_length=64)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ['value']
        verbose_name_plural = _('Priorities')


class Component(models.Model, UrlMixin):
    name = models.CharField(max_length=64)
    product = models.ForeignKey(Product, related_name='component', on_delete=models.CASCADE)
    initial_owner = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='initial_owner', null=True, on_delete=models.CASCADE)
    initial_qa_contact = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='initial_qa_contact', blank=True, null=True, on_delete=models.CASCADE)
    description = models.TextField()

    class Meta:
        ordering = ['name']
        unique_together = ('product', 'name')


class Version(models.Model, UrlMixin):
    value = models.CharField(max_length=192)
    product = models.ForeignKey(Product, related_name='version', on_delete=models.CASCADE)

    class Meta:
        ordering = ['value']
        unique_together = ('product', 'value')


class Build(models.Model):
    name = models.CharField(max_length=255)
    version = models.ForeignKey(Version, related_name='build', on_delete=models.CASCADE)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ['name']
        unique_together = ('version', 'name')
        verbose_name = _('Build')
        verbose_name_plural = _('Builds')


class Tag(models.Model, UrlMixin):
    name = models.CharField(max_length=255)

    class Meta:
        ordering = ['name']
        verbose_name = _('Tag')
        verbose_name_plural = _('Tags')
