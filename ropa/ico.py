"""The UK ICO documentation templates as rows of text: what the CSV and the spreadsheet share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ropa.render import (
    LEGAL_BASIS_LABELS,
    RIGHT_LABELS,
    RIGHTS_BY_BASIS,
    ROLE_LABELS,
    SAFEGUARD_LABELS,
    SOURCE_LABELS,
    SPECIAL_BASIS_LABELS,
    gap_lookup,
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


def activity_role(record: Mapping[str, Any], activity: Mapping[str, Any]) -> str:
    """``controller``, ``processor`` or ``joint_controller``: the project's role by default."""
    return str(activity.get("role") or record.get("role") or "controller")


def controller_activities(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The activities of the controller template: everything not done for a client."""
    return [a for a in record["activities"] if activity_role(record, a) != "processor"]


def contact_rows(record: Mapping[str, Any], first: str = "Controller") -> list[list[str]]:
    """The template's block above the table: us, our DPO, our representative."""
    gap = gap_lookup(record["gaps"])
    rows = []
    for title, key, item in (
        (first, "controller", "art30_1_a_controller"),
        ("Data Protection Officer", "dpo", "art30_1_a_dpo"),
        ("Representative", "representative", "art27_representative"),
    ):
        block = _mapping(record.get(key))
        if key == "dpo" and not block.get("name"):
            # The record keeps "no DPO is required" beside the (absent) DPO block.
            block = _mapping(record.get("dpo_requirement")) or block
        if block.get("required") is False:
            reason = block.get("reason")
            rows.append([title, "Not required" + (f": {reason}" if reason else ""), "", "", ""])
            continue
        if not block.get("name"):
            what = {"controller": "controller", "dpo": "DPO", "representative": "representative"}
            missing = MISSING + what[key] if gap(item, None) else NOT_DECLARED
            rows.append([title, missing, "", "", ""])
            continue
        # The country by its name, and only when the address does not already end with it.
        address = str(block.get("address") or "")
        country = str(block.get("country_name") or block.get("country") or "")
        if country and not address.rstrip(". ").endswith(country):
            address = _join([address, country], ", ")
        rows.append(
            [title, block["name"], address, block.get("email") or "", block.get("phone") or ""]
        )
    return rows


def controller_rows(record: Mapping[str, Any], *, processor: bool = False) -> list[list[str]]:
    """One row per controller activity in the columns of ``COLUMNS``; with ``processor``
    also the activities done for clients, whose basis cells say it is not ours to state."""
    chosen = record["activities"] if processor else controller_activities(record)
    return [_Row(record, a).cells() for a in chosen]


def processor_rows(record: Mapping[str, Any]) -> list[list[str]]:
    """One row per client and activity done for it, in the columns of ``PROCESSOR_COLUMNS``.

    A processor activity names its clients in ``on_behalf_of``; one without it (a project
    whose ``role`` is processor and says no more) is done for every client.
    """
    clients = [c for c in record.get("clients") or [] if isinstance(c, Mapping)]
    rows = []
    for client in clients:
        for a in record["activities"]:
            if activity_role(record, a) != "processor":
                continue
            for_whom = _strings(a.get("on_behalf_of"))
            if for_whom and not {client.get("key"), client.get("name")} & set(for_whom):
                continue
            rows.append(_Row(record, a).processor_cells(client))
    return rows


def gap_rows(record: Mapping[str, Any]) -> list[list[str]]:
    return [
        [
            str(g.get("code") or ""),
            str(g.get("level") or ""),
            str(g.get("item") or ""),
            str(g.get("activity") or ""),
            str(g.get("vendor") or ""),
            str(g.get("message") or ""),
            str(g.get("where") or ""),
        ]
        for g in record["gaps"]
    ]


def _join(items: Iterable[str], sep: str = "; ") -> str:
    return sep.join(i for i in items if i)


def _contact(value: Any) -> str:
    """A contact given as text or as a block of name, address, email, phone."""
    if isinstance(value, Mapping):
        keys = ("name", "contact", "address", "email", "phone")
        return _join((str(value.get(k) or "") for k in keys), ", ")
    return str(value or "")


def _strings(value: Any) -> list[str]:
    """The keys of a list of keys; anything else in a hand-edited record is no list."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _place(place: Mapping[str, Any]) -> str:
    """``Frankfurt, Germany (eu-central-1)``; a country given as the region is just named."""
    name = str(place.get("country_name") or place.get("country") or "")
    region = place.get("region")
    if not region or region == place.get("country"):
        return name
    city = place.get("city")
    where = f"{city}, {name}" if city and city != name else name
    return f"{where} ({region})"


def _by_key(value: Any) -> dict[str, Mapping[str, Any]]:
    """Joint controllers as a mapping from key, whether the record holds a dict or a list."""
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items() if isinstance(v, Mapping)}
    if isinstance(value, list):
        return {str(v.get("key")): v for v in value if isinstance(v, Mapping)}
    return {}


class _Row:
    """The cells of one activity; each method answers one template question."""

    def __init__(self, record: Mapping[str, Any], activity: Mapping[str, Any]) -> None:
        self.record = record
        self.a = activity
        self.vocab = record["vocabulary"]
        self.vendors = {v["key"]: v for v in record["vendors"]}
        self.used = [self.vendors[k] for k in activity["processors"] if k in self.vendors]
        self.unknown = [k for k in activity["processors"] if k not in self.vendors]
        self.gap: Callable[..., list[dict[str, Any]]] = gap_lookup(record["gaps"])
        self.flags = {
            c: (self.vocab["categories"].get(c) or {}).get("special")
            for c in activity["data_categories"]
        }
        self.basis = activity["legal_basis"]
        self.condition, self.law = self._special_basis()
        # Work done for clients: its basis, rights and conditions are the client's (Art. 28).
        self.processor = activity_role(record, activity) == "processor"

    def label(self, kind: str, key: str) -> str:
        return str((self.vocab[kind].get(key) or {}).get("label") or key)

    def missing(
        self, what: str, item: str, vendor: str | None = None, project: bool = False
    ) -> str:
        """The marker only for a gap the record lists (so the scan reported it)."""
        found = self.gap(item, None if project else self.a["name"], vendor)
        return MISSING + what if found else NOT_DECLARED

    def _special_basis(self) -> tuple[str | None, str | None]:
        """The condition and the law it rests on (``special_category_law``, or the dict form)."""
        value = self.a.get("special_category_basis")
        if isinstance(value, Mapping):
            return value.get("condition"), value.get("law")
        return value, self.a.get("special_category_law")

    def cells(self) -> list[str]:
        a = self.a
        special = any(self.flags.values())
        return [
            str(a.get("owner") or ""),
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
            SOURCE_LABELS.get(a["source"], a["source"]),
            self.consent_record(),
            self.location(),
            *self.dpia(),
            *self.breach(),
            (self.law or NOT_DECLARED) if special and not self.processor else "",
            self.lawful_basis() if special and not self.processor else "",
            str(a.get("retention_policy") or ""),
            self.adherence(),
            "",
            str(a.get("description") or ""),
            self.role(),
            str(self.record.get("privacy_policy_url") or ""),
            str(_mapping(self.record.get("breach")).get("procedure") or ""),
            self.review(),
            self.declared(),
        ]

    def role(self) -> str:
        if self.processor:
            return "Processor" + (f" for {self.clients()}" if self.clients() else "")
        if activity_role(self.record, self.a) == "joint_controller":
            return ROLE_LABELS["joint_controller"]
        return "Controller"

    def clients(self) -> str:
        """The clients a processor activity is done for, by name."""
        names = {
            c.get("key"): c.get("name") or c.get("key")
            for c in self.record.get("clients") or []
            if isinstance(c, Mapping)
        }
        return ", ".join(str(names.get(k, k)) for k in _strings(self.a.get("on_behalf_of")))

    def processor_cells(self, client: Mapping[str, Any]) -> list[str]:
        return [
            _join([str(client.get("name") or ""), _contact(client.get("contact"))], ", "),
            _contact(client.get("representative")),
            _contact(client.get("dpo")),
            _join([self.purpose(), str(self.a.get("description") or "")], " ").strip(),
            self.countries(),
            self.safeguards(),
            self.security(),
            self.subjects(),
            self.categories(),
            _join(f"{v['name']} ({v['location']})" for v in self.used),
            self.declared(),
        ]

    def purpose(self) -> str:
        a = self.a
        if a["purpose"]:
            return f"{a['name']}: {a['purpose']}"
        return f"{a['name']}: " + self.missing("purpose", "art30_1_b_purpose")

    def joint_controllers(self) -> str:
        known = _by_key(self.record.get("joint_controllers"))
        declared = []
        for key in _strings(self.a.get("joint_controllers")):
            jc = known.get(key)
            if jc is None:
                declared.append(str(key))
                continue
            # Who they are, how to reach them, and what each of us does (Art. 26(1)).
            contact = ", ".join(str(jc[k]) for k in ("contact", "address") if jc.get(k))
            text = str(jc.get("name") or key) + (f" ({contact})" if contact else "")
            if jc.get("responsibilities"):
                text += f": {jc['responsibilities']}"
            if jc.get("arrangement"):
                text += f" (arrangement: {jc['arrangement']})"
            declared.append(text)
        vendors = [
            f"{v['name']}, {v['location']} ({v['privacy_policy']})"
            for v in self.used
            if v["role"] == "joint_controller"
        ]
        return _join(declared + vendors)

    def subjects(self) -> str:
        return _join(sorted(self.label("subjects", s) for s in self.a["data_subjects"])) or (
            self.missing("categories of individuals", "art30_1_c_subjects")
        )

    def categories(self) -> str:
        marks = {"art9": " (special category)", "art10": " (criminal offence data)"}
        return _join(
            sorted(
                self.label("categories", c) + marks.get(self.flags.get(c) or "", "")
                for c in self.a["data_categories"]
            )
        ) or self.missing("categories of personal data", "art30_1_c_categories")

    def recipients(self) -> str:
        return _join(
            [
                f"{v['name']} ({v['services']}; {ROLE_LABELS.get(v['role'], v['role'])})"
                for v in self.used
            ]
            + [
                f"{k} ({self.missing('vendor not in the registry', 'art30_1_d_recipients', k)})"
                for k in self.unknown
            ]
            + list(self.a["recipients"])
        )

    def contracts(self) -> str:
        return _join(
            f"{v['name']}: "
            + (v["dpa"] or self.missing("data processing agreement", "art28_3_dpa", v["key"], True))
            for v in self.used
            if v["role"] == "processor"
        )

    def _recipient(self, transfer: Mapping[str, Any]) -> str:
        """Who a transfer goes to: the vendor, or the controller itself when it is outside."""
        key = transfer.get("vendor")
        if key is None:
            return str(self.record["controller"].get("name") or "the controller")
        return str(self.vendors[key]["name"]) if key in self.vendors else str(key)

    def countries(self) -> str:
        return _join(
            f"{self._country(t)} ({self._recipient(t)}"
            + (", possible access" if t.get("nature") == "access" else "")
            + ")"
            for t in self.a["transfers"]
        )

    def _country(self, transfer: Mapping[str, Any]) -> str:
        if transfer.get("country_name"):
            return str(transfer["country_name"])
        vendor = self.vendors.get(transfer.get("vendor") or "")
        return str(vendor["country_name"] if vendor else transfer["country"])

    def safeguards(self) -> str:
        cells = []
        for t in self.a["transfers"]:
            vendor = self.vendors.get(t.get("vendor") or "") or {}
            if t["safeguard"]:
                text = SAFEGUARD_LABELS.get(t["safeguard"], t["safeguard"])
            elif t.get("vendor") is None:
                text = "collected directly; the GDPR applies under Art. 3(2)"
            else:
                text = self.missing("transfer safeguard", "art30_1_e_transfers", t["vendor"])
            document = vendor.get("transfer_document") or t.get("transfer_document")
            if document:
                text += f" ({document})"
            cells.append(f"{self._recipient(t)}: {text}")
        return _join(cells)

    def retention(self) -> str:
        retention = self.a["retention"]
        if retention:
            return str(retention["text"])
        if self.processor:
            return "As the client instructs (Art. 28(3)(g))"
        return self.missing("retention period", "art30_1_f_retention")

    def security(self) -> str:
        # One measure a line: measures often contain semicolons themselves.
        return "\n".join(self.record["security_measures"]) or self.missing(
            "security measures", "art30_1_g_security", project=True
        )

    def lawful_basis(self) -> str:
        if self.processor:
            clients = self.clients()
            return "Not applicable: processed as processor" + (f" for {clients}" if clients else "")
        if self.basis:
            return LEGAL_BASIS_LABELS.get(self.basis, str(self.basis))
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
        return self.a["legitimate_interest"] or self.missing(
            "legitimate interest", "art13_1_d_legitimate_interest"
        )

    def lia(self) -> str:
        if self.basis != "legitimate_interests":
            return ""
        return str(self.a.get("lia") or NOT_DECLARED)

    def rights(self) -> str:
        if self.processor:
            return ""  # people use their rights with the client, the controller
        rights = [RIGHT_LABELS[r] for r in RIGHTS_BY_BASIS.get(self.basis or "", ())]
        if self.basis == "consent" and self.a.get("withdrawal"):
            rights = [
                f"{r}: {self.a['withdrawal']}" if r == RIGHT_LABELS["withdraw"] else r
                for r in rights
            ]
        if self.a["automated_decision"]:
            rights.append(RIGHT_LABELS["automated"])
        return _join(rights)

    def automated(self) -> str:
        a = self.a
        exception = a.get("automated_decision_exception")
        effects = a.get("automated_decision_effects")
        return (
            _join(
                [
                    a["automated_decision"] or "",
                    "Profiling" if a["profiling"] else "",
                    f"Exception: {_EXCEPTION_LABELS.get(exception, exception)}"
                    if exception
                    else "",
                    f"Significance and consequences: {effects}" if effects else "",
                ]
            )
            or "No"
        )

    def consent_record(self) -> str:
        if self.basis != "consent" and self.condition != "explicit_consent":
            return ""
        return str(self.a.get("consent_record") or NOT_DECLARED)

    def location(self) -> str:
        places = []
        for v in self.used:
            stored = [_place(p) for p in v.get("storage") or () if isinstance(p, Mapping)]
            if not stored and v.get("region"):
                stored = [str(v["region"])]
            places.append(
                f"{v['name']} ({'; '.join(stored)}; head office {v['location']})"
                if stored
                else f"{v['name']} ({v['location']})"
            )
        return _join(places)

    def dpia(self) -> tuple[str, str, str]:
        """Required?, progress, link: from ``dpia`` (a decision word or the DPIA's address)."""
        value = self.a.get("dpia")
        if not value:
            return NOT_DECLARED, "", ""
        if value == "not_required":
            return "No", "Not applicable", ""
        if value == "required":
            return "Yes", "Not started", ""
        if value == "in_progress":
            return "Yes", "In progress", ""
        return "Yes", "Completed", str(value)

    def breach(self) -> tuple[str, str]:
        register = _mapping(self.record.get("breach")).get("register")
        if not register:
            return NOT_DECLARED, NOT_DECLARED
        return "See the record of personal data breaches", str(register)

    def adherence(self) -> str:
        policy = self.a.get("retention_policy")
        retention = self.a["retention"]
        if not policy or not retention:
            return ""
        return f"The period declared is {retention['text']}; erasure is not verified by ropa"

    def review(self) -> str:
        review = _mapping(self.record.get("review"))
        return _join([str(review.get("date") or ""), str(review.get("by") or "")], ", ")

    def declared(self) -> str:
        return ", ".join(f"{p['path']}:{p['line']}" for p in self.a["locations"])
