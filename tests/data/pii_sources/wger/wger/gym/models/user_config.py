# Extracted from wger 2.1, wger/gym/models/user_config.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class AbstractGymUserConfigModel(m.Model):
    """
    Abstract class for member and admin gym configuration models
    """

    class Meta:
        abstract = True
    gym = m.ForeignKey(Gym, editable=False, on_delete=m.CASCADE)
    '\n    Gym this configuration belongs to\n    '
    user = m.OneToOneField(User, editable=False, on_delete=m.CASCADE)
    '\n    User this configuration belongs to\n    '


class GymAdminConfig(AbstractGymUserConfigModel, m.Model):
    """
    Administrator/trainer configuration options for a specific gym
    """

    class Meta:
        unique_together = ('gym', 'user')
        '\n        Only one entry per user and gym\n        '
    overview_inactive = m.BooleanField(verbose_name=_('Overview of inactive members'), help_text=_('Receive email overviews of inactive members'), default=True)
    '\n    Reminder of inactive members\n    '


class GymUserConfig(AbstractGymUserConfigModel, m.Model):
    """
    Gym member configuration options for a specific gym
    """

    class Meta:
        unique_together = ('gym', 'user')
        '\n        Only one entry per user and gym\n        '
    include_inactive = m.BooleanField(verbose_name=_('Include in inactive overview'), help_text=_('Include this user in the email list with inactive members'), default=True)
    '\n    Include user in inactive overview\n    '
