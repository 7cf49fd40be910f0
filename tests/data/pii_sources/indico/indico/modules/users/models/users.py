# Extracted from indico 3.2.9, indico/modules/users/models/users.py
# Licence: MIT
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class User(PersonMixin, db.Model):
    principal_order = 0
    principal_type = PrincipalType.user
    __tablename__ = 'users'
    __table_args__ = (db.Index(None, 'is_system', unique=True, postgresql_where=db.text('is_system')), db.CheckConstraint('NOT is_system OR (NOT is_blocked AND NOT is_pending AND NOT is_deleted)', 'valid_system_user'), db.CheckConstraint('id != merged_into_id', 'not_merged_self'), db.CheckConstraint("is_pending OR (first_name != '' AND last_name != '')", 'not_pending_proper_names'), db.CheckConstraint("(picture IS NULL) = (picture_metadata::text = 'null')", 'valid_picture'), {'schema': 'users'})
    id = db.Column(db.Integer, primary_key=True)
    first_name = db.Column(db.String, nullable=False, index=True)
    last_name = db.Column(db.String, nullable=False, index=True)
    _title = db.Column('title', PyIntEnum(UserTitle), nullable=False, default=UserTitle.none)
    affiliation = db.Column(db.String, nullable=False, index=True, default='')
    affiliation_id = db.Column(db.ForeignKey('indico.affiliations.id'), nullable=True, index=True)
    phone = db.Column(db.String, nullable=False, default='')
    address = db.Column(db.Text, nullable=False, default='')
    merged_into_id = db.Column(db.Integer, db.ForeignKey('users.users.id'), nullable=True, index=True)
    is_system = db.Column(db.Boolean, nullable=False, default=False)
    is_admin = db.Column(db.Boolean, nullable=False, default=False, index=True)
    is_blocked = db.Column(db.Boolean, nullable=False, default=False)
    is_pending = db.Column(db.Boolean, nullable=False, default=False)
    is_deleted = db.Column('is_deleted', db.Boolean, nullable=False, default=False)
    signing_secret = db.Column(UUID, nullable=False, default=lambda: str(uuid4()))
    picture = db.deferred(db.Column(db.LargeBinary, nullable=True))
    picture_metadata = db.Column(JSONB, nullable=False, default=lambda: None)
    picture_source = db.Column(PyIntEnum(ProfilePictureSource), nullable=False, default=ProfilePictureSource.standard)
    _primary_email = db.relationship('UserEmail', lazy=False, uselist=False, cascade='all, delete-orphan', primaryjoin='(User.id == UserEmail.user_id) & UserEmail.is_primary', overlaps='_secondary_emails')
    _secondary_emails = db.relationship('UserEmail', lazy=True, cascade='all, delete-orphan', collection_class=set, primaryjoin='(User.id == UserEmail.user_id) & ~UserEmail.is_primary', overlaps='_primary_email')
    _all_emails = db.relationship('UserEmail', lazy=True, viewonly=True, sync_backref=False, primaryjoin='User.id == UserEmail.user_id', collection_class=set, backref=db.backref('user', lazy=False))
    email = association_proxy('_primary_email', 'email', creator=lambda v: UserEmail(email=v, is_primary=True))
    secondary_emails = association_proxy('_secondary_emails', 'email', creator=lambda v: UserEmail(email=v))
    all_emails = association_proxy('_all_emails', 'email')
    merged_into_user = db.relationship('User', lazy=True, backref=db.backref('merged_from_users', lazy=True), remote_side='User.id')
    affiliation_link = db.relationship('Affiliation', lazy=False, backref=db.backref('user_affiliations', lazy='dynamic', cascade_backrefs=False))
    favorite_users = db.relationship('User', secondary=favorite_user_table, primaryjoin=id == favorite_user_table.c.user_id, secondaryjoin=(id == favorite_user_table.c.target_id) & ~is_deleted, lazy=True, collection_class=set, backref=db.backref('favorite_of', lazy=True, collection_class=set))
    favorite_categories = db.relationship('Category', secondary=favorite_category_table, lazy=True, collection_class=set, backref=db.backref('favorite_of', lazy=True, collection_class=set))
    suggested_categories = db.relationship('SuggestedCategory', lazy='dynamic', order_by='SuggestedCategory.score.desc()', cascade='all, delete-orphan', backref=db.backref('user', lazy=True))
    favorite_events = db.relationship('Event', secondary=favorite_event_table, lazy=True, collection_class=set, backref=db.backref('favorite_of', lazy=True, collection_class=set))
    api_key = db.relationship('APIKey', lazy=True, uselist=False, cascade='all, delete-orphan', primaryjoin='(User.id == APIKey.user_id) & APIKey.is_active', back_populates='user', overlaps='old_api_keys')
    old_api_keys = db.relationship('APIKey', lazy=True, cascade='all, delete-orphan', order_by='APIKey.created_dt.desc()', primaryjoin='(User.id == APIKey.user_id) & ~APIKey.is_active', back_populates='user', overlaps='api_key')
    identities = db.relationship('Identity', lazy=True, cascade='all, delete-orphan', collection_class=set, backref=db.backref('user', lazy=False))
