# Extracted from wger 2.1, wger/weight/models.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class WeightEntry(models.Model):
    date = models.DateField()
    weight = models.DecimalField(max_digits=5, decimal_places=2, validators=[MinValueValidator(30), MaxValueValidator(600)])
    user = models.ForeignKey(User, on_delete=models.CASCADE)

    class Meta:
        verbose_name = _('Weight entry')
        ordering = ['date']
        get_latest_by = 'date'
        unique_together = ('date', 'user')
