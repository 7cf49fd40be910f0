"""The typed record: the shipped schema is generated from it, every record built validates with
it, and records saved by an earlier ropa (schema_version 1) are upgraded on load."""

from __future__ import annotations

import json
import typing
from collections.abc import Callable, Mapping
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from ropa.cli import main
from ropa.diff import diff_records
from ropa.pipeline import Outcome, dump_record, run_scan
from ropa.recordio import load_record
from ropa.recordmodel import (
    SCHEMA_PATH,
    SCHEMA_VERSION,
    LegalBasis,
    Mechanism,
    Record,
    schema_text,
)
from ropa.recordmodel import (
    main as schema_main,
)
from ropa.registry import SAFEGUARDS
from ropa.taxonomy import LEGAL_BASES
from ropa.wording import SAFEGUARD_COPY, SAFEGUARD_LABELS, SAFEGUARD_PLAIN

from .conftest import DATE, REPO, SAMPLE

FIXTURES = REPO / "tests" / "fixtures"
OLD = REPO / "tests" / "data" / "records"
#: Written by ropa at commit e4f26e7, before per-activity roles, clients and regions.
BEFORE_ROLES = OLD / "v1-before-roles.json"
#: Written by ropa at commit 511f5d4, the last to write schema_version 1.
LAST_V1 = OLD / "v1-last.json"


def test_the_shipped_schema_is_the_one_generated_from_the_model() -> None:
    """A change to the model is a reviewed change to ropa.schema.json: regenerate it with
    ``python -m ropa.recordmodel`` and commit both."""
    assert SCHEMA_PATH.read_text("utf-8") == schema_text()
    assert schema_main(["--check"]) == 0


def test_the_schema_describes_the_record() -> None:
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    assert schema["properties"]["schema_version"]["const"] == 2
    # Attribute docstrings are the schema's descriptions.
    clients = schema["$defs"]["ClientRecord"]["properties"]["client"]
    assert clients["description"] == "The client's key in clients."
    assert schema["$defs"]["Activity"]["additionalProperties"] is False


def test_the_model_knows_every_legal_basis_and_safeguard() -> None:
    assert typing.get_args(LegalBasis) == LEGAL_BASES
    assert typing.get_args(Mechanism) == ("adequacy", *SAFEGUARDS)


def test_every_safeguard_has_its_label_and_notice_wording() -> None:
    """A mechanism added to the model without its wording fails here, not in a document."""
    mechanisms = set(typing.get_args(Mechanism))
    assert set(SAFEGUARD_LABELS) == mechanisms
    # Adequacy and the DPF have sentences of their own, with the decision's date.
    assert set(SAFEGUARD_PLAIN) == mechanisms - {"adequacy", "dpf"}
    # Art. 13(1)(f): the notice says how to get a copy of every safeguard but an adequacy
    # decision and the derogations of Art. 49(1) first subparagraph (its second one, the
    # compelling interests, is documented and so has a copy).
    assert {
        "sccs",
        "bcrs",
        "public_authority_instrument",
        "code_of_conduct",
        "certification",
        "ad_hoc_clauses",
        "administrative_arrangement",
        "uk_idta",
        "uk_addendum",
        "derogation_compelling_interests",
    } == SAFEGUARD_COPY


