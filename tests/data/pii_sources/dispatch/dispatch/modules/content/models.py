# Extracted from dispatch 2.0.6, dispatch/modules/content/models.py
# Licence: GPL-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Tag(Model):
    name = CharField(max_length=255, unique=True)


class Topic(Model):
    name = CharField(max_length=255)
    slug = SlugField(unique=True, max_length=255)
    last_used = DateTimeField(null=True)


class Section(Model):
    name = CharField(max_length=100, unique=True)
    slug = SlugField(unique=True)

    class Meta:
        indexes = [models.Index(fields=['slug'])]


class Author(Model):
    person = ForeignKey(Person, on_delete=CASCADE)
    order = PositiveIntegerField()
    type = CharField(blank=True, default='author', max_length=100)

    class Meta:
        ordering = ['order']


class Publishable(Model):
    preview_id = UUIDField(default=uuid.uuid4)
    revision_id = PositiveIntegerField(default=0, db_index=True)
    head = BooleanField(default=None, db_index=True, null=True)
    is_published = BooleanField(null=True, default=None, db_index=True)
    is_active = BooleanField(null=True, default=True)
    published_version = PositiveIntegerField(null=True)
    latest_version = PositiveIntegerField(null=True)
    slug = SlugField(max_length=255, db_index=True)
    shares = PositiveIntegerField(default=0, blank=True, null=True)
    featured_image = ForeignKey('ImageAttachment', on_delete=SET_NULL, related_name='%(class)s_featured_image', blank=True, null=True)
    featured_video = ForeignKey('VideoAttachment', on_delete=SET_NULL, related_name='%(class)s_featured_video', blank=True, null=True)
    template = CharField(max_length=255, default='default')
    template_data = JSONField(default={})
    seo_keyword = CharField(max_length=100, null=True)
    seo_description = TextField(null=True)
    integrations = JSONField(default={})
    content = JSONField(default=[])
    snippet = TextField(null=True)
    created_at = DateTimeField()
    updated_at = DateTimeField()
    published_at = DateTimeField(null=True)
    objects = PublishableManager()

    class Meta:
        abstract = True


class Article(Publishable, AuthorMixin):
    parent = ForeignKey('Article', on_delete=SET_NULL, related_name='article_parent', blank=True, null=True)
    headline = CharField(max_length=255)
    section = ForeignKey('Section', on_delete=CASCADE)
    subsection = ForeignKey('Subsection', on_delete=SET_NULL, related_name='article_subsection', blank=True, null=True)
    authors = ManyToManyField('Author', related_name='article_authors')
    topic = ForeignKey('Topic', on_delete=SET_NULL, null=True)
    tags = ManyToManyField('Tag')
    is_breaking = BooleanField(default=False)
    breaking_timeout = DateTimeField(blank=True, null=True)
    IMPORTANCE_CHOICES = [(i, i) for i in range(1, 6)]
    importance = PositiveIntegerField(validators=[MaxValueValidator(5)], choices=IMPORTANCE_CHOICES, default=3)
    READING_CHOICES = (('anytime', 'Anytime'), ('morning', 'Morning'), ('midday', 'Midday'), ('evening', 'Evening'))
    reading_time = CharField(max_length=100, choices=READING_CHOICES, default='anytime')
    AuthorModel = Author

    class Meta:
        indexes = [models.Index(fields=['-published_at']), models.Index(fields=['head', 'is_published']), models.Index(fields=['section']), models.Index(fields=['subsection'])]


class Subsection(Model, AuthorMixin):
    name = CharField(max_length=100, unique=True)
    slug = SlugField(unique=True)
    description = TextField(null=True, blank=True)
    authors = ManyToManyField('Author', related_name='subsection_authors')
    section = ForeignKey('Section', on_delete=CASCADE)
    is_active = BooleanField(default=False)
    AuthorModel = Author

    class Meta:
        indexes = [models.Index(fields=['slug']), models.Index(fields=['slug', 'section'])]


