"""tests/fixtures/broken triggers every diagnostic code, each at the line EXPECTED.md names."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from ropa.checks import CHECKS
from ropa.cli import main
from ropa.pipeline import run_scan

from .conftest import BROKEN, DATE

ROW = re.compile(r"^\| `([^`]+)` \| (\d+) \| (ROPA\d{3}) \|")


def expected() -> set[tuple[str, int, str]]:
    rows = set()
    for line in (BROKEN / "EXPECTED.md").read_text().splitlines():
        match = ROW.match(line)
        if match:
            rows.add((match.group(1), int(match.group(2)), match.group(3)))
    return rows


def test_every_expected_diagnostic_is_reported_at_its_line() -> None:
    outcome = run_scan([BROKEN], jobs=1, date=DATE, use_cache=False)
    got = {(d.location.path, d.location.line, d.code) for d in outcome.diagnostics if d.location}
    missing = expected() - got
    assert not missing, f"not reported: {sorted(missing)}"


def test_the_fixture_covers_every_code_but_the_baseline_one() -> None:
    covered = {code for _, _, code in expected()}
    # ROPA004 (unused suppression) has its own examples; ROPA301 needs a baseline.
    assert {c for c, check in CHECKS.items() if not check.needs} - {"ROPA004"} <= covered


def test_cli_text_and_json_report_the_same_diagnostics() -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["scan", str(BROKEN), "-q"])
    as_json = runner.invoke(main, ["scan", str(BROKEN), "--format", "json"])
    assert text.exit_code == 1 and as_json.exit_code == 1
    items = json.loads(as_json.output)
    # A flow's steps follow its diagnostic as indented lines.
    lines = [line for line in text.output.splitlines() if line and not line.startswith(" ")]
    assert len(items) == len(lines)
    for item, line in zip(items, lines):
        assert line.startswith(f"{item['path']}:{item['line']}:{item['column']}: {item['code']}")
    for code in {c for _, _, c in expected()}:
        assert code in text.output
