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
from ropa.model import Level
from ropa.pipeline import run_scan

from .conftest import BROKEN, SAMPLE
from .entry_point import run_ropa

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
    # The placeholders of 'ropa init' are errors at their own line until replaced.
    code, output = run("scan", str(tmp_path), "-q")
    assert code == 1
    assert "ropa.yaml:" in output and "ROPA112" in output and "placeholder" in output
    config = tmp_path / "ropa.yaml"
    text = config.read_text()
    for old, new in (
        ("Example Ltd", "Acme Shop Ltd"),
        ("1 Example Street, 10115 Berlin, Germany", "1 Main St, Dublin"),
        ("privacy@example.com", "privacy@acme-shop.test"),
    ):
        text = text.replace(old, new)
    config.write_text(text)
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
    # One line per fact: the activity's processors, the vendor, and the transfer to it (the
    # activity's own list of transfers repeats the last: not reported again).
    assert len(changes) == 3, output
    assert any("vendor 'mailgun' added" in line for line in changes)
    assert any("transfer 'mailgun to US' added" in line for line in changes)
    assert any("processors changed" in line for line in changes)
    new = tmp_path / "new.json"
    run("scan", str(project), "--output", str(new), "-q")
    code, text = run("diff", str(baseline), str(new))
    assert code == 1 and "+ vendor 'mailgun' added" in text
    _, markdown = run("diff", str(baseline), str(new), "--format", "markdown")
    assert "| ➕ added | vendor <code>mailgun</code> |" in markdown
    _, as_json = run("diff", str(baseline), str(new), "--format", "json")
    added = [c for c in json.loads(as_json) if c["kind"] == "added"]
    assert [(c["subject"], c["name"]) for c in added] == [
        ("vendor", "mailgun"),
        ("transfer", "mailgun to US"),
    ]
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


# ropa's own failures: an internal error says how to see its traceback; Ctrl-C is exit 130.


@pytest.fixture
def crashing_scan(monkeypatch: pytest.MonkeyPatch) -> None:
    import ropa.pipeline

    def crash(*args: object, **kwargs: object) -> None:
        raise TypeError("string indices must be integers")

    monkeypatch.setattr(ropa.pipeline, "run_scan", crash)
    monkeypatch.delenv("ROPA_DEBUG", raising=False)


@pytest.mark.usefixtures("crashing_scan")
def test_an_internal_error_says_how_to_see_the_traceback() -> None:
    code, output = run_ropa("scan", str(SAMPLE))
    assert code == 2
    assert "ropa: internal error: TypeError: string indices must be integers" in output
    assert "ropa --debug" in output and "ROPA_DEBUG=1" in output
    assert "Traceback" not in output


@pytest.mark.usefixtures("crashing_scan")
@pytest.mark.parametrize(
    ("args", "env"),
    [(("--debug",), {}), ((), {"ROPA_DEBUG": "1"})],
    ids=["--debug", "ROPA_DEBUG=1"],
)
def test_debug_prints_the_traceback(args: tuple[str, ...], env: dict[str, str]) -> None:
    code, output = run_ropa(*args, "scan", str(SAMPLE), env=env)
    assert code == 2
    assert "Traceback (most recent call last)" in output
    assert 'raise TypeError("string indices must be integers")' in output
    assert "ropa: internal error: TypeError" in output


def test_usage_errors_and_help_keep_their_exit_codes() -> None:
    code, output = run_ropa("scan", "--fail-on", "sometimes")
    assert code == 2 and "Invalid value for '--fail-on'" in output
    assert run_ropa("--help")[0] == 0
    assert run_ropa("--version")[0] == 0
    assert run_ropa("scan", str(SAMPLE), "-q")[0] == 0


# Counts in summaries agree with their nouns.


