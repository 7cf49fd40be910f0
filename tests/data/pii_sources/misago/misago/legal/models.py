# Extracted from misago 0.39.6, misago/legal/models.py
# Licence: GPL-2.0 (setup.py, LICENSE.rst of the sdist), (c) the Misago authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Agreement(models.Model):
    TYPE_TOS = 'terms_of_service'
    TYPE_PRIVACY = 'privacy_policy'
    TYPE_CHOICES = [(TYPE_TOS, pgettext_lazy('agreement type choice', 'Terms of service')), (TYPE_PRIVACY, pgettext_lazy('agreement type choice', 'Privacy policy'))]
    type = models.CharField(max_length=20, default=TYPE_TOS, choices=TYPE_CHOICES, db_index=True)
    title = models.CharField(max_length=255, null=True, blank=True)
    link = models.URLField(max_length=255, null=True, blank=True)
    text = models.TextField(null=True, blank=True)
    is_active = models.BooleanField(default=False)
    created_on = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, blank=True, null=True, related_name='+')
    created_by_name = models.CharField(max_length=255, null=True, blank=True)
    last_modified_on = models.DateTimeField(null=True, blank=True)
    last_modified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, blank=True, null=True, related_name='+')
    last_modified_by_name = models.CharField(max_length=255, null=True, blank=True)
    objects = AgreementManager()


class UserAgreement(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    agreement = models.ForeignKey(Agreement, related_name='accepted_by', on_delete=models.CASCADE)
    accepted_on = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ['-pk']
