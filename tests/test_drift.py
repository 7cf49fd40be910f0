"""The drift gate: every change in substance is one ROPA301 naming it; provenance is none."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import cmarkgfm
import pytest
from click.testing import CliRunner
from cmarkgfm.cmark import Options
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ropa.changes import FORMATS, Change, format_json, format_markdown, format_text, visible
from ropa.cli import main
from ropa.diff import baseline_diagnostics, diff_records
from ropa.errors import RecordError
from ropa.pipeline import Outcome, dump_record, run_scan

from . import test_drift_properties as props
from .conftest import BROKEN, DATE, SAMPLE

Record = dict[str, Any]


def _json(outcome: Outcome) -> Record:
    """The record as ``scan --output`` writes it and ``--baseline`` reads it back."""
    data: Record = json.loads(dump_record(outcome.record))
    return data


@pytest.fixture(scope="module")
def sample_record() -> Record:
    return _json(run_scan([SAMPLE], jobs=1, date=DATE, use_cache=False))


def _described(changes: list[Change]) -> list[str]:
    return [c.describe() for c in changes]


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


# Issue 9, item 1: a vendor first used through processors= has a text `location` (its
# address), which the gate took for a code location.
INTERCOM = """
from ropa import processing


@processing(
    "Support tickets",
    purpose="Answer customer support requests",
    legal_basis="contract",
    data=["user.contact.email"],
    subjects=["customer"],
    processors=["intercom"],
    retention="P1Y",
)
def open_ticket() -> None: ...
"""


def test_a_vendor_first_used_through_processors_is_reported_not_a_crash(tmp_path: Path) -> None:
    project = tmp_path / "shop"
    shutil.copytree(SAMPLE, project)
    base = tmp_path / "base.json"
    assert _cli("scan", str(project), "--output", str(base), "-q")[0] == 0
    (project / "shop" / "support.py").write_text(INTERCOM)
    code, output = _cli("scan", str(project), "--baseline", str(base), "-q")
    assert code == 1 and "internal error" not in output, output
    assert "activity 'Support tickets' added" in output
    # Only processors= names it: the annotation lands on the activity that does.
    (line,) = [line for line in output.splitlines() if "vendor 'intercom' added" in line]
    assert re.search(r"shop/support\.py:5:1: ROPA301 error", line), line
    new = tmp_path / "new.json"
    _cli("scan", str(project), "--output", str(new), "-q")
    for fmt in FORMATS:
        code, output = _cli("diff", str(base), str(new), "--format", fmt)
        assert code == 1 and "intercom" in output and "internal error" not in output, output


def test_code_locations_are_read_only_from_the_keys_that_hold_them(sample_record: Record) -> None:
    new = copy.deepcopy(sample_record)
    vendor = next(v for v in new["vendors"] if v["key"] == "stripe")
    vendor["location"] = "Dublin, Ireland"  # the company's address: substance
    vendor["locations"] = [{"path": "shop/elsewhere.py", "line": 99}]  # code: provenance
    (change,) = diff_records(sample_record, new)
    assert change.key == "location" and change.describe().endswith("to 'Dublin, Ireland'")
    assert change.location is not None and change.location.path == "shop/elsewhere.py"


# Issue 9, item 9: changes in substance the gate let through.
def _vendor(record: Record, key: str) -> Record:
    found: Record = next(v for v in record["vendors"] if v["key"] == key)
    return found


def _field(record: Record, name: str) -> Record:
    found: Record = next(
        f for f in record["data_inventory"] if f"{f['model']}.{f['field']}" == name
    )
    return found


def _health_to_stripe(r: Record) -> None:
    _vendor(r, "stripe")["data_categories"].append("user.health_and_medical")


def _retention(r: Record) -> None:
    _field(r, "shop.models.Customer.email")["retention"] = {"iso": "P99Y", "text": "99 years"}


def _subjects(r: Record) -> None:
    _field(r, "shop.models.Customer.email")["subjects"] = ["employee"]


def _role(r: Record) -> None:
    _vendor(r, "aws")["role"] = "controller"


def _dpo(r: Record) -> None:
    r["dpo"]["email"] = "someone@else.example"


def _sells(r: Record) -> None:
    r["notice"]["ccpa"]["sells"] = True


def _measure(r: Record) -> None:
    r["security_measures"].pop(0)


SUBSTANCE: list[tuple[Callable[[Record], None], str]] = [
    (_health_to_stripe, "vendor 'stripe': data_categories changed from"),
    (_retention, "field 'shop.models.Customer.email': retention changed from 'P3Y' to 'P99Y'"),
    (_subjects, "field 'shop.models.Customer.email': subjects changed from [customer] to"),
    (_role, "vendor 'aws': role changed from 'processor' to 'controller'"),
    (_dpo, "DPO: email changed from 'dpo@kestrel-outfitters.example' to 'someone@else"),
    (_sells, "notice: ccpa.sells changed from false to true"),
    (_measure, "security measure 'All traffic encrypted with TLS 1.2 or later"),
]


@pytest.mark.parametrize(("mutate", "expected"), SUBSTANCE, ids=[m.__name__ for m, _ in SUBSTANCE])
def test_each_change_the_gate_missed_is_one_change_naming_it(
    sample_record: Record, mutate: Callable[[Record], None], expected: str
) -> None:
    new = copy.deepcopy(sample_record)
    mutate(new)
    described = _described(diff_records(sample_record, new))
    assert len(described) == 1 and described[0].startswith(expected), described


def test_two_activities_of_one_name_do_not_hide_a_changed_purpose(sample_record: Record) -> None:
    old = copy.deepcopy(sample_record)
    twin = copy.deepcopy(old["activities"][0])
    old["activities"].append(twin)
    new = copy.deepcopy(old)
    new["activities"][-1]["purpose"] = "Sell the customer list"
    (change,) = diff_records(old, new)
    assert change.key == "purpose" and change.new == "Sell the customer list"
    assert "(duplicate 2)" in change.describe()
    # A duplicate appearing is a change too.
    assert _described(diff_records(sample_record, old)) == [
        f"activity '{twin['name']} (duplicate 2)' added"
    ]


def test_provenance_is_not_a_change(sample_record: Record) -> None:
    new = copy.deepcopy(sample_record)
    new["generated"] = {
        "tool": "ropa",
        "version": "9.9",
        "date": "2030-01-01",
        "source": {"commit": "0" * 40, "dirty": True},
    }
    new["gaps"] = [
        {
            "id": "x",
            "item": "x",
            "activity": None,
            "vendor": None,
            "message": "m",
            "where": "a.py:1",
            "code": "ROPA120",
            "level": "warning",
        }
    ]
    for a in new["activities"]:
        a["locations"] = [{"path": "moved.py", "line": 1000}]
    for f in new["data_inventory"]:
        f["location"] = {"path": "moved.py", "line": 7}
    for v in new["vendors"]:
        v["locations"] = []
    # Order in a list carries no meaning either.
    new["activities"].reverse()
    new["security_measures"].reverse()
    assert diff_records(sample_record, new) == []


def test_moving_code_and_another_day_do_not_fail_the_gate(tmp_path: Path) -> None:
    project = tmp_path / "shop"
    shutil.copytree(SAMPLE, project)
    base = tmp_path / "base.json"
    assert _cli("scan", str(project), "--output", str(base), "--date", "2026-01-01", "-q")[0] == 0
    for path in (project / "shop").rglob("*.py"):
        path.write_text("\n\n\n" + path.read_text())
    code, output = _cli("scan", str(project), "--baseline", str(base), "--date", "2026-02-02")
    assert code == 0 and "ROPA301" not in output, output


def test_a_renamed_activity_is_one_rename(sample_record: Record) -> None:
    new = copy.deepcopy(sample_record)
    activity = next(a for a in new["activities"] if a["name"] == "Recruitment")
    activity["name"], activity["id"] = "Hiring", "hiring"
    assert _described(diff_records(sample_record, new)) == [
        "activity 'Recruitment' renamed to 'Hiring'"
    ]


def test_a_rename_is_followed_where_vendors_and_transfers_list_the_activity(
    sample_record: Record,
) -> None:
    new = copy.deepcopy(sample_record)
    old_name, new_name = "Fraud screening", "Fraud checks"
    activity = next(a for a in new["activities"] if a["name"] == old_name)
    activity["name"], activity["id"] = new_name, "fraud-checks"
    listing = [*new["vendors"], *new["transfers"], *new["processing_for_clients"]]
    listing += new["joint_controllers"]
    named = [item for item in listing if old_name in item["activities"]]
    assert {"vendors", "transfers"} <= {
        key for key in ("vendors", "transfers") if any(i in new[key] for i in named)
    }
    for item in named:
        item["activities"] = sorted(new_name if a == old_name else a for a in item["activities"])
    assert _described(diff_records(sample_record, new)) == [
        f"activity '{old_name}' renamed to '{new_name}'"
    ]
    # Renamed and changed is not a rename: a removed and an added activity, which the
    # vendors' lists of activities repeat (ropa.mirrors), so those are not reported again.
    activity["retention"] = {"iso": "P2Y", "text": "2 years"}
    described = _described(diff_records(sample_record, new))
    assert any(d.startswith(f"activity '{old_name}' removed") for d in described)
    assert any(d.startswith(f"activity '{new_name}' added") for d in described)
    assert not any(d.startswith("vendor 'stripe': activities changed") for d in described)


def test_an_activitys_transfers_are_shown_one_line_each(sample_record: Record) -> None:
    new = copy.deepcopy(sample_record)
    activity = next(a for a in new["activities"] if a["name"] == "Fraud screening")
    activity["transfers"].append(
        {
            "vendor": "twilio",
            "country": "US",
            "country_name": "United States",
            "safeguard": "dpf",
            "nature": "vendor",
            "region": None,
            "city": "San Francisco",
        }
    )
    (line,) = _described(diff_records(sample_record, new))
    assert line == (
        "activity 'Fraud screening': transfers changed from ['stripe' to United States (US; "
        "vendor; dpf)] to ['stripe' to United States (US; vendor; dpf), 'twilio' to United "
        "States (US; vendor; dpf; city 'San Francisco')] (added 'twilio' to United States "
        "(US; vendor; dpf; city 'San Francisco'))"
    )


def test_every_part_of_the_record_is_compared(sample_record: Record) -> None:
    """A change anywhere outside generated, gaps and code locations is reported."""
    new = copy.deepcopy(sample_record)
    new["controller"]["email"] = "x@y.example"
    new["representative"] = {"name": "EU Rep", "address": "Dublin"}
    new["supervisory_authority"]["url"] = "https://example.org/"
    new["role"] = "processor"
    new["clients"].append(
        {
            "key": "acme",
            "name": "Acme",
            "contact": "a@acme.example",
            "representative": None,
            "dpo": None,
        }
    )
    new["joint_controllers"][0]["arrangement"] = "Each decides alone"
    new["processing_for_clients"][0]["sub_processors"] = []
    new["jurisdictions"] = ["gdpr"]
    new["transfers"][0]["adequacy_decision"] = None
    new["vocabulary"]["categories"]["user.name"]["special"] = "art9"
    # schema_version and unknown keys cannot differ: both records are validated version 2.
    subjects = [(c.subject, c.kind) for c in diff_records(sample_record, new)]
    assert subjects == [
        ("controller", "changed"),
        ("representative", "added"),
        ("supervisory authority", "changed"),
        ("record", "changed"),
        ("client", "added"),
        ("joint controller", "changed"),
        ("Art. 30(2) record of client", "changed"),
        ("jurisdiction", "removed"),
        ("transfer", "changed"),
        ("data category", "changed"),
    ]
    new["something_new"] = 1
    with pytest.raises(RecordError, match="something_new: unknown key"):
        diff_records(sample_record, new)


# Issue 10, output injection: names and values from a record are inert in every format.
HOSTILE = [
    '<img src="https://t.example/p.gif">',
    "[x](javascript:alert(1))",
    "Orders\n+ vendor 'nobody' removed",
    "evil\u202egnp.exe",
    "a|b` *c* _d_ # e ![i](https://t.example/i.png) https://t.example www.t.example",
    "zero\u200bwidth\x1b[31mred\rline\u2028sep\udc80",
]


def _hostile_change(base: Record, text: str) -> list[Change]:
    """A purpose changed to ``text`` and an activity named ``text`` added: changed first."""
    new = copy.deepcopy(base)
    new["activities"][0]["purpose"] = text
    added = {**copy.deepcopy(base["activities"][0]), "name": text, "id": "hostile"}
    new["activities"].append(added)
    return sorted(diff_records(base, new), key=lambda c: c.kind != "changed")


@pytest.mark.parametrize("text", HOSTILE)
def test_text_output_cannot_forge_a_line_or_reorder_text(sample_record: Record, text: str) -> None:
    out = format_text(_hostile_change(sample_record, text))
    assert len(out.splitlines()) == 2
    assert all(ch.isprintable() for line in out.splitlines() for ch in line), out
    out.encode("utf-8")  # no lone surrogate reaches the terminal


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_output_is_inert(sample_record: Record, text: str) -> None:
    out = format_markdown(_hostile_change(sample_record, text))
    rows = out.splitlines()[4:]
    assert len(rows) == 2
    for row in rows:
        cells = re.split(r"(?<!\\)\|", row)
        assert len(cells) == 5, row  # no cell forged by a '|'
        body = re.sub(r"</?code>", "", row)
        assert "<" not in body and ">" not in body.replace("→", "")
        assert not re.search(r"(?<!\\)[\[\]()`*_#!]", body), row
        assert "://" not in body and "www." not in body
    assert all(ch.isprintable() for line in out.splitlines() for ch in line), out


@pytest.mark.parametrize("text", HOSTILE)
def test_json_output_escapes_invisible_characters_and_keeps_the_value(
    sample_record: Record, text: str
) -> None:
    changes = _hostile_change(sample_record, text)
    out = format_json(changes)
    assert all(ch.isprintable() or ch == "\n" for ch in out), out
    assert out.isascii() or "\u202e" not in out
    (added,) = [c for c in json.loads(out) if c["kind"] == "added"]
    assert added["name"] == text


def test_bidi_override_is_shown_as_an_escape(sample_record: Record) -> None:
    changed, added = _hostile_change(sample_record, "evil\u202egnp.exe")
    assert added.describe() == "activity 'evil\\u202egnp.exe' added"
    assert changed.describe().endswith("to 'evil\\u202egnp.exe'")
    # One level of Markdown escaping over the visible form: it renders as evil\u202egnp.exe.
    rows = format_markdown([changed, added]).splitlines()[-2:]
    assert all(row.count("evil\\\\u202egnp\\.exe") == 1 for row in rows), rows
    change = added
    assert '"evil\\u202egnp.exe"' in format_json([change])


# What GitHub lets through its sanitizer after rendering, of the tags a diff comment can have.
GITHUB_TAGS = {"h3", "table", "thead", "tbody", "tr", "th", "td", "code", "a"}


def _github(markdown: str) -> str:
    """HTML as GitHub renders a comment: its cmark fork, raw HTML kept for the sanitizer."""
    html: str = cmarkgfm.github_flavored_markdown_to_html(
        markdown, options=Options.CMARK_OPT_UNSAFE
    )
    return html


@settings(max_examples=150, deadline=None)
@given(name=st.text(), value=st.text())
def test_github_renders_any_name_and_value_as_its_own_visible_text(name: str, value: str) -> None:
    # ["a"] -> ["a"] is no change; diff_records never reports one, so nothing is to render.
    assume(value != "a")
    changes = [
        Change(kind="added", subject="activity", name=name),
        Change(kind="changed", subject="vendor", name="v", key=name, old=value, new=None),
        Change(kind="renamed", subject="field", name="f", old="f", new=value),
        Change(kind="changed", subject="field", name="g", key="subjects", old=["a"], new=[value]),
    ]
    html = _github(format_markdown(changes))
    assert set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", html)) <= GITHUB_TAGS, html
    # The only links cmark-gfm makes from plain text are e-mail addresses (mailto:).
    assert all(h.startswith("mailto:") for h in re.findall(r'<a href="([^"]*)"', html))
    rows = [
        re.findall(r"<td>(.*?)</td>", row, re.S)
        for row in re.findall(r"<tr>(.*?)</tr>", html, re.S)[1:]
    ]
    assert [len(cells) for cells in rows] == [3, 3, 3, 3], html

    def text(cell: str) -> str:
        return html_unescape(re.sub(r"<[^>]+>", "", cell))

    def codes(cell: str) -> list[str]:
        return [text(c) for c in re.findall(r"<code>(.*?)</code>", cell, re.S)]

    assert codes(rows[0][1]) == [visible(name)]
    assert codes(rows[1][2]) == [visible(name), f"'{visible(value)}'", "none"]
    assert codes(rows[2][2]) == [visible(value)]
    assert codes(rows[3][2]) == ["subjects", "[a]", f"[{visible(value)}]", visible(value), "a"]
    # Outside <code>, only ropa's own words: nothing from the record is read as ropa's.
    outside = [re.sub(r"<code>.*?</code>", "", cell, flags=re.S) for r in rows for cell in r]
    assert set(" ".join(outside).split()) <= {
        "➕",
        "✏️",
        "added",
        "changed",
        "renamed",
        "activity",
        "vendor",
        "field",
        ":",
        "→",
        "to",
        "(added",
        ";",
        "removed",
        ")",
    }


def test_baseline_messages_are_escaped(tmp_path: Path, sample_record: Record) -> None:
    base = tmp_path / "base.json"
    old = copy.deepcopy(sample_record)
    old["activities"][0]["purpose"] = "x\nsrc/app.py:1:1: ROPA000 error: forged"
    base.write_text(json.dumps(old))
    (d,) = baseline_diagnostics(base, sample_record)
    assert "\n" not in d.message and "\\n" in d.message


def _ropa(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ropa", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def _gate_lines(stdout: str, base: Path) -> list[str]:
    """What each ROPA301 line says changed."""
    prefix = "differs from the baseline: "
    hint = f" (review it, then update the baseline with 'ropa scan --output {base.as_posix()}')"
    lines = [line for line in stdout.splitlines() if "ROPA301" in line]
    # The baseline's path is named once, in the command that updates it.
    assert all(line.endswith(hint) and line.count(base.as_posix()) == 1 for line in lines)
    return sorted(line.split(prefix, 1)[1].removesuffix(hint) for line in lines)


def test_the_real_command_line(tmp_path: Path) -> None:
    """Through a subprocess, as CI runs it: the gate, then the diff in every format."""
    project = tmp_path / "shop"
    shutil.copytree(SAMPLE, project)
    base, new = tmp_path / "base.json", tmp_path / "new.json"
    assert _ropa("scan", str(project), "--output", str(base), "-q").returncode == 0
    models = project / "shop" / "models.py"
    models.write_text(models.read_text().replace('retention="P3Y"', 'retention="P99Y"'))
    (project / "shop" / "support.py").write_text(INTERCOM)
    done = _ropa("scan", str(project), "--baseline", str(base), "--output", str(new), "-q")
    assert done.returncode == 1 and "internal error" not in done.stderr, done.stderr
    expected = _described(diff_records(json.loads(base.read_text()), json.loads(new.read_text())))
    assert _gate_lines(done.stdout, base) == sorted(expected)
    assert any("retention changed from 'P3Y' to 'P99Y'" in e for e in expected)
    for fmt in FORMATS:
        done = _ropa("diff", str(base), str(new), "--format", fmt)
        assert done.returncode == 1 and "intercom" in done.stdout, done.stderr


# One per route besides processors= above; the property test covers every route in-process.
ROUTES = [
    ("sample", props.processor_comment, 1),
    ("sample", props.yaml_vendor, 0),
    ("broken", props.processor_decorator, 2),
]


@pytest.mark.parametrize(
    ("fixture", "mutation", "k"), ROUTES, ids=[f"{f}-{m.__name__}" for f, m, _ in ROUTES]
)
def test_each_route_through_the_real_command_line(
    tmp_path: Path, fixture: str, mutation: props.Mutation, k: int
) -> None:
    source, package = (SAMPLE, "shop") if fixture == "sample" else (BROKEN, "app")
    root = tmp_path / "project"
    shutil.copytree(source, root)
    base, new = tmp_path / "base.json", tmp_path / "new.json"
    assert _ropa("scan", str(root), "--output", str(base), "--fail-on", "never").returncode == 0
    record = json.loads(base.read_text())
    wants = mutation(props.Project(root, package, record, fixture == "sample"), k)
    assert wants
    done = _ropa("scan", str(root), "--baseline", str(base), "--output", str(new), "-q")
    assert done.returncode == 1 and "internal error" not in done.stderr, done.stderr
    changes = diff_records(record, json.loads(new.read_text()))
    assert all(any(w.met_by(c) for c in changes) for w in wants), _described(changes)
    assert _gate_lines(done.stdout, base) == sorted(_described(changes))
    for fmt in FORMATS:
        done = _ropa("diff", str(base), str(new), "--format", fmt)
        assert done.returncode == 1 and done.stderr == "", done.stderr


def test_a_client_is_known_by_its_key_not_its_display_name(sample_record: Record) -> None:
    """Activities name a client by key (on_behalf_of): a client whose company name and contact
    change is that same client changed, not one removed and another added."""
    new = copy.deepcopy(sample_record)
    client = next(c for c in new["clients"] if c["key"] == "nordwand")
    client["name"], client["contact"] = "Nordwand Outdoor AG", "privacy@nordwand.example"
    described = _described(diff_records(sample_record, new))
    assert len(described) == 2, described
    assert described[0].startswith("client 'nordwand': contact changed from ")
    assert described[1] == (
        "client 'nordwand': name changed from 'Nordwand Bergsport GmbH' to 'Nordwand Outdoor AG'"
    )


# ------------------------------------------------------------------ facts the record repeats


def _scanned_with(tmp_path: Path, edit: Callable[[str], str]) -> Record:
    project = tmp_path / "shop"
    shutil.copytree(SAMPLE, project)
    config = project / "ropa.yaml"
    config.write_text(edit(config.read_text("utf-8")), "utf-8")
    return _json(run_scan([project], jobs=1, date=DATE, use_cache=False))


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # Each client's Art. 30(2) record repeats the security measures: was three lines.
        (
            lambda t: t.replace("  - Passwords stored only as salted Argon2 hashes\n", ""),
            "security measure 'Passwords stored only as salted Argon2 hashes' removed",
        ),
        # ... and the client's details: was two.
        (
            lambda t: t.replace("Jonas Weber, dpo@", "Jonas Weber, privacy@"),
            "client 'nordwand': dpo changed from 'Jonas Weber, dpo@nordwand-bergsport.example' "
            "to 'Jonas Weber, privacy@nordwand-bergsport.example'",
        ),
    ],
    ids=["security measure", "client's dpo"],
)
def test_a_fact_the_record_repeats_is_one_change(
    tmp_path: Path, sample_record: Record, edit: Callable[[str], str], expected: str
) -> None:
    new = _scanned_with(tmp_path, edit)
    assert _described(diff_records(sample_record, new)) == [expected]


@pytest.mark.parametrize(
    ("collection", "name_key", "key"),
    [
        ("vendors", "key", "activities"),
        ("transfers", "vendor", "activities"),
        ("processing_for_clients", "client", "dpo"),
        ("processing_for_clients", "client", "security_measures"),
        ("activities", "name", "transfers"),
    ],
)
def test_a_copy_edited_alone_is_still_reported(
    sample_record: Record, collection: str, name_key: str, key: str
) -> None:
    """Only a copy that agrees with its source in both records is passed over: a baseline
    edited by hand in one place still differs, and says so."""
    new = copy.deepcopy(sample_record)
    item = next(i for i in new[collection] if i[key])
    item[key] = [] if isinstance(item[key], list) else "Someone Else"
    changes = diff_records(sample_record, new)
    assert [(c.key, c.kind) for c in changes] == [(key, "changed")], _described(changes)


def test_a_change_made_in_ropa_yaml_is_reported_at_its_line(tmp_path: Path) -> None:
    """A CI user is told where to look: ROPA301 for what ropa.yaml states is at the line
    that states it, not without a location (controller, DPO, notice, security measures) or at
    an activity's code (a vendor's dpa)."""
    project = tmp_path / "shop"
    shutil.copytree(SAMPLE, project)
    baseline = tmp_path / "base.json"
    assert _cli("scan", str(project), "--output", str(baseline), "-q")[0] == 0
    config = project / "ropa.yaml"
    lines = config.read_text("utf-8").splitlines(keepends=True)

    def line_of(start: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if line.startswith(start))

    # (the line edited, its new text, what the ROPA301 says, the line it must name)
    edits = [
        ("  email: dpo@kestrel", "  email: privacy@kestrel-outfitters.example\n", "DPO: email"),
        ("  children_min_age: 16", "  children_min_age: 13\n", "notice: children_min_age"),
        (
            "    dpa: https://kestrel-outfitters.example/legal/processors/zendesk",
            "    dpa: https://example.com/dpa-v2.pdf\n",
            "vendor 'zendesk': dpa",
        ),
        (
            "    dpo: Jonas Weber",
            "    dpo: Jonas Weber, privacy@nordwand.example\n",
            "client 'nordwand': dpo",
        ),
    ]
    del lines[line_of("  - Passwords stored only as salted Argon2 hashes") - 1]
    expected = {message: line_of(start) for start, _, message in edits}
    # A member removed from a list is placed at the list's key.
    expected["security measure"] = line_of("security_measures:")
    for start, new, _ in edits:
        lines[line_of(start) - 1] = new
    config.write_text("".join(lines), "utf-8")
    _, output = _cli("scan", str(project), "--baseline", str(baseline), "-q")
    found = [line for line in output.splitlines() if "ROPA301" in line]
    assert len(found) == len(expected), output
    for message, number in expected.items():
        [line] = [f for f in found if message in f]
        assert f"ropa.yaml:{number}:1: ROPA301" in line, (message, number, line)


def test_storage_and_access_transfers_to_one_country_are_named_apart(tmp_path: Path) -> None:
    """A vendor's region moved to the United States, where its head office already reached
    the data: the new transfer was 'aws to US (duplicate 2)'; it is named by its kind and
    region, and its city is the vendor's storage's, not another change."""
    project = tmp_path / "shop"
    shutil.copytree(SAMPLE, project)
    baseline = tmp_path / "base.json"
    assert _cli("scan", str(project), "--output", str(baseline), "-q")[0] == 0
    config = project / "ropa.yaml"
    config.write_text(
        config.read_text("utf-8").replace("region: eu-central-1", "region: us-east-1")
    )
    _, output = _cli("scan", str(project), "--baseline", str(baseline), "-q")
    found = [
        line.split("differs from the baseline: ")[1]
        for line in output.splitlines()
        if "ROPA301" in line
    ]
    assert "duplicate" not in output
    assert any(f.startswith("transfer 'aws to US (storage, us-east-1)' added") for f in found), (
        found
    )
    assert not any(f.startswith("transfer 'aws to US") and "city" in f for f in found), found


def test_a_removal_is_reported_where_the_item_was(tmp_path: Path) -> None:
    """Khoj's trial: an activity removed from ropa.yaml, or a field whose marker was deleted,
    was a ROPA301 without a file or line, so CI could not annotate it. A removed ropa.yaml
    item is placed at its list's key; one the code declared, where the baseline had it."""
    project = tmp_path / "shop"
    shutil.copytree(SAMPLE, project)
    baseline = tmp_path / "base.json"
    assert _cli("scan", str(project), "--output", str(baseline), "-q")[0] == 0
    config = project / "ropa.yaml"
    text = config.read_text("utf-8")
    start = text.index("  - name: Recruitment\n")
    end = text.index("  - name: Avalanche safety courses\n")
    config.write_text(text[:start] + text[end:], "utf-8")
    models = project / "shop" / "models.py"
    lines = models.read_text("utf-8").splitlines(keepends=True)
    marker = next(
        n for n, line in enumerate(lines, 1) if "# ropa: user.contact.phone_number" in line
    )
    del lines[marker - 1]
    models.write_text("".join(lines), "utf-8")
    activities = next(
        n
        for n, line in enumerate(config.read_text("utf-8").splitlines(), 1)
        if line.startswith("activities:")
    )
    _, output = _cli("scan", str(project), "--baseline", str(baseline), "-q")
    found = [line for line in output.splitlines() if "ROPA301" in line]
    assert found and all(re.match(r"\S+:\d+:\d+: ROPA301", line) for line in found), output
    [recruitment] = [f for f in found if "activity 'Recruitment' removed" in f]
    assert f"ropa.yaml:{activities}:1: ROPA301" in recruitment
    [phone] = [f for f in found if "field 'shop.models.Customer.phone' removed" in f]
    assert f"models.py:{marker + 1}:1: ROPA301" in phone


