# Extracted from dispatch 2.0.6, dispatch/modules/podcasts/models.py
# Licence: GPL-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Podcast(Model):
    id = UUIDField(primary_key=True, default=uuid.uuid4)
    slug = SlugField(unique=True)
    title = CharField(max_length=255)
    description = TextField()
    author = CharField(max_length=255)
    owner_name = CharField(max_length=255)
    owner_email = EmailField(max_length=255)
    image = ForeignKey(Image, on_delete=SET_NULL, null=True)
    category = CharField(max_length=255, choices=CATEGORY_CHOICES, default=CATEGORY_CHOICES[0][0])
    explicit = CharField(max_length=5, choices=EXPLICIT_CHOICES, default=EXPLICIT_CHOICES[0][0])


class PodcastEpisode(Model):
    __original_file = None
    id = UUIDField(primary_key=True, default=uuid.uuid4)
    podcast = ForeignKey(Podcast, on_delete=CASCADE)
    title = CharField(max_length=255)
    description = TextField()
    author = CharField(max_length=255)
    image = ForeignKey(Image, on_delete=SET_NULL, null=True)
    duration = PositiveIntegerField(null=True)
    type = CharField(max_length=255)
    published_at = DateTimeField()
    explicit = CharField(max_length=5, choices=EXPLICIT_CHOICES, default=EXPLICIT_CHOICES[0][0])
    file = FileField(upload_to='podcasts/')
