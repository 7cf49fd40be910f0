# Extracted from indico 3.2.9, indico/modules/events/models/persons.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class EventPerson(PersonMixin, db.Model):
    __tablename__ = 'persons'
    __table_args__ = (db.UniqueConstraint('event_id', 'user_id'), db.CheckConstraint('email = lower(email)', 'lowercase_email'), db.Index(None, 'event_id', 'email', unique=True, postgresql_where=db.text("email != ''")), {'schema': 'events'})
    id = db.Column(db.Integer, primary_key=True)
    event_id = db.Column(db.Integer, db.ForeignKey('events.events.id'), nullable=False, index=True)
    user_id = db.Column(db.Integer, db.ForeignKey('users.users.id'), nullable=True, index=True)
    first_name = db.Column(db.String, nullable=False, default='')
    last_name = db.Column(db.String, nullable=False)
    email = db.Column(db.String, nullable=False, index=True, default='')
    _title = db.Column('title', PyIntEnum(UserTitle), nullable=False, default=UserTitle.none)
    affiliation_id = db.Column(db.ForeignKey('indico.affiliations.id'), nullable=True, index=True)
    affiliation = db.Column(db.String, nullable=False, default='')
    address = db.Column(db.Text, nullable=False, default='')
    phone = db.Column(db.String, nullable=False, default='')
    invited_dt = db.Column(UTCDateTime, nullable=True)
    is_untrusted = db.Column(db.Boolean, nullable=False, default=False)
    event = db.relationship('Event', lazy=True, backref=db.backref('persons', cascade='all, delete-orphan', cascade_backrefs=False, lazy='dynamic'))
    user = db.relationship('User', lazy=True, backref=db.backref('event_persons', cascade_backrefs=False, lazy='dynamic'))
    affiliation_link = db.relationship('Affiliation', lazy=False, backref=db.backref('event_person_affiliations', lazy='dynamic', cascade_backrefs=False))


class EventPersonLink(PersonLinkBase):
    __tablename__ = 'event_person_links'
    __auto_table_args = {'schema': 'events'}
    person_link_backref_name = 'event_links'
    person_link_unique_columns = ('event_id',)
    object_relationship_name = 'event'
    event_id = db.Column(db.Integer, db.ForeignKey('events.events.id'), index=True, nullable=False)
