# Extracted from ihatemoney 7.2.1, ihatemoney/models.py
# Licence: BSD-style (LICENSE of the sdist), (c) 2011 Alexis Metaireau and contributors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class Project(db.Model):

    class ProjectQuery(Query):
        pass
    __versioned__ = {}
    id = db.Column(db.String(64), primary_key=True)
    name = db.Column(db.UnicodeText)
    password = db.Column(db.String(256))
    contact_email = db.Column(db.String(128))
    logging_preference = db.Column(db.Enum(LoggingMode), default=LoggingMode.default(), nullable=False, server_default=LoggingMode.default().name)
    members = db.relationship('Person', backref='project')
    query_class = ProjectQuery
    default_currency = db.Column(db.String(3))


class Person(db.Model):

    class PersonQuery(Query):
        pass
    query_class = PersonQuery
    __versioned__ = {}
    __table_args__ = {'sqlite_autoincrement': True}
    id = db.Column(db.Integer, primary_key=True)
    project_id = db.Column(db.String(64), db.ForeignKey('project.id'))
    bills = db.relationship('Bill', backref='payer')
    name = db.Column(db.UnicodeText)
    weight = db.Column(db.Float, default=1)
    activated = db.Column(db.Boolean, default=True)


class Bill(db.Model):

    class BillQuery(Query):
        pass
    query_class = BillQuery
    __versioned__ = {}
    __table_args__ = {'sqlite_autoincrement': True}
    id = db.Column(db.Integer, primary_key=True)
    payer_id = db.Column(db.Integer, db.ForeignKey('person.id'))
    owers = db.relationship(Person, secondary=billowers)
    amount = db.Column(db.Float)
    date = db.Column(db.Date, default=datetime.datetime.now)
    creation_date = db.Column(db.Date, default=datetime.datetime.now)
    what = db.Column(db.UnicodeText)
    bill_type = db.Column(db.Enum(BillType))
    external_link = db.Column(db.UnicodeText)
    original_currency = db.Column(db.String(3))
    converted_amount = db.Column(db.Float)
    archive = db.Column(db.Integer, db.ForeignKey('archive.id'))
    currency_helper = CurrencyConverter()


class Archive(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    project_id = db.Column(db.String(64), db.ForeignKey('project.id'))
    name = db.Column(db.UnicodeText)
