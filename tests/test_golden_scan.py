"""Golden files for what `ropa scan` prints on the broken fixture, in every format.

Review changes by eye; rewrite them with ``ROPA_UPDATE_GOLDEN=1 pytest tests/test_golden_scan.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.formats import DiagnosticFormat

from .conftest import REPO

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("fmt", list(DiagnosticFormat))
def test_scan_output_matches_golden(fmt: DiagnosticFormat, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(
        main, ["scan", "tests/fixtures/broken", "--format", fmt.value, "-q"]
    )
    assert result.exit_code == 1
    output = result.output
    path = GOLDEN / f"scan-broken.{fmt.value}"
    if os.environ.get("ROPA_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(output)
    assert output == path.read_text()