def test_summaries_say_one_error_not_one_errors() -> None:
    from types import SimpleNamespace

    from ropa.cli import _summary
    from ropa.model import Diagnostic, Level

    one = [Diagnostic(code="ROPA101", level=level, message="m") for level in Level]
    outcome = SimpleNamespace(
        scan=SimpleNamespace(files=["a.py"]),
        record=SimpleNamespace(activities=[{}], data_inventory=[{}], vendors=[{}]),
    )
    assert _summary(outcome, one) == (
        "ropa: 1 file scanned, 1 activity, 1 field, 1 vendor; 1 error, 1 warning, 1 info"
    )
    outcome.scan.files.append("b.py")
    for part in vars(outcome.record).values():
        part.append({})
    assert _summary(outcome, one + one) == (
        "ropa: 2 files scanned, 2 activities, 2 fields, 2 vendors; 2 errors, 2 warnings, 2 info"
    )


def test_build_refusal_says_one_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from dataclasses import replace

    import ropa.pipeline
    from ropa.model import Diagnostic, Level, Location
    from ropa.pipeline import run_scan

    outcome = run_scan([SAMPLE], jobs=1, use_cache=False)
    error = Diagnostic(
        code="ROPA101", level=Level.ERROR, message="unknown", location=Location(path="a.py")
    )
    monkeypatch.setattr(
        ropa.pipeline, "run_scan", lambda *a, **k: replace(outcome, diagnostics=(error,))
    )
    code, output = run("build", str(SAMPLE), "--out-dir", str(tmp_path / "out"))
    assert code == 1
    assert "ropa: 1 error; no documents written" in output


def test_build_says_what_the_scan_found_that_it_does_not_print(tmp_path: Path) -> None:
    """A build with warnings and gaps writes its documents (exit 0) and says so in one line;
    a clean one says nothing more than what it wrote."""
    from .conftest import MINIMAL_YAML, write_tree

    project = tmp_path / "app"
    write_tree(
        project,
        {
            "ropa.yaml": MINIMAL_YAML,
            "app.py": "import sentry_sdk\n"
            '# ropa: processing("Orders", purpose="Ship", legal_basis="contract",\n'
            '#   data=["user.contact.email"], subjects=["customer"])\n'
            "def ship(): ...\n",
        },
    )
    result = CliRunner().invoke(main, ["build", str(project), "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    outcome = run_scan([project], jobs=1, use_cache=False)
    warnings = sum(1 for d in outcome.diagnostics if d.level is Level.WARNING)
    gaps = len(outcome.record.gaps)
    assert warnings >= 2 and gaps >= 2  # ROPA108 retention, ROPA202 sentry; their gaps
    assert result.stderr.splitlines()[-1] == (
        f"ropa: {gaps} gaps marked in the documents as missing; {warnings} warnings "
        "('ropa scan' lists them with file:line)"
    )
    clean = CliRunner().invoke(main, ["build", str(SAMPLE), "--out-dir", str(tmp_path / "s")])
    assert clean.exit_code == 0 and "marked in the documents" not in clean.stderr


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_names_from_code_cannot_reorder_or_forge_output_lines(tmp_path: Path, fmt: str) -> None:
    from .conftest import MINIMAL_YAML, write_tree

    # A bidi override and a line separator inside an activity's name, as a pull request
    # could write them (escapes in the Python source, so the file itself looks harmless).
    source = (
        "from ropa import processing\n\n"
        '@processing("Refunds\\u202egnp.exe\\u2028ROPA000 error: all fine", purpose="Refund",'
        ' legal_basis="contract", data=["user.contact.email"], subjects=["customer"])\n'
        "def refund(): ...\n"
    )
    root = write_tree(tmp_path / "p", {"ropa.yaml": MINIMAL_YAML, "app/refund.py": source})
    result = CliRunner().invoke(main, ["scan", str(root), "--no-cache", "--format", fmt, "-q"])
    assert "ROPA108" in result.output, result.output  # no retention: the name is shown
    assert "\u202e" not in result.output and "\u2028" not in result.output
    assert "Refunds\\u202egnp.exe\\u2028ROPA000" in result.output
    # The forged text stays inside the line of the real diagnostic.
    assert all("Refunds" in line for line in result.output.splitlines() if "ROPA000" in line)
