# Extracted from indico 3.2.9, indico/modules/events/registration/models/registrations.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Registration(db.Model):
    __tablename__ = 'registrations'
    __table_args__ = (db.CheckConstraint('email = lower(email)', 'lowercase_email'), db.Index(None, 'friendly_id', 'event_id', unique=True, postgresql_where=db.text('NOT is_deleted')), db.Index(None, 'registration_form_id', 'user_id', unique=True, postgresql_where=db.text('NOT is_deleted AND (state NOT IN (3, 4))')), db.Index(None, 'registration_form_id', 'email', unique=True, postgresql_where=db.text('NOT is_deleted AND (state NOT IN (3, 4))')), db.ForeignKeyConstraint(['event_id', 'registration_form_id'], ['event_registration.forms.event_id', 'event_registration.forms.id']), {'schema': 'event_registration'})
    id = db.Column(db.Integer, primary_key=True)
    uuid = db.Column(UUID, index=True, unique=True, nullable=False, default=lambda: str(uuid4()))
    friendly_id = db.Column(db.Integer, nullable=False, default=_get_next_friendly_id)
    event_id = db.Column(db.Integer, db.ForeignKey('events.events.id'), index=True, nullable=False)
    registration_form_id = db.Column(db.Integer, db.ForeignKey('event_registration.forms.id'), index=True, nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey('users.users.id'), index=True, nullable=True)
    transaction_id = db.Column(db.Integer, db.ForeignKey('events.payment_transactions.id'), index=True, unique=True, nullable=True)
    state = db.Column(PyIntEnum(RegistrationState), nullable=False)
    base_price = db.Column(db.Numeric(11, 2), nullable=False, default=0)
    price_adjustment = db.Column(db.Numeric(11, 2), nullable=False, default=0)
    currency = db.Column(db.String, nullable=False)
    submitted_dt = db.Column(UTCDateTime, nullable=False, default=now_utc)
    email = db.Column(db.String, nullable=False)
    first_name = db.Column(db.String, nullable=False)
    last_name = db.Column(db.String, nullable=False)
    is_deleted = db.Column(db.Boolean, nullable=False, default=False)
    ticket_uuid = db.Column(UUID, index=True, unique=True, nullable=False, default=lambda: str(uuid4()))
    checked_in = db.Column(db.Boolean, nullable=False, default=False)
    checked_in_dt = db.Column(UTCDateTime, nullable=True)
    rejection_reason = db.Column(db.String, nullable=False, default='')
    consent_to_publish = db.Column(PyIntEnum(RegistrationVisibility), nullable=False, default=RegistrationVisibility.nobody)
    participant_hidden = db.Column(db.Boolean, nullable=False, default=False)
    created_by_manager = db.Column(db.Boolean, nullable=False, default=False)
    event = db.relationship('Event', lazy=True, backref=db.backref('registrations', lazy='dynamic'))
    user = db.relationship('User', lazy=True, backref=db.backref('registrations', lazy='dynamic'))
    transaction = db.relationship('PaymentTransaction', lazy=True, foreign_keys=[transaction_id], post_update=True)
    data = db.relationship('RegistrationData', lazy=True, cascade='all, delete-orphan', backref=db.backref('registration', lazy=True))
    tags = db.relationship('RegistrationTag', secondary=registrations_tags_table, passive_deletes=True, collection_class=set, backref=db.backref('registrations', lazy=False))


class RegistrationData(StoredFileMixin, db.Model):
    __tablename__ = 'registration_data'
    __table_args__ = {'schema': 'event_registration'}
    add_file_date_column = False
    file_required = False
    registration_id = db.Column(db.Integer, db.ForeignKey('event_registration.registrations.id'), primary_key=True, autoincrement=False)
    field_data_id = db.Column(db.Integer, db.ForeignKey('event_registration.form_field_data.id'), primary_key=True, autoincrement=False)
    data = db.Column(JSONB, default=lambda: None, nullable=False)
    field_data = db.relationship('RegistrationFormFieldData', lazy=True, backref=db.backref('registration_data', lazy=True, cascade='all, delete-orphan'))
    file = property(fset=_set_file)
    del _set_file
