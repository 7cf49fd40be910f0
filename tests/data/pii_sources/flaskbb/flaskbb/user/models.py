# Extracted from flaskbb 2.0.2, flaskbb/user/models.py
# Licence: BSD-3-Clause, (c) 2013-2018 the FlaskBB Team and contributors (LICENSE of the sdist)
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

@make_comparable
class Group(db.Model, CRUDMixin):
    __tablename__ = 'groups'
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(255), unique=True, nullable=False)
    description = db.Column(db.Text, nullable=True)
    admin = db.Column(db.Boolean, default=False, nullable=False)
    super_mod = db.Column(db.Boolean, default=False, nullable=False)
    mod = db.Column(db.Boolean, default=False, nullable=False)
    guest = db.Column(db.Boolean, default=False, nullable=False)
    banned = db.Column(db.Boolean, default=False, nullable=False)
    mod_edituser = db.Column(db.Boolean, default=False, nullable=False)
    mod_banuser = db.Column(db.Boolean, default=False, nullable=False)
    editpost = db.Column(db.Boolean, default=True, nullable=False)
    deletepost = db.Column(db.Boolean, default=False, nullable=False)
    deletetopic = db.Column(db.Boolean, default=False, nullable=False)
    posttopic = db.Column(db.Boolean, default=True, nullable=False)
    postreply = db.Column(db.Boolean, default=True, nullable=False)
    viewhidden = db.Column(db.Boolean, default=False, nullable=False)
    makehidden = db.Column(db.Boolean, default=False, nullable=False)


class User(db.Model, UserMixin, CRUDMixin):
    __tablename__ = 'users'
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(200), unique=True, nullable=False)
    email = db.Column(db.String(200), unique=True, nullable=False)
    _password = db.Column('password', db.String(120), nullable=False)
    date_joined = db.Column(UTCDateTime(timezone=True), default=time_utcnow, nullable=False)
    lastseen = db.Column(UTCDateTime(timezone=True), default=time_utcnow, nullable=True)
    birthday = db.Column(db.DateTime, nullable=True)
    gender = db.Column(db.String(10), nullable=True)
    website = db.Column(db.String(200), nullable=True)
    location = db.Column(db.String(100), nullable=True)
    signature = db.Column(db.Text, nullable=True)
    avatar = db.Column(db.String(200), nullable=True)
    notes = db.Column(db.Text, nullable=True)
    last_failed_login = db.Column(UTCDateTime(timezone=True), nullable=True)
    login_attempts = db.Column(db.Integer, default=0, nullable=False)
    activated = db.Column(db.Boolean, default=False, nullable=False)
    theme = db.Column(db.String(15), nullable=True)
    language = db.Column(db.String(15), default='en', nullable=True)
    post_count = db.Column(db.Integer, default=0)
    primary_group_id = db.Column(db.Integer, db.ForeignKey('groups.id'), nullable=False)
    posts = db.relationship('Post', backref='user', primaryjoin='User.id == Post.user_id', lazy='dynamic')
    topics = db.relationship('Topic', backref='user', primaryjoin='User.id == Topic.user_id', lazy='dynamic')
    primary_group = db.relationship('Group', backref='user_group', uselist=False, lazy='joined', foreign_keys=[primary_group_id])
    secondary_groups = db.relationship('Group', secondary=groups_users, primaryjoin=groups_users.c.user_id == id, backref=db.backref('users', lazy='dynamic'), lazy='dynamic')
    tracked_topics = db.relationship('Topic', secondary=topictracker, primaryjoin=topictracker.c.user_id == id, backref=db.backref('topicstracked', lazy='dynamic'), lazy='dynamic', single_parent=True)
    password = db.synonym('_password', descriptor=property(_get_password, _set_password))
