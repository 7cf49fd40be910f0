# Extracted from hyperkitty 1.3.12, hyperkitty/models/category.py
# Licence: GPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class ThreadCategory(models.Model):
    name = models.CharField(max_length=255, db_index=True, unique=True)
    color = ColorField()

    class Meta:
        verbose_name_plural = 'Thread categories'
