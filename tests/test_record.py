"""Building the record: merging, taxonomy extensions, the processor role, gaps."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ropa.pipeline import Outcome

from .conftest import MINIMAL_YAML, codes

Scan = Callable[[Mapping[str, str]], Outcome]


def test_declarations_merge_by_name_across_code_and_yaml(scan_tree: Scan) -> None:
    outcome = scan_tree(
        {
            "ropa.yaml": MINIMAL_YAML
            + "activities:\n  - name: Payroll\n    legal_basis: legal_obligation\n"
            "    retention: P6Y\n    requirement: Required by tax law\n",
            "pay.py": (
                "from ropa import processing\n"
                '@processing("Payroll", purpose="Pay staff",\n'
                '            data=["user.financial.bank_account"],\n'
                '            subjects=["employee"])\n'
                "def pay(): ...\n"
                '@processing("Payroll", data=["user.name"], processors=["aws"])\n'
                "def slip(): ...\n"
            ),
        }
    )
    (payroll,) = outcome.record.as_json()["activities"]
    assert payroll["legal_basis"] == "legal_obligation"
    assert payroll["data_categories"] == ["user.financial.bank_account", "user.name"]
    assert payroll["retention"] == {"iso": "P6Y", "text": "6 years"}
    assert [(loc["path"], loc["line"]) for loc in payroll["locations"]] == [
        ("pay.py", 2),
        ("pay.py", 6),
        ("ropa.yaml", MINIMAL_YAML.count("\n") + 2),
    ]
    assert payroll["transfers"] == [
        {
            "vendor": "aws",
            "country": "US",
            "country_name": "United States",
            "safeguard": "dpf",
            "nature": "vendor",
            "region": None,
            "city": None,
        }
    ]
    assert [c for c in codes(outcome) if c != "ROPA204"] == []


def test_categories_from_ropa_yaml_extend_the_taxonomy(scan_tree: Scan) -> None:
    outcome = scan_tree(
        {
            "ropa.yaml": MINIMAL_YAML
            + "categories:\n  user.loyalty.tier:\n    name: Loyalty tier\n"
            "    description: Your tier in our loyalty programme.\n    parent: user\n",
            "app.py": (
                "# ropa: processing('Loyalty', purpose='Run the loyalty programme',\n"
                "#   legal_basis='contract', data=['user.loyalty.tier'], subjects=['customer'],\n"
                "#   retention='P2Y')\n"
                "def loyalty(): ...\n"
            ),
        }
    )
    assert "ROPA101" not in codes(outcome)
    term = outcome.record.as_json()["vocabulary"]["categories"]["user.loyalty.tier"]
    assert term["label"] == "Loyalty tier"


def test_processor_role_keeps_clients_and_unlinked_recipients_are_gaps(scan_tree: Scan) -> None:
    outcome = scan_tree(
        {
            "ropa.yaml": MINIMAL_YAML
            + "role: processor\nclients:\n  - {name: Client GmbH, contact: dpo@client.example}\n",
            "app.py": (
                "from ropa import processor\n"
                '@processor("sentry", data=["user.device.ip_address"], purpose="Error tracking")\n'
                "def report(): ...\n"
            ),
        }
    )
    record = outcome.record.as_json()
    assert record["role"] == "processor"
    assert record["clients"] == [
        {
            "key": "client-gmbh",
            "name": "Client GmbH",
            "contact": "dpo@client.example",
            "representative": None,
            "dpo": None,
        }
    ]
    assert [v["key"] for v in record["vendors"]] == ["sentry"]
    (gap,) = [g for g in record["gaps"] if g["vendor"] == "sentry"]
    assert "not linked to any activity" in gap["message"] and gap["where"].startswith("app.py:2")
    assert (gap["code"], gap["level"], gap["id"]) == (
        "ROPA120",
        "warning",
        "art30_1_d_recipients:sentry:unlinked",
    )


def test_missing_controller_is_rop112_and_a_gap(scan_tree: Scan) -> None:
    outcome = scan_tree({"ropa.yaml": "role: controller\n", "app.py": "x = 1\n"})
    assert "ROPA112" in codes(outcome)
    assert any(g["item"] == "art30_1_a_controller" for g in outcome.record.as_json()["gaps"])


def test_record_is_sorted_and_independent_of_declaration_order(scan_tree: Scan) -> None:
    a = (
        "from ropa import processing\n"
        '@processing("Zeta", purpose="z", legal_basis="contract", data=["user.name"],'
        ' subjects=["customer"], retention="P1Y")\ndef z(): ...\n'
    )
    b = a.replace("Zeta", "Alpha").replace("def z", "def a")
    outcome = scan_tree({"b.py": a, "a.py": b})
    assert [x["name"] for x in outcome.record.as_json()["activities"]] == ["Alpha", "Zeta"]


def test_a_vendor_purpose_that_repeats_its_service_is_listed_once(scan_tree: Scan) -> None:
    """Chainlit's notice read 'Error tracking and performance monitoring (Sentry); Error
    tracking': a declared purpose whose words are already listed adds nothing."""
    outcome = scan_tree(
        {
            "ropa.yaml": MINIMAL_YAML,
            "app.py": (
                "from ropa import processor\n"
                '@processor("sentry", data=["user.device.ip_address"], purpose="error tracking")\n'
                "def report(): ...\n"
                '@processor("sentry", data=["user.device.ip_address"], purpose="Release health")\n'
                "def health(): ...\n"
            ),
        }
    )
    (sentry,) = outcome.record.as_json()["vendors"]
    assert sentry["purposes"] == [
        "Error tracking and performance monitoring (Sentry)",
        "Release health",
    ]
