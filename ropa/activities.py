"""Activities of the record: declarations merged by name, checked, and linked to processors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ropa import roles
from ropa.checks import diag
from ropa.inventory import Checker
from ropa.model import (
    ACCOUNTABILITY_KEYS,
    ACTIVITY_LISTS,
    ACTIVITY_SCALARS,
    ActivityDecl,
    Diagnostic,
    Level,
    Location,
    ProcessorDecl,
)
from ropa.recordmodel import Activity
from ropa.roles import Reporter
from ropa.taxonomy import (
    ADM_EXCEPTIONS,
    ART10_CONDITIONS,
    DPIA_DECISIONS,
    LEGAL_BASES,
    SPECIAL_CATEGORY_BASES,
    Taxonomy,
    suggest,
)
from ropa.transfers import Places, code_locations

if TYPE_CHECKING:
    from ropa.record import Project


@dataclass(slots=True)
class Merged:
    """The declarations of one activity name, merged."""

    name: str
    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, Location] = field(default_factory=dict)
    lists: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in ACTIVITY_LISTS})
    locations: list[Location] = field(default_factory=list)
    unread: dict[str, Location] = field(default_factory=dict)
    """Keywords given somewhere but unreadable (ROPA002 there), and where."""


def slug(name: str) -> str:
    """``"Order confirmation"`` -> ``"order-confirmation"``."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "activity"


def merge_activities(decls: Iterable[ActivityDecl]) -> tuple[list[Merged], list[Diagnostic]]:
    """Merge declarations by name: lists are joined, differing scalars are ROPA110."""
    merged: dict[str, Merged] = {}
    problems: list[Diagnostic] = []
    for decl in sorted(decls, key=lambda d: (d.location.path, d.location.line, d.name)):
        entry = merged.setdefault(decl.name, Merged(name=decl.name))
        entry.locations.append(decl.location)
        for key in ACTIVITY_SCALARS:
            value = getattr(decl, key)
            if value is None:
                continue
            if key in entry.values and entry.values[key] != value:
                first = entry.origins[key]
                problems.append(
                    diag(
                        "ROPA110",
                        f"activity '{decl.name}': {key} is {value!r} here but "
                        f"{entry.values[key]!r} at {first.path}:{first.line}",
                        decl.location,
                    )
                )
                continue
            entry.values.setdefault(key, value)
            entry.origins.setdefault(key, decl.location)
        for key in ACTIVITY_LISTS:
            entry.lists[key].update(getattr(decl, key))
        for key, line, column in decl.unread:
            entry.unread.setdefault(
                key, Location(path=decl.location.path, line=line, column=column)
            )
    return [merged[name] for name in sorted(merged)], problems


class Builder(Reporter, Checker, Protocol):
    """What the activity checks need of the record builder."""

    project: Project
    tax: Taxonomy
    places: Places

    def check_vendor(self, key: str, location: Location, owner: str) -> bool:
        """Whether ``key`` is a known vendor; ROPA104 when it is not."""


