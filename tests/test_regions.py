"""Where vendors keep data: cloud regions, transfers from them, a controller outside the EEA,
and the extended vocabulary of transfer safeguards."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.errors import ConfigError
from ropa.pipeline import Outcome, dump_record, run_scan
from ropa.recordio import as_record
from ropa.registry import (
    SAFEGUARDS,
    load_countries,
    load_regions,
    load_registry,
    parse_regions,
)
from ropa.render import SAFEGUARD_LABELS, SAFEGUARD_PLAIN, render_documents
from ropa.yamlio import load_yaml

from .conftest import DATE, MINIMAL_YAML, REPO, codes, write_tree

Scan = Callable[[Mapping[str, str]], Outcome]


def _app(processor: str, *, processors: str = '["aws"]') -> str:
    return (
        "from ropa import processing, processor\n\n"
        '@processing("Hosting", purpose="Run the service", legal_basis="contract",\n'
        '            data=["user.contact.email"], subjects=["customer"], retention="P1Y",\n'
        f'            requirement="Needed for the service", processors={processors})\n'
        f"{processor}\n"
        "def serve(): ...\n"
    )


def _transfers(outcome: Outcome, vendor: str = "aws") -> list[tuple[str, str, str | None]]:
    return [
        (t["nature"], t["country"], t["safeguard"])
        for t in outcome.record.as_json()["transfers"]
        if t["vendor"] == vendor
    ]


def _vendor(outcome: Outcome, key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(v for v in outcome.record.as_json()["vendors"] if v["key"] == key)
    return found


def _documents(outcome: Outcome, tmp_path: Path) -> dict[str, str]:
    out = tmp_path / "out"
    render_documents(outcome.record, out, formats=["html", "md", "csv"])
    return {p.name: p.read_text("utf-8") for p in sorted(out.iterdir())}


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


# The registry of regions.


def test_regions_of_the_large_clouds_name_country_and_city() -> None:
    regions = load_regions()
    aws, gcp, azure = regions.of("aws"), regions.of("google-cloud"), regions.of("azure")
    assert (aws["eu-central-1"].country, aws["eu-central-1"].city) == ("DE", "Frankfurt")
    assert (gcp["europe-west3"].country, gcp["europe-west3"].city) == ("DE", "Frankfurt")
    assert azure["westeurope"].country == "NL"
    assert regions.of("aws-ses") == aws and regions.of("google-firebase") == gcp
    # The countries the brief names, for each provider.
    for table in (aws, gcp, azure):
        countries = {r.country for r in table.values()}
        assert {"DE", "FR", "IE", "GB", "US", "CH", "CA", "JP", "AU", "IN", "SG", "BR"} <= (
            countries | {"IE"} if table is gcp else countries
        )
    assert regions.of("sendgrid") == {}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "checked: 2026-11-01\nproviders:\n  aws:\n    name: AWS\n    vendors: [aws]\n"
            "    source: https://aws.example\n    regions:\n      eu-central-1: {country: XX, "
            "city: Frankfurt}\n",
            "regions.yaml:8: aws.eu-central-1: unknown country code 'XX'",
        ),
        (
            "checked: 2026-11-01\nproviders:\n  aws:\n    name: AWS\n    vendors: [no-such]\n"
            "    source: https://aws.example\n    regions:\n      eu-central-1: {country: DE, "
            "city: Frankfurt}\n",
            "regions.yaml:3: provider 'aws': no vendor 'no-such'",
        ),
        (
            "checked: 2026-11-01\nproviders:\n  aws:\n    name: AWS\n    vendors: [aws]\n"
            "    source: https://aws.example\n    regions:\n      EU_1: {country: DE, "
            "city: Frankfurt}\n",
            "regions.yaml:8: aws.EU_1: a region code is lower case",
        ),
        (
            "checked: 2026-11-01\nproviders:\n  aws:\n    name: AWS\n    vendors: [aws]\n"
            "    source: https://aws.example\n    regions:\n      eu-central-1: {country: DE}\n",
            "regions.yaml:8: aws.eu-central-1: needs exactly country and city",
        ),
        (
            "checked: 2026-11-01\nproviders:\n  aws:\n    name: AWS\n    vendors: [aws]\n",
            "regions.yaml:3: provider 'aws' needs exactly name, vendors, source, regions",
        ),
    ],
)
def test_the_region_registry_is_validated_at_load(text: str, problem: str) -> None:
    with pytest.raises(ConfigError) as error:
        parse_regions(
            load_yaml(text, "regions.yaml"), "regions.yaml", load_registry(), load_countries()
        )
    assert any(p.startswith(problem) for p in error.value.problems), error.value.problems


# Transfers follow the region.


def test_a_region_in_the_eea_is_storage_there_and_the_head_office_a_possible_access(
    scan_tree: Scan,
) -> None:
    outcome = scan_tree({"app.py": _app('@processor("aws", region="eu-central-1")')})
    assert [c for c in codes(outcome) if c != "ROPA204"] == []
    assert _vendor(outcome, "aws")["storage"] == [
        {"region": "eu-central-1", "country": "DE", "country_name": "Germany", "city": "Frankfurt"}
    ]
    # No transfer to the United States as the place of storage; Seattle is only named as a
    # possible access, with the safeguard that covers it.
    assert _transfers(outcome) == [("access", "US", "dpf")]
    (hosting,) = outcome.record.as_json()["activities"]
    assert [(t["nature"], t["country"]) for t in hosting["transfers"]] == [("access", "US")]


def test_the_comment_form_takes_region_too(scan_tree: Scan) -> None:
    app = (
        "from ropa import processing\n\n"
        '# ropa: processor("aws", region="eu-west-3")\n'
        '@processing("Hosting", purpose="Run the service", legal_basis="contract",\n'
        '            data=["user.contact.email"], subjects=["customer"], retention="P1Y",\n'
        '            requirement="Needed for the service")\n'
        "def serve(): ...\n"
    )
    outcome = scan_tree({"app.py": app})
    assert _vendor(outcome, "aws")["storage"][0]["city"] == "Paris"
    assert _transfers(outcome) == [("access", "US", "dpf")]


def test_a_region_outside_the_eea_is_a_storage_transfer(scan_tree: Scan) -> None:
    london = scan_tree({"app.py": _app('@processor("aws", region="eu-west-2")')})
    assert _transfers(london) == [("storage", "GB", "adequacy"), ("access", "US", "dpf")]
    (storage, _access) = [t for t in london.record.as_json()["transfers"] if t["vendor"] == "aws"]
    assert (storage["region"], storage["city"]) == ("eu-west-2", "London")


def test_a_region_in_the_head_office_country_is_one_transfer(scan_tree: Scan) -> None:
    outcome = scan_tree({"app.py": _app('@processor("aws", region="us-east-1")')})
    assert _transfers(outcome) == [("storage", "US", "dpf")]


def test_vendors_region_in_ropa_yaml_is_the_project_default(scan_tree: Scan) -> None:
    outcome = scan_tree(
        {
            "ropa.yaml": MINIMAL_YAML + "vendors:\n  aws:\n    region: eu-central-1\n",
            "app.py": _app(""),
        }
    )
    assert _vendor(outcome, "aws")["region"] == "eu-central-1"
    assert _transfers(outcome) == [("access", "US", "dpf")]
    # A marker's region= wins over the default for the activity it belongs to.
    outcome = scan_tree(
        {
            "ropa.yaml": MINIMAL_YAML + "vendors:\n  aws:\n    region: eu-central-1\n",
            "app.py": _app('@processor("aws", region="ap-southeast-2")'),
        }
    )
    assert ("storage", "AU", "sccs") in _transfers(outcome)


def test_an_iso_country_code_is_a_region_for_any_vendor(scan_tree: Scan) -> None:
    outcome = scan_tree(
        {"app.py": _app('@processor("sendgrid", region="DE")', processors='["sendgrid"]')}
    )
    assert _vendor(outcome, "sendgrid")["storage"] == [
        {"region": "DE", "country": "DE", "country_name": "Germany", "city": None}
    ]
    assert _transfers(outcome, "sendgrid") == [("access", "US", "dpf")]


def test_without_a_region_the_vendor_country_decides_as_before(scan_tree: Scan) -> None:
    outcome = scan_tree({"app.py": _app("")})
    assert _transfers(outcome) == [("vendor", "US", "dpf")]
    assert _vendor(outcome, "aws")["storage"] == []


# Unknown regions are diagnostics.


def test_an_unknown_region_is_ropa104_with_did_you_mean(scan_tree: Scan) -> None:
    outcome = scan_tree({"app.py": _app('@processor("aws", region="eu-centrl-1")')})
    (found,) = [d for d in outcome.diagnostics if d.code == "ROPA104"]
    assert "unknown region 'eu-centrl-1'" in found.message
    assert found.hint == "did you mean 'eu-central-1'?"
    assert found.location is not None and (found.location.path, found.location.line) == (
        "app.py",
        6,
    )
    # The record falls back to the head office: nothing is left out.
    assert _transfers(outcome) == [("vendor", "US", "dpf")]


def test_another_providers_region_is_named_as_such(scan_tree: Scan) -> None:
    outcome = scan_tree({"app.py": _app('@processor("aws", region="westeurope")')})
    (found,) = [d for d in outcome.diagnostics if d.code == "ROPA104"]
    assert "'westeurope' is a region of Microsoft Azure, not of 'aws'" in found.message


def test_an_unknown_region_in_ropa_yaml_is_reported_at_its_line(scan_tree: Scan) -> None:
    yaml = MINIMAL_YAML + "vendors:\n  aws:\n    region: eu-cental-1\n"
    outcome = scan_tree({"ropa.yaml": yaml, "app.py": _app("")})
    (found,) = [d for d in outcome.diagnostics if d.code == "ROPA104"]
    assert found.location is not None
    assert (found.location.path, found.location.line) == ("ropa.yaml", yaml.count("\n"))
    assert found.hint == "did you mean 'eu-central-1'?"


def test_a_malformed_region_in_ropa_yaml_is_a_config_error(scan_tree: Scan) -> None:
    with pytest.raises(ConfigError, match=r"aws\.region: must be a cloud region code"):
        scan_tree({"ropa.yaml": MINIMAL_YAML + "vendors:\n  aws: {region: 'eu central'}\n"})


def test_ropa_vendors_lists_the_regions_of_a_vendor_asked_for_by_key() -> None:
    result = CliRunner().invoke(main, ["vendors", "aws"])
    assert result.exit_code == 0, result.output
    assert re.search(r"region eu-central-1\s+Frankfurt, Germany", result.output)


# A controller outside the EEA.


_ABROAD = MINIMAL_YAML.replace(
    "controller: {name: Acme Shop Ltd, email: privacy@acme-shop.test}",
    "controller: {name: Acme Shop Inc., email: privacy@acme-shop.test, country: US}",
).replace(
    'supervisory_authority: {name: Data Protection Commission, url: "https://www.dataprotection.ie/"}\n',
    "",
)


def test_a_controller_outside_the_eea_needs_a_representative(
    scan_tree: Scan, tmp_path: Path
) -> None:
    outcome = scan_tree({"ropa.yaml": _ABROAD, "app.py": _app("")})
    (found,) = [d for d in outcome.diagnostics if d.code == "ROPA112"]
    assert "established in the United States, outside the EEA" in found.message
    assert found.location is not None and found.location.path == "ropa.yaml"
    assert [g["item"] for g in outcome.record.as_json()["gaps"]] == ["art27_representative"]
    docs = _documents(outcome, tmp_path)
    assert "Missing declaration: the representative in the Union" in _text(docs["ropa.html"])
    assert "Missing declaration: our representative in the Union" in _text(
        docs["privacy-notice.html"]
    )
    with_rep = _ABROAD + "representative: {name: Acme EU Rep Ltd, email: rep@acme-eu.test}\n"
    outcome = scan_tree({"ropa.yaml": with_rep, "app.py": _app("")})
    assert [c for c in codes(outcome) if c != "ROPA204"] == []


def test_a_controller_outside_the_eea_is_stated_as_a_transfer(
    scan_tree: Scan, tmp_path: Path
) -> None:
    yaml = _ABROAD + "representative: {name: Acme EU Rep Ltd, email: rep@acme-eu.test}\n"
    outcome = scan_tree({"ropa.yaml": yaml, "app.py": _app("")})
    (ours,) = [t for t in outcome.record.as_json()["transfers"] if t["vendor"] is None]
    assert (ours["nature"], ours["country"], ours["activities"]) == (
        "controller",
        "US",
        ["Hosting"],
    )
    assert outcome.record.as_json()["controller"]["country_name"] == "United States"
    docs = _documents(outcome, tmp_path)
    notice = _text(docs["privacy-notice.html"])
    assert "We are established in the United States, outside the European Economic Area" in notice
    # No lead supervisory authority is invented, and none is asked for.
    assert "no single lead authority is responsible for us" in notice
    assert "The authority responsible for us" not in notice
    assert "Missing declaration" not in notice
    assert "no single lead authority" in docs["privacy-notice.md"]
    assert "Acme Shop Inc." in _text(docs["ropa.html"]).split("International transfers")[-1]


def test_a_declared_authority_is_named_for_a_controller_abroad(
    scan_tree: Scan, tmp_path: Path
) -> None:
    yaml = (
        _ABROAD
        + "representative: {name: Acme EU Rep Ltd, email: rep@acme-eu.test}\n"
        + 'supervisory_authority: {name: CNIL, url: "https://www.cnil.fr/"}\n'
    )
    notice = _text(
        _documents(scan_tree({"ropa.yaml": yaml, "app.py": _app("")}), tmp_path)[
            "privacy-notice.html"
        ]
    )
    assert "The authority responsible for us is CNIL" in notice
    assert "no single lead authority" not in notice


def test_controller_country_must_be_an_iso_code(scan_tree: Scan) -> None:
    bad = _ABROAD.replace("country: US", "country: USA")
    with pytest.raises(ConfigError, match=r"controller\.country: 'USA' is not an ISO"):
        scan_tree({"ropa.yaml": bad})


def test_a_vendor_country_must_be_a_country_ropa_knows(scan_tree: Scan) -> None:
    # ``country: XX`` passed as a country without a name or safeguard: every activity using
    # the vendor then failed with ROPA109 at the code, far from the typo in ropa.yaml.
    bad = _offshore("[sccs]").replace("country: IN", "country: XX")
    with pytest.raises(ConfigError, match=r"ropa\.yaml:\d+: .*country.*'XX'.*not an ISO"):
        scan_tree({"ropa.yaml": bad})


# Transfer safeguards.


def _offshore(safeguards: str, extra: str = "") -> str:
    return MINIMAL_YAML + (
        'vendors:\n  acme: {name: Acme, location: "Pune, India", country: IN,\n'
        "    services: Support, kind: support, role: processor,\n"
        "    privacy_policy: https://acme.example/privacy, dpa: https://acme.example/dpa,\n"
        f"    safeguards: {safeguards}{extra}}}\n"
    )


@pytest.mark.parametrize("safeguard", [s for s in SAFEGUARDS if s != "dpf"])
def test_each_safeguard_is_accepted_and_labelled(
    scan_tree: Scan, tmp_path: Path, safeguard: str
) -> None:
    extra = ", transfer_document: https://acme.example/tia" if "compelling" in safeguard else ""
    outcome = scan_tree(
        {
            "ropa.yaml": _offshore(f"[{safeguard}]", extra),
            "app.py": _app("", processors='["acme"]'),
        }
    )
    assert "ROPA109" not in codes(outcome)
    assert _transfers(outcome, "acme") == [("vendor", "IN", safeguard)]
    docs = _documents(outcome, tmp_path)
    assert SAFEGUARD_LABELS[safeguard] in _text(docs["ropa.html"])
    assert SAFEGUARD_LABELS[safeguard] in docs["ropa.csv"]
    plain, _ref = SAFEGUARD_PLAIN[safeguard]
    assert plain in _text(docs["privacy-notice.html"])


def test_derogation_compelling_interests_requires_a_transfer_document(scan_tree: Scan) -> None:
    yaml = _offshore("[derogation_compelling_interests]")
    with pytest.raises(ConfigError) as error:
        scan_tree({"ropa.yaml": yaml, "app.py": _app("", processors='["acme"]')})
    line = yaml.count("\n")
    assert error.value.problems == [
        f"ropa.yaml:{line}: acme.safeguards: derogation_compelling_interests requires "
        "transfer_document (where the documented assessment of the transfer is kept)"
    ]


def test_an_unknown_safeguard_is_still_refused(scan_tree: Scan) -> None:
    with pytest.raises(ConfigError, match="unknown safeguard 'idta'"):
        scan_tree({"ropa.yaml": _offshore("[idta]")})


def test_the_notice_links_a_public_transfer_document_instead_of_ask_us(
    scan_tree: Scan, tmp_path: Path
) -> None:
    linked = scan_tree(
        {
            "ropa.yaml": _offshore("[sccs]", ", transfer_document: https://acme.example/sccs"),
            "app.py": _app("", processors='["acme"]'),
        }
    )
    docs = _documents(linked, tmp_path / "linked")
    assert '<a href="https://acme.example/sccs">read it here</a>' in docs["privacy-notice.html"]
    assert "ask us for a copy" not in docs["privacy-notice.html"]
    assert "[read it here](<https://acme.example/sccs>)" in docs["privacy-notice.md"]
    assert _vendor(linked, "acme")["transfer_document"] == "https://acme.example/sccs"
    plain = scan_tree({"ropa.yaml": _offshore("[sccs]"), "app.py": _app("", processors='["acme"]')})
    assert "ask us for a copy" in _documents(plain, tmp_path / "plain")["privacy-notice.html"]


def test_a_derogation_has_no_copy_to_ask_for(scan_tree: Scan, tmp_path: Path) -> None:
    outcome = scan_tree(
        {"ropa.yaml": _offshore("[derogation_contract]"), "app.py": _app("", processors='["acme"]')}
    )
    notice = _documents(outcome, tmp_path)["privacy-notice.html"]
    assert "necessary for a contract with you" in notice
    assert "ask us for a copy" not in notice


# The sample shop.


def test_the_sample_shop_keeps_its_aws_data_in_frankfurt(sample_outcome: Outcome) -> None:
    aws = _vendor(sample_outcome, "aws")
    assert [(p["region"], p["city"]) for p in aws["storage"]] == [("eu-central-1", "Frankfurt")]
    assert _transfers(sample_outcome) == [("access", "US", "dpf")]


def _before_regions(record: dict[str, Any]) -> dict[str, Any]:
    """The record as a ropa before regions wrote it: no places, no nature of transfers."""
    old: dict[str, Any] = {**record, "schema_version": 1}
    old["transfers"] = [
        {k: v for k, v in t.items() if k not in ("nature", "region", "city")}
        for t in old["transfers"]
    ]
    old["activities"] = [
        {
            **a,
            "transfers": [
                {"vendor": t["vendor"], "country": t["country"], "safeguard": t["safeguard"]}
                for t in a["transfers"]
            ],
        }
        for a in old["activities"]
    ]
    old["vendors"] = [
        {k: v for k, v in vendor.items() if k not in ("region", "transfer_document", "storage")}
        for vendor in old["vendors"]
    ]
    return old


def test_a_record_saved_before_regions_still_renders(
    sample_outcome: Outcome, tmp_path: Path
) -> None:
    render_documents(
        as_record(_before_regions(sample_outcome.record.as_json())),
        tmp_path,
        formats=["html", "md", "csv"],
    )
    assert "Seattle" in (tmp_path / "ropa.html").read_text("utf-8")


def test_a_baseline_saved_before_regions_differs_only_where_places_do(
    scan_tree: Scan, tmp_path: Path
) -> None:
    """Upgrading ropa alone changes nothing in a record that declares no region."""
    outcome = scan_tree({"app.py": _app("", processors='["aws", "sendgrid"]')})
    saved = tmp_path / "before.json"
    saved.write_text(dump_record(_before_regions(outcome.record.as_json())), "utf-8")
    now = tmp_path / "now.json"
    now.write_text(dump_record(outcome.record), "utf-8")
    result = CliRunner().invoke(main, ["diff", str(saved), str(now)])
    assert result.exit_code == 0, result.output
    assert "nature" not in result.output and "storage" not in result.output


def test_a_cached_scan_keeps_the_region(tmp_path: Path) -> None:
    """The scan cache stores each processor marker's region= with the rest of it."""
    write_tree(
        tmp_path,
        {"ropa.yaml": MINIMAL_YAML, "app.py": _app('@processor("aws", region="eu-central-1")')},
    )
    first = run_scan([tmp_path], jobs=1, date=DATE, use_cache=True)
    again = run_scan([tmp_path], jobs=1, date=DATE, use_cache=True)
    assert _vendor(again, "aws")["storage"] == _vendor(first, "aws")["storage"]
    assert _vendor(again, "aws")["storage"][0]["region"] == "eu-central-1"


