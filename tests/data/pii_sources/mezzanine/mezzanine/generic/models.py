# Extracted from mezzanine 6.1.1, mezzanine/generic/models.py
# Licence: BSD-2-Clause
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class ThreadedComment(Comment):
    by_author = models.BooleanField(_('By the blog author'), default=False)
    replied_to = models.ForeignKey('self', on_delete=models.CASCADE, null=True, editable=False, related_name='comments')
    rating = RatingField()
    objects = CommentManager()

    class Meta:
        verbose_name = _('Comment')
        verbose_name_plural = _('Comments')
    intro.short_description = _('Comment')
    avatar_link.short_description = _('User')
    admin_link.short_description = ''


class AssignedKeyword(Orderable):
    keyword = models.ForeignKey('Keyword', on_delete=models.CASCADE, related_name='assignments')
    content_type = models.ForeignKey('contenttypes.ContentType', on_delete=models.CASCADE)
    object_pk = models.IntegerField()
    content_object = GenericForeignKey('content_type', 'object_pk')

    class Meta:
        order_with_respect_to = 'content_object'


class Rating(models.Model):
    value = models.IntegerField(_('Value'))
    rating_date = models.DateTimeField(_('Rating date'), auto_now_add=True, null=True)
    content_type = models.ForeignKey('contenttypes.ContentType', on_delete=models.CASCADE)
    object_pk = models.IntegerField()
    content_object = GenericForeignKey('content_type', 'object_pk')
    user = models.ForeignKey(get_user_model_name(), on_delete=models.CASCADE, null=True, related_name='%(class)ss')

    class Meta:
        verbose_name = _('Rating')
        verbose_name_plural = _('Ratings')
