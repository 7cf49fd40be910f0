"""The sample's documents, walked item by item against GDPR Art. 30(1), 13, 14 and the CCPA.

Each check names the legal item it stands for and the section of the page where the item must
appear; the tests list every item that is missing rather than stopping at the first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from ropa.pipeline import Outcome
from ropa.recordio import as_record
from ropa.render import (
    LEGAL_BASIS_ARTICLES,
    LEGAL_BASIS_LABELS,
    LEGAL_BASIS_PLAIN,
    ROLE_LABELS,
    SAFEGUARD_LABELS,
    duration_text,
    long_date,
    midsentence,
    render_documents,
)

RIGHTS = {
    "right-to-object-title": "Your right to object",
    "right-of-access": "Right of access",
    "right-to-rectification": "Right to rectification",
    "right-to-erasure": "Right to erasure",
    "right-to-restriction": "Right to restriction of processing",
    "right-to-portability": "Right to data portability",
    "right-to-withdraw-consent": "Right to withdraw consent",
    "exercising-rights": "How to exercise your rights",
    "right-to-complain": "Right to lodge a complaint",
}

Item = tuple[str, str, str]
"""(legal item, section id, text that must appear in that section)."""


class _Sections(HTMLParser):
    """The text and the link targets inside every element that has an id, nesting included."""

    VOID = frozenset({"br", "wbr", "meta", "img", "hr", "input", "link"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: dict[str, list[str]] = {}
        self.links: dict[str, set[str]] = {}
        self.classes: dict[str, set[str]] = {}
        self._open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        ident = values.get("id")
        href = values.get("href")
        for _, open_id in self._open:
            if open_id is not None:
                if href:
                    self.links[open_id].add(href)
                self.classes[open_id].update((values.get("class") or "").split())
        if tag in self.VOID:
            return
        if ident is not None:
            self.text[ident], self.links[ident], self.classes[ident] = [], set(), set()
            if href:
                self.links[ident].add(href)
        self._open.append((tag, ident))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                return

    def handle_data(self, data: str) -> None:
        for _, open_id in self._open:
            if open_id is not None:
                self.text[open_id].append(data)

    def section(self, ident: str) -> str:
        return " ".join("".join(self.text.get(ident, [])).split())


@pytest.fixture(scope="module")
def documents(
    sample_outcome: Outcome, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], dict[str, _Sections]]:
    record = sample_outcome.record.as_json()
    out = tmp_path_factory.mktemp("law")
    render_documents(as_record(record), out, formats=["html"])
    parsed = {}
    for name in ("ropa.html", "privacy-notice.html"):
        sections = _Sections()
        sections.feed((out / name).read_text("utf-8"))
        parsed[name] = sections
    return record, parsed


def _labels(record: dict[str, Any], kind: str, keys: list[str]) -> list[str]:
    return [record["vocabulary"][kind][k]["label"] for k in keys]


def _vendor(record: dict[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(v for v in record["vendors"] if v["key"] == key)
    return found


def _client(record: dict[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in record["clients"] if c["key"] == key)
    return found


def _in_notice(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The activities the notice speaks of as controller: never those done for clients."""
    return [a for a in record["activities"] if a["notice"] and a["role"] != "processor"]


def _missing(items: Iterator[Item], doc: _Sections) -> list[str]:
    missing = []
    for item, section, text in items:
        if section not in doc.text:
            missing.append(f"{item}: no section #{section}")
        elif text not in doc.section(section):
            missing.append(f"{item}: {text!r} not in #{section}")
    return missing


