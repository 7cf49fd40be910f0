"""ropa.xlsx: the ICO template's sheets, read back by openpyxl (and LibreOffice when present)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import ropa.xlsxout
from ropa.errors import RopaError
from ropa.ico import COLUMNS, CONTACT_COLUMNS, GAP_COLUMNS, PROCESSOR_COLUMNS
from ropa.pipeline import Outcome
from ropa.recordio import as_record
from ropa.render import render_documents
from ropa.xlsxout import HEADING_ROW, SHEETS

from .conftest import MINIMAL_YAML, SAMPLE


@pytest.fixture
def record(sample_outcome: Outcome) -> dict[str, Any]:
    return sample_outcome.record.as_json()


def _book(record: dict[str, Any], out: Path) -> openpyxl.Workbook:
    render_documents(as_record(record), out, formats=["xlsx"])
    return openpyxl.load_workbook(out / "ropa.xlsx")


def _row(sheet: Any, number: int) -> list[str]:
    values = [c.value for c in sheet[number]]
    while values and values[-1] is None:
        values.pop()
    return ["" if v is None else str(v) for v in values]


def _table(sheet: Any, first: int = HEADING_ROW) -> list[list[str]]:
    return [_row(sheet, n) for n in range(first, sheet.max_row + 1)]


def test_controller_sheet_has_every_column_and_a_row_per_activity(
    record: dict[str, Any], tmp_path: Path
) -> None:
    book = _book(record, tmp_path)
    assert book.sheetnames == list(SHEETS) == ["Controller", "Processor", "Gaps"]
    sheet = book["Controller"]
    table = _table(sheet)
    assert table[0] == list(COLUMNS)
    # Work done for clients is on the processor sheet, not the controller's.
    ours = [a for a in record["activities"] if a["role"] != "processor"]
    assert len(table) == 1 + len(ours)
    purposes = [row[1] for row in table[1:]]
    assert purposes == [f"{a['name']}: {a['purpose']}" for a in ours]
    fraud = dict(zip(COLUMNS, next(r for r in table if r[1].startswith("Fraud screening:"))))
    assert fraud["Article 6 lawful basis for processing personal data"] == (
        "Legitimate interests (Art. 6(1)(f))"
    )
    assert "EU-US Data Privacy Framework" in fraud[COLUMNS[8]]
    # The template's contact block above the table: Art. 30(1)(a).
    assert _row(sheet, 1) == list(CONTACT_COLUMNS)
    assert _row(sheet, 2)[:2] == ["Controller", "Kestrel Outfitters GmbH"]
    assert _row(sheet, 2)[4] == "+49 30 555 0100"  # a text cell, no quote needed here
    assert _row(sheet, 3)[0] == "Data Protection Officer"
    assert _row(sheet, 4)[:2] == ["Representative", "Not declared"]
    assert _row(sheet, 5) == []
    # The template's colours: green where Art. 30 or Schedule 1 requires the column.
    fills = {c.value: c.fill.start_color.rgb for c in sheet[HEADING_ROW]}
    assert fills["Purpose of processing"] == fills[COLUMNS[25]] == "00C6EFCE"
    assert fills["Business function"] == fills["Link to record of consent"] == "00DDEBF7"
    assert fills["Declared in code"] == "00EDEDED"


def test_processor_sheet_has_a_row_per_client_activity(
    record: dict[str, Any], tmp_path: Path
) -> None:
    # The sample is processor for two partner brands: one row per client and activity done
    # for it, in the order of the record's Art. 30(2) parts.
    book = _book(record, tmp_path / "sample")
    rows = _table(book["Processor"])[1:]
    wanted = [
        (part["name"], activity)
        for part in record["processing_for_clients"]
        for activity in part["activities"]
    ]
    assert len(rows) == len(wanted) == 3
    for row, (client, activity) in zip(rows, wanted, strict=True):
        assert row[0].startswith(client + ", ") and row[3].startswith(activity + ": ")
    assert _row(book["Processor"], 2)[0] == "Processor"

    # A controller only: the processor sheet has its heading and nothing else.
    for a in record["activities"]:
        a["role"], a["on_behalf_of"] = "controller", []
    record["clients"], record["processing_for_clients"] = [], []
    book = _book(record, tmp_path / "controller")
    assert _table(book["Processor"]) == [list(PROCESSOR_COLUMNS)]


def test_processor_sheet_follows_each_clients_art_30_2_part(
    scan_tree: Callable[[Mapping[str, str | bytes]], Outcome], tmp_path: Path
) -> None:
    """Per activity (DESIGN §9): a client's rows are its activities only. An activity done as
    processor that names no client (a ROPA117 error) is no row of every client's record,
    as it was before, listing one client's work in another client's record."""
    outcome = scan_tree(
        {
            "ropa.yaml": MINIMAL_YAML
            + "clients:\n"
            + "  - {key: acme, name: Acme Retail Ltd, contact: privacy@acme.example}\n"
            + "  - {key: bolt, name: Bolt Foods BV, contact: dpo@bolt.example}\n",
            "app.py": (
                "# ropa: processing('Hosting', role='processor', on_behalf_of=['bolt'],\n"
                "#   purpose='Hosting the shop', data=['user.contact.email'],"
                " subjects=['customer'])\n"
                "def host(): ...\n"
                "# ropa: processing('Support', role='processor',"
                " purpose='Answering tickets', data=['user.contact.email'],"
                " subjects=['customer'])\n"
                "def support(): ...\n"
                "# ropa: processing('Orders', purpose='Selling', legal_basis='contract',"
                " data=['user.contact.email'], subjects=['customer'], retention='P1Y')\n"
                "def orders(): ...\n"
            ),
        }
    )
    assert "ROPA117" in [d.code for d in outcome.diagnostics]
    book = _book(outcome.record, tmp_path / "mixed")
    rows = _table(book["Processor"])[1:]
    assert [(r[0].split(",")[0], r[3].split(":")[0]) for r in rows] == [
        ("Bolt Foods BV", "Hosting")
    ]
    assert [
        (p["client"], p["activities"]) for p in outcome.record.as_json()["processing_for_clients"]
    ] == [
        ("acme", []),
        ("bolt", ["Hosting"]),
    ]
    controller = [r[1].split(":")[0] for r in _table(book["Controller"])[1:]]
    assert controller == ["Orders"]


def test_gaps_sheet_lists_every_gap(record: dict[str, Any], tmp_path: Path) -> None:
    record["gaps"] = [
        {
            "id": "art30_1_f_retention:hosting",
            "item": "art30_1_f_retention",
            "activity": "Hosting",
            "vendor": None,
            "message": "no retention for Hosting",
            "where": "shop/settings.py:6",
            "code": "ROPA108",
            "level": "warning",
        }
    ]
    next(a for a in record["activities"] if a["name"] == "Hosting")["retention"] = None
    book = _book(record, tmp_path)
    gaps = _table(book["Gaps"], first=1)
    assert gaps == [
        list(GAP_COLUMNS),
        [
            "ROPA108",
            "warning",
            "art30_1_f_retention",
            "Hosting",
            "",
            "no retention for Hosting",
            "shop/settings.py:6",
        ],
    ]
    hosting = next(r for r in _table(book["Controller"]) if r[1].startswith("Hosting:"))
    assert hosting[9] == "Missing declaration: retention period"


def test_text_from_code_stays_text(record: dict[str, Any], tmp_path: Path) -> None:
    """A purpose that looks like a formula is not one; control characters do not break it."""
    record["activities"][0]["purpose"] = None
    record["activities"][0]["name"] = '=HYPERLINK("http://evil.example","x")'
    record["security_measures"] = ["=1+1", "bell\x07 and nul\x00", "Refunds\u202egpj.exe"]
    render_documents(as_record(record), tmp_path, formats=["xlsx"])
    book = openpyxl.load_workbook(tmp_path / "ropa.xlsx")
    sheet = book["Controller"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(tmp_path / "ropa.xlsx") as archive:
        assert not any(b"<f>" in archive.read(n) for n in archive.namelist())
    first = _table(sheet)[1]
    assert first[1].startswith('=HYPERLINK("http://evil.example","x"): ')
    assert first[10] == "=1+1\nbell[U+0007] and nul[U+0000]\nRefunds[U+202E]gpj.exe"


def test_document_properties_come_from_the_record_date(
    record: dict[str, Any], tmp_path: Path
) -> None:
    record["generated"]["date"] = "2026-03-04"
    book = _book(record, tmp_path)
    assert book.properties.created == dt.datetime(2026, 3, 4)
    assert book.properties.modified == dt.datetime(2026, 3, 4)
    assert book.properties.title == "Record of processing activities: Kestrel Outfitters GmbH"
    with zipfile.ZipFile(tmp_path / "ropa.xlsx") as archive:
        assert {i.date_time for i in archive.infolist()} == {(2026, 3, 4, 0, 0, 0)}


def test_a_failing_spreadsheet_leaves_the_previous_files(
    record: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ropa.json").write_text("old json")

    def broken(_: Any) -> bytes:
        raise RopaError("cannot lay out the spreadsheet")

    monkeypatch.setattr(ropa.xlsxout, "render_xlsx", broken)
    with pytest.raises(RopaError):
        render_documents(as_record(record), tmp_path, formats=["json", "xlsx"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ropa.json"]
    assert (tmp_path / "ropa.json").read_text() == "old json"


def _build(cwd: Path, seed: int) -> Path:
    """``ropa build --formats xlsx`` of the sample in a fresh process."""
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONHASHSEED=str(seed), ROPA_CACHE_DIR=str(cwd / "cache"))
    command = [sys.executable, "-m", "ropa", "build", str(SAMPLE), "--date", "2026-01-15"]
    done = subprocess.run(
        [*command, "--formats", "xlsx,csv", "--out-dir", "out"],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return cwd / "out"


def test_two_processes_write_the_same_bytes(tmp_path: Path) -> None:
    first = _build(tmp_path / "one", 1)
    time.sleep(2.1)  # zip members hold their time to two seconds
    second = _build(tmp_path / "two", 2)
    assert sorted(p.name for p in first.iterdir()) == ["ropa.csv", "ropa.xlsx"]
    assert (first / "ropa.xlsx").read_bytes() == (second / "ropa.xlsx").read_bytes()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_it(record: dict[str, Any], tmp_path: Path) -> None:
    """An independent spreadsheet program reads the file: headings and cells survive."""
    render_documents(as_record(record), tmp_path, formats=["xlsx"])
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",  # comma, quote, UTF-8, first sheet
            "--outdir",
            str(tmp_path / "lo"),
            str(tmp_path / "ropa.xlsx"),
        ],
        capture_output=True,
        timeout=180,
    )
    converted = tmp_path / "lo" / "ropa.csv"
    assert converted.is_file(), done.stdout + done.stderr
    rows = list(csv.reader(io.StringIO(converted.read_text("utf-8"), newline="")))
    assert rows[1][:2] == ["Controller", "Kestrel Outfitters GmbH"]
    assert rows[HEADING_ROW - 1][: len(COLUMNS)] == list(COLUMNS)
    ours = [a for a in record["activities"] if a["role"] != "processor"]  # the first sheet's
    assert len([r for r in rows[HEADING_ROW:] if any(r)]) == len(ours)
    assert any("Fraud screening:" in r[1] for r in rows[HEADING_ROW:])


def test_a_planted_link_is_replaced_not_followed(record: dict[str, Any], tmp_path: Path) -> None:
    """A pull request may plant ropa.xlsx as a link to a file outside the output folder."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / "ropa.xlsx").symlink_to(victim)
    render_documents(as_record(record), out, formats=["xlsx"])
    assert victim.read_text() == "keep me"
    assert not (out / "ropa.xlsx").is_symlink()
    assert zipfile.is_zipfile(out / "ropa.xlsx")


