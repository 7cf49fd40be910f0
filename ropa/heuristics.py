"""Guess which fields of model classes hold personal data (ROPA201), reading only Python's ast."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any, Final, Literal, get_args

from ropa.errors import ConfigError
from ropa.yamlio import load_yaml

__all__ = ["FieldGuess", "find_candidates", "guess_category", "model_kind"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldGuess:
    """A model field that looks like personal data."""

    model: str
    """Qualified class name within the module, e.g. ``Customer`` or ``Outer.Inner``."""
    field: str
    """Attribute name of the field."""
    line: int
    """1-based line of the field's statement."""
    column: int
    """1-based column of the field's target name (ast counts UTF-8 bytes; class-body
    statements start after indentation, so this is the character column in practice)."""
    category: str
    """Suggested fideslang data category key, e.g. ``user.contact.email``."""
    reason: str
    """Short human text: ``field name 'email'`` or ``type EmailField``."""


# --------------------------------------------------------------------------- model kinds

# "plain": a class of no known kind that the code declares `personal_data`.
_ModelKind = Literal[
    "django",
    "sqlalchemy",
    "pydantic",
    "dataclass",
    "attrs",
    "typeddict",
    "marshmallow",
    "piccolo",
    "plain",
]

_DATACLASS_DECORATORS: Final = frozenset(
    {"dataclass", "dataclasses.dataclass", "pydantic.dataclasses.dataclass"}
)
_ATTRS_DECORATORS: Final = _words(
    """
    attr.s attr.attrs attr.define attr.frozen attr.mutable attr.dataclass attrs.define
    attrs.frozen attrs.mutable attrs.attrs define frozen mutable attrs
    """
)
_ATTRS_FIELD_CALLS: Final = frozenset(
    {"attr.ib", "attr.attrib", "attr.field", "attrs.field", "ib", "attrib"}
)
# Column classes of the Piccolo ORM, whose models derive from `Table` (as django-tables2's
# tables do, which assign `tables.Column(...)` instead).
_PICCOLO_COLUMNS: Final = _words(
    """
    Varchar Text Secret Email Integer BigInt SmallInt Serial BigSerial Boolean Timestamp
    Timestamptz Date Time Interval UUID JSON JSONB Array Numeric Decimal Real DoublePrecision
    Float Bytea ForeignKey LazyTableReference
    """
)
_PYDANTIC_BASES: Final = frozenset({"BaseModel", "RootModel", "GenericModel", "SQLModel"})
# Settings classes hold the application's configuration, not records about people.
_SETTINGS_BASES: Final = frozenset({"BaseSettings"})
_SQLALCHEMY_BASES: Final = frozenset({"DeclarativeBase", "DeclarativeBaseNoMeta"})
_SQLALCHEMY_CALLS: Final = _words(
    """
    Column mapped_column relationship column_property deferred synonym composite
    query_expression association_proxy
    """
)
# django-tables2 and form libraries call their own classes `Column` too.
_NOT_SQLALCHEMY_MODULES: Final = frozenset({"tables", "django_tables2", "forms", "serializers"})
_DJANGO_BASE_SUFFIXES: Final = ("Model", "AbstractUser", "AbstractBaseUser")
# A class deriving from one of these is a query expression, a field type, a form, a table and
# so on: it may assign `models.XField()` (an `output_field`) without being a model.
_NOT_MODEL_BASE_SUFFIXES: Final = tuple(
    sorted(
        _words(
            """
    Transform Func Lookup Aggregate Expression Field Manager QuerySet Form Serializer Widget
    Index Constraint Operation Admin Inline View Subquery Window Table Filter FilterSet
    Resource
    """
        )
    )
)
_DJANGO_FIELD_CALLS: Final = _words(
    """
    ForeignKey OneToOneField ManyToManyField ParentalKey ParentalManyToManyField
    GenericForeignKey GenericRelation TaggableManager ClusterTaggableManager
    """
)
# Calls whose result is a field whose type is given by the annotation instead.
_GENERIC_FIELD_CALLS: Final = frozenset(
    {"Field", "field", "ib", "attrib", "mapped_column", "Column", "deferred", "column_property"}
)
_MARSHMALLOW_MODULES: Final = frozenset({"fields", "ma", "mf"})
_SKIPPED_CLASSES: Final = frozenset({"Meta", "Config", "Media", "Params", "Options"})


def _dotted(node: ast.expr) -> str | None:
    """`a.b.c` for a Name/Attribute chain, the callee for a Call, else None."""
    parts: list[str] = []
    while True:  # a loop, not recursion: generated code may chain thousands of attributes
        if isinstance(node, ast.Call):
            if parts:
                return None
            node = node.func
        elif isinstance(node, ast.Subscript):
            if parts:
                return None
            node = node.value
        elif isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            return ".".join(reversed(parts))
        else:
            return None


def _last(dotted: str | None) -> str:
    return "" if dotted is None else dotted.rpartition(".")[2]


def _is_django_field_call(call: ast.Call) -> bool:
    name = _last(_dotted(call.func))
    return name.endswith("Field") or name in _DJANGO_FIELD_CALLS


def _is_models_field_call(value: ast.expr | None) -> bool:
    """`models.CharField(...)`: the unmistakable Django spelling."""
    if not isinstance(value, ast.Call) or not isinstance(value.func, ast.Attribute):
        return False
    owner = value.func.value
    return isinstance(owner, ast.Name) and owner.id == "models" and _is_django_field_call(value)


def _is_sqlalchemy_value(value: ast.expr | None) -> bool:
    if not isinstance(value, ast.Call):
        return False
    module, _, name = (_dotted(value.func) or "").rpartition(".")
    return name in _SQLALCHEMY_CALLS and _last(module) not in _NOT_SQLALCHEMY_MODULES


def _is_mapped(annotation: ast.expr) -> bool:
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation.value.startswith(("Mapped[", "WriteOnlyMapped[", "DynamicMapped["))
    return isinstance(annotation, ast.Subscript) and _last(_dotted(annotation.value)) in {
        "Mapped",
        "WriteOnlyMapped",
        "DynamicMapped",
    }


def _is_marshmallow_call(value: ast.expr | None) -> bool:
    if not isinstance(value, ast.Call) or not isinstance(value.func, ast.Attribute):
        return False
    owner = value.func.value
    return isinstance(owner, ast.Name) and owner.id in _MARSHMALLOW_MODULES


def _assigned(stmt: ast.stmt) -> tuple[ast.expr | None, ast.expr | None]:
    """(value, annotation) of a class-body assignment, or (None, None)."""
    if isinstance(stmt, ast.Assign):
        return stmt.value, None
    if isinstance(stmt, ast.AnnAssign):
        return stmt.value, stmt.annotation
    return None, None


