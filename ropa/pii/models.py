"""Model classes and their fields, recognised from the syntax of an ast tree."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final, Literal


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


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


# --------------------------------------------------------------------------- classes

_TRY_STATEMENTS: Final = (ast.Try, getattr(ast, "TryStar", ast.Try))


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
