# Extracted from wger 2.1, wger/core/models/profile.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class UserProfile(models.Model):
    GENDER_MALE = '1'
    GENDER_FEMALE = '2'
    GENDER = ((GENDER_MALE, _('Male')), (GENDER_FEMALE, _('Female')))
    INTENSITY_LOW = '1'
    INTENSITY_MEDIUM = '2'
    INTENSITY_HIGH = '3'
    INTENSITY = ((INTENSITY_LOW, _('Low')), (INTENSITY_MEDIUM, _('Medium')), (INTENSITY_HIGH, _('High')))
    UNITS_KG = 'kg'
    UNITS_LB = 'lb'
    UNITS = ((UNITS_KG, _('Metric (kilogram)')), (UNITS_LB, _('Imperial (pound)')))
    user = models.OneToOneField(User, editable=False, on_delete=models.CASCADE)
    '\n    The user\n    '
    gym = models.ForeignKey(Gym, editable=False, null=True, blank=True, on_delete=models.SET_NULL)
    '\n    The gym this user belongs to, if any\n    '
    email_verified = models.BooleanField(default=False)
    "Flag indicating whether the user's email has been verified"
    is_temporary = models.BooleanField(default=False, editable=False)
    '\n    Flag to mark a temporary user (demo account)\n    '
    show_comments = models.BooleanField(verbose_name=_('Show exercise comments'), help_text=_('Check to show exercise comments on the workout view'), default=True)
    '\n    Show exercise comments on workout view\n    '
    show_english_ingredients = models.BooleanField(verbose_name=_('Also use ingredients in English'), help_text=_('Check to also show ingredients in English while creating\na nutritional plan. These ingredients are extracted from a list provided\nby the US Department of Agriculture. It is extremely complete, with around\n7000 entries, but can be somewhat overwhelming and make the search difficult.'), default=True)
    workout_reminder_active = models.BooleanField(verbose_name=_('Activate workout reminders'), help_text=_('Check to activate automatic reminders for workouts. You need to provide a valid email for this to work.'), default=False)
    workout_reminder = IntegerField(verbose_name=_('Remind before expiration'), help_text=_('The number of days you want to be reminded before a workout expires.'), default=14, validators=[MinValueValidator(1), MaxValueValidator(30)])
    workout_duration = IntegerField(verbose_name=_('Default duration of workouts'), help_text=_('Default duration in weeks of workouts not in a schedule. Used for email workout reminders.'), default=12, validators=[MinValueValidator(1), MaxValueValidator(30)])
    last_workout_notification = models.DateField(editable=False, blank=False, null=True)
    '\n    The last time the user got a workout reminder email\n\n    This is needed e.g. to check daily per cron for old workouts but only\n    send users an email once per week\n    '
    notification_language = models.ForeignKey(Language, verbose_name=_('Notification language'), help_text=_('Language to use when sending you email notifications, e.g. email reminders for workouts. This does not affect the language used on the website.'), default=2, on_delete=models.CASCADE)
    age = IntegerField(verbose_name=_('Age'), blank=False, null=True, validators=[MinValueValidator(10), MaxValueValidator(100)])
    "The user's age"
    birthdate = models.DateField(verbose_name=_('Date of Birth'), blank=False, null=True, validators=[birthdate_validator])
    "The user's date of birth"
    height = IntegerField(verbose_name=_('Height (cm)'), blank=False, validators=[MinValueValidator(140), MaxValueValidator(230)], null=True)
    "The user's height"
    gender = models.CharField(max_length=1, choices=GENDER, default=GENDER_MALE, blank=False, null=True)
    'Gender'
    sleep_hours = IntegerField(verbose_name=_('Hours of sleep'), help_text=_('The average hours of sleep per day'), default=7, blank=False, null=True, validators=[MinValueValidator(4), MaxValueValidator(10)])
    'The average hours of sleep per day'
    work_hours = IntegerField(verbose_name=_('Work'), help_text=_('Average hours per day'), default=8, blank=False, null=True, validators=[MinValueValidator(1), MaxValueValidator(15)])
    'The average hours at work per day'
    work_intensity = models.CharField(verbose_name=_('Physical intensity'), help_text=_('Approximately'), max_length=1, choices=INTENSITY, default=INTENSITY_LOW, blank=False, null=True)
    'Physical intensity of work'
    sport_hours = IntegerField(verbose_name=_('Sport'), help_text=_('Average hours per week'), default=3, blank=False, null=True, validators=[MinValueValidator(1), MaxValueValidator(30)])
    'The average hours performing sports per week'
    sport_intensity = models.CharField(verbose_name=_('Physical intensity'), help_text=_('Approximately'), max_length=1, choices=INTENSITY, default=INTENSITY_MEDIUM, blank=False, null=True)
    'Physical intensity of sport activities'
    freetime_hours = IntegerField(verbose_name=_('Free time'), help_text=_('Average hours per day'), default=8, blank=False, null=True, validators=[MinValueValidator(1), MaxValueValidator(15)])
    'The average hours of free time per day'
    freetime_intensity = models.CharField(verbose_name=_('Physical intensity'), help_text=_('Approximately'), max_length=1, choices=INTENSITY, default=INTENSITY_LOW, blank=False, null=True)
    'Physical intensity during free time'
    calories = IntegerField(verbose_name=_('Total daily calories'), help_text=_('Total caloric intake, including e.g. any surplus'), default=2500, blank=False, null=True, validators=[MinValueValidator(1500), MaxValueValidator(5000)])
    'Basic caloric intake based on physical activity'
    weight_unit = models.CharField(verbose_name=_('Weight unit'), max_length=2, choices=UNITS, default=UNITS_KG)
    'Preferred weight unit'
    ro_access = models.BooleanField(verbose_name=_('Allow external access'), help_text=_('Allow external users to access your workouts and logs in a read-only mode. You need to set this before you can share links e.g. to social media.'), default=False)
    'Allow anonymous read-only access'
    num_days_weight_reminder = models.IntegerField(verbose_name=_('Automatic reminders for weight entries'), help_text=_('Number of days after the last weight entry (enter 0 to deactivate)'), validators=[MinValueValidator(0), MaxValueValidator(30)], default=0)
    'Number of Days for email weight reminder'
    added_by = models.ForeignKey(User, editable=False, null=True, related_name='added_by', on_delete=models.CASCADE)
    'User that originally registered this user via REST API'
    can_add_user = models.BooleanField(default=False, editable=False)
    '\n    Flag to indicate whether the (app) user can register other users on his\n    behalf over the REST API\n    '
