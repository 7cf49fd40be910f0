# Extracted from pretalx 2025.2.2, pretalx/submission/models/question.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class Question(OrderedModel, PretalxModel):
    """Questions can be asked per.

    :class:`~pretalx.submission.models.submission.Submission`, per speaker, or
    of reviewers per :class:`~pretalx.submission.models.review.Review`.

    Questions can have many types, which offers a flexible framework to give organisers
    the opportunity to get all the information they need.

    :param variant: Can be any of 'number', 'string', 'text', 'boolean',
        'file', 'choices', or 'multiple_choice'. Defined in the
        ``QuestionVariant`` class.
    :param target: Can be any of 'submission', 'speaker', or 'reviewer'.
        Defined in the ``QuestionTarget`` class.
    :param deadline: Datetime field. This field is required for 'after deadline' and 'freeze after' options of
        question_required field and optional for the other ones. For 'after deadline' it shows that the answer will
        be optional before the deadline and mandatory after that deadline. For 'freeze after' it shows that the
        answer will be allowed before the deadline and frozen after that deadline
    :param question_required: Can be any of 'none', 'require ', 'after deadline', or 'freeze after'.
        Defined in the ``QuestionRequired`` class.
        'required' answering this question will always be required.
        'optional' means that it will never be mandatory.
        'after deadline' the answer will be optional before the deadline and mandatory after the deadline.
    :param freeze_after: Can be a datetime field or null.
        For 'freeze after' the answer will be allowed before the deadline and frozen after the deadline.
    :param position: Position in the question order in this event.
    """
    event = models.ForeignKey(to='event.Event', on_delete=models.PROTECT, related_name='questions')
    variant = models.CharField(max_length=QuestionVariant.get_max_length(), choices=QuestionVariant.get_choices(), default=QuestionVariant.STRING)
    target = models.CharField(max_length=QuestionTarget.get_max_length(), choices=QuestionTarget.get_choices(), default=QuestionTarget.SUBMISSION, verbose_name=_('Field type'), help_text=_('Do you require an answer from every speaker or for every session?'))
    deadline = DateTimeField(null=True, blank=True, verbose_name=_('Deadline'), help_text=_('Set a deadline to make this field required after the given date.'))
    freeze_after = DateTimeField(null=True, blank=True, verbose_name=_('freeze after'), help_text=_('Set a deadline to stop changes to responses after the given date.'))
    question_required = models.CharField(max_length=QuestionRequired.get_max_length(), choices=QuestionRequired.get_choices(), default=QuestionRequired.OPTIONAL, verbose_name=_('Field required'))
    tracks = models.ManyToManyField(to='submission.Track', related_name='questions', help_text=_('You can limit this field to some tracks. Leave empty to apply to all tracks.'), verbose_name=_('Tracks'), blank=True)
    submission_types = models.ManyToManyField(to='submission.SubmissionType', related_name='questions', help_text=_('You can limit this field to some session types. Leave empty to apply to all session types.'), verbose_name=_('Session types'), blank=True)
    limit_teams = models.ManyToManyField(to='event.Team', related_name='+', help_text=_('You can limit this field to specific teams. Only members of these teams will be able to see responses.'), verbose_name=_('Limit access'), blank=True)
    question = I18nCharField(max_length=800, verbose_name=_('Label'))
    help_text = I18nCharField(null=True, blank=True, max_length=800, verbose_name=_('help text'), help_text=_('Will appear just like this text below the custom input field.') + ' ' + phrases.base.use_markdown)
    default_answer = models.TextField(null=True, blank=True, verbose_name=_('default answer'))
    position = models.IntegerField(default=0)
    active = models.BooleanField(default=True, verbose_name=_('active'), help_text=_('Inactive fields will no longer be shown.'))
    contains_personal_data = models.BooleanField(default=True, verbose_name=_('Responses contain personal data'), help_text=_('If a user deletes their account, responses containing personal data will be removed, too.'))
    min_length = models.PositiveIntegerField(null=True, blank=True, verbose_name=_('Minimum text length'), help_text=_('Minimum allowed text in characters or words (set in CfP settings).'))
    max_length = models.PositiveIntegerField(null=True, blank=True, verbose_name=_('Maximum text length'), help_text=_('Maximum allowed text length in characters or words (set in CfP settings).'))
    min_number = models.DecimalField(decimal_places=6, max_digits=16, null=True, blank=True, verbose_name=_('Minimum value'))
    max_number = models.DecimalField(decimal_places=6, max_digits=16, null=True, blank=True, verbose_name=_('Maximum value'))
    min_date = DateField(null=True, blank=True, verbose_name=_('Minimum value'))
    max_date = DateField(null=True, blank=True, verbose_name=_('Maximum value'))
    min_datetime = DateTimeField(null=True, blank=True, verbose_name=_('Minimum value'))
    max_datetime = DateTimeField(null=True, blank=True, verbose_name=_('Maximum value'))
    is_public = models.BooleanField(default=False, verbose_name=_('Publish answers'), help_text=_('Responses will be shown on session or speaker pages as appropriate.'))
    is_visible_to_reviewers = models.BooleanField(default=True, verbose_name=_('Show answers to reviewers'), help_text=_('Should responses to this field be shown to reviewers? This is helpful if you want to collect personal information, but use anonymous reviews.'))
    icon = models.CharField(max_length=QuestionIcon.get_max_length(), choices=QuestionIcon.get_choices(), default=None, null=True, blank=False, verbose_name=_('Icon'), help_text=_('Custom URL fields that are shown publicly can use an icon when displaying the link.'))
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
    """Provides the possible answers for.

    :class:`~pretalx.submission.models.question.Question` objects of variant
    'choice' or 'multiple_choice'.
    """
    question = models.ForeignKey(to='submission.Question', on_delete=models.PROTECT, related_name='options')
    answer = I18nCharField(verbose_name=_('Response'))
    position = models.IntegerField(default=0)
    objects = ScopedManager(event='question__event')
    log_prefix = 'pretalx.question.option'

    class Meta:
        ordering = ('position', 'id')
        verbose_name_plural = _('Options')
        rules_permissions = QUESTION_PERMISSIONS


class Answer(PretalxModel):
    """Answers are connected to a.

    :class:`~pretalx.submission.models.question.Question`, and, depending on
    type, a :class:`~pretalx.person.models.user.User`, a
    :class:`~pretalx.submission.models.submission.Submission`, or a
    :class:`~pretalx.submission.models.review.Review`.
    """
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
