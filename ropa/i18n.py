"""Languages: ropa's own wording from its gettext catalogs, dates per locale, language codes."""

from __future__ import annotations

import functools
import gettext
import io
import re
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import IO

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ropa.errors import RopaError

#: The languages a notice can be built in; the first is the one ropa is written in.
LANGUAGES = ("en", "de", "fr")
DEFAULT_LANGUAGE = LANGUAGES[0]
#: The languages the record can be built in: it is for the DPO and auditors, in English.
RECORD_LANGUAGES = ("en",)
#: The gettext domain of ropa's own wording (ropa/locale/LANG/LC_MESSAGES/ropa.po).
DOMAIN = "ropa"


def N_(message: str) -> str:
    """Marks a string for extraction (``pybabel extract -k N_``) without translating it:
    tables of labels are read at import, their entries translated when a document is made."""
    return message


def check_language(code: str, available: Iterable[str] = LANGUAGES, what: str = "--lang") -> str:
    """``code`` when ropa has it, else a RopaError that lists the languages it has."""
    known = tuple(available)
    if code not in known:
        raise RopaError(
            f"{what}: unknown language '{code}' (available: {', '.join(known)})",
        )
    return code


def language_list(text: str) -> tuple[str, ...]:
    """``"de, fr"`` -> ``("de", "fr")``: the value of ``--lang``, checked, without repeats."""
    codes = tuple(dict.fromkeys(c.strip().lower() for c in text.split(",") if c.strip()))
    if not codes:
        raise RopaError(f"--lang: no language given (available: {', '.join(LANGUAGES)})")
    return tuple(check_language(c) for c in codes)


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """ropa's wording in ``lang``: its .po compiled in memory once per process.

    The .po files are the only form shipped: compiling one takes milliseconds, and there is no
    .mo to forget to rebuild after an edit (a stale .mo would silently print old wording).
    English is the source language: its catalog is the identity.
    """
    check_language(lang)
    if lang == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    return compile_catalog(load_catalog(lang))


def load_catalog(lang: str) -> Catalog:
    """The Babel catalog of ropa's own wording in ``lang``, as shipped in the wheel."""
    path = resources.files("ropa") / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN, abort_invalid=True)


def compile_catalog(catalog: Catalog) -> gettext.GNUTranslations:
    """A catalog as the ``gettext`` module uses it (fuzzy entries left out, as msgfmt does)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


#: The domain of the vocabulary's labels and descriptions, each with its kind as context.
VOCABULARY_DOMAIN = "vocabulary"
VOCABULARY_KINDS = ("categories", "uses", "subjects", "ccpa")


@functools.cache
def vocabulary(lang: str) -> dict[tuple[str, str], str]:
    """The vocabulary in ``lang``: (kind, English text) -> translation, for every entry its
    catalog translates (fuzzy ones left out)."""
    check_language(lang)
    if lang == DEFAULT_LANGUAGE:
        return {}
    path = resources.files("ropa") / "locale" / lang / "LC_MESSAGES" / f"{VOCABULARY_DOMAIN}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=VOCABULARY_DOMAIN, abort_invalid=True)
    return {
        (str(m.context), str(m.id)): str(m.string)
        for m in catalog
        if m.id and m.context and isinstance(m.string, str) and m.string and not m.fuzzy
    }


def vocabulary_template() -> Catalog:
    """``ropa/locale/vocabulary.pot``: every label and description of ropa's vocabulary
    (taxonomy.yaml) with its kind as context. A test keeps the shipped file equal to it."""
    from ropa.yamlio import load_yaml

    source = resources.files("ropa") / "data" / "taxonomy.yaml"
    data = load_yaml(source.read_text("utf-8"), "taxonomy.yaml", shipped=True)
    catalog = Catalog(domain=VOCABULARY_DOMAIN, project="ropa", fuzzy=False)
    for key, entry in sorted(dict(data["ccpa_categories"]).items()):
        for field in ("name", "description"):
            catalog.add(str(entry[field]), context="ccpa", auto_comments=[f"ccpa {key} {field}"])
    for kind in ("categories", "uses", "subjects"):
        for key, entry in dict(data[kind]).items():
            for field in ("label", "description"):
                text = entry.get(field)
                if text:
                    catalog.add(str(text), context=kind, auto_comments=[f"{key} {field}"])
    return catalog


#: The context of a registry vendor's description (``services`` in ``vendors.yaml``) in
#: ropa's catalog: the same words may mean something else elsewhere in the notice.
VENDOR_SERVICES = "vendor services"


def extract_registry(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """``pybabel extract``'s reader of ``ropa/data/vendors.yaml`` (``babel.cfg``): each vendor's
    description as a message of ropa's catalog, in the context ``VENDOR_SERVICES``, with its
    line and the vendor's key for the translator. The registry is ropa's own text: the notice
    shows it in its language, as it does the templates' wording."""
    from ropa.yamlio import load_yaml

    data = load_yaml(fileobj.read(), "vendors.yaml", shipped=True)
    for key, entry in data.items():
        line = entry.key_lines.get("services", data.key_lines.get(key, 1))
        yield line, "pgettext", (VENDOR_SERVICES, str(entry["services"])), [f"vendor {key}"]


