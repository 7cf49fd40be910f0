"""Finds the Python files of a project and scans each one, in parallel, never importing them."""

from __future__ import annotations

import ast
import fnmatch
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from ropa.checks import diag
from ropa.collector import collect_source, module_name, read_problem
from ropa.model import FieldCandidate, FileScan, ImportRef, Location, ScanResult

_SKIP_DIRS = frozenset({"__pycache__", "node_modules", "site-packages"})
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanOptions:
    """What decides how files are read; part of the cache key."""

    marker_modules: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_file_size: int = 5_000_000
    jobs: int = 1


def display_path(rel: str) -> str:
    """A relative path that is always printable (undecodable bytes escaped)."""
    return os.fsencode(rel).decode("utf-8", "backslashreplace").replace(os.sep, "/")


def _excluded(rel: str, patterns: Sequence[str]) -> bool:
    for pattern in patterns:
        if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(
            rel, pattern.rstrip("/") + "/*"
        ):
            return True
        if pattern.endswith("/**") and (rel + "/").startswith(pattern[:-2]):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatchcase(rel, pattern[3:]):
            return True
    return False


def discover(
    paths: Iterable[Path], root: Path, exclude: Sequence[str] = ()
) -> tuple[list[str], list[FileScan]]:
    """Relative paths of the Python files under ``paths`` and ROPA001 for what cannot be read.

    Symbolic links are not followed: a link may leave the project or loop, and a link
    inside the project points at a file that is scanned anyway.
    """
    found: set[str] = set()
    problems: list[FileScan] = []
    for start in paths:
        start = start.absolute()
        if start.is_symlink():
            continue
        if start.is_file():
            found.add(os.path.relpath(start, root))
            continue

        def onerror(exc: OSError, start: Path = start) -> None:
            rel = display_path(os.path.relpath(exc.filename or str(start), root))
            problems.append(
                FileScan(
                    path=rel,
                    diagnostics=(
                        diag(
                            "ROPA001", f"cannot read directory: {exc.strerror}", Location(path=rel)
                        ),
                    ),
                )
            )

        for folder, dirs, files in os.walk(start, onerror=onerror):
            rel_folder = os.path.relpath(folder, root)
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and d not in _SKIP_DIRS
                and not os.path.islink(os.path.join(folder, d))
                and not os.path.exists(os.path.join(folder, d, "pyvenv.cfg"))
                and not _excluded(_join(rel_folder, d), exclude)
            )
            for name in files:
                if not name.endswith(".py"):
                    continue
                full = os.path.join(folder, name)
                rel = _join(rel_folder, name)
                if os.path.islink(full) or _excluded(rel, exclude):
                    continue
                found.add(rel)
    return sorted(found), problems


def _join(folder: str, name: str) -> str:
    return name if folder == "." else f"{folder}/{name}".replace(os.sep, "/")


def scan_source(rel: str, data: bytes, options: ScanOptions) -> FileScan:
    """Scan one file's bytes: libcst for files that may hold markers, ``ast`` for the rest."""
    path = display_path(rel)
    problem = read_problem(data)
    if problem:
        return FileScan(
            path=path, diagnostics=(diag("ROPA001", problem, Location(path=path, line=1)),)
        )
    tree: ast.Module | None = None
    ast_error: SyntaxError | None = None
    try:
        tree = ast.parse(data, filename=path)
    except SyntaxError as exc:
        ast_error = exc  # newer syntax than this Python: libcst may still read it
    except (ValueError, RecursionError, MemoryError):
        pass
    needs_cst = (
        tree is None or b"ropa" in data or any(m.encode() in data for m in options.marker_modules)
    )
    if needs_cst:
        result = collect_source(path, data, marker_modules=options.marker_modules)
        if ast_error is not None and ast_error.lineno and _unparsed(result):
            # Python's own message and line are the ones developers know from tracebacks.
            where = Location(path=path, line=ast_error.lineno, column=ast_error.offset or 1)
            reason = f"cannot parse: {ast_error.msg}"
            result = replace(result, diagnostics=(diag("ROPA001", reason, where),))
    else:
        assert tree is not None
        result = FileScan(path=path, imports=tuple(_ast_imports(tree, path)))
    if tree is not None:
        result = replace(result, candidates=tuple(_candidates(tree, path)))
    return result


def _unparsed(result: FileScan) -> bool:
    return any(d.code == "ROPA001" for d in result.diagnostics)


