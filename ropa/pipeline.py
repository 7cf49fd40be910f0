"""The scan pipeline: config, files, record, checks, in that order, as pure steps."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import ropa
from ropa.config import Config, find_config, load_config
from ropa.depfiles import read_dependencies
from ropa.detect import apply_suppressions, detect
from ropa.errors import RopaError
from ropa.model import Diagnostic, ScanResult
from ropa.record import TOOL, Project, build_record
from ropa.registry import load_countries, load_registry
from ropa.scanner import ScanOptions, scan_paths
from ropa.taxonomy import load_taxonomy


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """A finished scan: the record and every diagnostic, sorted."""

    root: Path
    record: dict[str, Any]
    diagnostics: tuple[Diagnostic, ...]
    scan: ScanResult
    config: Config

    @property
    def files_scanned(self) -> int:
        return sum(1 for f in self.scan.files if not f.path.endswith("/") and f.path)


def load_project(paths: Sequence[Path], config_path: Path | None) -> tuple[Path, Config]:
    """The project root and its configuration (defaults when there is no ``ropa.yaml``)."""
    for path in paths:
        if not path.exists():
            raise RopaError(f"{path}: no such file or directory")
    if config_path is None:
        config_path = find_config(paths[0] if paths else Path.cwd())
    elif not config_path.is_file():
        raise RopaError(f"{config_path}: no such file")
    if config_path is None:
        start = (paths[0] if paths else Path.cwd()).absolute()
        return (start if start.is_dir() else start.parent), Config()
    root = config_path.absolute().parent
    return root, load_config(config_path, config_path.name)


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
) -> Outcome:
    """Scan ``paths`` and build the checked record; raise RopaError when it cannot run."""
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
    options = ScanOptions(
        marker_modules=config.scan.marker_modules,
        exclude=config.scan.exclude,
        max_file_size=config.scan.max_file_size,
        jobs=jobs,
        use_cache=use_cache,
    )
    scan = scan_paths(targets, root, options, progress)
    # Dependency files beside what was scanned, and at the project root, reveal SDKs too.
    folders = [p if p.is_dir() else p.parent for p in (*targets, root)]
    deps = read_dependencies(folders, root, config.scan.max_file_size)
    scan = replace(
        scan, dependencies=tuple(sorted(deps.refs, key=lambda d: (d.location, d.module)))
    )
    record, problems = build_record(scan, context)
    diagnostics = [d for f in scan.files for d in f.diagnostics] + list(deps.problems) + problems
    diagnostics += detect(scan, record, context.vendors, config.scan.marker_modules)
    diagnostics = apply_suppressions(scan, diagnostics)
    unique = {(d.sort_key(), d.level, d.hint): d for d in diagnostics}
    ordered = tuple(unique[k] for k in sorted(unique, key=lambda k: k[0]))
    full = {"schema_version": record["schema_version"], "generated": generated(root, date)}
    full.update({k: v for k, v in record.items() if k != "schema_version"})
    return Outcome(root=root, record=full, diagnostics=ordered, scan=scan, config=config)


def generated(root: Path, date: dt.date | None) -> dict[str, Any]:
    """Which tool, version, date and commit the record describes."""
    return {
        "tool": TOOL,
        "version": ropa.__version__,
        "date": (date or today()).isoformat(),
        "source": git_state(root),
    }


def today() -> dt.date:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def git_state(root: Path) -> dict[str, Any]:
    """The commit checked out at ``root`` and whether the tree differs from it."""

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), *args],
                capture_output=True,
                text=True,
                timeout=20,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    commit = git("rev-parse", "HEAD")
    if not commit:
        return {"commit": None, "dirty": None}
    status = git("status", "--porcelain", "--untracked-files=normal", "--", ".")
    return {"commit": commit, "dirty": bool(status)}


def dump_record(record: dict[str, Any]) -> str:
    """The canonical text of a record: sorted keys, two-space indent, final newline."""
    return json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write a file completely or not at all: a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
