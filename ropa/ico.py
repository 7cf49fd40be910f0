"""The UK ICO documentation templates as rows of text: what the CSV and the spreadsheet share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ropa.recordmodel import (
    Activity,
    ClientRecord,
    Gap,
    Record,
    Term,
    Transfer,
    Vendor,
)
from ropa.wording import (
    LEGAL_BASIS_LABELS,
    RIGHT_LABELS,
    RIGHTS_BY_BASIS,
    ROLE_LABELS,
    SAFEGUARD_LABELS,
    SOURCE_LABELS,
    SPECIAL_BASIS_LABELS,
    place_text,
)

#: The column headings of the ICO's "Documentation template for controllers" (sheet
#: "Template", columns A to AD), in its order and its words.
CONTROLLER_COLUMNS = (
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are "
    "transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or "
    "international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 condition for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "Link to record of legitimate interests assessment (if applicable)",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "The source of the personal data (if applicable)",
    "Link to record of consent",
    "Location of personal data",
    "Data Protection Impact Assessment required?",
    "Data Protection Impact Assessment progress",
    "Link to Data Protection Impact Assessment",
    "Has a personal data breach occurred?",
    "Link to record of personal data breach",
    "Data Protection Act 2018 Schedule 1 Condition for processing",
    "GDPR Article 6 lawful basis for processing",
    "Link to retention and erasure policy document",
    "Is personal data retained and erased in accordance with the policy document?",
    "Reasons for not adhering to policy document (if applicable)",
)
#: What the CNIL and DPC templates ask beyond the ICO's columns, after them so that the
#: template's own columns keep their places.
EXTRA_COLUMNS = (
    "Activity description",
    "Role for this activity",
    "Privacy policy",
    "Personal data breach procedure",
    "Last reviewed (date, by)",
    "Declared in code",
)
COLUMNS = CONTROLLER_COLUMNS + EXTRA_COLUMNS
#: The template's columns that Art. 30(1) GDPR or Schedule 1 DPA 2018 require (its green
#: headings); the others are optional (blue).
REQUIRED_COLUMNS = frozenset(CONTROLLER_COLUMNS[i] for i in (1, 2, 3, 4, 5, 7, 8, 9, 10)) | {
    *CONTROLLER_COLUMNS[25:30]
}

#: The processor template's columns: Art. 30(2)(a)-(d), one row per activity per client.
PROCESSOR_COLUMNS = (
    "Name and contact details of controller",
    "Name and contact details of controller's representative (if applicable)",
    "Name and contact details of controller's data protection officer (if applicable)",
    "Categories of processing",
    "Names of third countries or international organisations that personal data are "
    "transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or "
    "international organisations (if applicable)",
    "General description of technical and organisational security measures (if possible)",
    "Categories of individuals",
    "Categories of personal data",
    "Sub-processors",
    "Declared in code",
)

#: The contact block above each template's table (Art. 30(1)(a) and 30(2)(a)).
CONTACT_COLUMNS = ("", "Name", "Address", "Email", "Telephone")
GAP_COLUMNS = ("Code", "Level", "Item", "Activity", "Vendor", "What is missing", "Declare it in")

MISSING = "Missing declaration: "
NOT_DECLARED = "Not declared"

# Art. 10 conditions that DESIGN §9 adds to the Art. 9(2) keys.
_CONDITION_LABELS = {
    "official_authority": "Under the control of official authority (Art. 10)",
    "authorised_by_law": "Authorised by Union or Member State law (Art. 10)",
    **SPECIAL_BASIS_LABELS,
}
_EXCEPTION_LABELS = {
    "contract": "necessary for a contract (Art. 22(2)(a))",
    "law": "authorised by law (Art. 22(2)(b))",
    "explicit_consent": "explicit consent (Art. 22(2)(c))",
}
_DPIA_WORDS = ("not_required", "required", "in_progress")


def controller_activities(record: Record) -> list[Activity]:
    """The activities of the controller template: everything not done for a client."""
    return [a for a in record.activities if a.role != "processor"]


def _gaps(
    record: Record, item: str, activity: str | None = None, vendor: str | None = None
) -> list[Gap]:
    """The record's gaps of ``item``; a scope left out (None) matches any. A cell shows the
    "Missing declaration" marker only for these, so only for what the scan reported."""
    return [
        g
        for g in record.gaps
        if g.item == item
        and (activity is None or g.activity == activity)
        and (vendor is None or g.vendor == vendor)
    ]


def contact_rows(record: Record, first: str = "Controller") -> list[list[str]]:
    """The template's block above the table: us, our DPO, our representative."""
    rows = []
    blocks = (
        (first, record.controller, "art30_1_a_controller", "controller"),
        ("Data Protection Officer", record.dpo, "art30_1_a_dpo", "DPO"),
        ("Representative", record.representative, "art27_representative", "representative"),
    )
    for title, block, item, what in blocks:
        named = block is not None and block.name
        if what == "DPO" and not named and record.dpo_requirement is not None:
            # The record keeps "no DPO is required" beside the (absent) DPO block.
            reason = record.dpo_requirement.reason
            rows.append([title, "Not required" + (f": {reason}" if reason else ""), "", "", ""])
            continue
        if block is None or not block.name:
            missing = MISSING + what if _gaps(record, item) else NOT_DECLARED
            rows.append([title, missing, "", "", ""])
            continue
        # The country by its name, and only when the address does not already end with it.
        address = block.address or ""
        country = block.country_name or block.country or ""
        if country and not address.rstrip(". ").endswith(country):
            address = _join([address, country], ", ")
        rows.append([title, block.name, address, block.email or "", block.phone or ""])
    return rows


