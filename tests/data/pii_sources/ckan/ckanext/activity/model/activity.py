# Extracted from ckan 2.12.0, ckanext/activity/model/activity.py
# Licence: AGPL-3.0-or-later
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Activity(domain_object.DomainObject, BaseModel):
    __table__ = Table('activity', BaseModel.metadata, Column('id', types.UnicodeText, primary_key=True, default=_types.make_uuid), Column('timestamp', types.DateTime), Column('user_id', types.UnicodeText), Column('object_id', types.UnicodeText), Column('activity_type', types.UnicodeText), Column('data', _types.JsonDictType), Column('permission_labels', types.Text))
    __table_args__ = {'extend_existing': True}
    id: Mapped[str]
    timestamp: Mapped[datetime.datetime]
    user_id: Mapped[Optional[str]]
    object_id: Mapped[Optional[str]]
    activity_type: Mapped[Optional[str]]
    data: Mapped[dict[str, Any]]
    permission_labels: Mapped[Optional[list[str]]]


class ActivityDetail(domain_object.DomainObject, BaseModel):
    __tablename__ = 'activity_detail'
    id = Column('id', types.UnicodeText, primary_key=True, default=_types.make_uuid)
    activity_id = Column('activity_id', types.UnicodeText, ForeignKey('activity.id'))
    object_id = Column('object_id', types.UnicodeText)
    object_type = Column('object_type', types.UnicodeText)
    activity_type = Column('activity_type', types.UnicodeText)
    data = Column('data', _types.JsonDictType)
    activity: Mapped[Activity] = relationship(Activity, backref=backref('activity_detail', cascade='all, delete-orphan'))
