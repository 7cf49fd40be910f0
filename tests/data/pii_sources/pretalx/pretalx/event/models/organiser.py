# Extracted from pretalx 2025.2.2, pretalx/event/models/organiser.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class Organiser(PretalxModel):
    """The Organiser model represents the entity responsible for at least one.

    :class:`~pretalx.event.models.event.Event`.
    """
    name = I18nCharField(max_length=190, verbose_name=_('Name'))
    slug = models.SlugField(max_length=50, db_index=True, unique=True, validators=[RegexValidator(regex=FULL_SLUG_REGEX, message=_('The slug may only contain letters, numbers, dots and dashes.'))], verbose_name=_('Short form'), help_text=_('Should be short, only contain lowercase letters and numbers, and must be unique, as it is used in URLs.'))
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
    """A team is a group of people working for the same organiser.

    Team members (of type :class:`~pretalx.person.models.user.User`) share
    permissions for one or several events of
    :class:`~pretalx.event.models.organiser.Organiser`.  People can be in
    multiple Teams, and will have all permissions *any* of their teams has.
    """
    organiser = models.ForeignKey(to=Organiser, related_name='teams', on_delete=models.CASCADE)
    name = models.CharField(max_length=190, verbose_name=_('Team name'))
    members = models.ManyToManyField(to=User, related_name='teams', verbose_name=_('Team members'))
    all_events = models.BooleanField(default=False, verbose_name=_('Apply permissions to all events by this organiser (including newly created ones)'))
    limit_events = models.ManyToManyField(to='Event', verbose_name=_('Limit permissions to these events'), blank=True)
    limit_tracks = models.ManyToManyField(to='submission.Track', verbose_name=_('Limit to tracks'), blank=True)
    can_create_events = models.BooleanField(default=False, verbose_name=_('Can create events'))
    can_change_teams = models.BooleanField(default=False, verbose_name=_('Can change teams and permissions'))
    can_change_organiser_settings = models.BooleanField(default=False, verbose_name=_('Can change organiser settings'))
    can_change_event_settings = models.BooleanField(default=False, verbose_name=_('Can change event settings'))
    can_change_submissions = models.BooleanField(default=False, verbose_name=_('Can work with and change proposals'))
    is_reviewer = models.BooleanField(default=False, verbose_name=_('Is a reviewer'))
    force_hide_speaker_names = models.BooleanField(verbose_name=_('Always hide speaker names'), help_text=_('Normally, anonymisation is configured in the event review settings. This setting will <strong>override the event settings</strong> and always hide speaker names for this team.'), default=False)
    objects = models.Manager()

    class Meta:
        rules_permissions = TEAM_PERMISSIONS
    remove_member.alters_data = True

    class orga_urls(EventUrls):
        base = '{self.organiser.orga_urls.teams}{self.pk}/'
        delete = '{base}delete/'


class TeamInvite(PretalxModel):
    """A TeamInvite is someone who has been invited to a team but hasn't accept
    the invitation yet."""
    team = models.ForeignKey(to=Team, related_name='invites', on_delete=models.CASCADE)
    email = models.EmailField(null=True, blank=True, verbose_name=_('Email'))
    token = models.CharField(default=generate_invite_token, max_length=64, null=True, blank=True, unique=True)
    objects = models.Manager()

    class Meta:
        rules_permissions = TEAM_PERMISSIONS
    send.alters_data = True
