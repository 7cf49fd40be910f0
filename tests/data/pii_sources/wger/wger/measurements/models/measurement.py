# Extracted from wger 2.1, wger/measurements/models/measurement.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Measurement(models.Model):

    class Meta:
        unique_together = ('date', 'category')
        ordering = ['-date']
    category = models.ForeignKey(Category, on_delete=models.CASCADE)
    date = models.DateField(_('Date'), default=datetime.datetime.now)
    value = models.DecimalField(max_digits=6, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(5000)])
    notes = models.CharField(max_length=100, blank=True)