def _ast_imports(tree: ast.Module, path: str) -> Iterator[ImportRef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield ImportRef(
                    module=alias.name,
                    location=Location(path=path, line=node.lineno, column=node.col_offset + 1),
                )
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield ImportRef(
                module=node.module,
                location=Location(path=path, line=node.lineno, column=node.col_offset + 1),
            )


def _candidates(tree: ast.Module, path: str) -> Iterator[FieldCandidate]:
    from ropa.heuristics import find_candidates

    mod = module_name(path)
    try:
        guesses = find_candidates(tree)
    except RecursionError:
        return
    for g in guesses:
        yield FieldCandidate(
            model=f"{mod}.{g.model}",
            field=g.field,
            category=g.category,
            reason=g.reason,
            location=Location(path=path, line=g.line, column=g.column),
        )


def _scan_one(args: tuple[str, str, ScanOptions]) -> FileScan:
    root, rel, options = args
    path = display_path(rel)
    full = os.path.join(root, rel)
    try:
        size = os.path.getsize(full)
        if size > options.max_file_size:
            return FileScan(
                path=path,
                diagnostics=(
                    diag(
                        "ROPA001",
                        f"skipped: {size:,} bytes is over scan.max_file_size "
                        f"({options.max_file_size:,})",
                        Location(path=path, line=1),
                    ),
                ),
            )
        with open(full, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return FileScan(
            path=path,
            diagnostics=(
                diag("ROPA001", f"cannot read: {exc.strerror}", Location(path=path, line=1)),
            ),
        )
    return scan_source(rel, data, options)


def _chunks(items: list[str], n: int) -> Iterator[list[str]]:
    size = max(1, min(64, len(items) // (n * 8) or 1))
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _scan_chunk(args: tuple[str, list[str], ScanOptions]) -> list[FileScan]:
    root, rels, options = args
    return [_scan_one((root, rel, options)) for rel in rels]


def scan_paths(
    paths: Sequence[Path],
    root: Path,
    options: ScanOptions,
    progress: Callable[[int, int], None] | None = None,
) -> ScanResult:
    """Scan every Python file under ``paths``; paths in the result are relative to ``root``."""
    rels, problems = discover(paths, root, options.exclude)
    results: list[FileScan] = list(problems)
    jobs = max(1, options.jobs)
    done = 0
    if jobs == 1 or len(rels) < 50:
        for rel in rels:
            results.append(_scan_one((str(root), rel, options)))
            done += 1
            if progress:
                progress(done, len(rels))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            work = [(str(root), chunk, options) for chunk in _chunks(rels, jobs)]
            for chunk_result in pool.map(_scan_chunk, work):
                results.extend(chunk_result)
                done += len(chunk_result)
                if progress:
                    progress(done, len(rels))
    results.sort(key=lambda f: f.path)
    return ScanResult(
        root=str(root),
        files=tuple(results),
        modules=frozenset(_project_modules(rels)),
        dependencies=tuple(_dependencies(paths, root)),
    )


def _project_modules(rels: Iterable[str]) -> Iterator[str]:
    for rel in rels:
        parts = rel.removesuffix(".py").split("/")
        yield from parts


def _dependencies(paths: Sequence[Path], root: Path) -> Iterator[ImportRef]:
    """Distribution names from requirements files and ``pyproject.toml`` at the scanned roots."""
    seen: set[Path] = set()
    for start in paths:
        folder = start if start.is_dir() else start.parent
        for candidate in sorted({*folder.glob("requirements*.txt"), folder / "pyproject.toml"}):
            if candidate in seen or not candidate.is_file() or candidate.is_symlink():
                continue
            seen.add(candidate)
            rel = display_path(os.path.relpath(candidate, root))
            if candidate.name == "pyproject.toml":
                yield from _pyproject_deps(candidate, rel)
                continue
            try:
                lines = candidate.read_text("utf-8", errors="replace").splitlines()
            except OSError:
                continue
            for n, line in enumerate(lines, 1):
                match = _REQUIREMENT.match(line.split("#", 1)[0])
                if match and not line.lstrip().startswith("-"):
                    yield ImportRef(
                        module=match.group(1), location=Location(path=rel, line=n, column=1)
                    )


def _pyproject_deps(path: Path, rel: str) -> Iterator[ImportRef]:
    if sys.version_info < (3, 11):
        return
    import tomllib

    try:
        text = path.read_text("utf-8")
        data = tomllib.loads(text)
    except (OSError, ValueError):
        return
    deps = list(data.get("project", {}).get("dependencies", []) or [])
    lines = text.splitlines()
    for dep in deps:
        match = _REQUIREMENT.match(str(dep))
        if not match:
            continue
        name = match.group(1)
        line = next((i for i, t in enumerate(lines, 1) if name in t), 1)
        yield ImportRef(module=name, location=Location(path=rel, line=line, column=1))