@pytest.mark.parametrize("evidence", [True, False], ids=["evidence", "no-evidence"])
@pytest.mark.parametrize("fixture", ["sample", "broken", "complete", "saas", "flows"])
def test_every_fixture_record_validates_with_the_model_and_the_schema(
    fixture: str, evidence: bool
) -> None:
    root = SAMPLE if fixture == "sample" else FIXTURES / fixture
    outcome = run_scan([root], jobs=1, date=DATE, use_cache=False, evidence=evidence)
    text = dump_record(outcome.record)
    data = json.loads(text)
    validator = jsonschema.Draft202012Validator(
        json.loads(SCHEMA_PATH.read_text("utf-8")),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    validator.validate(data)
    record = Record.model_validate(data)
    # The model's JSON form is the record, byte for byte.
    assert dump_record(record.as_json()) == text
    assert record.schema_version == SCHEMA_VERSION
    if not evidence:
        assert '"evidence"' not in text  # absent, not null, with --no-evidence


def test_the_record_is_frozen() -> None:
    record = load_record(LAST_V1)
    with pytest.raises(ValidationError):
        record.activities[0].name = "Other"  # type: ignore[misc]


def test_a_record_of_version_1_is_upgraded_and_means_the_same(tmp_path: Path) -> None:
    """The last version 1 record, saved again as version 2, is no change in substance."""
    old = load_record(LAST_V1)
    assert old.schema_version == 2
    resaved = tmp_path / "v2.json"
    resaved.write_text(dump_record(old.as_json()), "utf-8")
    assert diff_records(old, load_record(resaved)) == []
    result = CliRunner().invoke(main, ["diff", str(LAST_V1), str(resaved)])
    assert (result.exit_code, result.output) == (0, "no changes in substance\n")


def test_a_baseline_saved_before_roles_still_works_with_the_drift_gate(tmp_path: Path) -> None:
    """Before this release such a baseline was refused ('role' is a required property...),
    so the gate of every project that saved one broke with the upgrade."""
    old = load_record(BEFORE_ROLES)
    assert {a.role for a in old.activities} == {"controller"}
    assert all(v.storage == () and v.region is None for v in old.vendors)
    result = CliRunner().invoke(main, ["diff", str(BEFORE_ROLES), str(LAST_V1)])
    assert result.exit_code == 1, result.output  # changes found: exit 1, as documented
    lines = result.output.splitlines()
    # What the project really changed since then is reported...
    assert "+ activity 'Partner shop orders' added" in lines
    assert "~ vendor 'aws': region changed from none to 'eu-central-1'" in lines
    # ...and what the older ropa left out is no change of its own.
    assert not [line for line in lines if ": role changed" in line or "on_behalf_of" in line]
    assert not [line for line in lines if "schema_version" in line]
    gate = CliRunner().invoke(
        main, ["scan", str(SAMPLE), "--baseline", str(BEFORE_ROLES), "-q", "--no-cache"]
    )
    assert gate.exit_code == 1 and "ROPA301" in gate.output, gate.output


def test_another_schema_version_is_refused(tmp_path: Path) -> None:
    data = json.loads(LAST_V1.read_text("utf-8"))
    for version in (3, 0, True, "2"):
        data["schema_version"] = version
        path = tmp_path / "ropa.json"
        path.write_text(json.dumps(data), "utf-8")
        result = CliRunner().invoke(main, ["diff", str(path), str(path)])
        assert result.exit_code == 2
        assert "is not 2 (or 1), which this ropa reads" in result.output


def test_a_record_with_an_invalid_legal_basis_reads_back(
    scan_tree: Callable[[Mapping[str, str | bytes]], Outcome], tmp_path: Path
) -> None:
    """ROPA105 reports legal_basis="lawful"; the record holds no such basis (it held it before,
    and then `ropa render` refused the record `ropa scan` had just written)."""
    outcome = scan_tree(
        {
            "app.py": "# ropa: processing('Orders', purpose='Selling', legal_basis='lawful',"
            " data=['user.contact.email'], subjects=['customer'], retention='P1Y')\n"
            "def orders(): ...\n"
        }
    )
    assert "ROPA105" in [d.code for d in outcome.diagnostics]
    (activity,) = outcome.record.as_json()["activities"]
    assert activity["legal_basis"] is None
    assert [g["item"] for g in outcome.record.as_json()["gaps"] if g["code"] == "ROPA105"] == [
        "art13_1_c_legal_basis"
    ]
    saved = tmp_path / "ropa.json"
    saved.write_text(dump_record(outcome.record), "utf-8")
    assert load_record(saved).activities[0].legal_basis is None
