# Extracted from hyperkitty 1.3.12, hyperkitty/models/thread.py
# Licence: GPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Thread(models.Model):
    mailinglist = models.ForeignKey('MailingList', related_name='threads', on_delete=models.CASCADE)
    thread_id = models.CharField(max_length=255, db_index=True)
    date_active = models.DateTimeField(db_index=True, default=now)
    category = models.ForeignKey('ThreadCategory', related_name='threads', null=True, on_delete=models.SET_NULL)
    starting_email = models.OneToOneField('Email', related_name='started_thread', null=True, on_delete=models.SET_NULL)

    class Meta:
        unique_together = ('mailinglist', 'thread_id')
    on_vote_deleted = on_vote_added


class LastView(models.Model):
    thread = models.ForeignKey('Thread', related_name='lastviews', on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name='lastviews', on_delete=models.CASCADE)
    view_date = models.DateTimeField(auto_now=True)
