# Extracted from mediagoblin 0.9.0, mediagoblin/db/models.py
# Licence: AGPL-3.0-or-later (COPYING of the sdist), (c) the GNU MediaGoblin contributors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class GenericModelReference(Base):
    __tablename__ = 'core__generic_model_reference'
    id = Column(Integer, primary_key=True)
    obj_pk = Column(Integer, nullable=False)
    model_type = Column(Unicode, nullable=False)
    __table_args__ = (UniqueConstraint('model_type', 'obj_pk'), {})


class Location(Base):
    __tablename__ = 'core__locations'
    id = Column(Integer, primary_key=True)
    name = Column(Unicode)
    position = Column(MutationDict.as_mutable(JSONEncoded))
    address = Column(MutationDict.as_mutable(JSONEncoded))


class User(Base, UserMixin):
    __tablename__ = 'core__users'
    id = Column(Integer, primary_key=True)
    url = Column(Unicode)
    bio = Column(UnicodeText)
    name = Column(Unicode)
    type = Column(Unicode)
    created = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    updated = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    location = Column(Integer, ForeignKey('core__locations.id'))
    get_location = relationship('Location', lazy='joined')
    __mapper_args__ = {'polymorphic_identity': 'user', 'polymorphic_on': type}
    deletion_mode = Base.SOFT_DELETE


class LocalUser(User):
    __tablename__ = 'core__local_users'
    id = Column(Integer, ForeignKey('core__users.id'), primary_key=True)
    username = Column(Unicode, nullable=False, unique=True)
    email = Column(Unicode, nullable=False)
    pw_hash = Column(Unicode)
    wants_comment_notification = Column(Boolean, default=True)
    wants_notifications = Column(Boolean, default=True)
    license_preference = Column(Unicode)
    uploaded = Column(Integer, default=0)
    upload_limit = Column(Integer)
    __mapper_args__ = {'polymorphic_identity': 'user_local'}


class RemoteUser(User):
    __tablename__ = 'core__remote_users'
    id = Column(Integer, ForeignKey('core__users.id'), primary_key=True)
    webfinger = Column(Unicode, unique=True)
    __mapper_args__ = {'polymorphic_identity': 'user_remote'}


class Client(Base):
    __tablename__ = 'core__clients'
    id = Column(Unicode, nullable=True, primary_key=True)
    secret = Column(Unicode, nullable=False)
    expirey = Column(DateTime, nullable=True)
    application_type = Column(Unicode, nullable=False)
    created = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    updated = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    redirect_uri = Column(JSONEncoded, nullable=True)
    logo_url = Column(Unicode, nullable=True)
    application_name = Column(Unicode, nullable=True)
    contacts = Column(JSONEncoded, nullable=True)


class RequestToken(Base):
    __tablename__ = 'core__request_tokens'
    token = Column(Unicode, primary_key=True)
    secret = Column(Unicode, nullable=False)
    client = Column(Unicode, ForeignKey(Client.id))
    actor = Column(Integer, ForeignKey(User.id), nullable=True)
    used = Column(Boolean, default=False)
    authenticated = Column(Boolean, default=False)
    verifier = Column(Unicode, nullable=True)
    callback = Column(Unicode, nullable=False, default=u'oob')
    created = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    updated = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    get_client = relationship(Client)


class AccessToken(Base):
    __tablename__ = 'core__access_tokens'
    token = Column(Unicode, nullable=False, primary_key=True)
    secret = Column(Unicode, nullable=False)
    actor = Column(Integer, ForeignKey(User.id))
    request_token = Column(Unicode, ForeignKey(RequestToken.token))
    created = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    updated = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    get_requesttoken = relationship(RequestToken)


class NonceTimestamp(Base):
    __tablename__ = 'core__nonce_timestamps'
    nonce = Column(Unicode, nullable=False, primary_key=True)
    timestamp = Column(DateTime, nullable=False, primary_key=True)


