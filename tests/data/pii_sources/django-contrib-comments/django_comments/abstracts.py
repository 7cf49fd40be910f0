# Extracted from django-contrib-comments 2.2.0, django_comments/abstracts.py
# Licence: BSD-3-Clause
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class BaseCommentAbstractModel(models.Model):
    content_type = models.ForeignKey(ContentType, related_name='content_type_set_for_%(class)s', on_delete=models.CASCADE)
    object_pk = models.CharField(_('object ID'), db_index=True, max_length=64)
    content_object = GenericForeignKey(ct_field='content_type', fk_field='object_pk')
    site = models.ForeignKey(Site, on_delete=models.CASCADE)

    class Meta:
        abstract = True


class CommentAbstractModel(BaseCommentAbstractModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, blank=True, null=True, related_name='%(class)s_comments', on_delete=models.SET_NULL)
    user_name = models.CharField(_("user's name"), max_length=50, blank=True)
    user_email = models.EmailField(_("user's email address"), blank=True)
    user_url = models.URLField(_("user's URL"), blank=True)
    comment = models.TextField(_('comment'), max_length=COMMENT_MAX_LENGTH)
    submit_date = models.DateTimeField(_('date/time submitted'), default=None, db_index=True)
    ip_address = models.GenericIPAddressField(_('IP address'), unpack_ipv4=True, blank=True, null=True)
    is_public = models.BooleanField(_('is public'), default=True)
    is_removed = models.BooleanField(_('is removed'), default=False, db_index=True)
    objects = CommentManager()

    class Meta:
        abstract = True
        ordering = ('submit_date',)
        permissions = [('can_moderate', 'Can moderate comments')]
        verbose_name = _('comment')
        verbose_name_plural = _('comments')
    userinfo = property(_get_userinfo, doc=_get_userinfo.__doc__)
    name = property(_get_name, _set_name, doc='The name of the user who posted this comment')
    email = property(_get_email, _set_email, doc='The email of the user who posted this comment')
    url = property(_get_url, _set_url, doc='The URL given by the user who posted this comment')
