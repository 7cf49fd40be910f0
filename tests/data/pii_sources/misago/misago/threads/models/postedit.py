# Extracted from misago 0.39.6, misago/threads/models/postedit.py
# Licence: GPL-2.0 (setup.py, LICENSE.rst of the sdist), (c) the Misago authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class PostEdit(models.Model):
    category = models.ForeignKey('misago_categories.Category', on_delete=models.CASCADE)
    thread = models.ForeignKey('misago_threads.Thread', on_delete=models.CASCADE)
    post = models.ForeignKey('misago_threads.Post', related_name='edits_record', on_delete=models.CASCADE)
    edited_on = models.DateTimeField(default=timezone.now)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, blank=True, null=True, on_delete=models.SET_NULL)
    editor_name = models.CharField(max_length=255)
    editor_slug = models.CharField(max_length=255)
    edited_from = models.TextField()
    edited_to = models.TextField()

    class Meta:
        ordering = ['-id']
