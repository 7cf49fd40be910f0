"""The project file ``ropa.yaml``: found, read strictly and turned into a typed ``Config``."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from ropa.errors import ConfigError, RopaError
from ropa.model import ACTIVITY_ROLES, ActivityDecl, Location
from ropa.recordio import read_bounded
from ropa.registry import VENDOR_KEY, Vendor, merge_vendors, parse_vendors
from ropa.taxonomy import Taxonomy, Term
from ropa.yamlio import MAX_YAML_BYTES, YMap, comma_hint, line_of, load_yaml

CONFIG_NAME = "ropa.yaml"

_CONTACT = {"name": "str", "address": "str", "email": "str", "phone": "str", "website": "str"}
# Where the controller is established (ISO code): outside the EEA it needs a representative.
_CONTROLLER = {**_CONTACT, "country": "str"}
_ACTIVITY = {
    "name": "str",
    "purpose": "str",
    "legal_basis": "str",
    "legitimate_interest": "str",
    "special_category_basis": "basis",
    "data": "list",
    "subjects": "list",
    "uses": "list",
    "processors": "list",
    "recipients": "list",
    "retention": "str",
    "source": "str",
    "automated_decision": "str",
    "profiling": "bool",
    "requirement": "str",
    "notice": "bool",
    "role": "role",
    "on_behalf_of": "list",
    "joint_controllers": "list",
    "description": "str",
    "owner": "str",
    "lia": "str",
    "dpia": "str",
    "consent_record": "str",
    "withdrawal": "str",
    "automated_decision_exception": "str",
    "automated_decision_effects": "str",
    "retention_policy": "str",
}
# The controllers we process for (Art. 30(2)(a)); activities name them by key in on_behalf_of.
_CLIENT = {"key": "key", "name": "str", "contact": "str", "representative": "str", "dpo": "str"}
# Art. 26: who decides with us, and the essence of the arrangement the notice must state.
_JOINT = {
    "name": "str",
    "contact": "str",
    "address": "str",
    "responsibilities": "str",
    "arrangement": "str",
}
#: ``dpo: {required: false, reason: ...}`` declares that Art. 37 does not require one.
_DPO = {**_CONTACT, "required": "bool", "reason": "str"}
_CATEGORY = {
    "name": "str",
    "label": "str",
    "description": "str",
    "parent": "str",
    "special": "special",
    "ccpa": "list",
    "ccpa_sensitive": "bool",
}
# Shape of ropa.yaml: a dict is a mapping with known keys, "[x]" a list of x, "{x}" a mapping
# from free keys to x.
_SCHEMA: dict[str, Any] = {
    "controller": _CONTROLLER,
    "dpo": _DPO,
    "representative": _CONTACT,
    "supervisory_authority": {"name": "str", "url": "str", "address": "str"},
    "role": "str",
    "clients": ["clients", _CLIENT],
    "joint_controllers": ("joint_controllers", _JOINT),
    "jurisdictions": "list",
    "security_measures": "list",
    "activities": ["activities", _ACTIVITY],
    "vendors": "vendors",
    "categories": ("categories", _CATEGORY),
    "notice": {
        "effective_date": "date",
        "children_min_age": "age",
        "contact_url": "str",
        "changes": "str",
        "ccpa": {"sells": "bool", "shares": "bool"},
        "languages": "languages",
    },
    "breach": {"procedure": "str", "register": "str"},
    "review": {"date": "date", "by": "str"},
    "privacy_policy_url": "str",
    "scan": {
        "paths": "list",
        "exclude": "list",
        "marker_modules": "list",
        "max_file_size": "size",
        "sanitisers": "list",
        "evidence": "bool",
        "test_paths": "list",
    },
}
JURISDICTIONS = ("gdpr", "ccpa")
DEFAULT_MAX_FILE_SIZE = 5_000_000
#: An age in years that a notice may name; the record's schema holds the same bound.
MAX_AGE = 130
#: The largest scan.max_file_size: beyond it a file is not source code anyone wrote.
MAX_SIZE = 2_000_000_000
SPECIAL_FLAGS = ("art9", "art10")


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanSettings:
    """The ``scan:`` section."""

    paths: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    marker_modules: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    sanitisers: tuple[str, ...] = ()
    """Functions (dotted or bare names) whose result no longer identifies anyone: a flow of
    personal data through one stops there."""
    evidence: bool = True
    """Follow personal data through the code (``ropa.flow``); ``--no-evidence`` turns it off."""
    test_paths: tuple[str, ...] | None = None
    """Test code, where flows are not followed; None: ``ropa.scanner.TEST_PATHS``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """A validated ``ropa.yaml`` (or the defaults when there is none)."""

    path: str | None = None
    """Where it was read from, relative to the project root (``ropa.yaml``), or None."""
    controller: Mapping[str, str] = field(default_factory=dict)
    controller_line: int = 0
    lines: Mapping[str, int] = field(default_factory=dict)
    """The line of each top-level key, and of each key of a contact block and of ``notice``
    as ``"dpo.email"``: where a gap in that part of the file is reported."""
    dpo: Mapping[str, str] | None = None
    representative: Mapping[str, str] | None = None
    supervisory_authority: Mapping[str, str] | None = None
    role: str = "controller"
    clients: tuple[Mapping[str, str], ...] = ()
    """Each with its ``key`` (given, or made from its name) and what else it declares."""
    joint_controllers: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    jurisdictions: tuple[str, ...] = ("gdpr",)
    security_measures: tuple[str, ...] = ()
    activities: tuple[ActivityDecl, ...] = ()
    vendor_overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    categories: Mapping[str, Term] = field(default_factory=dict)
    notice: Mapping[str, Any] = field(default_factory=dict)
    scan: ScanSettings = field(default_factory=ScanSettings)
    dpo_required: bool = True
    """False when ``dpo: {required: false}`` says Art. 37 requires no DPO."""
    dpo_reason: str | None = None
    breach: Mapping[str, str] | None = None
    """``breach: {procedure, register}``: where the Art. 33 procedure and register are."""
    review: Mapping[str, str] | None = None
    """``review: {date, by}``: when the record was last reviewed and by whom (ISO date)."""
    privacy_policy_url: str | None = None

    def vendors(self, registry: Mapping[str, Vendor]) -> dict[str, Vendor]:
        return merge_vendors(registry, self.vendor_overrides, self.path or CONFIG_NAME)


