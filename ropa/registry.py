"""The vendor registry and the country facts that decide international transfers."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any, get_args

from ropa.errors import ConfigError
from ropa.recordmodel import Mechanism
from ropa.taxonomy import suggest
from ropa.yamlio import comma_hint, line_of, load_yaml

VENDOR_KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REGION_CODE = re.compile(r"^(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[A-Z]{2})$")
ROLES = ("processor", "controller", "joint_controller")
#: Transfer mechanisms a vendor can offer: the record's ``Mechanism`` (where their order is
#: explained) without ``adequacy``, which is a fact of the country (``countries.yaml``), not of
#: the vendor.
SAFEGUARDS: tuple[Mechanism, ...] = tuple(m for m in get_args(Mechanism) if m != "adequacy")
#: Safeguards that are only lawful with their documentation at hand: Art. 49(1) second
#: subparagraph asks the controller to document its assessment and inform the authority.
NEEDS_DOCUMENT: tuple[Mechanism, ...] = ("derogation_compelling_interests",)
VENDOR_FIELDS = (
    "name",
    "location",
    "country",
    "services",
    "kind",
    "role",
    "privacy_policy",
    "dpa",
    "safeguards",
    "sdk",
    "imports",
    "packages",
    "source",
    "region",
    "transfer_document",
    "sinks",
    "hosts",
)
#: What the code analysis reads (``ropa.flow``), not facts the record states about a vendor.
_FLOW_FIELDS = ("sinks", "hosts")
_REQUIRED = ("name", "location", "country", "services", "kind", "role", "privacy_policy")


@dataclass(frozen=True, slots=True, kw_only=True)
class Vendor:
    """One registry entry: who the vendor is, where, and what transfer safeguards it offers."""

    key: str
    name: str
    location: str
    country: str
    services: str
    kind: str
    role: str = "processor"
    privacy_policy: str = ""
    dpa: str | None = None
    safeguards: tuple[str, ...] = ()
    sdk: bool = False
    imports: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()
    source: str | None = None
    region: str | None = None
    """Where the vendor stores the data for this project unless a ``processor`` marker says
    otherwise: a region code of ``regions.yaml`` or an ISO country code."""
    transfer_document: str | None = None
    """The signed transfer instrument (URL or reference), shown instead of "ask us"."""
    sinks: tuple[str, ...] = ()
    """Calls of its SDK that send it data, as ``fnmatch`` patterns over dotted names
    (``sentry_sdk.capture_*``, ``openai.*.chat.completions.create``)."""
    hosts: tuple[str, ...] = ()
    """Host names its API answers on: an HTTP request to one (or a subdomain) reaches it."""

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            **{f: _json_value(getattr(self, f)) for f in VENDOR_FIELDS if f not in _FLOW_FIELDS},
        }


def _json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True, slots=True, kw_only=True)
class Adequacy:
    """An EU adequacy decision for a country."""

    country: str
    decided: dt.date
    scope: str
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Countries:
    """EEA membership, adequacy decisions (dated) and country names."""

    checked: dt.date
    eea: frozenset[str]
    adequacy: Mapping[str, Adequacy]
    names: Mapping[str, str]

    def name(self, code: str) -> str:
        return self.names.get(code, code)


def parse_vendors(data: Any, name: str, *, partial: bool = False) -> dict[str, Vendor]:
    """Validate a ``{key: entry}`` mapping; ``partial`` allows overriding only some fields."""
    problems: list[str] = []
    vendors: dict[str, Vendor] = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{name}:{line_of(data, 1)}: expected a mapping of vendor keys")
    for key, entry in data.items():
        line = data.key_lines.get(key, 0) if hasattr(data, "key_lines") else 0
        where = f"{name}:{line}"
        if not VENDOR_KEY.match(key):
            problems.append(f"{where}: vendor key '{key}' must be lower case words joined by '-'")
        if not isinstance(entry, dict):
            problems.append(f"{where}: vendor '{key}' must be a mapping")
            continue
        fields: dict[str, Any] = {}
        for field, value in entry.items():
            fline = entry.key_lines.get(field, line) if hasattr(entry, "key_lines") else line
            problem = _check_field(field, value)
            if problem:
                problems.append(f"{name}:{fline}: {key}.{field}: {problem}")
            else:
                fields[field] = tuple(value) if isinstance(value, list) else value
        for needed in NEEDS_DOCUMENT:
            if needed in (entry.get("safeguards") or ()) and not entry.get("transfer_document"):
                lines = getattr(entry, "key_lines", {})
                fline = lines.get("safeguards", line)
                problems.append(
                    f"{name}:{fline}: {key}.safeguards: {needed} requires transfer_document "
                    "(where the documented assessment of the transfer is kept)"
                )
        if not partial:
            missing = [f for f in _REQUIRED if f not in entry]
            if missing:
                problems.append(f"{where}: vendor '{key}' lacks {', '.join(missing)}")
                continue
            vendors[key] = Vendor(key=key, **fields)
        else:
            vendors[key] = fields  # type: ignore[assignment]  # merged by the caller
    if problems:
        raise ConfigError(problems)
    return vendors


def _check_field(field: str, value: Any) -> str | None:
    if field not in VENDOR_FIELDS:
        return f"unknown field (expected one of: {', '.join(VENDOR_FIELDS)})" + comma_hint(
            field, value
        )
    if field == "sdk":
        return None if isinstance(value, bool) else "must be true or false"
    if field in ("safeguards", "imports", "packages", "sinks", "hosts"):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "must be a list of strings"
        if field == "safeguards":
            bad = [v for v in value if v not in SAFEGUARDS]
            if bad:
                return f"unknown safeguard {bad[0]!r} (expected {', '.join(SAFEGUARDS)})"
        return None
    if field in ("dpa", "region", "transfer_document") and value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty string"
    if field == "country" and not re.fullmatch(r"[A-Z]{2}", value):
        return "must be an ISO 3166-1 alpha-2 code such as US or DE"
    if field == "country" and value not in load_countries().names:
        # ``XX`` would pass as a third country without a name or safeguard: a ROPA109 at
        # every activity using the vendor, far from the typo.
        return f"'{value}' is not an ISO 3166-1 alpha-2 code ropa knows, such as US or DE"
    if field == "region" and not REGION_CODE.match(value):
        return "must be a cloud region code such as eu-central-1 or an ISO country code"
    if field == "role" and value not in ROLES:
        return f"must be one of {', '.join(ROLES)}"
    if field in ("privacy_policy", "dpa") and not value.startswith(("https://", "http://")):
        return "must be a URL"
    return None


def merge_vendors(
    base: Mapping[str, Vendor], overrides: Mapping[str, Mapping[str, Any]], name: str
) -> dict[str, Vendor]:
    """Apply ``vendors:`` from ``ropa.yaml``: new entries need every required field."""
    merged = dict(base)
    problems: list[str] = []
    for key, fields in overrides.items():
        if key in merged:
            merged[key] = replace(merged[key], **fields)
        else:
            missing = [f for f in _REQUIRED if f not in fields]
            if missing:
                problems.append(
                    f"{name}: new vendor '{key}' lacks {', '.join(missing)} "
                    "(or use a registry key: see 'ropa vendors')"
                )
                continue
            merged[key] = Vendor(key=key, **fields)
    if problems:
        raise ConfigError(problems)
    return dict(sorted(merged.items()))


@functools.cache
def load_registry() -> dict[str, Vendor]:
    """The built-in vendor registry shipped in ``ropa/data/vendors.yaml``."""
    text = resources.files("ropa").joinpath("data/vendors.yaml").read_text("utf-8")
    return dict(
        sorted(parse_vendors(load_yaml(text, "vendors.yaml", shipped=True), "vendors.yaml").items())
    )


def registry_services(key: str) -> str | None:
    """The registry's description of vendor ``key`` (ropa's own text, which its catalog
    translates), or None for a vendor the registry does not list."""
    listed = load_registry().get(key)
    return listed.services if listed is not None else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Router:
    """A package that sends data to a vendor its configuration picks at run time (litellm)."""

    key: str
    name: str
    kinds: tuple[str, ...]
    """Vendor kinds it can route to: declaring any vendor of one of them accounts for it."""
    routes: str
    imports: tuple[str, ...]
    packages: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class KnownPackages:
    """Import names beyond the vendors' own SDKs: integrations that reveal one vendor,
    routers, general network clients and libraries that send nothing."""

    libraries: Mapping[str, str]
    """Import name -> what it is, for packages that send nothing by themselves."""
    clients: Mapping[str, str]
    """Import name -> what it is, for clients that send to whichever host the code names."""
    routers: Mapping[str, Router]
    integrations: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]
    """Vendor key -> (import names, distribution names) of packages by others that send
    data to that vendor only (``langchain_openai``)."""


_ROUTER_FIELDS = ("name", "kinds", "routes", "imports", "packages")


def parse_known_packages(data: Any, name: str) -> KnownPackages:
    """Validate ``libraries.yaml``; every problem names the file and line."""
    problems: list[str] = []
    sections = {"libraries", "clients", "routers", "integrations"}
    if not isinstance(data, dict) or set(data) != sections:
        raise ConfigError(f"{name}:1: expected exactly the sections {', '.join(sorted(sections))}")
    plain: dict[str, dict[str, str]] = {}
    for section in ("libraries", "clients"):
        entries = data[section]
        if not isinstance(entries, dict):
            raise ConfigError(f"{name}:{line_of(entries, 1)}: {section} must be a mapping")
        plain[section] = {}
        for key, what in entries.items():
            if not isinstance(what, str) or not what.strip():
                line = entries.key_lines.get(key, 0) if hasattr(entries, "key_lines") else 0
                problems.append(f"{name}:{line}: {section}.{key}: must be a non-empty string")
            else:
                plain[section][key] = what
    routers: dict[str, Router] = {}
    entries = data["routers"]
    if not isinstance(entries, dict):
        raise ConfigError(f"{name}:{line_of(entries, 1)}: routers must be a mapping")
    for key, entry in entries.items():
        line = entries.key_lines.get(key, 0) if hasattr(entries, "key_lines") else 0
        if not isinstance(entry, dict) or set(entry) != set(_ROUTER_FIELDS):
            problems.append(
                f"{name}:{line}: router '{key}' needs exactly {', '.join(_ROUTER_FIELDS)}"
            )
            continue
        # ``imports`` may be empty: an import name shared with an unrelated package is no sign.
        lists = ("kinds", "imports", "packages")
        bad = [f for f in lists if not isinstance(entry[f], list)]
        bad += [f for f in ("kinds", "packages") if f not in bad and not entry[f]]
        bad += [f for f in lists if f not in bad and not all(isinstance(v, str) for v in entry[f])]
        bad += [f for f in ("name", "routes") if not isinstance(entry[f], str) or not entry[f]]
        if bad:
            problems.append(f"{name}:{line}: router '{key}': bad {', '.join(bad)}")
            continue
        routers[key] = Router(
            key=key,
            name=entry["name"],
            kinds=tuple(entry["kinds"]),
            routes=entry["routes"],
            imports=tuple(entry["imports"]),
            packages=tuple(entry["packages"]),
        )
    integrations: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    entries = data["integrations"]
    if not isinstance(entries, dict):
        raise ConfigError(f"{name}:{line_of(entries, 1)}: integrations must be a mapping")
    for key, entry in entries.items():
        line = entries.key_lines.get(key, 0) if hasattr(entries, "key_lines") else 0
        if (
            not isinstance(entry, dict)
            or set(entry) != {"imports", "packages"}
            or not all(
                isinstance(v, list) and all(isinstance(s, str) and s for s in v)
                for v in entry.values()
            )
        ):
            problems.append(f"{name}:{line}: integration '{key}' needs lists imports, packages")
            continue
        integrations[key] = (tuple(entry["imports"]), tuple(entry["packages"]))
    if problems:
        raise ConfigError(problems)
    return KnownPackages(
        libraries=plain["libraries"],
        clients=plain["clients"],
        routers=routers,
        integrations=integrations,
    )


@functools.cache
def load_known_packages() -> KnownPackages:
    """The libraries, clients and routers shipped in ``ropa/data/libraries.yaml``."""
    text = resources.files("ropa").joinpath("data/libraries.yaml").read_text("utf-8")
    return parse_known_packages(load_yaml(text, "libraries.yaml", shipped=True), "libraries.yaml")


@functools.cache
def load_countries() -> Countries:
    """EEA and adequacy facts shipped in ``ropa/data/countries.yaml``."""
    text = resources.files("ropa").joinpath("data/countries.yaml").read_text("utf-8")
    data = load_yaml(text, "countries.yaml", shipped=True)
    adequacy = {
        code: Adequacy(
            country=code,
            decided=info["decided"],
            scope=info.get("scope", "full"),
            note=info.get("note"),
        )
        for code, info in (data.get("adequacy") or {}).items()
    }
    return Countries(
        checked=data["checked"],
        eea=frozenset(data["eea"]),
        adequacy=adequacy,
        names=dict(data.get("names") or {}),
    )


# Short names that take "the" in a sentence ("established in the United States").
_WITH_ARTICLE = frozenset(
    {
        "Bahamas",
        "Central African Republic",
        "Comoros",
        "Czech Republic",
        "Dominican Republic",
        "Gambia",
        "Isle of Man",
        "Maldives",
        "Marshall Islands",
        "Netherlands",
        "Philippines",
        "Seychelles",
        "Solomon Islands",
    }
)


def country_phrase(name: str) -> str:
    """A country's name as it stands after "in": ``the United States``, ``Germany``."""
    if name in _WITH_ARTICLE or name.startswith(("United ", "Faroe ", "Cayman ")):
        return f"the {name}"
    return name


