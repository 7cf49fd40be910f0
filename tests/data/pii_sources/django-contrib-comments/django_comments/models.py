# Extracted from django-contrib-comments 2.2.0, django_comments/models.py
# Licence: BSD-3-Clause
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class CommentFlag(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='comment_flags', on_delete=models.CASCADE)
    comment = models.ForeignKey(Comment, related_name='flags', on_delete=models.CASCADE)
    flag = models.CharField(_('flag'), max_length=30, db_index=True)
    flag_date = models.DateTimeField(_('date'), default=None)
    SUGGEST_REMOVAL = 'removal suggestion'
    MODERATOR_DELETION = 'moderator deletion'
    MODERATOR_APPROVAL = 'moderator approval'

    class Meta:
        db_table = 'django_comment_flags'
        unique_together = [('user', 'comment', 'flag')]
        verbose_name = _('comment flag')
        verbose_name_plural = _('comment flags')
