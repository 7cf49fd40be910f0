# Extracted from hyperkitty 1.3.12, hyperkitty/models/tag.py
# Licence: GPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Tagging(models.Model):
    thread = models.ForeignKey('Thread', on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    tag = models.ForeignKey('Tag', on_delete=models.CASCADE)


class Tag(models.Model):
    name = models.CharField(max_length=255, db_index=True, unique=True)
    threads = models.ManyToManyField('Thread', through='Tagging', related_name='tags')
    users = models.ManyToManyField(settings.AUTH_USER_MODEL, through='Tagging', related_name='tags')

    class Meta:
        ordering = ['name']