def _empty_hint(value: object, label: str, empty: str) -> str:
    """For a key left with no value (its last entry deleted, the examples below it still
    commented out): how to say there are none."""
    if value is not None:
        return ""
    return f": it is empty here (write '{label}: {empty}' when there are none)"


def find_config(start: Path) -> Path | None:
    """The nearest ``ropa.yaml`` in ``start`` or a directory above it."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        # Anything by that name is the project's file: load_config refuses a FIFO or a folder
        # rather than skip it for the defaults or a ropa.yaml further up.
        if os.path.lexists(candidate):
            return candidate
    return None


def load_config(path: Path, display: str = CONFIG_NAME) -> Config:
    """Read and validate ``ropa.yaml``; every problem is ``ropa.yaml:LINE: message``."""
    try:
        # A regular file only, opened without blocking (a FIFO would hang the scan); one byte
        # past the limit is enough for load_yaml to refuse a giant file.
        raw = read_bounded(path, MAX_YAML_BYTES + 1, display, cut=True)
    except RopaError as exc:
        raise ConfigError(exc.problems) from None
    data = load_yaml(raw, display)
    if data is None:
        return Config(path=display)
    return parse_config(data, display)


def parse_config(data: Any, display: str) -> Config:
    if not isinstance(data, YMap):
        raise ConfigError(f"{display}:{line_of(data, 1)}: expected a mapping at the top level")
    checker = _Checker(display)
    checker.check(data, _SCHEMA, "", 1)
    if "role" in data and data["role"] not in ("controller", "processor"):
        checker.err(data.key_lines["role"], "role must be 'controller' or 'processor'")
    jurisdictions = data.get("jurisdictions")
    for j in jurisdictions if isinstance(jurisdictions, list) else ():
        if isinstance(j, str) and j not in JURISDICTIONS:
            checker.err(
                data.key_lines["jurisdictions"],
                f"unknown jurisdiction '{j}' (expected {', '.join(JURISDICTIONS)})",
            )
    _check_controller_country(data, checker)
    vendors: dict[str, Any] = {}
    if isinstance(data.get("vendors"), dict):
        try:
            vendors = parse_vendors(data["vendors"], display, partial=True)
        except ConfigError as exc:
            checker.problems.extend(exc.problems)
    if checker.problems:
        raise ConfigError(checker.problems)
    categories = _categories(data, checker)
    _check_scan_paths(data, checker)
    clients = _clients(data, checker)
    joint = _joint_controllers(data, checker)
    if checker.problems:
        raise ConfigError(checker.problems)

    def block(key: str) -> dict[str, str] | None:
        value = data.get(key)
        # A date is kept as ISO text; a DPO's required/reason are not contact details.
        kept = {k: v for k, v in (value or {}).items() if k not in ("required", "reason")}
        return {k: _text(v) for k, v in kept.items()} if kept else None

    scan = data.get("scan") or {}
    return Config(
        path=display,
        controller=block("controller") or {},
        controller_line=data.key_lines.get("controller", 1),
        lines=_key_lines(data),
        dpo=block("dpo"),
        representative=block("representative"),
        supervisory_authority=block("supervisory_authority"),
        role=data.get("role", "controller"),
        clients=clients,
        joint_controllers=joint,
        jurisdictions=tuple(data.get("jurisdictions") or ("gdpr",)),
        security_measures=tuple(data.get("security_measures") or ()),
        activities=tuple(
            _activity(item, line, display)
            for item, line in zip(data.get("activities") or (), _item_lines(data, "activities"))
        ),
        vendor_overrides=vendors,
        categories=categories,
        notice=dict(data.get("notice") or {}),
        dpo_required=bool((data.get("dpo") or {}).get("required", True)),
        dpo_reason=(data.get("dpo") or {}).get("reason"),
        breach=block("breach"),
        review=block("review"),
        privacy_policy_url=data.get("privacy_policy_url"),
        scan=ScanSettings(
            paths=tuple(scan.get("paths") or ()),
            exclude=tuple(scan.get("exclude") or ()),
            marker_modules=tuple(scan.get("marker_modules") or ()),
            max_file_size=int(scan.get("max_file_size", DEFAULT_MAX_FILE_SIZE)),
            sanitisers=tuple(scan.get("sanitisers") or ()),
            evidence=bool(scan.get("evidence", True)),
            test_paths=None if scan.get("test_paths") is None else tuple(scan["test_paths"]),
        ),
    )


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _key_lines(data: YMap) -> dict[str, int]:
    lines = dict(data.key_lines)
    blocks = ("controller", "dpo", "representative", "supervisory_authority", "notice")
    for key in (*blocks, "breach", "review", "vendors", "joint_controllers"):
        value = data.get(key)
        if isinstance(value, YMap):
            lines.update({f"{key}.{sub}": line for sub, line in value.key_lines.items()})
    for item, line in zip(data.get("clients") or (), _item_lines(data, "clients")):
        lines[f"clients.{_client_key(item)}"] = line
        if isinstance(item, YMap):
            lines.update({f"clients.{_client_key(item)}.{f}": n for f, n in item.key_lines.items()})
    # Each vendor's fields too (``vendors.aws.region``): a region it does not have is
    # reported where it is written.
    vendors = data.get("vendors")
    if isinstance(vendors, YMap):
        for key, entry in vendors.items():
            lines[f"vendors.{key}"] = vendors.key_lines.get(key, 1)
            if isinstance(entry, YMap):
                lines.update({f"vendors.{key}.{f}": n for f, n in entry.key_lines.items()})
    return lines


def _client_key(item: Mapping[str, Any]) -> str:
    """A client's ``key``, or one made from its name (``Acme GmbH`` -> ``acme-gmbh``)."""
    if item.get("key"):
        return str(item["key"])
    text = unicodedata.normalize("NFKD", str(item.get("name") or "")).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "-", text.decode().lower()).strip("-")


