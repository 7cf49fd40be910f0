"""The rules that guess a field's category from its name, its type and what its record is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ropa.pii.models import _Field
from ropa.pii.words import (
    _ACTOR_NAME_WORDS,
    _AGENT_NOUNS,
    _EXTERNAL_ID_OWNERS,
    _IDENTITY_IDS,
    _IMAGE_EXEMPT_NEGATIVES,
    _JSON_TYPES,
    _LONG_TEXT_TYPES,
    _MAIL_NOUNS,
    _NEGATIVE_TOKENS,
    _NOISE_TOKENS,
    _NOT_FREE_TEXT,
    _NOT_FREE_TEXT_ENDINGS,
    _ORG_NOUNS,
    _PERSON_QUALIFIERS,
    _PROVENANCE,
    _ROLE_NAMES,
    _SECRET_WORDS,
    _STRING_TYPES,
    _TEXT_WORDS,
    _TYPE_RULES,
    _UUID_TYPES,
    _WORD_RULES,
    _Rule,
    _tokens,
    _type_class,
    _TypeClass,
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
