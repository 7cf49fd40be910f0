# Extracted from flask-security-too 5.6.1, flask_security/models/fsqla_v3.py
# Licence: MIT (LICENSE.txt of the wheel), (c) 2012-2021 Matthew Wright and the Flask-Security-Too contributors
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

class FsUserMixin(FsUserMixinV2):
    try:
        import webauthn as webauthn_pkg

        @declared_attr
        def webauthn(cls):
            return FsModels.db.relationship('WebAuthn', backref='users', cascade='all, delete')
    except ImportError:
        pass
    fs_webauthn_user_handle = Column(String(64), unique=True, nullable=True)
    mf_recovery_codes = Column(MutableList.as_mutable(AsaList()), nullable=True)
    password = Column(String(255), nullable=True)
    us_phone_number = Column(String(128), nullable=True, unique=True)


class FsWebAuthnMixin(WebAuthnMixin):
    id = Column(Integer, primary_key=True)
    credential_id = Column(LargeBinary(1024), index=True, unique=True, nullable=False)
    public_key = Column(LargeBinary, nullable=False)
    sign_count = Column(Integer, default=0)
    transports = Column(MutableList.as_mutable(AsaList()), nullable=True)
    backup_state = Column(Boolean, nullable=False)
    device_type = Column(String(64), nullable=False)
    extensions = Column(String(255), nullable=True)
    create_datetime = Column(type_=DateTime, nullable=False, server_default=func.now())
    lastuse_datetime = Column(type_=DateTime, nullable=False)
    name = Column(String(64), nullable=False)
    usage = Column(String(64), nullable=False)