def _clients(data: YMap, checker: _Checker) -> tuple[dict[str, str], ...]:
    """``clients:``, each with a key: activities name the clients they serve by it."""
    out: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for i, (item, line) in enumerate(
        zip(data.get("clients") or (), _item_lines(data, "clients")), start=1
    ):
        key = _client_key(item)
        if not key:
            checker.err(line, f"clients[{i}] needs a key (or a name to make one from)")
            continue
        if key in seen:
            checker.err(
                line, f"clients[{i}]: key '{key}' is already used by the client at line {seen[key]}"
            )
            continue
        seen[key] = line
        block = {field: str(item[field]) for field in _CLIENT if field in item}
        out.append({**block, "key": key})
    return tuple(out)


def _joint_controllers(data: YMap, checker: _Checker) -> dict[str, dict[str, str]]:
    """``joint_controllers:`` by key; each names the organisation at least."""
    section = data.get("joint_controllers") or {}
    lines: dict[str, int] = getattr(section, "key_lines", {})
    out: dict[str, dict[str, str]] = {}
    for key, value in section.items():
        line = lines.get(key, 1)
        if not isinstance(key, str) or not VENDOR_KEY.match(key):
            checker.err(
                line,
                f"joint_controllers: key '{key}' must be lower case words joined by hyphens",
            )
            continue
        if not value.get("name"):
            checker.err(line, f"joint_controllers.{key} lacks 'name'")
            continue
        out[key] = {field: str(value[field]) for field in _JOINT if field in value}
    return out


