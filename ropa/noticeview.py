"""The notice's groupings of the record: transfers by what protects them, what each kind of
person should know, and the CCPA's categories."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ropa.markup import _unique
from ropa.recordmodel import CcpaCategory, Term, Vendor, Vocabulary
from ropa.wording import ENGLISH, Wording


def _vocab(vocabulary: Vocabulary, kind: str, key: str, field: str = "label") -> Any:
    terms: Mapping[str, Term] = getattr(vocabulary, kind)
    entry = terms.get(key)
    if entry is None:
        return key if field == "label" else None
    return getattr(entry, field, key if field == "label" else None)


def _days(iso: str | None) -> int | None:
    match = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", iso or "")
    if not match or not iso:
        return None
    y, m, w, d = (int(g) if g else 0 for g in match.groups())
    return y * 365 + m * 30 + w * 7 + d


def _slug_text(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def mechanisms(
    transfers: list[dict[str, Any]], vendors: Mapping[str, Vendor]
) -> list[dict[str, Any]]:
    """The transfers grouped by what protects them, so the notice states each safeguard
    once: one group per safeguard, and per country for adequacy decisions (each country
    has its own decision)."""
    groups: dict[tuple[str, ...], dict[str, Any]] = {}
    for t in transfers:
        safeguard = str(t["safeguard"] or "")
        country = str(t["country_name"]) if safeguard == "adequacy" else ""
        nature = str(t.get("nature") or "")
        own = "controller" if nature == "controller" else ""
        document = str(t.get("document_url") or "")
        group = groups.setdefault(
            (safeguard, country, own, document),
            {
                "safeguard": t["safeguard"],
                "country_name": country,
                "adequacy_decision": t["adequacy_decision"] if safeguard != "sccs" else None,
                "first": t,
                "named": [],
                "countries": [],
                "vendors": [],
            },
        )
        vendor = vendors.get(t["vendor"])
        name = str(vendor.name if vendor else t["vendor"])
        # Regions: a recipient that stores in the EEA but whose head office can reach the data.
        note = str(t["nature_phrase"]) if nature == "access" else ""
        if (name, note) not in group["named"]:
            group["named"].append((name, note))
        group["vendors"].append(t["vendor"])
        group["countries"] = _unique([*group["countries"], str(t["country_name"])])
    order = {"adequacy": 0, "dpf": 1, "sccs": 2, "bcrs": 3}
    return [
        _named(g) for _, g in sorted(groups.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0]))
    ]


def _named(group: dict[str, Any]) -> dict[str, Any]:
    """A group's recipients, each with its note (``AWS (possible access from the head
    office)``); and, for a sentence that puts the countries in brackets after the names, the
    names with the last one's note moved into those brackets (``AWS (United States; possible
    access from the head office)``), never two brackets in a row."""
    named = group.pop("named")
    shown = [f"{name} ({note})" if note else name for name, note in named]
    return {
        **group,
        "recipients": shown,
        "recipients_before_countries": [*shown[:-1], named[-1][0]] if named else [],
        "last_note": named[-1][1] if named else "",
    }


def audiences(
    activities: list[dict[str, Any]], vocabulary: Vocabulary, wording: Wording | None = None
) -> list[dict[str, Any]]:
    """One entry per kind of person the notice addresses, with what applies to them; empty
    when the notice addresses only one kind, which then needs no sorting by audience."""
    keys = _unique(s for a in activities for s in a["data_subjects"])
    if len(keys) < 2:
        return []
    out = []
    w = wording or ENGLISH

    def subject(k: str) -> str:
        return str(w.vocab("subjects", _vocab(vocabulary, "subjects", k)))

    for key in sorted(keys, key=lambda k: (subject(k), k)):
        acts = [a for a in activities if key in a["data_subjects"]]
        cats: dict[str, dict[str, Any]] = {}
        for a in acts:
            for c in a["categories"]:
                cats.setdefault(c["key"], c)
        retained = sorted(
            (d, a["retention"]["text"])
            for a in acts
            if a["retention"] and (d := _days(a["retention"]["iso"])) is not None
        )
        out.append(
            {
                "key": key,
                "label": subject(key),
                "anchor": "audience-" + _slug_text(key),
                "activities": acts,
                "categories": sorted(cats.values(), key=lambda c: (c["label"], c["key"])),
                "purposes": _unique(
                    label for a in acts for label in (a["use_labels"] or [a["name"]])
                ),
                "vendors": _unique(v["name"] for a in acts for v in a["vendors"]),
                "recipients": _unique(r for a in acts for r in a["recipients"]),
                "shortest": retained[0][1] if retained else None,
                "longest": retained[-1][1] if retained else None,
                "criteria": _unique(
                    a["retention"]["text"]
                    for a in acts
                    if a["retention"] and a["retention"]["iso"] is None
                ),
                "consent": [a for a in acts if relies_on_consent(a)],
            }
        )
    return out


def relies_on_consent(a: Mapping[str, Any]) -> bool:
    return bool(a["legal_basis"] == "consent" or a["special_category_basis"] == "explicit_consent")


def ccpa_rows(
    vocabulary: Vocabulary,
    activities: list[dict[str, Any]],
    vendors: list[dict[str, Any]],
    wording: Wording | None = None,
) -> list[dict[str, Any]]:
    """One row per Cal. Civ. Code 1798.140(v)(1) category the notice's activities collect."""
    w = wording or ENGLISH
    names = vocabulary.ccpa_categories
    letters: dict[str, list[dict[str, Any]]] = {}
    for a in activities:
        for c in a["categories"]:
            for letter in c["ccpa"]:
                letters.setdefault(letter, [])
                if c["key"] not in {x["key"] for x in letters[letter]}:
                    letters[letter].append(c)
    rows = []
    for letter in sorted(letters):
        cats = sorted(letters[letter], key=lambda c: (c["label"], c["key"]))
        keys = {c["key"] for c in cats}
        users = [a for a in activities if keys & set(a["data_categories"])]
        retention: dict[str, list[str]] = {}
        for a in users:
            text = a["retention"]["text"] if a["retention"] else None
            retention.setdefault(text or "", []).append(a["name"])
        info = names.get(letter) or CcpaCategory(name=f"Category {letter}", description="")
        rows.append(
            {
                "letter": letter,
                "name": w.vocab("ccpa", info.name),
                "description": w.vocab("ccpa", info.description),
                "examples": cats,
                "sensitive": any(c["ccpa_sensitive"] for c in cats),
                "sources": _unique(a["source"] for a in users),
                "purposes": _unique(
                    label for a in users for label in (a["use_labels"] or [a["name"]])
                ),
                "recipients": _unique(
                    [
                        f"{v['services']} ({v['name']})"
                        for v in vendors
                        if keys & set(v["data_categories"])
                    ]
                    + [r for a in users for r in a["recipients"]]
                ),
                "retention": [
                    {"text": text or None, "activities": acts} for text, acts in retention.items()
                ],
            }
        )
    return rows
