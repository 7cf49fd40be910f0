# Extracted from wger 2.1, wger/core/models/profile.py
# Licence: AGPL-3.0-or-later (LICENSE.txt of the sdist), (c) the wger authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

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
    gym = models.ForeignKey(Gym, editable=False, null=True, blank=True, on_delete=models.SET_NULL)
    email_verified = models.BooleanField(default=False)
    is_temporary = models.BooleanField(default=False, editable=False)
    show_comments = models.BooleanField(default=True)
    show_english_ingredients = models.BooleanField(default=True)
    workout_reminder_active = models.BooleanField(default=False)
    workout_reminder = IntegerField(default=14, validators=[MinValueValidator(1), MaxValueValidator(30)])
    workout_duration = IntegerField(default=12, validators=[MinValueValidator(1), MaxValueValidator(30)])
    last_workout_notification = models.DateField(editable=False, blank=False, null=True)
    notification_language = models.ForeignKey(Language, default=2, on_delete=models.CASCADE)
    age = IntegerField(blank=False, null=True, validators=[MinValueValidator(10), MaxValueValidator(100)])
    birthdate = models.DateField(blank=False, null=True, validators=[birthdate_validator])
    height = IntegerField(blank=False, validators=[MinValueValidator(140), MaxValueValidator(230)], null=True)
    gender = models.CharField(max_length=1, choices=GENDER, default=GENDER_MALE, blank=False, null=True)
    sleep_hours = IntegerField(default=7, blank=False, null=True, validators=[MinValueValidator(4), MaxValueValidator(10)])
    work_hours = IntegerField(default=8, blank=False, null=True, validators=[MinValueValidator(1), MaxValueValidator(15)])
    work_intensity = models.CharField(max_length=1, choices=INTENSITY, default=INTENSITY_LOW, blank=False, null=True)
    sport_hours = IntegerField(default=3, blank=False, null=True, validators=[MinValueValidator(1), MaxValueValidator(30)])
    sport_intensity = models.CharField(max_length=1, choices=INTENSITY, default=INTENSITY_MEDIUM, blank=False, null=True)
    freetime_hours = IntegerField(default=8, blank=False, null=True, validators=[MinValueValidator(1), MaxValueValidator(15)])
    freetime_intensity = models.CharField(max_length=1, choices=INTENSITY, default=INTENSITY_LOW, blank=False, null=True)
    calories = IntegerField(default=2500, blank=False, null=True, validators=[MinValueValidator(1500), MaxValueValidator(5000)])
    weight_unit = models.CharField(max_length=2, choices=UNITS, default=UNITS_KG)
    ro_access = models.BooleanField(default=False)
    num_days_weight_reminder = models.IntegerField(validators=[MinValueValidator(0), MaxValueValidator(30)], default=0)
    added_by = models.ForeignKey(User, editable=False, null=True, related_name='added_by', on_delete=models.CASCADE)
    can_add_user = models.BooleanField(default=False, editable=False)