def _record_items(record: dict[str, Any]) -> Iterator[Item]:
    c, dpo = record["controller"], record["dpo"]
    yield "Art. 30(1)(a) controller name", "contacts", c["name"]
    yield "Art. 30(1)(a) controller contact", "contacts", c["email"]
    yield "Art. 30(1)(a) controller address", "contacts", c["address"]
    yield "Art. 30(1)(a) DPO name", "contacts", dpo["name"]
    yield "Art. 30(1)(a) DPO contact", "contacts", dpo["email"]
    yield "Art. 30(1)(a) representative", "contacts", "Representative in the EU"
    yield "Art. 30(1)(a) joint controllers", "contacts", "Joint controllers"
    for a in record["activities"]:
        sid = f"activity-{a['id']}"
        name = a["name"]
        yield f"overview: {name}", "overview", name
        yield f"overview: purpose of {name}", "overview", a["purpose"]
        yield f"Art. 30(1)(b) purpose of {name}", sid, a["purpose"]
        if a["role"] == "processor":
            # Art. 30(2): the client decides the basis; the record names the client instead.
            for key in a["on_behalf_of"]:
                client = _client(record, key)
                yield f"Art. 30(2)(a) client of {name}", sid, client["name"]
                yield f"Art. 30(2)(b) {name} in the part of {key}", f"client-{key}", name
            continue
        yield f"Art. 6(1) legal basis of {name}", sid, LEGAL_BASIS_LABELS[a["legal_basis"]]
        if a["legitimate_interest"]:
            yield f"Art. 6(1)(f) interest of {name}", sid, a["legitimate_interest"]
        for label in _labels(record, "subjects", a["data_subjects"]):
            yield f"Art. 30(1)(c) data subjects of {name}", sid, label
        for label in _labels(record, "categories", a["data_categories"]):
            yield f"Art. 30(1)(c) data categories of {name}", sid, label
        for key in a["processors"]:
            yield f"Art. 30(1)(d) recipient of {name}", sid, _vendor(record, key)["name"]
        for recipient in a["recipients"]:
            yield f"Art. 30(1)(d) recipient of {name}", sid, recipient
        for t in a["transfers"]:
            vendor = _vendor(record, t["vendor"])
            yield f"Art. 30(1)(e) transfer country of {name}", sid, vendor["country_name"]
            yield f"Art. 30(1)(e) safeguard of {name}", sid, SAFEGUARD_LABELS[t["safeguard"]]
        period = duration_text(a["retention"]["iso"], a["retention"]["text"])
        yield f"Art. 30(1)(f) retention of {name}", sid, period
        yield f"Art. 30(1)(g) security of {name}", sid, "Security measures"
        for loc in a["locations"]:
            yield f"code location of {name}", sid, f"{loc['path']}:{loc['line']}"
    for v in record["vendors"]:
        yield f"processor annex: {v['key']}", "recipients", v["name"]
        yield f"processor annex: role of {v['key']}", "recipients", ROLE_LABELS[v["role"]]
        yield f"processor annex: location of {v['key']}", "recipients", v["location"]
        if v["safeguard"]:
            yield (
                f"processor annex: safeguard of {v['key']}",
                "recipients",
                (SAFEGUARD_LABELS[v["safeguard"]]),
            )
    for t in record["transfers"]:
        vendor = _vendor(record, t["vendor"])
        yield f"transfers: {t['vendor']}", "transfers", vendor["name"]
        yield f"transfers: country of {t['vendor']}", "transfers", t["country_name"]
        yield (
            f"transfers: safeguard of {t['vendor']}",
            "transfers",
            (SAFEGUARD_LABELS[t["safeguard"]]),
        )
        yield (
            f"transfers: adequacy date of {t['vendor']}",
            "transfers",
            (long_date(t["adequacy_decision"])),
        )
    for part in record["processing_for_clients"]:
        sid = f"client-{part['client']}"
        yield f"Art. 30(2)(a) client {part['client']}", sid, part["name"]
        yield f"Art. 30(2)(a) contact of {part['client']}", sid, part["contact"]
        for key in part["sub_processors"]:
            yield f"sub-processor of {part['client']}", sid, _vendor(record, key)["name"]
        for t in part["transfers"]:
            yield (
                f"Art. 30(2)(c) transfer of {part['client']}",
                sid,
                _vendor(record, t["vendor"])["name"],
            )
    for j in record["joint_controllers"]:
        for key in ("name", "responsibilities", "arrangement"):
            yield f"Art. 26 joint controller {j['key']}: {key}", "contacts", j[key]
    for measure in record["security_measures"]:
        yield "Art. 30(1)(g) security measure", "security", measure
    for row in record["data_inventory"]:
        yield f"inventory: {row['model']}", "inventory", row["model"]
        yield f"inventory: field {row['field']}", "inventory", row["field"]
    yield "gaps", "gaps", "None"


