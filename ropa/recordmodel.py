"""The record (``ropa.json``) as frozen pydantic models, from which its JSON Schema is generated.

Run ``python -m ropa.recordmodel`` to write ``ropa/data/ropa.schema.json`` after changing a model;
a golden test keeps the shipped schema equal to the generated one, so every change to the record's
shape is a reviewed change to the schema users validate against.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    Strict,
    model_serializer,
)

#: Bumped when a record of the previous version no longer validates as is. Version 1 records
#: (any shape ropa wrote before roles, regions and accountability keys were complete) are
#: upgraded on load: see ``upgrade``.
SCHEMA_VERSION = 2
SCHEMA_PATH = Path(__file__).parent / "data" / "ropa.schema.json"

# JSON values as the standard types them: "1" is no number and 1 no text or truth value, which
# pydantic's lax mode would accept (lists still become tuples).
Text = Annotated[str, Strict()]
Flag = Annotated[bool, Strict()]
Line = Annotated[int, Strict(), Field(ge=0)]


def _iso_date(value: str) -> str:
    dt.date.fromisoformat(value)  # 2023-02-30 matches the pattern but is no date
    return value


Date = Annotated[
    str,
    Strict(),
    Field(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"}),
    AfterValidator(_iso_date),
]
Key = Annotated[str, Strict(), Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Country = Annotated[str, Strict(), Field(pattern=r"^[A-Z]{2}$")]
Texts = tuple[Text, ...]

Role = Literal["controller", "processor"]
ActivityRole = Literal["controller", "processor", "joint_controller"]
LegalBasis = Literal[
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
]
#: Transfer mechanisms (DESIGN §9), the one list of them: ``registry.SAFEGUARDS`` and the
#: labels in ``wording`` follow it (a test holds the labels to it). In the order one is relied
#: on when a vendor offers several: adequacy (Art. 45, with the DPF for the United States)
#: first, then the Art. 46/47 instruments, the UK's own tools, and the Art. 49 derogations
#: last, as Art. 49 allows them only where nothing else applies.
Mechanism = Literal[
    "adequacy",
    "dpf",
    "sccs",
    "bcrs",
    "public_authority_instrument",
    "code_of_conduct",
    "certification",
    "ad_hoc_clauses",
    "administrative_arrangement",
    "uk_idta",
    "uk_addendum",
    "derogation_consent",
    "derogation_contract",
    "derogation_public_interest",
    "derogation_legal_claims",
    "derogation_vital_interests",
    "derogation_public_register",
    "derogation_compelling_interests",
]
Safeguard = Annotated[
    Mechanism | None,
    Field(
        description="A transfer mechanism (Art. 45-49 GDPR, and the UK's IDTA and Addendum), "
        "or null when none is declared."
    ),
]
Nature = Literal["storage", "access", "vendor", "controller"]
NATURE_HELP = (
    "storage: the data is kept in that country (a declared region); access: the vendor's "
    "head office there may reach data kept elsewhere; vendor: the vendor's own country (no "
    "region declared); controller: the controller itself is established there."
)


class _Model(BaseModel):
    # Unknown keys are refused: a record is ropa's own output, so a key ropa does not write is
    # a typo or an edit that would otherwise be carried silently into the documents.
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class _Block(_Model):
    """A block of ``ropa.yaml`` copied into the record: it holds only the keys declared."""

    @model_serializer(mode="wrap")
    def dump_declared(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if v is not None}


class Contact(_Block):
    """The controller, its DPO or its representative, as ``ropa.yaml`` declares them."""

    name: Text | None = None
    address: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    website: Text | None = None
    country: Country | None = None
    """Where the controller is established (ISO 3166-1 alpha-2)."""
    country_name: Text | None = None


class Authority(_Block):
    """The supervisory authority people may complain to (Art. 13(2)(d))."""

    name: Text | None = None
    url: Text | None = None
    address: Text | None = None


class Source(_Model):
    commit: Text | None
    """The git commit the scanned tree was at; null outside git."""
    dirty: Flag | None
    """Whether the tree had uncommitted changes; null outside git."""


class Generated(_Model):
    """Which tool, version, date and commit the record describes."""

    tool: Literal["ropa"]
    version: Text
    date: Date
    source: Source


class Client(_Model):
    key: Key
    name: Text | None
    contact: Text | None
    representative: Text | None
    dpo: Text | None


class JointController(_Model):
    key: Key
    name: Text
    contact: Text | None
    address: Text | None
    responsibilities: Text | None
    arrangement: Text | None
    """The essence of the arrangement, stated in the notice (Art. 26(2))."""
    activities: Texts


class Transfer(_Model):
    """Personal data leaving the EEA for one country, for one recipient."""

    vendor: Text | None
    """The vendor's key; null for the controller itself, established outside the EEA."""
    country: Country
    country_name: Text
    safeguard: Safeguard
    nature: Nature = Field(description=NATURE_HELP)
    region: Text | None
    city: Text | None