def model_kind(cls: ast.ClassDef) -> str | None:
    """The kind of model a class is, judged from its bases, decorators and field calls.

    One of 'django' | 'sqlalchemy' | 'pydantic' | 'dataclass' | 'attrs' | 'typeddict' |
    'marshmallow', or None for a class that is not a model (or a settings class). A NamedTuple
    counts as 'dataclass'.
    """
    return _model_kind(cls)


def _model_kind(cls: ast.ClassDef) -> _ModelKind | None:
    for decorator in cls.decorator_list:
        name = _dotted(decorator)
        if name in _ATTRS_DECORATORS:
            return "attrs"
        if name in _DATACLASS_DECORATORS:
            return "dataclass"
    bases = [_dotted(base) or "" for base in cls.bases]
    last_bases = [_last(base) for base in bases]
    if "TypedDict" in last_bases:
        return "typeddict"
    if "NamedTuple" in last_bases:
        return "dataclass"  # a typed record like any other
    if any(base in _SETTINGS_BASES for base in last_bases):
        return None
    if "Table" in last_bases and any(
        isinstance(value, ast.Call) and _last(_dotted(value.func)) in _PICCOLO_COLUMNS
        for value, _ in map(_assigned, cls.body)
    ):
        return "piccolo"
    not_a_model = any(base.endswith(_NOT_MODEL_BASE_SUFFIXES) for base in last_bases)

    django = django_bare = sqlalchemy = marshmallow = attrs = annotated = False
    for stmt in cls.body:
        value, annotation = _assigned(stmt)
        if annotation is not None:
            annotated = True
            sqlalchemy = sqlalchemy or _is_mapped(annotation)
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in {"__tablename__", "__table__"} for t in stmt.targets
        ):
            sqlalchemy = True
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call):
            # `email = EmailField()`; pydantic's `Field()` always comes with an annotation.
            django_bare = django_bare or _is_django_field_call(stmt.value)
        if value is not None:
            django = django or _is_models_field_call(value)
            sqlalchemy = sqlalchemy or _is_sqlalchemy_value(value)
            marshmallow = marshmallow or _is_marshmallow_call(value)
            attrs = attrs or (
                isinstance(value, ast.Call) and _dotted(value.func) in _ATTRS_FIELD_CALLS
            )

    if not_a_model:
        return None
    if sqlalchemy:
        return "sqlalchemy"
    model_base = any(base.endswith(_DJANGO_BASE_SUFFIXES) for base in last_bases)
    # Before the pydantic bases: Django projects often call their abstract model BaseModel.
    if django or (django_bare and model_base):
        return "django"
    if any(base in _PYDANTIC_BASES for base in last_bases):
        return "pydantic"
    if attrs:
        return "attrs"
    if any(base.endswith("Schema") for base in last_bases):
        # marshmallow declares fields by calls; django-ninja's pydantic Schema by annotations.
        return "marshmallow" if marshmallow or not annotated else "pydantic"
    if any(base in _SQLALCHEMY_BASES for base in last_bases) or "db.Model" in bases:
        return "sqlalchemy"
    return "django" if model_base else None


# --------------------------------------------------------------------------- fields


@dataclass(frozen=True, slots=True, kw_only=True)
class _Field:
    name: str
    line: int
    column: int
    type_name: str | None
    primary_key: bool
    column_name: str | None = None
    """The stored name when a column call gives one: `_password = Column("password", ...)`."""
    foreign_key: bool = False
    """A column with a `ForeignKey(...)` argument: a key into another table."""
    to_user: bool = False
    """A relation or key to the users table (`ForeignKey(User)`, `ForeignKey("users.id")`)."""


# Wrappers whose argument is the interesting type: `Mapped[Optional[EmailStr]]` is an EmailStr.
_UNWRAPPED_GENERICS: Final = _words(
    """
    Optional Mapped WriteOnlyMapped DynamicMapped Annotated Final Required NotRequired ReadOnly
    Union list List Sequence set Set frozenset FrozenSet tuple Tuple Iterable Collection
    """
)


def _annotation_type(node: ast.expr | None, depth: int = 0) -> str | None:
    """Simple name of the interesting type in an annotation (`Optional[EmailStr]` -> EmailStr)."""
    if node is None or depth > 20:
        return None
    depth += 1
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str) and len(node.value) < 200:
            try:
                return _annotation_type(ast.parse(node.value, mode="eval").body, depth)
            except (SyntaxError, ValueError):
                return None
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left = _annotation_type(node.left, depth)
        return left if left not in {None, "None"} else _annotation_type(node.right, depth)
    if isinstance(node, ast.Subscript):
        outer = _last(_dotted(node.value))
        if outer in _UNWRAPPED_GENERICS:
            inner = node.slice
            if isinstance(inner, ast.Tuple):
                elements = [_annotation_type(e, depth) for e in inner.elts]
                useful = [e for e in elements if e not in {None, "None", "..."}]
                return useful[0] if useful else None
            return _annotation_type(inner, depth)
        return outer or None
    name = _last(_dotted(node))
    return name or None


def _call_type(call: ast.Call, annotation: ast.expr | None) -> str | None:
    callee = _last(_dotted(call.func))
    if callee in {"Column", "mapped_column", "deferred", "column_property"}:
        for arg in call.args:
            if isinstance(arg, ast.Constant):
                continue  # the column's name
            if isinstance(arg, ast.Call) and _last(_dotted(arg.func)) == "ForeignKey":
                continue
            name = _last(_dotted(arg))
            if name:
                return name
        for keyword in call.keywords:
            if keyword.arg == "type_":
                return _last(_dotted(keyword.value)) or None
    if callee in {"ib", "attrib", "field"}:
        for keyword in call.keywords:
            if keyword.arg == "type":
                return _annotation_type(keyword.value)
    if callee in _GENERIC_FIELD_CALLS:
        return _annotation_type(annotation) if annotation is not None else callee
    return callee or None


def _is_classvar(annotation: ast.expr) -> bool:
    name = _last(_dotted(annotation))
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation.value.startswith(("ClassVar", "typing.ClassVar"))
    return name == "ClassVar"


def _is_public_field_name(name: str) -> bool:
    if name.startswith("_"):
        return False
    # UPPER_CASE names are constants (choices, EMAIL_FIELD = "email"), never fields.
    return not (name.upper() == name and any(c.isalpha() for c in name))


