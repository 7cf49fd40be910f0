"""What the code shows but nobody declared: personal-data fields, vendor SDKs, unknown packages."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import Any

from ropa.checks import diag
from ropa.model import Diagnostic, ImportRef, Level, Location, ScanResult
from ropa.registry import Vendor

_ALWAYS_KNOWN = frozenset({"ropa", "__future__", "__main__"})


def vendor_for_import(module: str, vendors: Mapping[str, Vendor]) -> Vendor | None:
    """The registry vendor an import reveals (``sentry_sdk.integrations`` -> sentry)."""
    for vendor in vendors.values():
        for name in vendor.imports:
            if module == name or module.startswith(name + "."):
                return vendor
    return None


def vendor_for_package(package: str, vendors: Mapping[str, Vendor]) -> Vendor | None:
    norm = _norm(package)
    for vendor in vendors.values():
        if any(_norm(p) == norm for p in vendor.packages):
            return vendor
    return None


def _norm(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def detect(
    scan: ScanResult,
    record: Mapping[str, Any],
    vendors: Mapping[str, Vendor],
    marker_modules: Iterable[str] = (),
) -> list[Diagnostic]:
    """ROPA201-204 for a scan whose declarations produced ``record``."""
    out: list[Diagnostic] = []
    declared_fields = {(f.model.rsplit(".", 1)[-1], f.field) for s in scan.files for f in s.fields}
    declared_fields |= {(f.model, f.field) for s in scan.files for f in s.fields}
    for file in scan.files:
        for c in file.candidates:
            if (c.model, c.field) in declared_fields:
                continue
            out.append(
                diag(
                    "ROPA201",
                    f"{c.model}.{c.field} looks like personal data ({c.reason}) "
                    "but is not annotated",
                    c.location,
                    f"add '# ropa: {c.category}' to the line, or '# ropa: ignore[ROPA201]'",
                )
            )
    used = {v["key"] for v in record.get("vendors", ())}
    used |= {p for a in record.get("activities", ()) for p in a["processors"]}
    seen_vendor: set[str] = set()
    refs = sorted([i for f in scan.files for i in f.imports], key=lambda i: (i.location, i.module))
    for ref in refs:
        vendor = vendor_for_import(ref.module, vendors)
        if vendor is None or vendor.key in used or vendor.key in seen_vendor:
            continue
        seen_vendor.add(vendor.key)
        out.append(_undeclared(vendor, f"imports {ref.module}", ref.location))
    for dep in scan.dependencies:
        vendor = vendor_for_package(dep.module, vendors)
        if vendor is None or vendor.key in used or vendor.key in seen_vendor:
            continue
        seen_vendor.add(vendor.key)
        out.append(_undeclared(vendor, f"depends on {dep.module}", dep.location))
    out.extend(_unknown_packages(refs, project_modules(scan), vendors, set(marker_modules)))
    out.extend(_unprocessed_fields(scan, record))
    return out


def project_modules(scan: ScanResult) -> frozenset[str]:
    """Top-level names the project's own files are imported by.

    A file's top-level name is its outermost enclosing package (folders with ``__init__.py``),
    or its own name when it is not in a package, so ``src/shop/models.py`` gives ``shop``.
    """
    paths = [f.path for f in scan.files if f.path.endswith(".py")]
    packages = {p.rsplit("/", 1)[0] for p in paths if p.endswith("/__init__.py")}
    tops = set()
    for path in paths:
        parts = path.removesuffix(".py").split("/")
        top = parts[-1]
        for depth in range(len(parts) - 1, 0, -1):
            folder = "/".join(parts[:depth])
            if folder not in packages:
                break
            top = parts[depth - 1]
        tops.add(top)
    return frozenset(tops - {"__init__"})


def _undeclared(vendor: Vendor, why: str, location: Location) -> Diagnostic:
    return diag(
        "ROPA202",
        f"code {why} ({vendor.name}, {vendor.services}) but '{vendor.key}' is not declared "
        "as a processor",
        location,
        f'add "{vendor.key}" to processors= of the activity that sends it data, or declare it '
        f'and name that activity: # ropa: processor("{vendor.key}", data=[...], purpose="...", '
        'activity="..."); inside the body of a function that has the processing, '
        "activity= may be left out",
    )


def _unknown_packages(
    refs: list[ImportRef],
    project_modules: frozenset[str],
    vendors: Mapping[str, Vendor],
    marker_modules: set[str],
) -> list[Diagnostic]:
    stdlib = set(getattr(sys, "stdlib_module_names", ())) | set(sys.builtin_module_names)
    known_tops = {m.split(".")[0] for m in marker_modules}
    reported: set[str] = set()
    out = []
    for ref in refs:
        top = ref.module.split(".")[0]
        if (
            top in reported
            or top in stdlib
            or top in _ALWAYS_KNOWN
            or top in project_modules
            or top in known_tops
            or top.startswith("_")
            or vendor_for_import(ref.module, vendors) is not None
        ):
            continue
        reported.add(top)
        out.append(
            diag(
                "ROPA204",
                f"third-party package '{top}' is not in the vendor registry",
                ref.location,
                "review whether it sends personal data to a service",
            )
        )
    return out


def _covered(category: str, processed: set[str]) -> bool:
    parts = category.split(".")
    ancestors = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
    return bool(ancestors & processed) or any(p.startswith(category + ".") for p in processed)


def _unprocessed_fields(scan: ScanResult, record: Mapping[str, Any]) -> list[Diagnostic]:
    processed = {c for a in record.get("activities", ()) for c in a["data_categories"]}
    out = []
    for file in scan.files:
        for f in file.fields:
            missing = [c for c in f.categories if not _covered(c, processed)]
            if missing:
                out.append(
                    diag(
                        "ROPA203",
                        f"{f.model}.{f.field} holds {', '.join(missing)}, which no activity "
                        "processes",
                        f.location,
                        "add the category to the activity that uses this field",
                    )
                )
    return out


def apply_suppressions(scan: ScanResult, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop diagnostics silenced by ``# ropa: ignore``; report suppressions that silence nothing."""
    by_line: dict[tuple[str, int], list[Any]] = {}
    for file in scan.files:
        for s in file.suppressions:
            by_line.setdefault((s.path, s.line), []).append([s, False])
    kept = []
    for d in diagnostics:
        entries = by_line.get((d.location.path, d.location.line), []) if d.location else []
        hit = False
        for entry in entries:
            s = entry[0]
            if not s.codes or d.code in s.codes:
                entry[1] = True
                hit = True
        if not hit:
            kept.append(d)
    for entries in by_line.values():
        for s, used in entries:
            if not used:
                what = f"[{','.join(s.codes)}]" if s.codes else ""
                kept.append(
                    diag(
                        "ROPA004",
                        f"unused suppression 'ignore{what}': nothing to silence on line {s.line}",
                        s.location,
                        "remove it",
                    )
                )
    return kept


def at_least(diagnostics: Iterable[Diagnostic], level: Level) -> list[Diagnostic]:
    return [d for d in diagnostics if d.level.rank >= level.rank]
