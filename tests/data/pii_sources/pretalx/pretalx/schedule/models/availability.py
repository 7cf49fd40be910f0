# Extracted from pretalx 2025.2.2, pretalx/schedule/models/availability.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Availability(PretalxModel):
    event = models.ForeignKey(to='event.Event', related_name='availabilities', on_delete=models.CASCADE)
    person = models.ForeignKey(to='person.SpeakerProfile', related_name='availabilities', on_delete=models.CASCADE, null=True, blank=True)
    room = models.ForeignKey(to='schedule.Room', related_name='availabilities', on_delete=models.CASCADE, null=True, blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