def test_an_activitys_change_is_placed_at_its_declaration_not_a_joined_marker(
    tmp_path: Path,
) -> None:
    """Khoj's trial: a Firecrawl processor comment in processor/tools/online_search.py joins
    'AI chat' (activity=); adding health data to the processing in routers/api_chat.py was
    reported at the Firecrawl comment, the first of the activity's places by path."""
    from .conftest import MINIMAL_YAML

    project = tmp_path / "app"
    (project / "app").mkdir(parents=True)
    (project / "ropa.yaml").write_text(MINIMAL_YAML, "utf-8")
    (project / "app" / "a_search.py").write_text(
        'def search(city):\n    # ropa: processor("sentry", data=["user.name"], activity="Chat")\n'
        "    return city\n",
        "utf-8",
    )
    chat = project / "app" / "chat.py"
    chat.write_text(
        '# ropa: processing("Chat", purpose="Answer questions", legal_basis="contract",\n'
        '#   data=["user.name"], subjects=["customer"], retention="P1Y")\n'
        "def chat(q): ...\n",
        "utf-8",
    )
    baseline = tmp_path / "base.json"
    assert _cli("scan", str(project), "--output", str(baseline), "-q")[0] == 0
    chat.write_text(chat.read_text("utf-8").replace("P1Y", "P2Y"), "utf-8")
    _, output = _cli("scan", str(project), "--baseline", str(baseline), "-q")
    [line] = [line for line in output.splitlines() if "ROPA301" in line]
    assert "retention" in line and "chat.py:1:1: ROPA301" in line, line


