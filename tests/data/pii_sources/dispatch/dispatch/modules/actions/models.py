# Extracted from dispatch 2.0.6, dispatch/modules/actions/models.py
# Licence: GPL-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Action(Model):
    user = ForeignKey(User, on_delete=CASCADE)
    action = CharField(max_length=50)
    object_type = CharField(max_length=50)
    object_id = PositiveIntegerField()
    timestamp = DateTimeField(auto_now=True)
