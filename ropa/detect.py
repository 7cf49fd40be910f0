"""What the code shows but nobody declared: personal-data fields, vendor SDKs, unknown packages."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from ropa.checks import diag
from ropa.flow.pack import literals
from ropa.flow.sinks import SinkTable
from ropa.model import Diagnostic, ImportRef, Level, Location, ScanResult
from ropa.recordmodel import RecordBody
from ropa.registry import KnownPackages, Router, Vendor, load_known_packages
from ropa.scanner import TEST_PATHS, excluded

_ALWAYS_KNOWN = frozenset({"ropa", "__future__", "__main__"})
_STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | frozenset(sys.builtin_module_names)
# Python 2's standard library under the names Python 3 dropped: still imported by old
# migrations and by fallbacks (``try: import cPickle as pickle``); no third party sends data.
_STDLIB_PY2 = frozenset(
    {
        "BaseHTTPServer", "CGIHTTPServer", "ConfigParser", "Cookie", "DocXMLRPCServer",
        "HTMLParser", "Queue", "SimpleHTTPServer", "SimpleXMLRPCServer", "SocketServer",
        "StringIO", "Tkinter", "UserDict", "UserList", "UserString", "__builtin__", "anydbm",
        "cPickle", "cStringIO", "commands", "cookielib", "copy_reg", "dbhash", "dumbdbm",
        "dummy_thread", "exceptions", "htmlentitydefs", "httplib", "md5", "mimetools", "new",
        "popen2", "repr", "rfc822", "robotparser", "sets", "sha", "thread", "tkMessageBox",
        "urllib2", "urlparse", "whichdb", "xmlrpclib",
    }
)  # fmt: skip
T = TypeVar("T")


def _longest(module: str, index: Mapping[str, T]) -> T | None:
    """The entry for the longest dotted prefix of ``module`` in ``index``.

    The longest wins so that ``llama_index.llms.openai`` (OpenAI) beats ``llama_index``
    (a router), whatever order the entries were written in.
    """
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        hit = index.get(".".join(parts[:n]))
        if hit is not None:
            return hit
    return None


def _import_index(vendors: Mapping[str, Vendor], known: KnownPackages) -> dict[str, Vendor]:
    """Import name -> vendor, from the vendors' SDKs and then the integrations by others."""
    index: dict[str, Vendor] = {}
    for vendor in vendors.values():
        for name in vendor.imports:
            index.setdefault(name, vendor)
    for key, (imports, _) in known.integrations.items():
        if key in vendors:
            for name in imports:
                index.setdefault(name, vendors[key])
    return index


def _package_index(vendors: Mapping[str, Vendor], known: KnownPackages) -> dict[str, Vendor]:
    index: dict[str, Vendor] = {}
    for vendor in vendors.values():
        for name in vendor.packages:
            index.setdefault(_norm(name), vendor)
    for key, (_, packages) in known.integrations.items():
        if key in vendors:
            for name in packages:
                index.setdefault(_norm(name), vendors[key])
    return index


def vendor_for_import(module: str, vendors: Mapping[str, Vendor]) -> Vendor | None:
    """The registry vendor an import reveals (``langchain_openai`` -> openai)."""
    return _longest(module, _import_index(vendors, load_known_packages()))


def vendor_for_package(package: str, vendors: Mapping[str, Vendor]) -> Vendor | None:
    return _package_index(vendors, load_known_packages()).get(_norm(package))


