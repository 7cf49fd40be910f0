"""Builds the one record (``ropa.json``) from a scan, the project file and the registry."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ropa import roles
from ropa.checks import CHECKS, diag
from ropa.config import Config
from ropa.model import (
    ACCOUNTABILITY_KEYS,
    ACTIVITY_LISTS,
    ACTIVITY_SCALARS,
    ActivityDecl,
    Diagnostic,
    FieldDecl,
    Level,
    Location,
    ProcessorDecl,
    ScanResult,
)
from ropa.recordmodel import SCHEMA_VERSION
from ropa.registry import (
    Countries,
    Place,
    Regions,
    Vendor,
    country_phrase,
    load_regions,
    resolve_region,
    transfer_safeguard,
)
from ropa.retention import RetentionError, parse_retention
from ropa.taxonomy import (
    ADM_EXCEPTIONS,
    ART10_CONDITIONS,
    DPIA_DECISIONS,
    LEGAL_BASES,
    SPECIAL_CATEGORY_BASES,
    Taxonomy,
    suggest,
)

TOOL = "ropa"


@dataclass(frozen=True, slots=True, kw_only=True)
class Project:
    """Everything a record is built from besides the scanned code."""

    config: Config
    vendors: Mapping[str, Vendor]
    taxonomy: Taxonomy
    countries: Countries
    regions: Regions = field(default_factory=load_regions)


@dataclass(slots=True)
class _Merged:
    name: str
    values: dict[str, Any] = field(default_factory=dict)
    origins: dict[str, Location] = field(default_factory=dict)
    lists: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in ACTIVITY_LISTS})
    locations: list[Location] = field(default_factory=list)


def slug(name: str) -> str:
    """``"Order confirmation"`` -> ``"order-confirmation"``."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "activity"


def merge_activities(decls: Iterable[ActivityDecl]) -> tuple[list[_Merged], list[Diagnostic]]:
    """Merge declarations by name: lists are joined, differing scalars are ROPA110."""
    merged: dict[str, _Merged] = {}
    problems: list[Diagnostic] = []
    for decl in sorted(decls, key=lambda d: (d.location.path, d.location.line, d.name)):
        entry = merged.setdefault(decl.name, _Merged(name=decl.name))
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
    return [merged[name] for name in sorted(merged)], problems


