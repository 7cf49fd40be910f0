# Extracted from hyperkitty 1.3.12, hyperkitty/models/profile.py
# Licence: GPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, related_name='hyperkitty_profile', on_delete=models.CASCADE)
    karma = models.IntegerField(default=1)
