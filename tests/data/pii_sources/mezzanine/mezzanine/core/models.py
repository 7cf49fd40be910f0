# Extracted from mezzanine 6.1.1, mezzanine/core/models.py
# Licence: BSD-2-Clause
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class SiteRelated(models.Model):
    objects = wrapped_manager(CurrentSiteManager)

    class Meta:
        abstract = True
    site = models.ForeignKey('sites.Site', on_delete=models.CASCADE, editable=False)


class Slugged(SiteRelated):
    title = models.CharField(_('Title'), max_length=500)
    slug = models.CharField(_('URL'), max_length=2000, blank=True)

    class Meta:
        abstract = True
    admin_link.short_description = ''


class MetaData(models.Model):
    _meta_title = models.CharField(_('Title'), null=True, blank=True, max_length=500)
    description = models.TextField(_('Description'), blank=True)
    gen_description = models.BooleanField(_('Generate description'), default=True)
    keywords = KeywordsField()

    class Meta:
        abstract = True


class TimeStamped(models.Model):

    class Meta:
        abstract = True
    created = models.DateTimeField(null=True, editable=False)
    updated = models.DateTimeField(null=True, editable=False)


class Displayable(Slugged, MetaData, TimeStamped):
    status = models.IntegerField(_('Status'), choices=CONTENT_STATUS_CHOICES, default=CONTENT_STATUS_PUBLISHED)
    publish_date = models.DateTimeField(_('Published from'), blank=True, null=True, db_index=True)
    expiry_date = models.DateTimeField(_('Expires on'), blank=True, null=True)
    short_url = models.URLField(blank=True, null=True)
    in_sitemap = models.BooleanField(_('Show in sitemap'), default=True)
    objects = wrapped_manager(DisplayableManager)
    search_fields = {'keywords': 10, 'title': 5}

    class Meta:
        abstract = True
    publish_date_since.short_description = _('Published from')


class RichText(models.Model):
    content = RichTextField(_('Content'))
    search_fields = ('content',)

    class Meta:
        abstract = True


class Orderable(models.Model, metaclass=OrderableBase):
    _order = OrderField(_('Order'), null=True)

    class Meta:
        abstract = True


class Ownable(models.Model):
    user = models.ForeignKey(user_model_name, on_delete=models.CASCADE, related_name='%(class)ss')

    class Meta:
        abstract = True


class ContentTyped(models.Model):
    content_model = models.CharField(editable=False, max_length=50, null=True)

    class Meta:
        abstract = True


class SitePermission(models.Model):
    user = models.OneToOneField(user_model_name, on_delete=models.CASCADE, related_name='%(class)ss')
    sites = models.ManyToManyField('sites.Site', blank=True)

    class Meta:
        verbose_name = _('Site permission')
        verbose_name_plural = _('Site permissions')
