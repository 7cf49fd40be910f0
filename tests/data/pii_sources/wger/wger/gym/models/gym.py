# Extracted from wger 2.1, wger/gym/models/gym.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class Gym(m.Model):
    """
    Model for a gym
    """

    class Meta:
        permissions = (('gym_trainer', _('Trainer: can see the users for a gym')), ('manage_gym', _('Admin: can manage users for a gym')), ('manage_gyms', _('Admin: can administrate the different gyms')))
        ordering = ['name']
    objects = GymManager()
    '\n    Custom Gym Query Manager\n    '
    name = m.CharField(max_length=60, verbose_name=_('Name'))
    'Gym name'
    phone = m.CharField(verbose_name=_('Phone'), max_length=20, blank=True, null=True)
    'Phone number'
    email = m.EmailField(verbose_name=_('Email'), blank=True, null=True)
    'Email'
    owner = m.CharField(verbose_name=_('Owner'), max_length=100, blank=True, null=True)
    'Gym owner'
    zip_code = m.CharField(_('ZIP code'), max_length=10, blank=True, null=True)
    'ZIP code'
    city = m.CharField(_('City'), max_length=30, blank=True, null=True)
    'City'
    street = m.CharField(_('Street'), max_length=30, blank=True, null=True)
    'Street'
