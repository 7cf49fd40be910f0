# Extracted from pretalx 2025.2.2, pretalx/submission/models/feedback.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class Feedback(PretalxModel):
    """The Feedback model allows for anonymous feedback by attendees to one or
    all speakers of a.

    :class:`~pretalx.submission.models.submission.Submission`.

    :param speaker: If the ``speaker`` attribute is not set, the feedback is
        assumed to be directed to all speakers.
    """
    talk = models.ForeignKey(to='submission.Submission', related_name='feedback', on_delete=models.PROTECT, verbose_name=_n('Session', 'Sessions', 1))
    speaker = models.ForeignKey(to='person.User', related_name='feedback', null=True, blank=True, on_delete=models.PROTECT, verbose_name=_n('Speaker', 'Speakers', 1))
    rating = models.IntegerField(null=True, blank=True, verbose_name=_('Rating'))
    review = MarkdownField(verbose_name=_('Feedback'))
    objects = ScopedManager(event='talk__event')