def transfer_safeguard(
    vendor: Vendor, countries: Countries, country: str | None = None
) -> str | None:
    """How a transfer to this vendor is safeguarded, or None when it is not (ROPA109).

    ``country`` is where the data goes (a region's country, or the head office's when
    None). Within the EEA there is no transfer (returns ``"eea"``). A full adequacy
    decision covers everyone; the US decision covers only organisations certified under the
    EU-US Data Privacy Framework, so US vendors need ``dpf`` in their safeguards. Else the
    first of the vendor's ``safeguards`` in the order of ``SAFEGUARDS``.
    """
    country = country or vendor.country
    if country in countries.eea:
        return "eea"
    decision = countries.adequacy.get(country)
    if country == "US":
        if "dpf" in vendor.safeguards:
            return "dpf"
    elif decision is not None:
        return "adequacy"
    for safeguard in SAFEGUARDS[1:]:
        if safeguard in vendor.safeguards:
            return safeguard
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Region:
    """One cloud region: the provider's code and the country and city it is in."""

    code: str
    provider: str
    """The provider's display name (``Amazon Web Services``)."""
    country: str
    city: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Regions:
    """The cloud regions of ``regions.yaml``, by the vendor keys they belong to."""

    checked: dt.date
    by_vendor: Mapping[str, Mapping[str, Region]]

    def of(self, vendor: str) -> Mapping[str, Region]:
        """The regions a vendor key has (none for vendors without regions)."""
        return self.by_vendor.get(vendor, {})

    def providers_of(self, code: str) -> list[str]:
        """The providers that have a region of this code (to say whose region it is)."""
        tables = self.by_vendor.values()
        return sorted({r.provider for table in tables for r in table.values() if r.code == code})