def controller_rows(record: Record, *, processor: bool = False) -> list[list[str]]:
    """One row per controller activity in the columns of ``COLUMNS``; with ``processor``
    also the activities done for clients, whose basis cells say it is not ours to state."""
    chosen = record.activities if processor else controller_activities(record)
    return [_Row(record, a).cells() for a in chosen]


def processor_rows(record: Record) -> list[list[str]]:
    """One row per client and activity done for it, in the columns of ``PROCESSOR_COLUMNS``.

    The rows follow the record's Art. 30(2) part of each client (``processing_for_clients``):
    only the activities that name the client in ``on_behalf_of``, as the record HTML shows
    them. A processor activity that names no client is a ROPA117 error and a gap, never a
    row of every client's record.
    """
    by_name = {a.name: a for a in record.activities}
    return [
        _Row(record, by_name[name]).processor_cells(part)
        for part in record.processing_for_clients
        for name in part.activities
        if name in by_name
    ]


def gap_rows(record: Record) -> list[list[str]]:
    return [
        [g.code, g.level, g.item, g.activity or "", g.vendor or "", g.message, g.where]
        for g in record.gaps
    ]


def _join(items: Iterable[str], sep: str = "; ") -> str:
    return sep.join(i for i in items if i)


def _where(v: Vendor) -> str:
    """Where a recipient keeps the data, then its head office; just the head office if unknown."""
    stored = [place_text(p) for p in v.storage] or ([v.region] if v.region else [])
    return f"{'; '.join(stored)}; head office {v.location}" if stored else v.location


def _label(terms: Mapping[str, Term], key: str) -> str:
    term = terms.get(key)
    return term.label if term is not None and term.label else key


