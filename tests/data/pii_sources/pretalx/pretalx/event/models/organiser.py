# Extracted from pretalx 2025.2.2, pretalx/event/models/organiser.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Organiser(PretalxModel):
    name = I18nCharField(max_length=190)
    slug = models.SlugField(max_length=50, db_index=True, unique=True, validators=[RegexValidator(regex=FULL_SLUG_REGEX, message=_('The slug may only contain letters, numbers, dots and dashes.'))])
    objects = models.Manager()

    class Meta:
        rules_permissions = {'view': has_any_organiser_permissions, 'update': can_change_organiser_settings, 'list': can_change_any_organiser_settings, 'view_any': is_any_organiser}

    class orga_urls(EventUrls):
        base = '/orga/organiser/{self.slug}/'
        settings = '{base}settings/'
        delete = '{settings}delete/'
        teams = '{base}teams/'
        new_team = '{teams}new/'
        user_search = '{base}api/users/'
    shred.alters_data = True


class Team(PretalxModel):
    organiser = models.ForeignKey(to=Organiser, related_name='teams', on_delete=models.CASCADE)
    name = models.CharField(max_length=190)
    members = models.ManyToManyField(to=User, related_name='teams')
    all_events = models.BooleanField(default=False)
    limit_events = models.ManyToManyField(to='Event', blank=True)
    limit_tracks = models.ManyToManyField(to='submission.Track', blank=True)
    can_create_events = models.BooleanField(default=False)
    can_change_teams = models.BooleanField(default=False)
    can_change_organiser_settings = models.BooleanField(default=False)
    can_change_event_settings = models.BooleanField(default=False)
    can_change_submissions = models.BooleanField(default=False)
    is_reviewer = models.BooleanField(default=False)
    force_hide_speaker_names = models.BooleanField(default=False)
    objects = models.Manager()

    class Meta:
        rules_permissions = TEAM_PERMISSIONS
    remove_member.alters_data = True

    class orga_urls(EventUrls):
        base = '{self.organiser.orga_urls.teams}{self.pk}/'
        delete = '{base}delete/'


class TeamInvite(PretalxModel):
    team = models.ForeignKey(to=Team, related_name='invites', on_delete=models.CASCADE)
    email = models.EmailField(null=True, blank=True)
    token = models.CharField(default=generate_invite_token, max_length=64, null=True, blank=True, unique=True)
    objects = models.Manager()

    class Meta:
        rules_permissions = TEAM_PERMISSIONS
    send.alters_data = True