class MediaEntry(Base, MediaEntryMixin, CommentingMixin):
    __tablename__ = 'core__media_entries'
    id = Column(Integer, primary_key=True)
    public_id = Column(Unicode, unique=True, nullable=True)
    remote = Column(Boolean, default=False)
    actor = Column(Integer, ForeignKey(User.id), nullable=False, index=True)
    title = Column(Unicode, nullable=False)
    slug = Column(Unicode)
    description = Column(UnicodeText)
    media_type = Column(Unicode, nullable=False)
    state = Column(Unicode, default=u'unprocessed', nullable=False)
    license = Column(Unicode)
    file_size = Column(Integer, default=0)
    location = Column(Integer, ForeignKey('core__locations.id'))
    get_location = relationship('Location', lazy='joined')
    created = Column(DateTime, nullable=False, default=datetime.datetime.utcnow, index=True)
    updated = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    fail_error = Column(Unicode)
    fail_metadata = Column(JSONEncoded)
    transcoding_progress = Column(SmallInteger)
    queued_media_file = Column(PathTupleWithSlashes)
    queued_task_id = Column(Unicode)
    __table_args__ = (UniqueConstraint('actor', 'slug'), {})
    deletion_mode = Base.SOFT_DELETE
    get_actor = relationship(User)
    media_files_helper = relationship('MediaFile', collection_class=attribute_mapped_collection('name'), cascade='all, delete-orphan')
    media_files = association_proxy('media_files_helper', 'file_path', creator=lambda k, v: MediaFile(name=k, file_path=v))
    attachment_files_helper = relationship('MediaAttachmentFile', cascade='all, delete-orphan', order_by='MediaAttachmentFile.created')
    attachment_files = association_proxy('attachment_files_helper', 'dict_view', creator=lambda v: MediaAttachmentFile(name=v['name'], filepath=v['filepath']))
    tags_helper = relationship('MediaTag', cascade='all, delete-orphan')
    tags = association_proxy('tags_helper', 'dict_view', creator=lambda v: MediaTag(name=v['name'], slug=v['slug']))
    media_metadata = Column(MutationDict.as_mutable(JSONEncoded), default=MutationDict())


class FileKeynames(Base):
    __tablename__ = 'core__file_keynames'
    id = Column(Integer, primary_key=True)
    name = Column(Unicode, unique=True)


class MediaFile(Base):
    __tablename__ = 'core__mediafiles'
    media_entry = Column(Integer, ForeignKey(MediaEntry.id), nullable=False)
    name_id = Column(SmallInteger, ForeignKey(FileKeynames.id), nullable=False)
    file_path = Column(PathTupleWithSlashes)
    file_metadata = Column(MutationDict.as_mutable(JSONEncoded))
    __table_args__ = (PrimaryKeyConstraint('media_entry', 'name_id'), {})
    name_helper = relationship(FileKeynames, lazy='joined', innerjoin=True)
    name = association_proxy('name_helper', 'name', creator=FileKeynames.find_or_new)


class MediaAttachmentFile(Base):
    __tablename__ = 'core__attachment_files'
    id = Column(Integer, primary_key=True)
    media_entry = Column(Integer, ForeignKey(MediaEntry.id), nullable=False)
    name = Column(Unicode, nullable=False)
    filepath = Column(PathTupleWithSlashes)
    created = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)


class Tag(Base):
    __tablename__ = 'core__tags'
    id = Column(Integer, primary_key=True)
    slug = Column(Unicode, nullable=False, unique=True)


class MediaTag(Base):
    __tablename__ = 'core__media_tags'
    id = Column(Integer, primary_key=True)
    media_entry = Column(Integer, ForeignKey(MediaEntry.id), nullable=False, index=True)
    tag = Column(Integer, ForeignKey(Tag.id), nullable=False, index=True)
    name = Column(Unicode)
    __table_args__ = (UniqueConstraint('tag', 'media_entry'), {})
    tag_helper = relationship(Tag)
    slug = association_proxy('tag_helper', 'slug', creator=Tag.find_or_new)


class Comment(Base):
    __tablename__ = 'core__comment_links'
    id = Column(Integer, primary_key=True)
    target_id = Column(Integer, ForeignKey(GenericModelReference.id), nullable=False)
    target_helper = relationship(GenericModelReference, foreign_keys=[target_id])
    target = association_proxy('target_helper', 'get_object', creator=GenericModelReference.find_or_new)
    comment_id = Column(Integer, ForeignKey(GenericModelReference.id), nullable=False)
    comment_helper = relationship(GenericModelReference, foreign_keys=[comment_id])
    comment = association_proxy('comment_helper', 'get_object', creator=GenericModelReference.find_or_new)
    added = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)


