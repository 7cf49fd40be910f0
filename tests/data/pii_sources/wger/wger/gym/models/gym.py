# Extracted from wger 2.1, wger/gym/models/gym.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Gym(m.Model):

    class Meta:
        permissions = (('gym_trainer', _('Trainer: can see the users for a gym')), ('manage_gym', _('Admin: can manage users for a gym')), ('manage_gyms', _('Admin: can administrate the different gyms')))
        ordering = ['name']
    objects = GymManager()
    name = m.CharField(max_length=60)
    phone = m.CharField(max_length=20, blank=True, null=True)
    email = m.EmailField(blank=True, null=True)
    owner = m.CharField(max_length=100, blank=True, null=True)
    zip_code = m.CharField(_('ZIP code'), max_length=10, blank=True, null=True)
    city = m.CharField(_('City'), max_length=30, blank=True, null=True)
    street = m.CharField(_('Street'), max_length=30, blank=True, null=True)
