"""The word tables of pii_words.yaml, loaded and checked, and the tokens and types they match."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Final, Literal, get_args

from ropa.errors import ConfigError
from ropa.pii.models import _DJANGO_FIELD_CALLS, _words
from ropa.yamlio import load_yaml

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
