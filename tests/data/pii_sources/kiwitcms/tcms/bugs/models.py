# Extracted from kiwitcms 12.4, tcms/bugs/models.py
# Licence: GPL-2.0 (LICENSE of the sdist), (c) the Kiwi TCMS authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Severity(models.Model):
    name = models.CharField(max_length=64, unique=True)
    weight = models.IntegerField(default=0)
    icon = models.CharField(max_length=64)
    color = ColorField()

    class Meta:
        verbose_name_plural = _('Severity')


class Bug(models.Model, UrlMixin):
    summary = models.CharField(max_length=255, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.BooleanField(default=True, db_index=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='repoted_bugs')
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name='assigned_bugs', null=True, blank=True)
    product = models.ForeignKey('management.Product', on_delete=models.CASCADE)
    version = models.ForeignKey('management.Version', on_delete=models.CASCADE)
    build = models.ForeignKey('management.Build', on_delete=models.CASCADE)
    severity = models.ForeignKey(Severity, on_delete=models.CASCADE, blank=True, null=True)
    executions = models.ManyToManyField('testruns.TestExecution', related_name='bugs')
    tags = models.ManyToManyField('management.Tag', related_name='bugs')
