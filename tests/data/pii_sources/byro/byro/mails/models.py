# Extracted from byro 2023.1.0, byro/mails/models.py
# Licence: Apache-2.0
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class MailTemplate(Auditable, models.Model):
    subject = I18nCharField(max_length=200)
    text = I18nTextField()
    reply_to = models.EmailField(max_length=200, blank=True, null=True)
    bcc = models.CharField(max_length=1000, blank=True, null=True)


class EMail(Auditable, models.Model):
    to = models.CharField(max_length=1000)
    reply_to = models.CharField(max_length=1000, null=True, blank=True)
    cc = models.CharField(max_length=1000, null=True, blank=True)
    bcc = models.CharField(max_length=1000, null=True, blank=True)
    subject = models.CharField(max_length=200)
    members = models.ManyToManyField(to='members.Member', related_name='emails')
    text = models.TextField()
    sent = models.DateTimeField(null=True, blank=True)
    template = models.ForeignKey(to=MailTemplate, null=True, blank=True, on_delete=models.SET_NULL)
    attachments = models.ManyToManyField(to='documents.Document', related_name='mails')
    balance = models.ForeignKey(to='members.MemberBalance', on_delete=models.CASCADE, null=True, blank=True, related_name='reminder_mails')