def test_record_holds_every_article_30_item(
    documents: tuple[dict[str, Any], dict[str, _Sections]],
) -> None:
    record, parsed = documents
    doc = parsed["ropa.html"]
    missing = _missing(_record_items(record), doc)
    for v in record["vendors"]:
        links = doc.links["recipients"]
        if v["dpa"]:
            if v["dpa"] not in links:
                missing.append(f"processor annex: DPA link of {v['key']}")
        elif v["role"] == "processor" and "missing" not in doc.classes["recipients"]:
            missing.append(f"processor annex: missing-DPA marker of {v['key']}")
        if v["privacy_policy"] not in links:
            missing.append(f"processor annex: privacy policy of {v['key']}")
    assert not missing, "\n".join(missing)


def test_record_cover_names_the_controller_commit_date_and_tool(
    documents: tuple[dict[str, Any], dict[str, _Sections]],
) -> None:
    record, parsed = documents
    cover = parsed["ropa.html"].section("cover")
    generated = record["generated"]
    assert record["controller"]["name"] in cover
    assert (generated["source"]["commit"] or "Not under version control") in cover
    assert ("uncommitted changes" if generated["source"]["dirty"] else "clean") in cover
    assert long_date(generated["date"]) in cover
    assert f"{generated['tool']} {generated['version']}" in cover


def _notice_items(record: dict[str, Any]) -> Iterator[Item]:
    c, dpo, authority = record["controller"], record["dpo"], record["supervisory_authority"]
    shown = _in_notice(record)
    names = {a["name"] for a in shown}
    yield "summary", "summary", "What we collect"
    for heading in ("Who we are", "What we collect", "Why", "Who receives it", "How long"):
        yield f"summary: {heading}", "summary", heading
    yield "summary: your rights", "summary", "Your rights"
    yield "Art. 13(1)(a) controller identity", "who-we-are", c["name"]
    yield "Art. 13(1)(a) controller contact", "who-we-are", c["email"]
    yield "Art. 13(1)(a) controller address", "who-we-are", c["address"]
    yield "Art. 13(1)(b) DPO", "who-we-are", dpo["name"]
    yield "Art. 13(1)(b) DPO contact", "who-we-are", dpo["email"]
    for a in shown:
        sid = f"purpose-{a['id']}"
        name = a["name"]
        yield f"Art. 13(1)(c) purpose of {name}", sid, a["purpose"]
        yield f"Art. 13(1)(c) legal basis of {name}", sid, LEGAL_BASIS_PLAIN[a["legal_basis"]]
        yield f"Art. 13(1)(c) article of {name}", sid, LEGAL_BASIS_ARTICLES[a["legal_basis"]]
        if a["legal_basis"] == "legitimate_interests":
            yield f"Art. 13(1)(d) legitimate interest of {name}", sid, a["legitimate_interest"]
        period = duration_text(a["retention"]["iso"], a["retention"]["text"])
        yield f"Art. 13(2)(a) retention of {name}", sid, period
        yield f"Art. 13(2)(a) retention table: {name}", "retention-table", period
        yield f"retention table row: {name}", "retention-table", name
        if a["requirement"]:
            yield f"Art. 13(2)(e) requirement of {name}", "requirement", a["requirement"]
        for label in _labels(record, "categories", a["data_categories"]):
            yield f"Art. 14(1)(d) category {label}", "what-we-collect", label
    for column in ("Vendor", "Location", "Purpose", "Privacy policy"):
        yield f"Art. 13(1)(e) vendor table column {column}", "vendor-table", column
    for a in record["activities"]:
        if a["role"] == "processor" and a["notice"]:
            yield f"service for customers: {a['name']}", "for-customers", a["purpose"]
        if a["role"] == "joint_controller" and a["notice"]:
            for key in a["joint_controllers"]:
                j = next(j for j in record["joint_controllers"] if j["key"] == key)
                yield f"Art. 26(2) essence with {key}", f"purpose-{a['id']}", j["arrangement"]
                yield f"Art. 26 joint controller {key}", "who-we-are", j["name"]
    # One vendor table: an SDK's provider is a row of it, marked, with the data it receives.
    for v in _notice_vendors(record, names):
        yield f"Art. 13(1)(e) recipient {v['key']}", "vendor-table", v["name"]
        yield f"Art. 13(1)(e) location of {v['key']}", "vendor-table", v["location"]
        policy = re.sub(r"^https?://", "", v["privacy_policy"]).rstrip("/")
        yield f"Art. 13(1)(e) privacy policy of {v['key']}", "vendor-table", policy
        if v["sdk"]:
            yield f"SDK marked: {v['key']}", "vendor-table", "software in our service"
            for label in _labels(record, "categories", v["data_categories"]):
                yield f"SDK data of {v['key']}", "vendor-table", midsentence(label)
    for t in record["transfers"]:
        if not names & set(t["activities"]):
            continue  # only for work done for clients: their notices say it
        yield f"Art. 13(1)(f) transfer to {t['vendor']}", "transfers", t["country_name"]
        yield (
            f"Art. 13(1)(f) adequacy of {t['vendor']}",
            "transfers",
            (long_date(t["adequacy_decision"])),
        )
    yield "Art. 13(1)(f) safeguard wording", "transfers", "EU-US Data Privacy Framework"
    for ident, heading in RIGHTS.items():
        yield f"Art. 13(2)(b)-(d) {heading}", ident, heading
    yield "Art. 21(4) objection set apart", "right-to-object", "Your right to object"
    yield "Art. 21(1) objection wording", "right-to-object", "on grounds relating to your"
    yield "Art. 13(2)(b) how to exercise", "rights", "To exercise any of these rights"
    yield "Art. 13(2)(c) withdraw consent", "rights", "Right to withdraw consent"
    yield "Art. 13(2)(d) complaint", "rights", "Right to lodge a complaint"
    yield "Art. 13(2)(d) supervisory authority", "rights", authority["name"]
    yield "Art. 13(2)(f) automated decisions", "automated-decisions", "automated"
    yield "Art. 14(2)(f) sources", "category-table", "Where it comes from"
    yield "children", "children", f"children under {record['notice']['children_min_age']}"
    yield "changes", "changes", "update this notice"
    yield "effective date", "changes", long_date(record["notice"]["effective_date"])
    yield "security", "security", record["security_measures"][0]


