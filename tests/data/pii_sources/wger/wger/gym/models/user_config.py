# Extracted from wger 2.1, wger/gym/models/user_config.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class AbstractGymUserConfigModel(m.Model):

    class Meta:
        abstract = True
    gym = m.ForeignKey(Gym, editable=False, on_delete=m.CASCADE)
    user = m.OneToOneField(User, editable=False, on_delete=m.CASCADE)


class GymAdminConfig(AbstractGymUserConfigModel, m.Model):

    class Meta:
        unique_together = ('gym', 'user')
    overview_inactive = m.BooleanField(default=True)


class GymUserConfig(AbstractGymUserConfigModel, m.Model):

    class Meta:
        unique_together = ('gym', 'user')
    include_inactive = m.BooleanField(default=True)