class RecordTransfer(Transfer):
    """A transfer of the whole record: the activities that make it, and the adequacy decision
    covering its country, if any."""

    adequacy_decision: Text | None
    activities: Texts


class ClientRecord(_Model):
    """The Art. 30(2) record of one client: only the activities done for it."""

    client: Text
    """The client's key in clients."""
    name: Text | None
    contact: Text | None
    representative: Text | None
    dpo: Text | None
    activities: Texts
    categories_of_processing: Texts
    """Art. 30(2)(b): the purposes of the activities done for the client."""
    data_categories: Texts
    data_subjects: Texts
    sub_processors: Texts
    """Vendor keys the client's activities use."""
    transfers: tuple[Transfer, ...]
    security_measures: Texts


class CodeLocation(_Model):
    path: Text
    line: Line


class Retention(_Model):
    iso: Annotated[Text, Field(pattern=r"^P")] | None
    """The period as an ISO 8601 duration; null for a criterion ("until the account is closed")."""
    text: Text


class EvidenceStep(_Model):
    path: Text
    line: Line
    what: Text


class Evidence(_Model):
    """A code path that carries personal data to a recipient."""

    data: Text
    sink: Text
    call: Text
    steps: tuple[EvidenceStep, ...]


EVIDENCE_HELP = (
    "Code paths that carry personal data to a recipient (ropa scan follows them; absent with "
    "--no-evidence)."
)


ELSEWHERE_HELP = (
    "Other places personal data leaves the program: code paths to HTTP requests, files and "
    "message queues (ropa scan follows them; absent when there are none)."
)


