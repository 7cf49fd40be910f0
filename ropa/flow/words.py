"""The words the flow pass reads code by: which names hold personal data, which objects stand
for persons or places, and which calls keep, build or clean what they are given."""

from __future__ import annotations

import builtins
import sys
from functools import lru_cache

_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | frozenset(sys.builtin_module_names)
# Builtins whose result says nothing about who a person is.
_OPAQUE = frozenset(
    "len bool int float isinstance issubclass hasattr callable id type range hash abs round "
    "min max sum any all ord".split()
)
_BUILTINS = frozenset(dir(builtins))
# Hashing and secret-making modules: their output no longer identifies the person.
_SANITISING_MODULES = ("hashlib.", "hmac.", "secrets.", "bcrypt.", "argon2.", "passlib.")
# Methods of strings, containers and dates: the result carries what the receiver carried.
_VALUE_METHODS = frozenset(
    """
    lower upper strip lstrip rstrip title capitalize casefold split rsplit splitlines join
    format replace encode decode zfill ljust rjust center partition rpartition removeprefix
    removesuffix items values keys copy get pop setdefault isoformat strftime
    """.split()
)
# String building: the result carries the arguments too (``"hi {}".format(name)``).
_BUILDING_METHODS = frozenset({"format", "format_map", "join", "replace", "substitute"})
# Methods that put their arguments into the object they are called on.
_MUTATORS = frozenset({"append", "extend", "add", "insert", "appendleft", "update"})
# ``write`` fills a buffer (``io.StringIO``) that is read back as a whole; the call itself may
# still be a sink (a file, an SDK), so it is kept as any other call.
_WRITES = frozenset({"write", "writelines"})
# Reading methods whose literal argument names the field read (``data.get("email")``).
_KEYED_READS = frozenset({"get", "pop", "getlist", "setdefault", "getattr"})
_LOG_CONTEXT = frozenset({"self", "cls"})
# A person's name: ``formatted_name``, ``display_name`` and ``get_full_name()`` name a person
# on whatever object; a bare ``name`` (or ``get_name()``) names rooms, events and products as
# often as people, so only on an object that stands for a person (``user.name``).
_FULL_NAMES = frozenset(
    {"formatted_name", "display_name", "fullname", "realname", "get_full_name", "get_display_name"}
)
_NAME_FIELDS = frozenset({"name"}) | _FULL_NAMES
_NAME_METHODS = frozenset({"get_short_name", "get_name"}) | _FULL_NAMES
_PERSONS = frozenset(
    """
    user person people speaker contact customer member attendee author owner patient employee
    participant subscriber student applicant guest buyer vcard profile
    """.split()
)
# The city, region or country of an object that stands for a place a person is at (``self.city``
# in ``class LocationData``, ``geo.country``) is an imprecise location, not a postal address.
_ADDRESS = "user.contact.address"
_PLACES = frozenset({"location", "geolocation", "geo", "locality", "whereabouts"})
# Attributes that are the object's payload, whatever the object: a chat message's content, an
# e-mail's body. Any other attribute of an object holding personal data is another field.
_PAYLOAD = frozenset({"content", "contents", "text", "body", "message", "messages", "payload"})


# Words that make a name about personal data something else: its name, key, template or
# hash (``cookie_name``, ``email_template``, ``hashed_client_ip``), or an action on it.
_VETO = frozenset(
    """
    template templates field fields key keys column label header format type types count
    length regex pattern prefix suffix setting settings backend backends verified sent changed
    enabled required hash hashed hmac digest masked mask anonymized anonymised anonymous
    encrypted redacted salt token tokens id ids pk uuid url urls path paths domain domains
    validator validators widget form policy policies help placeholder max min limit
    """.split()
)
_VERBS = frozenset(
    """
    set get check validate is has send make create update delete clean format parse render
    normalize normalise verify confirm reset change show hide use allow require
    """.split()
)
_NETWORK = frozenset(
    "client server remote bind listen host socket local peer proxy mac ip smtp book books".split()
)
_NAMED = frozenset(
    """
    cookie file field table column host server model app application tool repo project agent
    service function func module package bucket index collection channel topic domain database
    db schema class attr attribute param variable var event task job template provider tag
    label branch env environment queue org organization organisation company team group role
    """.split()
)
# ``last_login`` (Django's ``User.last_login``), ``first_login``: when a person logged in, a
# date, not the login name. A field's type says so; a variable's name is all the pass has.
_MOMENTS = frozenset({"last", "first", "previous", "latest", "recent"})
# Methods whose result is a number or a truth value, whatever the object held:
# ``queryset.count()``, ``queryset.exists()``, ``text.startswith("+")``. Not ``find`` or
# ``index``: a database's ``find()`` returns its records.
_COUNTS = frozenset(
    """
    count exists startswith endswith isdigit isalpha isalnum isspace isnumeric isdecimal
    islower isupper istitle isascii isidentifier total_seconds bit_length
    """.split()
)


@lru_cache(maxsize=65536)
def _guess(name: str) -> str | None:
    from ropa.heuristics import _tokens, guess_category

    stripped = name.strip("_")
    if len(stripped) < 2 or stripped.isupper():
        return None
    tokens = _tokens(stripped)
    if not tokens or tokens[0] in _VERBS:
        return None
    if "to" in tokens[1:-1]:
        # A map named by what it maps (``user_to_current_state``, ``user_id_to_email``): its
        # keys or its values, each read on its own.
        at = tokens.index("to", 1)
        return _guess("_".join(tokens[:at])) or _guess("_".join(tokens[at + 1 :]))
    if any(t in _VETO for t in tokens):
        return None
    if tokens == ("fname",):
        return None  # a file's name far more often than a first name, in code
    if tokens[-1] == "name" and any(t in _NAMED for t in tokens[:-1]):
        return None  # ``app_full_name``, ``email_app_name``: a thing's name
    if tokens[-1] == "login" and len(tokens) > 1 and tokens[-2] in _MOMENTS:
        return None
    hit = guess_category(stripped, None)
    if hit and hit[0] == "user.contact.address" and ("addr" in tokens or _NETWORK & set(tokens)):
        # ``self.addr``, ``client_address``: where a socket listens; ``address_book``: a list
        return None
    return hit[0] if hit else None


#: Categories that a bare variable name does not show: ``addr`` or ``client_address`` in
#: networking code is a socket address. Read as a field (``user.address``) they count.
_FIELD_ONLY = frozenset({"user.contact.address", "user.device", "user.location.precise"})


@lru_cache(maxsize=16384)
def _words(name: str) -> tuple[str, ...]:
    from ropa.heuristics import _tokens

    return _tokens(name)


@lru_cache(maxsize=16384)
def _last_word(name: str) -> str:
    from ropa.heuristics import _tokens

    tokens = _tokens(name)
    return tokens[-1] if tokens else ""
