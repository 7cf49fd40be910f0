"""Hostile saved records: ``render``, ``diff`` and ``scan --baseline`` answer each with exit 2
and a ``ropa: FILE: activities[2].retention: problem`` line, never a traceback, a hang or a
bad write."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from ropa.cli import main
from ropa.pipeline import Outcome, dump_record
from ropa.recordio import json_depth, load_record

from .conftest import SAMPLE

Edit = Callable[[dict[str, Any]], Any]


def _set(path: str, value: Any) -> Edit:
    def edit(doc: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value

    return edit


_DELETE = object()

#: name -> (change to the sample record, a fragment the first message must hold).
MUTATIONS: dict[str, tuple[Edit, str]] = {
    "missing name": (_set("activities/0/name", _DELETE), "activities[0].name: required key"),
    "name is a number": (
        _set("activities/0/name", 5),
        "activities[0].name: should be a valid string (got 5)",
    ),
    "activities not a list": (_set("activities", {"a": 1}), ": activities: should be a list"),
    "data categories hold a list": (
        _set("activities/1/data_categories", [["user.name"]]),
        "activities[1].data_categories[0]",
    ),
    "retention a string": (_set("activities/0/retention", "P1Y"), "activities[0].retention"),
    "impossible date": (_set("generated/date", "2023-02-30"), ": generated.date: "),
    "impossible effective date": (
        _set("notice/effective_date", "2026-13-45"),
        "notice.effective_date",
    ),
    "negative age": (_set("notice/children_min_age", -3), "notice.children_min_age"),
    "vendor without key": (_set("vendors/0/key", _DELETE), "vendors[0].key: required key"),
    "location line a string": (
        _set("data_inventory/0/location/line", "x"),
        "data_inventory[0].location.line",
    ),
    "notice missing": (_set("notice", _DELETE), ": notice: required key missing"),
    "vocabulary term not a mapping": (
        _set("vocabulary/categories/user.name", []),
        'vocabulary.categories["user.name"]: should be an object',
    ),
    "unknown key": (_set("activities/2/purpose_", "x"), "activities[2].purpose_: unknown key"),
    "retention without text": (
        _set("activities/2/retention", {"iso": "P1Y"}),
        "activities[2].retention.text: required key missing",
    ),
    "safeguard not a mechanism": (
        _set("transfers/0/safeguard", "handshake"),
        "transfers[0].safeguard: should be 'adequacy'",
    ),
    "profiling as text": (
        _set("activities/0/profiling", "false"),
        'activities[0].profiling: should be a valid boolean (got "false")',
    ),
}

#: name -> (raw text made from the sample record's text, a fragment of the message).
RAW: dict[str, tuple[Callable[[str], str], str]] = {
    "NaN": (lambda t: t.replace('"schema_version": 2', '"schema_version": 2, "x": NaN'), "NaN"),
    "Infinity": (lambda t: t.replace('"line": ', '"line": -Infinity, "l": ', 1), "Infinity"),
    "5,000-digit number": (
        lambda t: t.replace('"line": ', '"line": ' + "9" * 5000 + ', "l": ', 1),
        "5,000 digits",
    ),
    "huge float": (lambda t: t.replace('"line": ', '"line": 1e999, "l": ', 1), "out of range"),
    "200,000-deep nesting": (
        lambda t: t.replace('"gaps": [', '"gaps": [' + "[" * 200_000, 1),
        "levels deep (at most 100)",
    ),
    "lone surrogate": (
        lambda t: t.replace('"tool": "ropa"', '"tool": "ropa", "x": "\\ud800"', 1),
        ": generated.x: contains a lone surrogate",
    ),
    "duplicate key": (
        lambda t: t.replace('"role": ', '"role": "processor", "role": ', 1),
        "duplicate key 'role'",
    ),
    "not UTF-8": (lambda t: t.replace('"role"', '"r\udcffole"', 1), "not valid UTF-8"),
    "truncated": (lambda t: t[: len(t) // 2], "not valid JSON"),
}


@pytest.fixture(scope="module")
def sample_text(sample_outcome: Outcome) -> str:
    return dump_record(sample_outcome.record)


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _assert_refused(result: Result, fragment: str) -> None:
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert fragment in result.output, result.output
    assert all(line.startswith("ropa: ") for line in result.output.splitlines()), result.output


def _each_command(path: Path, good: Path, out: Path, fragment: str) -> None:
    """render, diff (as old and as new) and scan --baseline all refuse the record alike."""
    _assert_refused(
        _invoke("render", str(path), "--out-dir", str(out), "--formats", "json"), fragment
    )
    assert not (out / "ropa.json").exists()
    _assert_refused(_invoke("diff", str(good), str(path)), fragment)
    _assert_refused(_invoke("diff", str(path), str(good), "--format", "markdown"), fragment)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_record_that_breaks_the_schema_is_refused_with_its_json_path(
    name: str, sample_text: str, tmp_path: Path
) -> None:
    edit, fragment = MUTATIONS[name]
    doc = json.loads(sample_text)
    edit(doc)
    bad = tmp_path / "ropa.json"
    bad.write_text(json.dumps(doc), "utf-8")
    good = tmp_path / "good.json"
    good.write_text(sample_text, "utf-8")
    _each_command(bad, good, tmp_path / "out", fragment)


@pytest.mark.parametrize("name", sorted(RAW))
def test_a_record_that_is_not_strict_json_is_refused(
    name: str, sample_text: str, tmp_path: Path
) -> None:
    change, fragment = RAW[name]
    bad = tmp_path / "ropa.json"
    bad.write_bytes(change(sample_text).encode("utf-8", "surrogateescape"))
    good = tmp_path / "good.json"
    good.write_text(sample_text, "utf-8")
    _each_command(bad, good, tmp_path / "out", fragment)


def test_scan_baseline_validates_the_baseline(sample_text: str, tmp_path: Path) -> None:
    doc = json.loads(sample_text)
    del doc["activities"][0]["name"]
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(doc), "utf-8")
    result = _invoke("scan", str(SAMPLE), "--baseline", str(baseline), "-q", "--no-cache")
    _assert_refused(result, "activities[0].name: required key missing")


def test_only_the_first_problems_are_listed(sample_text: str, tmp_path: Path) -> None:
    doc = json.loads(sample_text)
    for activity in doc["activities"]:
        activity["name"] = 1
    bad = tmp_path / "ropa.json"
    bad.write_text(json.dumps(doc), "utf-8")
    result = _invoke("diff", str(bad), str(bad))
    _assert_refused(result, "more problems")
    assert len(result.output.splitlines()) == 6


def test_the_sample_record_still_loads(sample_text: str, tmp_path: Path) -> None:
    good = tmp_path / "ropa.json"
    good.write_text(sample_text, "utf-8")
    assert load_record(good).activities


def test_a_nan_is_never_written_as_json() -> None:
    with pytest.raises(ValueError):
        dump_record({"schema_version": 1, "x": float("nan")})


def test_depth_ignores_brackets_inside_strings() -> None:
    assert json_depth(b'{"a": "[[[[\\"[[", "b": [1, {"c": "]]"}]}') == 3
    assert json_depth(b'"unterminated [[[') == 0


# Files that are not regular files, or far too large, or whose name is absurd.


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "fifo.json"
    os.mkfifo(path)
    return path


SPECIAL: dict[str, Callable[[Path], Path]] = {
    "fifo": _fifo,
    "dev zero": lambda tmp: Path("/dev/zero"),
    "folder": lambda tmp: tmp,
    "100,000-character path": lambda tmp: tmp / ("x" * 100_000),
    "missing": lambda tmp: tmp / "missing.json",
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize("name", sorted(SPECIAL))
def test_special_files_are_refused_without_blocking(name: str, tmp_path: Path) -> None:
    path = SPECIAL[name](tmp_path)
    results: list[Result] = []
    worker = threading.Thread(
        target=lambda: results.append(_invoke("diff", str(path), str(path))), daemon=True
    )
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive() and name == "fifo":
        with open(path, "wb"):  # let the blocked reader go, so the test run can end
            pass
    assert results, f"diff blocked on {name}"
    result = results[0]
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert len(result.output) < 600, "the message must stay short even for a huge path"


def test_an_oversized_record_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ropa.recordio.MAX_RECORD_BYTES", 1000)
    big = tmp_path / "big.json"
    big.write_text('{"activities": [' + '"x",' * 1000 + '"x"]}', "utf-8")
    _assert_refused(_invoke("diff", str(big), str(big)), "larger than 1,000 bytes")


def test_a_vendor_without_code_locations_is_diffed(sample_text: str, tmp_path: Path) -> None:
    """A vendor's ``location`` is its country: with no code locations, diff has none to show
    (found by benchmarks/fuzz_inputs.py: diff crashed reading the country as a location)."""
    old = json.loads(sample_text)
    new = json.loads(sample_text)
    removed = old["vendors"].pop(0)
    removed_new = new["vendors"][0]
    assert removed["key"] == removed_new["key"]
    removed_new["locations"] = []
    (tmp_path / "old.json").write_text(json.dumps(old), "utf-8")
    (tmp_path / "new.json").write_text(json.dumps(new), "utf-8")
    result = _invoke("diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"))
    assert result.exit_code == 1, result.output
    assert f"vendor '{removed['key']}' added" in result.output


def test_client_transfers_saved_without_places_still_render(
    sample_text: str, tmp_path: Path
) -> None:
    # Found by the record fuzzer: records saved before regions (schema_version 1) lack
    # `nature` and `region`, and the Art. 30(2) parts repeat transfers too.
    record = json.loads(sample_text)
    record["schema_version"] = 1
    stripped = 0
    for part in record["processing_for_clients"]:
        for transfer in part["transfers"]:
            transfer.pop("nature", None)
            transfer.pop("region", None)
            stripped += 1
    assert stripped
    path = tmp_path / "ropa.json"
    path.write_text(json.dumps(record))
    result = _invoke(
        "render", str(path), "--out-dir", str(tmp_path / "out"), "--formats", "json,md,csv"
    )
    assert result.exit_code == 0, result.output


def test_a_version_1_record_with_a_list_for_a_vendor_is_refused(
    sample_text: str, tmp_path: Path
) -> None:
    """Found by the record fuzzer: the upgrade of a version 1 record runs before validation,
    and a list where a transfer names its vendor crashed it."""
    doc = json.loads(sample_text)
    doc["schema_version"] = 1
    doc["transfers"][0]["vendor"] = ["aws"]
    bad = tmp_path / "ropa.json"
    bad.write_text(json.dumps(doc), "utf-8")
    good = tmp_path / "good.json"
    good.write_text(sample_text, "utf-8")
    _each_command(bad, good, tmp_path / "out", "transfers[0].vendor: should be a valid string")
