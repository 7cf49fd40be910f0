"""One difference between two records, and the three ways it is shown (text, Markdown, JSON)."""

from __future__ import annotations

import json
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ropa.model import Location


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One difference: ``kind`` is added, removed, renamed or changed."""

    kind: str
    subject: str
    """What kind of item: ``activity``, ``vendor``, ``field``, ``DPO``, ``record``..."""
    name: str | None
    """Which item; None for the record's single blocks (controller, DPO, notice...)."""
    key: str | None = None
    old: Any = None
    new: Any = None
    location: Location | None = None

    def describe(self) -> str:
        """One line, with every control or bidi character of the record shown escaped."""
        what = self.subject if self.name is None else f"{self.subject} {_quote(self.name)}"
        if self.kind == "changed":
            if self.key is not None:
                what = f"{what}: {visible(self.key)}"
            old, new = self.shown()
            delta = "; ".join(
                f"{verb} {', '.join(map(visible, items))}" for verb, items in self.delta()
            )
            return f"{what} changed from {old} to {new}" + (f" ({delta})" if delta else "")
        if self.kind == "renamed":
            return f"{what} renamed to {_quote(str(self.new))}"
        return f"{what} {self.kind}"

    def shown(self) -> tuple[str, str]:
        """The old and the new value, short where that still shows the difference."""
        old, new = _show(self.old), _show(self.new)
        if old == new:  # a retention's text changed under the same ISO value, say
            return visible(canon(self.old)), visible(canon(self.new))
        return old, new

    def delta(self) -> list[tuple[str, list[str]]]:
        """For a list of texts that changed: what was added to it and what removed."""
        if not _texts(self.old) or not _texts(self.new):
            return []
        added = sorted(set(self.new) - set(self.old))
        removed = sorted(set(self.old) - set(self.new))
        return [(verb, items) for verb, items in (("added", added), ("removed", removed)) if items]

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "name": self.name,
            "key": self.key,
            "old": self.old,
            "new": self.new,
        }


# Everything non-printable (controls, bidi overrides, zero-width and line separators, lone
# surrogates) is shown as an escape, so no name can forge a line or reorder what is read.
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def visible(text: str) -> str:
    """``text`` with backslashes and every non-printable character written as escapes."""
    return "".join(_ESCAPES.get(ch) or (ch if ch.isprintable() else _escape(ch)) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _quote(text: str) -> str:
    return f"'{visible(text)}'"


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping) and set(value) == {"iso", "text"}:
        # A retention: what the project wrote (an ISO duration or a phrase).
        return _show(value["iso"] if value["iso"] is not None else value["text"])
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_show_item(v) for v in value) + "]"
    if isinstance(value, Mapping):
        items = sorted(value.items(), key=lambda kv: str(kv[0]))
        return "{" + ", ".join(f"{visible(str(k))}: {_show(v)}" for k, v in items) + "}"
    return visible(canon(value))


def _texts(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def _show_item(value: Any) -> str:
    return visible(value) if isinstance(value, str) else _show(value)


def _normal(value: Any) -> Any:
    """``value`` with lists sorted: the order of categories, measures or vendors is no change."""
    if isinstance(value, Mapping):
        return {str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return sorted((_normal(v) for v in value), key=canon)
    return value


def canon(value: Any) -> str:
    """A text equal for two values exactly when they are equal in substance."""
    return json.dumps(_normal(value), sort_keys=True, default=str)


_MARK = {"added": "+", "removed": "-", "changed": "~", "renamed": "~"}


def format_text(changes: Sequence[Change]) -> str:
    if not changes:
        return "no changes in substance\n"
    return "".join(f"{_MARK[c.kind]} {c.describe()}\n" for c in changes)


_ICON = {
    "added": "➕ added",
    "removed": "➖ removed",
    "changed": "✏️ changed",
    "renamed": "✏️ renamed",
}


def format_markdown(changes: Sequence[Change]) -> str:
    if not changes:
        return "### ropa: no changes to the record of processing\n"
    lines = [
        f"### ropa: {len(changes)} change{'s' if len(changes) != 1 else ''} "
        "to the record of processing",
        "",
        "| | What | Change |",
        "|---|---|---|",
    ]
    for c in changes:
        what = c.subject if c.name is None else f"{c.subject} {_code(visible(c.name))}"
        detail = ""
        if c.kind == "changed":
            old, new = c.shown()
            key = f"{_code(visible(c.key))}: " if c.key is not None else ""
            detail = f"{key}{_code(old)} → {_code(new)}"
            delta = "; ".join(
                f"{verb} " + ", ".join(_code(visible(i)) for i in items)
                for verb, items in c.delta()
            )
            detail += f" ({delta})" if delta else ""
        elif c.kind == "renamed":
            detail = f"to {_code(visible(str(c.new)))}"
        lines.append(f"| {_ICON[c.kind]} | {what} | {detail} |")
    return "\n".join(lines) + "\n"


# Text from a record is made inert for GitHub-flavoured Markdown in three layers: control and
# bidi characters are escaped visibly first (no raw newline ends a table row); then every ASCII
# punctuation mark is backslash-escaped, so nothing opens a link, an image, emphasis, a table
# cell or an autolink (``https\://`` and ``www\.`` are not linked), and < > & " become
# entities, so no HTML tag survives; last, it is set inside <code>, where GitHub neither
# resolves @mentions, #references and :emoji: nor lets it read as ropa's own words.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_PUNCTUATION = frozenset(string.punctuation)


def _code(shown: str) -> str:
    return f"<code>{_inert(shown)}</code>"


def _inert(shown: str) -> str:
    """Already visible text (no control characters left) made inert in Markdown."""
    return "".join(_ENTITIES.get(ch) or (f"\\{ch}" if ch in _PUNCTUATION else ch) for ch in shown)


def format_json(changes: Sequence[Change]) -> str:
    text = json.dumps([c.as_json() for c in changes], indent=2, ensure_ascii=False) + "\n"
    return _json_visible(text)


def _json_visible(text: str) -> str:
    """JSON text with every non-printable character inside its strings as a ``\\u`` escape
    (the same value to a JSON reader, and no bidi override reaching a terminal or a log)."""
    out: list[str] = []
    for ch in text:
        if ch.isprintable() or ch in "\n ":
            out.append(ch)
        elif ord(ch) > 0xFFFF:
            high, low = divmod(ord(ch) - 0x10000, 0x400)
            out.append(f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}")
        else:
            out.append(f"\\u{ord(ch):04x}")
    return "".join(out)


FORMATS = {"text": format_text, "markdown": format_markdown, "json": format_json}
