"""The command line: exit codes 0/1/2, helpful listings, init, diff and the baseline gate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.formats import DiagnosticFormat

from .conftest import BROKEN, SAMPLE

# The OASIS SARIF 2.1.0 schema (errata01), shipped so the test runs on a fresh clone.
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_fail_on_levels() -> None:
    assert run("scan", str(BROKEN), "--fail-on", "never", "-q")[0] == 0
    assert run("scan", str(BROKEN), "-q")[0] == 1
    assert run("scan", str(SAMPLE), "--fail-on", "warning", "-q")[0] == 0
    assert run("scan", str(SAMPLE), "--fail-on", "error", "-q")[0] == 0


def test_missing_path_is_exit_2() -> None:
    code, output = run("scan", "does/not/exist")
    assert code == 2 and "no such file" in output


@pytest.mark.parametrize("fmt", list(DiagnosticFormat))
def test_every_format_renders_the_broken_fixture(fmt: DiagnosticFormat) -> None:
    code, output = run("scan", str(BROKEN), "--format", fmt.value, "-q")
    assert code == 1
    assert "ROPA101" in output and "ROPA002" in output


def test_sarif_validates_against_the_official_schema() -> None:
    _, output = run("scan", str(BROKEN), "--format", "sarif")
    log = json.loads(output)
    jsonschema.Draft7Validator(json.loads(SARIF_SCHEMA.read_text())).validate(log)
    run_ = log["runs"][0]
    rules = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert rules == sorted(rules) and "ROPA301" in rules
    first = run_["results"][0]["locations"][0]["physicalLocation"]
    assert not first["artifactLocation"]["uri"].startswith("/")
    assert first["region"]["startColumn"] >= 1
    assert output == run("scan", str(BROKEN), "--format", "sarif")[1]


def test_github_annotations() -> None:
    _, output = run("scan", str(BROKEN), "--format", "github")
    assert "::error file=tests/fixtures/broken/app/vocabulary.py,line=7,col=" in output
    assert "::notice file=" in output  # info level


def test_vendors_and_taxonomy_listings() -> None:
    code, output = run("vendors", "logz")
    assert code == 0 and "Logz.io" in output and "Tel Aviv" in output
    assert run("vendors", "no-such-vendor-anywhere")[0] == 1
    code, output = run("taxonomy", "categories", "email")
    assert code == 0 and "user.contact.email" in output
    code, output = run("taxonomy", "subjects")
    assert "customer" in output and "job_applicant" in output


def test_init_writes_a_config_that_scans(tmp_path: Path) -> None:
    code, _ = run("init", str(tmp_path))
    assert code == 0
    assert run("init", str(tmp_path))[0] == 2  # never overwrites silently
    (tmp_path / "app.py").write_text("x = 1\n")
    assert run("scan", str(tmp_path), "-q")[0] == 0


def test_baseline_gate_and_diff(tmp_path: Path) -> None:
    project = tmp_path / "shop"
    shutil.copytree(SAMPLE, project)
    baseline = tmp_path / "privacy" / "ropa.json"
    assert run("scan", str(project), "--output", str(baseline), "-q")[0] == 0
    assert run("scan", str(project), "--baseline", str(baseline), "-q")[0] == 0
    emails = project / "shop" / "services" / "emails.py"
    emails.write_text(
        emails.read_text()
        + '\n\n@processor("mailgun", data=["user.contact.email"], purpose="Fallback delivery",\n'
        '           activity="Order confirmation")\ndef fallback(message): ...\n'
    )
    code, output = run("scan", str(project), "--baseline", str(baseline), "-q")
    assert code == 1
    changes = [line for line in output.splitlines() if "ROPA301" in line]
    assert len(changes) == 3, output
    assert any("vendor 'mailgun' added" in line for line in changes)
    assert any("processors changed" in line for line in changes)
    new = tmp_path / "new.json"
    run("scan", str(project), "--output", str(new), "-q")
    code, text = run("diff", str(baseline), str(new))
    assert code == 1 and "+ vendor 'mailgun' added" in text
    _, markdown = run("diff", str(baseline), str(new), "--format", "markdown")
    assert "| ➕ added | vendor `mailgun` |" in markdown
    _, as_json = run("diff", str(baseline), str(new), "--format", "json")
    added = [c for c in json.loads(as_json) if c["kind"] == "added"]
    assert [(c["subject"], c["name"]) for c in added] == [("vendor", "mailgun")]
    assert run("diff", str(baseline), str(baseline))[0] == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("not json", "not valid JSON"),
        ('{"schema_version": 99, "activities": []}', "schema_version 99"),
    ],
)
def test_bad_baseline_is_exit_2(tmp_path: Path, content: str | None, message: str) -> None:
    baseline = tmp_path / "base.json"
    if content is not None:
        baseline.write_text(content)
    code, output = run("scan", str(SAMPLE), "--baseline", str(baseline), "-q")
    assert code == 2 and message in output