def _norm(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def detect(
    scan: ScanResult,
    record: RecordBody,
    vendors: Mapping[str, Vendor],
    marker_modules: Iterable[str] = (),
    known: KnownPackages | None = None,
    test_paths: Sequence[str] = TEST_PATHS,
) -> list[Diagnostic]:
    """ROPA201-204 for a scan whose declarations produced ``record``.

    Imports in test code (``test_paths``) reveal a vendor only when nothing else does, and are
    then named last: a test may import an SDK to check the code that uses it, and the
    libraries tests use (pytest plugins, mocks, browsers) are no services of the application.
    """
    known = known or load_known_packages()
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
    used = {v.key for v in record.vendors}
    used |= {p for a in record.activities for p in a.processors}
    imports, packages = _import_index(vendors, known), _package_index(vendors, known)
    seen_vendor: set[str] = set()
    every = sorted([i for f in scan.files for i in f.imports], key=lambda i: (i.location, i.module))
    tested = {f.path for f in scan.files if excluded(f.path, test_paths)}
    refs = [r for r in every if r.location.path not in tested]
    revealed: list[tuple[Vendor, str, Location]] = []
    # A big project imports the same few hundred modules tens of thousands of times.
    modules = {r.module for r in every}
    vendor_of = {m: _longest(m, imports) for m in modules}
    revealed += [(v, f"imports {r.module}", r.location) for r in refs if (v := vendor_of[r.module])]
    revealed += _called_hosts(scan, vendors)
    revealed += [
        (v, f"depends on {d.module}", d.location)
        for d in scan.dependencies
        if (v := packages.get(_norm(d.module)))
    ]
    revealed += [
        (v, f"imports {r.module} in test code", r.location)
        for r in every
        if r.location.path in tested and (v := vendor_of[r.module])
    ]
    for vendor, why, location in revealed:
        if vendor.key in used or vendor.key in seen_vendor:
            continue
        seen_vendor.add(vendor.key)
        out.append(_undeclared(vendor, why, location))
    # A router is accounted for by any vendor of a kind it can reach, declared or already
    # reported above: one warning per undeclared recipient, not one per path to it.
    kinds = {vendors[k].kind for k in used | seen_vendor if k in vendors}
    out.extend(_unrouted(scan, refs, known, vendors, kinds))
    local = project_modules(scan)
    siblings = _siblings(scan)
    out.extend(_unknown_packages(refs, local, siblings, imports, known, set(marker_modules)))
    out.extend(_unprocessed_fields(scan, record))
    return out


def _called_hosts(
    scan: ScanResult, vendors: Mapping[str, Vendor]
) -> list[tuple[Vendor, str, Location]]:
    """Vendors whose API the code calls by a literal address (``requests.post(
    "https://api.mistral.ai/v1/...")``, a base URL in a constant): with or without their SDK,
    the request goes to them. Read from the data-flow summaries (not made for test code), and
    matched to vendors as the evidence of ROPA205 matches them (``SinkTable.vendor_of_host``)."""
    table = SinkTable(vendors)
    if not table.hosts:
        return []
    found = []
    for file in scan.files:
        if file.flow is None:
            continue
        for literal, line, column in literals(file.flow):
            key = table.vendor_of_host(literal)
            if key is not None:
                where = Location(path=file.path, line=line, column=column)
                found.append((vendors[key], f"calls its API at {literal}", where))
    return sorted(found, key=lambda item: item[2])


def _unrouted(
    scan: ScanResult,
    refs: list[ImportRef],
    known: KnownPackages,
    vendors: Mapping[str, Vendor],
    kinds: set[str],
) -> list[Diagnostic]:
    by_import = {name: r for r in known.routers.values() for name in r.imports}
    by_package = {_norm(name): r for r in known.routers.values() for name in r.packages}
    router_of = {m: _longest(m, by_import) for m in {ref.module for ref in refs}}
    found = [
        (r, f"imports {ref.module}", ref.location) for ref in refs if (r := router_of[ref.module])
    ]
    found += [
        (r, f"depends on {d.module}", d.location)
        for d in scan.dependencies
        if (r := by_package.get(_norm(d.module)))
    ]
    out = []
    seen: set[str] = set()
    for router, why, location in found:
        if router.key in seen or kinds & set(router.kinds):
            continue
        seen.add(router.key)
        out.append(_router_undeclared(router, why, location, vendors))
    return out


def project_modules(scan: ScanResult) -> frozenset[str]:
    """Top-level names the project's own files can be imported by.

    Python finds a module under each entry of its path; for a project that is the root, a
    ``src`` folder, a folder of a sub-project, or the folder of the script being run. So a
    name is the project's own when a scanned file or folder of that name sits in the root,
    in any ``src`` folder, in any folder directly under the root, or in any folder that holds
    a scanned file (``app/utils/helpers.py`` beside ``app/main.py`` gives ``utils``, with or
    without ``__init__.py``), or when it is the outermost package of a scanned file. Folders
    that are packages themselves are not places Python looks for top-level names, except the
    folder of a Django ``manage.py``: the script Django runs, so its folder comes first on the
    path even inside a package (Label Studio's ``label_studio/manage.py`` and its
    ``from projects.models import Project``).
    """
    paths = [f.path for f in scan.files if f.path.endswith(".py")]
    scripts = {p.rsplit("/", 1)[0] for p in paths if p.endswith("/manage.py")}
    packages = {p.rsplit("/", 1)[0] for p in paths if p.endswith("/__init__.py")} - scripts
    folders = {p.rsplit("/", 1)[0] if "/" in p else "" for p in paths}
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
        for depth, name in enumerate(parts):
            parent = "/".join(parts[:depth])
            # Inside a package, a module is reached through the package, never on its own:
            # ``shop/llms/weaviate.py`` does not make ``import weaviate`` the project's.
            if parent in packages:
                continue
            if depth <= 1 or parent in folders or parts[depth - 1] == "src":
                tops.add(name)
    return frozenset(tops - {"__init__"})


def _siblings(scan: ScanResult) -> dict[str, set[str]]:
    """Folder -> the module and folder names in it, for imports a script makes of its
    neighbours (Python puts a script's own folder first on its path, package or not)."""
    names: dict[str, set[str]] = {}
    for f in scan.files:
        if not f.path.endswith(".py"):
            continue
        parts = f.path.removesuffix(".py").split("/")
        for depth in range(len(parts)):
            names.setdefault("/".join(parts[:depth]), set()).add(parts[depth])
    return names


def _is_sibling(path: str, top: str, siblings: Mapping[str, set[str]]) -> bool:
    folder, _, name = path.rpartition("/")
    # A module named after the library it wraps (``stores/weaviate.py`` importing
    # ``weaviate``) imports the library, not itself.
    return top != name.removesuffix(".py") and top in siblings.get(folder, ())


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


def _router_undeclared(
    router: Router, why: str, location: Location, vendors: Mapping[str, Vendor]
) -> Diagnostic:
    kinds = [f"'{k}'" for k in router.kinds]
    kind_text = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} or {kinds[-1]}"
    example = next((v.key for v in vendors.values() if v.kind in router.kinds), "vendor-key")
    return diag(
        "ROPA202",
        f"code {why}, and {router.name} sends data to {router.routes}, but no {kind_text} "
        "vendor is declared as a processor",
        location,
        f'declare each vendor it sends personal data to, e.g. # ropa: processor("{example}", '
        'data=[...], purpose="...")',
    )


