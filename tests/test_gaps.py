"""Gaps: every one is a diagnostic, and the documents mark exactly the record's gaps."""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropa.cli import main
from ropa.csvout import table_rows
from ropa.errors import RecordError
from ropa.model import Diagnostic, Level
from ropa.pipeline import Outcome, run_scan
from ropa.recordio import as_record
from ropa.recordmodel import Record
from ropa.render import render_documents
from ropa.starter import starter_config

from .conftest import BROKEN, DATE, MINIMAL_YAML, SAMPLE

MARKER = re.compile(r'<span class="missing"( data-gap="([^"]*)")?>')


def _where(d: Diagnostic) -> str:
    assert d.location is not None
    return f"{d.location.path}:{d.location.line}" if d.location.line else d.location.path


def assert_gaps_are_diagnostics(outcome: Outcome) -> None:
    """Each gap has its diagnostic (code, level, location); each ROPA120 has its gap."""
    gaps = outcome.record.as_json()["gaps"]
    reported = {(d.code, d.level.value, _where(d)) for d in outcome.diagnostics if d.location}
    for g in gaps:
        assert (g["code"], g["level"], g["where"]) in reported, g
    backed = {(g["code"], g["where"]) for g in gaps}
    for d in outcome.diagnostics:
        if d.code == "ROPA120":
            assert (d.code, _where(d)) in backed, d
    assert len({g["id"] for g in gaps}) == len(gaps), "gap ids are unique"


def marker_ids(html: str) -> tuple[set[str], set[str]]:
    """The gap ids of the markers before the record's list of gaps, and of all markers."""
    cut = html.find('<section id="gaps"')
    inline, every = set(), set()
    for match in MARKER.finditer(html):
        # Built-in templates never print a marker that names no gap.
        assert match.group(2), html[match.start() : match.start() + 200]
        ids = set(match.group(2).split())
        every |= ids
        if cut < 0 or match.start() < cut:
            inline |= ids
    return inline, every


def assert_documents_mark_exactly_the_gaps(typed: Record | Mapping[str, Any], out: Path) -> None:
    render_documents(as_record(typed), out, formats=["html", "md", "csv"])
    record = as_record(typed).as_json()
    gap_ids = {g["id"] for g in record["gaps"]}
    inline: set[str] = set()
    for name in ("ropa.html", "privacy-notice.html"):
        html = (out / name).read_text("utf-8")
        shown, every = marker_ids(html)
        assert every <= gap_ids, (name, every - gap_ids)
        inline |= shown
    # Every gap is marked where its item belongs, not only in the record's list of gaps.
    assert inline == gap_ids, gap_ids - inline
    record_html = (out / "ropa.html").read_text("utf-8")
    assert (
        set(
            re.findall(
                r'<td data-label="What is missing"><span class="missing" data-gap="([^"]*)"',
                record_html,
            )
        )
        == gap_ids
    )
    markdown = (out / "privacy-notice.md").read_text("utf-8")
    if not gap_ids:
        assert "Missing declaration" not in markdown
    rows = table_rows((out / "ropa.csv").read_text("utf-8"))[1:]
    with_gaps = {g["activity"] for g in record["gaps"]}
    for row, activity in zip(rows, record["activities"], strict=True):
        if any("Missing declaration" in cell for cell in row):
            assert activity["name"] in with_gaps or None in with_gaps, row
    assert_no_unbacked_negative(record, out)


def assert_no_unbacked_negative(record: Record | Mapping[str, Any], out: Path) -> None:
    """While vendor SDKs are undeclared, no document says nobody receives the data."""
    if not any(g.code == "ROPA202" for g in as_record(record).gaps):
        return
    for name in ("privacy-notice.html", "privacy-notice.md", "ropa.html"):
        text = (out / name).read_text("utf-8").lower()
        for negative in (
            "nobody outside",
            "we do not share your information",
            "we do not transfer your information",
            "no personal data is transferred outside",
            "no service provider or other organisation receives",
        ):
            assert negative not in text, (name, negative)


def test_the_sample_has_no_gap_and_no_marker(sample_outcome: Outcome, tmp_path: Path) -> None:
    assert sample_outcome.record.as_json()["gaps"] == []
    assert not [d for d in sample_outcome.diagnostics if d.level is not Level.INFO]
    assert_documents_mark_exactly_the_gaps(sample_outcome.record, tmp_path)


