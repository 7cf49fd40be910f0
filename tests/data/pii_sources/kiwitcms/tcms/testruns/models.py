# Extracted from kiwitcms 12.4, tcms/testruns/models.py
# Licence: GPL-2.0 (LICENSE of the sdist), (c) the Kiwi TCMS authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class TestRun(models.Model, UrlMixin):
    history = KiwiHistoricalRecords()
    start_date = models.DateTimeField(db_index=True, null=True, blank=True)
    stop_date = models.DateTimeField(null=True, blank=True, db_index=True)
    planned_start = models.DateTimeField(db_index=True, null=True, blank=True)
    planned_stop = models.DateTimeField(db_index=True, null=True, blank=True)
    summary = models.TextField()
    notes = models.TextField(blank=True)
    plan = models.ForeignKey('testplans.TestPlan', related_name='run', on_delete=models.CASCADE)
    build = models.ForeignKey('management.Build', related_name='build_run', on_delete=models.CASCADE)
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='manager', on_delete=models.CASCADE)
    default_tester = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name='default_tester', on_delete=models.CASCADE)
    tag = models.ManyToManyField('management.Tag', through='testruns.TestRunTag', related_name='run')
    cc = models.ManyToManyField(settings.AUTH_USER_MODEL, through='testruns.TestRunCC')


class TestExecutionStatus(models.Model, UrlMixin):

    class Meta:
        verbose_name_plural = _('Test execution statuses')
    name = models.CharField(max_length=60, blank=True, unique=True)
    weight = models.IntegerField(default=0)
    icon = models.CharField(max_length=64)
    color = ColorField()


class TestExecution(models.Model, UrlMixin):
    history = KiwiHistoricalRecords()
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, blank=True, null=True, related_name='execution_assignee', on_delete=models.CASCADE)
    tested_by = models.ForeignKey(settings.AUTH_USER_MODEL, blank=True, null=True, related_name='execution_tester', on_delete=models.CASCADE)
    case_text_version = models.IntegerField()
    start_date = models.DateTimeField(null=True, blank=True, db_index=True)
    stop_date = models.DateTimeField(null=True, blank=True, db_index=True)
    sortkey = models.IntegerField(null=True, blank=True)
    run = models.ForeignKey(TestRun, related_name='executions', on_delete=models.CASCADE)
    case = models.ForeignKey('testcases.TestCase', related_name='executions', on_delete=models.CASCADE)
    status = models.ForeignKey(TestExecutionStatus, on_delete=models.CASCADE)
    build = models.ForeignKey('management.Build', on_delete=models.CASCADE)


class TestRunTag(models.Model):
    tag = models.ForeignKey('management.Tag', on_delete=models.CASCADE)
    run = models.ForeignKey(TestRun, related_name='tags', on_delete=models.CASCADE)


class TestRunCC(models.Model):
    run = models.ForeignKey(TestRun, related_name='cc_list', on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

    class Meta:
        unique_together = ('run', 'user')


class Environment(models.Model):
    name = models.CharField(unique=True, max_length=255)
    description = models.TextField(blank=True)