def long_date(value: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """``2026-12-01`` -> ``1 December 2026``, ``1. Dezember 2026``, ``1 décembre 2026``;
    anything that is not such a date as it is."""
    text = "" if value is None else str(value)
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match or not 1 <= int(match[2]) <= 12:
        return text
    if lang == DEFAULT_LANGUAGE:
        # ropa's English form (day month year) predates Babel, whose "en" is American.
        return f"{int(match[3])} {_MONTHS[int(match[2]) - 1]} {match[1]}"
    import datetime as dt

    try:
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return text
    return format_date(day, format="long", locale=lang)


#: An article of the GDPR as ropa's English writes it: ``6(1)(f)``, ``Art. 45 GDPR``.
_CITATION = re.compile(
    r"(?:Art\.\s*)?(\d+)(?:\((\d+)\))?(?:\(([a-z])\)(?: and \(([a-z])\))?)?(?:\s+GDPR)?"
)


def gdpr_citation(ref: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """An article of the GDPR cited as lawyers in ``lang`` cite it.

    ``6(1)(f)`` (or ``Art. 6(1)(f) GDPR``) is ``Art. 6(1)(f) GDPR`` in English,
    ``Art. 6 Abs. 1 lit. f DSGVO`` in German and ``article 6, paragraphe 1, point f), du
    RGPD`` in French, the forms of the Regulation's official language versions; a no-break
    space keeps each number with its word; ``49(1)(b) and (c)`` cites two points. Anything
    else is a ValueError: a template that cites ``Art. 9 and 10`` words it itself.
    """
    match = _CITATION.fullmatch(ref.strip())
    if not match:
        raise ValueError(f"not a GDPR article reference: {ref!r}")
    article, paragraph, point, second = match.groups()
    if lang == "de":
        parts = [f"Art.\u00a0{article}"]
        parts += [f"Abs.\u00a0{paragraph}"] if paragraph else []
        parts += [f"lit.\u00a0{point}"] if point else []
        parts += [f"und {second}"] if second else []
        return " ".join(parts) + " DSGVO"
    if lang == "fr":
        text = f"article\u00a0{article}"
        text += f", paragraphe\u00a0{paragraph}" if paragraph else ""
        if point:
            text += f", points\u00a0{point}) et {second})" if second else f", point\u00a0{point})"
        return text + (", du RGPD" if paragraph or point else " du RGPD")
    check_language(lang)
    english = f"({paragraph})" if paragraph else ""
    english += f"({point})" if point else ""
    english += f" and ({second})" if second else ""
    return f"Art. {article}{english} GDPR"


def country_name(code: str | None, english: str, lang: str) -> str:
    """A country's name in ``lang`` from the CLDR data Babel ships; the English name when
    ``code`` is not an ISO 3166 code CLDR knows (or the language is English)."""
    if lang == DEFAULT_LANGUAGE or not code:
        return english
    name = Locale.parse(lang).territories.get(code.upper())
    return str(name) if name else english


def html_lang(lang: str) -> str:
    """The value of ``<html lang>``: a BCP 47 tag, which the language codes already are."""
    return lang


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