class Activities:
    """Builds each activity's record entry, reporting through the record builder."""

    def __init__(self, builder: Builder) -> None:
        self.b = builder

    def link_processors(
        self, decls: Iterable[ProcessorDecl], by_name: dict[str, Merged]
    ) -> dict[str, list[ProcessorDecl]]:
        """Attach each @processor to its activities; return what each vendor receives."""
        receipts: dict[str, list[ProcessorDecl]] = {}
        for p in sorted(decls, key=lambda p: (p.location, p.vendor)):
            owner = f"processor '{p.vendor}'"
            known = self.b.check_vendor(p.vendor, p.location, owner)
            self.b.check_keys("categories", p.data, p.location, owner)
            targets = [p.activity] if p.activity else list(p.joins)
            self.b.places.declare(p, [name for name in targets if name in by_name])
            linked = False
            for name in targets:
                if name in by_name:
                    by_name[name].lists["processors"].add(p.vendor)
                    by_name[name].locations.append(p.location)
                    linked = True
                elif p.activity:
                    guess = suggest(name, by_name)
                    self.b.emit(
                        "ROPA114",
                        f"{owner}: activity='{name}' names no declared activity",
                        p.location,
                        f"did you mean '{guess}'?"
                        if guess
                        else "declare the activity with processing(...) or under activities: "
                        "in ropa.yaml",
                    )
                    self.b.gap(
                        "art30_1_d_recipients",
                        f"linked to activity '{name}', which no declaration defines",
                        p.location,
                        code="ROPA114",
                        vendor=p.vendor,
                        part="unknown-activity",
                    )
            unread = next(((ln, col) for k, ln, col in p.unread if k == "activity"), None)
            if not linked and unread:
                at = Location(path=p.location.path, line=unread[0], column=unread[1])
                self.b.gap(
                    "art30_1_d_recipients",
                    "activity= could not be read, so the record cannot say for which purpose "
                    "the vendor receives data",
                    at,
                    code="ROPA002",
                    vendor=p.vendor,
                    part="unlinked",
                )
            elif not linked and not p.activity:
                self.b.gap(
                    "art30_1_d_recipients",
                    "receives personal data but is not linked to any activity, so the record "
                    "cannot say for which purpose",
                    p.location,
                    vendor=p.vendor,
                    part="unlinked",
                    hint='add activity="..." to the processor, or put it on a function that '
                    "has a processing declaration",
                )
            if known:
                receipts.setdefault(p.vendor, []).append(p)
        return receipts

    def activity(self, m: Merged) -> Activity:
        """The activity's record entry; every missing or invalid declaration is reported."""
        v = m.values
        where = m.locations[0]
        owner = f"activity '{m.name}'"
        lists = {k: sorted(s) for k, s in m.lists.items()}
        role = roles.activity_role(v, self.b.project.config)
        # A processor acts on its client's instructions: the client, as controller, states
        # the legal basis (and what follows from it) in its own record and notice.
        processor = role == "processor"
        roles.check_activity(
            self.b,
            self.b.project.config,
            name=m.name,
            role=role,
            values=v,
            origins=m.origins,
            on_behalf_of=lists["on_behalf_of"],
            joint_controllers=lists["joint_controllers"],
            where=where,
        )
        required = ("purpose", "data", "subjects") if processor else _REQUIRED
        missing = [
            key
            for key in required
            if not (v.get(key) if key in ("purpose", "legal_basis") else lists[key])
        ]
        missing = [key for key in missing if not self.unreadable(m, _ART30[key], key)]
        if missing:
            self.b.emit("ROPA105", f"{owner} lacks {', '.join(missing)}", where)
            for item in missing:
                self.b.gap(
                    _ART30[item], f"no {item} declared", where, code="ROPA105", activity=m.name
                )
        basis = None if processor else v.get("legal_basis")
        if basis is not None and basis not in LEGAL_BASES:
            guess = suggest(basis, LEGAL_BASES)
            self.b.emit(
                "ROPA105",
                f"{owner}: '{basis}' is not a legal basis under Art. 6(1)",
                m.origins["legal_basis"],
                f"did you mean '{guess}'?" if guess else "expected " + ", ".join(LEGAL_BASES),
            )
            # The record holds only Art. 6(1) bases: the documents mark this one as missing.
            self.b.gap(
                _ART30["legal_basis"],
                f"'{basis}' is not a legal basis under Art. 6(1)",
                m.origins["legal_basis"],
                code="ROPA105",
                activity=m.name,
            )
            basis = None
        if (
            basis == "legitimate_interests"
            and not v.get("legitimate_interest")
            and not self.unreadable(m, "art13_1_d_legitimate_interest", "legitimate_interest")
        ):
            self.b.emit(
                "ROPA106",
                f"{owner} relies on legitimate_interests but does not state the interest",
                m.origins["legal_basis"],
                'add legitimate_interest="..."',
            )
            self.b.gap(
                "art13_1_d_legitimate_interest",
                "legitimate interest not stated",
                m.origins["legal_basis"],
                code="ROPA106",
                activity=m.name,
            )
        self.b.check_keys("categories", lists["data"], where, owner)
        self.b.check_keys("uses", lists["uses"], where, owner)
        self.b.check_keys("subjects", lists["subjects"], where, owner)
        if not processor:
            self.special(m, lists["data"], owner, where)
        retention = self.b.retention(v.get("retention"), m.origins.get("retention", where), owner)
        if "retention" in v and retention is None:
            self.b.gap(
                "art30_1_f_retention",
                "the retention period declared is not valid",
                m.origins["retention"],
                code="ROPA111",
                activity=m.name,
            )
        # Art. 30(2) asks no time limits of a processor: the contract (Art. 28(3)(g)) does.
        if (
            "retention" not in v
            and not processor
            and not self.unreadable(m, "art30_1_f_retention", "retention")
        ):
            self.b.emit(
                "ROPA108",
                f"{owner} has no retention period",
                where,
                'add retention="P1Y" or a criterion',
            )
            self.b.gap(
                "art30_1_f_retention",
                "no retention period declared",
                where,
                code="ROPA108",
                activity=m.name,
            )
        transfers = []
        for key in lists["processors"]:
            if not self.b.check_vendor(key, where, owner):
                self.b.gap(
                    "art30_1_d_recipients",
                    f"recipient '{key}' is not a known vendor: its name, location and role "
                    "are missing",
                    where,
                    code="ROPA104",
                    activity=m.name,
                    vendor=key,
                )
                continue
            for transfer in self.b.places.vendor_transfers(self.b.project.vendors[key], m.name):
                transfers.append(transfer)
                if transfer.safeguard is None:
                    reach = "possible access from " if transfer.nature == "access" else ""
                    self.b.emit(
                        "ROPA109",
                        f"{owner}: transfer to '{key}' ({reach}{transfer.country}) "
                        "has no safeguard",
                        where,
                        f"add safeguards: [sccs] (or what applies) to vendors: {key} in ropa.yaml",
                    )
                    self.b.gap(
                        "art30_1_e_transfers",
                        f"no safeguard for the transfer to {key}",
                        where,
                        code="ROPA109",
                        activity=m.name,
                        vendor=key,
                    )
        transfers += self.b.places.controller_transfer()
        # Art. 14(2)(f) asks a controller where data it did not collect came from. Work done for
        # a client receives its data from the client, which answers Art. 14 itself.
        source = v.get("source") or ("client" if processor else "data_subject")
        # Under consent the answer is always "optional", which the notice says by itself.
        stated = v.get("requirement") or basis == "consent"
        # Art. 13 is the controller's duty: for processor activities, the client's notice.
        notice_duty = v.get("notice", True) and not processor
        if (
            notice_duty
            and not stated
            and source == "data_subject"
            and not self.unreadable(m, "art13_2_e_requirement", "requirement")
            and not self.unreadable(m, "art13_2_e_requirement", "source")
        ):
            self.b.gap(
                "art13_2_e_requirement",
                "not stated whether providing the data is a statutory or contractual "
                "requirement, and what follows if it is not provided",
                where,
                activity=m.name,
                hint='add requirement="..." (or source= when the data does not come from '
                "the person)",
            )
        # Accountability papers (LIA, consent record, DPIA, Art. 22) are the controller's: for
        # work done for a client, the client keeps them.
        if not processor:
            self.accountability(m, lists["data"], owner, where)
        return Activity.model_validate(
            {
                "id": slug(m.name),
                "name": m.name,
                "purpose": v.get("purpose"),
                "uses": lists["uses"],
                "legal_basis": basis,
                "legitimate_interest": None if processor else v.get("legitimate_interest"),
                "special_category_basis": None if processor else v.get("special_category_basis"),
                "data_categories": lists["data"],
                "data_subjects": lists["subjects"],
                "processors": lists["processors"],
                "recipients": lists["recipients"],
                "transfers": transfers,
                "retention": retention,
                "source": source,
                "automated_decision": v.get("automated_decision"),
                "profiling": bool(v.get("profiling", False)),
                "requirement": v.get("requirement"),
                "notice": bool(v.get("notice", True)),
                "role": role,
                "on_behalf_of": lists["on_behalf_of"],
                "joint_controllers": lists["joint_controllers"],
                "locations": code_locations(m.locations),
                **{
                    key: None
                    if processor and key in roles.NOT_RECORDED_FOR_PROCESSORS
                    else v.get(key)
                    for key in ACCOUNTABILITY_KEYS
                },
            }
        )

    def unreadable(self, m: Merged, item: str, key: str) -> bool:
        """Whether ``key`` was given but could not be read: then the record lacks ``item``
        and the ROPA002 at the argument says why; no check asks for what is written there."""
        at = m.unread.get(key)
        if at is None:
            return False
        self.b.gap(item, f"{key}= could not be read", at, code="ROPA002", activity=m.name)
        return True

    def special(self, m: Merged, data: list[str], owner: str, where: Location) -> None:
        basis = m.values.get("special_category_basis")
        flags = {self.b.tax.special(key) for key in data}
        if basis in ART10_CONDITIONS:
            # Art. 10: processing "authorised by Union or Member State law", or under official
            # authority; either way the law must be named, and neither covers Art. 9 data.
            at = m.origins["special_category_basis"]
            if "art9" in flags:
                self.b.emit(
                    "ROPA107",
                    f"{owner}: '{basis}' is an Art. 10 basis, not an Art. 9(2) condition for "
                    "the special category data it processes",
                    at,
                    "expected " + ", ".join(SPECIAL_CATEGORY_BASES),
                )
            elif not m.values.get("special_category_law"):
                self.b.emit(
                    "ROPA107",
                    f"{owner}: special_category_basis '{basis}' does not name the law",
                    at,
                    f'write special_category_basis={{"condition": "{basis}", "law": "..."}}',
                )
            return
        if basis is not None and basis not in SPECIAL_CATEGORY_BASES:
            guess = suggest(basis, SPECIAL_CATEGORY_BASES)
            self.b.emit(
                "ROPA107",
                f"{owner}: '{basis}' is not an Art. 9(2) condition",
                m.origins["special_category_basis"],
                f"did you mean '{guess}'?"
                if guess
                else "expected " + ", ".join((*SPECIAL_CATEGORY_BASES, *ART10_CONDITIONS)),
            )
            return
        if basis is not None:
            return
        if any(self.b.tax.special(key) for key in data) and self.unreadable(
            m, "art9_condition", "special_category_basis"
        ):
            return
        for key in data:
            flag = self.b.tax.special(key)
            if flag == "art9":
                self.b.emit(
                    "ROPA107",
                    f"{owner} processes special category data '{key}' (Art. 9) "
                    "without special_category_basis",
                    where,
                    'add special_category_basis="explicit_consent" (or the Art. 9(2) condition)',
                )
            elif flag == "art10":
                self.b.emit(
                    "ROPA107",
                    f"{owner} processes criminal convictions data '{key}' (Art. 10) "
                    "without a basis",
                    where,
                    "state the basis in law in special_category_basis=",
                )
            else:
                continue
            self.b.gap(
                "art9_condition",
                f"no Art. 9/10 condition for {key}",
                where,
                code="ROPA107",
                activity=m.name,
            )

    def accountability(self, m: Merged, data: list[str], owner: str, where: Location) -> None:
        """ROPA116 (and ROPA115 for withdrawal): the papers an accountable controller keeps
        for this activity (Art. 5(2)): each missing one is a gap the documents mark."""
        v = m.values
        basis = v.get("legal_basis")
        at_basis = m.origins.get("legal_basis", where)

        def missing(
            item: str, key: str, message: str, at: Location, hint: str, code: str = "ROPA116"
        ) -> None:
            if self.unreadable(m, item, key):
                return
            level = Level.WARNING if code == "ROPA115" else None
            self.b.emit(code, f"{owner}: {message}", at, hint, level=level)
            self.b.gap(item, message, at, code=code, activity=m.name, hint=hint, level=level)

        if basis == "legitimate_interests" and not v.get("lia"):
            missing(
                "lia",
                "lia",
                "relies on legitimate interests but does not say where the legitimate "
                "interests assessment is",
                at_basis,
                'add lia="URL or reference of the assessment"',
            )
        consent = basis == "consent" or v.get("special_category_basis") == "explicit_consent"
        if consent and not v.get("consent_record"):
            missing(
                "consent_record",
                "consent_record",
                "relies on consent but does not say where the consent given is recorded "
                "(Art. 7(1))",
                at_basis if basis == "consent" else m.origins["special_category_basis"],
                'add consent_record="where each consent is stored"',
            )
        if basis == "consent" and not v.get("withdrawal"):
            missing(
                "art13_2_c_withdrawal",
                "withdrawal",
                "relies on consent but gives no way to withdraw it (Art. 7(3), 13(2)(c))",
                at_basis,
                'add withdrawal="the link or steps to withdraw consent"',
                code="ROPA115",
            )
        reasons = [
            *(["Art. 9/10 data"] if any(self.b.tax.special(key) for key in data) else []),
            *(["profiling"] if v.get("profiling") else []),
            *(["automated decisions"] if v.get("automated_decision") else []),
        ]
        dpia = v.get("dpia")
        if dpia is not None and dpia not in DPIA_DECISIONS and re.fullmatch(r"[a-z_-]+", dpia):
            # A bare word is a decision with a typo, not the reference of an assessment.
            guess = suggest(dpia, DPIA_DECISIONS)
            missing(
                "art35_dpia",
                "dpia",
                f"dpia '{dpia}' is neither a decision nor a link to the assessment",
                m.origins["dpia"],
                f"did you mean '{guess}'?"
                if guess
                else "expected " + ", ".join(DPIA_DECISIONS) + ", or a URL or reference",
            )
        elif reasons and dpia is None:
            missing(
                "art35_dpia",
                "dpia",
                f"processes {' and '.join(reasons)} but records no DPIA decision (Art. 35)",
                where,
                'add dpia="not_required", "required", "in_progress" or the URL of the DPIA',
            )
        if not v.get("automated_decision"):
            return
        at_adm = m.origins["automated_decision"]
        exception = v.get("automated_decision_exception")
        if exception is None:
            missing(
                "art22_2_exception",
                "automated_decision_exception",
                "makes automated decisions but does not say which Art. 22(2) exception allows them",
                at_adm,
                'add automated_decision_exception="contract", "law" or "explicit_consent"',
            )
        elif exception not in ADM_EXCEPTIONS:
            guess = suggest(exception, ADM_EXCEPTIONS)
            missing(
                "art22_2_exception",
                "automated_decision_exception",
                f"'{exception}' is not an Art. 22(2) exception",
                m.origins["automated_decision_exception"],
                f"did you mean '{guess}'?" if guess else "expected " + ", ".join(ADM_EXCEPTIONS),
            )
        if v.get("notice", True) and not v.get("automated_decision_effects"):
            missing(
                "art13_2_f_automated_decision",
                "automated_decision_effects",
                "the significance and envisaged consequences of the automated decision for the "
                "person are not stated",
                at_adm,
                'add automated_decision_effects="what the decision means for the person"',
            )


_REQUIRED = ("purpose", "legal_basis", "data", "subjects")
_ART30 = {
    "purpose": "art30_1_b_purpose",
    "legal_basis": "art13_1_c_legal_basis",
    "data": "art30_1_c_categories",
    "subjects": "art30_1_c_subjects",
}
