"""The scan pipeline: config, files, record, checks, in that order, as pure steps."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

import ropa
from ropa.cache import CACHE_DIR_NAME, ScanCache
from ropa.config import Config, find_config, load_config
from ropa.consistency import consistency_checks
from ropa.depfiles import read_dependencies
from ropa.detect import apply_suppressions, detect
from ropa.errors import ConfigError, RopaError
from ropa.model import Diagnostic, ScanResult
from ropa.provenance import git_state, today
from ropa.record import TOOL, Project, build_typed
from ropa.recordio import shown
from ropa.recordmodel import Gap, Generated, Record, RecordBody
from ropa.registry import load_countries, load_registry
from ropa.scanner import ScanOptions, scan_paths
from ropa.taxonomy import load_taxonomy


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """A finished scan: the typed record and every diagnostic, sorted. The record's JSON
    form is made only where it is written (``dump_record``)."""

    root: Path
    record: Record
    diagnostics: tuple[Diagnostic, ...]
    scan: ScanResult
    config: Config

    @property
    def files_scanned(self) -> int:
        return sum(1 for f in self.scan.files if not f.path.endswith("/") and f.path)


def load_project(paths: Sequence[Path], config_path: Path | None) -> tuple[Path, Config]:
    """The project root and its configuration (defaults when there is no ``ropa.yaml``)."""
    for path in paths:
        if not _probe(path, Path.exists):
            raise RopaError(f"{shown(path)}: no such file or directory")
    if config_path is None:
        config_path = find_config(paths[0] if paths else Path.cwd())
    elif not _probe(config_path, Path.exists):
        raise RopaError(f"{shown(config_path)}: no such file")
    if config_path is None:
        start = (paths[0] if paths else Path.cwd()).absolute()
        return (start if start.is_dir() else start.parent), Config()
    root = config_path.absolute().parent
    try:
        return root, load_config(config_path, config_path.name)
    except ConfigError as exc:
        exc.file = config_path
        raise


def _probe(path: Path, test: Callable[[Path], bool]) -> bool:
    """``test(path)``, with a path the system refuses (too long, say) as exit 2, not a crash."""
    try:
        return test(path)
    except OSError as exc:
        raise RopaError(f"{shown(path)}: {exc.strerror or exc}") from None


def load_context(config: Config) -> Project:
    taxonomy = load_taxonomy().with_categories(config.categories)
    return Project(
        config=config,
        vendors=config.vendors(load_registry()),
        taxonomy=taxonomy,
        countries=load_countries(),
    )


def run_scan(
    paths: Sequence[Path],
    *,
    config_path: Path | None = None,
    jobs: int = 1,
    date: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    use_cache: bool = True,
    own_outputs: Sequence[Path] = (),
    evidence: bool = True,
) -> Outcome:
    """Scan ``paths`` and build the checked record; raise RopaError when it cannot run.

    ``own_outputs`` are what this command will write (documents, the record): like the cache,
    they never count as changes to the source in ``generated.source.dirty``.
    """
    root, config = load_project(paths, config_path)
    context = load_context(config)
    targets = list(paths) or [root]
    if config.scan.paths and all(Path(p).absolute() == root for p in targets):
        targets = [root / p for p in config.scan.paths]
        missing = [str(p) for p in targets if not p.exists()]
        if missing:
            raise RopaError(
                f"{config.path}: scan.paths names {', '.join(missing)}, which does not exist"
            )
        # ropa.yaml comes with the tree: a link in it must not lead the scan outside.
        inside = root.resolve()
        outside = [str(p) for p in targets if not p.resolve().is_relative_to(inside)]
        if outside:
            raise RopaError(
                f"{config.path}: scan.paths names {', '.join(outside)}, which leads outside "
                "the project (give such a path on the command line instead)"
            )
    options = ScanOptions(
        marker_modules=config.scan.marker_modules,
        exclude=config.scan.exclude,
        max_file_size=config.scan.max_file_size,
        jobs=jobs,
        use_cache=use_cache,
        evidence=evidence and config.scan.evidence,
        **({} if config.scan.test_paths is None else {"test_paths": config.scan.test_paths}),
    )
    scan = scan_paths(targets, root, options, progress)
    # Dependency files beside what was scanned, and at the project root, reveal SDKs too.
    folders = [p if p.is_dir() else p.parent for p in (*targets, root)]
    deps = read_dependencies(folders, root, config.scan.max_file_size)
    scan = replace(
        scan, dependencies=tuple(sorted(deps.refs, key=lambda d: (d.location, d.module)))
    )
    record, problems = build_typed(scan, context)
    problems += consistency_checks(record, config)
    diagnostics = [d for f in scan.files for d in f.diagnostics] + list(deps.problems) + problems
    diagnostics += detect(
        scan, record, context.vendors, config.scan.marker_modules, test_paths=options.test_paths
    )
    if options.evidence:
        record, found = _evidence(scan, record, context, config)
        diagnostics += found
    languages = config.notice.get("languages") or ()
    if languages:
        from ropa.translate import missing_translations

        diagnostics += missing_translations(record, root, languages, config.lines)
    diagnostics = apply_suppressions(scan, diagnostics)
    gaps = reported_gaps(record.gaps, diagnostics)
    unique = {(d.sort_key(), d.level, d.hint): d for d in diagnostics}
    ordered = tuple(unique[k] for k in sorted(unique, key=lambda k: k[0]))
    about = Generated.model_validate(generated(root, date, own_outputs))
    # Every part was validated as it was built: the record only gains its provenance.
    full = Record.model_construct(**{**dict(record), "gaps": gaps, "generated": about})
    return Outcome(root=root, record=full, diagnostics=ordered, scan=scan, config=config)


def _evidence(
    scan: ScanResult, record: RecordBody, context: Project, config: Config
) -> tuple[RecordBody, list[Diagnostic]]:
    """The record with ``evidence[]``, and ROPA205-207 and budget notes for the flows found."""
    from ropa.flow.engine import find_flows, flows_from_json, flows_json
    from ropa.flow.evidence import attach_evidence, budget_notes, flow_diagnostics
    from ropa.flow.sinks import SinkTable
    from ropa.registry import load_known_packages

    table = SinkTable(context.vendors, load_known_packages())
    flows = None
    side, key = None, ""
    if scan.fingerprint:
        # The files are those of the last run: their flows are too (same table, sanitisers).
        side = ScanCache.open(Path(scan.root), {}, load=False)
        parts = [scan.fingerprint, table.fingerprint(), sorted(config.scan.sanitisers)]
        key = hashlib.sha256(json.dumps(parts).encode()).hexdigest()
        body = side.read_side("flows", key) if side is not None else None
        flows = flows_from_json(body) if body is not None else None
    if flows is None:
        flows = find_flows(scan, table, config.scan.sanitisers)
        if side is not None:
            side.write_side("flows", key, flows_json(flows))
    # The flow analysis reads and extends the record's JSON form; what it adds is validated.
    data = attach_evidence(record.as_json(), flows, scan)
    imported = {ref.module for f in scan.files for ref in f.imports}
    detectable = {v for module in imported if (v := table.vendor_of_import(module))}
    found = flow_diagnostics(flows, data, detectable) + budget_notes(scan)
    return RecordBody.model_validate(data), found


_UNDECLARED = re.compile(r"'([a-z0-9][a-z0-9-]*)' is not declared")
_UNDECLARED_HOST = re.compile(r"reaches '([^'\s]+)' through .*no activity declares '\1'")


def reported_gaps(gaps: Sequence[Gap], diagnostics: Sequence[Diagnostic]) -> tuple[Gap, ...]:
    """The record's gaps, as the final diagnostics back them.

    A vendor SDK nobody declared (ROPA202) is a gap too: the documents must not say that
    nobody receives the data. A gap whose diagnostic was suppressed in the code is dropped,
    so that every gap the documents mark is one the scan reports.
    """
    reported = {(d.code, _where(d)) for d in diagnostics}
    kept = [g for g in gaps if (g.code, g.where) in reported]
    for d in diagnostics:
        if d.code == "ROPA202":
            match = _UNDECLARED.search(d.message)
            uses = "uses"
        else:
            # Personal data sent to an address outside the organisation that no declaration
            # names: the documents must not say that nobody receives it either.
            match = _UNDECLARED_HOST.search(d.message) if d.code == "ROPA205" else None
            uses = "sends personal data to"
        if match is None or d.location is None:
            continue
        kept.append(
            Gap(
                id=f"art30_1_d_recipients:undeclared:{match[1]}",
                item="art30_1_d_recipients",
                activity=None,
                vendor=match[1],
                message=f"the code {uses} '{match[1]}', but no declaration says what it "
                "receives or why",
                where=_where(d),
                code=d.code,
                level=d.level.value,
            )
        )
    return tuple(sorted(kept, key=lambda g: (g.item, g.activity or "", g.id)))


def _where(d: Diagnostic) -> str:
    loc = d.location
    if loc is None:
        return ""
    return f"{loc.path}:{loc.line}" if loc.line else loc.path


def generated(root: Path, date: dt.date | None, own_outputs: Sequence[Path] = ()) -> dict[str, Any]:
    """Which tool, version, date and commit the record describes."""
    env_cache = os.environ.get("ROPA_CACHE_DIR")
    ours = [*own_outputs, root / CACHE_DIR_NAME, *([Path(env_cache)] if env_cache else [])]
    return {
        "tool": TOOL,
        "version": ropa.__version__,
        "date": (date or today()).isoformat(),
        "source": git_state(root, exclude=ours),
    }


def dump_record(record: BaseModel | Mapping[str, Any]) -> str:
    """The canonical text of a record: sorted keys, two-space indent, final newline. The
    typed record becomes its JSON form here, where ropa.json (or the JSON output) is written;
    a mapping (a record read as JSON) is written as it is."""
    data = record.model_dump(mode="json") if isinstance(record, BaseModel) else record
    # allow_nan=False: NaN or Infinity would be written as text no JSON reader accepts.
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
