# Extracted from dispatch 2.0.6, dispatch/modules/integrations/models.py
# Licence: GPL-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Integration(Model):
    integration_id = CharField(unique=True, max_length=100)
    settings = TextField(default='{}')
    objects = IntegrationManager()
