# Extracted from wger 2.1, wger/gym/models/gym_config.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class GymConfig(m.Model):
    """
    Configuration options for a gym
    """
    gym = m.OneToOneField(Gym, related_name='config', editable=False, on_delete=m.CASCADE)
    '\n    Gym this configuration belongs to\n    '
    weeks_inactive = m.PositiveIntegerField(verbose_name=_('Reminder of inactive members'), help_text=_('Number of weeks since the last time a user logged his presence to be considered inactive'), default=4)
    '\n    Reminder of inactive members\n    '
    show_name = m.BooleanField(verbose_name=_('Show name in header'), help_text=_('Show the name of the gym in the site header'), default=False)
    "\n    Show name of the current user's gym in the header, instead of 'wger'\n    "