class TextComment(Base, TextCommentMixin, CommentingMixin):
    __tablename__ = 'core__media_comments'
    id = Column(Integer, primary_key=True)
    public_id = Column(Unicode, unique=True)
    actor = Column(Integer, ForeignKey(User.id), nullable=False)
    created = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    updated = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    content = Column(UnicodeText, nullable=False)
    location = Column(Integer, ForeignKey('core__locations.id'))
    get_location = relationship('Location', lazy='joined')
    get_actor = relationship(User, backref=backref('posted_comments', lazy='dynamic', cascade='all, delete-orphan'))
    deletion_mode = Base.SOFT_DELETE


class Collection(Base, CollectionMixin, CommentingMixin):
    __tablename__ = 'core__collections'
    id = Column(Integer, primary_key=True)
    public_id = Column(Unicode, unique=True)
    title = Column(Unicode, nullable=False)
    slug = Column(Unicode)
    created = Column(DateTime, nullable=False, default=datetime.datetime.utcnow, index=True)
    updated = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    description = Column(UnicodeText)
    actor = Column(Integer, ForeignKey(User.id), nullable=False)
    num_items = Column(Integer, default=0)
    type = Column(Unicode, nullable=False)
    location = Column(Integer, ForeignKey('core__locations.id'))
    get_location = relationship('Location', lazy='joined')
    get_actor = relationship(User, backref=backref('collections', cascade='all, delete-orphan'))
    __table_args__ = (UniqueConstraint('actor', 'slug'), {})
    deletion_mode = Base.SOFT_DELETE
    INBOX_TYPE = 'core-inbox'
    OUTBOX_TYPE = 'core-outbox'
    FOLLOWER_TYPE = 'core-followers'
    FOLLOWING_TYPE = 'core-following'
    COMMENT_TYPE = 'core-comments'
    USER_DEFINED_TYPE = 'core-user-defined'


class CollectionItem(Base, CollectionItemMixin):
    __tablename__ = 'core__collection_items'
    id = Column(Integer, primary_key=True)
    collection = Column(Integer, ForeignKey(Collection.id), nullable=False)
    note = Column(UnicodeText, nullable=True)
    added = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    position = Column(Integer)
    in_collection = relationship(Collection, backref=backref('collection_items', cascade='all, delete-orphan'))
    object_id = Column(Integer, ForeignKey(GenericModelReference.id), nullable=False, index=True)
    object_helper = relationship(GenericModelReference, foreign_keys=[object_id])
    get_object = association_proxy('object_helper', 'get_object', creator=GenericModelReference.find_or_new)
    __table_args__ = (UniqueConstraint('collection', 'object_id'), {})


class ProcessingMetaData(Base):
    __tablename__ = 'core__processing_metadata'
    id = Column(Integer, primary_key=True)
    media_entry_id = Column(Integer, ForeignKey(MediaEntry.id), nullable=False, index=True)
    media_entry = relationship(MediaEntry, backref=backref('processing_metadata', cascade='all, delete-orphan'))
    callback_url = Column(Unicode)


class CommentSubscription(Base):
    __tablename__ = 'core__comment_subscriptions'
    id = Column(Integer, primary_key=True)
    created = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    media_entry_id = Column(Integer, ForeignKey(MediaEntry.id), nullable=False)
    media_entry = relationship(MediaEntry, backref=backref('comment_subscriptions', cascade='all, delete-orphan'))
    user_id = Column(Integer, ForeignKey(User.id), nullable=False)
    user = relationship(User, backref=backref('comment_subscriptions', cascade='all, delete-orphan'))
    notify = Column(Boolean, nullable=False, default=True)
    send_email = Column(Boolean, nullable=False, default=True)


class Notification(Base):
    __tablename__ = 'core__notifications'
    id = Column(Integer, primary_key=True)
    object_id = Column(Integer, ForeignKey(GenericModelReference.id))
    object_helper = relationship(GenericModelReference)
    obj = association_proxy('object_helper', 'get_object', creator=GenericModelReference.find_or_new)
    created = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    user_id = Column(Integer, ForeignKey('core__users.id'), nullable=False, index=True)
    seen = Column(Boolean, default=lambda: False, index=True)
    user = relationship(User, backref=backref('notifications', cascade='all, delete-orphan'))


