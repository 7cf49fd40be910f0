# Extracted from flaskbb 2.0.2, flaskbb/plugins/models.py
# Licence: BSD-3-Clause, (c) 2013-2018 the FlaskBB Team and contributors (LICENSE of the sdist)
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class PluginStore(CRUDMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    key = db.Column(db.Unicode(255), nullable=False)
    value = db.Column(db.PickleType, nullable=False)
    value_type = db.Column(db.Enum(SettingValueType), nullable=False)
    extra = db.Column(db.PickleType, nullable=True)
    plugin_id = db.Column(db.Integer, db.ForeignKey('plugin_registry.id', ondelete='CASCADE'))
    name = db.Column(db.Unicode(255), nullable=False)
    description = db.Column(db.Text, nullable=True)
    __table_args__ = (UniqueConstraint('key', 'plugin_id', name='plugin_kv_uniq'),)


class PluginRegistry(CRUDMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.Unicode(255), unique=True, nullable=False)
    enabled = db.Column(db.Boolean, default=True)
    values = db.relationship('PluginStore', collection_class=attribute_mapped_collection('key'), backref='plugin', cascade='all, delete-orphan')
