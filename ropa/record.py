"""Builds the one record (``ropa.json``) from a scan, the project file and the registry."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from ropa import roles
from ropa.activities import Activities, merge_activities, slug
from ropa.checks import CHECKS, diag
from ropa.config import Config
from ropa.errors import RopaError
from ropa.inventory import inventory
from ropa.model import Diagnostic, Level, Location, ScanResult
from ropa.recordmodel import (
    SCHEMA_VERSION,
    Activity,
    Gap,
    InventoryField,
    RecordBody,
    Retention,
    Vendor,
)
from ropa.registry import Countries, Regions, country_phrase, load_regions
from ropa.registry import Vendor as VendorEntry
from ropa.retention import RetentionError, parse_retention
from ropa.taxonomy import Taxonomy, suggest
from ropa.transfers import Places

__all__ = ["TOOL", "Project", "build_typed", "is_placeholder", "slug"]

TOOL = "ropa"


@dataclass(frozen=True, slots=True, kw_only=True)
class Project:
    """Everything a record is built from besides the scanned code."""

    config: Config
    vendors: Mapping[str, VendorEntry]
    taxonomy: Taxonomy
    countries: Countries
    regions: Regions = field(default_factory=load_regions)


class _Builder:
    """Collects diagnostics and gaps while the parts of the record are built: activities
    (ropa.activities), vendors and transfers (ropa.transfers), the inventory
    (ropa.inventory), roles and clients (ropa.roles), and here the project's own blocks."""

    def __init__(self, scan: ScanResult, project: Project) -> None:
        self.scan = scan
        self.project = project
        self.tax = project.taxonomy
        self.diagnostics: list[Diagnostic] = []
        self.gaps: list[Gap] = []
        self._gap_keys: set[tuple[str, str | None, str | None, str | None]] = set()
        self._gap_ids: set[str] = set()
        self.places = Places(project, self)
        self.activities = Activities(self)

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
        while gap_id in self._gap_ids:
            n += 1
            gap_id = f"{':'.join(parts)}-{n}"
        self._gap_ids.add(gap_id)
        owner = f"activity '{activity}'" if activity else f"vendor '{vendor}'" if vendor else ""
        if code == "ROPA120":
            self.emit(code, f"{owner}: {message}" if owner else message, location, hint)
        self.gaps.append(
            Gap.model_validate(
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

    def retention(self, value: str | None, location: Location, owner: str) -> Retention | None:
        if value is None:
            return None
        try:
            return Retention.model_validate(parse_retention(value).as_json())
        except RetentionError as exc:
            self.emit("ROPA111", f"{owner}: {exc}", location)
            return None

    def build(self) -> RecordBody:
        config = self.project.config
        decls = [*config.activities, *(a for f in self.scan.files for a in f.activities)]
        merged, conflicts = merge_activities(decls)
        self.diagnostics.extend(conflicts)
        by_name = {m.name: m for m in merged}
        processors = [p for f in self.scan.files for p in f.processors]
        # The vendors each activity names itself (processors=), before markers join it.
        named = {m.name: frozenset(m.lists["processors"]) for m in merged}
        receipts = self.activities.link_processors(processors, by_name)
        activities = [self.activities.activity(m) for m in merged]
        rows = inventory([f for s in self.scan.files for f in s.fields], self)
        vendors = self.places.vendors(activities, receipts, named)
        self.controller_checks()
        self.project_gaps(activities)
        return RecordBody.model_validate(
            {
                "schema_version": SCHEMA_VERSION,
                "controller": self.controller(),
                "dpo": _opt(config.dpo),
                "representative": _opt(config.representative),
                "supervisory_authority": _opt(config.supervisory_authority),
                "role": config.role,
                "clients": roles.record_clients(config),
                "joint_controllers": roles.record_joint_controllers(self, config, activities),
                "processing_for_clients": roles.client_records(config, activities),
                "jurisdictions": config.jurisdictions,
                "activities": activities,
                "data_inventory": rows,
                "vendors": vendors,
                "transfers": self.places.transfers(activities),
                "security_measures": config.security_measures,
                "notice": _notice(config.notice),
                "vocabulary": self.vocabulary(activities, rows, vendors),
                "gaps": sorted(self.gaps, key=lambda g: (g.item, g.activity or "", g.id)),
                "breach": _opt(config.breach),
                "review": _opt(config.review),
                "privacy_policy_url": config.privacy_policy_url,
                "dpo_requirement": None
                if config.dpo_required
                else {"required": False, "reason": config.dpo_reason},
            }
        )

    def controller(self) -> dict[str, str]:
        """The controller block, with the name of its country when ``country`` is given."""
        block = dict(self.project.config.controller)
        if block.get("country"):
            block["country_name"] = self.project.countries.name(block["country"])
        return block

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

    def project_gaps(self, activities: Sequence[Activity]) -> None:
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
        if config.role == "processor" or any(a.role == "processor" for a in activities):
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
                if a.notice and a.role != "processor"
                for d in a.data_categories
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
        activities: Sequence[Activity],
        rows: Sequence[InventoryField],
        vendors: Sequence[Vendor],
    ) -> dict[str, Any]:
        """Labels of every key the record uses, so documents render from the record alone."""
        cats = {c for a in activities for c in a.data_categories}
        cats |= {c for row in rows for c in row.categories}
        cats |= {c for v in vendors for c in v.data_categories}
        subjects = {s for a in activities for s in a.data_subjects}
        subjects |= {s for row in rows for s in row.subjects}
        uses = {u for a in activities for u in a.uses}

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


def build_typed(scan: ScanResult, project: Project) -> tuple[RecordBody, list[Diagnostic]]:
    """The typed record (without ``generated``) and every diagnostic found building it.

    A value the checks let through into a part of the record that cannot hold it is ropa's
    own failure: exit 2 with the place in the record, never a traceback.
    """
    builder = _Builder(scan, project)
    try:
        body = builder.build()
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RopaError(
            f"ropa built a record it cannot write ({exc.title}: {where}: {first['msg']}); "
            "please report this with the declaration that caused it"
        ) from None
    return body, builder.diagnostics
