"""The documents as files: formats, golden HTML, determinism, escaping, CSV, overrides, atomicity.

Golden files are the sample project's documents with the commit pinned; review changes by eye
and rewrite them with ``ROPA_UPDATE_GOLDEN=1 pytest tests/test_render.py``.
"""

from __future__ import annotations

import copy
import csv
import io
import itertools
import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import ropa.csvout
import ropa.pdf
from ropa.cli import main
from ropa.errors import RecordError, RopaError
from ropa.pipeline import Outcome, dump_record, run_scan
from ropa.record import slug
from ropa.recordio import as_record, load_record
from ropa.recordmodel import Record
from ropa.render import (
    OutputFormat,
    builtin_templates,
    environment,
    md_escape,
    render_documents,
)

from .conftest import DATE, REPO, SAMPLE

GOLDEN = Path(__file__).parent / "golden"
PINNED_SOURCE = {"commit": "0123456789abcdef0123456789abcdef01234567", "dirty": False}
TEXT_FORMATS = ("html", "json", "csv", "md")

# The column headings of the ICO's documentation template for controllers (sheet "Template",
# columns A to AD), as it prints them.
ICO_COLUMNS = [
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are "
    "transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or "
    "international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 condition for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "Link to record of legitimate interests assessment (if applicable)",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "The source of the personal data (if applicable)",
    "Link to record of consent",
    "Location of personal data",
    "Data Protection Impact Assessment required?",
    "Data Protection Impact Assessment progress",
    "Link to Data Protection Impact Assessment",
    "Has a personal data breach occurred?",
    "Link to record of personal data breach",
    "Data Protection Act 2018 Schedule 1 Condition for processing",
    "GDPR Article 6 lawful basis for processing",
    "Link to retention and erasure policy document",
    "Is personal data retained and erased in accordance with the policy document?",
    "Reasons for not adhering to policy document (if applicable)",
]


@pytest.fixture
def record(sample_outcome: Outcome) -> dict[str, Any]:
    """The sample record with the commit pinned, so documents do not change with each commit."""
    data = sample_outcome.record.as_json()
    data["generated"]["source"] = dict(PINNED_SOURCE)
    return data


def _gap(record: dict[str, Any], item: str, activity: str | None = None) -> None:
    """Add the gap a scan would record with the item that a test removes by hand."""
    gap_id = ":".join([item, *([slug(activity)] if activity else [])])
    record["gaps"].append(
        {
            "id": gap_id,
            "item": item,
            "activity": activity,
            "vendor": None,
            "message": f"{item} missing",
            "where": "ropa.yaml:1",
            "code": "ROPA120",
            "level": "warning",
        }
    )


def _render(record: dict[str, Any], out: Path, **options: Any) -> dict[str, str]:
    options.setdefault("formats", TEXT_FORMATS)
    render_documents(as_record(record), out, **options)
    return {p.name: p.read_text("utf-8") for p in sorted(out.iterdir())}


