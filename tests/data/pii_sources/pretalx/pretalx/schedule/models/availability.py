# Extracted from pretalx 2025.2.2, pretalx/schedule/models/availability.py
# Licence: AGPL-3.0-only with the additional terms of its LICENSE, (c) the pretalx authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, methods dropped,
# reformatted by ast.unparse: test data for the ROPA201 heuristic, never imported.

class Availability(PretalxModel):
    """The Availability class models when people or rooms are available for.

    :class:`~pretalx.schedule.models.slot.TalkSlot` objects.

    The power of this class is not within its rather simple data model,
    but with the operations available on it. An availability object can
    span multiple days, but due to our choice of input widget, it will
    usually only span a single day at most.
    """
    event = models.ForeignKey(to='event.Event', related_name='availabilities', on_delete=models.CASCADE)
    person = models.ForeignKey(to='person.SpeakerProfile', related_name='availabilities', on_delete=models.CASCADE, null=True, blank=True)
    room = models.ForeignKey(to='schedule.Room', related_name='availabilities', on_delete=models.CASCADE, null=True, blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