_PROVIDER_FIELDS = ("name", "vendors", "source", "regions")


def parse_regions(
    data: Any, name: str, vendors: Mapping[str, Vendor], countries: Countries
) -> Regions:
    """Validate ``regions.yaml``: every code well formed, every country known, every vendor
    key in the registry, each vendor under one provider only; problems name file and line."""
    problems: list[str] = []
    if not isinstance(data, dict) or set(data) != {"checked", "providers"}:
        raise ConfigError(f"{name}:{line_of(data, 1)}: expected exactly checked and providers")
    if not isinstance(data["checked"], dt.date):
        line = getattr(data, "key_lines", {}).get("checked", 1)
        problems.append(f"{name}:{line}: checked must be a date")
    providers = data["providers"]
    if not isinstance(providers, dict):
        raise ConfigError(f"{name}:{line_of(providers, 1)}: providers must be a mapping")
    by_vendor: dict[str, dict[str, Region]] = {}
    for key, entry in providers.items():
        line = getattr(providers, "key_lines", {}).get(key, 0)
        if not isinstance(entry, dict) or set(entry) != set(_PROVIDER_FIELDS):
            problems.append(
                f"{name}:{line}: provider '{key}' needs exactly " + ", ".join(_PROVIDER_FIELDS)
            )
            continue
        keys = entry["vendors"]
        if (
            not isinstance(entry["name"], str)
            or not isinstance(keys, list)
            or not keys
            or not all(isinstance(k, str) for k in keys)
        ):
            problems.append(f"{name}:{line}: provider '{key}' needs a name and vendor keys")
            continue
        table: dict[str, Region] = {}
        regions = entry["regions"]
        if not isinstance(regions, dict) or not regions:
            problems.append(f"{name}:{line}: provider '{key}' needs a mapping of regions")
            continue
        for code, place in regions.items():
            where = f"{name}:{getattr(regions, 'key_lines', {}).get(code, line)}: {key}.{code}"
            if not REGION_CODE.match(code) or code.isupper():
                problems.append(f"{where}: a region code is lower case letters, digits and '-'")
            elif (
                not isinstance(place, dict)
                or set(place) != {"country", "city"}
                or not all(isinstance(v, str) and v.strip() for v in place.values())
            ):
                problems.append(f"{where}: needs exactly country and city")
            elif place["country"] not in countries.names:
                problems.append(f"{where}: unknown country code '{place['country']}'")
            else:
                table[code] = Region(
                    code=code, provider=entry["name"], country=place["country"], city=place["city"]
                )
        for vendor in keys:
            if vendor not in vendors:
                problems.append(f"{name}:{line}: provider '{key}': no vendor '{vendor}'")
            elif vendor in by_vendor:
                problems.append(f"{name}:{line}: vendor '{vendor}' is under two providers")
            else:
                by_vendor[vendor] = table
    regions = Regions(checked=data["checked"], by_vendor=by_vendor)
    # A registry entry's own default region must be a place that entry has.
    for key, vendor in sorted(vendors.items()):
        if vendor.region is not None:
            found = resolve_region(key, vendor.region, regions, countries)
            if not isinstance(found, Place):
                problems.append(f"vendors.yaml: {key}.region: {found[0]}")
    if problems:
        raise ConfigError(problems)
    return regions