def test_broken_fixture_gaps_are_diagnostics_and_markers(tmp_path: Path) -> None:
    outcome = run_scan([BROKEN], jobs=1, date=DATE, use_cache=False)
    assert_gaps_are_diagnostics(outcome)
    by_code = {g["code"] for g in outcome.record.as_json()["gaps"]}
    assert {"ROPA105", "ROPA108", "ROPA109", "ROPA112", "ROPA114", "ROPA120", "ROPA202"} <= by_code
    assert_documents_mark_exactly_the_gaps(outcome.record, tmp_path)


def test_unknown_activity_is_ropa114_at_the_processor(tmp_path: Path) -> None:
    outcome = run_scan([BROKEN], jobs=1, date=DATE, use_cache=False)
    (d,) = [d for d in outcome.diagnostics if d.code == "ROPA114"]
    assert (d.level, str(d.location)) == (Level.ERROR, "app/gaps.py:5:1")
    assert "'Gift card'" in d.message and d.hint == "did you mean 'Gift cards'?"


def test_a_missing_dpa_is_reported_where_ropa_yaml_describes_the_vendor(tmp_path: Path) -> None:
    """The dpa goes into the vendor's entry in ropa.yaml; the gap was located at the first
    code marker that used the vendor (open-webui: routers/audio/__init__.py for Deepgram),
    and the record's "Where to declare it" named a line where no dpa can be declared."""
    (tmp_path / "ropa.yaml").write_text(
        "controller: {name: Kestrel Chat GmbH, address: Torstr. 1 Berlin, email: p@k.example}\n"
        "activities:\n"
        "  - {name: Voice input, purpose: Transcribe speech, legal_basis: contract,\n"
        "     data: [user.contact.email], subjects: [customer], retention: P1D}\n"
        "vendors:\n"
        "  acme-stt: {name: Acme STT Ltd, location: Dublin, country: IE, services: Speech,\n"
        "             kind: ai, role: processor, privacy_policy: https://acme.example/privacy}\n"
    )
    (tmp_path / "app.py").write_text(
        "def transcribe(audio):\n"
        '    # ropa: processor("acme-stt", data=["user.contact.email"], activity="Voice input")\n'
        "    return audio\n"
    )
    outcome = run_scan([tmp_path], jobs=1, date=DATE, use_cache=False)
    [gap] = [g for g in outcome.record.as_json()["gaps"] if g["id"].startswith("art28_3_dpa")]
    assert gap["where"] == "ropa.yaml:6"
    assert_gaps_are_diagnostics(outcome)


def test_fail_on_warning_gates_a_gap_and_the_summary_counts_it(tmp_path: Path) -> None:
    project = tmp_path / "shop"
    shutil.copytree(SAMPLE, project)
    config = project / "ropa.yaml"
    config.write_text(re.sub(r"(?ms)^supervisory_authority:.*?(?=^\S)", "", config.read_text()))
    runner = CliRunner()
    result = runner.invoke(main, ["scan", str(project), "--fail-on", "warning"])
    assert result.exit_code == 1
    assert "ropa.yaml:1:1: ROPA120 warning: no supervisory authority declared" in result.output
    assert "0 errors, 1 warning," in result.output


SDK_APP = """\
import boto3
import mailchimp_marketing
import sentry_sdk
import stripe
from twilio.rest import Client
"""


def test_init_placeholders_are_errors_and_undeclared_sdks_no_negative(tmp_path: Path) -> None:
    """Issue 9 item 4: an unannotated app after 'ropa init' neither passes nor gets a notice
    saying that nobody outside the controller receives data."""
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path)]).exit_code == 0
    (tmp_path / "app.py").write_text(SDK_APP)
    result = runner.invoke(main, ["scan", str(tmp_path), "-q"])
    assert result.exit_code == 1
    lines = (tmp_path / "ropa.yaml").read_text().splitlines()
    for placeholder in ("name: Example Ltd", "address: 1 Example", "email: privacy@example.com"):
        number = next(i for i, line in enumerate(lines, 1) if placeholder in line)
        assert re.search(rf"ropa\.yaml:{number}:1: ROPA112 error: .*placeholder", result.output)
    build = runner.invoke(main, ["build", str(tmp_path), "--out-dir", str(tmp_path / "out")])
    assert build.exit_code == 1 and not (tmp_path / "out").exists()

    text = "\n".join(lines)
    for old, new in (
        ("Example Ltd", "Kite Labs GmbH"),
        ("1 Example Street, 10115 Berlin, Germany", "Hauptstrasse 1, 10115 Berlin"),
        ("privacy@example.com", "privacy@kite-labs.test"),
    ):
        text = text.replace(old, new)
    (tmp_path / "ropa.yaml").write_text(text + "\n")
    outcome = run_scan([tmp_path], jobs=1, date=DATE, use_cache=False)
    assert not [d for d in outcome.diagnostics if d.level is Level.ERROR]
    undeclared = {g["vendor"] for g in outcome.record.as_json()["gaps"] if g["code"] == "ROPA202"}
    assert undeclared == {"aws", "mailchimp", "sentry", "stripe", "twilio"}
    assert_gaps_are_diagnostics(outcome)
    assert_documents_mark_exactly_the_gaps(outcome.record, tmp_path / "docs")
    notice = (tmp_path / "docs" / "privacy-notice.html").read_text()
    assert 'data-gap="art30_1_d_recipients:undeclared:aws' in notice
    assert "may be incomplete" in notice


