# Extracted from pgadmin4 9.18, pgadmin4/pgadmin/model/__init__.py
# Licence: PostgreSQL
# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,
# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201
# heuristic, never imported.

roles_users = db.Table('roles_users', db.Column('user_id', db.Integer(), db.ForeignKey(USER_ID)), db.Column('role_id', db.Integer(), db.ForeignKey('role.id')))


class Version(db.Model):
    __tablename__ = 'version'
    name = db.Column(db.String(32), primary_key=True)
    value = db.Column(db.Integer(), nullable=False)


class Role(db.Model, RoleMixin):
    __tablename__ = 'role'
    id = db.Column(db.Integer(), primary_key=True)
    name = db.Column(db.String(128), unique=True, nullable=False)
    description = db.Column(db.String(256), nullable=False)
    permissions = db.Column(PgAdminDbArrayString())


class User(db.Model, UserMixin):
    __tablename__ = 'user'
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(256), nullable=True)
    username = db.Column(db.String(64), unique=True, nullable=False)
    password = db.Column(PgAdminDbBinaryString())
    active = db.Column(db.Boolean(), nullable=False)
    confirmed_at = db.Column(db.DateTime())
    masterpass_check = db.Column(PgAdminDbBinaryString())
    roles = db.relationship('Role', secondary=roles_users, backref=db.backref('users', lazy='dynamic'))
    auth_source = db.Column(db.String(16), unique=True, nullable=False)
    fs_uniquifier = db.Column(db.String(255), unique=True, nullable=False, default=lambda _: uuid.uuid4().hex)
    login_attempts = db.Column(db.Integer, default=0)
    locked = db.Column(db.Boolean(), default=False)


class Setting(db.Model, UserScopedMixin):
    __tablename__ = 'setting'
    user_id = db.Column(db.Integer, db.ForeignKey(USER_ID), primary_key=True)
    setting = db.Column(db.String(256), primary_key=True)
    value = db.Column(db.Text())


class ServerGroup(db.Model, UserScopedMixin):
    __tablename__ = 'servergroup'
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey(USER_ID), nullable=False)
    name = db.Column(db.String(128), nullable=False)
    __table_args__ = (db.UniqueConstraint('user_id', 'name'),)
    servers = db.relationship('Server', back_populates='servergroup', lazy='select', cascade=CASCADE_STR)
    sharedservers = db.relationship('SharedServer', back_populates='servergroup', lazy='select', cascade=CASCADE_STR)


class Server(db.Model, UserScopedMixin):
    __tablename__ = 'server'
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey(USER_ID), nullable=False)
    servergroup_id = db.Column(db.Integer, db.ForeignKey('servergroup.id'), nullable=False)
    servergroup = db.relationship('ServerGroup', back_populates='servers', lazy='joined')
    name = db.Column(db.String(128), nullable=False)
    host = db.Column(db.String(128), nullable=True)
    port = db.Column(db.Integer(), db.CheckConstraint('port >= 1 AND port <= 65534'), nullable=False)
    maintenance_db = db.Column(db.String(64), nullable=True)
    username = db.Column(db.String(64), nullable=False)
    password = db.Column(PgAdminDbBinaryString())
    save_password = db.Column(db.Integer(), db.CheckConstraint('save_password >= 0 AND save_password <= 1'), nullable=False)
    role = db.Column(db.String(64), nullable=True)
    comment = db.Column(db.String(1024), nullable=True)
    discovery_id = db.Column(db.String(128), nullable=True)
    db_res = db.Column(db.Text(), nullable=True)
    db_res_type = db.Column(db.String(32), default='databases')
    passexec_cmd = db.Column(db.Text(), nullable=True)
    passexec_expiration = db.Column(db.Integer(), nullable=True)
    bgcolor = db.Column(db.String(10), nullable=True)
    fgcolor = db.Column(db.String(10), nullable=True)
    service = db.Column(db.Text(), nullable=True)
    use_ssh_tunnel = db.Column(db.Integer(), db.CheckConstraint('use_ssh_tunnel >= 0 AND use_ssh_tunnel <= 1'), nullable=False)
    tunnel_host = db.Column(db.String(128), nullable=True)
    tunnel_port = db.Column(db.Integer(), db.CheckConstraint('port <= 65534'), nullable=True, default=22)
    tunnel_username = db.Column(db.String(64), nullable=True)
    tunnel_authentication = db.Column(db.Integer(), db.CheckConstraint('tunnel_authentication >= 0 AND tunnel_authentication <= 1'), nullable=False)
    tunnel_identity_file = db.Column(db.String(64), nullable=True)
    tunnel_prompt_password = db.Column(db.Integer(), db.CheckConstraint('tunnel_prompt_password >= 0 AND tunnel_prompt_password <= 1'), nullable=False)
    tunnel_password = db.Column(PgAdminDbBinaryString())
    tunnel_keep_alive = db.Column(db.Integer(), nullable=True, default=0)
    shared = db.Column(db.Boolean(), nullable=False)
    shared_username = db.Column(db.String(64), nullable=True)
    kerberos_conn = db.Column(db.Boolean(), nullable=False, default=0)
    cloud_status = db.Column(db.Integer(), nullable=False, default=0)
    connection_params = db.Column(MutableDict.as_mutable(types.JSON))
    prepare_threshold = db.Column(db.Integer(), nullable=True)
    tags = db.Column(types.JSON)
    is_adhoc = db.Column(db.Integer(), db.CheckConstraint('is_adhoc >= 0 AND is_adhoc <= 1'), nullable=False, default=0)
    post_connection_sql = db.Column(db.String(), nullable=True)