class _Row:
    """The cells of one activity; each method answers one template question."""

    def __init__(self, record: Record, activity: Activity) -> None:
        self.record = record
        self.a = activity
        self.vocab = record.vocabulary
        self.vendors = {v.key: v for v in record.vendors}
        self.used = [self.vendors[k] for k in activity.processors if k in self.vendors]
        self.unknown = [k for k in activity.processors if k not in self.vendors]
        self.flags = {
            c: (term.special if (term := self.vocab.categories.get(c)) else None)
            for c in activity.data_categories
        }
        self.basis = activity.legal_basis
        self.condition = activity.special_category_basis
        self.law = activity.special_category_law
        # Work done for clients: its basis, rights and conditions are the client's (Art. 28).
        self.processor = activity.role == "processor"

    def missing(
        self, what: str, item: str, vendor: str | None = None, project: bool = False
    ) -> str:
        """The marker only for a gap the record lists (so the scan reported it)."""
        found = _gaps(self.record, item, None if project else self.a.name, vendor)
        return MISSING + what if found else NOT_DECLARED

    def cells(self) -> list[str]:
        a = self.a
        special = any(self.flags.values())
        breach = self.record.breach
        return [
            a.owner or "",
            self.purpose(),
            self.joint_controllers(),
            self.subjects(),
            self.categories(),
            self.recipients(),
            self.contracts(),
            self.countries(),
            self.safeguards(),
            self.retention(),
            self.security(),
            self.lawful_basis(),
            self.article9(),
            self.interests(),
            self.lia(),
            self.rights(),
            self.automated(),
            self.source(),
            self.consent_record(),
            self.location(),
            *self.dpia(),
            *self.breach(),
            (self.law or NOT_DECLARED) if special and not self.processor else "",
            self.lawful_basis() if special and not self.processor else "",
            a.retention_policy or "",
            self.adherence(),
            "",
            a.description or "",
            self.role(),
            self.record.privacy_policy_url or "",
            (breach.procedure if breach else None) or "",
            self.review(),
            self.declared(),
        ]

    def role(self) -> str:
        if self.processor:
            return "Processor" + (f" for {self.clients()}" if self.clients() else "")
        if self.a.role == "joint_controller":
            return ROLE_LABELS["joint_controller"]
        return "Controller"

    def clients(self) -> str:
        """The clients a processor activity is done for, by name."""
        names = {c.key: c.name or c.key for c in self.record.clients}
        return ", ".join(names.get(k, k) for k in self.a.on_behalf_of)

    def processor_cells(self, client: ClientRecord) -> list[str]:
        return [
            _join([client.name or "", client.contact or ""], ", "),
            client.representative or "",
            client.dpo or "",
            _join([self.purpose(), self.a.description or ""], " ").strip(),
            self.countries(),
            self.safeguards(),
            self.security(),
            self.subjects(),
            self.categories(),
            _join(f"{v.name} ({_where(v)})" for v in self.used),
            self.declared(),
        ]

    def purpose(self) -> str:
        a = self.a
        if a.purpose:
            return f"{a.name}: {a.purpose}"
        return f"{a.name}: " + self.missing("purpose", "art30_1_b_purpose")

    def joint_controllers(self) -> str:
        known = {j.key: j for j in self.record.joint_controllers}
        declared = []
        for key in self.a.joint_controllers:
            jc = known.get(key)
            if jc is None:
                declared.append(key)
                continue
            # Who they are, how to reach them, and what each of us does (Art. 26(1)).
            contact = ", ".join(x for x in (jc.contact, jc.address) if x)
            text = (jc.name or key) + (f" ({contact})" if contact else "")
            if jc.responsibilities:
                text += f": {jc.responsibilities}"
            if jc.arrangement:
                text += f" (arrangement: {jc.arrangement})"
            declared.append(text)
        vendors = [
            f"{v.name}, {v.location} ({v.privacy_policy})"
            for v in self.used
            if v.role == "joint_controller"
        ]
        return _join(declared + vendors)

    def subjects(self) -> str:
        labels = sorted(_label(self.vocab.subjects, s) for s in self.a.data_subjects)
        return _join(labels) or self.missing("categories of individuals", "art30_1_c_subjects")

    def categories(self) -> str:
        marks = {"art9": " (special category)", "art10": " (criminal offence data)"}
        return _join(
            sorted(
                _label(self.vocab.categories, c) + marks.get(self.flags.get(c) or "", "")
                for c in self.a.data_categories
            )
        ) or self.missing("categories of personal data", "art30_1_c_categories")

    def recipients(self) -> str:
        return _join(
            [f"{v.name} ({v.services}; {ROLE_LABELS.get(v.role, v.role)})" for v in self.used]
            + [
                f"{k} ({self.missing('vendor not in the registry', 'art30_1_d_recipients', k)})"
                for k in self.unknown
            ]
            + list(self.a.recipients)
        )

    def contracts(self) -> str:
        return _join(
            f"{v.name}: "
            + (v.dpa or self.missing("data processing agreement", "art28_3_dpa", v.key, True))
            for v in self.used
            if v.role == "processor"
        )

    def _recipient(self, transfer: Transfer) -> str:
        """Who a transfer goes to: the vendor, or the controller itself when it is outside."""
        key = transfer.vendor
        if key is None:
            return self.record.controller.name or "the controller"
        return self.vendors[key].name if key in self.vendors else key

    def countries(self) -> str:
        return _join(
            f"{self._country(t)} ({self._recipient(t)}"
            + (", possible access" if t.nature == "access" else "")
            + ")"
            for t in self.a.transfers
        )

    def _country(self, transfer: Transfer) -> str:
        if transfer.country_name:
            return transfer.country_name
        vendor = self.vendors.get(transfer.vendor or "")
        return vendor.country_name if vendor else transfer.country

    def safeguards(self) -> str:
        cells = []
        for t in self.a.transfers:
            vendor = self.vendors.get(t.vendor or "")
            if t.safeguard:
                text = SAFEGUARD_LABELS.get(t.safeguard, t.safeguard)
            elif t.vendor is None:
                text = "collected directly; the GDPR applies under Art. 3(2)"
            else:
                text = self.missing("transfer safeguard", "art30_1_e_transfers", t.vendor)
            document = vendor.transfer_document if vendor else None
            if document:
                text += f" ({document})"
            cells.append(f"{self._recipient(t)}: {text}")
        return _join(cells)

    def retention(self) -> str:
        retention = self.a.retention
        if retention:
            return retention.text
        if self.processor:
            return "As the client instructs (Art. 28(3)(g))"
        return self.missing("retention period", "art30_1_f_retention")

    def security(self) -> str:
        # One measure a line: measures often contain semicolons themselves.
        return "\n".join(self.record.security_measures) or self.missing(
            "security measures", "art30_1_g_security", project=True
        )

    def lawful_basis(self) -> str:
        if self.processor:
            clients = self.clients()
            return "Not applicable: processed as processor" + (f" for {clients}" if clients else "")
        if self.basis:
            return LEGAL_BASIS_LABELS.get(self.basis, self.basis)
        return self.missing("lawful basis", "art13_1_c_legal_basis")

    def article9(self) -> str:
        if self.condition:
            label = _CONDITION_LABELS.get(self.condition, self.condition)
            return f"{label}, under {self.law}" if self.law else label
        if any(self.flags.values()) and not self.processor:
            return self.missing("Art. 9(2) condition", "art9_condition")
        return ""

    def interests(self) -> str:
        if self.basis != "legitimate_interests":
            return ""
        return self.a.legitimate_interest or self.missing(
            "legitimate interest", "art13_1_d_legitimate_interest"
        )

    def lia(self) -> str:
        if self.basis != "legitimate_interests":
            return ""
        return self.a.lia or NOT_DECLARED

    def rights(self) -> str:
        if self.processor:
            return ""  # people use their rights with the client, the controller
        rights = [RIGHT_LABELS[r] for r in RIGHTS_BY_BASIS.get(self.basis or "", ())]
        if self.basis == "consent" and self.a.withdrawal:
            rights = [
                f"{r}: {self.a.withdrawal}" if r == RIGHT_LABELS["withdraw"] else r for r in rights
            ]
        if self.a.automated_decision:
            rights.append(RIGHT_LABELS["automated"])
        return _join(rights)

    def automated(self) -> str:
        a = self.a
        exception = a.automated_decision_exception
        effects = a.automated_decision_effects
        return (
            _join(
                [
                    a.automated_decision or "",
                    "Profiling" if a.profiling else "",
                    f"Exception: {_EXCEPTION_LABELS.get(exception, exception)}"
                    if exception
                    else "",
                    f"Significance and consequences: {effects}" if effects else "",
                ]
            )
            or "No"
        )

    def source(self) -> str:
        return SOURCE_LABELS.get(self.a.source, self.a.source)

    def consent_record(self) -> str:
        if self.basis != "consent" and self.condition != "explicit_consent":
            return ""
        return self.a.consent_record or NOT_DECLARED

    def location(self) -> str:
        return _join(f"{v.name} ({_where(v)})" for v in self.used)

    def dpia(self) -> tuple[str, str, str]:
        """Required?, progress, link: from ``dpia`` (a decision word or the DPIA's address)."""
        value = self.a.dpia
        if not value:
            return NOT_DECLARED, "", ""
        if value == "not_required":
            return "No", "Not applicable", ""
        if value == "required":
            return "Yes", "Not started", ""
        if value == "in_progress":
            return "Yes", "In progress", ""
        return "Yes", "Completed", value

    def breach(self) -> tuple[str, str]:
        register = self.record.breach.register if self.record.breach else None
        if not register:
            return NOT_DECLARED, NOT_DECLARED
        return "See the record of personal data breaches", register

    def adherence(self) -> str:
        policy = self.a.retention_policy
        retention = self.a.retention
        if not policy or not retention:
            return ""
        return f"The period declared is {retention.text}; erasure is not verified by ropa"

    def review(self) -> str:
        review = self.record.review
        if review is None:
            return ""
        return _join([review.date or "", review.by or ""], ", ")

    def declared(self) -> str:
        return ", ".join(f"{p.path}:{p.line}" for p in self.a.locations)
