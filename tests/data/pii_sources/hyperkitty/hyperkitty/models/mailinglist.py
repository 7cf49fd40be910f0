# Extracted from hyperkitty 1.3.12, hyperkitty/models/mailinglist.py
# Licence: GPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class MailingList(models.Model):
    name = models.CharField(db_index=True, max_length=254, unique=True)
    list_id = models.CharField(max_length=254, null=True, unique=True)
    display_name = models.CharField(max_length=255)
    description = models.TextField(null=True)
    subject_prefix = models.CharField(max_length=255)
    archive_policy = models.IntegerField(choices=[(p.value, p.name) for p in ArchivePolicy], default=ArchivePolicy.public.value)
    created_at = models.DateTimeField(default=now)
    archive_rendering_mode = models.CharField(max_length=255, null=True)
    owners = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name='owned_lists')
    moderators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name='moderated_lists')
    MAILMAN_ATTRIBUTES = ('display_name', 'description', 'subject_prefix', 'archive_policy', 'created_at', 'list_id', 'archive_rendering_mode')
    on_vote_deleted = on_vote_added
