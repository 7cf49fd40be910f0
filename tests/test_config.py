"""ropa.yaml is read strictly: every problem is ropa.yaml:LINE and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.config import load_config
from ropa.errors import ConfigError

GOOD = """\
controller:
  name: Example Ltd
  email: privacy@example.com
notice:
  effective_date: 2026-01-15
activities:
  - name: Payroll
    purpose: Pay staff
    legal_basis: legal_obligation
    data: [user.financial.bank_account]
    subjects: [employee]
    retention: P6Y
"""


def problems(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "ropa.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return info.value.problems


def test_a_valid_file_becomes_a_typed_config(tmp_path: Path) -> None:
    (tmp_path / "ropa.yaml").write_text(GOOD)
    config = load_config(tmp_path / "ropa.yaml")
    assert config.controller["name"] == "Example Ltd"
    (payroll,) = config.activities
    assert payroll.data == ("user.financial.bank_account",)
    assert (payroll.location.path, payroll.location.line) == ("ropa.yaml", 7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("controler: {name: x}\n", "ropa.yaml:1: unknown key 'controler'"),
        ("controller:\n  name: x\n  emial: y\n", "ropa.yaml:3: unknown key 'controller.emial'"),
        (
            "role: controller\nrole: processor\n",
            "ropa.yaml:2: duplicate key 'role' (first at line 1)",
        ),
        ("a: &x {b: 1}\nc: *x\n", "ropa.yaml:1: anchors and aliases are not allowed"),
        ("controller:\n\tname: x\n", "ropa.yaml:2: tab used for indentation"),
        # A form feed is no line break for YAML, so the tab is still on line 3.
        ("role: controller\x0c\ncontroller:\n\tname: x\n", "ropa.yaml:3: tab used"),
        ("- just\n- a list\n", "ropa.yaml:1: expected a mapping at the top level"),
        ("notice: {effective_date: 2026-13-45}\n", "ropa.yaml:1: invalid value '2026-13-45'"),
        ("notice: {effective_date: soon}\n", "ropa.yaml:1: notice.effective_date must be a date"),
        ("security_measures: TLS\n", "ropa.yaml:1: security_measures must be a list of strings"),
        ("jurisdictions: [gdpr, lgpd]\n", "ropa.yaml:1: unknown jurisdiction 'lgpd'"),
        ("activities:\n  - purpose: x\n", "ropa.yaml:2: activities[1] lacks 'name'"),
        ("vendors:\n  acme: {country: usa}\n", "ropa.yaml:2: acme.country: must be an ISO"),
        (b"a: 1\0\n", "ropa.yaml:1: binary file"),
        ("a: [1\n", "ropa.yaml:2: invalid YAML"),
        # Synapse's trial: the only activity deleted, the commented examples left below.
        (
            "activities:\n#  - name: Recruitment\n",
            "ropa.yaml:1: activities must be a list: it is empty here (write 'activities: []' "
            "when there are none)",
        ),
        ("vendors:\n", "ropa.yaml:1: vendors must be a mapping of vendor keys: it is empty here"),
        ("security_measures:\n", "ropa.yaml:1: security_measures must be a list of strings: it"),
    ],
)
def test_invalid_files_name_the_line(tmp_path: Path, text: str | bytes, expected: str) -> None:
    found = problems(tmp_path, text)
    assert any(p.startswith(expected) for p in found), found


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    found = problems(tmp_path, "controler: 1\nrole: boss\nscan: {path: [x]}\n")
    assert [p.split(":")[1] for p in found] == ["1", "3", "2"]


def test_cli_exits_2_with_one_line_per_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "khoj"
    project.mkdir()
    (project / "ropa.yaml").write_text("controler: 1\nrole: boss\n")
    (project / "app.py").write_text("x = 1\n")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["scan", "."])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.startswith("ropa: ropa.yaml:")]
    assert len(lines) == 2
    assert "Traceback" not in result.output
    # From elsewhere, the file is named as the scan's diagnostics name it (Khoj's trial:
    # 'ropa.yaml:81' beside diagnostics at 'khoj/ropa.yaml:41').
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["scan", "khoj"])
    assert result.exit_code == 2
    assert [line for line in result.output.splitlines() if line.startswith("ropa: ")] == [
        line.replace("ropa: ropa.yaml:", "ropa: khoj/ropa.yaml:") for line in lines
    ]


def test_a_text_cut_at_its_comma_in_a_flow_mapping_says_to_quote_it(tmp_path: Path) -> None:
    """open-webui: `deepgram: {name: Deepgram, Inc., ...}` read as a key `Inc.`; the docs'
    own examples use `{...}` and never said to quote a text holding a comma."""
    hint = "if 'Inc.' is the end of a text cut at its comma inside {...}, put that text in quotes"
    (controller,) = problems(tmp_path, "controller: {name: Acme, Inc., email: a@b.example}\n")
    assert controller.startswith("ropa.yaml:1: unknown key 'controller.Inc.'")
    assert hint in controller
    (vendor,) = problems(
        tmp_path, "vendors:\n  deepgram: {name: Deepgram, Inc., location: x, country: US}\n"
    )
    assert vendor.startswith("ropa.yaml:2: deepgram.Inc.: unknown field") and hint in vendor
    # A key misspelled is only that.
    (typo,) = problems(tmp_path, "controller: {nmae: Acme, email: a@b.example}\n")
    assert "quotes" not in typo
