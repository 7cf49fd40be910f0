# Extracted from misago 0.39.6, misago/threads/models/thread.py
# Licence: GPL-2.0 (setup.py, LICENSE.rst of the sdist), (c) the Misago authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Thread(PluginDataModel):
    WEIGHT_DEFAULT = 0
    WEIGHT_PINNED = 1
    WEIGHT_GLOBAL = 2
    WEIGHT_CHOICES = [(WEIGHT_DEFAULT, pgettext_lazy('thread weight choice', 'Not pinned')), (WEIGHT_PINNED, pgettext_lazy('thread weight choice', 'Pinned in category')), (WEIGHT_GLOBAL, pgettext_lazy('thread weight choice', 'Pinned globally'))]
    category = models.ForeignKey('misago_categories.Category', on_delete=models.CASCADE)
    title = models.CharField(max_length=255)
    slug = models.CharField(max_length=255)
    replies = models.PositiveIntegerField(default=0, db_index=True)
    has_events = models.BooleanField(default=False)
    has_poll = models.BooleanField(default=False)
    has_reported_posts = models.BooleanField(default=False)
    has_open_reports = models.BooleanField(default=False)
    has_unapproved_posts = models.BooleanField(default=False)
    has_hidden_posts = models.BooleanField(default=False)
    started_on = models.DateTimeField(db_index=True)
    last_post_on = models.DateTimeField(db_index=True)
    first_post = models.ForeignKey('misago_threads.Post', related_name='+', null=True, blank=True, on_delete=models.SET_NULL)
    starter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    starter_name = models.CharField(max_length=255)
    starter_slug = models.CharField(max_length=255)
    last_post = models.ForeignKey('misago_threads.Post', related_name='+', null=True, blank=True, on_delete=models.SET_NULL)
    last_post_is_event = models.BooleanField(default=False)
    last_poster = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='last_poster_set', null=True, blank=True, on_delete=models.SET_NULL)
    last_poster_name = models.CharField(max_length=255, null=True, blank=True)
    last_poster_slug = models.CharField(max_length=255, null=True, blank=True)
    weight = models.PositiveIntegerField(default=WEIGHT_DEFAULT)
    is_unapproved = models.BooleanField(default=False, db_index=True)
    is_hidden = models.BooleanField(default=False)
    is_closed = models.BooleanField(default=False)
    best_answer = models.ForeignKey('misago_threads.Post', related_name='+', null=True, blank=True, on_delete=models.SET_NULL)
    best_answer_is_protected = models.BooleanField(default=False)
    best_answer_marked_on = models.DateTimeField(null=True, blank=True)
    best_answer_marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='marked_best_answer_set', null=True, blank=True, on_delete=models.SET_NULL)
    best_answer_marked_by_name = models.CharField(max_length=255, null=True, blank=True)
    best_answer_marked_by_slug = models.CharField(max_length=255, null=True, blank=True)
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name='privatethread_set', through='ThreadParticipant', through_fields=('thread', 'user'))

    class Meta:
        indexes = [*PluginDataModel.Meta.indexes, models.Index(name='misago_thread_pinned_glob_part', fields=['weight'], condition=Q(weight=2)), models.Index(name='misago_thread_pinned_loca_part', fields=['weight'], condition=Q(weight=1)), models.Index(name='misago_thread_not_pinned_part', fields=['weight'], condition=Q(weight=0)), models.Index(name='misago_thread_not_global_part', fields=['weight'], condition=Q(weight__lt=2)), models.Index(name='misago_thread_has_reporte_part', fields=['has_reported_posts'], condition=Q(has_reported_posts=True)), models.Index(name='misago_thread_has_unappro_part', fields=['has_unapproved_posts'], condition=Q(has_unapproved_posts=True)), models.Index(name='misago_thread_is_visible_part', fields=['is_hidden'], condition=Q(is_hidden=False)), models.Index(fields=['category', 'id']), models.Index(fields=['category', 'last_post_on']), models.Index(fields=['category', 'replies'])]
