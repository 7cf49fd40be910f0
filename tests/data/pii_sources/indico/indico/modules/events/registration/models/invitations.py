# Extracted from indico 3.2.9, indico/modules/events/registration/models/invitations.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class RegistrationInvitation(db.Model):
    __tablename__ = 'invitations'
    __table_args__ = (db.CheckConstraint('(state = {state}) OR (registration_id IS NULL)'.format(state=InvitationState.accepted), name='registration_state'), db.UniqueConstraint('registration_form_id', 'email'), {'schema': 'event_registration'})
    id = db.Column(db.Integer, primary_key=True)
    uuid = db.Column(UUID, index=True, unique=True, nullable=False, default=lambda: str(uuid4()))
    registration_form_id = db.Column(db.Integer, db.ForeignKey('event_registration.forms.id'), index=True, nullable=False)
    registration_id = db.Column(db.Integer, db.ForeignKey('event_registration.registrations.id'), index=True, unique=True, nullable=True)
    state = db.Column(PyIntEnum(InvitationState), nullable=False, default=InvitationState.pending)
    skip_moderation = db.Column(db.Boolean, nullable=False, default=False)
    email = db.Column(db.String, nullable=False)
    first_name = db.Column(db.String, nullable=False)
    last_name = db.Column(db.String, nullable=False)
    affiliation = db.Column(db.String, nullable=False)
    registration = db.relationship('Registration', lazy=True, backref=db.backref('invitation', lazy=True, uselist=False))