def test_personal_data_sent_to_an_undeclared_address_leaves_no_negative(tmp_path: Path) -> None:
    """The same for a raw HTTP call: personal data posted to an address outside the
    organisation that nobody declared (ROPA205) is a gap, and the notice says neither that
    nobody outside receives data nor that nothing leaves the EEA."""
    code = (
        "import requests\n"
        '# ropa: processing("Newsletter", purpose="Send the newsletter", legal_basis="consent",\n'
        '#   data=["user.contact.email"], subjects=["customer"], retention="P1Y",\n'
        '#   withdrawal="Unsubscribe link", consent_record="Sign-up log")\n'
        "def subscribe(user):\n"
        '    requests.post("https://api.mailer.example/send", json={"e": user.email})\n'
    )
    (tmp_path / "ropa.yaml").write_text(MINIMAL_YAML)
    (tmp_path / "app.py").write_text(code)
    outcome = run_scan([tmp_path], jobs=1, date=DATE, use_cache=False)
    undeclared = {g["vendor"] for g in outcome.record.as_json()["gaps"] if g["code"] == "ROPA205"}
    assert undeclared == {"api.mailer.example"}
    assert_gaps_are_diagnostics(outcome)
    assert_documents_mark_exactly_the_gaps(outcome.record, tmp_path / "docs")
    notice = (tmp_path / "docs" / "privacy-notice.html").read_text()
    assert "Nobody outside" not in notice and "anyone outside" not in notice
    assert "We do not transfer your information" not in notice
    assert 'data-gap="art30_1_d_recipients:undeclared:api.mailer.example' in notice


def test_without_ropa_yaml_ropa112_names_the_root_and_suggests_init(tmp_path: Path) -> None:
    project = tmp_path / "app"
    project.mkdir()
    (project / "app.py").write_text("x = 1\n")
    outcome = run_scan([project], jobs=1, date=DATE, use_cache=False)
    (d,) = [d for d in outcome.diagnostics if d.code == "ROPA112"]
    assert d.location is not None and d.location.path == "." and not d.location.line
    assert "no ropa.yaml" in d.message and "ropa init" in (d.hint or "")
    assert "ropa.yaml:1" not in str(d.location)
    result = CliRunner().invoke(main, ["scan", str(project)])
    assert re.search(r"^\S*app: ROPA112 error: there is no ropa.yaml", result.output, re.M)


def test_starter_has_no_stale_date_and_cites_user_docs() -> None:
    text = starter_config()
    assert not re.search(r"^\s*effective_date: \d{4}-\d\d-\d\d", text, re.M)
    assert "DESIGN" not in text and "docs/annotations.md" in text


# Generated projects: the sample with declarations and keys dropped at random.

_KWARG = r"\b{key}=(\"[^\"]*\"(\s*#?\s*\"[^\"]*\")*|\[[^\]]*\]|True|False)\s*,?"
_CODE_KEYS = (
    "purpose",
    "legal_basis",
    "legitimate_interest",
    "data",
    "subjects",
    "retention",
    "requirement",
    "processors",
    "special_category_basis",
    "source",
    "activity",
    "consent_record",
    "withdrawal",
)
_YAML_BLOCKS = ("dpo", "supervisory_authority", "security_measures", "activities", "vendors")
_YAML_LINES = (
    "  effective_date:",
    "  children_min_age:",
    "  email:",
    "    requirement:",
    "    lia:",
    "    dpia:",
)