def _check_controller_country(data: YMap, checker: _Checker) -> None:
    """``controller.country`` is an ISO 3166-1 alpha-2 code ropa knows the name of."""
    controller = data.get("controller")
    country = controller.get("country") if isinstance(controller, YMap) else None
    if not isinstance(country, str):
        return
    from ropa.registry import load_countries

    if country not in load_countries().names:
        checker.err(
            getattr(controller, "key_lines", {}).get("country", 1),
            f"controller.country: '{country}' is not an ISO 3166-1 alpha-2 code such as DE or US",
        )


def _item_lines(data: YMap, key: str) -> list[int]:
    value = data.get(key)
    return list(getattr(value, "item_lines", [])) if value else []


def _activity(item: Mapping[str, Any], line: int, display: str) -> ActivityDecl:
    values: dict[str, Any] = {k: (tuple(v) if isinstance(v, list) else v) for k, v in item.items()}
    name = values.pop("name")
    basis = values.get("special_category_basis")
    if isinstance(basis, dict):
        values["special_category_basis"] = {k: str(v).strip() for k, v in basis.items()}
    return ActivityDecl.of(
        name=name, location=Location(path=display, line=line, column=1), values=values
    )


def _category(key: str, value: Mapping[str, Any], builtin: Term | None) -> Term:
    """The user's category; what it leaves out of a built-in one is kept from the built-in."""
    name = value.get("name") or (builtin.name if builtin else key)
    default_parent = key.rsplit(".", 1)[0] if "." in key else None
    return Term(
        key=key,
        name=str(name),
        label=str(value.get("label") or (builtin.label if builtin else name)),
        description=str(value.get("description") or (builtin.description if builtin else "")),
        parent=value.get("parent") or (builtin.parent if builtin else default_parent),
        special=value.get("special") or (builtin.special if builtin else None),
        ccpa=tuple(value.get("ccpa") or (builtin.ccpa if builtin else ())),
        ccpa_sensitive=bool(
            value.get("ccpa_sensitive", builtin.ccpa_sensitive if builtin else False)
        ),
    )


