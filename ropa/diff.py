"""Differences in substance between two records: what privacy counsel needs to review."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ropa.checks import diag
from ropa.model import Diagnostic, Location

#: Activity keys compared; `generated`, `locations` and `id` are not substance.
ACTIVITY_KEYS = (
    "purpose",
    "legal_basis",
    "legitimate_interest",
    "special_category_basis",
    "data_categories",
    "data_subjects",
    "uses",
    "processors",
    "recipients",
    "retention",
    "transfers",
    "source",
    "automated_decision",
    "profiling",
    "requirement",
    "notice",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One difference: ``kind`` is added, removed or changed."""

    kind: str
    subject: str
    """``activity``, ``vendor`` or ``field``."""
    name: str
    key: str | None = None
    old: Any = None
    new: Any = None
    location: Location | None = None

    def describe(self) -> str:
        if self.kind == "changed":
            return (
                f"{self.subject} '{self.name}': {self.key} changed from "
                f"{_show(self.old)} to {_show(self.new)}"
            )
        return f"{self.subject} '{self.name}' {self.kind}"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "name": self.name,
            "key": self.key,
            "old": self.old,
            "new": self.new,
        }


def _show(value: Any) -> str:
    if isinstance(value, dict) and "text" in value:
        return repr(value["text"])
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return "[" + ", ".join(_show(v) for v in value) + "]"
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in sorted(value.items())) + "}"
    return "none" if value is None else repr(value)


def load_record(path: Path) -> dict[str, Any]:
    """Read a saved ``ropa.json``: bounded, strict JSON, valid against the shipped schema."""
    from ropa.recordio import load_record as read

    return read(path)


def _first_location(item: Mapping[str, Any]) -> Location | None:
    # A vendor's "location" is its country, not a place in the code.
    loc = item.get("location")
    locs = item.get("locations") or ([loc] if isinstance(loc, dict) else [])
    if not locs:
        return None
    return Location(path=locs[0]["path"], line=locs[0]["line"], column=1)


def diff_records(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every change in substance from ``old`` to ``new``, in a stable order."""
    changes: list[Change] = []
    before = {a["name"]: a for a in old.get("activities", ())}
    after = {a["name"]: a for a in new.get("activities", ())}
    for name in sorted(before.keys() | after.keys()):
        a, b = before.get(name), after.get(name)
        if a is None and b is not None:
            changes.append(
                Change(kind="added", subject="activity", name=name, location=_first_location(b))
            )
        elif b is None:
            changes.append(Change(kind="removed", subject="activity", name=name))
        elif a is not None:
            for key in ACTIVITY_KEYS:
                if a.get(key) != b.get(key):
                    changes.append(
                        Change(
                            kind="changed",
                            subject="activity",
                            name=name,
                            key=key,
                            old=a.get(key),
                            new=b.get(key),
                            location=_first_location(b),
                        )
                    )
    vendors_old = {v["key"]: v for v in old.get("vendors", ())}
    vendors_new = {v["key"]: v for v in new.get("vendors", ())}
    for key in sorted(vendors_old.keys() | vendors_new.keys()):
        if key not in vendors_old:
            changes.append(
                Change(
                    kind="added",
                    subject="vendor",
                    name=key,
                    location=_first_location(vendors_new[key]),
                )
            )
        elif key not in vendors_new:
            changes.append(Change(kind="removed", subject="vendor", name=key))
    fields_old = {f"{f['model']}.{f['field']}": f for f in old.get("data_inventory", ())}
    fields_new = {f"{f['model']}.{f['field']}": f for f in new.get("data_inventory", ())}
    for key in sorted(fields_old.keys() | fields_new.keys()):
        f_old, f_new = fields_old.get(key), fields_new.get(key)
        if f_old is None and f_new is not None:
            changes.append(
                Change(kind="added", subject="field", name=key, location=_first_location(f_new))
            )
        elif f_new is None:
            changes.append(Change(kind="removed", subject="field", name=key))
        elif f_old is not None and f_old["categories"] != f_new["categories"]:
            changes.append(
                Change(
                    kind="changed",
                    subject="field",
                    name=key,
                    key="categories",
                    old=f_old["categories"],
                    new=f_new["categories"],
                    location=_first_location(f_new),
                )
            )
    return changes


def baseline_diagnostics(path: Path, record: Mapping[str, Any]) -> list[Diagnostic]:
    """ROPA301 for each change from the reviewed baseline to the scanned record."""
    baseline = load_record(path)
    return [
        diag(
            "ROPA301",
            f"differs from baseline {path.as_posix()}: {change.describe()}",
            change.location,
            f"review it, then update the baseline with 'ropa scan --output {path.as_posix()}'",
        )
        for change in diff_records(baseline, record)
    ]


def format_text(changes: Sequence[Change]) -> str:
    if not changes:
        return "no changes in substance\n"
    mark = {"added": "+", "removed": "-", "changed": "~"}
    return "".join(f"{mark[c.kind]} {c.describe()}\n" for c in changes)


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
    icon = {"added": "➕ added", "removed": "➖ removed", "changed": "✏️ changed"}
    for c in changes:
        what = f"{c.subject} `{_md(c.name)}`"
        detail = (
            f"`{c.key}`: {_md(_show(c.old))} → {_md(_show(c.new))}" if c.kind == "changed" else ""
        )
        lines.append(f"| {icon[c.kind]} | {what} | {detail} |")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_json(changes: Sequence[Change]) -> str:
    return json.dumps([c.as_json() for c in changes], indent=2, ensure_ascii=False) + "\n"


FORMATS = {"text": format_text, "markdown": format_markdown, "json": format_json}
