# Extracted from pretalx 2025.2.2, pretalx/submission/models/question.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Question(OrderedModel, PretalxModel):
    event = models.ForeignKey(to='event.Event', on_delete=models.PROTECT, related_name='questions')
    variant = models.CharField(max_length=QuestionVariant.get_max_length(), choices=QuestionVariant.get_choices(), default=QuestionVariant.STRING)
    target = models.CharField(max_length=QuestionTarget.get_max_length(), choices=QuestionTarget.get_choices(), default=QuestionTarget.SUBMISSION)
    deadline = DateTimeField(null=True, blank=True)
    freeze_after = DateTimeField(null=True, blank=True)
    question_required = models.CharField(max_length=QuestionRequired.get_max_length(), choices=QuestionRequired.get_choices(), default=QuestionRequired.OPTIONAL)
    tracks = models.ManyToManyField(to='submission.Track', related_name='questions', blank=True)
    submission_types = models.ManyToManyField(to='submission.SubmissionType', related_name='questions', blank=True)
    limit_teams = models.ManyToManyField(to='event.Team', related_name='+', blank=True)
    question = I18nCharField(max_length=800)
    help_text = I18nCharField(null=True, blank=True, max_length=800)
    default_answer = models.TextField(null=True, blank=True)
    position = models.IntegerField(default=0)
    active = models.BooleanField(default=True)
    contains_personal_data = models.BooleanField(default=True)
    min_length = models.PositiveIntegerField(null=True, blank=True)
    max_length = models.PositiveIntegerField(null=True, blank=True)
    min_number = models.DecimalField(decimal_places=6, max_digits=16, null=True, blank=True)
    max_number = models.DecimalField(decimal_places=6, max_digits=16, null=True, blank=True)
    min_date = DateField(null=True, blank=True)
    max_date = DateField(null=True, blank=True)
    min_datetime = DateTimeField(null=True, blank=True)
    max_datetime = DateTimeField(null=True, blank=True)
    is_public = models.BooleanField(default=False)
    is_visible_to_reviewers = models.BooleanField(default=True)
    icon = models.CharField(max_length=QuestionIcon.get_max_length(), choices=QuestionIcon.get_choices(), default=None, null=True, blank=False)
    objects = ScopedManager(event='event', _manager_class=QuestionManager)
    all_objects = ScopedManager(event='event', _manager_class=AllQuestionManager)
    log_prefix = 'pretalx.question'

    class Meta:
        ordering = ('position', 'id')
        rules_permissions = QUESTION_PERMISSIONS

    class urls(EventUrls):
        base = '{self.event.cfp.urls.questions}{self.pk}/'
        edit = '{base}edit/'
        delete = '{base}delete/'
        toggle = '{self.event.cfp.urls.questions}{self.pk}/toggle/'


class AnswerOption(PretalxModel):
    question = models.ForeignKey(to='submission.Question', on_delete=models.PROTECT, related_name='options')
    answer = I18nCharField()
    position = models.IntegerField(default=0)
    objects = ScopedManager(event='question__event')
    log_prefix = 'pretalx.question.option'

    class Meta:
        ordering = ('position', 'id')
        verbose_name_plural = _('Options')
        rules_permissions = QUESTION_PERMISSIONS


class Answer(PretalxModel):
    log_prefix = 'pretalx.submission.answer'
    question = models.ForeignKey(to='submission.Question', on_delete=models.PROTECT, related_name='answers')
    submission = models.ForeignKey(to='submission.Submission', on_delete=models.PROTECT, related_name='answers', null=True, blank=True)
    person = models.ForeignKey(to='person.User', on_delete=models.PROTECT, related_name='answers', null=True, blank=True)
    review = models.ForeignKey(to='submission.Review', on_delete=models.PROTECT, related_name='answers', null=True, blank=True)
    answer = models.TextField()
    answer_file = models.FileField(upload_to=answer_file_path, null=True, blank=True)
    options = models.ManyToManyField(to='submission.AnswerOption', related_name='answers')
    objects = ScopedManager(event='question__event')

    class Meta:
        rules_permissions = {'api': can_change_event_settings & orga_can_change_submissions}
    remove.alters_data = True