class Page(Publishable):
    parent = ForeignKey('Page', on_delete=SET_NULL, related_name='page_parent', blank=True, null=True)
    parent_page = ForeignKey('Page', on_delete=SET_NULL, related_name='parent_page_fk', null=True)
    title = CharField(max_length=255)


class Video(Model, AuthorMixin):
    title = CharField(max_length=255)
    url = CharField(max_length=500)
    authors = ManyToManyField(Author, related_name='video_authors')
    tags = ManyToManyField('Tag')
    created_at = DateTimeField(default=timezone.now)
    updated_at = DateTimeField(auto_now=True)
    AuthorModel = Author


class Image(Model, AuthorMixin):
    img = ImageField(upload_to='images/%Y/%m')
    title = CharField(max_length=255, blank=True, null=True)
    width = PositiveIntegerField(blank=True, null=True)
    height = PositiveIntegerField(blank=True, null=True)
    authors = ManyToManyField(Author, related_name='image_authors')
    tags = ManyToManyField('Tag')
    created_at = DateTimeField(auto_now_add=True)
    updated_at = DateTimeField(auto_now=True)
    SIZES = {'large': (1600, 900), 'medium': (800, 600), 'square': (250, 250)}
    JPG_FORMATS = ('jpg', 'JPG', 'JPEG', 'jpeg')
    GIF_FORMATS = ('gif', 'GIF')
    IMAGE_FORMATS = '.(jpg|JPEG|jpeg|JPG|gif|png|PNG|tiff|tif|dng)'
    THUMBNAIL_SIZE = 'square'
    AuthorModel = Author

    class Meta:
        indexes = [models.Index(fields=['img'])]


class VideoAttachment(Model):
    article = ForeignKey(Article, on_delete=SET_NULL, blank=True, null=True, related_name='video_article')
    page = ForeignKey(Page, on_delete=SET_NULL, blank=True, null=True, related_name='video_page')
    caption = TextField(blank=True, null=True)
    credit = TextField(blank=True, null=True)
    video = ForeignKey(Video, related_name='video', on_delete=SET_NULL, null=True)
    order = PositiveIntegerField(null=True)


class ImageAttachment(Model):
    article = ForeignKey(Article, on_delete=SET_NULL, blank=True, null=True, related_name='image_article')
    page = ForeignKey(Page, on_delete=SET_NULL, blank=True, null=True, related_name='image_page')
    gallery = ForeignKey('ImageGallery', on_delete=SET_NULL, blank=True, null=True)
    caption = TextField(blank=True, null=True)
    credit = TextField(blank=True, null=True)
    style = CharField(max_length=255, blank=True, null=True)
    width = CharField(max_length=255, blank=True, null=True)
    image = ForeignKey(Image, related_name='image', on_delete=SET_NULL, null=True)
    order = PositiveIntegerField(null=True)


class ImageGallery(Model):
    title = CharField(max_length=255)
    images = ManyToManyField(ImageAttachment, related_name='images')
    created_at = DateTimeField(auto_now_add=True)
    updated_at = DateTimeField(auto_now=True)


class File(Model):
    name = CharField(max_length=255)
    file = FileField(upload_to='files/%Y/%m')
    created_at = DateTimeField(auto_now_add=True)
    updated_at = DateTimeField(auto_now=True)


class Issue(Model):
    title = CharField(max_length=255)
    file = FileField(upload_to='issues/%Y/%m')
    img = ImageField(upload_to='images/%Y/%m')
    volume = PositiveIntegerField(null=True)
    issue = PositiveIntegerField(null=True)
    date = DateTimeField()


class Poll(Model):
    name = CharField(max_length=255)
    question = CharField(max_length=255)
    is_open = BooleanField(default=True)
    show_results = BooleanField(default=True)


class PollAnswer(Model):
    poll = ForeignKey(Poll, related_name='answers', on_delete=CASCADE)
    name = CharField(max_length=255)


class PollVote(Model):
    id = UUIDField(default=uuid.uuid4, primary_key=True)
    answer = ForeignKey(PollAnswer, related_name='votes', on_delete=CASCADE)
    timestamp = DateTimeField(auto_now_add=True)