def _notice_vendors(record: dict[str, Any], names: set[str]) -> list[dict[str, Any]]:
    """Vendors serving an activity of the notice, or linked to none (still a disclosure)."""
    return [v for v in record["vendors"] if not v["activities"] or names & set(v["activities"])]


def test_notice_holds_every_article_13_and_14_item(
    documents: tuple[dict[str, Any], dict[str, _Sections]],
) -> None:
    record, parsed = documents
    doc = parsed["privacy-notice.html"]
    missing = _missing(_notice_items(record), doc)
    if "objection" not in doc.classes["rights"]:
        missing.append("Art. 21(4): the objection is not set apart in its own box")
    for v in _notice_vendors(record, {a["name"] for a in _in_notice(record)}):
        if v["privacy_policy"] not in doc.links["vendor-table"]:
            missing.append(f"privacy policy link of {v['key']}")
    if record["supervisory_authority"]["url"] not in doc.links["rights"]:
        missing.append("supervisory authority link")
    assert not missing, "\n".join(missing)


def test_notice_opens_with_a_summary_and_each_section_with_in_short(
    documents: tuple[dict[str, Any], dict[str, _Sections]],
) -> None:
    _, parsed = documents
    doc = parsed["privacy-notice.html"]
    order = list(doc.text)
    sections = [
        "who-we-are",
        "what-we-collect",
        "purposes",
        "recipients",
        "transfers",
        "retention",
        "automated-decisions",
        "requirement",
        "rights",
        "security",
        "children",
        "changes",
        "california",
    ]
    assert order.index("summary") < min(order.index(s) for s in sections)
    for ident in sections:
        assert doc.section(ident).split(" ", 3)[1:3] == ["In", "short:"] or (
            "In short:" in doc.section(ident)[:200]
        ), ident


