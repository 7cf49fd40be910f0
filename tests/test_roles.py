"""Per-activity roles (DESIGN section 9): a small SaaS that is controller for its own site,
processor for two clients and joint controller with a partner, built end to end."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from ropa.config import load_config
from ropa.csvout import table_rows
from ropa.diff import diff_records
from ropa.errors import ConfigError
from ropa.model import Level
from ropa.pipeline import Outcome, run_scan
from ropa.recordio import as_record
from ropa.render import render_documents

from .conftest import DATE, MINIMAL_YAML, codes, write_tree

Scan = Callable[[Mapping[str, str]], Outcome]

CLIENTS = """\
clients:
  - key: acme-retail
    name: Acme Retail Ltd
    contact: privacy@acme-retail.test
    dpo: Dr. Ada Ito, dpo@acme-retail.test
  - key: bolt-bikes
    name: Bolt Bikes GmbH
    contact: datenschutz@bolt-bikes.test
    representative: Bolt EU Rep, rep@bolt-bikes.test
joint_controllers:
  trail-club:
    name: Trail Club e.V.
    contact: privacy@trail-club.test
    responsibilities: The club answers requests from participants; we run the booking system
    arrangement: We decide together which registration data is collected and why
vendors:
  zendesk: {dpa: "https://zendesk.test/dpa.pdf"}
  offshore-desk:
    name: Offshore Desk Pvt. Ltd.
    location: Pune, India
    country: IN
    services: Outsourced first-line support
    kind: support
    role: processor
    privacy_policy: https://offshore-desk.test/privacy
    dpa: https://offshore-desk.test/dpa
    safeguards: [sccs]
activities:
  - name: Recruitment
    purpose: Assess applications for open positions
    legal_basis: contract
    data: [user.name, user.contact.email]
    subjects: [job_applicant]
    retention: P6M
    requirement: Needed to consider the application
  - name: Support desk
    role: processor
    on_behalf_of: [bolt-bikes]
    purpose: Answer the support requests of a client's customers
    data: [user.name, user.contact.email]
    subjects: [customer]
    processors: [zendesk, offshore-desk]
"""

SITE = """\
from ropa import processing


@processing("Newsletter", purpose="Send our own newsletter to people who sign up",
            legal_basis="consent", data=["user.contact.email"], subjects=["customer"],
            processors=["mailgun"], retention="Until you unsubscribe",
            consent_record="Sign-up log of the mailing list",
            withdrawal="The unsubscribe link in every newsletter")
def subscribe(email): ...
"""

PLATFORM = """\
from ropa import processing


@processing("Campaign delivery", role="processor", on_behalf_of=["acme-retail", "bolt-bikes"],
            purpose="Send the email campaigns a client designs to the client's customers",
            data=["user.contact.email", "user.name"], subjects=["customer"],
            uses=["marketing.communications.email"], processors=["sendgrid"])
def deliver(campaign): ...


# ropa: processing("Order import", role="processor", on_behalf_of=["acme-retail"],
#   purpose="Import a client's web-shop orders to segment its mailing lists",
#   data=["user.contact.address"], subjects=["customer"], processors=["aws"])
def import_orders(shop): ...


# ropa: processing("Trail events", role="joint_controller", joint_controllers=["trail-club"],
#   purpose="Register participants for the trail running events we organise with the club",
#   legal_basis="contract", data=["user.name", "user.contact.email"], subjects=["customer"],
#   retention="P1Y", requirement="Needed to register you for the event")
def register(person): ...
"""

MIXED = {"ropa.yaml": MINIMAL_YAML + CLIENTS, "app/site.py": SITE, "app/platform.py": PLATFORM}
PROCESSOR_ACTIVITIES = ("Campaign delivery", "Order import", "Support desk")


@pytest.fixture
def mixed(scan_tree: Scan) -> Outcome:
    return scan_tree(MIXED)


def _docs(record: Mapping[str, Any], out: Path) -> dict[str, str]:
    written = render_documents(as_record(record), out, formats=["html", "csv", "md"])
    return {p.name: p.read_text("utf-8") for p in written}


def _csv_rows(text: str) -> list[dict[str, str]]:
    """The activities' table of the CSV (below its contact block), as dicts by heading."""
    heading, *rows = table_rows(text)
    return [dict(zip(heading, row, strict=True)) for row in rows]


