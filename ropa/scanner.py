"""Finds the Python files of a project and scans each one, in parallel, never importing them."""

from __future__ import annotations

import ast
import errno
import faulthandler
import fnmatch
import functools
import gc
import importlib.util
import io
import multiprocessing
import multiprocessing.context
import os
import pickle
import re
import stat
import sys
import tokenize
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from ropa.cache import Entry, ScanCache, Stat, encode_entry, stat_key
from ropa.cache import digest as file_digest
from ropa.checks import diag
from ropa.model import FieldCandidate, FileScan, FlowSummary, ImportRef, Location, ScanResult

_SKIP_DIRS = frozenset({"__pycache__", "node_modules", "site-packages"})


#: Test code, by path. The data-flow pass does not follow personal data there: test data is
#: nobody's, and a log line in a test discloses nothing. ``scan.test_paths`` replaces the list
#: (``[]`` follows flows in every file); markers and ROPA201 are read in test files as before.
TEST_PATHS = (
    "**/tests/**",
    "**/test/**",
    "**/test_*.py",
    "**/*_test.py",
    "**/tests.py",
    "**/conftest.py",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanOptions:
    """What decides which files are read and how; ``marker_modules`` and ``max_file_size``
    change what a file gives, so they are part of the cache key."""

    marker_modules: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    max_file_size: int = 5_000_000
    jobs: int = 1
    use_cache: bool = False
    """Reuse and keep results of earlier runs (``ropa.cache``); ``--no-cache`` turns it off."""
    evidence: bool = True
    """Run the data-flow pass (``ropa.flow``) on every parsed file but test code."""
    test_paths: tuple[str, ...] = TEST_PATHS
    """Files whose personal data the data-flow pass does not follow (``scan.test_paths``)."""


def display_path(rel: str) -> str:
    """A relative path that is always printable (undecodable bytes escaped)."""
    return os.fsencode(rel).decode("utf-8", "backslashreplace").replace(os.sep, "/")


def excluded(rel: str, patterns: Sequence[str]) -> bool:
    """Whether the relative path ``rel`` matches one of ``patterns`` (``scan.exclude`` rules):
    a pattern as ``fnmatch`` reads it, or the folder it names (``build`` and ``build/`` cover
    what is inside), ``DIR/**`` everything under ``DIR``, ``**/NAME`` also at the top."""
    matches, prefixes = _matcher(tuple(patterns))
    return matches(rel) is not None or (rel + "/").startswith(prefixes)


@functools.lru_cache(maxsize=32)
def _matcher(patterns: tuple[str, ...]) -> tuple[Callable[[str], object], tuple[str, ...]]:
    """The patterns as one regular expression (a scan asks of every file, and the record's
    checks again: 3,743 paths took 43 ms pattern by pattern), and the ``DIR/**`` prefixes."""
    forms = [p for pattern in patterns for p in (pattern, pattern.rstrip("/") + "/*")]
    forms += [pattern[3:] for pattern in patterns if pattern.startswith("**/")]
    if not forms:
        return (lambda rel: None), ()
    regex = re.compile("|".join(f"(?:{fnmatch.translate(form)})" for form in forms))
    prefixes = tuple(pattern[:-2] for pattern in patterns if pattern.endswith("/**"))
    return regex.match, prefixes


def discover(
    paths: Iterable[Path], root: Path, exclude: Sequence[str] = ()
) -> tuple[list[str], list[FileScan]]:
    """Relative paths of the Python files under ``paths`` and ROPA001 for what cannot be read.

    Symbolic links are not followed: a link may leave the project or loop, and a link
    inside the project points at a file that is scanned anyway. Hidden folders, caches and
    virtual environments are left out.
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
        stack = [(str(start), os.path.relpath(start, root))]
        while stack:
            folder, rel_folder = stack.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = list(listing)
            except OSError as exc:
                rel = display_path(os.path.relpath(exc.filename or folder, root))
                reason = f"cannot read directory: {exc.strerror}"
                problems.append(
                    FileScan(path=rel, diagnostics=(diag("ROPA001", reason, Location(path=rel)),))
                )
                continue
            for entry in entries:
                name = entry.name
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    is_dir = False
                if is_dir:
                    rel = _join(rel_folder, name)
                    if (
                        name.startswith(".")
                        or name in _SKIP_DIRS
                        or os.path.exists(os.path.join(entry.path, "pyvenv.cfg"))
                        or excluded(rel, exclude)
                    ):
                        continue
                    stack.append((entry.path, rel))
                elif name.endswith(".py"):
                    rel = _join(rel_folder, name)
                    if not entry.is_symlink() and not excluded(rel, exclude):
                        found.add(rel)
    return sorted(found), problems


def _join(folder: str, name: str) -> str:
    return name if folder == "." else f"{folder}/{name}".replace(os.sep, "/")


def scan_source(rel: str, data: bytes, options: ScanOptions, *, packed: bool = False) -> FileScan:
    """Scan one file's bytes: ``ast`` for every file, libcst for files that may hold markers.
    With ``packed``, the flow summary is kept as one string (``ropa.flow.pack``)."""
    path = display_path(rel)
    problem = read_problem(data)
    if problem:
        return FileScan(
            path=path, diagnostics=(diag("ROPA001", problem, Location(path=path, line=1)),)
        )
    tree: ast.Module | None = None
    ast_error: SyntaxError | None = None
    try:
        tree = parse_python(data, path)
    except SyntaxError as exc:
        ast_error = exc  # newer syntax than this Python: libcst may still read it
    except (ValueError, RecursionError, MemoryError):
        pass
    found: _Imports | None = None
    if tree is not None:
        try:
            found = _ast_imports(tree, path, data)
        except RecursionError:
            found = None
    if found is None or _may_declare(data, found.reach, options.marker_modules):
        from ropa.collector import collect_source

        if tree is None or _deep(data):
            # libcst's native parser can overflow its stack (a crash, not an exception) on
            # nesting Python refuses and on long and/or chains or dotted names Python takes;
            # such files are parsed in a child process, so only the child dies.
            result = _isolated(
                collect_source, path, data, marker_modules=options.marker_modules, tree=tree
            )
            result = result or _crashed(path)
        else:
            result = collect_source(path, data, marker_modules=options.marker_modules, tree=tree)
        if ast_error is not None and _unparsed(result):
            # Python's own message and line are the ones developers know from tracebacks;
            # for bytes that do not decode, the place of the first such byte, which does
            # not move between Python versions as the offset Python reports does.
            undecodable = _undecodable_at(data)
            if undecodable or ast_error.lineno:
                line, column = undecodable or (ast_error.lineno or 1, ast_error.offset or 1)
                where = Location(path=path, line=line, column=column)
                reason = f"cannot parse: {ast_error.msg}"
                result = replace(result, diagnostics=(diag("ROPA001", reason, where),))
    else:
        result = FileScan(path=path, imports=tuple(found.refs))
    if tree is not None:
        result = replace(result, candidates=tuple(_candidates(tree, path, result.personal_classes)))
        if options.evidence and not excluded(path, options.test_paths):
            result = replace(result, flow=_flow(tree, path, result, packed))
    return result


def _flow(tree: ast.Module, path: str, scan: FileScan, packed: bool) -> FlowSummary:
    from ropa.flow.summary import summarize

    declared = {f.field: f.categories[0] for f in scan.fields if f.categories}
    return summarize(tree, path, module_name(path), declared, packed=packed)


def _undecodable_at(data: bytes) -> tuple[int, int] | None:
    """Line and column (1-based, in bytes) of the first byte that does not decode in the
    file's encoding (its coding cookie, else UTF-8); None when every byte decodes."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:  # raised, among others, for a first line that is not UTF-8
        encoding = "utf-8"
    try:
        data.decode(encoding)
    except UnicodeDecodeError as error:
        before = data[: error.start]
        breaks = list(_BYTE_NEWLINE.finditer(before))
        line_start = breaks[-1].end() if breaks else 0
        return len(breaks) + 1, error.start - line_start + 1
    except LookupError:
        return None
    return None


_BYTE_NEWLINE = re.compile(rb"\r\n?|\n")
_BOOL_WORD = re.compile(rb"\b(?:and|or)\b")


def _deep(data: bytes) -> bool:
    """Whether libcst might recurse too deeply on a file Python parsed.

    Measured with libcst 1.9 on an 8 MB stack: about 7,000 chained ``and``/``or`` or 5,000
    dotted name parts crash it. These bounds are well under that, and big files are
    isolated whatever they hold; the cost is one ``fork`` per such file.
    """
    if len(data) > 256_000 or data.count(b".") > 1000:
        return True
    return sum(1 for _ in _BOOL_WORD.finditer(data)) > 2000


T = TypeVar("T")


def _isolated(func: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """``func(*args, **kwargs)`` run in a forked child, so a crash in native code cannot take
    ropa down: None when the child died. An exception in the child is raised here. Where
    there is no ``fork``, a plain call."""
    if not hasattr(os, "fork"):
        return func(*args, **kwargs)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: answer through the pipe, then leave without any cleanup
        try:
            faulthandler.disable()  # a crash here is expected and reported by the parent
            os.close(read_end)
            try:
                answer: tuple[bool, Any] = (True, func(*args, **kwargs))
            except Exception as exc:
                answer = (False, exc)
            with os.fdopen(write_end, "wb") as out:
                try:
                    pickle.dump(answer, out)
                except Exception as exc:  # an exception that does not pickle
                    pickle.dump((False, RuntimeError(repr(exc))), out)
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if not payload or not os.WIFEXITED(status):
        return None
    # Our own child's answer, not data read from disk.
    ok, value = pickle.loads(payload)
    if not ok:
        raise value
    result: T = value
    return result


def _crashed(path: str) -> FileScan:
    reason = "the parser crashed on this file (nested too deeply?)"
    return FileScan(path=path, diagnostics=(diag("ROPA001", reason, Location(path=path, line=1)),))


def parse_python(source: str | bytes, filename: str = "<unknown>", mode: str = "exec") -> Any:
    """``ast.parse`` without the warnings Python prints about the code it reads.

    ``SyntaxWarning`` for ``"a"()`` or, from Python 3.12, an invalid escape sequence, would
    go to ropa's stderr once per file: they are the scanned project's business, not ropa's.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(source, filename=filename, mode=mode)


def read_problem(source: bytes) -> str | None:
    """Why a file cannot be parsed before trying, or None."""
    if b"\0" in source:
        return "file contains NUL bytes"
    return None


def module_name(path: str) -> str:
    """``shop/accounts/models.py`` -> ``shop.accounts.models``."""
    parts = path.removesuffix(".py").removesuffix(".pyi").split("/")
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _may_declare(data: bytes, reach: Sequence[str], marker_modules: Sequence[str]) -> bool:
    """Whether a file that ``ast`` parsed can hold a marker, so libcst must read it.

    A comment marker needs the text ``ropa:``; a decorator resolves only through an import
    whose name leads to or from a marker module (``import ropa``, ``from ropa import
    processing as p``, ``import myapp`` for ``myapp.privacy``). Any other file gives the
    collector nothing but its imports, which ``ast`` has already read.
    """
    if b"ropa:" in data:
        return True
    targets = ("ropa", "ropa.markers", *marker_modules)
    return any(_related(name, t) for name in reach for t in targets)


def _related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _unparsed(result: FileScan) -> bool:
    return any(d.code == "ROPA001" for d in result.diagnostics)


_COMPOUND = (ast.If, ast.For, ast.AsyncFor, ast.While)
_BLOCKS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.With, ast.AsyncWith)
_TRY = (ast.Try, *((ast.TryStar,) if sys.version_info >= (3, 11) else ()))


@dataclass(slots=True)
class _Imports:
    """The imports ``ast`` found: references for vendor detection, and what names they bind."""

    refs: list[ImportRef] = field(default_factory=list)
    reach: list[str] = field(default_factory=list)
    """Dotted names an imported name stands for (``import a.b`` binds ``a``; ``from m import
    n`` binds ``m.n``): a decorator can only resolve to a marker module through them."""


def _ast_imports(tree: ast.Module, path: str, data: bytes) -> _Imports:
    """Every import statement in source order; only statements are walked, not expressions.

    ``from m import a`` gives ``m`` and ``m.a``; ``import a.b`` gives ``a.b``; relative
    imports are project-internal and left out, as the collector does.
    """
    found = _Imports()
    columns = _Columns(data)
    stack: list[Iterator[ast.stmt]] = [iter(tree.body)]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        if isinstance(node, ast.Import):
            location = Location(path=path, line=node.lineno, column=columns.at(node) + 1)
            for alias in node.names:
                found.refs.append(ImportRef(module=alias.name, location=location))
                found.reach.append(alias.name if alias.asname else alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            if node.module and not node.level:
                location = Location(path=path, line=node.lineno, column=columns.at(node) + 1)
                found.refs.append(ImportRef(module=node.module, location=location))
                # The name may be a submodule that reveals a vendor (``from google import genai``).
                found.refs += [
                    ImportRef(module=f"{node.module}.{a.name}", location=location)
                    for a in node.names
                    if a.name != "*"
                ]
                found.reach += [
                    node.module if a.name == "*" else f"{node.module}.{a.name}" for a in node.names
                ]
        elif isinstance(node, _BLOCKS):
            stack.append(iter(node.body))
        elif isinstance(node, _COMPOUND):
            stack.append(iter([*node.body, *node.orelse]))
        elif isinstance(node, _TRY):
            bodies = [node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody]
            stack.append(iter([s for body in bodies for s in body]))
        elif isinstance(node, ast.Match):
            stack.append(iter([s for case in node.cases for s in case.body]))
    return found


class _Columns:
    """Character columns from ``ast``'s UTF-8 byte offsets, decoding the file only if needed."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.ascii = data.isascii()
        self.lines: list[str] | None = None

    def at(self, node: ast.stmt) -> int:
        offset = node.col_offset
        if self.ascii or offset == 0:
            return offset
        if self.lines is None:
            try:
                self.lines = importlib.util.decode_source(self.data).split("\n")
            except (SyntaxError, UnicodeDecodeError, LookupError):
                self.lines = []
        if node.lineno > len(self.lines):
            return offset
        line = self.lines[node.lineno - 1]
        if line[:offset].isascii():
            return offset
        return len(line.encode("utf-8")[:offset].decode("utf-8", "replace"))


def _candidates(
    tree: ast.Module, path: str, declared: Sequence[str] = ()
) -> Iterator[FieldCandidate]:
    from ropa.heuristics import find_candidates

    mod = module_name(path)
    try:
        guesses = find_candidates(tree, declared=frozenset(declared))
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


@dataclass(frozen=True, slots=True, kw_only=True)
class _Scanned:
    """A worker's answer for one file: its scan, and for the cache its hash and stat."""

    rel: str
    scan: FileScan
    digest: str | None = None
    stat: Stat | None = None
    text: str | None = None
    """The cache entry, encoded (``ropa.cache.encode_entry``)."""


def _too_big(path: str, size: int, limit: int) -> FileScan:
    return FileScan(
        path=path,
        diagnostics=(
            diag(
                "ROPA001",
                f"skipped: {size:,} bytes is over scan.max_file_size ({limit:,})",
                Location(path=path, line=1),
            ),
        ),
    )


def _cannot_read(path: str, exc: OSError) -> FileScan:
    reason = exc.strerror or type(exc).__name__
    return FileScan(
        path=path,
        diagnostics=(diag("ROPA001", f"cannot read: {reason}", Location(path=path, line=1)),),
    )


def _read(full: str, limit: int) -> tuple[bytes | None, os.stat_result]:
    """The bytes of a file (None when over ``limit``) and its stat when opened."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(full, flags)
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if st.st_size > limit:
            return None, st
        # One byte more than the limit: a file that grew since fstat is still refused.
        data = handle.read(limit + 1)
    if len(data) > limit:
        return None, st
    return data, st


def _scan_one(root: str, rel: str, options: ScanOptions) -> _Scanned:
    path = display_path(rel)
    try:
        data, st = _read(os.path.join(root, rel), options.max_file_size)
    except OSError as exc:
        return _Scanned(rel=rel, scan=_cannot_read(path, exc))
    if data is None:
        return _Scanned(rel=rel, scan=_too_big(path, st.st_size, options.max_file_size))
    # Flow summaries stay packed (one string per file, ``ropa.flow.pack``): that is how a
    # worker sends them (thousands of small objects cost more to pickle than to make), how
    # the cache keeps them, and what the project join reads without decoding most of them.
    scan = scan_source(rel, data, options, packed=True)
    if not options.use_cache:
        return _Scanned(rel=rel, scan=scan)
    digest, key = file_digest(data), stat_key(st)
    # The cache entry is encoded here, in the worker, not one by one in the main process.
    text = encode_entry(Entry(digest=digest, stat=key, scan=scan))
    return _Scanned(rel=rel, scan=scan, digest=digest, stat=key, text=text)


def _scan_chunk(args: tuple[str, list[str], ScanOptions]) -> list[_Scanned]:
    root, rels, options = args
    return [_scan_one(root, rel, options) for rel in rels]


def _chunks(items: list[str], n: int) -> Iterator[list[str]]:
    size = max(1, min(64, len(items) // (n * 8) or 1))
    for i in range(0, len(items), size):
        yield items[i : i + size]


def scan_paths(
    paths: Sequence[Path],
    root: Path,
    options: ScanOptions,
    progress: Callable[[int, int], None] | None = None,
) -> ScanResult:
    """Scan every Python file under ``paths``; paths in the result are relative to ``root``.

    With ``options.use_cache``, files whose content was scanned before under the same
    configuration are not scanned again (``ropa.cache``). The result does not depend on the
    cache, the number of workers or the order files are found in.
    """
    with _settled_gc():
        return _scan_paths(paths, root, options, progress)


@contextmanager
def _settled_gc() -> Iterator[None]:
    """Keep the cycle collector off what the scan has kept so far, and call it less often.

    Scanning allocates millions of short-lived, acyclic objects; each full collection walks
    every object alive, results included, which makes a long scan quadratic. Objects alive
    at each ``gc.freeze()`` are left out of later collections (and still freed by reference
    counting); ``gc.unfreeze()`` at the end hands them back. And a file's syntax tree is
    tens of thousands of objects made at once: at Python's default threshold (700) the
    collector walks each tree again and again while it is built and read, a fifth of the
    scan's time, to find almost no garbage (reference counting frees the trees).
    """
    if not gc.isenabled():
        yield
        return
    threshold = gc.get_threshold()
    _tune_gc()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


#: The collector's thresholds while files are scanned (mypy sets alike): cyclic garbage is
#: still collected, after 100,000 net allocations instead of 700.
_GC_THRESHOLD = (100_000, 50, 100)


def _tune_gc() -> None:
    """Run in each worker too (workers that are not forks do not inherit the setting)."""
    gc.set_threshold(*_GC_THRESHOLD)


def _scan_paths(
    paths: Sequence[Path],
    root: Path,
    options: ScanOptions,
    progress: Callable[[int, int], None] | None,
) -> ScanResult:
    rels, problems = discover(paths, root, options.exclude)
    results: list[FileScan] = list(problems)
    cache = _open_cache(root, options)
    gc.freeze()
    todo: list[str] = []
    for rel in rels:
        hit = _cached(cache, str(root), rel, options) if cache else None
        if hit is None:
            todo.append(rel)
        else:
            results.append(hit)
    done = len(rels) - len(todo)
    if progress and done:
        progress(done, len(rels))
    jobs = max(1, options.jobs)
    if jobs == 1 or len(todo) < 50:
        batches: Iterable[list[_Scanned]] = ([_scan_one(str(root), rel, options)] for rel in todo)
        for batch in batches:
            done = _collect(batch, results, cache, done, len(rels), progress)
    else:
        chunks = list(_chunks(todo, jobs))
        finished = 0
        try:
            with ProcessPoolExecutor(
                max_workers=jobs, mp_context=_workers(), initializer=_tune_gc
            ) as pool:
                work = [(str(root), chunk, options) for chunk in chunks]
                for batch in pool.map(_scan_chunk, work):
                    done = _collect(batch, results, cache, done, len(rels), progress)
                    finished += 1
        except BrokenProcessPool:
            # A worker died (killed for memory, or a crash in native code): scan what is
            # left one file per child process, so only the file that kills its child fails.
            for rel in (rel for chunk in chunks[finished:] for rel in chunk):
                item = _isolated(_scan_one, str(root), rel, options)
                if item is None:
                    item = _Scanned(rel=rel, scan=_crashed(display_path(rel)))
                done = _collect([item], results, cache, done, len(rels), progress)
    fingerprint = ""
    if cache is not None:
        cache.forget_except(rels, [_rel_target(p, root) for p in paths])
        cache.save()
        fingerprint = cache.fingerprint_of(rels, [f.path for f in problems])
    results.sort(key=lambda f: f.path)
    return ScanResult(
        root=str(root),
        files=tuple(_importable(results, rels)),
        modules=frozenset(_project_modules(rels)),
        fingerprint=fingerprint,
    )


def _importable(results: list[FileScan], rels: Sequence[str]) -> Iterator[FileScan]:
    """The scans with their classes named as Python imports them: a file inside a package is
    named from the outermost package above it (``src/shop/models.py`` is ``shop.models``
    when ``src`` has no ``__init__.py``; ``django-oscar/oscar/...`` is ``oscar...``; folders
    without one below a package are namespace packages in it). A file outside any package
    keeps its path's name. Done over the whole tree, after the cache:
    whether a folder is a package is no fact of the file itself."""
    packages = {rel.rpartition("/")[0] for rel in rels if rel.rpartition("/")[2] == "__init__.py"}
    for scan in results:
        folders = scan.path.split("/")[:-1]
        # The outermost package of the chain: below it, a folder without ``__init__.py`` is a
        # namespace package inside it (open-webui's ``backend/open_webui/models/``), which
        # Python imports as ``open_webui.models``.
        top = next(
            (n - 1 for n in range(1, len(folders) + 1) if "/".join(folders[:n]) in packages),
            len(folders),
        )
        if top == 0 or top == len(folders) or not (scan.fields or scan.candidates):
            yield scan
            continue
        old = module_name(scan.path)
        new = module_name("/".join(scan.path.split("/")[top:]))

        def renamed(model: str, old: str = old, new: str = new) -> str:
            if model == old or model.startswith(old + "."):
                return new + model[len(old) :]
            return model

        yield replace(
            scan,
            fields=tuple(replace(f, model=renamed(f.model)) for f in scan.fields),
            candidates=tuple(replace(c, model=renamed(c.model)) for c in scan.candidates),
        )


def _workers() -> multiprocessing.context.BaseContext | None:
    """On Linux, workers are forks: they start at once, with ropa already imported, on
    every Python version (3.14 made ``forkserver`` the default). Elsewhere, the default."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return None


def _collect(
    batch: list[_Scanned],
    results: list[FileScan],
    cache: ScanCache | None,
    done: int,
    total: int,
    progress: Callable[[int, int], None] | None,
) -> int:
    for item in batch:
        results.append(item.scan)
        if cache is not None and item.digest is not None and item.stat is not None:
            cache.store(item.rel, item.digest, item.stat, item.scan, item.text)
    if gc.isenabled():
        gc.freeze()
    done += len(batch)
    if progress:
        progress(done, total)
    return done


def _open_cache(root: Path, options: ScanOptions) -> ScanCache | None:
    if not options.use_cache:
        return None
    return ScanCache.open(
        root,
        {
            "marker_modules": options.marker_modules,
            "max_file_size": options.max_file_size,
            "evidence": options.evidence,
            "test_paths": list(options.test_paths),
        },
    )


def _cached(cache: ScanCache, root: str, rel: str, options: ScanOptions) -> FileScan | None:
    """The cached scan of ``rel``: by stat when untouched, else by hashing its bytes."""
    full = os.path.join(root, rel)
    try:
        st = os.stat(full, follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_size > options.max_file_size:
        return None
    key = stat_key(st)
    hit = cache.lookup(rel, key)
    if hit is not None or not cache.known(rel):
        return hit
    try:
        data, st = _read(full, options.max_file_size)
    except OSError:
        return None
    if data is None:
        return None
    data_digest = file_digest(data)
    hit = cache.lookup_digest(rel, data_digest)
    if hit is not None:
        cache.store(rel, data_digest, stat_key(st), hit)
    return hit


def _rel_target(path: Path, root: Path) -> str:
    return os.path.relpath(path.absolute(), root).replace(os.sep, "/")


def _project_modules(rels: Iterable[str]) -> Iterator[str]:
    for rel in rels:
        parts = rel.removesuffix(".py").split("/")
        yield from parts