class _WithEvidence(_Model):
    """An item that ``ropa scan`` gives ``evidence[]``, absent when built with --no-evidence."""

    evidence: tuple[Evidence, ...] | None = Field(default=None, description=EVIDENCE_HELP)

    @model_serializer(mode="wrap")
    def dump_evidence(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("evidence", ()) is None:
            del data["evidence"]
        return data


class Activity(_WithEvidence):
    """One processing activity (Art. 30(1)(b)-(g)), merged from every declaration of its name."""

    id: Annotated[Text, Field(pattern=r"^[a-z0-9-]+$")]
    name: Text
    purpose: Text | None
    uses: Texts
    legal_basis: LegalBasis | None
    legitimate_interest: Text | None
    special_category_basis: Text | None
    data_categories: Texts
    data_subjects: Texts
    processors: Texts
    recipients: Texts
    transfers: tuple[Transfer, ...]
    retention: Retention | None
    source: Text
    """Where the data comes from: data_subject, third_party or public (Art. 14(2)(f)); client
    for work done as processor, whose data the client gives us."""
    automated_decision: Text | None
    profiling: Flag
    requirement: Text | None
    notice: Flag
    role: ActivityRole
    on_behalf_of: Texts
    """Processor activities: the keys of the clients they are done for."""
    joint_controllers: Texts
    """Joint controller activities: keys of joint_controllers."""
    locations: tuple[CodeLocation, ...]
    special_category_law: Text | None
    description: Text | None
    owner: Text | None
    lia: Text | None
    dpia: Text | None
    consent_record: Text | None
    withdrawal: Text | None
    automated_decision_exception: Text | None
    automated_decision_effects: Text | None
    retention_policy: Text | None


class InventoryField(_Model):
    """One field of a data model that holds personal data."""

    model: Text
    field: Text
    categories: Texts
    subjects: Texts
    retention: Retention | None
    source: Text
    location: CodeLocation


class Storage(_Model):
    """A place where a vendor keeps the data (a declared region)."""

    region: Text
    country: Country
    country_name: Text
    city: Text | None


class Vendor(_WithEvidence):
    """A recipient: the registry's entry (or ``ropa.yaml``'s) and what the record adds."""

    key: Key
    name: Text
    location: Text
    """The company's head office, as text (not a code location)."""
    country: Country
    country_name: Text
    services: Text
    kind: Text
    role: ActivityRole
    privacy_policy: Text
    dpa: Text | None
    safeguards: tuple[Mechanism, ...]
    sdk: Flag
    imports: Texts
    packages: Texts
    source: Text | None
    purposes: Texts
    safeguard: Safeguard
    data_categories: Texts
    activities: Texts
    locations: tuple[CodeLocation, ...]
    region: Text | None
    transfer_document: Text | None
    storage: tuple[Storage, ...]


class Ccpa(_Model):
    sells: Flag
    shares: Flag


class Notice(_Model):
    effective_date: Date | None
    children_min_age: Annotated[int, Strict(), Field(ge=0, le=130)] | None
    contact_url: Text | None
    changes: Text | None
    ccpa: Ccpa


class Term(_Model):
    label: Text
    description: Text


class CategoryTerm(Term):
    special: Literal["art9", "art10"] | None
    ccpa: tuple[Annotated[Text, Field(pattern=r"^[A-L]$")], ...]
    ccpa_sensitive: Flag


class CcpaCategory(_Model):
    name: Text
    description: Text


class Vocabulary(_Model):
    """Labels of every key the record uses, so documents render from the record alone."""

    categories: dict[Text, CategoryTerm]
    subjects: dict[Text, Term]
    uses: dict[Text, Term]
    ccpa_categories: dict[Text, CcpaCategory]


class Gap(_Model):
    """An item the documents mark as a missing declaration."""

    id: Text
    """Stable id; the documents' markers carry it as data-gap."""
    item: Text
    activity: Text | None
    vendor: Text | None
    message: Text
    where: Text
    code: Annotated[Text, Field(pattern=r"^ROPA\d{3}$")]
    """The diagnostic that reports this gap."""
    level: Literal["error", "warning", "info"]


with warnings.catch_warnings():
    # ``register`` is the key ropa.yaml uses; that it also names ABCMeta.register on the
    # class does not matter to instances, whose field it is.
    warnings.filterwarnings("ignore", message='Field name "register"')

    class Breach(_Block):
        """Where the Art. 33 breach procedure and the register of breaches are kept."""

        procedure: Text | None = None
        register: Text | None = None


class Review(_Block):
    date: Date | None = None
    by: Text | None = None


class DpoRequirement(_Model):
    """``dpo: {required: false, reason: ...}``: Art. 37 asks for no DPO."""

    required: Literal[False]
    reason: Text | None


class RecordBody(_Model):
    """Everything of a record that the builder makes from a scan (all but its provenance)."""

    schema_version: Literal[2]
    controller: Contact
    dpo: Contact | None
    representative: Contact | None
    supervisory_authority: Authority | None
    role: Role
    clients: tuple[Client, ...]
    """The controllers we process personal data for (Art. 30(2)(a)); activities name them by
    key in on_behalf_of."""
    joint_controllers: tuple[JointController, ...]
    """Organisations that decide some processing together with the controller (Art. 26)."""
    processing_for_clients: tuple[ClientRecord, ...]
    """The Art. 30(2) record of each client: only the activities done for it, with their
    sub-processors and transfers."""
    jurisdictions: tuple[Literal["gdpr", "ccpa"], ...]
    activities: tuple[Activity, ...]
    data_inventory: tuple[InventoryField, ...]
    vendors: tuple[Vendor, ...]
    transfers: tuple[RecordTransfer, ...]
    security_measures: Texts
    notice: Notice
    vocabulary: Vocabulary
    gaps: tuple[Gap, ...]
    breach: Breach | None
    review: Review | None
    privacy_policy_url: Text | None
    dpo_requirement: DpoRequirement | None
    evidence: tuple[Evidence, ...] | None = Field(default=None, description=ELSEWHERE_HELP)

    @model_serializer(mode="wrap")
    def dump_evidence(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # HTTP requests, files and queues are not recipients by themselves, so no activity or
        # vendor holds these paths. Absent rather than empty: a record with no such path reads
        # as it did before the key existed.
        data: dict[str, Any] = handler(self)
        if not data.get("evidence"):
            data.pop("evidence", None)
        return data

    def as_json(self) -> dict[str, Any]:
        """The record as ``ropa.json`` holds it (lists, null, only declared contact keys)."""
        return self.model_dump(mode="json")


class Record(RecordBody):
    """The one record every ropa document is rendered from (ropa.json)."""

    model_config = ConfigDict(title="ropa record of processing activities")

    generated: Generated


def record_schema() -> dict[str, Any]:
    """The JSON Schema of ``ropa.json``, as ``ropa/data/ropa.schema.json`` ships it."""
    schema = Record.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "ropa.schema.json",
        **schema,
    }


def schema_text() -> str:
    """The shipped schema file's text: sorted keys, two-space indent, final newline."""
    return json.dumps(record_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ropa.recordmodel [--check]``: write the schema, or fail if it is stale."""
    args = list(sys.argv[1:] if argv is None else argv)
    text = schema_text()
    if args == ["--check"]:
        current = SCHEMA_PATH.read_text("utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(f"{SCHEMA_PATH.name} is stale: run 'python -m ropa.recordmodel'", file=sys.stderr)
            return 1
        return 0
    if args:
        print("usage: python -m ropa.recordmodel [--check]", file=sys.stderr)
        return 2
    SCHEMA_PATH.write_text(text, "utf-8")
    print(f"wrote {SCHEMA_PATH.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
