# Extracted from wger 2.1, wger/gym/models/gym_config.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class GymConfig(m.Model):
    gym = m.OneToOneField(Gym, related_name='config', editable=False, on_delete=m.CASCADE)
    weeks_inactive = m.PositiveIntegerField(default=4)
    show_name = m.BooleanField(default=False)
