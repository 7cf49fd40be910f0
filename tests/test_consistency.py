"""ROPA115: each contradiction of DESIGN section 12 on a valid and an invalid project."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from ropa.csvout import table_rows
from ropa.pipeline import Outcome
from ropa.render import render_documents

from .conftest import MINIMAL_YAML
from .test_gaps import assert_documents_mark_exactly_the_gaps, assert_gaps_are_diagnostics

Scan = Callable[[Mapping[str, str]], Outcome]


def _act(extra: str = "", *, lb: str = "contract", retention: str = "P3Y") -> str:
    return (
        "from ropa import processing\n\n"
        f'@processing("Orders", purpose="Fulfil orders", legal_basis="{lb}",\n'
        '            data=["user.contact.email"], subjects=["customer"],\n'
        f'            retention="{retention}",\n'
        f'            requirement="Needed to deliver the order"{extra})\n'
        "def fulfil(order): ...\n"
    )


def _ropa115(outcome: Outcome) -> list[tuple[str, str, str]]:
    return [
        (str(d.location), d.level.value, d.message)
        for d in outcome.diagnostics
        if d.code == "ROPA115"
    ]


def _vendor(role: str, dpa: str) -> str:
    return (
        MINIMAL_YAML + "vendors:\n"
        "  couriers:\n"
        "    name: Fast Couriers Ltd\n"
        "    location: Dublin, Ireland\n"
        "    country: IE\n"
        "    services: Parcel delivery\n"
        "    kind: logistics\n"
        f"    role: {role}\n"
        "    privacy_policy: https://couriers.test/privacy\n" + dpa
    )


@pytest.mark.parametrize(
    ("role", "dpa", "found"),
    [
        (
            "controller",
            "    dpa: https://couriers.test/dpa\n",
            [
                (
                    "ropa.yaml:7:1",
                    "error",
                    "vendor 'couriers' is an independent controller but has a data processing "
                    "agreement (Art. 28), which only a processor signs",
                )
            ],
        ),
        ("controller", "", []),
        ("processor", "    dpa: https://couriers.test/dpa\n", []),
    ],
)
def test_a_dpa_on_an_independent_controller_is_an_error(
    scan_tree: Scan, role: str, dpa: str, found: list[tuple[str, str, str]]
) -> None:
    outcome = scan_tree(
        {"ropa.yaml": _vendor(role, dpa), "app.py": _act(', processors=["couriers"]')}
    )
    assert _ropa115(outcome) == found


def test_a_role_changed_over_a_registry_dpa_says_how_to_set_it_aside(scan_tree: Scan) -> None:
    """PostHog's registry entry has a DPA; a project that declares it an independent controller
    wrote no dpa: to remove, so the hint names dpa: null (found trying fief-server)."""
    yaml = MINIMAL_YAML + "vendors:\n  posthog: {role: controller}\n"
    outcome = scan_tree({"ropa.yaml": yaml, "app.py": _act(', processors=["posthog"]')})
    [found] = [d for d in outcome.diagnostics if d.code == "ROPA115"]
    assert found.hint is not None and "set dpa: null" in found.hint
    assert "remove dpa:" not in found.hint
    fixed = MINIMAL_YAML + "vendors:\n  posthog: {role: controller, dpa: null}\n"
    outcome = scan_tree({"ropa.yaml": fixed, "app.py": _act(', processors=["posthog"]')})
    assert _ropa115(outcome) == []


def test_the_registry_stripe_entry_is_not_flagged(scan_tree: Scan) -> None:
    """Stripe is a processor for payments and a controller for its own fraud models: its
    registry entry has both, and the project cannot be blamed for that."""
    assert _ropa115(scan_tree({"app.py": _act(', processors=["stripe"]')})) == []


def _field(retention: str) -> str:
    return (
        "\nclass Customer:"
        f'  # ropa: personal_data(subjects=["customer"], retention="{retention}")\n'
        "    email = None  # ropa: user.contact.email\n"
    )


@pytest.mark.parametrize(
    ("field", "activity", "found"),
    [
        ("P10Y", "P3Y", "is kept 10 years, longer than every activity using it allows"),
        ("P30D", "P3Y", "is kept 30 days, shorter than every activity using it keeps it"),
        ("P3Y", "P3Y", None),
        ("P10Y", "Until the account is deleted", None),
        ("Until the account is deleted", "P3Y", None),
    ],
)
def test_a_field_kept_longer_or_shorter_than_its_activities(
    scan_tree: Scan, field: str, activity: str, found: str | None
) -> None:
    outcome = scan_tree({"app.py": _act(retention=activity) + _field(field)})
    got = _ropa115(outcome)
    if found is None:
        assert got == []
        return
    ((where, level, message),) = got
    assert (where, level) == ("app.py:10:1", "warning")
    assert f"field 'app.Customer.email' {found}: 'Orders' (3 years)" == message


def test_a_field_used_by_many_activities_names_three_and_counts_the_rest(scan_tree: Scan) -> None:
    """A field many activities use (by a parent category too) gives one readable line, not a
    list of every activity of the project."""
    others = "".join(
        f'\n@processing("Task {i}", purpose="Do task {i}", legal_basis="contract",\n'
        f'            data=["{"user.contact" if i % 2 else "user"}"], subjects=["customer"],\n'
        '            retention="P1Y", requirement="Needed for the task")\n'
        f"def task{i}(): ...\n"
        for i in range(1, 5)
    )
    unrelated = (
        '\n@processing("Audit", purpose="Audit", legal_basis="legal_obligation",\n'
        '            data=["system.operations"], subjects=["customer"], retention="P1Y",\n'
        '            requirement="Required by law")\n'
        "def audit(): ...\n"
    )
    outcome = scan_tree({"app.py": _act() + others + unrelated + _field("P10Y")})
    ((_, _, message),) = _ropa115(outcome)
    assert message == (
        "field 'app.Customer.email' is kept 10 years, longer than every activity using it "
        "allows: 'Orders' (3 years), 'Task 1' (1 year), 'Task 2' (1 year) and 2 more"
    )


def test_the_longest_of_several_activities_counts(scan_tree: Scan) -> None:
    other = (
        '\n@processing("Support", purpose="Answer questions", legal_basis="contract",\n'
        '            data=["user.contact"], subjects=["customer"], retention="P10Y",\n'
        '            requirement="Needed to answer")\n'
        "def support(): ...\n"
    )
    assert _ropa115(scan_tree({"app.py": _act() + other + _field("P10Y")})) == []


def test_consent_without_a_way_to_withdraw(scan_tree: Scan, tmp_path: Path) -> None:
    bad = scan_tree({"app.py": _act(', consent_record="log"', lb="consent")})
    assert _ropa115(bad) == [
        (
            "app.py:3:1",
            "warning",
            "activity 'Orders': relies on consent but gives no way to withdraw it "
            "(Art. 7(3), 13(2)(c))",
        )
    ]
    assert [g["item"] for g in bad.record.as_json()["gaps"]] == ["art13_2_c_withdrawal"]
    assert_gaps_are_diagnostics(bad)
    assert_documents_mark_exactly_the_gaps(bad.record, tmp_path / "out")
    notice = (tmp_path / "out" / "privacy-notice.html").read_text("utf-8")
    assert 'data-gap="art13_2_c_withdrawal:orders"' in notice
    good = scan_tree(
        {"app.py": _act(', consent_record="log", withdrawal="Reply STOP"', lb="consent")}
    )
    assert good.diagnostics == ()


@pytest.mark.parametrize(
    ("extra", "found"),
    [
        (', processors=["sendgrid"]', True),
        (', processors=["sendgrid"], uses=["marketing.communications.email"]', False),
        (', processors=["mailgun"]', False),
    ],
)
def test_a_vendor_service_no_activity_covers(scan_tree: Scan, extra: str, found: bool) -> None:
    got = _ropa115(scan_tree({"app.py": _act(extra)}))
    expected = (
        "app.py:3:1",
        "warning",
        "vendor 'sendgrid' provides 'Transactional and marketing email (SendGrid)', but no "
        "activity it serves has a marketing purpose or use",
    )
    assert got == ([expected] if found else [])


def test_a_project_may_say_what_it_uses_a_vendor_for(scan_tree: Scan) -> None:
    yaml = MINIMAL_YAML + "vendors:\n  sendgrid: {services: Transactional email (SendGrid)}\n"
    outcome = scan_tree({"ropa.yaml": yaml, "app.py": _act(', processors=["sendgrid"]')})
    assert _ropa115(outcome) == []


@pytest.mark.parametrize(("date", "found"), [("2023-01-15", True), ("2023-07-10", False)])
def test_a_notice_older_than_the_instrument_it_cites(
    scan_tree: Scan, date: str, found: bool
) -> None:
    yaml = MINIMAL_YAML.replace("2026-01-15", date)
    # AWS is certified under the EU-US Data Privacy Framework, decided on 2023-07-10.
    outcome = scan_tree({"ropa.yaml": yaml, "app.py": _act(', processors=["aws"]')})
    expected = (
        "ropa.yaml:5:1",
        "warning",
        f"the notice's effective date {date} is older than the adequacy decision of "
        "2023-07-10 for US that it cites for 'aws'",
    )
    assert _ropa115(outcome) == ([expected] if found else [])


def test_the_csv_calls_art10_data_criminal_offence_data(scan_tree: Scan, tmp_path: Path) -> None:
    text = _act(
        ', special_category_basis={"condition": "authorised_by_law", "law": "Act 1"},'
        ' dpia="not_required"'
    ).replace('"user.contact.email"', '"user.contact.email", "user.criminal_history"')
    outcome = scan_tree({"app.py": text})
    assert outcome.diagnostics == ()
    render_documents(outcome.record, tmp_path, formats=["csv"])
    rows = table_rows((tmp_path / "ropa.csv").read_text("utf-8"))
    cells = [c for c in rows[1] if "Criminal" in c]
    assert cells and all("(criminal offence data)" in c for c in cells), rows[1]
    assert "(special category)" not in ",".join(rows[1])
