# Extracted from hyperkitty 1.3.12, hyperkitty/models/vote.py
# Licence: GPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Vote(models.Model):
    email = models.ForeignKey('Email', related_name='votes', on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='votes', on_delete=models.CASCADE)
    value = models.SmallIntegerField(db_index=True)

    class Meta:
        unique_together = ('email', 'user')
