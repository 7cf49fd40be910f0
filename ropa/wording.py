"""ropa's wording: the law's labels, the ``Wording`` of a language, how a value reads in it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any

from markupsafe import Markup, escape

from ropa import i18n
from ropa.i18n import N_
from ropa.markup import _md_line, _md_text, _unique, md_escape, midsentence, sentence
from ropa.recordmodel import (
    Storage,
    Transfer,
    Vendor,
)
from ropa.registry import registry_services

RECORD_TITLE = "Record of processing activities"
NOTICE_TITLE = N_("Privacy notice")

# The law's own vocabularies, which the record stores as keys. Record labels cite the article;
# notice wording says the same in plain language.
LEGAL_BASIS_LABELS = {
    "consent": "Consent (Art. 6(1)(a))",
    "contract": "Contract (Art. 6(1)(b))",
    "legal_obligation": "Legal obligation (Art. 6(1)(c))",
    "vital_interests": "Vital interests (Art. 6(1)(d))",
    "public_task": "Public task (Art. 6(1)(e))",
    "legitimate_interests": "Legitimate interests (Art. 6(1)(f))",
}
LEGAL_BASIS_ARTICLES = {
    "consent": "Art. 6(1)(a) GDPR",
    "contract": "Art. 6(1)(b) GDPR",
    "legal_obligation": "Art. 6(1)(c) GDPR",
    "vital_interests": "Art. 6(1)(d) GDPR",
    "public_task": "Art. 6(1)(e) GDPR",
    "legitimate_interests": "Art. 6(1)(f) GDPR",
}
LEGAL_BASIS_PLAIN = {
    "consent": N_("Your consent"),
    "contract": N_(
        "Necessary for our contract with you, or for steps you ask us to take "
        "before entering into one"
    ),
    "legal_obligation": N_("Necessary to comply with a legal obligation"),
    "vital_interests": N_("Necessary to protect your life or someone else's"),
    "public_task": N_("Necessary for a task carried out in the public interest"),
    "legitimate_interests": N_("Our legitimate interests"),
}
SPECIAL_BASIS_LABELS = {
    "explicit_consent": N_("Explicit consent (Art. 9(2)(a))"),
    "employment": N_("Employment, social security and social protection law (Art. 9(2)(b))"),
    "vital_interests": N_("Vital interests of someone unable to consent (Art. 9(2)(c))"),
    "not_for_profit": N_("Not-for-profit body, for its members (Art. 9(2)(d))"),
    "made_public": N_("Data manifestly made public by the person (Art. 9(2)(e))"),
    "legal_claims": N_("Legal claims or courts acting in their judicial capacity (Art. 9(2)(f))"),
    "substantial_public_interest": N_("Substantial public interest (Art. 9(2)(g))"),
    "health_care": N_("Health or social care (Art. 9(2)(h))"),
    "public_health": N_("Public health (Art. 9(2)(i))"),
    "archiving_research": N_("Archiving, research or statistics (Art. 9(2)(j))"),
    "official_authority": N_("Under the control of official authority (Art. 10)"),
    "authorised_by_law": N_("Authorised by Union or Member State law (Art. 10)"),
}
ADM_EXCEPTION_LABELS = {
    "contract": "Necessary for a contract with the person (Art. 22(2)(a))",
    "law": "Authorised by Union or Member State law (Art. 22(2)(b))",
    "explicit_consent": "The person's explicit consent (Art. 22(2)(c))",
}
DPIA_LABELS = {
    "not_required": "Not required (assessed)",
    "required": "Required, not yet carried out",
    "in_progress": "In progress",
}
# One label per ``recordmodel.Mechanism``, the list of safeguards (a test holds all three
# tables below to it).
SAFEGUARD_LABELS = {
    "adequacy": "Adequacy decision (Art. 45)",
    "dpf": "EU-US Data Privacy Framework (Art. 45)",
    "sccs": "Standard contractual clauses (Art. 46(2)(c))",
    "bcrs": "Binding corporate rules (Art. 47)",
    "public_authority_instrument": "Binding instrument between public authorities (Art. 46(2)(a))",
    "code_of_conduct": "Approved code of conduct with binding commitments (Art. 46(2)(e))",
    "certification": "Approved certification with binding commitments (Art. 46(2)(f))",
    "ad_hoc_clauses": "Contractual clauses authorised by a supervisory authority (Art. 46(3)(a))",
    "administrative_arrangement": "Administrative arrangement between public authorities, "
    "authorised by a supervisory authority (Art. 46(3)(b))",
    "uk_idta": "UK International Data Transfer Agreement (UK GDPR Art. 46, DPA 2018 s. 119A)",
    "uk_addendum": "UK Addendum to the standard contractual clauses (UK GDPR Art. 46, "
    "DPA 2018 s. 119A)",
    "derogation_consent": "Derogation: explicit consent to the transfer (Art. 49(1)(a))",
    "derogation_contract": "Derogation: necessary for a contract with the person or in their "
    "interest (Art. 49(1)(b), (c))",
    "derogation_public_interest": "Derogation: important reasons of public interest "
    "(Art. 49(1)(d))",
    "derogation_legal_claims": "Derogation: legal claims (Art. 49(1)(e))",
    "derogation_vital_interests": "Derogation: vital interests of a person unable to consent "
    "(Art. 49(1)(f))",
    "derogation_public_register": "Derogation: transfer from a public register (Art. 49(1)(g))",
    "derogation_compelling_interests": "Derogation: compelling legitimate interests, assessed, "
    "documented and notified to the supervisory authority (Art. 49(1), second subparagraph)",
}
# The notice's wording of each safeguard (adequacy and the DPF have sentences of their own,
# with the decision's date) and the provision it cites.
SAFEGUARD_PLAIN = {
    "sccs": (
        N_("Standard contractual clauses adopted by the European Commission"),
        "Art. 46(2)(c)",
    ),
    "bcrs": (N_("Binding corporate rules approved by a data protection authority"), "Art. 47"),
    "public_authority_instrument": (
        N_("A legally binding agreement between public authorities"),
        "Art. 46(2)(a)",
    ),
    "code_of_conduct": (
        N_("An approved code of conduct, with binding commitments of the recipient"),
        "Art. 46(2)(e)",
    ),
    "certification": (
        N_("An approved certification, with binding commitments of the recipient"),
        "Art. 46(2)(f)",
    ),
    "ad_hoc_clauses": (
        N_("Contractual clauses authorised by a data protection authority"),
        "Art. 46(3)(a)",
    ),
    "administrative_arrangement": (
        N_(
            "An administrative arrangement between public authorities, authorised by a data "
            "protection authority"
        ),
        "Art. 46(3)(b)",
    ),
    "uk_idta": (N_("The UK International Data Transfer Agreement"), "UK GDPR Art. 46"),
    "uk_addendum": (
        N_("The UK Addendum to the European Commission's standard contractual clauses"),
        "UK GDPR Art. 46",
    ),
    "derogation_consent": (
        N_("Your explicit consent to the transfer, given after we told you its risks"),
        "Art. 49(1)(a)",
    ),
    "derogation_contract": (
        N_("The transfer is necessary for a contract with you or in your interest"),
        "Art. 49(1)(b) and (c)",
    ),
    "derogation_public_interest": (
        N_("The transfer is necessary for important reasons of public interest"),
        "Art. 49(1)(d)",
    ),
    "derogation_legal_claims": (
        N_("The transfer is necessary to establish, exercise or defend legal claims"),
        "Art. 49(1)(e)",
    ),
    "derogation_vital_interests": (
        N_("The transfer is necessary to protect someone's life when they cannot consent"),
        "Art. 49(1)(f)",
    ),
    "derogation_public_register": (
        N_("The information comes from a public register open to consultation"),
        "Art. 49(1)(g)",
    ),
    "derogation_compelling_interests": (
        N_(
            "A one-off transfer for our compelling legitimate interests, which we assessed, "
            "documented and reported to the data protection authority"
        ),
        # The second subparagraph of Art. 49(1); the long form would overflow a table cell.
        "Art. 49(1)",
    ),
}
# Safeguards a notice must say how to get a copy of, or where it is published (Art. 13(1)(f)):
# the Art. 46/47 instruments, the UK's, and the documented one-off transfer of Art. 49(1)'s
# second subparagraph; not the derogations of its first (``Art. 49(1)(a)``-``(g)``).
SAFEGUARD_COPY = frozenset(
    key for key, (_, cited) in SAFEGUARD_PLAIN.items() if not cited.startswith("Art. 49(1)(")
)
# What a transfer is: where the data is kept, who can reach it from where.
NATURE_LABELS = {
    "storage": N_("Stored there"),
    "access": N_("Possible access from the head office"),
    "vendor": N_("The vendor's country (no region declared)"),
    "controller": N_("The controller is established there"),
}
ROLE_LABELS = {
    "processor": N_("Processor (Art. 28)"),
    "controller": N_("Independent controller"),
    "joint_controller": N_("Joint controller (Art. 26)"),
}
SOURCE_LABELS = {
    "data_subject": "The data subject",
    "third_party": "Third parties",
    "public": "Publicly available sources",
    "client": "The client, as controller: we process the data it gives us on its instructions",
}
SOURCE_PLAIN = {
    "data_subject": N_("You"),
    "third_party": N_("Other organisations"),
    "public": N_("Publicly available sources"),
    "client": N_("Our client, for whom we process it"),
}
SPECIAL_LABELS = {
    "art9": N_("Special category data (Art. 9)"),
    "art10": N_("Criminal offence data (Art. 10)"),
}
# Which of Art. 15-21 each lawful basis brings with it (GDPR Art. 17(3)(b), 20(1), 21(1)),
# as the UK ICO's lawful-basis guidance tabulates it.
RIGHTS_BY_BASIS = {
    "consent": ("access", "rectification", "erasure", "restriction", "portability", "withdraw"),
    "contract": ("access", "rectification", "erasure", "restriction", "portability"),
    "legal_obligation": ("access", "rectification", "restriction"),
    "vital_interests": ("access", "rectification", "erasure", "restriction"),
    "public_task": ("access", "rectification", "restriction", "objection"),
    "legitimate_interests": ("access", "rectification", "erasure", "restriction", "objection"),
}
RIGHT_LABELS = {
    "access": "Access (Art. 15)",
    "rectification": "Rectification (Art. 16)",
    "erasure": "Erasure (Art. 17)",
    "restriction": "Restriction (Art. 18)",
    "portability": "Data portability (Art. 20)",
    "objection": "Objection (Art. 21)",
    "withdraw": "Withdrawal of consent (Art. 7(3))",
    "automated": "Not to be subject to automated decisions (Art. 22)",
}


class Wording:
    """ropa's wording in one language: its catalog, its dates, its lists, its labels.

    The record is written in English (``Wording()``); the notice in the language it is built
    in. Every label a template or the view shows passes through here, so English output is
    the catalogs' msgids unchanged.
    """

    def __init__(self, lang: str = i18n.DEFAULT_LANGUAGE, *, marked: bool = False) -> None:
        self.lang = lang
        self.catalog = i18n.translations(lang)
        self.marked = marked
        """A draft: a project text left untranslated carries a visible marker."""

    def show(self, value: Any) -> Any:
        """How a printed value appears: a project text without translation (``Untranslated``)
        is tagged with its language, and marked in a draft."""
        from ropa.translate import Untranslated

        if not isinstance(value, Untranslated):
            return value
        return self.tagged(value, escape(str(value)))

    def tagged(self, value: object, html: Markup) -> Markup:
        """``html``, made from ``value``, tagged and marked as ``show`` does when ``value`` is
        an untranslated project text."""
        from ropa.translate import Untranslated

        if not isinstance(value, Untranslated):
            return html
        label = escape(self(N_("not translated")))
        marker = f' <span class="untranslated-marker">[{label}]</span>' if self.marked else ""
        return Markup(f'<span lang="{value.lang}">{html}</span>{marker}')

    def __call__(self, message: str) -> str:
        return self.catalog.gettext(message) if message else message

    def plural(self, singular: str, plural: str, count: int) -> str:
        return self.catalog.ngettext(singular, plural, count)

    def label(self, table: Mapping[str, str], key: object) -> str:
        """The label of ``key`` in the language; a key the table lacks is a text the project
        wrote (a named source), kept as it is, untranslated mark included."""
        if key is None:
            return ""
        text = table.get(str(key))
        return self(text) if text is not None else key if isinstance(key, str) else str(key)

    def date(self, value: object) -> str:
        return i18n.long_date(value, self.lang)

    def sentence(self, items: Iterable[object], sep: str = ", ") -> str:
        """``a, b and c`` in the language (``a, b und c``, ``a, b et c``)."""
        return self.joined(list(items), partial(self._sentence, sep=sep))

    def _sentence(self, words: list[str], sep: str) -> str:
        if sep == ", " and len(words) > 2 and any("," in w for w in words):
            # Names with commas of their own ("Anthropic, PBC", "Resend, Inc."): commas between
            # them would run the names together, so semicolons part them ("a, X; b; and c").
            semicolon = "\u00a0;" if self.lang == "fr" else ";"
            pair = self._sentence(["\x01", "\x02"], sep)
            conjunction = pair[pair.index("\x01") + 1 : pair.index("\x02")]
            return (semicolon + " ").join(words[:-1]) + semicolon + conjunction + words[-1]
        if self.lang == i18n.DEFAULT_LANGUAGE or sep != ", ":
            return sentence(words, sep)
        from babel.lists import format_list

        return format_list(words, locale=self.lang) if words else ""

    def joined(self, items: Sequence[object], join: Callable[[list[str]], str]) -> str:
        """``join`` of the ``items``' texts; when a project text among them is untranslated,
        a ``TextList`` in which each item keeps its language tag and draft marker."""
        from ropa.translate import Untranslated

        if not any(isinstance(i, (Untranslated, TextList)) for i in items):
            return join([str(i) for i in items])
        # The separators are what ``join`` puts between numbered stand-ins of the items.
        stand_ins = [f"\x00{n}\x00" for n in range(len(items))]
        pieces: list[str] = []
        for n, part in enumerate(re.split("\x00([0-9]+)\x00", join(stand_ins))):
            item = items[int(part)] if n % 2 else part
            if isinstance(item, TextList):
                pieces += item.pieces
            elif item != "":
                pieces.append(item if isinstance(item, str) else str(item))
        return TextList(pieces, self)

    def midsentence(self, value: object) -> str:
        """A label inside a sentence; German capitalises every noun, so a label keeps its
        case there but for an adjective before its noun (``private Nachrichten``)."""
        return _recase(value, german_midsentence if self.lang == "de" else midsentence)

    def show_md(self, value: object, escaped: Markup) -> Markup:
        """Markdown has no language tag: an untranslated project text is marked in a draft."""
        from ropa.translate import Untranslated

        if isinstance(value, Untranslated) and self.marked:
            return Markup(f"{escaped} *[{escape(self(N_('not translated')))}]*")
        return escaped

    def md(self, value: object, *, cell: bool = False) -> Markup:
        """``value`` for inline Markdown (``md``) or a table cell (``md_cell``, never empty),
        an untranslated project text marked in a draft: in a list, each after its own words."""
        if isinstance(value, TextList):
            text = _md_line("".join(self.show_md(p, Markup(_md_text(p))) for p in value.pieces))
        else:
            text = self.show_md(value, md_escape(value))
        return text if text or not cell else Markup("\u2014")

    def colon(self, value: object) -> str:
        """A label and its colon, spaced as the language does (``Finalité :`` in French)."""
        return f"{value}\u00a0:" if self.lang == "fr" else f"{value}:"

    def after_colon(self, value: object) -> object:
        """A sentence after a bold label (``**In short:** we ...``): lower case in English and
        French; German keeps its capitals. Markup stays Markup."""
        text = str(value)
        if self.lang == "de" or not text[:1].isupper():
            return value
        lowered = text[:1].lower() + text[1:]
        return Markup(lowered) if isinstance(value, Markup) else lowered

    def vendor_services(self, text: str) -> str:
        """A vendor's description from ropa's registry (``services`` in vendors.yaml) in the
        language; the English text when the catalog lacks it."""
        return self.catalog.pgettext(i18n.VENDOR_SERVICES, text) if text else text

    def vocab(self, kind: str, text: Any) -> Any:
        """A vocabulary label or description (data categories, uses, subjects) in the
        language; the English text when the vocabulary catalog lacks it."""
        if self.lang == i18n.DEFAULT_LANGUAGE or not isinstance(text, str) or not text:
            return text
        return i18n.vocabulary(self.lang).get((kind, text), text)

    def country(self, code: object, english: object) -> str:
        return i18n.country_name(str(code or ""), str(english), self.lang)

    def duration(self, iso: str | None, text: str) -> str:
        return duration_text(iso, text, self)


ENGLISH = Wording()


class TextList(str):
    """Texts joined into one for a document (a list, a sentence) of which some are the
    project's, left untranslated: printed, each keeps its own language tag and draft marker,
    in HTML (``__html__``, which Jinja's escaping and messages' values call) and in Markdown
    (``Wording.md``). Otherwise it is the joined text."""

    pieces: tuple[str, ...]
    """The texts and the separators between them, in order; an untranslated one is
    ``Untranslated``, a piece already escaped is ``Markup``."""
    wording: Wording

    def __new__(cls, pieces: Iterable[str], wording: Wording) -> TextList:
        parts = tuple(pieces)
        self = super().__new__(cls, "".join(parts))
        self.pieces = parts
        self.wording = wording
        return self

    def __html__(self) -> Markup:
        return Markup("".join(escape(self.wording.show(p)) for p in self.pieces))

    def first(self, change: Callable[[str], str]) -> TextList:
        """The list with ``change`` made to its first piece (a capital, a lower case)."""
        head, *rest = self.pieces or ("",)
        return TextList((_same_kind(head, change(head)), *rest), self.wording)


def _same_kind(value: object, text: str) -> str:
    """``text`` made from ``value``, still marked as untranslated when ``value`` was."""
    from ropa.translate import Untranslated

    return Untranslated(text) if isinstance(value, Untranslated) else text


#: A German label that starts with an adjective before its noun (``Private Nachrichten``,
#: ``Biometrische Daten``, ``Personenbezogene Daten``): the endings of the vocabulary's
#: adjectives, which no noun of its labels has before another capitalised word.
_GERMAN_ADJECTIVE = re.compile(
    r"^(?:[A-ZÄÖÜ][a-zäöüß]*(?:isch|lich|ig|ell|iv|ös|al|bezogen|siert|triert|onym|ern|fach)|Privat|Genau|Ungefähr|Eigen)"
    r"(?:e|en|er|es|em)(?= [A-ZÄÖÜ])"
)


def german_midsentence(text: str) -> str:
    """``Private Nachrichten`` -> ``private Nachrichten``; a noun keeps its capital."""
    return text[0].lower() + text[1:] if _GERMAN_ADJECTIVE.match(text) else text


def _recase(value: object, change: Callable[[str], str]) -> str:
    """``change(value)`` (a capital, a lower case) that keeps what ``value`` was: an
    untranslated text, or a list whose first piece is changed."""
    if isinstance(value, TextList):
        return value.first(change)
    return _same_kind(value, change(str(value)))


def basis_citation(key: object, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """The Art. 6(1) point of a legal basis, cited in ``lang``; the key itself when unknown."""
    ref = LEGAL_BASIS_ARTICLES.get(str(key))
    return i18n.gdpr_citation(ref, lang) if ref else ("" if key is None else str(key))


def _label(table: Mapping[str, str], key: object) -> str:
    return "" if key is None else table.get(str(key), str(key))


def duration_text(iso: str | None, text: str, wording: Wording | None = None) -> str:
    """A retention period as a reader counts it: ``P1Y6M`` and ``P18M`` -> ``18 months``
    (``18 Monate``, ``18 mois``), ``P24M`` -> ``2 years``; periods in weeks or days, and
    criteria, as the record says."""
    w = wording or ENGLISH
    match = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?", iso or "")
    if not iso or not match or not (match[1] or match[2]):
        # A period in weeks or days is said as the record words it in English; in another
        # language the record's English words would not do.
        short = re.fullmatch(r"P(\d+)([WD])", iso or "")
        if short and w.lang != i18n.DEFAULT_LANGUAGE:
            num = int(short[1])
            if short[2] == "W":
                return w.plural("%(num)d week", "%(num)d weeks", num) % {"num": num}
            return w.plural("%(num)d day", "%(num)d days", num) % {"num": num}
        return text
    months = int(match[1] or 0) * 12 + int(match[2] or 0)
    if months % 12 == 0:
        years = months // 12
        return w.plural("%(num)d year", "%(num)d years", years) % {"num": years}
    return w.plural("%(num)d month", "%(num)d months", months) % {"num": months}


def place_text(place: Storage, wording: Wording | None = None) -> str:
    """``Frankfurt, Germany (eu-central-1)``; a country given as the region is just named.

    A record read back from JSON may lack a country's name or the region: the code is named
    then, and no empty brackets are written."""
    name = (wording or ENGLISH).country(place.country, place.country_name or place.country)
    if not place.region or place.region == place.country:
        return name
    city = place.city
    where = f"{city}, {name}" if city and city != name else name
    return f"{where} ({place.region})"


def registry_text(vendor: Vendor, text: str, wording: Wording | None = None) -> str:
    """``text``, what ``vendor`` does (its ``services`` or one of its purposes), in
    ``wording``'s language.

    The registry's description of the vendor is ropa's text, translated in ropa's catalog like
    the templates' wording. A text the project wrote (a description of its own under
    ``vendors:`` in ``ropa.yaml``, a disclosure's purpose) is its own, translated in its catalog
    or marked untranslated, and stays as it is.
    """
    w = wording or ENGLISH
    from ropa.translate import Untranslated

    if w.lang == i18n.DEFAULT_LANGUAGE or isinstance(text, Untranslated):
        return text
    return w.vendor_services(text) if text == registry_services(vendor.key) else text


def head_office(vendor: Vendor, wording: Wording | None = None) -> str:
    """Where a vendor's head office is, in ``wording``'s language.

    The registry writes ``City, Region, Country``, the country as ``countries.yaml`` names
    ``vendor.country``: the country is named as the language names it (CLDR), the city and
    region stay as written. A place the project wrote itself (``vendors:`` in ``ropa.yaml``)
    is its own text, translated in its catalog or marked untranslated, and stays as it is.
    """
    w = wording or ENGLISH
    from ropa.translate import Untranslated

    text = vendor.location
    if w.lang == i18n.DEFAULT_LANGUAGE or isinstance(text, Untranslated):
        return text
    head, sep, country = text.rpartition(", ")
    if country != vendor.country_name:
        return text
    return head + sep + w.country(vendor.country, country)


def _nature_text(t: Transfer, *, phrase: bool = False, wording: Wording | None = None) -> str:
    """What a transfer is, for a table cell (``Stored in London (eu-west-2)``) or, as a
    ``phrase``, within a sentence (``stored in London (eu-west-2)``)."""
    w = wording or ENGLISH
    if t.nature == "storage" and t.region and t.region != t.country:
        city = f"{t.city} " if t.city else ""
        text = w("Stored in %(place)s") % {"place": f"{city}({t.region})"}
    else:
        text = w.label(NATURE_LABELS, t.nature)
    return w.midsentence(text[:1].lower() + text[1:]) if phrase and w.lang != "de" else text


def safeguard_citation(ref: str, wording: Wording | None = None) -> str:
    """The article of a transfer safeguard cited in the notice's language: ``Art. 46(2)(c)``
    through ``ropa.i18n.gdpr_citation``; a compound (``Art. 49(1)(b) and (c)``) with the
    GDPR's name translated; the UK's law as it is."""
    w = wording or ENGLISH
    if not ref or ref.startswith("UK"):
        return ref
    try:
        return i18n.gdpr_citation(ref, w.lang)
    except ValueError:
        return w("%(article)s GDPR") % {"article": ref}


# Data a person's device or browser sends without the person typing it in (Art. 13 still
# applies, but "you gave it to us" would be untrue): device identifiers and observed
# behaviour. Purchase history is the record of what the person ordered, so it stays "You".
_OBSERVED_PREFIXES = ("user.device", "user.behavior")
_GIVEN_BEHAVIOUR = ("user.behavior.purchase_history",)
#: The origin of data the person gives, and of data their device sends (notice wording).
ORIGIN_YOU = N_("You")
ORIGIN_DEVICE = N_("Your device (collected automatically)")


def _observed(category: str) -> bool:
    given = any(category == k or category.startswith(k + ".") for k in _GIVEN_BEHAVIOUR)
    return not given and any(
        category == p or category.startswith(p + ".") for p in _OBSERVED_PREFIXES
    )


def _origins(
    category: str, sources: Iterable[str | None], wording: Wording | None = None
) -> list[str]:
    """Where a category comes from, as the notice says it: "You" for what the person gives,
    "Your device (collected automatically)" for what is observed, else the source as
    declared (a named organisation keeps its own spelling)."""
    w = wording or ENGLISH
    out = []
    for source in sources:
        if source in (None, "data_subject"):
            out.append(w(ORIGIN_DEVICE if _observed(category) else ORIGIN_YOU))
        else:
            out.append(w.label(SOURCE_PLAIN, source))
    return _unique(out)
