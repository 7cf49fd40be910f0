# Extracted from wger 2.1, wger/weight/models.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class WeightEntry(models.Model):
    """
    Model for a weight point
    """
    date = models.DateField(verbose_name=_('Date'))
    weight = models.DecimalField(verbose_name=_('Weight'), max_digits=5, decimal_places=2, validators=[MinValueValidator(30), MaxValueValidator(600)])
    user = models.ForeignKey(User, verbose_name=_('User'), on_delete=models.CASCADE)
    "\n    The user the weight entry belongs to.\n\n    NOTE: this field is neither marked as editable false nor is it excluded in\n    the form. This is done intentionally because otherwise it's *very* difficult\n    and ugly to validate the uniqueness of unique_together fields and one field\n    is excluded from the form. This does not pose any security risk because the\n    value from the form is ignored and the request's user always used.\n    "

    class Meta:
        """
        Metaclass to set some other properties
        """
        verbose_name = _('Weight entry')
        ordering = ['date']
        get_latest_by = 'date'
        unique_together = ('date', 'user')