def test_a_transfer_document_that_is_no_web_address_is_never_a_link(
    scan_tree: Scan, tmp_path: Path
) -> None:
    """ropa.yaml may come with a pull request: its text reaches the notice only as text."""
    outcome = scan_tree(
        {
            "ropa.yaml": _offshore("[sccs]", ', transfer_document: "javascript:alert(1)"'),
            "app.py": _app("", processors='["acme"]'),
        }
    )
    docs = _documents(outcome, tmp_path)
    assert "javascript:" not in docs["privacy-notice.html"]
    assert "javascript:" not in docs["privacy-notice.md"]
    assert "ask us for a copy" in docs["privacy-notice.html"]
    assert 'href="javascript' not in docs["ropa.html"]
    assert "Transfer document: javascript:alert(1)" in _text(docs["ropa.html"])


def test_a_registry_default_region_must_be_one_of_the_vendors_places() -> None:
    registry = {**load_registry()}
    registry["aws"] = replace(registry["aws"], region="westeurope")
    text = (REPO / "ropa" / "data" / "regions.yaml").read_text("utf-8")
    with pytest.raises(ConfigError) as error:
        parse_regions(load_yaml(text, "regions.yaml"), "regions.yaml", registry, load_countries())
    assert error.value.problems == [
        "vendors.yaml: aws.region: 'westeurope' is a region of Microsoft Azure, not of 'aws'"
    ]