def _ccpa_items(record: dict[str, Any]) -> Iterator[Item]:
    shown = _in_notice(record)
    vocab = record["vocabulary"]
    letters = sorted(
        {x for a in shown for k in a["data_categories"] for x in vocab["categories"][k]["ccpa"]}
    )
    assert letters
    for letter in letters:
        name = vocab["ccpa_categories"][letter]["name"]
        yield f"CCPA category {letter}", "ccpa-categories", ""
        yield f"CCPA category {letter}", f"ccpa-{letter.lower()}", f"{letter}. {name}"
        for a in shown:
            for key in a["data_categories"]:
                if letter in vocab["categories"][key]["ccpa"]:
                    label = vocab["categories"][key]["label"]
                    # The first of a list is capitalised, the others are not: the label
                    # after its first letter.
                    yield f"CCPA {letter} example {label}", f"ccpa-{letter.lower()}", label[1:]
    for key, term in vocab["categories"].items():
        if term["ccpa_sensitive"]:
            yield f"CCPA sensitive {key}", "ccpa-sensitive", midsentence(term["label"])
    # Sources, purposes, recipients and retention: the main sections, pointed to once.
    for section in ("What information we collect", "Why we use your information"):
        yield f"CCPA points to {section}", "ccpa-categories", section
    for section in ("Who receives your information", "How long we keep your information"):
        yield f"CCPA points to {section}", "ccpa-categories", section
    sells = (
        "We do not sell your personal information"
        if not record["notice"]["ccpa"]["sells"]
        else "sell"
    )
    yield "CCPA sale", "ccpa-sale", sells
    shares = "do not share it" if not record["notice"]["ccpa"]["shares"] else "share"
    yield "CCPA sharing", "ccpa-sale", shares
    for right in (
        "Right to know",
        "Right to delete",
        "Right to correct",
        "Right to opt out of sale and sharing",
        "Right to limit the use of sensitive personal information",
        "Right to non-discrimination",
    ):
        yield f"CCPA {right}", "ccpa-rights", right


def test_notice_has_the_california_section(
    documents: tuple[dict[str, Any], dict[str, _Sections]],
) -> None:
    record, parsed = documents
    assert "ccpa" in record["jurisdictions"]
    missing = _missing(_ccpa_items(record), parsed["privacy-notice.html"])
    assert not missing, "\n".join(missing)


def test_sensitive_data_is_marked(sample_outcome: Outcome, tmp_path: Path) -> None:
    record = sample_outcome.record.as_json()
    record["vocabulary"]["categories"]["user.contact.phone_number"]["special"] = "art9"
    render_documents(as_record(record), tmp_path, formats=["html"])
    for name in ("ropa.html", "privacy-notice.html"):
        html = (tmp_path / name).read_text("utf-8")
        assert (
            'Phone number <span class="badge badge-sensitive">Special category data (Art. 9)</span>'
            in html
        ), name
    notice = (tmp_path / "privacy-notice.html").read_text("utf-8")
    assert "including sensitive information (phone number)" in notice
    # Activities using it now need an Art. 9(2) condition, which the record lacks; the
    # scan would have recorded the gap (documents mark only the record's gaps).
    assert "Missing declaration:</strong> Art. 9(2) condition" not in notice
    for a in record["activities"]:
        if "user.contact.phone_number" in a["data_categories"]:
            record["gaps"].append(
                {
                    "id": f"art9_condition:{a['id']}",
                    "item": "art9_condition",
                    "activity": a["name"],
                    "vendor": None,
                    "message": "no Art. 9/10 condition for user.contact.phone_number",
                    "where": "shop/x.py:1",
                    "code": "ROPA107",
                    "level": "error",
                }
            )
    render_documents(as_record(record), tmp_path, formats=["html"])
    notice = (tmp_path / "privacy-notice.html").read_text("utf-8")
    assert "><strong>Missing declaration:</strong> Art. 9(2) condition" in notice


def test_the_walker_notices_a_missing_item(
    documents: tuple[dict[str, Any], dict[str, _Sections]], tmp_path: Path
) -> None:
    record, _ = documents
    override = tmp_path / "templates"
    override.mkdir()
    (override / "notice.html.j2").write_text(
        '{% extends "builtin/notice.html.j2" %}{% block retention %}{% endblock %}'
        "{% block children %}{% endblock %}"
    )
    render_documents(as_record(record), tmp_path / "out", formats=["html"], templates=override)
    doc = _Sections()
    doc.feed((tmp_path / "out" / "privacy-notice.html").read_text("utf-8"))
    missing = _missing(_notice_items(record), doc)
    assert any(m.startswith("retention table row") for m in missing)
    assert any(m.startswith("children: no section") for m in missing)
