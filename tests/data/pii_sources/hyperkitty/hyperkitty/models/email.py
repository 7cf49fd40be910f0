# Extracted from hyperkitty 1.3.12, hyperkitty/models/email.py
# Licence: GPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Email(models.Model):
    mailinglist = models.ForeignKey('MailingList', related_name='emails', on_delete=models.CASCADE)
    message_id = models.CharField(max_length=255, db_index=True)
    message_id_hash = models.CharField(max_length=255, db_index=True)
    sender = models.ForeignKey('Sender', related_name='emails', on_delete=models.CASCADE)
    sender_name = models.CharField(max_length=255, null=True, blank=True)
    subject = models.CharField(max_length=512, db_index=True)
    content = models.TextField()
    date = models.DateTimeField(db_index=True)
    timezone = models.SmallIntegerField()
    in_reply_to = models.CharField(max_length=255, null=True, blank=True, db_index=True)
    parent = models.ForeignKey('self', blank=True, null=True, on_delete=models.DO_NOTHING, related_name='children', db_constraint=False)
    thread = models.ForeignKey('Thread', related_name='emails', on_delete=models.CASCADE)
    archived_date = models.DateTimeField(default=now, db_index=True)
    thread_depth = models.IntegerField(default=0)
    thread_order = models.IntegerField(null=True, blank=True, db_index=True)

    class Meta:
        unique_together = ('mailinglist', 'message_id')
    on_vote_deleted = on_vote_added


class Attachment(models.Model):
    email = models.ForeignKey('Email', related_name='attachments', on_delete=models.CASCADE)
    counter = models.SmallIntegerField()
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=255)
    encoding = models.CharField(max_length=255, null=True)
    size = models.IntegerField(null=True)
    content = models.BinaryField(null=True)

    class Meta:
        unique_together = ('email', 'counter')
