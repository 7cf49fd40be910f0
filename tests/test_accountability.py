"""Accountability keywords and ropa.yaml keys (DESIGN section 9), end to end, and ROPA116."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from ropa.errors import ConfigError
from ropa.pipeline import Outcome, dump_record
from ropa.recordio import as_record, load_record
from ropa.recordmodel import Record
from ropa.render import render_documents

from .conftest import MINIMAL_YAML, codes
from .test_gaps import assert_documents_mark_exactly_the_gaps, assert_gaps_are_diagnostics

Scan = Callable[[Mapping[str, str]], Outcome]

#: Every new keyword with a value, as Python source of keyword arguments.
KEYWORDS = {
    "description": "Customers pay by card at checkout",
    "owner": "Finance",
    "lia": "https://wiki.test/lia/payments",
    "dpia": "https://wiki.test/dpia/payments",
    "consent_record": "consent_log table",
    "withdrawal": "https://shop.test/privacy/withdraw",
    "automated_decision_exception": "contract",
    "automated_decision_effects": "A refused payment means the order is not placed",
    "retention_policy": "https://wiki.test/retention",
}
BASE = dict(
    purpose="Take payments",
    legal_basis="consent",
    data=["user.financial"],
    subjects=["customer"],
    retention="P1Y",
    automated_decision="A score decides whether the card is accepted",
)


def _args(values: Mapping[str, object]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in values.items())


def _decorator() -> str:
    return (
        "from ropa import processing\n\n"
        f'@processing("Payments", {_args({**BASE, **KEYWORDS})})\n'
        "def pay(): ...\n"
    )


def _comment() -> str:
    lines = _args({**BASE, **KEYWORDS}).split(", ")
    body = ",\n#   ".join(lines)
    return f'# ropa: processing("Payments",\n#   {body})\ndef pay(): ...\n'


def _yaml() -> str:
    items = "\n".join(
        f"    {k}: {json.dumps(v)}" for k, v in {"name": "Payments", **BASE, **KEYWORDS}.items()
    )
    return MINIMAL_YAML + "activities:\n  - " + items.lstrip() + "\n"


@pytest.mark.parametrize("form", ["decorator", "comment", "ropa.yaml"])
def test_every_keyword_reaches_the_record_from_every_form(scan_tree: Scan, form: str) -> None:
    files = {
        "decorator": {"app.py": _decorator()},
        "comment": {"app.py": _comment()},
        "ropa.yaml": {"ropa.yaml": _yaml()},
    }[form]
    outcome = scan_tree(files)
    (activity,) = outcome.record.as_json()["activities"]
    assert {k: activity[k] for k in KEYWORDS} == KEYWORDS
    # Everything an accountable controller keeps is declared: nothing to report.
    assert [c for c in codes(outcome) if c != "ROPA120"] == [], outcome.diagnostics


def test_wrong_types_are_ropa002_at_the_argument(scan_tree: Scan) -> None:
    text = (
        "from ropa import processing\n"
        '@processing("A", purpose="p", legal_basis="contract", data=["user.name"],\n'
        '            subjects=["customer"], retention="P1Y", lia=5, dpia=["x"],\n'
        '            special_category_basis={"condition": "employment", "court": "x"})\n'
        "def f(): ...\n"
    )
    outcome = scan_tree({"app.py": text})
    found = [
        (d.location.line, d.location.column, d.message.split("'")[1])
        for d in outcome.diagnostics
        if d.code == "ROPA002" and d.location
    ]
    line2 = text.splitlines()[2]
    line3 = text.splitlines()[3]
    assert found == [
        (3, line2.index("lia=") + 1, "lia"),
        (3, line2.index("dpia=") + 1, "dpia"),
        (4, line3.index("special_category_basis") + 1, "special_category_basis"),
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("    lia: 5\n", "ropa.yaml:8: activities[1].lia must be a non-empty string"),
        (
            "    special_category_basis: {condition: employment, court: x}\n",
            "ropa.yaml:8: unknown key 'activities[1].special_category_basis.court'",
        ),
        (
            "    special_category_basis: {law: DPA}\n",
            "ropa.yaml:8: activities[1].special_category_basis.condition must be",
        ),
    ],
)
def test_wrong_types_in_ropa_yaml_name_the_line(scan_tree: Scan, entry: str, message: str) -> None:
    yaml = MINIMAL_YAML + "activities:\n  - name: A\n" + entry
    with pytest.raises(ConfigError) as info:
        scan_tree({"ropa.yaml": yaml})
    assert any(p.startswith(message) for p in info.value.problems), info.value.problems


def _special(basis: str, data: str = "user.criminal_history") -> str:
    return (
        "from ropa import processing\n"
        f'@processing("Checks", purpose="Vet drivers", legal_basis="legal_obligation",\n'
        f'            data=["{data}"], subjects=["employee"], retention="P1Y",\n'
        f'            requirement="The law requires it", dpia="not_required",\n'
        f"            special_category_basis={basis})\n"
        "def vet(): ...\n"
    )


def test_a_national_law_condition_is_kept_with_its_law(scan_tree: Scan) -> None:
    basis = '{"condition": "substantial_public_interest", "law": "DPA 2018 Sch. 1 para 10"}'
    outcome = scan_tree({"app.py": _special(basis, "user.health_and_medical")})
    assert codes(outcome) == []
    (a,) = outcome.record.as_json()["activities"]
    assert (a["special_category_basis"], a["special_category_law"]) == (
        "substantial_public_interest",
        "DPA 2018 Sch. 1 para 10",
    )
    render_documents(outcome.record, outcome.root / "out", formats=["html", "csv"])
    html = (outcome.root / "out" / "ropa.html").read_text("utf-8")
    assert "Substantial public interest (Art. 9(2)(g)), under DPA 2018 Sch. 1 para 10" in html
    csv_text = (outcome.root / "out" / "ropa.csv").read_text("utf-8")
    assert "under DPA 2018 Sch. 1 para 10" in csv_text


def test_art10_conditions_need_their_law_and_do_not_cover_art9(scan_tree: Scan) -> None:
    with_law = '{"condition": "authorised_by_law", "law": "Road Traffic Act s. 12"}'
    assert codes(scan_tree({"app.py": _special(with_law)})) == []
    no_law = scan_tree({"app.py": _special('"official_authority"')})
    assert [d.message for d in no_law.diagnostics if d.code == "ROPA107"] == [
        "activity 'Checks': special_category_basis 'official_authority' does not name the law"
    ]
    art9 = scan_tree({"app.py": _special(with_law, "user.health_and_medical")})
    assert any(
        d.code == "ROPA107" and "not an Art. 9(2) condition" in d.message for d in art9.diagnostics
    )


ACCOUNTABLE_YAML = MINIMAL_YAML.replace(
    "dpo: {name: Dana Byrne, email: dpo@acme-shop.test}\n",
    "dpo: {required: false, reason: Fewer than 250 staff and no large-scale monitoring}\n"
    "breach: {procedure: 'https://wiki.test/breach', register: Breach log (DPO share)}\n"
    "review: {date: 2026-01-10, by: Dana Byrne}\n"
    "privacy_policy_url: https://shop.test/privacy\n",
)


def test_ropa_yaml_accountability_keys_reach_the_record_and_documents(
    scan_tree: Scan, tmp_path: Path
) -> None:
    outcome = scan_tree(
        {"ropa.yaml": ACCOUNTABLE_YAML, "app.py": _decorator().replace("consent", "contract")}
    )
    record = outcome.record.as_json()
    assert record["breach"] == {
        "procedure": "https://wiki.test/breach",
        "register": "Breach log (DPO share)",
    }
    assert record["review"] == {"date": "2026-01-10", "by": "Dana Byrne"}
    assert record["privacy_policy_url"] == "https://shop.test/privacy"
    assert record["dpo"] is None
    assert record["dpo_requirement"] == {
        "required": False,
        "reason": "Fewer than 250 staff and no large-scale monitoring",
    }
    # A DPO declared as not required is no gap.
    assert not [g for g in record["gaps"] if g["item"] == "art30_1_a_dpo"]
    render_documents(as_record(record), tmp_path, formats=["html"])
    html = (tmp_path / "ropa.html").read_text("utf-8")
    for text in (
        '<a href="https://wiki.test/breach">',
        "Breach log (DPO share)",
        '<time datetime="2026-01-10">10 January 2026</time>',
        ", by Dana Byrne",
        '<a href="https://shop.test/privacy">',
        "Not required (Art. 37): Fewer than 250 staff and no large-scale monitoring",
        "Customers pay by card at checkout",
        "<dt>Owner</dt><dd>Finance</dd>",
        '<a href="https://wiki.test/dpia/payments">',
        "A refused payment means the order is not placed",
        "Necessary for a contract with the person (Art. 22(2)(a))",
        'retention schedule: <a href="https://wiki.test/retention">',
    ):
        assert text in html, text
    notice = (tmp_path / "privacy-notice.html").read_text("utf-8")
    assert "A refused payment means the order is not placed" in notice


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("breach: {procedure: 5}\n", "ropa.yaml:6: breach.procedure must be a non-empty string"),
        ("review: {date: soon}\n", "ropa.yaml:6: review.date must be a date written YYYY-MM-DD"),
        ("review: {when: 2026-01-01}\n", "ropa.yaml:6: unknown key 'review.when'"),
        ("privacy_policy_url: [a]\n", "ropa.yaml:6: privacy_policy_url must be a non-empty"),
    ],
)
def test_ropa_yaml_keys_are_validated_at_their_line(
    scan_tree: Scan, entry: str, message: str
) -> None:
    with pytest.raises(ConfigError) as info:
        scan_tree({"ropa.yaml": MINIMAL_YAML + entry})
    assert any(p.startswith(message) for p in info.value.problems), info.value.problems


def test_dpo_required_must_be_a_boolean(scan_tree: Scan) -> None:
    yaml = MINIMAL_YAML.replace(
        "dpo: {name: Dana Byrne, email: dpo@acme-shop.test}", "dpo: {required: nope}"
    )
    with pytest.raises(ConfigError) as info:
        scan_tree({"ropa.yaml": yaml})
    assert "ropa.yaml:2: dpo.required must be true or false" in info.value.problems


# ROPA116: each accountability item missing is a warning and a gap the documents mark.
CASES = {
    "lia": ('legal_basis="legitimate_interests", legitimate_interest="Fraud prevention"', ""),
    "consent_record": ('legal_basis="consent", withdrawal="https://x.test/w"', ""),
    "art35_dpia": ('legal_basis="contract", profiling=True', ""),
    "art22_2_exception": (
        'legal_basis="contract", automated_decision="Scores", dpia="required",'
        ' automated_decision_effects="Refused"',
        "",
    ),
    "art13_2_f_automated_decision": (
        'legal_basis="contract", automated_decision="Scores", dpia="required",'
        ' automated_decision_exception="contract"',
        "",
    ),
}


def _act(keywords: str) -> str:
    return (
        "from ropa import processing\n\n"
        f'@processing("Scoring", purpose="Score orders", {keywords},\n'
        '            data=["user.financial"], subjects=["customer"], retention="P1Y",\n'
        '            requirement="Needed to take the order")\n'
        "def score(): ...\n"
    )


@pytest.mark.parametrize("item", sorted(CASES))
def test_each_missing_accountability_item_is_ropa116_and_a_marked_gap(
    scan_tree: Scan, tmp_path: Path, item: str
) -> None:
    outcome = scan_tree({"app.py": _act(CASES[item][0])})
    assert [(d.code, d.level.value) for d in outcome.diagnostics] == [("ROPA116", "warning")]
    (gap,) = outcome.record.as_json()["gaps"]
    assert (gap["item"], gap["code"], gap["where"]) == (item, "ROPA116", "app.py:3")
    assert_gaps_are_diagnostics(outcome)
    assert_documents_mark_exactly_the_gaps(outcome.record, tmp_path / "out")


def test_a_dpia_typo_is_not_taken_for_a_reference(scan_tree: Scan) -> None:
    outcome = scan_tree(
        {"app.py": _act('legal_basis="contract", profiling=True, dpia="not-requird"')}
    )
    (d,) = outcome.diagnostics
    assert (d.code, d.hint) == ("ROPA116", "did you mean 'not_required'?")


def test_an_unknown_adm_exception_is_ropa116(scan_tree: Scan) -> None:
    keywords = CASES["art22_2_exception"][0] + ', automated_decision_exception="contracts"'
    (d,) = scan_tree({"app.py": _act(keywords)}).diagnostics
    assert (d.code, d.message, d.hint) == (
        "ROPA116",
        "activity 'Scoring': 'contracts' is not an Art. 22(2) exception",
        "did you mean 'contract'?",
    )


def test_adm_effects_fill_what_was_always_a_missing_declaration(
    scan_tree: Scan, tmp_path: Path
) -> None:
    """Before: the significance of an automated decision was a gap no keyword could fill."""
    keywords = CASES["art22_2_exception"][0] + ', automated_decision_exception="contract"'
    outcome = scan_tree({"app.py": _act(keywords)})
    assert outcome.diagnostics == () and outcome.record.as_json()["gaps"] == []
    render_documents(outcome.record, tmp_path, formats=["html", "md"])
    for name in ("ropa.html", "privacy-notice.html", "privacy-notice.md"):
        text = (tmp_path / name).read_text("utf-8")
        assert "Refused" in text and "Missing declaration" not in text, name


def test_the_notice_says_how_to_withdraw_each_consent(scan_tree: Scan, tmp_path: Path) -> None:
    keywords = 'legal_basis="consent", consent_record="log", withdrawal="https://x.test/unsub"'
    outcome = scan_tree({"app.py": _act(keywords)})
    assert outcome.diagnostics == ()
    render_documents(outcome.record, tmp_path, formats=["html", "md"])
    html = (tmp_path / "privacy-notice.html").read_text("utf-8")
    assert '<li><strong>Scoring</strong>: <a href="https://x.test/unsub">' in html
    md = (tmp_path / "privacy-notice.md").read_text("utf-8")
    assert "- **Scoring:** https://x.test/unsub" in md


def load_record_text(text: str, folder: Path) -> Record:
    path = folder / "saved.json"
    path.write_text(text, "utf-8")
    return load_record(path)


def test_a_record_saved_before_the_accountability_keys_still_renders(
    sample_outcome: Outcome, tmp_path: Path
) -> None:
    record = json.loads(dump_record(sample_outcome.record))
    for key in ("breach", "review", "privacy_policy_url", "dpo_requirement"):
        del record[key]
    for a in record["activities"]:
        for key in KEYWORDS.keys() | {"special_category_law"}:
            del a[key]
    # Such a record is of version 1: upgraded, then valid under today's model.
    record["schema_version"] = 1
    saved = load_record_text(dump_record(record), tmp_path)  # as `ropa render` reads it
    assert saved.activities[0].owner is None and saved.breach is None
    render_documents(as_record(saved.as_json()), tmp_path, formats=["html", "md", "csv"])
    assert "Order confirmation" in (tmp_path / "ropa.html").read_text("utf-8")


def test_the_diff_names_each_accountability_change(sample_outcome: Outcome) -> None:
    from ropa.diff import diff_records

    old = json.loads(dump_record(sample_outcome.record))
    old["review"] = {"date": "2025-01-10", "by": "Dr. Miriam Okafor (DPO)"}
    old["breach"] = None
    old["activities"][0]["owner"] = "Support"
    lines = [c.describe() for c in diff_records(old, sample_outcome.record)]
    assert lines == [
        "activity 'Account management': owner changed from 'Support' to none",
        "breach added",
        "review: date changed from '2025-01-10' to '2026-01-12'",
    ]


def test_the_starter_shows_how_to_say_no_dpo_is_required(tmp_path: Path) -> None:
    from ropa.config import load_config
    from ropa.starter import starter_config

    text = starter_config().replace("# dpo: {required: false", "dpo: {required: false")
    (tmp_path / "ropa.yaml").write_text(text)
    config = load_config(tmp_path / "ropa.yaml")
    assert (config.dpo, config.dpo_required) == (None, False)
    assert config.dpo_reason and "Art. 9" in config.dpo_reason


def test_accountability_texts_never_become_markup_or_script_links(
    scan_tree: Scan, tmp_path: Path
) -> None:
    yaml = ACCOUNTABLE_YAML.replace("'https://wiki.test/breach'", "'javascript:alert(1)'")
    app = _decorator().replace("consent", "contract").replace("Finance", "<b>Finance</b>")
    outcome = scan_tree({"ropa.yaml": yaml, "app.py": app})
    render_documents(outcome.record, tmp_path, formats=["html"])
    html = (tmp_path / "ropa.html").read_text("utf-8")
    assert "javascript:alert(1)" in html and 'href="javascript:' not in html
    assert "&lt;b&gt;Finance&lt;/b&gt;" in html and "<b>Finance</b>" not in html