class Report(Base):
    __tablename__ = 'core__reports'
    id = Column(Integer, primary_key=True)
    reporter_id = Column(Integer, ForeignKey(User.id), nullable=False)
    reporter = relationship(User, backref=backref('reports_filed_by', lazy='dynamic', cascade='all, delete-orphan'), primaryjoin='User.id==Report.reporter_id')
    report_content = Column(UnicodeText)
    reported_user_id = Column(Integer, ForeignKey(User.id), nullable=False)
    reported_user = relationship(User, backref=backref('reports_filed_on', lazy='dynamic', cascade='all, delete-orphan'), primaryjoin='User.id==Report.reported_user_id')
    created = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    resolver_id = Column(Integer, ForeignKey(User.id))
    resolver = relationship(User, backref=backref('reports_resolved_by', lazy='dynamic', cascade='all, delete-orphan'), primaryjoin='User.id==Report.resolver_id')
    resolved = Column(DateTime)
    result = Column(UnicodeText)
    object_id = Column(Integer, ForeignKey(GenericModelReference.id), nullable=True)
    object_helper = relationship(GenericModelReference)
    obj = association_proxy('object_helper', 'get_object', creator=GenericModelReference.find_or_new)


class UserBan(Base):
    __tablename__ = 'core__user_bans'
    user_id = Column(Integer, ForeignKey(User.id), nullable=False, primary_key=True)
    expiration_date = Column(Date)
    reason = Column(UnicodeText, nullable=False)


class Privilege(Base):
    __tablename__ = 'core__privileges'
    id = Column(Integer, nullable=False, primary_key=True)
    privilege_name = Column(Unicode, nullable=False, unique=True)
    all_users = relationship(User, backref='all_privileges', secondary='core__privileges_users')


class PrivilegeUserAssociation(Base):
    __tablename__ = 'core__privileges_users'
    user = Column('user', Integer, ForeignKey(User.id), primary_key=True)
    privilege = Column('privilege', Integer, ForeignKey(Privilege.id), primary_key=True)


class Generator(Base):
    __tablename__ = 'core__generators'
    id = Column(Integer, primary_key=True)
    name = Column(Unicode, nullable=False)
    published = Column(DateTime, default=datetime.datetime.utcnow)
    updated = Column(DateTime, default=datetime.datetime.utcnow)
    object_type = Column(Unicode, nullable=False)
    deletion_mode = Base.SOFT_DELETE


class Activity(Base, ActivityMixin):
    __tablename__ = 'core__activities'
    id = Column(Integer, primary_key=True)
    public_id = Column(Unicode, unique=True)
    actor = Column(Integer, ForeignKey('core__users.id'), nullable=False)
    published = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    updated = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    verb = Column(Unicode, nullable=False)
    content = Column(Unicode, nullable=True)
    title = Column(Unicode, nullable=True)
    generator = Column(Integer, ForeignKey('core__generators.id'), nullable=True)
    object_id = Column(Integer, ForeignKey(GenericModelReference.id), nullable=False)
    object_helper = relationship(GenericModelReference, foreign_keys=[object_id])
    object = association_proxy('object_helper', 'get_object', creator=GenericModelReference.find_or_new)
    target_id = Column(Integer, ForeignKey(GenericModelReference.id), nullable=True)
    target_helper = relationship(GenericModelReference, foreign_keys=[target_id])
    target = association_proxy('target_helper', 'get_object', creator=GenericModelReference.find_or_new)
    get_actor = relationship(User, backref=backref('activities', cascade='all, delete-orphan'))
    get_generator = relationship(Generator)
    deletion_mode = Base.SOFT_DELETE


class Graveyard(Base):
    __tablename__ = 'core__graveyard'
    id = Column(Integer, primary_key=True)
    public_id = Column(Unicode, nullable=True, unique=True)
    deleted = Column(DateTime, nullable=False, default=datetime.datetime.utcnow)
    object_type = Column(Unicode, nullable=False)
    actor_id = Column(Integer, ForeignKey(GenericModelReference.id))
    actor_helper = relationship(GenericModelReference)
    actor = association_proxy('actor_helper', 'get_object', creator=GenericModelReference.find_or_new)


class MigrationData(Base):
    __tablename__ = 'core__migrations'
    name = Column(Unicode, primary_key=True)
    version = Column(Integer, nullable=False, default=0)
