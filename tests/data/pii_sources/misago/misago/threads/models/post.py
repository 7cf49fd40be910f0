# Extracted from misago 0.39.6, misago/threads/models/post.py
# Licence: GPL-2.0 (setup.py, LICENSE.rst of the sdist), (c) the Misago authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Post(PluginDataModel):
    category = models.ForeignKey('misago_categories.Category', on_delete=models.CASCADE)
    thread = models.ForeignKey('misago_threads.Thread', on_delete=models.CASCADE)
    poster = models.ForeignKey(settings.AUTH_USER_MODEL, blank=True, null=True, on_delete=models.SET_NULL)
    poster_name = models.CharField(max_length=255)
    original = models.TextField()
    parsed = models.TextField()
    checksum = models.CharField(max_length=64, default='-')
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name='mention_set')
    attachments_cache = models.JSONField(null=True, blank=True)
    posted_on = models.DateTimeField(db_index=True)
    updated_on = models.DateTimeField()
    hidden_on = models.DateTimeField(default=timezone.now)
    edits = models.PositiveIntegerField(default=0)
    last_editor = models.ForeignKey(settings.AUTH_USER_MODEL, blank=True, null=True, on_delete=models.SET_NULL, related_name='+')
    last_editor_name = models.CharField(max_length=255, null=True, blank=True)
    last_editor_slug = models.SlugField(max_length=255, null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, blank=True, null=True, on_delete=models.SET_NULL, related_name='+')
    hidden_by_name = models.CharField(max_length=255, null=True, blank=True)
    hidden_by_slug = models.SlugField(max_length=255, null=True, blank=True)
    has_reports = models.BooleanField(default=False)
    has_open_reports = models.BooleanField(default=False)
    is_unapproved = models.BooleanField(default=False, db_index=True)
    is_hidden = models.BooleanField(default=False)
    is_protected = models.BooleanField(default=False)
    is_event = models.BooleanField(default=False, db_index=True)
    event_type = models.CharField(max_length=255, null=True, blank=True)
    event_context = models.JSONField(null=True, blank=True)
    likes = models.PositiveIntegerField(default=0)
    last_likes = models.JSONField(null=True, blank=True)
    liked_by = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name='liked_post_set', through='misago_threads.PostLike')
    search_document = models.TextField(null=True, blank=True)
    search_vector = SearchVectorField()

    class Meta:
        indexes = [*PluginDataModel.Meta.indexes, models.Index(name='misago_post_has_open_repo_part', fields=['has_open_reports'], condition=Q(has_open_reports=True)), models.Index(name='misago_post_is_hidden_part', fields=['is_hidden'], condition=Q(is_hidden=False)), models.Index(name='misago_post_is_event_part', fields=['is_event', 'event_type'], condition=Q(is_event=True)), GinIndex(fields=['search_vector']), models.Index(fields=['thread', 'id']), models.Index(fields=['is_event', 'is_hidden']), models.Index(fields=['poster', 'posted_on'])]
