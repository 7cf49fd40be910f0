# Extracted from pretalx 2025.2.2, pretalx/submission/models/review.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class ReviewScoreCategory(PretalxModel):
    event = models.ForeignKey(to='event.Event', related_name='score_categories', on_delete=models.CASCADE)
    name = I18nCharField()
    weight = models.DecimalField(max_digits=4, decimal_places=1, default=1)
    required = models.BooleanField(default=False)
    active = models.BooleanField(default=True)
    limit_tracks = models.ManyToManyField(to='submission.Track', blank=True)
    is_independent = models.BooleanField(default=False)

    class urls(EventUrls):
        base = '{self.event.orga_urls.review_settings}category/{self.pk}/'
        delete = '{base}delete'


class ReviewScore(PretalxModel):
    category = models.ForeignKey(to=ReviewScoreCategory, related_name='scores', on_delete=models.CASCADE)
    value = models.DecimalField(max_digits=7, decimal_places=2)
    label = models.CharField(null=True, blank=True, max_length=200)
    objects = ScopedManager(event='category__event')

    class Meta:
        ordering = ('value',)


class Review(PretalxModel):
    submission = models.ForeignKey(to='submission.Submission', related_name='reviews', on_delete=models.CASCADE)
    user = models.ForeignKey(to='person.User', related_name='reviews', on_delete=models.CASCADE)
    text = MarkdownField(null=True, blank=True)
    score = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    scores = models.ManyToManyField(to=ReviewScore, related_name='reviews')
    objects = ScopedManager(event='submission__event', _manager_class=ReviewManager)
    all_objects = ScopedManager(event='submission__event', _manager_class=AllReviewManager)
    log_prefix = 'pretalx.submission.review'

    class Meta:
        unique_together = (('user', 'submission'),)
        rules_permissions = {'list': orga_can_change_submissions | is_reviewer, 'list_all': orga_can_change_submissions | is_reviewer & can_view_all_reviews, 'list_reviewers': orga_can_change_submissions | is_reviewer & can_view_reviewer_names, 'view': is_review_author | is_reviewer & can_view_reviews | orga_can_change_submissions, 'create': is_reviewer & reviews_are_open, 'update': has_reviewer_access & is_review_author & can_be_reviewed, 'delete': is_administrator | is_review_author & can_be_reviewed}

    class urls(EventUrls):
        base = '{self.submission.orga_urls.reviews}'
        delete = '{base}delete'


class ReviewPhase(OrderedModel, PretalxModel):
    event = models.ForeignKey(to='event.Event', related_name='review_phases', on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    start = DateTimeField(null=True, blank=True)
    end = DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=False)
    can_review = models.BooleanField(default=True)
    proposal_visibility = models.CharField(choices=(('all', _('All')), ('assigned', _('Only assigned proposals'))), max_length=8, default='all')
    can_see_other_reviews = models.CharField(max_length=12, choices=(('always', _('Always')), ('never', _('Never')), ('after_review', _('After reviewing the proposal'))), default='after_review')
    can_see_speaker_names = models.BooleanField(default=True)
    can_see_reviewer_names = models.BooleanField(default=True)
    can_change_submission_state = models.BooleanField(default=False)
    can_tag_submissions = models.CharField(max_length=12, choices=(('never', _('Never')), ('use_tags', _('Add and remove existing tags')), ('create_tags', _('Add, remove and create tags'))), default='never')
    speakers_can_change_submissions = models.BooleanField(default=False)

    class Meta:
        ordering = ('position',)

    class urls(EventUrls):
        base = '{self.event.orga_urls.review_settings}phase/{self.pk}/'
        delete = '{base}delete'
        activate = '{base}activate'
    activate.alters_data = True