def test_a_hand_edited_record_with_odd_section_9_values_is_refused(
    record: dict[str, Any], tmp_path: Path
) -> None:
    """Values of the wrong shape are refused where the record is read, each at its place,
    so the spreadsheet never has to guess what a number in on_behalf_of meant."""
    from click.testing import CliRunner

    from ropa.cli import main
    from ropa.pipeline import dump_record

    activity = record["activities"][0]
    activity.update(on_behalf_of=5, joint_controllers="acme", role="processor", owner=["x"])
    path = tmp_path / "ropa.json"
    path.write_text(dump_record(record), "utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["render", str(path), "--out-dir", str(out), "--formats", "xlsx"]
    )
    assert result.exit_code == 2, result.output
    assert "activities[0].on_behalf_of: should be a list (got 5)" in result.output
    assert 'activities[0].joint_controllers: should be a list (got "acme")' in result.output
    assert not out.exists()


def test_ropa_render_makes_the_same_spreadsheet_from_the_saved_record(
    record: dict[str, Any], tmp_path: Path
) -> None:
    """One record, many views: ``ropa render ropa.json --formats xlsx`` needs nothing else."""
    from click.testing import CliRunner

    from ropa.cli import main

    render_documents(as_record(record), tmp_path / "built", formats=["json", "xlsx"])
    result = CliRunner().invoke(
        main,
        [
            "render",
            str(tmp_path / "built" / "ropa.json"),
            "--out-dir",
            str(tmp_path / "rendered"),
            "--formats",
            "xlsx",
        ],
    )
    assert result.exit_code == 0, result.output
    built = (tmp_path / "built" / "ropa.xlsx").read_bytes()
    assert (tmp_path / "rendered" / "ropa.xlsx").read_bytes() == built


def test_the_sheet_words_a_place_as_the_record_does() -> None:
    """The ICO sheet names where a recipient keeps the data with the record's own function
    (``render.place_text``), which also words a hand-edited record's place that lacks its
    region or its country's name: the code, and no empty brackets."""
    import ropa.ico
    from ropa.recordmodel import Storage
    from ropa.render import place_text

    assert not hasattr(ropa.ico, "_place")
    frankfurt = Storage(
        region="eu-central-1", country="DE", country_name="Germany", city="Frankfurt"
    )
    assert place_text(frankfurt) == "Frankfurt, Germany (eu-central-1)"
    assert place_text(frankfurt.model_copy(update={"region": "DE"})) == "Germany"
    bare = Storage(region="", country="DE", country_name="", city=None)
    assert place_text(bare) == "DE"
