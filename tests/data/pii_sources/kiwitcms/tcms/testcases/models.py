# Extracted from kiwitcms 12.4, tcms/testcases/models.py
# Licence: GPL-2.0 (LICENSE of the sdist), (c) the Kiwi TCMS authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class TestCaseStatus(models.Model, UrlMixin):
    name = models.CharField(max_length=255)
    description = models.TextField(null=True, blank=True)
    is_confirmed = models.BooleanField(db_index=True, default=False)

    class Meta:
        verbose_name = _('Test case status')
        verbose_name_plural = _('Test case statuses')


class Category(models.Model, UrlMixin):
    name = models.CharField(max_length=255)
    product = models.ForeignKey('management.Product', related_name='category', on_delete=models.CASCADE)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = _('Categories')
        unique_together = ('product', 'name')


class TestCase(models.Model, UrlMixin):
    history = KiwiHistoricalRecords()
    create_date = models.DateTimeField(auto_now_add=True)
    is_automated = models.BooleanField(default=False)
    script = models.TextField(blank=True, null=True)
    arguments = models.TextField(blank=True, null=True)
    extra_link = models.CharField(max_length=1024, default=None, blank=True, null=True)
    summary = models.CharField(max_length=255, db_index=True)
    requirement = models.CharField(max_length=255, blank=True, null=True)
    notes = models.TextField(blank=True, null=True)
    text = models.TextField(blank=True)
    setup_duration = models.DurationField(db_index=True, null=True, blank=True)
    testing_duration = models.DurationField(db_index=True, null=True, blank=True)
    case_status = models.ForeignKey(TestCaseStatus, on_delete=models.CASCADE)
    category = models.ForeignKey(Category, related_name='category_case', on_delete=models.CASCADE)
    priority = models.ForeignKey('management.Priority', related_name='priority_case', on_delete=models.CASCADE)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='cases_as_author', on_delete=models.CASCADE)
    default_tester = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='cases_as_default_tester', blank=True, null=True, on_delete=models.CASCADE)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='cases_as_reviewer', null=True, on_delete=models.CASCADE)
    plan = models.ManyToManyField('testplans.TestPlan', related_name='cases', through='testcases.TestCasePlan')
    component = models.ManyToManyField('management.Component', related_name='cases', through='testcases.TestCaseComponent')
    tag = models.ManyToManyField('management.Tag', related_name='case', through='testcases.TestCaseTag')
    emailing = property(_get_email_conf)


class TestCasePlan(models.Model):
    plan = models.ForeignKey('testplans.TestPlan', on_delete=models.CASCADE)
    case = models.ForeignKey(TestCase, on_delete=models.CASCADE)
    sortkey = models.IntegerField(null=True, blank=True)

    class Meta:
        unique_together = ('plan', 'case')


class TestCaseComponent(models.Model):
    case = models.ForeignKey(TestCase, on_delete=models.CASCADE)
    component = models.ForeignKey('management.Component', on_delete=models.CASCADE)


class TestCaseTag(models.Model):
    tag = models.ForeignKey('management.Tag', on_delete=models.CASCADE)
    case = models.ForeignKey(TestCase, on_delete=models.CASCADE)


class BugSystem(models.Model, UrlMixin):
    name = models.CharField(max_length=255, unique=True)
    tracker_type = models.CharField(max_length=128, default='IssueTrackerType')
    base_url = models.CharField(max_length=1024, null=True, blank=True)
    api_url = models.CharField(max_length=1024, null=True, blank=True)
    api_username = models.CharField(max_length=256, null=True, blank=True)
    api_password = models.CharField(max_length=256, null=True, blank=True)

    class Meta:
        verbose_name = 'Bug tracker'
        verbose_name_plural = 'Bug trackers'


class TestCaseEmailSettings(models.Model):
    case = models.OneToOneField(TestCase, related_name='email_settings', on_delete=models.CASCADE)
    notify_on_case_update = models.BooleanField(default=True)
    notify_on_case_delete = models.BooleanField(default=True)
    auto_to_case_author = models.BooleanField(default=True)
    auto_to_case_tester = models.BooleanField(default=True)
    auto_to_run_manager = models.BooleanField(default=True)
    auto_to_run_tester = models.BooleanField(default=True)
    auto_to_execution_assignee = models.BooleanField(default=True)
    cc_list = models.TextField(default='')


class Template(models.Model):
    history = KiwiHistoricalRecords()
    name = models.CharField(max_length=255)
    text = models.TextField(blank=False)

    class Meta:
        verbose_name = _('Template')
        verbose_name_plural = _('Templates')
