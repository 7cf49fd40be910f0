# Extracted from flask-security-too 5.6.1, flask_security/models/fsqla_v2.py
# Licence: MIT (LICENSE.txt of the wheel), (c) 2012-2021 Matthew Wright and the Flask-Security-Too contributors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class FsUserMixin(FsUserMixinV1):
    username = Column(String(255), unique=True, nullable=True)
    us_totp_secrets = Column(Text, nullable=True)
    us_phone_number = Column(String(128), nullable=True)