@functools.cache
def load_regions() -> Regions:
    """The cloud regions shipped in ``ropa/data/regions.yaml``, checked against the registry."""
    text = resources.files("ropa").joinpath("data/regions.yaml").read_text("utf-8")
    return parse_regions(
        load_yaml(text, "regions.yaml", shipped=True),
        "regions.yaml",
        load_registry(),
        load_countries(),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """Where a vendor keeps the data: a region (or a country given directly)."""

    region: str
    """The code as declared: ``eu-central-1``, or an ISO country code."""
    country: str
    city: str | None = None


def resolve_region(
    vendor: str, code: str, regions: Regions, countries: Countries
) -> Place | tuple[str, str]:
    """The place a region code names for this vendor, or (message, hint) when it names none."""
    own = regions.of(vendor)
    if code in own:
        return Place(region=code, country=own[code].country, city=own[code].city)
    if re.fullmatch(r"[A-Z]{2}", code) and code in countries.names:
        return Place(region=code, country=code)
    expected = f"a region of '{vendor}' or an ISO country code" if own else "an ISO country code"
    message = f"unknown region '{code}' for '{vendor}' (expected {expected})"
    others = regions.providers_of(code)
    if others:
        message = f"'{code}' is a region of {', '.join(others)}, not of '{vendor}'"
    guess = suggest(code, own) if own else None
    if guess is None and code.upper() in countries.names:
        guess = code.upper()
    if guess:
        return message, f"did you mean '{guess}'?"
    if own:
        return message, f"'ropa vendors {vendor}' lists its regions; or give the country code"
    return message, 'give the ISO code of the country where it keeps the data, e.g. "DE"'
