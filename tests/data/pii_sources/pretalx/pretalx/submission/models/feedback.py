# Extracted from pretalx 2025.2.2, pretalx/submission/models/feedback.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Feedback(PretalxModel):
    talk = models.ForeignKey(to='submission.Submission', related_name='feedback', on_delete=models.PROTECT)
    speaker = models.ForeignKey(to='person.User', related_name='feedback', null=True, blank=True, on_delete=models.PROTECT)
    rating = models.IntegerField(null=True, blank=True)
    review = MarkdownField()
    objects = ScopedManager(event='talk__event')