class _Builder:
    def __init__(self, scan: ScanResult, project: Project) -> None:
        self.scan = scan
        self.project = project
        self.tax = project.taxonomy
        self.diagnostics: list[Diagnostic] = []
        self.gaps: list[dict[str, Any]] = []
        self._gap_keys: set[tuple[str, str | None, str | None, str | None]] = set()
        # region= of processor markers: by (activity, vendor) they are linked to, and by
        # vendor for every marker (unlinked ones included), for the vendor's storage places.
        self._regions: dict[tuple[str, str], list[ProcessorDecl]] = {}
        self._vendor_regions: dict[str, list[ProcessorDecl]] = {}
        self._places: dict[tuple[str, str], Place | tuple[str, str]] = {}

    def emit(
        self,
        code: str,
        message: str,
        location: Location | None,
        hint: str | None = None,
        *,
        level: Level | None = None,
    ) -> None:
        """Report ``code`` at its registered level, or at ``level`` where one code covers a
        warning and an error (ROPA117)."""
        found = diag(code, message, location, hint)
        self.diagnostics.append(replace(found, level=level) if level else found)

    def gap(
        self,
        item: str,
        message: str,
        location: Location,
        *,
        code: str = "ROPA120",
        activity: str | None = None,
        vendor: str | None = None,
        part: str | None = None,
        hint: str | None = None,
        level: Level | None = None,
    ) -> None:
        """Record an item the documents will mark as a missing declaration.

        Every gap is also a diagnostic at ``location``: ROPA120 is reported here; any other
        code is reported by the check that found the gap, at the same location.
        """
        parts = [item, *([slug(activity)] if activity else []), *([vendor] if vendor else [])]
        parts += [part] if part else []
        key = (item, activity, vendor, part)
        if key in self._gap_keys:
            return
        self._gap_keys.add(key)
        # Two activity names may slug alike ("Orders", "orders"): ids stay unique.
        gap_id, n = ":".join(parts), 1
        while any(g["id"] == gap_id for g in self.gaps):
            n += 1
            gap_id = f"{':'.join(parts)}-{n}"
        owner = f"activity '{activity}'" if activity else f"vendor '{vendor}'" if vendor else ""
        if code == "ROPA120":
            self.emit(code, f"{owner}: {message}" if owner else message, location, hint)
        self.gaps.append(
            {
                "id": gap_id,
                "item": item,
                "activity": activity,
                "vendor": vendor,
                "message": message,
                "where": _where(location),
                "code": code,
                "level": (level or CHECKS[code].level).value,
            }
        )

    def config_location(self, *keys: str) -> Location:
        """Where ropa.yaml declares the first of ``keys`` it has; its first line otherwise,
        or the project root when there is no ropa.yaml."""
        config = self.project.config
        if config.path is None:
            return Location(path=".")
        line = next((config.lines[k] for k in keys if k in config.lines), 1)
        return Location(path=config.path, line=line, column=1)

    # Vocabulary.
    def check_keys(self, kind: str, keys: Iterable[str], location: Location, owner: str) -> None:
        code = {"categories": "ROPA101", "uses": "ROPA102", "subjects": "ROPA103"}[kind]
        noun = {"categories": "data category", "uses": "data use", "subjects": "data subject"}[kind]
        known = self.tax.kind(kind)
        for key in keys:
            if key not in known:
                guess = suggest(key, known)
                self.emit(
                    code,
                    f"{owner}: unknown {noun} '{key}'",
                    location,
                    f"did you mean '{guess}'?" if guess else f"see 'ropa taxonomy {kind}'",
                )

    def check_vendor(self, key: str, location: Location, owner: str) -> bool:
        if key in self.project.vendors:
            return True
        guess = suggest(key, self.project.vendors)
        self.emit(
            "ROPA104",
            f"{owner}: unknown vendor '{key}'",
            location,
            f"did you mean '{guess}'?" if guess else "declare it under vendors: in ropa.yaml",
        )
        return False

    def retention(self, value: str | None, location: Location, owner: str) -> dict[str, Any] | None:
        if value is None:
            return None
        try:
            return parse_retention(value).as_json()
        except RetentionError as exc:
            self.emit("ROPA111", f"{owner}: {exc}", location)
            return None

    def build(self) -> dict[str, Any]:
        config = self.project.config
        decls = [*config.activities, *(a for f in self.scan.files for a in f.activities)]
        merged, conflicts = merge_activities(decls)
        self.diagnostics.extend(conflicts)
        by_name = {m.name: m for m in merged}
        receipts = self.link_processors(by_name)
        activities = [self.activity(m) for m in merged]
        inventory = self.inventory([f for s in self.scan.files for f in s.fields])
        vendors = self.vendors(activities, receipts)
        self.controller_checks()
        self.project_gaps(activities)
        return {
            "schema_version": SCHEMA_VERSION,
            "controller": self.controller(),
            "dpo": _opt(config.dpo),
            "representative": _opt(config.representative),
            "supervisory_authority": _opt(config.supervisory_authority),
            "role": config.role,
            "clients": roles.clients_json(config),
            "joint_controllers": roles.joint_controllers_json(self, config, activities),
            "processing_for_clients": roles.client_records(config, activities),
            "jurisdictions": list(config.jurisdictions),
            "activities": activities,
            "data_inventory": inventory,
            "vendors": vendors,
            "transfers": self.transfers(activities),
            "security_measures": list(config.security_measures),
            "notice": _notice(config.notice),
            "vocabulary": self.vocabulary(activities, inventory, vendors),
            "gaps": sorted(self.gaps, key=lambda g: (g["item"], g["activity"] or "", g["id"])),
            "breach": _opt(config.breach),
            "review": _opt(config.review),
            "privacy_policy_url": config.privacy_policy_url,
            "dpo_requirement": None
            if config.dpo_required
            else {"required": False, "reason": config.dpo_reason},
        }

    def controller(self) -> dict[str, str]:
        """The controller block, with the name of its country when ``country`` is given."""
        block = dict(self.project.config.controller)
        if block.get("country"):
            block["country_name"] = self.project.countries.name(block["country"])
        return block

    def link_processors(self, by_name: dict[str, _Merged]) -> dict[str, list[ProcessorDecl]]:
        """Attach each @processor to its activities; return what each vendor receives."""
        receipts: dict[str, list[ProcessorDecl]] = {}
        decls = [p for f in self.scan.files for p in f.processors]
        for p in sorted(decls, key=lambda p: (p.location, p.vendor)):
            owner = f"processor '{p.vendor}'"
            known = self.check_vendor(p.vendor, p.location, owner)
            self.check_keys("categories", p.data, p.location, owner)
            targets = [p.activity] if p.activity else list(p.joins)
            linked = False
            if p.region is not None:
                self._vendor_regions.setdefault(p.vendor, []).append(p)
            for name in targets:
                if name in by_name:
                    by_name[name].lists["processors"].add(p.vendor)
                    by_name[name].locations.append(p.location)
                    if p.region is not None:
                        self._regions.setdefault((name, p.vendor), []).append(p)
                    linked = True
                elif p.activity:
                    guess = suggest(name, by_name)
                    self.emit(
                        "ROPA114",
                        f"{owner}: activity='{name}' names no declared activity",
                        p.location,
                        f"did you mean '{guess}'?"
                        if guess
                        else "declare the activity with processing(...) or under activities: "
                        "in ropa.yaml",
                    )
                    self.gap(
                        "art30_1_d_recipients",
                        f"linked to activity '{name}', which no declaration defines",
                        p.location,
                        code="ROPA114",
                        vendor=p.vendor,
                        part="unknown-activity",
                    )
            if not linked and not p.activity:
                self.gap(
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

    def activity(self, m: _Merged) -> dict[str, Any]:
        v = m.values
        where = m.locations[0]
        owner = f"activity '{m.name}'"
        lists = {k: sorted(s) for k, s in m.lists.items()}
        role = roles.activity_role(v, self.project.config)
        # A processor acts on its client's instructions: the client, as controller, states
        # the legal basis (and what follows from it) in its own record and notice.
        processor = role == "processor"
        roles.check_activity(
            self,
            self.project.config,
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
        if missing:
            self.emit("ROPA105", f"{owner} lacks {', '.join(missing)}", where)
            for item in missing:
                self.gap(
                    _ART30[item], f"no {item} declared", where, code="ROPA105", activity=m.name
                )
        basis = None if processor else v.get("legal_basis")
        if basis is not None and basis not in LEGAL_BASES:
            guess = suggest(basis, LEGAL_BASES)
            self.emit(
                "ROPA105",
                f"{owner}: '{basis}' is not a legal basis under Art. 6(1)",
                m.origins["legal_basis"],
                f"did you mean '{guess}'?" if guess else "expected " + ", ".join(LEGAL_BASES),
            )
        if basis == "legitimate_interests" and not v.get("legitimate_interest"):
            self.emit(
                "ROPA106",
                f"{owner} relies on legitimate_interests but does not state the interest",
                m.origins["legal_basis"],
                'add legitimate_interest="..."',
            )
            self.gap(
                "art13_1_d_legitimate_interest",
                "legitimate interest not stated",
                m.origins["legal_basis"],
                code="ROPA106",
                activity=m.name,
            )
        self.check_keys("categories", lists["data"], where, owner)
        self.check_keys("uses", lists["uses"], where, owner)
        self.check_keys("subjects", lists["subjects"], where, owner)
        if not processor:
            self.special(m, lists["data"], owner, where)
        retention = self.retention(v.get("retention"), m.origins.get("retention", where), owner)
        if "retention" in v and retention is None:
            self.gap(
                "art30_1_f_retention",
                "the retention period declared is not valid",
                m.origins["retention"],
                code="ROPA111",
                activity=m.name,
            )
        # Art. 30(2) asks no time limits of a processor: the contract (Art. 28(3)(g)) does.
        if "retention" not in v and not processor:
            self.emit(
                "ROPA108",
                f"{owner} has no retention period",
                where,
                'add retention="P1Y" or a criterion',
            )
            self.gap(
                "art30_1_f_retention",
                "no retention period declared",
                where,
                code="ROPA108",
                activity=m.name,
            )
        transfers = []
        for key in lists["processors"]:
            if not self.check_vendor(key, where, owner):
                self.gap(
                    "art30_1_d_recipients",
                    f"recipient '{key}' is not a known vendor: its name, location and role "
                    "are missing",
                    where,
                    code="ROPA104",
                    activity=m.name,
                    vendor=key,
                )
                continue
            for transfer in self.vendor_transfers(self.project.vendors[key], m.name):
                transfers.append(transfer)
                if transfer["safeguard"] is None:
                    reach = "possible access from " if transfer["nature"] == "access" else ""
                    self.emit(
                        "ROPA109",
                        f"{owner}: transfer to '{key}' ({reach}{transfer['country']}) "
                        "has no safeguard",
                        where,
                        f"add safeguards: [sccs] (or what applies) to vendors: {key} in ropa.yaml",
                    )
                    self.gap(
                        "art30_1_e_transfers",
                        f"no safeguard for the transfer to {key}",
                        where,
                        code="ROPA109",
                        activity=m.name,
                        vendor=key,
                    )
        transfers += self.controller_transfer()
        # Art. 14(2)(f) asks a controller where data it did not collect came from. Work done for
        # a client receives its data from the client, which answers Art. 14 itself.
        source = v.get("source") or ("client" if processor else "data_subject")
        # Under consent the answer is always "optional", which the notice says by itself.
        stated = v.get("requirement") or basis == "consent"
        # Art. 13 is the controller's duty: for processor activities, the client's notice.
        notice_duty = v.get("notice", True) and not processor
        if notice_duty and not stated and source == "data_subject":
            self.gap(
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
        return {
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
            "locations": _locations(m.locations),
            **{
                key: None if processor and key in roles.NOT_RECORDED_FOR_PROCESSORS else v.get(key)
                for key in ACCOUNTABILITY_KEYS
            },
        }

    def special(self, m: _Merged, data: list[str], owner: str, where: Location) -> None:
        basis = m.values.get("special_category_basis")
        flags = {self.tax.special(key) for key in data}
        if basis in ART10_CONDITIONS:
            # Art. 10: processing "authorised by Union or Member State law", or under official
            # authority; either way the law must be named, and neither covers Art. 9 data.
            at = m.origins["special_category_basis"]
            if "art9" in flags:
                self.emit(
                    "ROPA107",
                    f"{owner}: '{basis}' is an Art. 10 basis, not an Art. 9(2) condition for "
                    "the special category data it processes",
                    at,
                    "expected " + ", ".join(SPECIAL_CATEGORY_BASES),
                )
            elif not m.values.get("special_category_law"):
                self.emit(
                    "ROPA107",
                    f"{owner}: special_category_basis '{basis}' does not name the law",
                    at,
                    f'write special_category_basis={{"condition": "{basis}", "law": "..."}}',
                )
            return
        if basis is not None and basis not in SPECIAL_CATEGORY_BASES:
            guess = suggest(basis, SPECIAL_CATEGORY_BASES)
            self.emit(
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
        for key in data:
            flag = self.tax.special(key)
            if flag == "art9":
                self.emit(
                    "ROPA107",
                    f"{owner} processes special category data '{key}' (Art. 9) "
                    "without special_category_basis",
                    where,
                    'add special_category_basis="explicit_consent" (or the Art. 9(2) condition)',
                )
            elif flag == "art10":
                self.emit(
                    "ROPA107",
                    f"{owner} processes criminal convictions data '{key}' (Art. 10) "
                    "without a basis",
                    where,
                    "state the basis in law in special_category_basis=",
                )
            else:
                continue
            self.gap(
                "art9_condition",
                f"no Art. 9/10 condition for {key}",
                where,
                code="ROPA107",
                activity=m.name,
            )

    def accountability(self, m: _Merged, data: list[str], owner: str, where: Location) -> None:
        """ROPA116 (and ROPA115 for withdrawal): the papers an accountable controller keeps
        for this activity (Art. 5(2)): each missing one is a gap the documents mark."""
        v = m.values
        basis = v.get("legal_basis")
        at_basis = m.origins.get("legal_basis", where)

        def missing(
            item: str, message: str, at: Location, hint: str, code: str = "ROPA116"
        ) -> None:
            level = Level.WARNING if code == "ROPA115" else None
            diagnostic = diag(code, f"{owner}: {message}", at, hint)
            self.diagnostics.append(replace(diagnostic, level=level or diagnostic.level))
            self.gap(item, message, at, code=code, activity=m.name, hint=hint, level=level)

        if basis == "legitimate_interests" and not v.get("lia"):
            missing(
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
                "relies on consent but does not say where the consent given is recorded "
                "(Art. 7(1))",
                at_basis if basis == "consent" else m.origins["special_category_basis"],
                'add consent_record="where each consent is stored"',
            )
        if basis == "consent" and not v.get("withdrawal"):
            missing(
                "art13_2_c_withdrawal",
                "relies on consent but gives no way to withdraw it (Art. 7(3), 13(2)(c))",
                at_basis,
                'add withdrawal="the link or steps to withdraw consent"',
                code="ROPA115",
            )
        reasons = [
            *(["Art. 9/10 data"] if any(self.tax.special(key) for key in data) else []),
            *(["profiling"] if v.get("profiling") else []),
            *(["automated decisions"] if v.get("automated_decision") else []),
        ]
        dpia = v.get("dpia")
        if dpia is not None and dpia not in DPIA_DECISIONS and re.fullmatch(r"[a-z_-]+", dpia):
            # A bare word is a decision with a typo, not the reference of an assessment.
            guess = suggest(dpia, DPIA_DECISIONS)
            missing(
                "art35_dpia",
                f"dpia '{dpia}' is neither a decision nor a link to the assessment",
                m.origins["dpia"],
                f"did you mean '{guess}'?"
                if guess
                else "expected " + ", ".join(DPIA_DECISIONS) + ", or a URL or reference",
            )
        elif reasons and dpia is None:
            missing(
                "art35_dpia",
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
                "makes automated decisions but does not say which Art. 22(2) exception allows them",
                at_adm,
                'add automated_decision_exception="contract", "law" or "explicit_consent"',
            )
        elif exception not in ADM_EXCEPTIONS:
            guess = suggest(exception, ADM_EXCEPTIONS)
            missing(
                "art22_2_exception",
                f"'{exception}' is not an Art. 22(2) exception",
                m.origins["automated_decision_exception"],
                f"did you mean '{guess}'?" if guess else "expected " + ", ".join(ADM_EXCEPTIONS),
            )
        if v.get("notice", True) and not v.get("automated_decision_effects"):
            missing(
                "art13_2_f_automated_decision",
                "the significance and envisaged consequences of the automated decision for the "
                "person are not stated",
                at_adm,
                'add automated_decision_effects="what the decision means for the person"',
            )

    # Places and transfers. A vendor keeps the data where the project's region says (a
    # processor marker's region=, else vendors.KEY.region in ropa.yaml); transfers follow
    # that place, and a head office outside the EEA is still named as a possible access.
    def place(self, vendor: str, code: str, location: Location) -> Place | None:
        """The place a region code names, or None after reporting ROPA104 at ``location``."""
        found = self._places.get((vendor, code))
        if found is None:
            found = resolve_region(vendor, code, self.project.regions, self.project.countries)
            self._places[(vendor, code)] = found
        if isinstance(found, Place):
            return found
        message, hint = found
        diagnostic = diag("ROPA104", f"processor '{vendor}': {message}", location, hint)
        if diagnostic not in self.diagnostics:
            self.diagnostics.append(diagnostic)
        return None

    def default_place(self, vendor: Vendor) -> Place | None:
        """Where ``vendors.KEY.region`` (ropa.yaml, or the registry) keeps the vendor's data."""
        if vendor.region is None:
            return None
        at = self.config_location(f"vendors.{vendor.key}.region", f"vendors.{vendor.key}")
        return self.place(vendor.key, vendor.region, at)

    def places_for(self, vendor: Vendor, activity: str | None) -> list[Place]:
        """The places of one vendor for one activity (None: for any use of it)."""
        decls = (
            self._regions.get((activity, vendor.key), [])
            if activity is not None
            else self._vendor_regions.get(vendor.key, [])
        )
        found = [self.place(vendor.key, d.region, d.location) for d in decls if d.region]
        places = [p for p in found if p is not None]
        if not decls or activity is None:
            default = self.default_place(vendor)
            places += [default] if default is not None else []
        return sorted(set(places), key=lambda p: (p.country, p.region))

    def vendor_transfers(self, vendor: Vendor, activity: str | None) -> list[dict[str, Any]]:
        """The transfers that giving this vendor data for ``activity`` makes.

        Without a known place the vendor's own country is where the data goes (``vendor``).
        With one, each place outside the EEA is a transfer (``storage``), and the head office,
        when it is outside the EEA and not among the places, a ``possible access``: staff
        and the parent company's legal obligations can reach data kept in the region.
        """
        countries = self.project.countries
        places = self.places_for(vendor, activity)
        out = []
        for place in places:
            safeguard = transfer_safeguard(vendor, countries, place.country)
            if safeguard != "eea":
                where = place.country
                out.append(_transfer(countries, vendor.key, where, safeguard, "storage", place))
        head = vendor.country
        if head not in countries.eea and head not in {p.country for p in places}:
            nature = "access" if places else "vendor"
            safeguard = transfer_safeguard(vendor, countries)
            out.append(_transfer(countries, vendor.key, head, safeguard, nature))
        return out

    def controller_transfer(self) -> list[dict[str, Any]]:
        """A controller established outside the EEA receives every activity's data itself.

        Data it collects directly is processed where it is established; the record states it
        as a transfer, with the adequacy decision where one covers that country fully.
        """
        country = self.project.config.controller.get("country")
        countries = self.project.countries
        if not country or country in countries.eea:
            return []
        decision = countries.adequacy.get(country)
        safeguard = "adequacy" if decision is not None and decision.scope == "full" else None
        return [_transfer(countries, None, country, safeguard, "controller")]

    def storage(self, vendor: Vendor, activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Where a vendor keeps the data, over every use of it (empty: no region declared)."""
        places = set(self.places_for(vendor, None))
        for a in activities:
            places.update(self.places_for(vendor, a["name"]))
        return [
            {
                "region": p.region,
                "country": p.country,
                "country_name": self.project.countries.name(p.country),
                "city": p.city,
            }
            for p in sorted(places, key=lambda p: (p.country, p.region))
        ]

    def inventory(self, fields: list[FieldDecl]) -> list[dict[str, Any]]:
        rows = []
        seen: dict[tuple[str, str], Location] = {}
        for f in sorted(fields, key=lambda f: (f.model, f.field, f.location)):
            if (f.model, f.field) in seen:
                continue
            seen[(f.model, f.field)] = f.location
            owner = f"field '{f.field}'"
            self.check_keys("categories", f.categories, f.location, owner)
            self.check_keys("subjects", f.subjects, f.location, owner)
            rows.append(
                {
                    "model": f.model,
                    "field": f.field,
                    "categories": sorted(f.categories),
                    "subjects": sorted(f.subjects),
                    "retention": self.retention(f.retention, f.location, owner),
                    "source": f.source or "data_subject",
                    "location": {"path": f.location.path, "line": f.location.line},
                }
            )
        return rows

    def vendors(
        self, activities: list[dict[str, Any]], receipts: dict[str, list[ProcessorDecl]]
    ) -> list[dict[str, Any]]:
        used: dict[str, list[dict[str, Any]]] = {}
        for a in activities:
            for key in a["processors"]:
                if key in self.project.vendors:
                    used.setdefault(key, []).append(a)
        for key in receipts:
            used.setdefault(key, [])
        out = []
        for key in sorted(used):
            vendor = self.project.vendors[key]
            declared = receipts.get(key, [])
            data = {d for p in declared for d in p.data}
            data |= {d for a in used[key] for d in a["data_categories"]}
            purposes = sorted({p.purpose for p in declared if p.purpose})
            moves = [t for a in used[key] for t in self.vendor_transfers(vendor, a["name"])]
            moves = moves if used[key] else self.vendor_transfers(vendor, None)
            if vendor.role == "processor" and not vendor.dpa:
                first = [p.location for p in declared] + [
                    Location(path=loc["path"], line=loc["line"], column=1)
                    for a in used[key]
                    for loc in a["locations"]
                ]
                self.gap(
                    "art28_3_dpa",
                    "no data processing agreement (dpa) is recorded for this processor",
                    min(first) if first else self.config_location("vendors"),
                    vendor=key,
                    hint=f"add dpa: URL (or where the signed copy is kept) to vendors: {key} "
                    "in ropa.yaml",
                )
            out.append(
                {
                    **vendor.as_json(),
                    "country_name": self.project.countries.name(vendor.country),
                    # What the vendor does for us, then what each disclosure adds to it.
                    "purposes": [vendor.services, *(p for p in purposes if p != vendor.services)],
                    "safeguard": moves[0]["safeguard"] if moves else None,
                    "storage": self.storage(vendor, used[key]),
                    "data_categories": sorted(data),
                    "activities": sorted(a["name"] for a in used[key]),
                    "locations": _locations([p.location for p in declared]),
                }
            )
        return out

    def transfers(self, activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
        by_vendor: dict[tuple[str, str, str, str], dict[str, Any]] = {}
        for a in activities:
            for t in a["transfers"]:
                key = (t["vendor"] or "", t["country"], t["nature"], t["region"] or "")
                entry = by_vendor.setdefault(
                    key,
                    {
                        **t,
                        "adequacy_decision": self.adequacy(t["country"]),
                        "activities": [],
                    },
                )
                entry["activities"].append(a["name"])
        return [by_vendor[k] for k in sorted(by_vendor)]

    def adequacy(self, country: str) -> str | None:
        decision = self.project.countries.adequacy.get(country)
        return decision.decided.isoformat() if decision else None

    def controller_checks(self) -> None:
        """ROPA112: Art. 30(1)(a) needs the controller's name and contact, for real."""
        config = self.project.config
        c = config.controller
        if config.path is None:
            self.emit(
                "ROPA112",
                "there is no ropa.yaml, so the record has no controller name and contact "
                "(Art. 30(1)(a))",
                Location(path="."),
                "run 'ropa init' in the project root and fill in controller:",
            )
            for part in ("name", "contact"):
                self.gap(
                    "art30_1_a_controller",
                    f"no ropa.yaml: controller {part} missing",
                    Location(path="."),
                    code="ROPA112",
                    part=part,
                )
            return
        where = self.config_location("controller")
        missing = {}
        if not c.get("name"):
            missing["name"] = "name"
        if not any(c.get(k) for k in ("email", "phone", "address")):
            missing["contact"] = "contact (email, phone or address)"
        if missing:
            self.emit(
                "ROPA112",
                f"controller lacks {' and '.join(missing.values())} (Art. 30(1)(a))",
                where,
                "add controller: {name: ..., email: ..., address: ...} to ropa.yaml",
            )
        for part, what in missing.items():
            self.gap(
                "art30_1_a_controller",
                f"controller {what} missing",
                where,
                code="ROPA112",
                part=part,
            )
        for block in ("controller", "dpo", "representative"):
            values = getattr(config, block) or {}
            for key in sorted(values):
                if is_placeholder(key, values[key]):
                    at = self.config_location(f"{block}.{key}", block)
                    self.emit(
                        "ROPA112",
                        f"{block}.{key} is still the 'ropa init' placeholder '{values[key]}'",
                        at,
                        f"replace it with your own {block} {key}",
                    )
                    self.gap(
                        _CONTACT_ITEMS[block],
                        f"the {block}'s details are still the 'ropa init' placeholders",
                        at,
                        code="ROPA112",
                        part="placeholder",
                    )

    def established_abroad(self) -> bool:
        """Whether ``controller.country`` puts the controller outside the EEA."""
        country = self.project.config.controller.get("country")
        return bool(country) and country not in self.project.countries.eea

    def representative_check(self) -> None:
        """ROPA112: a controller outside the EEA names its Art. 27 representative."""
        if not self.established_abroad():
            return
        country = self.project.config.controller["country"]
        at = self.config_location("controller.country", "controller")
        message = (
            f"the controller is established in "
            f"{country_phrase(self.project.countries.name(country))}, "
            "outside the EEA, and names no representative in the Union (Art. 27, 30(1)(a))"
        )
        self.emit(
            "ROPA112",
            message,
            at,
            "add representative: {name: ..., address: ..., email: ...} to ropa.yaml",
        )
        self.gap("art27_representative", message, at, code="ROPA112")

    def project_gaps(self, activities: list[dict[str, Any]]) -> None:
        """Gaps in what only ropa.yaml can say: contacts, security, the notice's own facts."""
        config = self.project.config
        contacts = (
            ("dpo", "data protection officer", "art30_1_a_dpo"),
            ("representative", "representative", "art27_representative"),
            ("supervisory_authority", "supervisory authority", "art13_2_d_supervisory_authority"),
        )
        for key, what, item in contacts:
            block = getattr(config, key)
            at = self.config_location(key)
            if key == "dpo" and block is None and not config.dpo_required:
                continue  # dpo: {required: false, reason: ...}: Art. 37 asks for none.
            if block is None:
                if key == "representative":
                    # Art. 27 applies only to controllers outside the EU (the EEA, here).
                    self.representative_check()
                    continue
                if key == "supervisory_authority" and self.established_abroad():
                    continue  # Outside the EU there is no lead authority to name.
                self.gap(
                    item,
                    f"no {what} declared",
                    at,
                    hint=f"add {key}: {{name: ..., "
                    + ("url: ...}" if key == "supervisory_authority" else "email: ...}")
                    + " to ropa.yaml",
                )
                continue
            if not block.get("name"):
                self.gap(item, f"{what} lacks a name", at, part="name")
            if not any(block.get(k) for k in ("email", "phone", "address", "url")):
                self.gap(item, f"{what} lacks a contact", at, part="contact")
        if not config.security_measures:
            self.gap(
                "art30_1_g_security",
                "no technical and organisational security measures declared",
                self.config_location("security_measures"),
                hint="list them under security_measures: in ropa.yaml",
            )
        notice = config.notice
        if not notice.get("effective_date"):
            self.gap(
                "notice_effective_date",
                "the notice has no effective date",
                self.config_location("notice.effective_date", "notice"),
                hint="add notice: {effective_date: YYYY-MM-DD} to ropa.yaml",
            )
        if notice.get("children_min_age") is None:
            self.gap(
                "notice_children_min_age",
                "the notice does not say the minimum age for the service",
                self.config_location("notice.children_min_age", "notice"),
                hint="add notice: {children_min_age: 16} to ropa.yaml",
            )
        if config.role == "processor" or any(a["role"] == "processor" for a in activities):
            if not config.clients:
                self.gap(
                    "art30_2_a_clients",
                    "no client (controller on whose behalf we process) is declared",
                    self.config_location("clients", "role"),
                    hint="add clients: [{key: ..., name: ..., contact: ...}] to ropa.yaml",
                )
            elif any(not c.get("name") or not c.get("contact") for c in config.clients):
                self.gap(
                    "art30_2_a_clients",
                    "a client lacks its name or contact",
                    self.config_location("clients"),
                )
        if "ccpa" in config.jurisdictions:
            shown = {
                d
                for a in activities
                if a["notice"] and a["role"] != "processor"
                for d in a["data_categories"]
            }
            if activities and not any(
                self._ccpa(key) for key in shown if key in self.tax.categories
            ):
                self.gap(
                    "ccpa_categories",
                    "no data the notice lists falls in a CCPA category (Cal. Civ. Code "
                    "1798.140(v)(1))",
                    self.config_location("jurisdictions"),
                    hint="give the categories you defined a ccpa: letter under categories:",
                )

    def vocabulary(
        self,
        activities: list[dict[str, Any]],
        inventory: list[dict[str, Any]],
        vendors: list[dict[str, Any]],
    ) -> dict[str, Any]:
        """Labels of every key the record uses, so documents render from the record alone."""
        cats = {c for a in activities for c in a["data_categories"]}
        cats |= {c for row in inventory for c in row["categories"]}
        cats |= {c for v in vendors for c in v["data_categories"]}
        subjects = {s for a in activities for s in a["data_subjects"]}
        subjects |= {s for row in inventory for s in row["subjects"]}
        uses = {u for a in activities for u in a["uses"]}

        def terms(kind: str, keys: set[str]) -> dict[str, Any]:
            known = self.tax.kind(kind)
            out: dict[str, Any] = {}
            for key in sorted(keys):
                term = known.get(key)
                if term is None:
                    continue
                entry: dict[str, Any] = {"label": term.label, "description": term.description}
                if kind == "categories":
                    entry["special"] = self.tax.special(key)
                    entry["ccpa"] = list(self._ccpa(key))
                    entry["ccpa_sensitive"] = any(
                        self.tax.categories[k].ccpa_sensitive for k in _lineage(key, self.tax)
                    )
                out[key] = entry
            return out

        return {
            "categories": terms("categories", cats),
            "subjects": terms("subjects", subjects),
            "uses": terms("uses", uses),
            "ccpa_categories": {
                k: {"name": n, "description": d}
                for k, (n, d) in sorted(self.tax.ccpa_categories.items())
            },
        }

    def _ccpa(self, key: str) -> list[str]:
        for k in _lineage(key, self.tax):
            if self.tax.categories[k].ccpa:
                return list(self.tax.categories[k].ccpa)
        return []


def _lineage(key: str, tax: Taxonomy) -> list[str]:
    out = []
    term = tax.categories.get(key)
    while term is not None:
        out.append(term.key)
        term = tax.categories.get(term.parent) if term.parent else None
    return out


_CONTACT_ITEMS = {
    "controller": "art30_1_a_controller",
    "dpo": "art30_1_a_dpo",
    "representative": "art27_representative",
}
_REQUIRED = ("purpose", "legal_basis", "data", "subjects")
_ART30 = {
    "purpose": "art30_1_b_purpose",
    "legal_basis": "art13_1_c_legal_basis",
    "data": "art30_1_c_categories",
    "subjects": "art30_1_c_subjects",
}


def _transfer(
    countries: Countries,
    vendor: str | None,
    country: str,
    safeguard: str | None,
    nature: str,
    place: Place | None = None,
) -> dict[str, Any]:
    """One transfer: ``nature`` is storage (in a region), access (from the head office),
    vendor (the vendor's own country, no region known) or controller (we are outside the EEA)."""
    return {
        "vendor": vendor,
        "country": country,
        "country_name": countries.name(country),
        "safeguard": safeguard,
        "nature": nature,
        "region": place.region if place else None,
        "city": place.city if place else None,
    }


def _where(location: Location) -> str:
    return f"{location.path}:{location.line}" if location.line else location.path


#: What ``ropa init`` writes for the user to replace; reserved example domains never reach
#: anyone either (RFC 2606).
PLACEHOLDERS = frozenset(
    {
        "example ltd",
        "example ltd.",
        "1 example street, 10115 berlin, germany",
        "jane doe",
        "+49 30 1234567",
    }
)
_EXAMPLE_DOMAIN = re.compile(r"(?:^|[@./])example\.(?:com|org|net)(?:$|[/:])", re.IGNORECASE)


def is_placeholder(key: str, value: str) -> bool:
    """True for a contact value still as ``ropa init`` wrote it, or at example.com."""
    text = " ".join(str(value).split()).lower()
    if text in PLACEHOLDERS:
        return True
    return key in ("email", "website") and bool(_EXAMPLE_DOMAIN.search(text))


def _locations(locations: Iterable[Location]) -> list[dict[str, Any]]:
    unique = sorted({(loc.path, loc.line) for loc in locations})
    return [{"path": p, "line": n} for p, n in unique]


def _opt(block: Mapping[str, str] | None) -> dict[str, str] | None:
    return dict(block) if block else None


def _notice(notice: Mapping[str, Any]) -> dict[str, Any]:
    ccpa = notice.get("ccpa") or {}
    effective = notice.get("effective_date")
    return {
        "effective_date": effective.isoformat() if effective else None,
        "children_min_age": notice.get("children_min_age"),
        "contact_url": notice.get("contact_url"),
        "changes": notice.get("changes"),
        "ccpa": {
            "sells": bool(ccpa.get("sells", False)),
            "shares": bool(ccpa.get("shares", False)),
        },
    }


def build_record(scan: ScanResult, project: Project) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The record (without ``generated``) and every diagnostic found while building it."""
    builder = _Builder(scan, project)
    record = builder.build()
    return record, builder.diagnostics
