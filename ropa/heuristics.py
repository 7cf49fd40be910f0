"""Guess which fields of model classes hold personal data (ROPA201), reading only Python's ast."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Final, Literal

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

_ModelKind = Literal[
    "django", "sqlalchemy", "pydantic", "dataclass", "attrs", "typeddict", "marshmallow"
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
    for stmt in _body(cls.body):
        value, annotation = _assigned(stmt)
        if isinstance(stmt, ast.Assign):
            targets: list[ast.expr] = list(stmt.targets)
        elif isinstance(stmt, ast.AnnAssign):
            targets = [stmt.target]
        else:
            continue
        if not _is_field_value(kind, value, annotation):
            continue
        column_name = None
        foreign_key = False
        if isinstance(value, ast.Call):
            type_name = _call_type(value, annotation)
            column_name = _column_name(value)
            foreign_key = any(
                isinstance(arg, ast.Call) and _last(_dotted(arg.func)) == "ForeignKey"
                for arg in value.args
            )
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
            if isinstance(target, ast.Name) and (_is_public_field_name(target.id) or public_column):
                yield _Field(
                    name=target.id,
                    line=stmt.lineno,
                    column=target.col_offset + 1,
                    type_name=type_name,
                    primary_key=primary_key,
                    column_name=column_name,
                    foreign_key=foreign_key,
                )


def _column_name(call: ast.Call) -> str | None:
    """The explicit name of a SQLAlchemy column: `Column("password", String)` -> password."""
    if _last(_dotted(call.func)) not in {"Column", "mapped_column"} or not call.args:
        return None
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
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


_TEXT: Final[frozenset[_TypeClass]] = frozenset({"text"})
_TEXT_NUM: Final[frozenset[_TypeClass]] = frozenset({"text", "number"})
_DATE: Final[frozenset[_TypeClass]] = frozenset({"text", "time"})
_ANY_VALUE: Final[frozenset[_TypeClass]] = frozenset({"text", "number", "time"})
_IMAGE: Final[frozenset[_TypeClass]] = frozenset({"text", "file", "relation"})
_PLACE: Final[frozenset[_TypeClass]] = frozenset({"text", "relation"})


def _rules(words: str, rule: _Rule) -> dict[str, _Rule]:
    return dict.fromkeys(_words(words), rule)


# Words are single tokens or up to three adjacent tokens written together, so `e_mail`,
# `EMailAddress`, `zip_code` and `zipcode` all meet one entry. Earlier tables win, so that
# `email_address` is an e-mail address and `ip_address` an IP address, not a postal one.
_WORD_RULES: Final[tuple[dict[str, _Rule], ...]] = (
    {
        **_rules(
            "email emails emailaddress emailaddresses mailaddress correo courriel",
            _Rule("user.contact.email", _TEXT, "neutral"),
        ),
        **_rules(
            "ip ipaddress ipaddr ipv4 ipv6 remoteaddr remoteaddress remoteip clientip",
            # `joined_from_ip`: where a person came from, not the sending side.
            _Rule("user.device.ip_address", _TEXT_NUM, "any", also_ok=frozenset({"from"})),
        ),
        **_rules("useragent httpuseragent", _Rule("user.device", _TEXT, "any")),
        **_rules(
            "deviceid udid idfa advertisingid pushtoken fcmtoken apnstoken",
            _Rule("user.device.device_id", _TEXT, "neutral"),
        ),
        **_rules("sessionkey sessionid", _Rule("user.device.cookie_id", _TEXT, "any")),
        **_rules("sessiondata cookie cookies", _Rule("user.device.cookie", _TEXT, "any")),
        **_rules(
            "password passwd passwordhash passphrase passwort kennwort contrasena motdepasse"
            " userpin pincode pinhash pinnumber",
            _Rule("user.authorization.password", _TEXT, "any"),
        ),
        **_rules(
            "dateofbirth dob birthdate birthday geburtsdatum geburtstag nacimiento"
            " fechanacimiento datedenaissance naissance",
            _Rule("user.demographic.date_of_birth", _DATE, "any"),
        ),
        **_rules(
            "ssn socialsecuritynumber socialsecurity nationalid nationalidnumber"
            " nationalinsurancenumber personalidnumber idnumber idcardnumber"
            " steueridentifikationsnummer codicefiscale dni cpf aadhaar",
            _Rule("user.government_id.national_identification_number", _TEXT_NUM, "any"),
        ),
        **_rules(
            "passport passportnumber passportno reisepass",
            _Rule("user.government_id.passport_number", _TEXT_NUM, "any"),
        ),
        **_rules(
            "driverslicense driverslicence drivinglicense drivinglicence driverlicense"
            " licensenumber",
            _Rule("user.government_id.drivers_license_number", _TEXT_NUM, "any"),
        ),
        **_rules(
            "licenseplate licenceplate numberplate vehicleregistration",
            _Rule("user.government_id.vehicle_registration", _TEXT, "neutral"),
        ),
        **_rules(
            "iban bic swift accountnumber bankaccount bankaccountnumber routingnumber"
            " sortcode kontonummer bankleitzahl blz",
            _Rule("user.financial.bank_account", _TEXT_NUM, "neutral"),
        ),
        **_rules(
            "cardnumber creditcard creditcardnumber ccnumber cvv cvc ccv cardexpiry"
            " cardlast4 cardlastfour cardlastdigits cardfirstdigits cclast4 cclastfour"
            " cclastdigits ccfirstdigits ccexpmonth ccexpyear ccexpiry ccexp ccbrand cctype"
            " ccholder ccname ccnum cardbrand cardexpmonth cardexpyear maskedpan maskedcard",
            _Rule("user.financial.credit_card", _TEXT_NUM, "neutral"),
        ),
        **_rules(
            "vatid vatnumber vatno taxid taxnumber taxidentifier tin ustid ustidnr"
            " steuernummer nif",
            _Rule("user.government_id", _TEXT, "neutral"),
        ),
        # Ids that analytics and advertising tools set in a browser to recognise a person.
        **_rules(
            "gaclientid gacid analyticsid analyticsclientid analyticsuserid trackingclientid"
            " trackingcookie trackinguserid visitorid visitoruuid anonymousid anonymoususerid"
            " distinctid gclid fbclid msclkid fbp fbc mixpanelid amplitudeid segmentid"
            " posthogid cookieid clientcookie",
            _Rule("user.device.cookie_id", _TEXT, "any"),
        ),
        **_rules(
            "pseudonym pseudonymid pseudonymizationid pseudonymisationid",
            _Rule("user.unique_id.pseudonymous", _TEXT_NUM, "neutral"),
        ),
    },
    {
        **_rules(
            "firstname givenname forename vorname prenom christianname fname firstnm",
            _Rule("user.name.first", _TEXT, "any"),
        ),
        **_rules(
            "lastname surname familyname nachname apellido apellidos maidenname lname lastnm",
            _Rule("user.name.last", _TEXT, "any"),
        ),
        **_rules(
            "fullname realname legalname middlename nickname nick salutation honorific anrede",
            _Rule("user.name", _TEXT, "neutral"),
        ),
        # A text field named after the role a person plays holds that person's name.
        **_rules(
            "payer payee beneficiary cardholder accountholder accountowner addressee author",
            _Rule("user.name", _TEXT, "neutral"),
        ),
        **_rules(
            "username login loginname screenname benutzername uname",
            _Rule("user.account.username", _TEXT, "neutral"),
        ),
        **_rules(
            "phone phones phonenumber phonenumbers telephone telephonenumber tel mobile"
            " mobilephone mobilenumber cellphone cell telefon telefono telefonnummer"
            " handynummer movil phoneno telno mobileno cellno",
            _Rule("user.contact.phone_number", _TEXT_NUM, "neutral"),
        ),
        **_rules("fax faxnumber", _Rule("user.contact.fax_number", _TEXT_NUM, "neutral")),
        **_rules(
            "gender sex geschlecht genero sexe", _Rule("user.demographic.gender", _TEXT, "any")
        ),
        **_rules(
            "maritalstatus familienstand", _Rule("user.demographic.marital_status", _TEXT, "any")
        ),
        **_rules(
            "religion religious confession konfession",
            _Rule("user.demographic.religious_belief", _TEXT, "any"),
        ),
        **_rules("ethnicity ethnic", _Rule("user.demographic.race_ethnicity", _TEXT, "any")),
        **_rules("sexualorientation", _Rule("user.demographic.sexual_orientation", _TEXT, "any")),
        **_rules(
            "politicalopinion politicalparty",
            _Rule("user.demographic.political_opinion", _TEXT, "any"),
        ),
        **_rules(
            "nationality citizenship staatsangehoerigkeit nacionalidad nationalite",
            _Rule("user.demographic", _PLACE, "any"),
        ),
        **_rules("birthplace placeofbirth geburtsort", _Rule("user.demographic", _TEXT, "any")),
        **_rules(
            "health medical diagnosis allergy allergies disability disabilities medication"
            " medications bloodtype",
            _Rule("user.health_and_medical", _TEXT, "neutral"),
        ),
        **_rules(
            "latitude longitude lat lng lon geolat geolon geolocation gps coordinates",
            _Rule("user.location.precise", _TEXT_NUM, "neutral"),
        ),
        **_rules(
            "avatar selfie headshot portrait profilepicture profilepic profileimage"
            " profilephoto userimage userphoto mugshot",
            _Rule("user.content.self_image", _IMAGE, "neutral", url_ok=True),
        ),
        **_rules(
            "photo picture foto", _Rule("user.content.self_image", _IMAGE, "person", url_ok=True)
        ),
        **_rules("jobtitle occupation profession", _Rule("user.job_title", _TEXT, "neutral")),
        **_rules("employer", _Rule("user.workplace", _TEXT, "neutral")),
        **_rules(
            "company companyname organisation organization firma empresa",
            _Rule("user.contact.organization", _TEXT, "address"),
        ),
        **_rules(
            "website homepage personalwebsite",
            _Rule("user.contact.url", _TEXT, "person", url_ok=True),
        ),
        **_rules("bio biography aboutme", _Rule("user.demographic.profile", _TEXT, "person")),
        **_rules(
            "identifier externalidentifier externalid customernumber membernumber"
            " membershipnumber kundennummer",
            _Rule("user.unique_id", _TEXT_NUM, "person", not_pk=True),
        ),
    },
    {
        **_rules(
            "street streetaddress streetname streetnumber housenumber hausnummer strasse"
            " calle rue direccion addressline addressline1 addressline2 addressline3 line1"
            " line2 line3 line4",
            _Rule("user.contact.address.street", _TEXT, "neutral"),
        ),
        **_rules(
            "city town ort stadt ciudad ville locality",
            _Rule("user.contact.address.city", _TEXT, "neutral"),
        ),
        **_rules(
            "zip zipcode postcode postalcode plz postleitzahl codigopostal codepostal postal",
            _Rule("user.contact.address.postal_code", _TEXT_NUM, "neutral"),
        ),
        # Often a status instead: only on address records.
        **_rules(
            "state province county region bundesland",
            _Rule("user.contact.address.state", _PLACE, "place"),
        ),
        **_rules(
            "country countrycode land pais pays",
            _Rule("user.contact.address.country", _PLACE, "address"),
        ),
        **_rules(
            "address addresse adresse anschrift postaladdress homeaddress addr addr1 addr2",
            _Rule("user.contact.address", _TEXT, "neutral"),
        ),
        **_rules("location", _Rule("user.location.imprecise", _TEXT, "person")),
    },
    # Weak words: personal data on a record about or belonging to a person, and only there.
    {
        # What a person writes, or what staff write about them, on their record.
        **_rules(
            "note notes comment comments remark remarks feedback message messages memo answer"
            " answers",
            _Rule("user.content.private", _TEXT, "subject", text_ok=True),
        ),
        **_rules(
            "language languages locale lang langcode languagecode localecode preferredlanguage"
            " preferredlocale mothertongue sprache idioma langue",
            _Rule("user.demographic.language", _TEXT, "subject"),
        ),
        **_rules(
            "signature aboutme about", _Rule("user.demographic.profile", _TEXT, "person", bare=True)
        ),
        # A record's own public id is the person's id when the record is a person, not merely
        # about one (an order's code is the order's).
        **_rules(
            "uuid guid uid publicid publicuuid externaluuid hashid code publiccode",
            _Rule("user.unique_id", _TEXT, "self", bare=True),
        ),
        # A person's slug is made from their name.
        **_rules("slug", _Rule("user.account.username", _TEXT, "self", bare=True)),
        **_rules(
            "metadata privatemetadata publicmetadata extradata customdata profiledata userdata",
            _Rule("user", _TEXT, "person", bare=True),
        ),
        # The text of a comment, message, post or review is what its author wrote.
        **_rules(
            "body content text html title subject abstract summary description review",
            _Rule("user.content", _TEXT, "content", bare=True),
        ),
    },
    # Words that mean personal data only on some records, and only as the whole name.
    {
        **_rules(
            "image", _Rule("user.content.self_image", _IMAGE, "person", url_ok=True, bare=True)
        ),
        # The salutation of an address or a person ("Ms", "Dr").
        **_rules("title", _Rule("user.name", _TEXT, "address", bare=True)),
        **_rules("to", _Rule("user.contact.email", _TEXT, "mail", bare=True)),
        **_rules("cc bcc recipient recipients", _Rule("user.contact.email", _TEXT, "mail")),
        # A token or key hash on a record that belongs to a user is that user's credential.
        **_rules(
            "accesstoken refreshtoken authtoken oauthtoken bearertoken tokensecret keyhash"
            " apikey apikeyhash",
            _Rule("user.authorization.credentials", _TEXT, "owned"),
        ),
        **_rules("token", _Rule("user.authorization.credentials", _TEXT, "owned", bare=True)),
        **_rules(
            "number expiry expirydate expiration expirationdate expmonth expyear expirymonth"
            " expiryyear last4 lastfour",
            _Rule("user.financial.credit_card", _ANY_VALUE, "card", bare=True),
        ),
    },
)

_TYPE_RULES: Final[dict[str, _Rule]] = {
    **_rules("EmailField EmailStr Email EmailType", _Rule("user.contact.email", _TEXT, "neutral")),
    **_rules(
        "PhoneNumberField PhoneNumber PhoneNumberType",
        _Rule("user.contact.phone_number", _TEXT, "neutral"),
    ),
    **_rules(
        "GenericIPAddressField IPAddressField IPvAnyAddress IPv4Address IPv6Address"
        " IPAddressType INET IPAddress IP IPv4 IPv6 IPInterface",
        _Rule("user.device.ip_address", _TEXT, "any"),
    ),
    **_rules("PasswordType", _Rule("user.authorization.password", _TEXT, "any")),
    **_rules("IBANField IBAN", _Rule("user.financial.bank_account", _TEXT, "neutral")),
    **_rules(
        "PointField GeometryField GeographyField Geography",
        _Rule("user.location.precise", _TEXT, "neutral"),
    ),
}

# Words that, next to a personal-data word, make the field about something else: a flag,
# a setting, a template, a timestamp, the sending system, or a key into another table.
_NEGATIVE_TOKENS: Final = _words(
    """
    verified verify verification confirmed confirm confirmation validated valid validation
    sent send sending enabled enable disabled disable required require requires optional
    template templates subject body message content html plain text type types kind format
    count counter length max min limit regex pattern validator mode status flag flags option
    options setting settings config configuration field fields label labels help placeholder
    hint visible visibility hidden show ask asked allow allowed policy backend provider
    server host hostname smtp imap from sender domain domains range ranges whitelist
    blacklist allowlist blocklist block blocked needs need reset change changed changes can
    should use uses has is want wants accept accepts at on since until expires expiry
    expiration timestamp time id ids pk uuid key keys token tokens secret nonce index order
    position sort weight priority error errors log attempts tries retries column columns
    header headers scheme url uri link path endpoint redirect callback webhook api file files
    archive suffix prefix separator delimiter crop width height dir directory folder iv salt
    seed
    """
)
_IMAGE_EXEMPT_NEGATIVES: Final = frozenset({"url", "uri", "link", "path", "file", "files"})
_TEXT_WORDS: Final = frozenset({"text", "body", "content", "message", "html", "plain"})
# Tokens that say nothing about what a field holds.
_NOISE_TOKENS: Final = frozenset(
    {
        "cached",
        "parts",
        "part",
        "raw",
        "normalized",
        "normalised",
        "display",
        "value",
        "str",
        "parsed",
        "rendered",
    }
)
# `<qualifier>_name` holds a person's name; `<qualifier>_email` a person's address even on an
# organisation's model.
_PERSON_QUALIFIERS: Final = _words(
    """
    person customer attendee contact holder owner recipient to billing shipping author guest
    member participant applicant employee buyer passenger cardholder beneficiary parent
    patient student payer reviewer submitter signer signatory speaker visitor subscriber
    invitee traveler traveller driver emergency legal
    """
)
# Head nouns of class names (the last word, after dropping Abstract/Base/Model/...).
_PERSON_NOUNS: Final = _words(
    """
    user users customer customers person persons people profile profiles attendee attendees
    participant participants member members contact contacts employee employees staff author
    authors applicant applicants candidate candidates guest guests subscriber subscribers
    visitor visitors patient patients student students buyer buyers passenger passengers
    traveler travelers traveller travellers owner owners holder holders recipient recipients
    beneficiary reviewer reviewers speaker speakers volunteer volunteers donor donors lead
    leads prospect prospects invitee invitees invite invites invitation invitations
    individual citizen resident kunde benutzer nutzer mitglied usuario cliente utilisateur
    registrant avatar avatars
    """
)
_ORG_NOUNS: Final = _words(
    """
    organization organisation organizer organiser company companies partner partners vendor
    vendors supplier suppliers merchant merchants shop store site sites venue venues event
    events tenant business bank warehouse branch office team teams group groups provider
    providers carrier brand manufacturer institution university hospital agency firm
    employer publisher sponsor exhibitor club society association charity foundation
    department facility hotel restaurant
    """
)
# Configuration is about the system, not about people.
_CONFIG_NOUNS: Final = frozenset({"setting", "settings", "config", "configuration"})
_ADDRESS_NOUNS: Final = frozenset({"address", "addresses", "residence"})
_MAIL_NOUNS: Final = frozenset(
    {"mail", "mails", "email", "emails", "message", "messages", "letter", "letters", "envelope"}
)
# People named by what they do; their `<agent>_name` or `<agent>_slug` is theirs.
_AGENT_NOUNS: Final = _words(
    """
    poster starter editor uploader requester actor creator modifier reporter commenter
    assignee approver moderator inviter liker voter follower replier
    """
)
# A person's role alone, stored as a string, is that person's login name.
_ROLE_NAMES: Final = frozenset(
    {("user",), ("administrator",), ("admin",), ("owner",), ("operator",), ("requester",)}
)
# `user_id` as a string that is no foreign key: the person's id in another system (a directory).
_EXTERNAL_ID_OWNERS: Final = frozenset({"user", "person", "member", "customer", "subscriber"})
_ACTOR_NAME_WORDS: Final = {
    "name": "user.name",
    "username": "user.account.username",
    "slug": "user.account.username",
    "email": "user.contact.email",
}
# Types that hold a name as text (not `Any`, which may hold the user object itself).
_STRING_TYPES: Final = _words(
    """
    str String Unicode UnicodeText Text CharField TextField SlugField CICharField VARCHAR
    TEXT constr StrictStr
    """
)
_TEMPLATE_WORDS: Final = frozenset(
    {"template", "templates", "preset", "presets", "canned", "default", "sample", "example"}
)
_HTTP_VERBS: Final = frozenset({"get", "post", "put", "patch", "delete"})
# Records that are something a person wrote.
_CONTENT_NOUNS: Final = _words(
    """
    comment comments message messages post posts reply replies review reviews note notes
    feedback answer answers submission submissions conversation conversations testimonial
    testimonials inquiry inquiries enquiry enquiries complaint complaints chat chats topic
    topics thread threads proposal proposals
    """
)
# Records of what a person did or asked for: their language and notes on them are theirs.
_SUBJECT_NOUNS: Final = _words(
    """
    order orders booking bookings reservation reservations basket baskets cart carts
    appointment appointments enrollment enrollments enrolment enrolments donation donations
    application applications invoice invoices receipt receipts
    """
)
# Stored opaque structured values: on a person's record, whatever they hold is about the
# person. Not `dict` annotations, which are mostly in-memory structure.
_JSON_TYPES: Final = _words(
    """
    JSONField JSON JSONB JSONType Json HStoreField HSTORE PickleType MutableDict
    """
)
# Relations that make a record belong to a person.
_OWNER_FIELDS: Final = frozenset({"user", "owner", "customer", "account", "member", "person"})
_CARD_WORDS: Final = frozenset({"bankcard", "creditcard", "debitcard", "paymentcard"})
_STRIPPED_CLASS_TOKENS: Final = _words(
    """
    abstract base model models mixin schema dict record data entity table dto info out in
    create update read response request serializer form
    """
)
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
    actor = _guess_actor(tokens, type_name, type_class)
    if actor is not None:
        return actor, f"field name {name!r}", True
    qualified = any(token in _PERSON_QUALIFIERS for token in tokens)
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


def _guess_external_id(field: _Field) -> tuple[str, str, bool] | None:
    """`user_id = Column(Unicode(320))`: no key into this database, so the person's id in
    another one (an LDAP directory, an identity provider)."""
    tokens = _tokens(field.column_name or field.name)
    if (
        len(tokens) == 2
        and tokens[0] in _EXTERNAL_ID_OWNERS
        and tokens[1] in {"id", "uid"}
        and field.type_name in _STRING_TYPES
        and not field.foreign_key
        and not field.primary_key
    ):
        return "user.unique_id", f"field name {field.name!r} as a string", True
    return None


def _guess_actor(
    tokens: tuple[str, ...], type_name: str | None, type_class: _TypeClass
) -> str | None:
    """The name of whoever did something, copied as text: `poster_name`, `hidden_by_slug`,
    `changed_by_username`, `modified_by`."""
    if type_class != "text":
        return None
    if tokens in _ROLE_NAMES and type_name in _STRING_TYPES:
        return "user.account.username"  # `user = Column(Unicode)` in an audit table
    if len(tokens) < 2:
        return None
    last, before = tokens[-1], tokens[-2]
    if last == "by":  # `modified_by` as a string, not `sort_by` or a user object
        return "user.name" if before.endswith("ed") and type_name in _STRING_TYPES else None
    if last not in _ACTOR_NAME_WORDS:
        return None
    if before == "by" and len(tokens) >= 3 and tokens[-3].endswith("ed"):
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
    org = not person and (head in _ORG_NOUNS or head in _CONFIG_NOUNS)
    address = head in _ADDRESS_NOUNS
    owned = any(
        (_type_class(f.type_name) == "relation" and f.name in _OWNER_FIELDS)
        or f.name in {f"{owner}_id" for owner in _OWNER_FIELDS}
        for f in fields
    )
    # `PreSetReply`, `CommentTemplate`: text written once for everybody, not by a person.
    content = head in _CONTENT_NOUNS and not _TEMPLATE_WORDS & (words | set(tokens))
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
    return replace(first, person=person, address=address)


_TRY_STATEMENTS: Final = (ast.Try, getattr(ast, "TryStar", ast.Try))


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


def find_candidates(tree: ast.Module) -> list[FieldGuess]:
    """Every field of every model class in the module that looks like personal data.

    Nested classes and classes defined in functions count too; guesses come in source order.
    """
    guesses: list[FieldGuess] = []
    for qualname, cls in _classes(tree.body, ""):
        if cls.name in _SKIPPED_CLASSES:
            continue
        kind = _model_kind(cls)
        if kind is None:
            continue
        fields = list(_fields(cls, kind))
        if not fields:
            continue
        context = _class_context(cls, fields)
        for field in fields:
            guess = _guess(
                field.column_name or field.name,
                field.type_name,
                context,
                primary_key=field.primary_key,
            ) or _guess_external_id(field)
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
