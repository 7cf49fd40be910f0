# Extracted from pretalx 2025.2.2, pretalx/person/models/auth_token.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class UserApiToken(PretalxModel):
    name = models.CharField(max_length=190)
    token = models.CharField(default=generate_api_token, max_length=64, unique=True)
    user = models.ForeignKey(to='person.User', related_name='api_tokens', on_delete=models.CASCADE)
    events = models.ManyToManyField(to='event.Event', related_name='+')
    expires = DateTimeField(null=True, blank=True)
    endpoints = models.JSONField(default=dict, blank=True)
    version = models.CharField(max_length=12, null=True, blank=True)
    last_used = models.DateTimeField(null=True, blank=True)
    objects = UserApiTokenManager()