def _unknown_packages(
    refs: list[ImportRef],
    project_modules: frozenset[str],
    siblings: Mapping[str, set[str]],
    vendor_imports: Mapping[str, Vendor],
    known: KnownPackages,
    marker_modules: set[str],
) -> list[Diagnostic]:
    known_tops = {m.split(".")[0] for m in marker_modules}
    routers = {name: r for r in known.routers.values() for name in r.imports}

    indexes = (vendor_imports, known.libraries, routers)

    def ours_or_standard(ref: ImportRef) -> bool:
        top = ref.module.split(".")[0]
        return (
            top in _STDLIB
            or top in _STDLIB_PY2
            or top in _ALWAYS_KNOWN
            or top in project_modules
            or top in known_tops
            or top.startswith("_")
            or _is_sibling(ref.location.path, top, siblings)
        )

    # Most imports of a big project are its own or the standard library's: only the rest is
    # looked up in the registry (each module once: the same few hundred come back often).
    others = [r for r in refs if not ours_or_standard(r)]
    accounted = {
        m: any(_longest(m, index) is not None for index in indexes)
        for m in {r.module for r in others}
    }
    # ``from google import genai`` is two references on one line, ``google`` and
    # ``google.genai``: when either is accounted for, so is the statement.
    resolved = {(r.location, r.module.split(".")[0]) for r in others if accounted[r.module]}
    reported: set[str] = set()
    out = []
    for ref in others:
        top = ref.module.split(".")[0]
        if top in reported or (ref.location, top) in resolved:
            continue
        reported.add(top)
        client = _longest(ref.module, known.clients)
        if client is not None:
            out.append(
                diag(
                    "ROPA204",
                    f"network client '{top}' ({client}) sends whatever the code gives it to "
                    "the hosts the code names",
                    ref.location,
                    "declare each service it sends personal data to as a processor",
                )
            )
            continue
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


def _unprocessed_fields(scan: ScanResult, record: RecordBody) -> list[Diagnostic]:
    processed = {c for a in record.activities for c in a.data_categories}
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
        # A flow can be silenced on any line it passes, from the read to the sink.
        for step in d.flow:
            if (step.path, step.line) != (
                (d.location.path, d.location.line) if d.location else None
            ):
                entries = entries + by_line.get((step.path, step.line), [])
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