def _categories(data: YMap, checker: _Checker) -> dict[str, Term]:
    """The ``categories:`` section, refused where it would lower a built-in protection.

    A project may add categories and raise flags (make a category special or CCPA sensitive),
    never lower them: an Art. 9 or Art. 10 category, or a CCPA sensitive one, stays so
    whatever ropa.yaml says, because the checks that protect such data (ROPA107) hang on it.
    """
    section = data.get("categories") or {}
    if not section:
        return {}
    from ropa.taxonomy import load_taxonomy

    base = load_taxonomy()
    lines: dict[str, int] = getattr(section, "key_lines", {})
    own = {key: _category(key, value, base.categories.get(key)) for key, value in section.items()}
    merged = base.with_categories(own)
    for key, term in own.items():
        line = lines.get(key, 1)
        seen = [key]
        parent = term.parent
        while parent is not None and parent in merged.categories:
            if parent in seen:
                cycle = " -> ".join([*seen[seen.index(parent) :], parent])
                checker.err(line, f"categories.{key}: parent cycle {cycle}")
                break
            seen.append(parent)
            parent = merged.categories[parent].parent
    if checker.problems:
        return own
    for key in sorted(base.categories):
        culprit = next((k for k in _lineage(key, base, merged) if k in own), None)
        if culprit is None:
            continue
        where = f"categories.{culprit}"
        before, after = base.special(key), merged.special(key)
        if before and after != before:
            checker.err(
                lines.get(culprit, 1),
                f"{where} would make '{key}' {after or 'not special'} instead of {before}: "
                "built-in flags may only be raised, never lowered",
            )
        if _sensitive(key, base) and not _sensitive(key, merged):
            checker.err(
                lines.get(culprit, 1),
                f"{where} would make '{key}' not CCPA sensitive: "
                "built-in flags may only be raised, never lowered",
            )
    # One message per cause, in the order of the file.
    checker.problems = list(dict.fromkeys(checker.problems))
    return own


def _lineage(key: str, *taxonomies: Taxonomy) -> list[str]:
    """``key`` and its ancestors in each of ``taxonomies`` (free of cycles), nearest first."""
    out: list[str] = []
    for tax in taxonomies:
        term = tax.categories.get(key)
        while term is not None and term.key not in out:
            out.append(term.key)
            term = tax.categories.get(term.parent) if term.parent else None
    return out


def _sensitive(key: str, tax: Taxonomy) -> bool:
    return any(tax.categories[k].ccpa_sensitive for k in _lineage(key, tax))


def _check_scan_paths(data: YMap, checker: _Checker) -> None:
    """``scan.paths`` stay inside the project: no absolute path, no ``..``.

    The file comes with the tree being scanned; a path that leaves it would put files the
    pull request does not hold (``/etc``, a neighbour checkout) into the record. Paths given
    on the command line are the caller's own choice and are not limited.
    """
    scan = data.get("scan") or {}
    paths = scan.get("paths") or []
    line = getattr(scan, "key_lines", {}).get("paths", 1)
    for path in paths:
        pure = PurePosixPath(path.replace("\\", "/"))
        if pure.is_absolute() or PureWindowsPath(path).drive or ".." in pure.parts:
            checker.err(
                line,
                f"scan.paths: '{path}' leaves the project; name folders inside it "
                "(or give the path on the command line)",
            )


