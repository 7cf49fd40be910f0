# Extracted from misago 0.39.6, misago/users/models/activityranking.py
# Licence: GPL-2.0 (setup.py, LICENSE.rst of the sdist), (c) the Misago authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class ActivityRanking(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='+', on_delete=models.CASCADE)
    score = models.PositiveIntegerField(default=0, db_index=True)