def test_a_removed_transfer_is_reported_where_the_baseline_had_it(tmp_path: Path) -> None:
    """FitTrackee's trial: removing the activity that used a vendor, or moving the vendor to
    another country, removed its transfer with a ROPA301 that had no file or line: CI could
    not annotate it. It is placed where the baseline's activity that made it was declared."""
    from .conftest import MINIMAL_YAML

    project = tmp_path / "app"
    (project / "app").mkdir(parents=True)
    (project / "ropa.yaml").write_text(MINIMAL_YAML, "utf-8")
    search = project / "app" / "search.py"
    search.write_text(
        "import os\n\n\n"
        '# ropa: processing("Location search", purpose="Find a city", legal_basis="contract",\n'
        '#   data=["user.location.imprecise"], subjects=["customer"], retention="P1D",\n'
        '#   requirement="Needed to search")\n'
        "class Search:\n"
        "    def find(self, city):\n"
        '        # ropa: processor("sentry", data=["user.location.imprecise"])\n'
        "        return city\n",
        "utf-8",
    )
    baseline = tmp_path / "base.json"
    assert _cli("scan", str(project), "--output", str(baseline), "-q")[0] == 0
    text = search.read_text("utf-8")
    start = text.index("# ropa: processing")
    search.write_text(text[:start] + text[text.index("class Search") :], "utf-8")
    _, output = _cli("scan", str(project), "--baseline", str(baseline), "-q")
    found = [line for line in output.splitlines() if "ROPA301" in line]
    assert any("transfer 'sentry to US' removed" in line for line in found), output
    assert all(re.match(r"\S+search\.py:4:1: ROPA301", line) for line in found), found


def test_a_vendor_moved_to_another_country_repeats_no_safeguard(
    tmp_path: Path, sample_record: Record
) -> None:
    """FitTrackee's trial: moving a vendor gave its country, its safeguard and the two
    transfers; the vendor's safeguard is its transfer's, shown with the transfer."""
    new = _scanned_with(
        tmp_path,
        lambda t: t.replace(
            "  zendesk:\n    dpa:",
            "  zendesk:\n    country: IN\n    location: Bengaluru, India\n    dpa:",
        ),
    )
    assert _described(diff_records(sample_record, new)) == [
        "vendor 'zendesk': country changed from 'US' to 'IN'",
        "vendor 'zendesk': location changed from 'San Francisco, California, United States' "
        "to 'Bengaluru, India'",
        "transfer 'zendesk to IN' added",
        "transfer 'zendesk to US' removed",
    ]
