# Extracted from kiwitcms 12.4, tcms/core/contrib/linkreference/models.py
# Licence: GPL-2.0 (LICENSE of the sdist), (c) the Kiwi TCMS authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class LinkReference(models.Model):
    execution = models.ForeignKey('testruns.TestExecution', on_delete=models.CASCADE)
    name = models.CharField(max_length=64, blank=True, default='')
    url = models.URLField(db_index=True)
    created_on = models.DateTimeField(auto_now_add=True, db_index=True)
    is_defect = models.BooleanField(default=False, db_index=True)