class ModulePreference(db.Model):
    __tablename__ = 'module_preference'
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(256), nullable=False)


class PreferenceCategory(db.Model):
    __tablename__ = 'preference_category'
    id = db.Column(db.Integer, primary_key=True)
    mid = db.Column(db.Integer, db.ForeignKey('module_preference.id'), nullable=False)
    name = db.Column(db.String(256), nullable=False)


class Preferences(db.Model):
    __tablename__ = 'preferences'
    id = db.Column(db.Integer, primary_key=True)
    cid = db.Column(db.Integer, db.ForeignKey('preference_category.id'), nullable=False)
    name = db.Column(db.String(1024), nullable=False)


class UserPreference(db.Model, UserScopedMixin):
    __tablename__ = 'user_preferences'
    pid = db.Column(db.Integer, db.ForeignKey('preferences.id'), primary_key=True)
    uid = db.Column(db.Integer, db.ForeignKey(USER_ID), primary_key=True)
    value = db.Column(db.String(1024), nullable=False)


class DebuggerFunctionArguments(db.Model, UserScopedMixin):
    __tablename__ = 'debugger_function_arguments'
    user_id = db.Column(db.Integer, db.ForeignKey(USER_ID), nullable=False, primary_key=True)
    server_id = db.Column(db.Integer(), nullable=False, primary_key=True)
    database_id = db.Column(db.Integer(), nullable=False, primary_key=True)
    schema_id = db.Column(db.Integer(), nullable=False, primary_key=True)
    function_id = db.Column(db.Integer(), nullable=False, primary_key=True)
    arg_id = db.Column(db.Integer(), nullable=False, primary_key=True)
    is_null = db.Column(db.Integer(), db.CheckConstraint('is_null >= 0 AND is_null <= 1'), nullable=False)
    is_expression = db.Column(db.Integer(), db.CheckConstraint('is_expression >= 0 AND is_expression <= 1'), nullable=False)
    use_default = db.Column(db.Integer(), db.CheckConstraint('use_default >= 0 AND use_default <= 1'), nullable=False)
    value = db.Column(db.String(), nullable=True)


class Process(db.Model, UserScopedMixin):
    __tablename__ = 'process'
    pid = db.Column(db.String(), nullable=False, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey(USER_ID), nullable=False)
    command = db.Column(db.String(), nullable=False)
    desc = db.Column(db.String(), nullable=False)
    arguments = db.Column(db.String(), nullable=True)
    logdir = db.Column(db.String(), nullable=True)
    start_time = db.Column(db.String(), nullable=True)
    end_time = db.Column(db.String(), nullable=True)
    exit_code = db.Column(db.Integer(), nullable=True)
    acknowledge = db.Column(db.String(), nullable=True)
    utility_pid = db.Column(db.Integer, nullable=False)
    process_state = db.Column(db.Integer, nullable=False)
    server_id = db.Column(db.Integer, db.ForeignKey('server.id'), nullable=True)


class Keys(db.Model):
    __tablename__ = 'keys'
    name = db.Column(db.String(), nullable=False, primary_key=True)
    value = db.Column(db.String(), nullable=False)


class QueryHistoryModel(db.Model, UserScopedMixin):
    __tablename__ = 'query_history'
    srno = db.Column(db.Integer(), nullable=False, primary_key=True)
    uid = db.Column(db.Integer, db.ForeignKey(USER_ID), nullable=False, primary_key=True)
    sid = db.Column(db.Integer(), db.ForeignKey(SERVER_ID), nullable=False, primary_key=True)
    dbname = db.Column(db.String(), nullable=False, primary_key=True)
    query_info = db.Column(PgAdminDbBinaryString(), nullable=False)
    last_updated_flag = db.Column(db.String(), nullable=False)


class ApplicationState(db.Model, UserScopedMixin):
    __tablename__ = 'application_state'
    uid = db.Column(db.Integer(), db.ForeignKey(USER_ID), nullable=False, primary_key=True)
    id = db.Column(db.Integer(), nullable=False, primary_key=True)
    connection_info = db.Column(MutableDict.as_mutable(types.JSON))
    tool_data = db.Column(PgAdminDbBinaryString())


