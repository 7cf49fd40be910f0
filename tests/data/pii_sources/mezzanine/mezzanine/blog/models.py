# Extracted from mezzanine 6.1.1, mezzanine/blog/models.py
# Licence: BSD-2-Clause
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class BlogPost(Displayable, Ownable, RichText, AdminThumbMixin):
    categories = models.ManyToManyField('BlogCategory', blank=True, related_name='blogposts')
    allow_comments = models.BooleanField(default=True)
    comments = CommentsField()
    rating = RatingField()
    featured_image = FileField(upload_to=upload_to('blog.BlogPost.featured_image', 'blog'), format='Image', max_length=255, null=True, blank=True)
    related_posts = models.ManyToManyField('self', blank=True)
    admin_thumb_field = 'featured_image'

    class Meta:
        verbose_name = _('Blog post')
        verbose_name_plural = _('Blog posts')
        ordering = ('-publish_date',)