class _Checker:
    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[str] = []

    def err(self, line: int, message: str) -> None:
        self.problems.append(f"{self.display}:{line}: {message}")

    def check(self, value: Any, shape: Any, where: str, line: int) -> None:
        label = where or "the top level"
        if isinstance(shape, dict):
            if not isinstance(value, dict):
                self.err(line, f"{label} must be a mapping")
                return
            for key, item in value.items():
                key_line = value.key_lines.get(key, line) if hasattr(value, "key_lines") else line
                name = f"{where}.{key}" if where else key
                if key not in shape:
                    self.err(
                        key_line,
                        f"unknown key '{name}' (expected one of: {', '.join(shape)})"
                        + comma_hint(key, item),
                    )
                    continue
                self.check(item, shape[key], name, key_line)
            if shape is _ACTIVITY and "name" not in value:
                self.err(line, f"{label} lacks 'name'")
        elif isinstance(shape, list):
            if not isinstance(value, list):
                self.err(line, f"{label} must be a list" + _empty_hint(value, label, "[]"))
                return
            for i, item in enumerate(value):
                item_line = value.item_lines[i] if hasattr(value, "item_lines") else line
                self.check(item, shape[1], f"{where}[{i + 1}]", item_line)
        elif isinstance(shape, tuple):
            if not isinstance(value, dict):
                self.err(line, f"{label} must be a mapping" + _empty_hint(value, label, "{}"))
                return
            for key, item in value.items():
                key_lines = getattr(value, "key_lines", {})
                self.check(item, shape[1], f"{where}.{key}", key_lines.get(key, line))
        elif shape == "vendors":
            if not isinstance(value, dict):
                hint = _empty_hint(value, label, "{}")
                self.err(line, f"{label} must be a mapping of vendor keys{hint}")
        elif shape == "languages":
            self._languages(value, label, line)
        elif shape == "list":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                hint = _empty_hint(value, label, "[]")
                self.err(line, f"{label} must be a list of strings{hint}")
        elif shape == "str":
            if not isinstance(value, str) or not value.strip():
                self.err(line, f"{label} must be a non-empty string")
        elif shape == "bool":
            if not isinstance(value, bool):
                self.err(line, f"{label} must be true or false")
        elif shape == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                self.err(line, f"{label} must be a whole number")
        elif shape == "age":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_AGE:
                self.err(line, f"{label} must be an age in years, from 0 to {MAX_AGE}")
        elif shape == "size":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= MAX_SIZE:
                self.err(line, f"{label} must be a number of bytes from 1 to {MAX_SIZE:,}")
        elif shape == "role":
            if value not in ACTIVITY_ROLES:
                self.err(line, f"{label} must be one of: {', '.join(ACTIVITY_ROLES)}")
        elif shape == "key":
            if not isinstance(value, str) or not VENDOR_KEY.match(value):
                self.err(line, f"{label} must be lower case words joined by hyphens (acme-retail)")
        elif shape == "basis":
            self._basis(value, label, line)
        elif shape == "special":
            if value not in SPECIAL_FLAGS:
                self.err(line, f"{label} must be one of: {', '.join(SPECIAL_FLAGS)}")
        elif shape == "date" and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            self.err(line, f"{label} must be a date written YYYY-MM-DD")

    def _languages(self, value: Any, label: str, line: int) -> None:
        """``notice.languages``: the languages the notice is built in, each one ropa has."""
        from ropa.i18n import LANGUAGES

        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            self.err(line, f"{label} must be a list of language codes, such as [en, de, fr]")
            return
        lines = getattr(value, "item_lines", [line] * len(value))
        seen: set[str] = set()
        for code, item_line in zip(value, lines):
            if code not in LANGUAGES:
                self.err(
                    item_line,
                    f"{label}: unknown language '{code}' (available: {', '.join(LANGUAGES)})",
                )
            elif code in seen:
                self.err(item_line, f"{label}: '{code}' is listed twice")
            seen.add(code)

    def _basis(self, value: Any, label: str, line: int) -> None:
        """A special category condition: a key, or ``{condition: KEY, law: TEXT}``."""
        if isinstance(value, str) and value.strip():
            return
        if isinstance(value, dict):
            unknown = [k for k in value if k not in ("condition", "law")]
            for key in unknown:
                self.err(line, f"unknown key '{label}.{key}' (expected one of: condition, law)")
            for key in ("condition", "law"):
                item = value.get(key)
                if (key == "condition" or item is not None) and (
                    not isinstance(item, str) or not item.strip()
                ):
                    self.err(line, f"{label}.{key} must be a non-empty string")
            return
        self.err(line, f"{label} must be a condition key or a mapping {{condition, law}}")
