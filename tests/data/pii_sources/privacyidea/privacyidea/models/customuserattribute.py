# Extracted from privacyidea 3.14, privacyidea/models/customuserattribute.py
# Licence: AGPL-3.0-or-later (LICENSE of the sdist), (c) the privacyIDEA authors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class CustomUserAttribute(MethodsMixin, db.Model):
    __tablename__ = 'customuserattribute'
    id: Mapped[int] = mapped_column(Integer, Sequence('customuserattribute_seq'), primary_key=True)
    user_id: Mapped[str | None] = mapped_column(Unicode(320), default='', index=True)
    resolver: Mapped[str | None] = mapped_column(Unicode(120), default='', index=True)
    realm_id: Mapped[int | None] = mapped_column(Integer, ForeignKey('realm.id'))
    Key: Mapped[str] = mapped_column(Unicode(255), nullable=False)
    Value: Mapped[str | None] = mapped_column(UnicodeText, default='')
    Type: Mapped[str | None] = mapped_column(Unicode(100), default='')
