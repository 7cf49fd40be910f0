# Extracted from misago 0.39.6, misago/users/models/deleteduser.py
# Licence: GPL-2.0 (setup.py, LICENSE.rst of the sdist), (c) the Misago authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class DeletedUser(models.Model):
    DELETED_BY_SELF = 1
    DELETED_BY_STAFF = 2
    DELETED_BY_SYSTEM = 3
    DELETED_BY_CHOICES = ((DELETED_BY_SELF, pgettext_lazy('user deleted by', 'By self')), (DELETED_BY_STAFF, pgettext_lazy('user deleted by', 'By staff')), (DELETED_BY_SYSTEM, pgettext_lazy('user deleted by', 'By system')))
    deleted_on = models.DateTimeField(default=timezone.now, db_index=True)
    deleted_by = models.PositiveIntegerField(choices=DELETED_BY_CHOICES, db_index=True)

    class Meta:
        ordering = ['-id']
