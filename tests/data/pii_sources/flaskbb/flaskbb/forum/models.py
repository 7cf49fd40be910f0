# Extracted from flaskbb 2.0.2, flaskbb/forum/models.py
# Licence: BSD-3-Clause, (c) 2013-2018 the FlaskBB Team and contributors (LICENSE of the sdist)
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class TopicsRead(db.Model, CRUDMixin):
    __tablename__ = 'topicsread'
    user_id = db.Column(db.Integer, db.ForeignKey('users.id', ondelete='CASCADE'), primary_key=True)
    user = db.relationship('User', uselist=False, foreign_keys=[user_id])
    topic_id = db.Column(db.Integer, db.ForeignKey('topics.id', ondelete='CASCADE'), primary_key=True)
    topic = db.relationship('Topic', uselist=False, foreign_keys=[topic_id])
    forum_id = db.Column(db.Integer, db.ForeignKey('forums.id', ondelete='CASCADE'), primary_key=True)
    forum = db.relationship('Forum', uselist=False, foreign_keys=[forum_id])
    last_read = db.Column(UTCDateTime(timezone=True), default=time_utcnow, nullable=False)


class ForumsRead(db.Model, CRUDMixin):
    __tablename__ = 'forumsread'
    user_id = db.Column(db.Integer, db.ForeignKey('users.id', ondelete='CASCADE'), primary_key=True)
    user = db.relationship('User', uselist=False, foreign_keys=[user_id])
    forum_id = db.Column(db.Integer, db.ForeignKey('forums.id', ondelete='CASCADE'), primary_key=True)
    forum = db.relationship('Forum', uselist=False, foreign_keys=[forum_id])
    last_read = db.Column(UTCDateTime(timezone=True), default=time_utcnow, nullable=False)
    cleared = db.Column(UTCDateTime(timezone=True), nullable=True)


@make_comparable
class Report(db.Model, CRUDMixin):
    __tablename__ = 'reports'
    id = db.Column(db.Integer, primary_key=True)
    reporter_id = db.Column(db.Integer, db.ForeignKey('users.id'), nullable=True)
    reported = db.Column(UTCDateTime(timezone=True), default=time_utcnow, nullable=False)
    post_id = db.Column(db.Integer, db.ForeignKey('posts.id'), nullable=True)
    zapped = db.Column(UTCDateTime(timezone=True), nullable=True)
    zapped_by = db.Column(db.Integer, db.ForeignKey('users.id'), nullable=True)
    reason = db.Column(db.Text, nullable=True)
    post = db.relationship('Post', lazy='joined', backref=db.backref('report', cascade='all, delete-orphan'))
    reporter = db.relationship('User', lazy='joined', foreign_keys=[reporter_id])
    zapper = db.relationship('User', lazy='joined', foreign_keys=[zapped_by])


@make_comparable
class Post(HideableCRUDMixin, db.Model):
    __tablename__ = 'posts'
    id = db.Column(db.Integer, primary_key=True)
    topic_id = db.Column(db.Integer, db.ForeignKey('topics.id', ondelete='CASCADE', use_alter=True), nullable=True)
    user_id = db.Column(db.Integer, db.ForeignKey('users.id'), nullable=True)
    username = db.Column(db.String(200), nullable=False)
    content = db.Column(db.Text, nullable=False)
    date_created = db.Column(UTCDateTime(timezone=True), default=time_utcnow, nullable=False)
    date_modified = db.Column(UTCDateTime(timezone=True), nullable=True)
    modified_by = db.Column(db.String(200), nullable=True)


@make_comparable
class Topic(HideableCRUDMixin, db.Model):
    __tablename__ = 'topics'
    id = db.Column(db.Integer, primary_key=True)
    forum_id = db.Column(db.Integer, db.ForeignKey('forums.id', ondelete='CASCADE'), nullable=False)
    title = db.Column(db.String(255), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey('users.id'), nullable=True)
    username = db.Column(db.String(200), nullable=False)
    date_created = db.Column(UTCDateTime(timezone=True), default=time_utcnow, nullable=False)
    last_updated = db.Column(UTCDateTime(timezone=True), default=time_utcnow, nullable=False)
    locked = db.Column(db.Boolean, default=False, nullable=False)
    important = db.Column(db.Boolean, default=False, nullable=False)
    views = db.Column(db.Integer, default=0, nullable=False)
    post_count = db.Column(db.Integer, default=0, nullable=False)
    first_post_id = db.Column(db.Integer, db.ForeignKey('posts.id', ondelete='CASCADE'), nullable=True)
    first_post = db.relationship('Post', backref='first_post', uselist=False, foreign_keys=[first_post_id])
    last_post_id = db.Column(db.Integer, db.ForeignKey('posts.id'), nullable=True)
    last_post = db.relationship('Post', backref='last_post', uselist=False, foreign_keys=[last_post_id])
    posts = db.relationship('Post', backref='topic', lazy='dynamic', primaryjoin='Post.topic_id == Topic.id', cascade='all, delete-orphan', post_update=True)


@make_comparable
class Forum(db.Model, CRUDMixin):
    __tablename__ = 'forums'
    id = db.Column(db.Integer, primary_key=True)
    category_id = db.Column(db.Integer, db.ForeignKey('categories.id', ondelete='CASCADE'), nullable=False)
    title = db.Column(db.String(255), nullable=False)
    description = db.Column(db.Text, nullable=True)
    position = db.Column(db.Integer, default=1, nullable=False)
    locked = db.Column(db.Boolean, default=False, nullable=False)
    show_moderators = db.Column(db.Boolean, default=False, nullable=False)
    external = db.Column(db.String(200), nullable=True)
    post_count = db.Column(db.Integer, default=0, nullable=False)
    topic_count = db.Column(db.Integer, default=0, nullable=False)
    last_post_id = db.Column(db.Integer, db.ForeignKey('posts.id'), nullable=True)
    last_post = db.relationship('Post', backref='last_post_forum', uselist=False, foreign_keys=[last_post_id])
    last_post_user_id = db.Column(db.Integer, db.ForeignKey('users.id', ondelete='SET NULL'), nullable=True)
    last_post_user = db.relationship('User', uselist=False, foreign_keys=[last_post_user_id])
    last_post_title = db.Column(db.String(255), nullable=True)
    last_post_username = db.Column(db.String(255), nullable=True)
    last_post_created = db.Column(UTCDateTime(timezone=True), default=time_utcnow, nullable=True)
    topics = db.relationship('Topic', backref='forum', lazy='dynamic', cascade='all, delete-orphan')
    moderators = db.relationship('User', secondary=moderators, primaryjoin=moderators.c.forum_id == id, backref=db.backref('forummoderator', lazy='dynamic'), lazy='joined')
    groups = db.relationship('Group', secondary=forumgroups, primaryjoin=forumgroups.c.forum_id == id, backref='forumgroups', lazy='joined')


@make_comparable
class Category(db.Model, CRUDMixin):
    __tablename__ = 'categories'
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(255), nullable=False)
    description = db.Column(db.Text, nullable=True)
    position = db.Column(db.Integer, default=1, nullable=False)
    forums = db.relationship('Forum', backref='category', lazy='dynamic', primaryjoin='Forum.category_id == Category.id', order_by='asc(Forum.position)', cascade='all, delete-orphan')
