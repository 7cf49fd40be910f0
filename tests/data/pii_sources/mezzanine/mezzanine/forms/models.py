# Extracted from mezzanine 6.1.1, mezzanine/forms/models.py
# Licence: BSD-2-Clause
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Form(Page, RichText):
    button_text = models.CharField(_('Button text'), max_length=50, blank=True)
    response = RichTextField(_('Response'))
    send_email = models.BooleanField(_('Send email to user'), default=True)
    email_from = models.EmailField(_('From address'), max_length=254, blank=True)
    email_copies = models.CharField(_('Send email to others'), blank=True, max_length=200)
    email_subject = models.CharField(_('Subject'), max_length=200, blank=True)
    email_message = models.TextField(_('Message'), blank=True)

    class Meta:
        verbose_name = _('Form')
        verbose_name_plural = _('Forms')


class AbstractBaseField(Orderable):
    label = models.TextField(_('Label'))
    field_type = models.IntegerField(_('Type'), choices=fields.NAMES)
    required = models.BooleanField(_('Required'), default=True)
    visible = models.BooleanField(_('Visible'), default=True)
    choices = models.CharField(_('Choices'), max_length=1000, blank=True)
    default = models.CharField(_('Default value'), blank=True, max_length=settings.FORMS_FIELD_MAX_LENGTH)
    placeholder_text = models.CharField(_('Placeholder Text'), blank=True, max_length=100)
    help_text = models.TextField(_('Help text'), blank=True)
    objects = wrapped_manager(FieldManager)

    class Meta:
        abstract = True
        verbose_name = _('Field')
        verbose_name_plural = _('Fields')


class Field(AbstractBaseField):
    form = models.ForeignKey('Form', on_delete=models.CASCADE, related_name='fields')

    class Meta(AbstractBaseField.Meta):
        order_with_respect_to = 'form'


class FormEntry(models.Model):
    form = models.ForeignKey('Form', on_delete=models.CASCADE, related_name='entries')
    entry_time = models.DateTimeField(_('Date/time'))

    class Meta:
        verbose_name = _('Form entry')
        verbose_name_plural = _('Form entries')


class FieldEntry(models.Model):
    entry = models.ForeignKey('FormEntry', on_delete=models.CASCADE, related_name='fields')
    field_id = models.IntegerField()
    value = models.CharField(max_length=settings.FORMS_FIELD_MAX_LENGTH, null=True)

    class Meta:
        verbose_name = _('Form field entry')
        verbose_name_plural = _('Form field entries')