def _mutate(
    project: Path, code_drops: Sequence[tuple[int, str]], yaml_drops: Sequence[str]
) -> None:
    files = sorted(p for p in project.rglob("*.py") if "ropa" in _text(p))
    for index, key in code_drops:
        path = files[index % len(files)]
        text = path.read_text()
        if key == "activity":
            # A typo in the activity a processor names: ROPA114.
            text = re.sub(r'activity="([^"]*)"', r'activity="\1 (old)"', text, count=1)
        else:
            text = re.sub(_KWARG.format(key=key), "", text, count=1)
        path.write_text(text)
    config = project / "ropa.yaml"
    text = config.read_text()
    for drop in yaml_drops:
        if drop in _YAML_BLOCKS:
            text = re.sub(rf"(?ms)^{drop}:.*?(?=^\S)", "", text)
        else:
            text = "".join(
                line for line in text.splitlines(keepends=True) if not line.startswith(drop)
            )
    config.write_text(text)
    if "sdk" in yaml_drops:
        (files[0].parent / "extra_sdks.py").write_text(SDK_APP)


def _text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except UnicodeDecodeError:
        return ""  # the broken fixture's file that is not UTF-8 stays as it is


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    code_drops=st.lists(st.tuples(st.integers(0, 30), st.sampled_from(_CODE_KEYS)), max_size=6),
    yaml_drops=st.lists(
        st.sampled_from(_YAML_BLOCKS + _YAML_LINES + ("sdk",)), max_size=4, unique=True
    ),
    base=st.sampled_from([SAMPLE, BROKEN]),
)
def test_generated_projects_mark_exactly_their_gaps(
    tmp_path_factory: pytest.TempPathFactory,
    code_drops: list[tuple[int, str]],
    yaml_drops: list[str],
    base: Path,
) -> None:
    root = tmp_path_factory.mktemp("gen")
    project = root / "shop"
    shutil.copytree(base, project)
    _mutate(project, code_drops, yaml_drops)
    outcome = run_scan([project], jobs=1, date=DATE, use_cache=False)
    assert_gaps_are_diagnostics(outcome)
    assert_documents_mark_exactly_the_gaps(outcome.record, root / "out")


def test_a_record_saved_before_gap_ids_still_renders(tmp_path: Path) -> None:
    """Gaps without ids, codes or levels are of a version 1 record: it is upgraded (each gap
    takes its item as id) and marked; as version 2 it is refused, never guessed at."""
    outcome = run_scan([BROKEN], jobs=1, date=DATE, use_cache=False)
    record = outcome.record.as_json()
    record["gaps"] = [
        {k: g[k] for k in ("item", "activity", "message", "where")} for g in record["gaps"]
    ]
    with pytest.raises(RecordError, match=r"gaps\[0\]\.id: required key missing"):
        as_record(record)
    record["schema_version"] = 1
    render_documents(as_record(record), tmp_path, formats=["html"])
    html = (tmp_path / "ropa.html").read_text("utf-8")
    assert 'data-gap="art30_1_f_retention"' in html


def test_the_dpa_hint_asks_only_for_what_ropa_yaml_accepts(scan_tree: Any) -> None:
    """Letta's trial: the hint said 'add dpa: URL (or where the signed copy is kept)', and
    'dpa: on file' then stopped every command with 'ropa.yaml: e2b.dpa: must be a URL'."""
    from ropa.errors import ConfigError
    from ropa.registry import parse_vendors

    outcome = scan_tree(
        {
            "ropa.yaml": MINIMAL_YAML
            + "vendors:\n  acme: {name: Acme Ltd, location: Pune, country: IN, services: Support,"
            " kind: support, role: processor, privacy_policy: https://acme.example/p,"
            " safeguards: [sccs]}\n"
            "activities:\n  - {name: Support, purpose: Help, legal_basis: contract,"
            " data: [user.name], subjects: [customer], retention: P1Y, requirement: Needed,"
            " processors: [acme]}\n"
        }
    )
    [hint] = [d.hint for d in outcome.diagnostics if "no data processing agreement" in d.message]
    assert hint is not None and "where the signed copy is kept" not in hint
    assert re.search(r"\bdpa: (a |the )?URL\b", hint), hint
    entry = {
        "name": "Acme Ltd",
        "location": "Pune",
        "country": "IN",
        "services": "Support",
        "kind": "support",
        "role": "processor",
        "privacy_policy": "https://acme.example/p",
        "dpa": "kept with the signed contracts",
    }
    with pytest.raises(ConfigError, match="must be a URL"):
        parse_vendors({"acme": entry}, "ropa.yaml", partial=True)
