# Extracted from kotti 2.0.9, kotti/resources.py
# Licence: Repoze Public License (BSD-derived)
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class LocalGroup(Base):
    __tablename__ = 'local_groups'
    __table_args__ = (UniqueConstraint('node_id', 'principal_name', 'group_name'),)
    id = Column(Integer(), primary_key=True)
    node_id = Column(ForeignKey('nodes.id'), index=True)
    principal_name = Column(Unicode(100), index=True)
    group_name = Column(Unicode(100))


@implementer(INode)
class Node(Base, ContainerMixin, PersistentACLMixin, metaclass=NodeMeta):
    __table_args__ = (UniqueConstraint('parent_id', 'name'),)
    __mapper_args__ = dict(polymorphic_on='type', polymorphic_identity='node', with_polymorphic='*')
    id = Column(Integer(), primary_key=True)
    type = Column(String(30), nullable=False)
    parent_id = Column(ForeignKey('nodes.id'), index=True)
    position = Column(Integer())
    _acl = Column(MutationList.as_mutable(ACLType))
    name = Column(Unicode(250), nullable=False)
    title = Column(Unicode(250))
    annotations = Column(NestedMutationDict.as_mutable(JsonType))
    path = Column(Unicode(2000), index=True)
    parent = relation('Node', remote_side=[id], backref=backref('_children', collection_class=ordering_list('position', reorder_on_append=True), order_by=[position], cascade='all'))
    local_groups = relation(LocalGroup, backref=backref('node'), cascade='all', lazy='joined')
    __hash__ = Base.__hash__
    copy_properties_blacklist = ('id', 'parent', 'parent_id', '_children', 'local_groups', '_tags')


class Tag(Base):
    id = Column(Integer, primary_key=True)
    title = Column(Unicode(100), unique=True, nullable=False)


class TagsToContents(Base):
    __tablename__ = 'tags_to_contents'
    tag_id = Column(ForeignKey('tags.id'), primary_key=True, index=True)
    content_id = Column(ForeignKey('contents.id'), primary_key=True, index=True)
    tag = relation(Tag, backref=backref('content_tags', cascade='all'), lazy='joined')
    position = Column(Integer, nullable=False)
    title = association_proxy('tag', 'title')


@implementer(IContent)
class Content(Node):
    id = Column(ForeignKey(Node.id), primary_key=True)
    default_view = Column(String(50))
    description = Column(UnicodeText())
    language = Column(Unicode(10))
    owner = Column(Unicode(100))
    state = Column(String(50))
    creation_date = Column(DateTime())
    modification_date = Column(DateTime())
    in_navigation = Column(Boolean())
    _tags = relation(TagsToContents, backref=backref('item'), order_by=[TagsToContents.position], collection_class=ordering_list('position'), cascade='all, delete-orphan')
    tags = association_proxy('_tags', 'title', creator=TagsToContents._tag_find_or_create)
    type_info = default_type_info


@implementer(IDocument, IDefaultWorkflow)
class Document(Content):
    id = Column(ForeignKey(Content.id), primary_key=True)
    body = Column(UnicodeText())
    mime_type = Column(String(30))
    type_info = Content.type_info.copy(name='Document', title=_('Document'), add_view='add_document', addable_to=['Document'])


class SaveDataMixin:
    filename = Column(Unicode(100))
    mimetype = Column(String(100))
    size = Column(Integer())
    data_filters = ()


@implementer(IFile)
class File(SaveDataMixin, Content):
    id = Column(ForeignKey(Content.id), primary_key=True)
    type_info = Content.type_info.copy(name='File', title=_('File'), add_view='add_file', addable_to=['Document'], selectable_default_views=[], uploadable_mimetypes=['*'])
