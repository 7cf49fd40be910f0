# Extracted from pretalx 2025.2.2, pretalx/submission/models/comment.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class SubmissionComment(PretalxModel):
    log_prefix = 'pretalx.submission.comment'
    submission = models.ForeignKey(to='submission.Submission', related_name='comments', on_delete=models.CASCADE)
    user = models.ForeignKey(to='person.User', related_name='submission_comments', on_delete=models.CASCADE)
    text = MarkdownField()
    reply_to = models.ForeignKey(to='submission.SubmissionComment', related_name='replies', null=True, blank=True, on_delete=models.SET_NULL)
    objects = ScopedManager(event='submission__event')

    class Meta:
        ordering = ('created',)
        rules_permissions = {'view': submission_comments_active & (has_reviewer_access | orga_can_change_submissions), 'create': submission_comments_active & (has_reviewer_access | orga_can_change_submissions), 'delete': submission_comments_active & (has_reviewer_access | orga_can_change_submissions) & is_comment_author}

    class urls(EventUrls):
        _base = '{self.submission.orga_urls.comments}{self.pk}/'
        delete = '{_base}delete'