def _activity(record: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(a for a in record["activities"] if a["name"] == name)
    return found


# Formats and files.


def test_every_output_format_names_its_files() -> None:
    files = {f: f.files() for f in OutputFormat}
    assert all(files.values()), files
    assert [name for f in OutputFormat for name in f.files()] == [
        "ropa.html",
        "privacy-notice.html",
        "ropa.pdf",
        "privacy-notice.pdf",
        "ropa.json",
        "ropa.csv",
        "privacy-notice.md",
        "ropa.xlsx",
    ]


def test_files_are_written_in_document_order(record: dict[str, Any], tmp_path: Path) -> None:
    written = render_documents(as_record(record), tmp_path, formats=["csv", "html", "json"])
    assert [p.name for p in written] == [
        "ropa.json",
        "ropa.html",
        "ropa.csv",
        "privacy-notice.html",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


def test_markdown_only_when_asked(record: dict[str, Any], tmp_path: Path) -> None:
    assert "privacy-notice.md" not in _render(record, tmp_path, formats=["html"])
    written = render_documents(as_record(record), tmp_path, formats=["md"])
    assert [p.name for p in written] == ["privacy-notice.md"]


def test_unknown_format_is_refused(record: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        render_documents(as_record(record), tmp_path, formats=["docx"])


def test_builtin_templates_are_found() -> None:
    names = {p.name for p in builtin_templates().iterdir()}
    assert {"base.html.j2", "record.html.j2", "notice.html.j2", "notice.md.j2"} <= names


# Golden files.


@pytest.mark.parametrize(
    "name", ["ropa.html", "privacy-notice.html", "privacy-notice.md", "ropa.csv"]
)
def test_sample_documents_match_golden(record: dict[str, Any], tmp_path: Path, name: str) -> None:
    text = _render(record, tmp_path)[name]
    path = GOLDEN / f"sample-{name}"
    if os.environ.get("ROPA_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")


# Determinism.


def test_two_renders_are_byte_identical(record: dict[str, Any], tmp_path: Path) -> None:
    first = _render(record, tmp_path / "a")
    second = _render(copy.deepcopy(record), tmp_path / "b")
    assert first == second


def test_saved_record_renders_like_the_built_one(record: dict[str, Any], tmp_path: Path) -> None:
    built = _render(record, tmp_path / "built")
    saved = _render(json.loads(dump_record(record)), tmp_path / "saved")
    assert built == saved
    assert built["ropa.json"] == dump_record(record)


def test_documents_carry_the_record_date_not_the_clock(
    record: dict[str, Any], tmp_path: Path
) -> None:
    record["generated"]["date"] = "2031-03-07"
    docs = _render(record, tmp_path)
    for name in ("ropa.html", "privacy-notice.html", "privacy-notice.md"):
        assert "7 March 2031" in docs[name], name


# Escaping: text from code never becomes markup.

HOSTILE = "<script>alert(1)</script> </td> \"quoted\" 'single' \u202eevil & co"


class _Tags(HTMLParser):
    """Every start tag and every href of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]


def _hostile(record: dict[str, Any]) -> dict[str, Any]:
    record["controller"]["name"] = HOSTILE
    fraud = _activity(record, "Fraud screening")
    fraud["purpose"] = HOSTILE
    fraud["legitimate_interest"] = HOSTILE
    fraud["recipients"] = [HOSTILE]
    record["security_measures"].append(HOSTILE)
    record["vendors"][0]["name"] = HOSTILE
    record["vendors"][0]["privacy_policy"] = "javascript:alert(1)"
    return record


def test_hostile_text_is_text_in_html(record: dict[str, Any], tmp_path: Path) -> None:
    clean = _render(record, tmp_path / "clean", formats=["html"])
    docs = _render(_hostile(record), tmp_path / "hostile", formats=["html"])
    for name in ("ropa.html", "privacy-notice.html"):
        html = docs[name]
        parsed, before = _Tags(), _Tags()
        parsed.feed(html)
        before.feed(clean[name])
        assert "script" not in parsed.tags, name
        # No element appears that the clean document did not have (no </td> breakout).
        assert set(parsed.tags) == set(before.tags), name
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;/td&gt;" in html, name
        assert "&#34;quoted&#34; &#39;single&#39;" in html, name
        assert "\u202e" not in html and "[U+202E]evil &amp; co" in html, name
        assert not any(h.lower().startswith("javascript") for h in parsed.hrefs), name
    assert "javascript:alert(1)" in docs["privacy-notice.html"]  # shown, not linked


def test_hostile_text_is_text_in_markdown(record: dict[str, Any], tmp_path: Path) -> None:
    fraud = _activity(_hostile(record), "Fraud screening")
    fraud["retention"] = {"iso": None, "text": "a | b\nc\r\n| d |"}
    record["vendors"][1]["location"] = "Pipe | Town\n# Heading"
    md = _render(record, tmp_path, formats=["md"])["privacy-notice.md"]
    assert not re.search(r"(?<!\\)</?(script|td)", md)
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert "a \\| b c \\| d \\|" in md
    assert "Pipe \\| Town \\# Heading" in md
    assert "\u202e" not in md
    for table in re.findall(r"(?:^\|.*\|\n)+", md, flags=re.MULTILINE):
        widths = {len(re.findall(r"(?<!\\)\|", line)) for line in table.splitlines()}
        assert len(widths) == 1, table


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("- starts a list", "\\- starts a list"),
        ("1. starts a list", "1\\. starts a list"),
        ("+49 30 555", "+49 30 555"),
        ("0.1.0", "0.1.0"),
        ("Okafor & Partner", "Okafor & Partner"),
        ("&amp; stays text", "&amp;amp; stays text"),
        ("two\nlines", "two lines"),
        (
            "*bold* _it_ `code` [link](x) <b>",
            "\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\<b\\>",
        ),
    ],
)
def test_markdown_escape(text: str, expected: str) -> None:
    assert str(md_escape(text)) == expected


# CSV.


def _csv_rows(text: str) -> list[list[str]]:
    """The activities' table: the heading row, then one row per activity."""
    return ropa.csvout.table_rows(text)


def test_csv_has_every_ico_column_and_a_row_per_activity(
    record: dict[str, Any], tmp_path: Path
) -> None:
    text = _render(record, tmp_path, formats=["csv"])["ropa.csv"]
    raw = (tmp_path / "ropa.csv").read_bytes()
    assert raw.endswith(b"\r\n")
    # The contact block (heading, controller, DPO, representative), an empty row, the table.
    assert raw.count(b"\r\n") == 4 + 1 + 1 + len(record["activities"])
    rows = _csv_rows(text)
    assert len(ICO_COLUMNS) == 30
    assert rows[0][: len(ICO_COLUMNS)] == ICO_COLUMNS  # the template's own, in its order
    assert list(ropa.csvout.COLUMNS) == rows[0]
    assert len(rows) == 1 + len(record["activities"])
    every = list(csv.reader(io.StringIO(text, newline="")))
    assert all(len(row) == len(rows[0]) for row in every)  # rectangular, block included
    fraud = next(r for r in rows if r[1].startswith("Fraud screening:"))
    cell = dict(zip(rows[0], fraud))
    assert cell["Article 6 lawful basis for processing personal data"] == (
        "Legitimate interests (Art. 6(1)(f))"
    )
    assert "Stripe, Inc." in cell["Categories of recipients"]
    assert "United States" in cell[ICO_COLUMNS[7]]
    assert "EU-US Data Privacy Framework" in cell[ICO_COLUMNS[8]]
    assert cell["Retention schedule (if possible)"] == "1 year"
    assert "Card details" in cell["Categories of personal data"]  # labels, not keys
    # The sample keeps its LIAs in a register (lia= on the activity).
    assert (
        cell["Link to record of legitimate interests assessment (if applicable)"]
        == (_activity(record, "Fraud screening")["lia"])
    )
    assert "shop/services/fraud.py:30" in cell["Declared in code"]
    assert "user." not in text


def test_csv_opens_with_the_controller_dpo_and_representative(
    record: dict[str, Any], tmp_path: Path
) -> None:
    every = list(csv.reader(io.StringIO(_render(record, tmp_path, formats=["csv"])["ropa.csv"])))
    assert every[0][:5] == ["", "Name", "Address", "Email", "Telephone"]
    block = {row[0]: row[1:5] for row in every[1:4]}
    assert block["Controller"] == [
        "Kestrel Outfitters GmbH",
        "Oranienstraße 42, 10999 Berlin, Germany",
        "privacy@kestrel-outfitters.example",
        "'+49 30 555 0100",  # a leading "+" would be a formula to a spreadsheet
    ]
    assert block["Data Protection Officer"][0].startswith("Dr. Miriam Okafor")
    assert block["Representative"][0] == "Not declared"
    assert not any(every[4])
    # As the record holds ``dpo: {required: false, reason: ...}`` of ropa.yaml.
    record["dpo"] = None
    record["dpo_requirement"] = {"required": False, "reason": "No large-scale monitoring"}
    text = _render(record, tmp_path / "2", formats=["csv"])["ropa.csv"]
    every = list(csv.reader(io.StringIO(text)))
    assert every[2][:2] == ["Data Protection Officer", "Not required: No large-scale monitoring"]


def test_csv_business_function_is_the_owner_not_data_uses(
    record: dict[str, Any], tmp_path: Path
) -> None:
    for activity in record["activities"]:
        activity["owner"] = None
    rows = _csv_rows(_render(record, tmp_path, formats=["csv"])["ropa.csv"])
    # Nobody declared an owner: the column stays empty rather than showing data-use labels.
    assert all(row[0] == "" for row in rows[1:])
    _activity(record, "Fraud screening")["owner"] = "Payments team"
    rows = _csv_rows(_render(record, tmp_path / "2", formats=["csv"])["ropa.csv"])
    fraud = next(r for r in rows if r[1].startswith("Fraud screening:"))
    assert fraud[0] == "Payments team"


def test_csv_fills_the_accountability_columns_from_the_record(
    record: dict[str, Any], tmp_path: Path
) -> None:
    """Keys DESIGN §9 adds to the record fill their ICO columns once present."""
    fraud = _activity(record, "Fraud screening")
    fraud.update(
        lia="https://wiki.example/lia/fraud",
        dpia="https://wiki.example/dpia/fraud",
        retention_policy="https://wiki.example/retention",
        description="Scores each card payment before it is captured.",
        automated_decision_exception="contract",
        automated_decision_effects="A blocked payment cannot be completed",
    )
    fraud["automated_decision"] = "Payments scoring above a threshold are blocked"
    record.update(
        breach={"procedure": "Incident runbook IR-1", "register": "https://wiki.example/breaches"},
        review={"date": "2026-01-10", "by": "DPO"},
        privacy_policy_url="https://shop.example/privacy",
    )
    rows = _csv_rows(_render(record, tmp_path, formats=["csv"])["ropa.csv"])
    cell = dict(zip(rows[0], next(r for r in rows if r[1].startswith("Fraud screening:"))))
    assert cell[ICO_COLUMNS[14]] == "https://wiki.example/lia/fraud"
    assert cell["Data Protection Impact Assessment required?"] == "Yes"
    assert cell["Data Protection Impact Assessment progress"] == "Completed"
    assert cell["Link to Data Protection Impact Assessment"] == "https://wiki.example/dpia/fraud"
    assert cell["Link to record of personal data breach"] == "https://wiki.example/breaches"
    assert cell["Link to retention and erasure policy document"] == "https://wiki.example/retention"
    assert "Exception: necessary for a contract (Art. 22(2)(a))" in cell[ICO_COLUMNS[16]]
    assert "A blocked payment cannot be completed" in cell[ICO_COLUMNS[16]]
    assert cell["Activity description"].startswith("Scores each card payment")
    assert cell["Privacy policy"] == "https://shop.example/privacy"
    assert cell["Personal data breach procedure"] == "Incident runbook IR-1"
    assert cell["Last reviewed (date, by)"] == "2026-01-10, DPO"


def test_csv_names_criminal_offence_data_as_such(record: dict[str, Any], tmp_path: Path) -> None:
    invoices = _activity(record, "Fraud screening")
    invoices["data_categories"].append("user.criminal_history")
    record["vocabulary"]["categories"]["user.criminal_history"] = {
        "label": "Criminal history",
        "description": "",
        "special": "art10",
        "ccpa": [],
        "ccpa_sensitive": False,
    }
    # special_category_basis={"condition": ..., "law": ...} is recorded as two keys.
    invoices["special_category_basis"] = "authorised_by_law"
    invoices["special_category_law"] = "DPA 2018 Sch. 1 para 10"
    rows = _csv_rows(_render(record, tmp_path, formats=["csv"])["ropa.csv"])
    cell = dict(zip(rows[0], next(r for r in rows if r[1].startswith("Fraud screening:"))))
    assert "Criminal history (criminal offence data)" in cell["Categories of personal data"]
    assert "(special category)" not in cell["Categories of personal data"]
    assert cell[ICO_COLUMNS[12]].endswith(", under DPA 2018 Sch. 1 para 10")
    assert cell["Data Protection Act 2018 Schedule 1 Condition for processing"] == (
        "DPA 2018 Sch. 1 para 10"
    )
    assert cell["GDPR Article 6 lawful basis for processing"] == (
        "Legitimate interests (Art. 6(1)(f))"
    )


def test_csv_marks_work_done_for_clients_and_reads_the_other_parts_keys(
    record: dict[str, Any], tmp_path: Path
) -> None:
    """Keys the roles and regions parts of issue 11 put in the record, read by their names."""
    record["clients"] = [
        {
            "key": "bolt",
            "name": "Bolt Bikes GmbH",
            "contact": "dpo@bolt.test",
            "representative": None,
            "dpo": None,
        }
    ]
    hosting = _activity(record, "Hosting")
    hosting.update(role="processor", on_behalf_of=["bolt"], retention=None)
    fraud = _activity(record, "Fraud screening")
    fraud["special_category_law"] = "DPA 2018 Sch. 1 para 10"
    fraud["special_category_basis"] = "substantial_public_interest"
    stripe = next(v for v in record["vendors"] if v["key"] == "stripe")
    stripe["storage"] = [
        {"region": "eu-west-1", "country": "IE", "country_name": "Ireland", "city": "Dublin"}
    ]
    nowhere = {"region": None, "city": None}
    fraud["transfers"].append(
        {
            "vendor": None,
            "country": "US",
            "country_name": "United States",
            "safeguard": None,
            "nature": "controller",
            **nowhere,
        }
    )
    fraud["transfers"].append(
        {
            "vendor": "stripe",
            "country": "US",
            "country_name": "United States",
            "safeguard": "dpf",
            "nature": "access",
            **nowhere,
        }
    )
    record["dpo"] = None
    record["dpo_requirement"] = {"required": False, "reason": "Fewer than 250 staff, no monitoring"}
    text = _render(record, tmp_path, formats=["csv"])["ropa.csv"]
    rows = _csv_rows(text)
    cells = {r[1].split(":")[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    host = cells["Hosting"]
    assert host[ICO_COLUMNS[11]] == "Not applicable: processed as processor for Bolt Bikes GmbH"
    assert host["Rights available to individuals"] == ""
    assert host["Retention schedule (if possible)"] == "As the client instructs (Art. 28(3)(g))"
    assert host["Role for this activity"] == "Processor for Bolt Bikes GmbH"
    screen = cells["Fraud screening"]
    assert screen[ICO_COLUMNS[12]].endswith("(Art. 9(2)(g)), under DPA 2018 Sch. 1 para 10")
    assert "Stripe, Inc. (Dublin, Ireland (eu-west-1); head office" in screen[ICO_COLUMNS[19]]
    countries = screen[ICO_COLUMNS[7]]
    assert "United States (Kestrel Outfitters GmbH)" in countries
    assert "United States (Stripe, Inc., possible access)" in countries
    assert "Kestrel Outfitters GmbH: collected directly" in screen[ICO_COLUMNS[8]]
    every = list(csv.reader(io.StringIO(text)))
    assert every[2][1] == "Not required: Fewer than 250 staff, no monitoring"


def test_csv_quotes_commas_quotes_and_newlines(record: dict[str, Any], tmp_path: Path) -> None:
    tricky = 'Screen, "carefully"\nthen ship'
    _activity(record, "Fraud screening")["purpose"] = tricky
    _activity(record, "Hosting")["purpose"] = '=HYPERLINK("http://x")'
    rows = _csv_rows(_render(record, tmp_path, formats=["csv"])["ropa.csv"])
    purposes = [r[1] for r in rows[1:]]
    assert f"Fraud screening: {tricky}" in purposes
    assert 'Hosting: =HYPERLINK("http://x")' in purposes  # not at the cell start: harmless
    record["activities"][0]["uses"] = []
    record["activities"][0]["locations"] = []
    record["activities"][0]["purpose"] = None
    # A hand-edited record without the gap has no marker: only the scan's gaps are marked.
    rows = _csv_rows(_render(record, tmp_path / "2", formats=["csv"])["ropa.csv"])
    assert rows[1][1].endswith(": Not declared")
    _gap(record, "art30_1_b_purpose", record["activities"][0]["name"])
    rows = _csv_rows(_render(record, tmp_path / "3", formats=["csv"])["ropa.csv"])
    assert rows[1][1].endswith("Missing declaration: purpose")


def test_csv_never_starts_a_cell_with_a_formula(record: dict[str, Any], tmp_path: Path) -> None:
    record["security_measures"] = ["=1+1", "ok"]
    record["controller"]["name"] = "@SUM(A1)"
    text = _render(record, tmp_path, formats=["csv"])["ropa.csv"]
    every = list(csv.reader(io.StringIO(text, newline="")))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in every for cell in row)
    assert _csv_rows(text)[1][10] == "'=1+1\nok"


def test_csv_shows_invisible_controls(record: dict[str, Any], tmp_path: Path) -> None:
    record["activities"][0]["purpose"] = "Refunds\u202egpj.exe\x07"
    rows = _csv_rows(_render(record, tmp_path, formats=["csv"])["ropa.csv"])
    cells = [cell for row in rows for cell in row]
    assert not any("\u202e" in cell or "\x07" in cell for cell in cells)
    assert any("Refunds[U+202E]gpj.exe[U+0007]" in cell for cell in cells)


# Template overrides.


def test_templates_override_by_file_name(record: dict[str, Any], tmp_path: Path) -> None:
    override = tmp_path / "templates"
    override.mkdir()
    (override / "notice.html.j2").write_text(
        "<!DOCTYPE html><p>Our own notice for {{ record.controller.name }}</p>\n"
    )
    docs = _render(record, tmp_path / "out", formats=["html"], templates=override)
    assert docs["privacy-notice.html"] == (
        "<!DOCTYPE html><p>Our own notice for Kestrel Outfitters GmbH</p>\n"
    )
    assert "Record of processing activities" in docs["ropa.html"]  # not overridden


def test_override_can_extend_the_builtin_template(record: dict[str, Any], tmp_path: Path) -> None:
    override = tmp_path / "templates"
    override.mkdir()
    (override / "notice.html.j2").write_text(
        '{% extends "builtin/notice.html.j2" %}\n'
        '{% block children %}<section id="children"><h2>Children</h2>'
        "<p>Our shop is for adults.</p></section>{% endblock %}\n"
    )
    html = _render(record, tmp_path / "out", formats=["html"], templates=override)[
        "privacy-notice.html"
    ]
    assert "Our shop is for adults." in html
    assert "not meant for children under 16" not in html
    assert "Your right to object" in html


def test_template_errors_name_the_file_and_line(record: dict[str, Any], tmp_path: Path) -> None:
    override = tmp_path / "templates"
    override.mkdir()
    (override / "notice.html.j2").write_text("line one\n{{ record.no_such_key.x }}\n")
    with pytest.raises(RopaError, match=r"notice\.html\.j2:2: template error"):
        render_documents(as_record(record), tmp_path / "out", formats=["html"], templates=override)
    (override / "notice.html.j2").write_text("{% if %}\n")
    with pytest.raises(RopaError, match=r"notice\.html\.j2:1"):
        render_documents(as_record(record), tmp_path / "out", formats=["html"], templates=override)


# Atomic output.


def test_a_failed_render_leaves_previous_files_alone(
    record: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    previous = {"ropa.json": "old json", "ropa.html": "old html", "ropa.csv": "old csv"}
    for name, text in previous.items():
        (tmp_path / name).write_text(text)

    def broken(record: Any) -> str:
        raise RuntimeError("disk on fire")

    # ropa.json and ropa.html render before the CSV does; none of them may be written.
    monkeypatch.setattr(ropa.csvout, "render_csv", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        render_documents(as_record(record), tmp_path, formats=["json", "html", "csv"])
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == previous


def test_an_invalid_record_is_refused_before_anything_is_written(
    record: dict[str, Any], tmp_path: Path
) -> None:
    del record["vocabulary"]
    with pytest.raises(RecordError, match="vocabulary"):
        render_documents(as_record(record), tmp_path, formats=["html", "json"])
    assert list(tmp_path.iterdir()) == []


# The PDF inputs, with the PDF engine replaced by a recorder (test_pdf.py renders real ones).


def test_pdfs_get_print_html_metadata_and_the_record_attachment(
    record: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []

    def fake_pdf(html: str, **kwargs: Any) -> bytes:
        calls.append({"html": html, **kwargs})
        return b"%PDF-fake"

    monkeypatch.setattr(ropa.pdf, "html_to_pdf", fake_pdf)
    written = render_documents(as_record(record), tmp_path, formats=["pdf"])
    assert [p.name for p in written] == ["ropa.pdf", "privacy-notice.pdf"]
    record_call, notice_call = calls
    assert record_call["attachment"] == dump_record(record).encode("utf-8")
    assert notice_call["attachment"] is None  # the public notice must not publish the record
    for call, title in (
        (record_call, "Record of processing activities"),
        (notice_call, "Privacy notice"),
    ):
        html, meta = call["html"], call["meta"]
        assert meta.title == f"{title}: Kestrel Outfitters GmbH"
        assert meta.author == "Kestrel Outfitters GmbH"
        assert meta.date == "2026-01-15"
        header = f"Kestrel Outfitters GmbH · {title} · commit 0123456789ab"
        assert f'<div class="running-header">{header}</div>' in html
        assert '<a href="#rights">' in html or '<a href="#gaps">' in html  # the TOC links
        assert "@page" in html  # print.css inlined
        assert 'skip-link" href' not in html  # no screen-only furniture


def test_pdfs_are_laid_out_here_when_no_worker_can_start(
    record: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import multiprocessing.context

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise OSError("no semaphores here")

    monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", refuse)
    monkeypatch.setattr(
        ropa.pdf, "html_to_pdf", lambda html, **kw: b"%PDF-" + kw["meta"].title.encode()
    )
    caplog.set_level("INFO", logger="ropa.render")
    written = render_documents(as_record(record), tmp_path, formats=["pdf"], jobs=2)
    assert [p.read_bytes() for p in written] == [
        b"%PDF-Record of processing activities: Kestrel Outfitters GmbH",
        b"%PDF-Privacy notice: Kestrel Outfitters GmbH",
    ]
    assert "no semaphores here" in caplog.text


def test_progress_hears_each_file_as_it_starts(
    record: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ropa.pdf, "html_to_pdf", lambda html, **kw: b"%PDF-")
    heard: list[str] = []
    render_documents(
        as_record(record), tmp_path, formats=["html", "pdf", "csv"], progress=heard.append
    )
    assert heard == [
        "ropa.html",
        "ropa.pdf",
        "ropa.csv",
        "privacy-notice.html",
        "privacy-notice.pdf",
    ]


def test_paths_wrap_on_screen_and_stay_whole_text_in_print() -> None:
    template = environment().from_string("{{ p|breakable }}")
    assert template.render(p="app/models.py", for_print=False) == "app/<wbr>models.<wbr>py"
    assert template.render(p="app/models.py", for_print=True) == "app/models.py"
    assert template.render(p="<b>/x", for_print=True) == "&lt;b&gt;/x"  # still escaped


def test_inventory_names_one_file_per_model_or_each_rows_file(
    record: dict[str, Any], tmp_path: Path
) -> None:
    html = _render(record, tmp_path / "one", formats=["html"])["ropa.html"]
    section = html[html.index('id="model-shop-models-customer"') :]
    section = section[: section.index("</section>")]
    assert "Declared in <code>shop/<wbr>models.<wbr>py</code>" in section
    assert '<td data-label="Line" class="code">39</td>' in section  # the email field

    moved = next(r for r in record["data_inventory"] if r["model"] == "shop.models.Customer")
    moved["location"] = {**moved["location"], "path": "shop/legacy.py"}
    html = _render(record, tmp_path / "two", formats=["html"])["ropa.html"]
    section = html[html.index('id="model-shop-models-customer"') :]
    section = section[: section.index("</section>")]
    assert "Declared in" not in section
    assert '<th scope="col" class="col-location">Declared at</th>' in section
    assert f"shop/<wbr>legacy.<wbr>py:{moved['location']['line']}</td>" in section
    assert "shop/<wbr>models.<wbr>py:" in section


def test_inventory_states_once_what_every_field_of_a_model_shares(
    record: dict[str, Any], tmp_path: Path
) -> None:
    def customer_section(out: Path) -> str:
        html = _render(record, out, formats=["html"])["ropa.html"]
        section = html[html.index('id="model-shop-models-customer"') :]
        return section[: section.index("</section>")]

    section = customer_section(tmp_path / "shared")
    assert "For every field: data subjects <strong>Customers</strong>; retention " in section
    assert "<strong>3 years</strong>" in section
    assert 'class="col-retention"' not in section and 'data-label="Retention"' not in section

    rows = [r for r in record["data_inventory"] if r["model"] == "shop.models.Customer"]
    rows[0]["retention"] = {"iso": "P1Y", "text": "1 year"}
    section = customer_section(tmp_path / "varied")
    assert "For every field: data subjects <strong>Customers</strong>; source " in section
    assert '<th scope="col" class="col-retention">Retention</th>' in section
    assert section.count('data-label="Retention"') == len(rows)
    assert '<td data-label="Retention">1 year</td>' in section
    assert '<td data-label="Retention">3 years</td>' in section


# Missing declarations.


def test_missing_items_show_markers(tmp_path: Path) -> None:
    project = tmp_path / "shop"
    shutil.copytree(SAMPLE, project)
    fraud = project / "shop" / "services" / "fraud.py"
    text = fraud.read_text()
    text = text.replace('purpose="Screen card payments for fraud before we ship",\n', "\n")
    fraud.write_text(re.sub(r',?\s*retention="P1Y"', "", text))
    config = (project / "ropa.yaml").read_text()
    for block in ("dpo:", "supervisory_authority:", "security_measures:"):
        config = re.sub(rf"(?ms)^{block}.*?(?=^\S)", "", config)
    config = config.replace("  effective_date: 2026-01-15\n", "").replace(
        "  children_min_age: 16\n", ""
    )
    (project / "ropa.yaml").write_text(config)
    outcome = run_scan([project], jobs=1, date=DATE, use_cache=False)
    gap_ids = {g["id"] for g in outcome.record.as_json()["gaps"]}
    assert {
        "art30_1_b_purpose:fraud-screening",
        "art30_1_f_retention:fraud-screening",
        "art30_1_a_dpo",
        "art13_2_d_supervisory_authority",
        "art30_1_g_security",
        "notice_effective_date",
        "notice_children_min_age",
    } <= gap_ids
    docs = _render(outcome.record, tmp_path / "out", formats=["html", "md", "csv"])
    marker = '"><strong>Missing declaration:</strong> '
    for name in ("ropa.html", "privacy-notice.html"):
        html = docs[name]
        assert html.count(marker) >= 5, name
        assert 'data-gap="art30_1_b_purpose:fraud-screening' + marker + "purpose</span>" in html
        assert marker + "retention period</span>" in html, name
    assert (
        'data-gap="art30_1_a_dpo' + marker + "data protection officer</span>" in docs["ropa.html"]
    )
    assert marker + "security measures" in docs["ropa.html"]
    notice = docs["privacy-notice.html"]
    for what in (
        "data protection officer",
        "effective date",
        "supervisory authority",
        "minimum age",
    ):
        assert re.search(re.escape(marker) + "[^<]*" + what, notice), what
    assert "**Missing declaration:** purpose" in docs["privacy-notice.md"]
    assert "Missing declaration: retention period" in docs["ropa.csv"]


# What the notice leaves out, and the banner.


def test_activities_left_out_of_the_notice_stay_in_the_record(
    record: dict[str, Any], tmp_path: Path
) -> None:
    recruitment = _activity(record, "Recruitment")
    recruitment["notice"] = False
    docs = _render(record, tmp_path, formats=["html", "md"])
    assert "Assess applications for open positions" in docs["ropa.html"]
    for name in ("privacy-notice.html", "privacy-notice.md"):
        assert "Recruitment" not in docs[name], name
        assert "Assess applications for open positions" not in docs[name], name
        assert "Hiring managers" not in docs[name], name


def test_draft_banner_unless_final(record: dict[str, Any], tmp_path: Path) -> None:
    draft = _render(record, tmp_path / "draft", formats=["html", "md"])
    final = _render(record, tmp_path / "final", formats=["html", "md"], final=True)
    assert 'class="draft-banner"' in draft["privacy-notice.html"]
    assert draft["privacy-notice.md"].startswith("> **DRAFT**")
    assert 'class="draft-banner"' not in final["privacy-notice.html"]
    assert "DRAFT" not in final["privacy-notice.md"]


def test_california_section_only_for_ccpa(record: dict[str, Any], tmp_path: Path) -> None:
    record["jurisdictions"] = ["gdpr"]
    docs = _render(record, tmp_path, formats=["html", "md"])
    assert 'id="california"' not in docs["privacy-notice.html"]
    assert "California residents" not in docs["privacy-notice.md"]


def test_processor_role_adds_the_article_30_2_record(
    record: dict[str, Any], tmp_path: Path
) -> None:
    record["role"] = "processor"
    client = {"key": "client", "name": "Client GmbH", "contact": "dpo@client.example"}
    record["clients"] = [{**client, "representative": None, "dpo": None}]
    record["processing_for_clients"] = [
        {
            "client": "client",
            **{k: v for k, v in record["clients"][0].items() if k != "key"},
            "activities": [],
            "categories_of_processing": [],
            "data_categories": [],
            "data_subjects": [],
            "sub_processors": [],
            "transfers": [],
            "security_measures": record["security_measures"],
        }
    ]
    html = _render(record, tmp_path / "a", formats=["html"])["ropa.html"]
    assert 'id="processor-record"' in html
    assert "Client GmbH" in html and "dpo@client.example" in html
    record["clients"] = []
    record["processing_for_clients"] = []
    _gap(record, "art30_2_a_clients")
    html = _render(record, tmp_path / "b", formats=["html"])["ropa.html"]
    assert 'data-gap="art30_2_a_clients"><strong>Missing declaration:</strong> clients' in html


def test_html_is_one_self_contained_file(record: dict[str, Any], tmp_path: Path) -> None:
    docs = _render(record, tmp_path, formats=["html"])
    for name in ("ropa.html", "privacy-notice.html"):
        html = docs[name]
        assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
        assert "<script" not in html and "<link" not in html and "@import" not in html
        assert not re.search(r"\b(src|srcset)=", html)
        assert not re.search(r"url\(\s*['\"]?(?!data:)", html)
        for landmark in ("<header", "<nav", "<main", "<footer"):
            assert landmark in html, (name, landmark)
        levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", html)]
        assert levels[0] == 1 and levels.count(1) == 1, name
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (name, levels)
        assert html.count("<table") == html.count("<caption"), name
        assert "<th>" not in html, name  # every header cell has a scope
        ids = re.findall(r'\sid="([^"]+)"', html)
        assert len(ids) == len(set(ids)), name
        for anchor in re.findall(r'href="#([^"]+)"', html):
            assert anchor in ids, (name, anchor)


# The commands.


def test_build_then_render_reproduces_the_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    out, again = tmp_path / "out", tmp_path / "again"
    formats = "html,pdf,json,csv,md"
    runner = CliRunner()
    built = runner.invoke(
        main,
        [
            "build",
            "sample_project",
            "--date",
            "2026-01-15",
            "--out-dir",
            str(out),
            "--formats",
            formats,
            "--no-cache",
            "-j",
            "1",
        ],
    )
    assert built.exit_code == 0, built.output
    six = [
        "ropa.json",
        "ropa.html",
        "ropa.pdf",
        "ropa.csv",
        "privacy-notice.html",
        "privacy-notice.pdf",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted([*six, "privacy-notice.md"])
    for name in ("ropa.pdf", "privacy-notice.pdf"):
        assert (out / name).read_bytes().startswith(b"%PDF-"), name
    rendered = runner.invoke(
        main, ["render", str(out / "ropa.json"), "--out-dir", str(again), "--formats", formats]
    )
    assert rendered.exit_code == 0, rendered.output
    for name in (*six, "privacy-notice.md"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_render_refuses_a_file_that_is_not_a_record(tmp_path: Path) -> None:
    bad = tmp_path / "ropa.json"
    bad.write_text('{"schema_version": 1, "activities": []}')
    result = CliRunner().invoke(main, ["render", str(bad), "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 2
    # The typed record names each missing key at its place (a version 1 record is upgraded
    # first, so only what no version ever left out is missing).
    assert ": controller: required key missing" in result.output
    assert not (tmp_path / "o").exists()


def test_the_override_example_in_the_docs_works(record: dict[str, Any], tmp_path: Path) -> None:
    docs = (REPO / "docs" / "documents.md").read_text("utf-8")
    example = re.search(r"```jinja\n(.*?)```", docs, flags=re.DOTALL)
    assert example is not None
    override = tmp_path / "my-templates"
    override.mkdir()
    (override / "notice.html.j2").write_text(example[1])
    html = _render(record, tmp_path / "out", formats=["html"], templates=override)[
        "privacy-notice.html"
    ]
    assert "our shop sells outdoor gear to adults only" in html
    assert "privacy@kestrel-outfitters.example\n   to have a child" in html


def test_a_scan_hands_over_the_typed_record(sample_outcome: Outcome) -> None:
    """The record is typed from the builder to the documents; its JSON form is made where
    ropa.json is written."""
    record = sample_outcome.record
    assert isinstance(record, Record)
    assert json.loads(dump_record(record)) == record.as_json()
    assert Record.model_validate(record.as_json()) == record


def test_render_takes_the_typed_record_only(sample_outcome: Outcome, tmp_path: Path) -> None:
    """A dict is refused, not guessed at; a saved ropa.json is read, validated and typed by
    load_record (what `ropa render` does) and renders like the record it was saved from."""
    with pytest.raises(TypeError, match="load_record"):
        render_documents(sample_outcome.record.as_json(), tmp_path / "dict", formats=["json"])  # type: ignore[arg-type]
    assert not (tmp_path / "dict").exists()
    saved = tmp_path / "ropa.json"
    saved.write_text(dump_record(sample_outcome.record), "utf-8")
    loaded = load_record(saved)
    assert isinstance(loaded, Record) and loaded == sample_outcome.record
    written = render_documents(loaded, tmp_path / "out", formats=["json", "csv"])
    assert [p.name for p in written] == ["ropa.json", "ropa.csv"]
    assert (tmp_path / "out" / "ropa.json").read_text("utf-8") == saved.read_text("utf-8")