def _section(html: str, section_id: str) -> str:
    """The text of the <section> with ``section_id``, up to its matching end tag."""
    match = re.search(rf'<section[^>]* id="{re.escape(section_id)}"', html)
    assert match, section_id
    start = match.start()
    depth, i = 0, start
    for tag in re.finditer(r"<(/?)section\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            i = start + tag.end()
            break
    return html[start:i]


def test_a_mixed_project_is_clean_and_each_activity_has_its_role(mixed: Outcome) -> None:
    serious = [d for d in mixed.diagnostics if d.level is not Level.INFO]
    assert serious == []
    by_name = {a["name"]: a for a in mixed.record.as_json()["activities"]}
    assert {n: a["role"] for n, a in by_name.items()} == {
        "Campaign delivery": "processor",
        "Newsletter": "controller",
        "Order import": "processor",
        "Recruitment": "controller",
        "Support desk": "processor",
        "Trail events": "joint_controller",
    }
    assert by_name["Campaign delivery"]["on_behalf_of"] == ["acme-retail", "bolt-bikes"]
    assert by_name["Trail events"]["joint_controllers"] == ["trail-club"]
    for name in PROCESSOR_ACTIVITIES:
        a = by_name[name]
        assert (a["legal_basis"], a["legitimate_interest"], a["special_category_basis"]) == (
            None,
            None,
            None,
        )
    (club,) = mixed.record.as_json()["joint_controllers"]
    assert club["key"] == "trail-club" and club["activities"] == ["Trail events"]
    assert club["arrangement"].startswith("We decide together")


def test_each_client_record_holds_only_that_clients_activities(mixed: Outcome) -> None:
    parts = {p["client"]: p for p in mixed.record.as_json()["processing_for_clients"]}
    acme, bolt = parts["acme-retail"], parts["bolt-bikes"]
    assert acme["activities"] == ["Campaign delivery", "Order import"]
    assert bolt["activities"] == ["Campaign delivery", "Support desk"]
    assert acme["sub_processors"] == ["aws", "sendgrid"]
    assert bolt["sub_processors"] == ["offshore-desk", "sendgrid", "zendesk"]
    # Only Bolt's support desk sends data to India.
    assert "IN" not in {t["country"] for t in acme["transfers"]}
    assert ("offshore-desk", "IN", "sccs") in {
        (t["vendor"], t["country"], t["safeguard"]) for t in bolt["transfers"]
    }
    assert acme["dpo"] == "Dr. Ada Ito, dpo@acme-retail.test" and acme["representative"] is None
    assert bolt["representative"] == "Bolt EU Rep, rep@bolt-bikes.test"
    assert acme["security_measures"] == ["Encryption in transit and at rest"]
    assert acme["categories_of_processing"] == [
        "Import a client's web-shop orders to segment its mailing lists",
        "Send the email campaigns a client designs to the client's customers",
    ]


def test_record_html_has_a_part_per_client_with_only_its_activities(
    mixed: Outcome, tmp_path: Path
) -> None:
    html = _docs(mixed.record, tmp_path)["ropa.html"]
    acme = _section(html, "client-acme-retail")
    bolt = _section(html, "client-bolt-bikes")
    assert "Campaign delivery" in acme and "Order import" in acme
    assert "Support desk" not in acme and "Zendesk" not in acme and "India" not in acme
    assert "Campaign delivery" in bolt and "Support desk" in bolt
    assert "Order import" not in bolt and "Amazon Web Services" not in bolt and "India" in bolt
    for own in ("Newsletter", "Recruitment", "Trail events"):
        assert own not in acme and own not in bolt
    assert "Bolt EU Rep" in bolt and "Dr. Ada Ito" in acme
    # No legal basis on a processor activity, anywhere in the record.
    support = _section(html, "activity-support-desk")
    assert "Legal basis" not in support and "Processor, on behalf of" in support
    assert "Trail Club e.V." in _section(html, "activity-trail-events")
    assert "processor for clients" in html.split("</dl>")[0]


def test_the_notice_holds_no_processor_activity_in_its_controller_sections(
    mixed: Outcome, tmp_path: Path
) -> None:
    docs = _docs(mixed.record, tmp_path)
    html = docs["privacy-notice.html"]
    customers = _section(html, "for-customers")
    rest = html.replace(customers, "")
    for name in PROCESSOR_ACTIVITIES:
        assert name not in rest, name
    # The kinds of service are named, the customers are not.
    assert "Send the email campaigns a client designs" in customers
    assert "Answer the support requests" in customers
    assert "Acme" not in customers and "Bolt" not in customers
    assert "privacy notice of the organisation whose service you use" in customers
    # Sub-processors used only for clients are not our recipients.
    for vendor in ("Twilio", "Zendesk", "Offshore Desk", "Amazon"):
        assert vendor not in rest, vendor
    assert "Newsletter" in _section(html, "purposes")
    # The joint activity names the partner and the essence of the arrangement.
    trail = _section(html, "purpose-trail-events")
    assert "Trail Club e.V." in trail and "We decide together which registration data" in trail
    assert "Trail Club e.V." in _section(html, "who-we-are")
    md = docs["privacy-notice.md"]
    body, _, tail = md.partition("## When we process information for our customers")
    customers_md, _, after = tail.partition("\n## ")
    for name in PROCESSOR_ACTIVITIES:
        assert name not in body + after, name
    assert "Send the email campaigns a client designs" in customers_md
    assert "We decide together which registration data" in body


def test_the_csv_shows_no_legal_basis_or_rights_for_processor_activities(
    mixed: Outcome, tmp_path: Path
) -> None:
    rows = _csv_rows(_docs(mixed.record, tmp_path)["ropa.csv"])
    basis = "Article 6 lawful basis for processing personal data"
    for row in rows:
        name = row["Purpose of processing"].split(":")[0]
        if name in PROCESSOR_ACTIVITIES:
            assert row[basis].startswith("Not applicable: processed as processor for ")
            assert row["Rights available to individuals"] == ""
            assert row["Legitimate interests for the processing (if applicable)"] == ""
        else:
            assert row[basis].startswith(("Consent", "Contract")), row[basis]
    support = next(r for r in rows if r["Purpose of processing"].startswith("Support desk"))
    assert support[basis].endswith("for Bolt Bikes GmbH")
    trail = next(r for r in rows if r["Purpose of processing"].startswith("Trail events"))
    joint = trail["Name and contact details of joint controller (if applicable)"]
    assert joint.startswith("Trail Club e.V. (privacy@trail-club.test): The club answers")


def test_a_processor_project_notice_differs_from_its_controller_build(tmp_path: Path) -> None:
    code = (
        "from ropa import processing\n\n"
        '@processing("Hosted shops", on_behalf_of=["acme-retail"], purpose="Run client shops",\n'
        '            data=["user.contact.email"], subjects=["customer"])\n'
        "def host(): ...\n\n"
        '@processing("Sales outreach", role="controller", purpose="Find new clients",\n'
        '            legal_basis="legitimate_interests", legitimate_interest="Win business",\n'
        '            lia="LIA-2026-01",\n'
        '            data=["user.contact.email"], subjects=["customer"], retention="P1Y",\n'
        '            requirement="Not required")\n'
        "def outreach(): ...\n"
    )
    clients = "clients:\n  - {key: acme-retail, name: Acme Retail Ltd, contact: p@acme.test}\n"
    notices = {}
    for role in ("processor", "controller"):
        root = write_tree(
            tmp_path / role,
            {"ropa.yaml": MINIMAL_YAML + f"role: {role}\n" + clients, "app.py": code},
        )
        outcome = run_scan([root], jobs=1, date=DATE, use_cache=False)
        notices[role] = _docs(outcome.record, tmp_path / f"{role}-out")["privacy-notice.html"]
        if role == "processor":
            assert [c for c in codes(outcome) if c != "ROPA204"] == []
        else:
            # Hosted shops is now ours: it lacks a legal basis and names a client.
            assert {"ROPA105", "ROPA117"} <= set(codes(outcome))
    assert notices["processor"] != notices["controller"]
    assert "Hosted shops" not in _section(notices["processor"], "purposes")
    assert "Run client shops" in _section(notices["processor"], "for-customers")
    assert "Hosted shops" in _section(notices["controller"], "purposes")
    assert 'id="for-customers"' not in notices["controller"]


def _found(outcome: Outcome, code: str) -> list[Any]:
    return [d for d in outcome.diagnostics if d.code == code]


@pytest.mark.parametrize(
    ("extra", "message", "hint"),
    [
        ("", "names no client (on_behalf_of)", "one of: acme-retail, bolt-bikes"),
        (', on_behalf_of=["acme-retial"]', "names 'acme-retial'", "did you mean 'acme-retail'?"),
        (', on_behalf_of=["zeta"]', "names 'zeta', which is no client", "declare it under clients"),
    ],
)
def test_rop117_processor_activity_and_its_clients(
    scan_tree: Scan, extra: str, message: str, hint: str
) -> None:
    code = (
        "from ropa import processing\n"
        '@processing("Mailings", role="processor", purpose="Send mail for a client",\n'
        f'            data=["user.contact.email"], subjects=["customer"]{extra})\n'
        "def mail(): ...\n"
    )
    outcome = scan_tree({"ropa.yaml": MINIMAL_YAML + CLIENTS, "app.py": code})
    (found,) = _found(outcome, "ROPA117")
    assert found.level is Level.ERROR and message in found.message and hint in (found.hint or "")
    assert str(found.location) == "app.py:2:1"
    # The gap the documents mark carries the same code and place; no ROPA105 for the basis.
    assert "ROPA105" not in codes(outcome) and "ROPA108" not in codes(outcome)
    (gap,) = [g for g in outcome.record.as_json()["gaps"] if g["code"] == "ROPA117"]
    assert (gap["item"], gap["activity"], gap["where"]) == (
        "art30_2_a_clients",
        "Mailings",
        "app.py:2",
    )


def test_rop117_unknown_joint_controller_in_ropa_yaml(scan_tree: Scan, tmp_path: Path) -> None:
    yaml = (
        MINIMAL_YAML
        + CLIENTS
        + (
            "  - name: Club races\n    role: joint_controller\n    joint_controllers: [trail-clb]\n"
            "    purpose: Run races\n    legal_basis: contract\n    data: [user.name]\n"
            "    subjects: [customer]\n    retention: P1Y\n    requirement: Needed to race\n"
        )
    )
    outcome = scan_tree({"ropa.yaml": yaml, "app.py": "x = 1\n"})
    (found,) = _found(outcome, "ROPA117")
    assert found.hint == "did you mean 'trail-club'?"
    line = yaml.splitlines().index("  - name: Club races") + 1
    assert str(found.location) == f"ropa.yaml:{line}:1"
    # The documents still render, and mark the unknown partner where the activity names it.
    docs = _docs(outcome.record, tmp_path / "out")
    gap_id = "art26_joint_controllers:club-races:trail-clb"
    for name in ("ropa.html", "privacy-notice.html"):
        assert f'data-gap="{gap_id}"' in docs[name], name
    assert "trail-clb **Missing declaration:**" in docs["privacy-notice.md"]


def test_rop117_joint_role_without_partner_and_keys_without_role(scan_tree: Scan) -> None:
    code = (
        "from ropa import processing\n"
        '@processing("A", role="joint_controller", purpose="p", legal_basis="contract",\n'
        '            data=["user.name"], subjects=["customer"], retention="P1Y",\n'
        '            requirement="r")\n'
        "def a(): ...\n"
        '@processing("B", on_behalf_of=["acme-retail"], purpose="p", legal_basis="contract",\n'
        '            data=["user.name"], subjects=["customer"], retention="P1Y",\n'
        '            requirement="r")\n'
        "def b(): ...\n"
        '@processing("C", joint_controllers=["trail-club"], purpose="p", legal_basis="contract",\n'
        '            data=["user.name"], subjects=["customer"], retention="P1Y",\n'
        '            requirement="r")\n'
        "def c(): ...\n"
    )
    outcome = scan_tree({"ropa.yaml": MINIMAL_YAML + CLIENTS, "app.py": code})
    messages = sorted(d.message for d in _found(outcome, "ROPA117"))
    assert messages == [
        "activity 'A' is done as a joint controller but names no joint controller",
        "activity 'B' names clients (on_behalf_of) but its role is controller",
        "activity 'C' names joint controllers but its role is controller",
    ]


def test_a_legal_basis_on_a_processor_activity_is_a_warning_and_left_out(
    scan_tree: Scan, tmp_path: Path
) -> None:
    code = (
        "from ropa import processing\n"
        '@processing("Mailings", role="processor", on_behalf_of=["acme-retail"],\n'
        '            purpose="Send mail for a client", legal_basis="legitimate_interests",\n'
        '            legitimate_interest="Our business", lia="LIA-7",\n'
        '            data=["user.contact.email"],\n'
        '            subjects=["customer"])\n'
        "def mail(): ...\n"
    )
    outcome = scan_tree({"ropa.yaml": MINIMAL_YAML + CLIENTS, "app.py": code})
    (found,) = _found(outcome, "ROPA117")
    assert found.level is Level.WARNING
    assert "legal_basis, legitimate_interest, lia are the client's to decide" in found.message
    assert str(found.location) == "app.py:2:1"
    # Nor are the papers that follow from a basis asked of it (LIA: ROPA116).
    assert "ROPA106" not in codes(outcome) and "ROPA116" not in codes(outcome)
    mail = next(a for a in outcome.record.as_json()["activities"] if a["name"] == "Mailings")
    assert mail["legal_basis"] is None and mail["legitimate_interest"] is None
    assert mail["lia"] is None
    docs = _docs(outcome.record, tmp_path / "out")
    assert "Legitimate interests (Art" not in docs["ropa.html"] + docs["ropa.csv"]
    assert "Our business" not in docs["ropa.html"] + docs["ropa.csv"]
    assert "Our business" not in docs["privacy-notice.html"]


def test_a_role_in_a_comment_must_be_one_of_the_three(scan_tree: Scan) -> None:
    code = (
        '# ropa: processing("A", role="procesor", purpose="p", legal_basis="contract",\n'
        '#   data=["user.name"], subjects=["customer"], retention="P1Y", requirement="r")\n'
        "def a(): ...\n"
    )
    outcome = scan_tree({"app.py": code})
    (found,) = _found(outcome, "ROPA002")
    assert "argument 'role' must be one of 'controller', 'processor', 'joint_controller'" in (
        found.message
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "clients:\n  - {key: acme, name: A}\n  - {key: acme, name: B}\n",
            "ropa.yaml:3: clients[2]: key 'acme' is already used by the client at line 2",
        ),
        ("clients:\n  - {contact: x@y.test}\n", "ropa.yaml:2: clients[1] needs a key"),
        (
            "clients:\n  - {key: Acme Retail, name: A}\n",
            "ropa.yaml:2: clients[1].key must be lower case words joined by hyphens",
        ),
        (
            "joint_controllers:\n  club:\n    contact: x\n",
            "ropa.yaml:2: joint_controllers.club lacks",
        ),
        (
            "joint_controllers:\n  Club_1: {name: C}\n",
            "ropa.yaml:2: joint_controllers: key 'Club_1' must be lower case",
        ),
        (
            "activities:\n  - {name: A, role: owner}\n",
            "ropa.yaml:2: activities[1].role must be one of: controller, processor",
        ),
        (
            "joint_controllers:\n  club: {name: C, arangement: x}\n",
            "ropa.yaml:2: unknown key 'joint_controllers.club.arangement'",
        ),
    ],
)
def test_clients_and_joint_controllers_are_read_strictly(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "ropa.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert any(p.startswith(problem) for p in info.value.problems), info.value.problems


def test_a_client_without_key_gets_one_from_its_name(tmp_path: Path) -> None:
    path = tmp_path / "ropa.yaml"
    path.write_text("clients:\n  - {name: Zürich Bikes AG, contact: z@b.test}\n", "utf-8")
    (client,) = load_config(path).clients
    assert client["key"] == "zurich-bikes-ag"


def test_a_joint_controller_without_arrangement_is_a_gap_marked_in_the_notice(
    scan_tree: Scan, tmp_path: Path
) -> None:
    yaml = MINIMAL_YAML + CLIENTS.replace(
        "    arrangement: We decide together which registration data is collected and why\n", ""
    )
    outcome = scan_tree({"ropa.yaml": yaml, "app/platform.py": PLATFORM})
    (gap,) = [g for g in outcome.record.as_json()["gaps"] if g["item"] == "art26_joint_controllers"]
    assert gap["id"] == "art26_joint_controllers:trail-club-arrangement"
    line = yaml.splitlines().index("  trail-club:") + 1
    assert gap["where"] == f"ropa.yaml:{line}"
    assert any(
        d.code == "ROPA120" and str(d.location) == f"ropa.yaml:{line}:1"
        for d in outcome.diagnostics
    )
    html = _docs(outcome.record, tmp_path / "out")["privacy-notice.html"]
    assert 'data-gap="art26_joint_controllers:trail-club-arrangement"' in html


def test_moving_an_activity_to_another_client_is_one_change_naming_both(
    scan_tree: Scan, mixed: Outcome
) -> None:
    moved = scan_tree(
        {
            **MIXED,
            "app/platform.py": PLATFORM.replace(
                'on_behalf_of=["acme-retail"]', 'on_behalf_of=["bolt-bikes"]'
            ),
        }
    )
    described = [c.describe() for c in diff_records(mixed.record, moved.record)]
    # One change, which names both clients; the clients' Art. 30(2) records repeat it and
    # are not reported again (ropa.mirrors).
    assert described == [
        "activity 'Order import': on_behalf_of changed from [acme-retail] to [bolt-bikes] "
        "(added bolt-bikes; removed acme-retail)"
    ]


def test_roles_survive_the_scan_cache(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", MIXED)
    cold = run_scan([root], jobs=1, date=DATE)
    warm = run_scan([root], jobs=1, date=DATE)
    assert warm.record == cold.record
    assert {a["name"]: a["role"] for a in warm.record.as_json()["activities"]}[
        "Order import"
    ] == "processor"


def test_the_documented_roles_example_scans_clean(scan_tree: Scan) -> None:
    text = (Path(__file__).parent.parent / "docs" / "annotations.md").read_text("utf-8")
    section = text.split("### Roles", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(python|yaml)\n(.*?)```", section, re.S)
    code = "\n".join(body for kind, body in blocks if kind == "python")
    yaml = "".join(body for kind, body in blocks if kind == "yaml")
    outcome = scan_tree({"ropa.yaml": MINIMAL_YAML + yaml, "app.py": code})
    assert [c for c in codes(outcome) if c != "ROPA204"] == []
    parts = {
        p["client"]: p["activities"] for p in outcome.record.as_json()["processing_for_clients"]
    }
    assert parts == {
        "nordwand": ["Partner customer service", "Partner shop orders"],
        "fjellgear": ["Partner shop orders"],
    }


def test_special_category_data_done_for_a_client_needs_no_condition_of_ours(
    scan_tree: Scan, tmp_path: Path
) -> None:
    code = (
        "from ropa import processing\n"
        '@processing("Clinic bookings", role="processor", on_behalf_of=["acme-retail"],\n'
        '            purpose="Run the booking calendar of a client clinic",\n'
        '            data=["user.health_and_medical", "user.name"], subjects=["patient"])\n'
        "def book(): ...\n"
    )
    outcome = scan_tree({"ropa.yaml": MINIMAL_YAML + CLIENTS, "app.py": code})
    assert [c for c in codes(outcome) if c != "ROPA204"] == []
    rows = _csv_rows(_docs(outcome.record, tmp_path / "out")["ropa.csv"])
    clinic = next(r for r in rows if r["Purpose of processing"].startswith("Clinic bookings"))
    assert clinic["Article 9 condition for processing special category data"] == ""


def test_work_done_for_a_client_names_the_client_as_its_source(
    mixed: Outcome, tmp_path: Path
) -> None:
    """Art. 14(2)(f) is the controller's question: for processor activities the data comes
    from the client, so neither the record nor its HTML or CSV says it came from the person."""
    roles = {a["name"]: (a["role"], a["source"]) for a in mixed.record.as_json()["activities"]}
    assert {roles[name] for name in PROCESSOR_ACTIVITIES} == {("processor", "client")}
    assert roles["Newsletter"] == ("controller", "data_subject")
    docs = _docs(mixed.record, tmp_path)
    support = _section(docs["ropa.html"], "activity-support-desk")
    assert "The data subject" not in support
    assert "The client, as controller" in support
    # Art. 14 does not apply to the processor, so its reference is not cited there.
    assert "Art. 14(2)(f)" not in support
    assert "Art. 14(2)(f)" in _section(docs["ropa.html"], "activity-newsletter")
    rows = {r["Purpose of processing"].split(":")[0]: r for r in _csv_rows(docs["ropa.csv"])}
    source = "The source of the personal data (if applicable)"
    assert rows["Support desk"][source].startswith("The client, as controller")
    assert rows["Newsletter"][source] == "The data subject"