def _is_field_value(kind: _ModelKind, value: ast.expr | None, annotation: ast.expr | None) -> bool:
    if annotation is not None and _is_classvar(annotation):
        return False
    call = value if isinstance(value, ast.Call) else None
    if kind == "django":
        return call is not None and _is_django_field_call(call)
    if kind == "sqlalchemy":
        return (annotation is not None and _is_mapped(annotation)) or _is_sqlalchemy_value(value)
    if kind == "marshmallow":
        return call is not None or annotation is not None
    if kind == "attrs":
        return annotation is not None or (
            call is not None and _dotted(call.func) in _ATTRS_FIELD_CALLS
        )
    if kind == "plain":
        return True  # every attribute of a class declared to hold personal data
    if kind == "piccolo":
        return annotation is not None or (
            call is not None and _last(_dotted(call.func)) in _PICCOLO_COLUMNS
        )
    return annotation is not None  # pydantic, dataclass, typeddict


def _body(statements: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Class-body statements, including those under `if TYPE_CHECKING: ... else: ...`."""
    for stmt in statements:
        if isinstance(stmt, ast.If):
            yield from _body(stmt.body)
            yield from _body(stmt.orelse)
        else:
            yield stmt


def _fields(cls: ast.ClassDef, kind: _ModelKind) -> Iterator[_Field]:
    seen: set[str] = set()
    for field in _declared_fields(cls, kind):
        if field.name not in seen:  # the same field declared in both branches of an `if`
            seen.add(field.name)
            yield field


def _declared_fields(cls: ast.ClassDef, kind: _ModelKind) -> Iterator[_Field]:
    for stmt, instance in _attribute_statements(cls, kind):
        value, annotation = _assigned(stmt)
        if isinstance(stmt, ast.Assign):
            targets: list[ast.expr] = list(stmt.targets)
        elif isinstance(stmt, ast.AnnAssign):
            targets = [stmt.target]
        else:
            continue
        if instance:
            # `self.email = email`: the attribute is the field, unless the class body has it.
            targets = [
                ast.copy_location(ast.Name(id=t.attr), t)
                for t in targets
                if isinstance(t, ast.Attribute)
                and isinstance(t.value, ast.Name)
                and t.value.id == "self"
            ]
        if not _is_field_value(kind, value, annotation):
            continue
        column_name = None
        foreign_key = to_user = False
        if isinstance(value, ast.Call):
            type_name = _call_type(value, annotation)
            column_name = _column_name(value)
            foreign_key = any(
                isinstance(arg, ast.Call) and _last(_dotted(arg.func)) == "ForeignKey"
                for arg in value.args
            )
            to_user = _points_to_user(value)
            primary_key = any(
                k.arg == "primary_key"
                and isinstance(k.value, ast.Constant)
                and k.value.value is True
                for k in value.keywords
            )
        else:
            type_name = _annotation_type(annotation)
            primary_key = False
        # A private attribute behind a public column still stores what the column says.
        public_column = column_name is not None and _is_public_field_name(column_name)
        for target in targets:
            stored = column_name
            if isinstance(target, ast.Name) and isinstance(value, ast.Call) and stored is None:
                stored = _private_column(value, target.id)
            if isinstance(target, ast.Name) and (
                _is_public_field_name(target.id) or public_column or stored is not None
            ):
                yield _Field(
                    name=target.id,
                    line=stmt.lineno,
                    column=target.col_offset + 1,
                    type_name=type_name,
                    primary_key=primary_key,
                    column_name=stored,
                    foreign_key=foreign_key,
                    to_user=to_user,
                )


def _attribute_statements(cls: ast.ClassDef, kind: _ModelKind) -> Iterator[tuple[ast.stmt, bool]]:
    """The class body's statements; for a plain class, also those of ``__init__``'s body,
    flagged, where a plain class sets its attributes."""
    for stmt in _body(cls.body):
        yield stmt, False
    if kind != "plain":
        return
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name == "__init__":
            for inner in stmt.body:
                yield inner, True


_USER_TABLE_RE: Final = re.compile(r"(?i)(^|[._])(auth_?)?users?$|User$|AUTH_USER_MODEL$")


def _points_to_user(call: ast.Call) -> bool:
    """Whether a field call relates to the users table, whatever the field is called:
    `ForeignKey(User)`, `models.ForeignKey(settings.AUTH_USER_MODEL)`, `ForeignKey("users.id")`,
    `relationship("User")`."""
    targets: list[ast.expr] = []
    for node in [call, *[a for a in call.args if isinstance(a, ast.Call)]]:
        if _last(_dotted(node.func)) in {"ForeignKey", "OneToOneField", "relationship"}:
            targets += node.args[:1]
            # Django's `to=`, Piccolo's `references=`.
            targets += [k.value for k in node.keywords if k.arg in {"to", "references"}]
    for target in targets:
        if isinstance(target, ast.Constant) and isinstance(target.value, str):
            name = target.value.removesuffix(".id")
        else:
            name = (_dotted(target) or "").removesuffix(".id")
        # `ForeignKey("users.username")`: a column of the users table, by its table's name.
        if name and (_USER_TABLE_RE.search(name) or _USER_TABLE_RE.search(name.rpartition(".")[0])):
            return True
    return False


def _column_name(call: ast.Call) -> str | None:
    """The explicit name of a stored column: `Column("password", String)` -> password, and
    Django's `models.CharField(db_column="name")` -> name."""
    for keyword in call.keywords:
        if (
            keyword.arg == "db_column"
            and isinstance(keyword.value, ast.Constant)
            and isinstance(keyword.value.value, str)
        ):
            return keyword.value.value
    if _last(_dotted(call.func)) not in {"Column", "mapped_column"} or not call.args:
        return None
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


def _private_column(call: ast.Call, target: str) -> str | None:
    """`_user_id = Column(UUID)`: a column kept private behind a property is stored under
    the name without the underscore (the hybrid-property pattern of SQLAlchemy models)."""
    if (
        _last(_dotted(call.func)) in {"Column", "mapped_column"}
        and target.startswith("_")
        and not target.startswith("__")
        and _is_public_field_name(target.lstrip("_"))
    ):
        return target.lstrip("_")
    return None


# --------------------------------------------------------------------------- names

_TOKEN_RE: Final = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


@lru_cache(maxsize=8192)
def _tokens(name: str) -> tuple[str, ...]:
    """Lower-case words of a snake_case or camelCase name: `billingEmail2` -> billing, email, 2."""
    return tuple(t.lower() for t in _TOKEN_RE.findall(name))


_TypeClass = Literal["bool", "time", "number", "relation", "file", "text"]

_BOOL_TYPES: Final = frozenset(
    {"bool", "Boolean", "BooleanField", "NullBooleanField", "Bool", "StrictBool", "BOOLEAN"}
)
_TIME_TYPES: Final = _words(
    """
    datetime date time timedelta DateTime Date Time Interval TIMESTAMP DATETIME DATE
    AwareDateTime NaiveDateTime AwareDatetime NaiveDatetime PastDate FutureDate PastDatetime
    FutureDatetime TimeDelta DateTimeField DateField TimeField DurationField
    """
)
_NUMBER_TYPES: Final = _words(
    """
    int float Decimal Integer SmallInteger BigInteger Float Numeric INTEGER Int Number
    NonNegativeInt PositiveInt StrictInt conint confloat condecimal
    """
)
# Project types such as `UTCDateTime` or `AwareTimestamp`.
_TIME_SUFFIXES: Final = ("DateTime", "Datetime", "Timestamp", "TimeStamp", "DATETIME", "TIMESTAMP")
_NUMBER_SUFFIXES: Final = ("IntegerField", "AutoField", "FloatField", "DecimalField")
_RELATION_TYPES: Final = frozenset(_DJANGO_FIELD_CALLS | {"relationship", "Nested", "Pluck"})
_FILE_TYPES: Final = frozenset(
    {"FileField", "ImageField", "BinaryField", "bytes", "LargeBinary", "BLOB", "UploadFile"}
)


def _type_class(type_name: str | None) -> _TypeClass:
    if type_name is None:
        return "text"
    if type_name in _BOOL_TYPES:
        return "bool"
    if type_name in _TIME_TYPES or type_name.endswith(_TIME_SUFFIXES):
        return "time"
    if type_name in _NUMBER_TYPES or type_name.endswith(_NUMBER_SUFFIXES):
        return "number"
    if type_name in _RELATION_TYPES:
        return "relation"
    if type_name in _FILE_TYPES:
        return "file"
    return "text"


_Where = Literal[
    "any",
    "neutral",
    "place",
    "address",
    "person",
    "self",
    "mail",
    "card",
    "owned",
    "subject",
    "content",
    "request",
    "challenge",
]


@dataclass(frozen=True, slots=True)
class _Rule:
    category: str
    types: frozenset[_TypeClass]
    where: _Where
    """On which models the rule applies: "any" model; "neutral": any but an organisation's;
    "place": address-like ones; "address": address- or person-like ones; "person":
    person-like ones; "self": records whose class name says they are a person; "mail",
    "card": e-mail messages and payment cards; "owned": records with a relation to their
    user; "subject": records about or belonging to a person (person-, address- or
    content-like, owned, or a person's order or booking); "content": records that are
    something a person wrote (a comment, message, review). A person qualifier in the name
    (`billing_`, `invoice_to_`) stands in for the context."""
    url_ok: bool = False
    """Images are often stored as a file, a path or a URL: those words do not veto."""
    bare: bool = False
    """Only when the word is the whole name, apart from noise such as `_cached`."""
    not_pk: bool = False
    """Never on a primary key (a row id is not a customer number)."""
    also_ok: frozenset[str] = frozenset()
    """Words that would veto other rules but not this one."""
    text_ok: bool = False
    """Free text is often named twice (`comment_text`, `message_body`): those words do not
    veto."""


# Types that hold a name as text (not `Any`, which may hold the user object itself).
_STRING_TYPES: Final = _words(
    """
    str String Unicode UnicodeText Text CharField TextField SlugField CICharField VARCHAR
    TEXT constr StrictStr
    """
)
# Types of unbounded text, where people write: not `CharField` or `String(64)`, which hold
# codes, choices and settings as often as names.
_LONG_TEXT_TYPES: Final = _words(
    """
    TextField Text UnicodeText TEXT LONGTEXT MEDIUMTEXT CITextField
    """
)
# A UUID column that is no foreign key is an id of its own, like a string one.
_UUID_TYPES: Final = _words("UUID UUIDField UUIDType Uuid GUID")
# Stored opaque structured values: on a person's record, whatever they hold is about the
# person. Not `dict` annotations, which are mostly in-memory structure.
_JSON_TYPES: Final = _words(
    """
    JSONField JSON JSONB JSONType Json HStoreField HSTORE PickleType MutableDict
    """
)

_TYPE_CLASSES: Final = frozenset(get_args(_TypeClass))
_WHERES: Final = frozenset(get_args(_Where))
_RULE_FLAGS: Final = ("url_ok", "bare", "not_pk", "text_ok")
_RULE_KEYS: Final = frozenset({"words", "category", "types", "where", "also_ok", *_RULE_FLAGS})
_WORD_SETS: Final = _words(
    """
    negative image_exempt text noise person_qualifiers person_nouns org_nouns config_nouns
    address_nouns mail_nouns agent_nouns role_names external_id_owners template_words
    http_verbs content_nouns subject_nouns owner_fields author_fields card_words
    stripped_class_tokens request_nouns challenge_nouns
    actor_name_words holder_nouns secret_words not_free_text provenance identity_ids
    form_field_keys
    """
)
_WORDS_FILE: Final = "pii_words.yaml"


@dataclass(frozen=True, slots=True)
class _Tables:
    rules: tuple[dict[str, _Rule], ...]
    types: dict[str, _Rule]
    words: dict[str, frozenset[str]]
    actor_names: dict[str, str]


def _at(node: Any) -> str:
    return f"{_WORDS_FILE}:{getattr(node, 'line', 1)}"


def _rule_entries(entries: Any) -> dict[str, _Rule]:
    """`{word: rule}` for a list of `{words, category, types, where, ...}` entries."""
    if not isinstance(entries, list):
        raise ConfigError(f"{_at(entries)}: expected a list of rules")
    table: dict[str, _Rule] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not {"words", "category", "types", "where"} <= set(entry):
            raise ConfigError(f"{_at(entry)}: a rule needs words, category, types and where")
        unknown = set(entry) - _RULE_KEYS
        types = entry["types"]
        if (
            unknown
            or not isinstance(types, list)
            or not set(types) <= _TYPE_CLASSES
            or entry["where"] not in _WHERES
            or any(not isinstance(entry.get(flag, False), bool) for flag in _RULE_FLAGS)
        ):
            raise ConfigError(f"{_at(entry)}: bad rule {sorted(unknown) or ''}".rstrip())
        rule = _Rule(
            str(entry["category"]),
            frozenset(types),
            entry["where"],
            url_ok=entry.get("url_ok", False),
            bare=entry.get("bare", False),
            not_pk=entry.get("not_pk", False),
            also_ok=_words(str(entry.get("also_ok", ""))),
            text_ok=entry.get("text_ok", False),
        )
        for word in _words(str(entry["words"])):
            if word in table:
                raise ConfigError(f"{_at(entry)}: '{word}' is in two rules of one tier")
            table[word] = rule
    return table


@lru_cache(maxsize=1)
def _load_tables() -> _Tables:
    """The word tables of ropa/data/pii_words.yaml, checked."""
    text = resources.files("ropa").joinpath(f"data/{_WORDS_FILE}").read_text("utf-8")
    data = load_yaml(text, _WORDS_FILE, shipped=True)
    if not isinstance(data, dict) or set(data) != {"rules", "types", "words"}:
        raise ConfigError(f"{_WORDS_FILE}:1: expected the keys rules, types and words")
    tiers = data["rules"]
    if not isinstance(tiers, list):
        raise ConfigError(f"{_at(tiers)}: rules is a list of tiers")
    words = data["words"]
    if not isinstance(words, dict) or set(words) != _WORD_SETS:
        missing = sorted(_WORD_SETS ^ set(words or ()))
        raise ConfigError(f"{_at(words)}: words needs exactly the sets named here: {missing}")
    actors = words["actor_name_words"]
    if not isinstance(actors, dict):
        raise ConfigError(f"{_at(actors)}: actor_name_words maps a word to a category")
    return _Tables(
        rules=tuple(_rule_entries(tier) for tier in tiers),
        types=_rule_entries(data["types"]),
        words={
            key: _words(str(value)) for key, value in words.items() if key != "actor_name_words"
        },
        actor_names={str(word): str(category) for word, category in actors.items()},
    )


# Words are single tokens or up to three adjacent tokens written together, so `e_mail`,
# `EMailAddress`, `zip_code` and `zipcode` all meet one entry. Earlier tiers win, so that
# `email_address` is an e-mail address and `ip_address` an IP address, not a postal one.
_TABLES: Final = _load_tables()
_WORD_RULES: Final = _TABLES.rules
_TYPE_RULES: Final = _TABLES.types
_NEGATIVE_TOKENS: Final = _TABLES.words["negative"]
_IMAGE_EXEMPT_NEGATIVES: Final = _TABLES.words["image_exempt"]
_TEXT_WORDS: Final = _TABLES.words["text"]
_NOISE_TOKENS: Final = _TABLES.words["noise"]
_PERSON_QUALIFIERS: Final = _TABLES.words["person_qualifiers"]
_PERSON_NOUNS: Final = _TABLES.words["person_nouns"]
_ORG_NOUNS: Final = _TABLES.words["org_nouns"]
_CONFIG_NOUNS: Final = _TABLES.words["config_nouns"]
_ADDRESS_NOUNS: Final = _TABLES.words["address_nouns"]
_MAIL_NOUNS: Final = _TABLES.words["mail_nouns"]
_AGENT_NOUNS: Final = _TABLES.words["agent_nouns"]
_ROLE_NAMES: Final = frozenset((word,) for word in _TABLES.words["role_names"])
_EXTERNAL_ID_OWNERS: Final = _TABLES.words["external_id_owners"]
_TEMPLATE_WORDS: Final = _TABLES.words["template_words"]
_HTTP_VERBS: Final = _TABLES.words["http_verbs"]
_CONTENT_NOUNS: Final = _TABLES.words["content_nouns"]
_SUBJECT_NOUNS: Final = _TABLES.words["subject_nouns"]
_OWNER_FIELDS: Final = _TABLES.words["owner_fields"]
_AUTHOR_FIELDS: Final = _TABLES.words["author_fields"]
_CARD_WORDS: Final = _TABLES.words["card_words"]
_STRIPPED_CLASS_TOKENS: Final = _TABLES.words["stripped_class_tokens"]
_REQUEST_NOUNS: Final = _TABLES.words["request_nouns"]
_CHALLENGE_NOUNS: Final = _TABLES.words["challenge_nouns"]
_ACTOR_NAME_WORDS: Final = _TABLES.actor_names
_HOLDER_NOUNS: Final = _TABLES.words["holder_nouns"]
_SECRET_WORDS: Final = _TABLES.words["secret_words"]
_NOT_FREE_TEXT: Final = _TABLES.words["not_free_text"]
_PROVENANCE: Final = _TABLES.words["provenance"]
_NOT_FREE_TEXT_ENDINGS: Final = tuple(sorted(w for w in _NOT_FREE_TEXT if len(w) >= 4))
_IDENTITY_IDS: Final = _TABLES.words["identity_ids"]
_FORM_FIELD_KEYS: Final = _TABLES.words["form_field_keys"]
_OWNER_WORDS: Final = frozenset({"owner", "owners"})

_ADDRESS_PARTS: Final = frozenset(
    {
        "user.contact.address",
        "user.contact.address.street",
        "user.contact.address.city",
        "user.contact.address.postal_code",
        "user.contact.address.state",
        "user.contact.address.country",
    }
)
# Fields that make a record about a person. Not `user.name`: `author_name` on an embedded
# video or `payer` on a bank transaction name someone without the record being about them.
_PERSON_EVIDENCE: Final = frozenset(
    {"user.contact.email", "user.contact.phone_number", "user.name.first", "user.name.last"}
)


_REQUEST_EVIDENCE: Final = frozenset({"user.device.ip_address", "user.device"})


@dataclass(frozen=True, slots=True)
class _Context:
    """What the class's name and its other fields say about the record."""

    person: bool = False
    org: bool = False
    address: bool = False
    mail: bool = False
    card: bool = False
    owned: bool = False
    content: bool = False
    named: bool = False
    """The class name says the record is a person (`Customer`), not only its fields."""
    subject: bool = False
    """A person's order, booking or application."""
    request: bool = False
    """A log of requests or logins: it keeps a client's IP address or user agent."""
    challenge: bool = False
    """An activation or a reset: its code, mailed to one person, opens their account."""
    holder: bool = False
    """The class name says the record keeps a credential (`ApiKey`, `AccessToken`,
    `PhoneDevice`, `OAuthGrant`)."""
    identity: bool = False
    """A person's login at an identity provider: it belongs to a user and names a `provider`."""
    written: bool = False
    """The class name says a person wrote the record (`Post`, `Comment`), not only an author
    relation (a test plan has an author and is work product)."""
    answer: bool = False
    """An answer to a form's question: the record has a key to the question (`field_id`)."""
    schema: bool = False
    """A pydantic, attrs, dataclass, TypedDict or marshmallow class: it can declare no foreign
    key, so a string `user_id` on it says nothing about another system."""


_NEUTRAL: Final = _Context()


def _applies(rule: _Rule, context: _Context, qualified: bool, mail_word: bool = False) -> bool:
    if rule.where == "any":
        return True
    if context.org and not context.person and not qualified:
        return False
    if rule.where == "person":
        return context.person or qualified
    if rule.where == "place":
        return context.address or qualified
    if rule.where == "address":
        return context.address or context.person or qualified
    if rule.where == "mail":
        return context.mail or mail_word
    if rule.where == "owned":
        return context.owned
    if rule.where == "content":
        return context.content
    if rule.where == "self":
        return context.named
    if rule.where == "subject":
        return (
            context.person
            or context.address
            or context.owned
            or context.content
            or context.subject
            or qualified
        )
    if rule.where == "card":
        return context.card
    if rule.where == "request":
        return context.request
    if rule.where == "challenge":
        return context.challenge
    return True


def _vetoed(tokens: tuple[str, ...], start: int, stop: int, rule: _Rule) -> bool:
    """Whether a word outside the matched span turns the field into something else."""
    for position, token in enumerate(tokens):
        if start <= position < stop:
            continue
        if rule.url_ok and token in _IMAGE_EXEMPT_NEGATIVES:
            continue
        if (rule.text_ok and token in _TEXT_WORDS) or token in rule.also_ok:
            continue
        if token in _NEGATIVE_TOKENS:
            return True
        # `event_location`, `organizer_city`: the place of something other than a person.
        if rule.where != "any" and token in _ORG_NOUNS:
            return True
    return False


def _is_bare(tokens: tuple[str, ...], start: int, stop: int, rule: _Rule) -> bool:
    outside = tokens[:start] + tokens[stop:]
    return all(
        token in _NOISE_TOKENS or (rule.url_ok and token in _IMAGE_EXEMPT_NEGATIVES)
        for token in outside
    )


def _match(tokens: tuple[str, ...], table: dict[str, _Rule]) -> tuple[int, int, _Rule] | None:
    """The longest word of the table in the name, the leftmost among equals."""
    best: tuple[int, int, _Rule] | None = None
    for start in range(len(tokens)):
        for stop in range(min(len(tokens), start + 3), start, -1):
            found = table.get("".join(tokens[start:stop]))
            if found is not None:
                if best is None or stop - start > best[1] - best[0]:
                    best = (start, stop, found)
                break
    return best


def _guess(
    name: str, type_name: str | None, context: _Context, *, primary_key: bool = False
) -> tuple[str, str, bool] | None:
    """(category, reason, whether the word alone says so) for one field, or None."""
    tokens = _tokens(name)
    type_class = _type_class(type_name)
    if type_class == "bool" or not tokens:
        return None
    # `picture_source`: where the picture comes from, not the picture.
    if len(tokens) > 1 and tokens[-1] in _PROVENANCE:
        return None
    actor = _guess_actor(tokens, type_name, type_class, role_ok=not context.schema)
    if actor is not None:
        return actor, f"field name {name!r}", True
    # `reply_to_address` is a mail header, not the address of someone the mail goes to.
    qualified = any(
        token in _PERSON_QUALIFIERS and not (token == "to" and tokens[:i][-1:] == ("reply",))
        for i, token in enumerate(tokens)
    )
    for table in _WORD_RULES:
        found = _match(tokens, table)
        if found is None:
            continue
        start, stop, rule = found
        if rule.bare and not _is_bare(tokens, start, stop, rule):
            continue
        # A field that fails the rule's type or carries a vetoing word is not personal data at
        # all (`zip_file`, `email_sent`): weaker words must not reinterpret it.
        if type_class not in rule.types or _vetoed(tokens, start, stop, rule):
            return None
        if rule.not_pk and primary_key:
            return None
        mail_word = any(token in _MAIL_NOUNS for token in tokens[:start] + tokens[stop:])
        if _applies(rule, context, qualified, mail_word):
            return rule.category, f"field name {name!r}", rule.where in {"any", "neutral"}
    category = _guess_name(tokens, type_class, context)
    if category is not None:
        return category, f"field name {name!r}", False
    by_type = _TYPE_RULES.get(type_name or "")
    if (
        by_type is not None
        and not _vetoed(tokens, 0, 0, by_type)
        and _applies(by_type, context, qualified)
    ):
        return by_type.category, f"type {type_name}", True
    if type_name in _JSON_TYPES and context.person and not context.org:
        return "user", f"type {type_name} on a person's record", False
    return None


def _guess_external_id(field: _Field, context: _Context) -> tuple[str, str, bool] | None:
    """`user_id = Column(Unicode(320))`: no key into this database, so the person's id in
    another one (an LDAP directory, an identity provider). A schema declares no keys, so on
    one only an `account_id` (an account at a provider) says so."""
    tokens = _tokens(field.column_name or field.name)
    if (
        len(tokens) == 2
        and tokens[0] in _EXTERNAL_ID_OWNERS
        and (not context.schema or tokens[0] == "account")
        and tokens[1] in {"id", "uid"}
        and (field.type_name in _STRING_TYPES or field.type_name in _UUID_TYPES)
        and not field.foreign_key
        and not field.primary_key
    ):
        return "user.unique_id", f"field name {field.name!r} as a string", True
    return None


def _guess_by_structure(field: _Field, context: _Context) -> tuple[str, str, bool] | None:
    """What a field's place in its record says when its name says nothing: unbounded text on
    a person's own record is what was written by or about them, and a secret-like field of a
    credential's record that belongs to a person is that person's credential."""
    tokens = _tokens(field.column_name or field.name)
    if not tokens or field.primary_key or field.foreign_key or field.to_user:
        return None
    type_class = _type_class(field.type_name)
    if (
        field.type_name in _LONG_TEXT_TYPES
        and (context.person or context.named or context.written)
        and not (context.org or context.mail)
        and _NOT_FREE_TEXT.isdisjoint(tokens)
        # A compound written as one word (`contentpath`, `filepath`) ends in the word that
        # says what it is.
        and not tokens[-1].endswith(_NOT_FREE_TEXT_ENDINGS)
        # `staff_message` is text, `email_template` is not.
        and all(t in _TEXT_WORDS for t in tokens if t in _NEGATIVE_TOKENS)
    ):
        if context.person or context.named:
            return (
                "user.content.private",
                f"free text on a person's record ({field.type_name})",
                False,
            )
        return "user.content", f"free text on a written record ({field.type_name})", False
    secret = tokens[-1] in _SECRET_WORDS or "".join(tokens[-2:]) in {
        "pubkey",
        "publickey",
        "credentialid",
    }
    if (
        secret
        and type_class in {"text", "file"}
        and (context.challenge or (context.holder and (context.owned or context.person)))
        and not context.org
    ):
        return "user.authorization.credentials", f"{field.name!r} of a person's credential", False
    if context.identity and not context.org and type_class == "text":
        if "".join(t for t in tokens if t not in _NOISE_TOKENS) in _IDENTITY_IDS:
            return "user.unique_id", f"{field.name!r} of a login at a provider", False
        if tokens[-1] == "data" or field.type_name in _JSON_TYPES:
            return "user", f"{field.name!r} of a login at a provider", False
    if context.answer and tokens in {("value",), ("values",), ("data",)} and type_class == "text":
        return "user.content.private", f"{field.name!r} answering a form's question", False
    return None


def _is_shared_password(tokens: tuple[str, ...], context: _Context) -> bool:
    """A bare `password` on a record that is no person's, belongs to none and logs nothing
    protects a page or a project for everybody who knows it (Wagtail's view restrictions)."""
    # A schema (`LoginRequest`, `ResetUserPassword`) carries what a person types.
    return tokens == ("password",) and not (
        context.person
        or context.owned
        or context.request
        or context.content
        or context.named
        or context.schema
    )


def _is_participle(word: str) -> bool:
    """`modified`, `hidden`, `written`: what was done, so `<word>_by` names who did it."""
    return word.endswith(("ed", "en")) and len(word) > 3


def _guess_actor(
    tokens: tuple[str, ...], type_name: str | None, type_class: _TypeClass, *, role_ok: bool = True
) -> str | None:
    """The name of whoever did something, copied as text: `poster_name`, `hidden_by_slug`,
    `changed_by_username`, `modified_by`."""
    if type_class != "text":
        return None
    # Not on a schema, whose `user: str` is as often the user's key.
    if role_ok and tokens in _ROLE_NAMES and type_name in _STRING_TYPES:
        return "user.account.username"  # `user = Column(Unicode)` in an audit table
    if len(tokens) < 2:
        return None
    last, before = tokens[-1], tokens[-2]
    if last == "by":  # `modified_by` as a string, not `sort_by` or a user object
        return "user.name" if _is_participle(before) and type_name in _STRING_TYPES else None
    if last not in _ACTOR_NAME_WORDS:
        return None
    if before == "by" and len(tokens) >= 3 and _is_participle(tokens[-3]):
        return _ACTOR_NAME_WORDS[last]
    if before in _AGENT_NOUNS:
        return _ACTOR_NAME_WORDS[last]
    return None


def _guess_name(tokens: tuple[str, ...], type_class: _TypeClass, context: _Context) -> str | None:
    """`attendee_name`, or a bare `name` on a person-, address- or card-like model."""
    if "name" not in tokens or type_class != "text":
        return None
    if any(token in _NEGATIVE_TOKENS or token in _ORG_NOUNS for token in tokens):
        return None
    index = tokens.index("name")
    if index > 0 and tokens[index - 1] in _PERSON_QUALIFIERS:
        return "user.name"
    bare = all(token == "name" or token in _NOISE_TOKENS for token in tokens)
    if bare and (context.person or context.address or context.card):
        return "user.name"
    return None


def guess_category(name: str, type_name: str | None) -> tuple[str, str] | None:
    """(category key, reason) for a field name and the simple name of its type, or None.

    `type_name` is the field class or annotation as written (`EmailField`, `EmailStr`, `str`),
    or None when unknown. Context-free: words that only mean personal data on some records
    (a bare `name`, `state`, `title`) give None here and are decided by find_candidates.
    """
    guess = _guess(name, type_name, _NEUTRAL)
    return None if guess is None else guess[:2]


# --------------------------------------------------------------------------- classes


def _is_form_field_key(field: _Field) -> bool:
    """`field = ForeignKey(FormField)`, `field_id = IntegerField()`: a key to a form's question."""
    tokens = _tokens(field.column_name or field.name)
    keyed = tokens[-1:] == ("id",)
    if keyed:
        tokens = tokens[:-1]
    return "".join(tokens) in _FORM_FIELD_KEYS and (
        field.foreign_key or _type_class(field.type_name) in {"relation", "number"}
    )


def _class_context(cls: ast.ClassDef, fields: list[_Field]) -> _Context:
    tokens = list(_tokens(cls.name))
    for joint in ("with", "for"):  # `ImageWithAuthor` is an image, `ProfileForUser` a profile
        if joint in tokens[1:]:
            tokens = tokens[: tokens.index(joint, 1)]
    # `GroupPostSchema`, `UserPatchRequest`: the HTTP method, not a forum post.
    if len(tokens) > 2 and tokens[-1] in _STRIPPED_CLASS_TOKENS and tokens[-2] in _HTTP_VERBS:
        del tokens[-2]
    tokens = [t for t in tokens if t not in _STRIPPED_CLASS_TOKENS]
    head = tokens[-1] if tokens else ""
    words = {"".join(tokens[i : i + 2]) for i in range(len(tokens))}
    person = head in _PERSON_NOUNS
    # `BounceEvent`, `LoginEvent`: something that happened, logged, not an organised event.
    logged = head in {"event", "events"} and len(tokens) >= 2 and tokens[-2] != "sub"
    # A template or preset (`Template`, `MailTemplate`) is configuration too.
    org = (
        not person
        and not logged
        and (head in _ORG_NOUNS or head in _CONFIG_NOUNS or head in _TEMPLATE_WORDS)
    )
    # A record with an owner (`owner`, `default_owner`) is a thing someone owns, a gym or a
    # helpdesk queue: its e-mail address and phone number are the thing's, not a person's.
    # Not a credential (`Token.owners`), which is its owner's.
    holder = head in _HOLDER_NOUNS
    org = org or (
        not person
        and not holder
        and any(not _OWNER_WORDS.isdisjoint(_tokens(f.name)) for f in fields)
    )
    address = head in _ADDRESS_NOUNS
    owned = any(
        (_type_class(f.type_name) == "relation" and f.name in _OWNER_FIELDS)
        or f.name in {f"{owner}_id" for owner in _OWNER_FIELDS}
        or f.to_user
        for f in fields
    )
    # A record with an author (`actor`, `poster`, `submitter` pointing at a user) is
    # something that person wrote.
    authored = any(
        f.to_user and not {t for t in _tokens(f.name)}.isdisjoint(_AUTHOR_FIELDS) for f in fields
    )
    # `PreSetReply`, `CommentTemplate`: text written once for everybody, not by a person.
    # A mail whose sender is a record (`sender = ForeignKey(Sender)`), not an address the
    # application sends from, is a mail a person sent: an archive's or an inbox's.
    received = head in _MAIL_NOUNS and any(
        "sender" in _tokens(f.name)
        and (f.foreign_key or f.to_user or _type_class(f.type_name) == "relation")
        for f in fields
    )
    template = bool(_TEMPLATE_WORDS & (words | set(tokens)))
    content = (head in _CONTENT_NOUNS or authored or received) and not template
    subject = head in _SUBJECT_NOUNS
    first = _Context(
        org=org,
        mail=head in _MAIL_NOUNS,
        card=bool(words & _CARD_WORDS),
        owned=owned,
        content=content,
        named=person,
        subject=subject,
    )
    # A qualified field (`contact_email`, `owner_phone`) names someone other than the record.
    guessed = [
        _guess(f.column_name or f.name, f.type_name, first)
        for f in fields
        if not any(t in _PERSON_QUALIFIERS for t in _tokens(f.column_name or f.name))
    ]
    # Only words that mean personal data on any record count: `mail_recipients` on an export
    # schedule names people without the schedule being about one.
    categories = {guess[0] for guess in guessed if guess is not None and guess[2]}
    # A record with an e-mail address, a phone number or a person's name is about a person,
    # unless its name says it is an organisation's (whose `contact_email` names its contact).
    person = person or (not org and bool(categories & _PERSON_EVIDENCE))
    address = address or len(categories & _ADDRESS_PARTS) >= 2
    # What else a request log keeps about the client (headers, the data it sent) is the
    # device's and the person's, whatever the record is called.
    request = bool(categories & _REQUEST_EVIDENCE) or not _REQUEST_NOUNS.isdisjoint(tokens)
    # `WebAuthnDevice` and `U2FDevice` split into several words: try them joined too.
    joined = {"".join(tokens[i : i + n]) for n in (1, 2, 3) for i in range(len(tokens))}
    challenge = not _CHALLENGE_NOUNS.isdisjoint(joined)
    # A user's record that names a provider is their login there (allauth's SocialAccount,
    # Indico's Identity): its id and data are what the provider knows of the person.
    identity = owned and any((f.column_name or f.name) == "provider" for f in fields)
    answer = any(_is_form_field_key(f) for f in fields)
    return replace(
        first,
        person=person,
        address=address,
        request=request,
        challenge=challenge,
        holder=holder,
        identity=identity,
        answer=answer,
        written=head in _CONTENT_NOUNS and not template,
    )


_TRY_STATEMENTS: Final = (ast.Try, getattr(ast, "TryStar", ast.Try))
# Classes that hold data in memory or in transit and declare no foreign keys.
_SCHEMA_KINDS: Final = frozenset({"pydantic", "attrs", "dataclass", "typeddict", "marshmallow"})


def _foreign_key_columns(call: ast.expr) -> frozenset[str]:
    """The columns of a `Table(...)` call declared with a `ForeignKey`."""
    if not isinstance(call, ast.Call) or _last(_dotted(call.func)) != "Table":
        return frozenset()
    return frozenset(
        column.args[0].value
        for column in call.args
        if isinstance(column, ast.Call)
        and _last(_dotted(column.func)) == "Column"
        and column.args
        and isinstance(column.args[0], ast.Constant)
        and isinstance(column.args[0].value, str)
        and any(
            isinstance(a, ast.Call) and _last(_dotted(a.func)) == "ForeignKey" for a in column.args
        )
    )


def _table_keys(tree: ast.Module) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Columns declared with a `ForeignKey` in `Table(...)` calls apart from the classes they
    are mapped onto (CKAN annotates them as `Mapped[str]`): those of the module's tables, and
    those of each class's own `__table__`, which alone count for that class."""
    module: set[str] = set()
    own: dict[str, frozenset[str]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            module |= _foreign_key_columns(stmt.value)
        elif isinstance(stmt, ast.ClassDef):
            for s in stmt.body:
                if isinstance(s, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "__table__" for t in s.targets
                ):
                    own[stmt.name] = _foreign_key_columns(s.value)
    return frozenset(module), own


def _classes(body: Iterable[ast.stmt], prefix: str) -> Iterator[tuple[str, ast.ClassDef]]:
    """Every class in source order with its qualified name, including nested ones."""
    for stmt in body:
        if isinstance(stmt, ast.ClassDef):
            qualname = prefix + stmt.name
            yield qualname, stmt
            yield from _classes(stmt.body, qualname + ".")
        elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _classes(stmt.body, f"{prefix}{stmt.name}.<locals>.")
        elif isinstance(stmt, ast.If | ast.For | ast.AsyncFor | ast.While):
            yield from _classes(stmt.body, prefix)
            yield from _classes(stmt.orelse, prefix)
        elif isinstance(stmt, ast.With | ast.AsyncWith):
            yield from _classes(stmt.body, prefix)
        elif isinstance(stmt, _TRY_STATEMENTS):
            yield from _classes(stmt.body, prefix)
            for handler in stmt.handlers:
                yield from _classes(handler.body, prefix)
            yield from _classes(stmt.orelse, prefix)
            yield from _classes(stmt.finalbody, prefix)
        elif isinstance(stmt, ast.Match):
            for case in stmt.cases:
                yield from _classes(case.body, prefix)


def find_candidates(tree: ast.Module, declared: frozenset[str] = frozenset()) -> list[FieldGuess]:
    """Every field of every model class in the module that looks like personal data.

    Nested classes and classes defined in functions count too; guesses come in source order.
    ``declared`` names the classes the code declares ``personal_data`` (qualified within the
    module, without ``<locals>``): their attributes are fields whatever the class is.
    """
    guesses: list[FieldGuess] = []
    # Fields of the module's models by class name: a subclass of an abstract model in the same
    # module (`AccessAttempt(AccessBase)`) is judged with its base's fields too.
    known: dict[str, list[_Field]] = {}
    kinds: dict[str, _ModelKind] = {}
    module_keys, own_keys = _table_keys(tree)
    for qualname, cls in _classes(tree.body, ""):
        if cls.name in _SKIPPED_CLASSES:
            continue
        kind = _model_kind(cls)
        # `class BaseUser(CreateUpdateDictModel)`: a subclass of a model of the same module is
        # a model of that kind, whatever its base is called.
        base_kind = next(
            (kinds[n] for n in (_last(_dotted(b)) for b in cls.bases) if n in kinds), None
        )
        if base_kind is not None and (kind is None or (kind == "django" and base_kind != kind)):
            kind = base_kind
        if kind is not None:
            kinds[cls.name] = kind
        if kind is None and qualname.replace(".<locals>", "") in declared:
            kind = "plain"
        if kind is None:
            continue
        table_keys = own_keys.get(cls.name, module_keys) if kind == "sqlalchemy" else frozenset()
        fields = [
            replace(f, foreign_key=True) if f.name in table_keys else f for f in _fields(cls, kind)
        ]
        inherited = [f for base in cls.bases for f in known.get(_last(_dotted(base)), [])]
        known[cls.name] = inherited + fields
        if not fields:
            continue
        context = replace(_class_context(cls, inherited + fields), schema=kind in _SCHEMA_KINDS)
        for field in fields:
            # A relation or key to the users table holds a key: the person's data is in that
            # table, which is checked itself.
            if field.to_user:
                continue
            guess = (
                _guess(
                    field.column_name or field.name,
                    field.type_name,
                    context,
                    primary_key=field.primary_key,
                )
                or _guess_external_id(field, context)
                or _guess_by_structure(field, context)
            )
            if guess is not None and _is_shared_password(
                _tokens(field.column_name or field.name), context
            ):
                continue
            if guess is not None:
                guesses.append(
                    FieldGuess(
                        model=qualname,
                        field=field.name,
                        line=field.line,
                        column=field.column,
                        category=guess[0],
                        reason=guess[1],
                    )
                )
    guesses.sort(key=lambda g: (g.line, g.column))
    return guesses
