# Extracted from pretalx 2025.2.2, pretalx/submission/models/submission.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class SpeakerRole(models.Model):
    submission = models.ForeignKey(to='submission.Submission', on_delete=models.CASCADE, related_name='speaker_roles')
    user = models.ForeignKey(to='person.User', on_delete=models.CASCADE, related_name='speaker_roles')
    objects = ScopedManager(event='submission__event')

    class Meta:
        unique_together = (('submission', 'user'),)


class Submission(GenerateCode, PretalxModel):
    code = models.CharField(max_length=16, unique=True)
    speakers = models.ManyToManyField(to='person.User', related_name='submissions', through=SpeakerRole, blank=True)
    event = models.ForeignKey(to='event.Event', on_delete=models.PROTECT, related_name='submissions')
    title = models.CharField(max_length=200)
    submission_type = models.ForeignKey(to='submission.SubmissionType', related_name='submissions', on_delete=models.PROTECT)
    track = models.ForeignKey(to='submission.Track', related_name='submissions', on_delete=models.PROTECT, null=True, blank=True)
    tags = models.ManyToManyField(to='submission.Tag', related_name='submissions')
    state = models.CharField(max_length=SubmissionStates.get_max_length(), choices=SubmissionStates.get_choices(), default=SubmissionStates.SUBMITTED)
    pending_state = models.CharField(null=True, blank=True, max_length=SubmissionStates.get_max_length(), choices=SubmissionStates.get_choices(), default=None)
    abstract = MarkdownField(null=True, blank=True)
    description = MarkdownField(null=True, blank=True)
    notes = MarkdownField(null=True, blank=True)
    internal_notes = models.TextField(null=True, blank=True)
    duration = models.PositiveIntegerField(null=True, blank=True)
    slot_count = models.IntegerField(default=1, validators=[MinValueValidator(1)])
    content_locale = models.CharField(max_length=32, default=settings.LANGUAGE_CODE)
    is_featured = models.BooleanField(default=False)
    do_not_record = models.BooleanField(default=False)
    image = models.ImageField(null=True, blank=True, upload_to=submission_image_path)
    invitation_token = models.CharField(max_length=32, default=generate_invite_code)
    access_code = models.ForeignKey(to='submission.SubmitterAccessCode', related_name='submissions', on_delete=models.PROTECT, null=True, blank=True)
    review_code = models.CharField(max_length=32, unique=True, null=True, blank=True, default=generate_invite_code)
    anonymised_data = models.TextField(null=True, blank=True, default='{}')
    assigned_reviewers = models.ManyToManyField(to='person.User', related_name='assigned_reviews', blank=True)
    objects = ScopedManager(event='event', _manager_class=SubmissionManager)
    deleted_objects = ScopedManager(event='event', _manager_class=DeletedSubmissionManager)
    all_objects = ScopedManager(event='event', _manager_class=AllSubmissionManager)
    log_prefix = 'pretalx.submission'

    class Meta:
        rules_permissions = {'list': is_agenda_visible | orga_can_change_submissions | is_reviewer, 'list_featured': are_featured_submissions_visible | orga_can_change_submissions, 'view': is_agenda_submission_visible | is_speaker | orga_can_change_submissions | has_reviewer_access, 'view_public': is_agenda_submission_visible | orga_can_change_submissions, 'orga_list': orga_can_change_submissions | is_reviewer, 'orga_update': orga_can_change_submissions, 'review': has_reviewer_access & can_be_reviewed, 'view_reviews': has_reviewer_access | orga_can_change_submissions, 'view_all_reviews': has_reviewer_access & can_view_reviews | orga_can_change_submissions, 'create': orga_can_change_submissions, 'update': can_be_edited & is_speaker | orga_can_change_submissions, 'delete': orga_can_change_submissions, 'state_change': orga_or_reviewer_can_change_submission, 'accept_or_reject': orga_or_reviewer_can_change_submission, 'withdraw': can_be_withdrawn & is_speaker, 'reject': can_be_rejected & orga_or_reviewer_can_change_submission, 'accept': can_be_accepted & orga_or_reviewer_can_change_submission, 'confirm': can_be_confirmed & (is_speaker | orga_can_change_submissions), 'cancel': can_be_canceled & orga_can_change_submissions, 'remove': can_be_removed & orga_can_change_submissions, 'view_feedback_page': event_uses_feedback & is_agenda_submission_visible, 'view_scheduling_details': is_submission_visible_via_schedule, 'view_feedback': is_speaker | has_reviewer_access | orga_can_change_submissions, 'give_feedback': is_agenda_submission_visible & is_feedback_ready, 'is_speaker': is_speaker, 'add_speaker': can_be_edited & can_request_speakers}

    class urls(EventUrls):
        user_base = '{self.event.urls.user_submissions}{self.code}/'
        withdraw = '{user_base}withdraw'
        discard = '{user_base}discard'
        confirm = '{user_base}confirm'
        public_base = '{self.event.urls.base}talk/{self.code}'
        public = '{public_base}/'
        feedback = '{public}feedback/'
        social_image = '{public}og-image'
        ical = '{public_base}.ics'
        image = '{self.image_url}'
        invite = '{user_base}invite'
        accept_invitation = '{self.event.urls.base}invitation/{self.code}/{self.invitation_token}'
        review = '{self.event.urls.base}talk/review/{self.review_code}'

    class orga_urls(EventUrls):
        base = edit = '{self.event.orga_urls.submissions}{self.code}/'
        make_submitted = '{base}submit'
        accept = '{base}accept'
        reject = '{base}reject'
        confirm = '{base}confirm'
        delete = '{base}delete'
        withdraw = '{base}withdraw'
        cancel = '{base}cancel'
        speakers = '{base}speakers/'
        delete_speaker = '{speakers}delete'
        reviews = '{base}reviews/'
        feedback = '{base}feedback/'
        toggle_featured = '{base}toggle_featured'
        apply_pending = '{base}apply_pending'
        anonymise = '{base}anonymise/'
        comments = '{base}comments/'
        quick_schedule = '{self.event.orga_urls.schedule}quick/{self.code}/'
        history = '{base}history/'
    update_duration.alters_data = True
    update_talk_slots.alters_data = True
    make_submitted.alters_data = True
    confirm.alters_data = True
    accept.alters_data = True
    reject.alters_data = True
    apply_pending_state.alters_data = True
    send_state_mail.alters_data = True
    cancel.alters_data = True
    withdraw.alters_data = True
    remove.alters_data = True
    send_invite.alters_data = True


class SubmissionFavourite(PretalxModel):
    user = models.ForeignKey(to='person.User', on_delete=models.CASCADE, related_name='submission_favourites')
    submission = models.ForeignKey(to='submission.Submission', on_delete=models.CASCADE, related_name='favourites')
    objects = ScopedManager(event='submission__event')

    class Meta:
        unique_together = (('user', 'submission'),)
