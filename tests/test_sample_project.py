"""sample_project/ is the demo and the functional fixture: a clean, complete record."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from ropa.cli import main
from ropa.model import Level
from ropa.pipeline import Outcome, dump_record

from .conftest import SAMPLE

SCHEMA = json.loads((Path(__file__).parent.parent / "ropa/data/ropa.schema.json").read_text())


def test_sample_scan_has_no_warnings_or_errors(sample_outcome: Outcome) -> None:
    serious = [d for d in sample_outcome.diagnostics if d.level is not Level.INFO]
    assert serious == []


def test_sample_record_validates_against_the_shipped_schema(sample_outcome: Outcome) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(dump_record(sample_outcome.record)))


def test_sample_record_lists_the_shop(sample_outcome: Outcome) -> None:
    record = sample_outcome.record.as_json()
    names = {a["name"] for a in record["activities"]}
    assert {
        "Card payments",
        "Fraud screening",
        "Order confirmation",
        "Operational logging",
        "Web analytics",
        "Recruitment",
        "Hosting",
        "Content delivery",
    } <= names
    vendors = {v["key"] for v in record["vendors"]}
    assert {"stripe", "sendgrid", "logzio", "aws", "cloudflare", "google-analytics"} <= vendors
    fields = {(f["model"], f["field"]) for f in record["data_inventory"]}
    assert ("shop.models.Customer", "email") in fields
    assert ("shop.models.Customer", "phone") in fields
    fraud = next(a for a in record["activities"] if a["name"] == "Fraud screening")
    assert fraud["legal_basis"] == "legitimate_interests"
    assert fraud["legitimate_interest"]
    assert "stripe" in fraud["processors"]
    analytics = next(a for a in record["activities"] if a["name"] == "Web analytics")
    assert analytics["legal_basis"] == "consent"
    recruitment = next(a for a in record["activities"] if a["name"] == "Recruitment")
    assert recruitment["locations"][0]["path"] == "ropa.yaml"
    logzio = next(t for t in record["transfers"] if t["vendor"] == "logzio")
    assert (logzio["country"], logzio["safeguard"]) == ("IL", "adequacy")
    assert record["gaps"] == []


def test_sample_is_a_mixed_controller_and_processor_business(sample_outcome: Outcome) -> None:
    record = sample_outcome.record.as_json()
    roles = {a["name"]: a["role"] for a in record["activities"] if a["role"] != "controller"}
    assert roles == {
        "Avalanche safety courses": "joint_controller",
        "Partner customer service": "processor",
        "Partner shop orders": "processor",
    }
    parts = {p["client"]: p for p in record["processing_for_clients"]}
    assert parts["nordwand"]["activities"] == ["Partner customer service", "Partner shop orders"]
    assert parts["fjellgear"]["activities"] == ["Partner shop orders"]
    assert "zendesk" in parts["nordwand"]["sub_processors"]
    assert "zendesk" not in parts["fjellgear"]["sub_processors"]
    (school,) = record["joint_controllers"]
    assert school["activities"] == ["Avalanche safety courses"] and school["arrangement"]


def test_every_marker_form_is_used_by_the_sample() -> None:
    text = "\n".join(p.read_text() for p in SAMPLE.rglob("*.py"))
    for form in (
        "@personal_data(",
        "@processing(",
        "@processor(",
        "@ropa.processing(",
        "import processing as ",
        "# ropa: personal_data(",
        "# ropa: processing(",
        "# ropa: processor(",
        "# ropa: ignore[",
    ):
        assert form in text, form


def test_cli_scan_writes_a_byte_identical_record_twice(tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for name in ("a.json", "b.json"):
        result = runner.invoke(
            main, ["scan", str(SAMPLE), "--output", str(tmp_path / name), "--date", "2026-01-15"]
        )
        assert result.exit_code == 0, result.output
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    assert b'"date": "2026-01-15"' in outputs[0]
