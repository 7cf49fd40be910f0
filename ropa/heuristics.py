"""Guess which fields of model classes hold personal data (ROPA201), reading only Python's ast."""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import Final

from ropa.pii.models import (
    _SKIPPED_CLASSES,
    _classes,
    _dotted,
    _Field,
    _fields,
    _last,
    _model_kind,
    _ModelKind,
    _table_keys,
    model_kind,
)
from ropa.pii.rules import (
    _Context,
    _guess,
    _guess_by_structure,
    _guess_external_id,
    _is_shared_password,
    guess_category,
)
from ropa.pii.words import (
    _ADDRESS_NOUNS,
    _AUTHOR_FIELDS,
    _CARD_WORDS,
    _CHALLENGE_NOUNS,
    _CONFIG_NOUNS,
    _CONTENT_NOUNS,
    _FORM_FIELD_KEYS,
    _HOLDER_NOUNS,
    _HTTP_VERBS,
    _MAIL_NOUNS,
    _ORG_NOUNS,
    _OWNER_FIELDS,
    _OWNER_WORDS,
    _PERSON_NOUNS,
    _PERSON_QUALIFIERS,
    _REQUEST_NOUNS,
    _STRIPPED_CLASS_TOKENS,
    _SUBJECT_NOUNS,
    _TEMPLATE_WORDS,
    _type_class,
)
from ropa.pii.words import _tokens as _tokens  # ropa.flow.words reads names with it

__all__ = ["FieldGuess", "find_candidates", "guess_category", "model_kind"]


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


# --------------------------------------------------------------------------- classes

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
#: How many fields a record may have for each one that names a person (an e-mail address, a
#: phone number, a name) and still be read as a person's record by its fields. 10 loses seven
#: personal fields of the labelled sets; 15 to 30 change none of them.
_FIELDS_PER_EVIDENCE: Final = 20
_PERSON_EVIDENCE: Final = frozenset(
    {"user.contact.email", "user.contact.phone_number", "user.name.first", "user.name.last"}
)


_REQUEST_EVIDENCE: Final = frozenset({"user.device.ip_address", "user.device"})


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
    # One e-mail address among eighty settings (Weblate's `Component.report_source_bugs`) is
    # a contact of the thing, not a sign that the record is about a person: at least one field
    # in `_FIELDS_PER_EVIDENCE` must be one.
    evidence = sum(
        1 for guess in guessed if guess is not None and guess[2] and guess[0] in _PERSON_EVIDENCE
    )
    person = person or (not org and evidence * _FIELDS_PER_EVIDENCE >= len(fields))
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


# Classes that hold data in memory or in transit and declare no foreign keys.
_SCHEMA_KINDS: Final = frozenset({"pydantic", "attrs", "dataclass", "typeddict", "marshmallow"})


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
