"""Printed values made safe and readable: escaped for HTML and Markdown, linked, breakable."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup, escape

from ropa import i18n


def css_counter(text: object) -> Markup:
    """A translated "Page {page} of {pages}" as a CSS ``content`` value: the words become CSS
    strings (backslash and quote escaped, so a catalog cannot end the string) and the two
    placeholders the page counters."""
    parts = []
    for piece in re.split(r"(\{pages?\})", str(text)):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            quoted = re.sub(r'[\\"\n<>]', lambda m: f"\\{ord(m.group()):x} ", piece)
            parts.append(f'"{quoted}"')
    return Markup(" ".join(parts))


# Characters that change how the text around them looks without being visible: C0/C1
# controls and the bidirectional overrides (a U+202E in a purpose would show the rest of the
# line reversed). They are shown as their code point instead.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def visible_controls(value: Any) -> Any:
    """Every printed value passes here: invisible controls become ``[U+202E]``."""
    if isinstance(value, str) and _INVISIBLE.search(value):
        cleaned = _INVISIBLE.sub(lambda m: f"[U+{ord(m[0]):04X}]", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


# A full stop doubled where a sentence's own stop follows a name that ends in one ("Twilio
# Inc." + "."): two stops before a space, a tag, a closing bracket or the end, never three.
_DOUBLE_STOP = re.compile(r"(?<![.])\.\.(?=[\s<)\]*_]|$)")


def single_stops(text: str) -> str:
    """``Twilio Inc..`` -> ``Twilio Inc.``; an ellipsis and ``../`` stay as they are."""
    return _DOUBLE_STOP.sub(".", text)


def sentence(items: Iterable[object], sep: str = ", ") -> str:
    """``a, b and c``; with another separator, ``a; b; c``."""
    words = [str(i) for i in items]
    if sep != ", " or len(words) < 3:
        return sep.join(words) if sep != ", " else " and ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


@jinja2.pass_context
def breakable(context: jinja2.runtime.Context, value: object) -> Markup:
    """Escaped text that may wrap after ``/``, ``.`` and ``_`` (paths, dotted names).

    On screen a ``<wbr>`` marks each place. The PDF gets the plain text, which print.css lets
    wrap anywhere: every ``<wbr>`` is an element WeasyPrint styles and lays out, and a data
    inventory of 2,000 fields had 10,000 of them (a third of the time spent on that table).
    """
    text = escape(value)
    if context.get("for_print"):
        return text
    return Markup(re.sub(r"([/._])", r"\1<wbr>", str(text)))


def long_date(value: object) -> str:
    """``2026-01-15`` -> ``15 January 2026``; anything else as it is."""
    return i18n.long_date(value)


def midsentence(value: object) -> str:
    """A label as it reads inside a sentence: ``Cookie ID`` -> ``cookie ID``; an initialism
    (``IP address``), a name the vocabulary spells in capitals (``CV``) or a text that starts
    with a company's or a product's name (an activity ``Slack assistant``, ``Stripe
    payments``) keeps its case."""
    text = str(value)
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text[1].isalpha():
        first = re.match(r"[^\W\d_]+", text)
        if first and first.group().lower() in proper_names():
            return text
        return text[0].lower() + text[1:]
    return text


#: Names of services people know that the registry does not hold (it holds vendors that
#: receive personal data; an activity may name a platform it serves).
_OTHER_NAMES = frozenset(
    """
    android apple chatgpt claude confluence discord facebook gemini github gitlab gmail google
    icloud instagram jira linkedin mastodon meta microsoft notion outlook shopify telegram
    tiktok trello twitter whatsapp wordpress youtube zoom
    """.split()
)
#: First words of vendors' names that are ordinary words at the start of an activity's name.
_COMMON_WORDS = frozenset(
    """
    auth block box bunny customer elastic fly functional heap hound hugging new open segment
    square the
    """.split()
)


@functools.cache
def proper_names() -> frozenset[str]:
    """Lower-case first words of the registry's vendors' names and keys, and of other
    well-known services: a text starting with one is a name, whose case a sentence keeps."""
    from ropa.registry import load_registry

    names = set(_OTHER_NAMES)
    for key, vendor in load_registry().items():
        for text in (key.split("-")[0], vendor.name):
            first = re.match(r"[^\W\d_]+", text)
            if first and len(first.group()) > 2:
                names.add(first.group().lower())
    return frozenset(names - _COMMON_WORDS)


def capfirst(value: object) -> str:
    """The first letter in upper case, the rest as it is (Jinja's ``capitalize`` lowers it)."""
    text = str(value)
    return text[:1].upper() + text[1:]


@jinja2.pass_context
def url_text(context: jinja2.runtime.Context, value: object) -> Markup:
    """An address as a reader copies it: no ``https://``, no trailing ``/``; in the PDF, a
    line may break after each ``/`` or before each ``.`` only, never inside a word."""
    text = re.sub(r"^https?://", "", str(value or "")).rstrip("/")
    escaped = str(escape(text))
    if context.get("for_print"):
        # U+200B (zero width space) is a break opportunity WeasyPrint honours without
        # laying out an element per break, unlike <wbr>. An e-mail address breaks only after
        # its "@"; a web address after a "/" or before a ".".
        # Each piece between two of those places is kept whole (a line would otherwise
        # break after a "-" inside a domain name).
        if "@" in text and "/" not in text:
            escaped = escaped.replace("@", "@\u200b")
        else:
            escaped = re.sub(r"(/)(?=.)", "\\1\u200b", escaped)
            escaped = re.sub(r"(?<=.)(\.)", "\u200b\\1", escaped)
        escaped = "\u200b".join(
            f'<span class="nobr">{piece}</span>' if "-" in piece else piece
            for piece in escaped.split("\u200b")
        )
    return Markup(escaped)


#: An e-mail address inside a sentence (a trailing full stop is the sentence's, not the address's).
_EMAIL_IN_TEXT = re.compile(r"([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")


@jinja2.pass_context
def prose(context: jinja2.runtime.Context, value: object) -> Markup:
    """A project's free text with each e-mail address in it a mailto link, which the PDF breaks
    only after its "@" (running text is hyphenated: "pri-vacy@" read as part of the address)."""
    out = []
    for n, part in enumerate(_EMAIL_IN_TEXT.split(str(value or ""))):
        href = mailto(part) if n % 2 else None
        if href:
            out.append(
                Markup('<a class="email" href="{}">{}</a>').format(href, url_text(context, part))
            )
        else:
            out.append(escape(part))
    return Markup("").join(out)


def short_commit(value: object) -> str:
    return str(value)[:12] if value else "unknown"


def safe_url(value: object) -> str | None:
    """The URL when it is an absolute http(s) address, else None (never ``javascript:``)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if _INVISIBLE.search(text) or any(c.isspace() or c in "<>\"'`" for c in text):
        return None
    return text


def mailto(value: object) -> str | None:
    text = str(value or "").strip()
    if not re.fullmatch(r"[^@\s<>\"'`]+@[^@\s<>\"'`]+", text):
        return None
    return "mailto:" + quote(text, safe="@.+-_")


def tel(value: object) -> str | None:
    digits = re.sub(r"[^\d+]", "", str(value or ""))
    return f"tel:{digits}" if len(digits) >= 5 else None


# Markdown escaping. CommonMark lets any ASCII punctuation be backslash-escaped; these are
# the characters that start markup inline (``<`` included, so no HTML from the record reaches
# a docs site). ``&`` needs escaping only where it would start an entity, and ``-``, ``+`` or
# ``1.`` only at the start of a line, where they would start a list.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>#|~])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_BLOCK_START = re.compile(r"^([-+]|\d{1,9}[.)])(?=\s|$)")


_MD_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def md_escape(value: object) -> Markup:
    """Text for inline Markdown: escaped, on one line, never starting a block."""
    return _md_line(_md_text(str("" if value is None else value)))


def _md_text(text: str) -> str:
    """``text`` escaped for Markdown, on one line (a no-break space stays one: French
    "Inc.\u00a0;", German "Art.\u00a06")."""
    text = _MD_SPACES.sub(" ", text)
    text = _MD_ENTITY.sub("&amp;", text)
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_line(text: str) -> Markup:
    """Escaped Markdown text without spaces at its ends, never starting a block."""
    text = text.strip(" ")
    return Markup(_MD_BLOCK_START.sub(lambda m: m[1][:-1] + "\\" + m[1][-1], text))


def md_cell(value: object) -> Markup:
    """Text for a GitHub table cell: as ``md`` (pipes escaped, one line), never empty."""
    text = md_escape(value)
    return text if text else Markup("\u2014")


def md_link(value: object, text: object = None) -> Markup:
    """``[text](<url>)`` for an http(s) URL; the escaped text alone otherwise."""
    url = safe_url(value)
    if url is None:
        return md_escape(text if text is not None else value)
    if text is None:
        return Markup(f"<{url}>")
    return Markup(f"[{md_escape(text)}](<{url}>)")


def md_email(value: object) -> Markup:
    """``<user@example.com>`` (a CommonMark autolink) for a plain address; else escaped text."""
    text = str(value or "").strip()
    if re.fullmatch(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", text):
        return Markup(f"<{text}>")
    return md_escape(text)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))
