# Extracted from wger 2.1, wger/measurements/models/category.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class Category(models.Model):

    class Meta:
        ordering = ['-name']
    user = models.ForeignKey(User, verbose_name=_('User'), on_delete=models.CASCADE)
    name = models.CharField(verbose_name=_('Name'), max_length=100)
    unit = models.CharField(verbose_name=_('Unit'), max_length=30)