class Database(db.Model):
    __tablename__ = 'database'
    id = db.Column(db.BigInteger, primary_key=True)
    schema_res = db.Column(db.String(256), nullable=True)
    server = db.Column(db.Integer, db.ForeignKey(SERVER_ID), nullable=False, primary_key=True)


class SharedServer(db.Model, UserScopedMixin):
    __tablename__ = 'sharedserver'
    __table_args__ = (db.UniqueConstraint('osid', 'user_id', name='uq_sharedserver_osid_user'),)
    id = db.Column(db.Integer, primary_key=True)
    osid = db.Column(db.Integer, db.ForeignKey(SERVER_ID), nullable=False)
    user_id = db.Column(db.Integer, db.ForeignKey(USER_ID))
    server_owner = db.Column(db.String(128), db.ForeignKey('user.username'))
    servergroup_id = db.Column(db.Integer, db.ForeignKey('servergroup.id'), nullable=False)
    servergroup = db.relationship('ServerGroup', back_populates='sharedservers', lazy='joined')
    name = db.Column(db.String(128), nullable=False)
    host = db.Column(db.String(128), nullable=True)
    port = db.Column(db.Integer(), nullable=True)
    maintenance_db = db.Column(db.String(64), nullable=True)
    username = db.Column(db.String(64), nullable=False)
    password = db.Column(PgAdminDbBinaryString())
    save_password = db.Column(db.Integer(), db.CheckConstraint('save_password >= 0 AND save_password <= 1'), nullable=False)
    role = db.Column(db.String(64), nullable=True)
    comment = db.Column(db.String(1024), nullable=True)
    discovery_id = db.Column(db.String(128), nullable=True)
    bgcolor = db.Column(db.String(10), nullable=True)
    fgcolor = db.Column(db.String(10), nullable=True)
    service = db.Column(db.Text(), nullable=True)
    use_ssh_tunnel = db.Column(db.Integer(), db.CheckConstraint('use_ssh_tunnel >= 0 AND use_ssh_tunnel <= 1'), nullable=False)
    tunnel_host = db.Column(db.String(128), nullable=True)
    tunnel_port = db.Column(db.Integer(), db.CheckConstraint('port <= 65534'), nullable=True)
    tunnel_username = db.Column(db.String(64), nullable=True)
    tunnel_authentication = db.Column(db.Integer(), db.CheckConstraint('tunnel_authentication >= 0 AND tunnel_authentication <= 1'), nullable=False)
    tunnel_identity_file = db.Column(db.String(64), nullable=True)
    tunnel_prompt_password = db.Column(db.Integer(), db.CheckConstraint('tunnel_prompt_password >= 0 AND tunnel_prompt_password <= 1'), nullable=False)
    tunnel_password = db.Column(PgAdminDbBinaryString())
    tunnel_keep_alive = db.Column(db.Integer(), nullable=True)
    shared = db.Column(db.Boolean(), nullable=False)
    connection_params = db.Column(MutableDict.as_mutable(types.JSON))
    prepare_threshold = db.Column(db.Integer(), nullable=True)
    passexec_cmd = db.Column(db.Text(), nullable=True)
    passexec_expiration = db.Column(db.Integer(), nullable=True)
    kerberos_conn = db.Column(db.Boolean(), nullable=False, default=False)
    tags = db.Column(types.JSON)
    post_connection_sql = db.Column(db.String(), nullable=True)


class Macros(db.Model):
    __tablename__ = 'macros'
    id = db.Column(db.Integer, primary_key=True)
    alt = db.Column(db.Boolean(), nullable=False)
    control = db.Column(db.Boolean(), nullable=False)
    key = db.Column(db.String(32), nullable=False)
    key_code = db.Column(db.Integer, nullable=False)


class UserMacros(db.Model, UserScopedMixin):
    __tablename__ = 'user_macros'
    id = db.Column(db.Integer, primary_key=True, autoincrement=True)
    mid = db.Column(db.Integer, db.ForeignKey('macros.id'), nullable=True)
    uid = db.Column(db.Integer, db.ForeignKey(USER_ID))
    name = db.Column(db.String(1024), nullable=False)
    sql = db.Column(db.Text(), nullable=False)


class UserMFA(db.Model, UserScopedMixin):
    __tablename__ = 'user_mfa'
    user_id = db.Column(db.Integer, db.ForeignKey(USER_ID), primary_key=True)
    mfa_auth = db.Column(db.String(64), primary_key=True)
    options = db.Column(db.Text(), nullable=True)
    user = db.relationship('User', backref=db.backref('user', cascade=CASCADE_STR))
