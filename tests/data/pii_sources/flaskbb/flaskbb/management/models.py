# Extracted from flaskbb 2.0.2, flaskbb/management/models.py
# Licence: BSD-3-Clause, (c) 2013-2018 the FlaskBB Team and contributors (LICENSE of the sdist)
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class SettingsGroup(db.Model, CRUDMixin):
    __tablename__ = 'settingsgroup'
    key = db.Column(db.String(255), primary_key=True)
    name = db.Column(db.String(255), nullable=False)
    description = db.Column(db.Text, nullable=False)
    settings = db.relationship('Setting', lazy='dynamic', backref='group', cascade='all, delete-orphan')


class Setting(db.Model, CRUDMixin):
    __tablename__ = 'settings'
    key = db.Column(db.String(255), primary_key=True)
    value = db.Column(db.PickleType, nullable=False)
    settingsgroup = db.Column(db.String(255), db.ForeignKey('settingsgroup.key', ondelete='CASCADE'), nullable=False)
    name = db.Column(db.String(200), nullable=False)
    description = db.Column(db.Text, nullable=False)
    value_type = db.Column(db.Enum(SettingValueType), nullable=False)
    extra = db.Column(db.PickleType)
