"""The scan cache: each file's ``FileScan`` kept between runs, keyed on the file's content.

One cache file per project (``.ropa-cache/scan.json``, or under ``$ROPA_CACHE_DIR``) maps each
scanned path to the sha256 of the bytes last scanned there and the ``FileScan`` they gave. An
entry is reused only when the bytes hash the same, under the same ropa (version and code),
Python, libcst and scan options; the file's ``stat`` (size, mtime, ctime, inode) only saves
re-hashing a file that has not been touched since a run that began well after its last change.

The cache is data, never code: JSON of plain values, decoded into ropa's own types, with a
header carrying the key and an HMAC-SHA256 of the body. The HMAC secret never lives where
the scanned tree or the cache folder could supply it (see ``cache_secret``), so a cache file
committed to a repository by a stranger, restored from a cache a pull request wrote,
truncated, corrupt or from another version fails the check and is ignored, then rewritten.
Writes go to a temporary file renamed into place.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import hmac
import json
import os
import secrets
import stat
import sys
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ropa
from ropa.model import (
    ACTIVITY_LISTS,
    ActivityDecl,
    Diagnostic,
    FieldCandidate,
    FieldDecl,
    FileScan,
    FlowSummary,
    ImportRef,
    Level,
    Location,
    ProcessorDecl,
    Suppression,
)

FORMAT = "ropa-scan-cache"
VERSION = 1
CACHE_DIR_NAME = ".ropa-cache"
CACHE_FILE = "scan.json"
KEY_FILE = "cache-key"
#: A file changed this close to the start of the run that scanned it may have changed again
#: within the same timestamp tick; such entries are re-hashed rather than trusted by stat.
RACY_NS = 2_000_000_000
#: Larger cache files are not read at all.
MAX_CACHE_BYTES = 512_000_000

#: (size, mtime_ns, ctime_ns, inode) of a file.
Stat = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One cached file: what its bytes hashed to, its stat then, and what the scan found."""

    digest: str
    stat: Stat
    scan: FileScan
    text: str | None = None
    """The entry as the cache file holds it (``encode_entry``), when a worker made it."""


def encode_entry(entry: Entry) -> str:
    """An entry as JSON text; workers make it, so the main process only joins them."""
    return entry.text or json.dumps(_entry_json(entry), separators=(",", ":"))


def stat_key(st: os.stat_result) -> Stat:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ScanCache:
    """The entries of one project for one configuration, loaded, updated and saved."""

    def __init__(self, path: Path, secret: bytes, key: str) -> None:
        self.path = path
        self.folder = path.parent
        self.secret = secret
        self.key = key
        self.entries: dict[str, Entry] = {}
        self.previous_start = 0
        self.started = time.time_ns()
        self.changed = False

    @classmethod
    def open(cls, root: Path, options: Mapping[str, Any], *, load: bool = True) -> ScanCache | None:
        """The cache for ``root`` and these scan options, or None when none can be kept."""
        env = os.environ.get("ROPA_CACHE_DIR")
        folder = Path(env) if env else root / CACHE_DIR_NAME
        # A shared cache folder holds one file per project.
        name = f"scan-{digest(os.fsencode(root.absolute()))[:16]}.json" if env else CACHE_FILE
        try:
            secret = cache_secret(root, folder)
        except (OSError, RuntimeError):  # RuntimeError: no home folder to keep the key in
            return None
        cache = cls(folder / name, secret, fingerprint(options))
        if load:
            cache._load()
        return cache

    # Reading
    def lookup(self, rel: str, st: Stat) -> FileScan | None:
        """The cached scan when ``st`` shows the file untouched since it was hashed."""
        entry = self.entries.get(rel)
        if entry is None or entry.stat != st:
            return None
        if entry.stat[2] >= self.previous_start - RACY_NS:
            return None  # changed too close to the last run to trust its timestamps
        return entry.scan

    def lookup_digest(self, rel: str, data_digest: str) -> FileScan | None:
        entry = self.entries.get(rel)
        return entry.scan if entry is not None and entry.digest == data_digest else None

    def known(self, rel: str) -> bool:
        return rel in self.entries

    # Updating
    def store(
        self, rel: str, data_digest: str, st: Stat, scan: FileScan, text: str | None = None
    ) -> None:
        entry = self.entries.get(rel)
        if entry is None or entry.digest != data_digest or entry.stat != st:
            self.entries[rel] = Entry(digest=data_digest, stat=st, scan=scan, text=text)
            self.changed = True
        elif entry.stat[2] >= self.previous_start - RACY_NS:
            self.changed = True  # saving moves the run start on, so the entry becomes trusted

    def forget_except(self, kept: Iterable[str], scanned: Iterable[str]) -> None:
        """Drop entries under the scanned folders ``scanned`` whose files were not found."""
        keep = set(kept)
        prefixes = tuple("" if s == "." else s.rstrip("/") + "/" for s in scanned)
        for rel in list(self.entries):
            if rel not in keep and any(p == "" or rel.startswith(p) for p in prefixes):
                del self.entries[rel]
                self.changed = True

    def fingerprint_of(self, rels: Iterable[str], unread: Iterable[str]) -> str:
        """A hash of the paths and contents scanned, or "" when a file's content is unknown."""
        h = hashlib.sha256(self.key.encode())
        for rel in sorted(rels):
            entry = self.entries.get(rel)
            if entry is None:
                return ""
            h.update(f"{rel}\0{entry.digest}\0".encode("utf-8", "surrogateescape"))
        for path in sorted(unread):
            h.update(f"{path}\0?\0".encode("utf-8", "surrogateescape"))
        return h.hexdigest()

    def side_path(self, name: str) -> Path:
        """Where a project-wide result (``name``) of this project is kept beside the cache."""
        return self.path.with_name(self.path.name.replace("scan", name, 1))

    def read_side(self, name: str, key: str) -> bytes | None:
        """The body stored under ``name`` for ``key``, when its HMAC proves ropa wrote it."""
        try:
            raw = _read_regular(self.side_path(name), MAX_CACHE_BYTES)
        except OSError:
            return None
        header_raw, _, body = raw.partition(b"\n")
        try:
            header = json.loads(header_raw)
        except ValueError:
            return None
        if (
            not isinstance(header, dict)
            or header.get("key") != key
            or not isinstance(header.get("mac"), str)
            or not hmac.compare_digest(header["mac"], self._mac(key.encode() + b"\n" + body))
        ):
            return None
        return body

    def write_side(self, name: str, key: str, body: bytes) -> None:
        header = {"key": key, "mac": self._mac(key.encode() + b"\n" + body)}
        try:
            _make_folder(self.folder)
            _write_atomic(self.side_path(name), json.dumps(header).encode() + b"\n" + body)
        except OSError:
            pass

    # Storage
    def _load(self) -> None:
        try:
            raw = _read_regular(self.path, MAX_CACHE_BYTES)
        except OSError:
            return
        loaded = self._decode(raw)
        if loaded is not None:
            self.previous_start, self.entries = loaded

    def _decode(self, raw: bytes) -> tuple[int, dict[str, Entry]] | None:
        header_raw, newline, body = raw.partition(b"\n")
        try:
            header = json.loads(header_raw)
            if (
                not newline
                or not isinstance(header, dict)
                or header.get("format") != FORMAT
                or header.get("version") != VERSION
                or header.get("key") != self.key
                or not isinstance(header.get("mac"), str)
                or not hmac.compare_digest(header["mac"], self._mac(body))
            ):
                return None
            started = header["started"]
            # Decoding builds many acyclic objects: collecting cycles meanwhile only costs.
            collecting = gc.isenabled()
            gc.disable()
            try:
                data = json.loads(body)
                if not isinstance(started, int) or not isinstance(data, dict):
                    return None
                return started, {rel: _entry(value) for rel, value in data.items()}
            finally:
                if collecting:
                    gc.enable()
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            return None

    def _mac(self, body: bytes) -> str:
        return hmac.new(self.secret, body, hashlib.sha256).hexdigest()

    def save(self) -> None:
        """Write the entries when anything changed; a cache that cannot be written is skipped."""
        if not self.changed:
            return
        parts = (f"{json.dumps(rel)}:{encode_entry(e)}" for rel, e in sorted(self.entries.items()))
        body = ("{" + ",".join(parts) + "}").encode()
        header = {
            "format": FORMAT,
            "version": VERSION,
            "key": self.key,
            "started": self.started,
            "mac": self._mac(body),
        }
        try:
            _make_folder(self.folder)
            _write_atomic(self.path, json.dumps(header).encode() + b"\n" + body)
        except OSError:
            pass


def fingerprint(options: Mapping[str, Any]) -> str:
    """What a cached result depends on besides the file: ropa, Python, libcst, the options."""
    parts = {
        "ropa": ropa.__version__,
        "code": _code_digest(),
        "python": sys.version,
        "libcst": _version("libcst"),
        "options": {k: options[k] for k in sorted(options)},
    }
    return digest(json.dumps(parts, sort_keys=True, default=list).encode())


_CODE_DIGEST: list[str] = []


def _code_digest() -> str:
    """A hash of ropa's own modules and data, so a changed scanner (or a word table it
    reads, ``ropa/data/pii_words.yaml``) never reuses old results."""
    if not _CODE_DIGEST:
        h = hashlib.sha256()
        package = Path(ropa.__file__).parent
        for path in _code_files(package):
            h.update(path.relative_to(package).as_posix().encode() + b"\0")
            try:
                h.update(path.read_bytes())
            except OSError:
                h.update(b"?")
        _CODE_DIGEST.append(h.hexdigest())
    return _CODE_DIGEST[0]


def _code_files(package: Path) -> list[Path]:
    """What the scan's results depend on in ropa itself: its modules and its data files."""
    found = set(package.rglob("*.py")) | {p for p in (package / "data").rglob("*") if p.is_file()}
    return sorted(found)


def _version(distribution: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return ""


def _user_cache_home() -> Path:
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) if xdg else Path.home() / ".cache"


#: A secret the CI system holds (a repository secret), from which the HMAC key is derived.
KEY_ENV = "ROPA_CACHE_KEY"
MIN_KEY_CHARS = 16
#: The key of this run alone, for when no key can be kept where the scanned tree and the
#: cache folder cannot reach: the cache then serves this process only.
_RUN_KEY = secrets.token_hex(32).encode()


def cache_secret(root: Path, folder: Path) -> bytes:
    """The HMAC key of the cache, never read from anything the scanned tree or the cache
    folder supplies: whoever can write those (a pull request, a shared CI cache) could
    otherwise sign entries of their own.

    ``$ROPA_CACHE_KEY`` (a CI secret) when set; else the key kept in the user's cache folder,
    unless that folder lies inside the project or the cache folder (or holds the cache
    folder); else a key for this run only.
    """
    given = os.environ.get(KEY_ENV)
    if given:
        if len(given) < MIN_KEY_CHARS:
            raise OSError(f"{KEY_ENV} is shorter than {MIN_KEY_CHARS} characters")
        material = b"ropa scan cache\0" + given.encode("utf-8", "surrogateescape")
        return hashlib.sha256(material).hexdigest().encode()
    home = _user_cache_home() / "ropa"
    if _overlaps(home, root) or _overlaps(home, folder):
        return _RUN_KEY
    return _secret(home)


def _overlaps(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` are the same folder or one holds the other."""
    real_a, real_b = Path(os.path.realpath(a)), Path(os.path.realpath(b))
    return real_a.is_relative_to(real_b) or real_b.is_relative_to(real_a)


def _secret(folder: Path) -> bytes:
    """The HMAC key in ``folder``, created (readable by the user only) on first use."""
    path = folder / KEY_FILE
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        return _key_value(_read_regular(path, 256))
    except FileNotFoundError:
        if folder.is_symlink():
            raise OSError(f"{folder} is a symbolic link") from None
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        value = secrets.token_hex(32).encode()
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | flags, 0o600)
        except FileExistsError:
            return _key_value(_read_regular(path, 256))  # another run created it first
        with os.fdopen(fd, "wb") as handle:
            handle.write(value)
        return value


def _key_value(raw: bytes) -> bytes:
    value = raw.strip()
    if len(value) < 32:
        raise OSError("cache key too short")
    return value


def _read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit`` bytes of ``path``; OSError unless it is a regular file, not a link.

    Opened without blocking and checked on the open descriptor, so a FIFO or a device put
    in place of the cache or its key costs nothing (it would block or never end).
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{path} is not a regular file")
        if info.st_size > limit:
            raise OSError(f"{path} is larger than {limit} bytes")
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)  # the file is regular: reading it must not stop short
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    finally:
        os.close(fd)


def _make_folder(folder: Path) -> None:
    """Create the cache folder, marked as a cache and ignored by git; refuse a symbolic link."""
    if folder.is_symlink():
        raise OSError(f"{folder} is a symbolic link")
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (
        (".gitignore", "# Created by ropa: the scan cache is never committed.\n*\n"),
        (
            "CACHEDIR.TAG",
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This file is a cache directory tag created by ropa.\n",
        ),
    ):
        try:
            fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(fd, "w") as handle:
            handle.write(text)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


# Encoding: each dataclass as a short list in field order; a location in the file's own path
# is written without the path. The HMAC has already proved the body is one ropa wrote, so
# decoding checks shapes (unpacking raises on a wrong one) rather than every value's type.


def _entry_json(entry: Entry) -> list[Any]:
    s = entry.scan
    path = s.path
    return [
        entry.digest,
        list(entry.stat),
        path,
        [_activity_json(a, path) for a in s.activities],
        [
            [
                *(p.vendor, _loc_json(p.location, path), p.data, p.purpose, p.activity),
                *(p.joins, p.region, p.unread),
            ]
            for p in s.processors
        ],
        [
            [
                *(f.model, f.field, f.categories, _loc_json(f.location, path)),
                *(f.subjects, f.retention, f.source),
            ]
            for f in s.fields
        ],
        [[i.module, *_loc_json(i.location, path)] for i in s.imports],
        [
            [c.model, c.field, c.category, c.reason, *_loc_json(c.location, path)]
            for c in s.candidates
        ],
        [[x.path, x.line, x.codes, _loc_json(x.location, path)] for x in s.suppressions],
        [
            [d.code, d.level.value, d.message, _loc_json(d.location, path), d.hint]
            for d in s.diagnostics
        ],
        list(s.personal_classes),
        _flow_json(s.flow),
    ]


def _flow_json(flow: FlowSummary | None) -> Any:
    # Kept as one string: a warm scan whose flows are cached never decodes it (ropa.flow.pack).
    if flow is None:
        return None
    from ropa.flow.pack import pack

    return [flow.module, flow.note, pack(flow)]


def _flow(value: Any) -> FlowSummary | None:
    if value is None:
        return None
    module, note, packed = value
    if not isinstance(packed, str):
        raise TypeError("flow")
    return FlowSummary(module=module, note=note, packed=packed)


# Every keyword of an activity declaration, in the dataclass's order: a keyword added to the
# model is cached without a change here.
_ACTIVITY_FIELDS = tuple(
    f.name for f in dataclasses.fields(ActivityDecl) if f.name not in ("name", "location")
)
_TUPLE_FIELDS = frozenset(ACTIVITY_LISTS)


def _activity_json(a: ActivityDecl, path: str) -> list[Any]:
    return [a.name, _loc_json(a.location, path), *(getattr(a, f) for f in _ACTIVITY_FIELDS)]


def _loc_json(loc: Location | None, path: str) -> list[Any]:
    if loc is None:
        return []
    if loc.path == path:
        return [loc.line, loc.column]
    return [loc.path, loc.line, loc.column]


def _entry(value: list[Any]) -> Entry:
    (
        file_digest,
        (size, mtime, ctime, inode),
        path,
        acts,
        procs,
        fields,
        imports,
        cands,
        sups,
        diags,
        personal_classes,
        flow,
    ) = value
    if not isinstance(path, str):
        raise TypeError("path")
    scan = FileScan(
        path=path,
        activities=tuple(_activity(a, path) for a in acts),
        processors=tuple(
            ProcessorDecl(
                vendor=vendor,
                location=_loc(loc, path),
                data=tuple(data),
                purpose=purpose,
                activity=activity,
                joins=tuple(joins),
                region=region,
                unread=tuple((name, line, column) for name, line, column in unread),
            )
            for vendor, loc, data, purpose, activity, joins, region, unread in procs
        ),
        fields=tuple(
            FieldDecl(
                model=model,
                field=name,
                categories=tuple(categories),
                location=_loc(loc, path),
                subjects=tuple(subjects),
                retention=retention,
                source=source,
            )
            for model, name, categories, loc, subjects, retention, source in fields
        ),
        imports=tuple(
            ImportRef(module=module, location=Location(path=path, line=line, column=column))
            for module, line, column in imports
        ),
        candidates=tuple(
            FieldCandidate(
                model=model,
                field=name,
                category=category,
                reason=reason,
                location=Location(path=path, line=line, column=column),
            )
            for model, name, category, reason, line, column in cands
        ),
        suppressions=tuple(
            Suppression(path=p, line=line, codes=tuple(codes), location=_loc(loc, path))
            for p, line, codes, loc in sups
        ),
        diagnostics=tuple(
            Diagnostic(
                code=code,
                level=Level(level),
                message=message,
                location=_loc(loc, path) if loc else None,
                hint=hint,
            )
            for code, level, message, loc, hint in diags
        ),
        personal_classes=tuple(personal_classes),
        flow=_flow(flow),
    )
    return Entry(digest=file_digest, stat=(size, mtime, ctime, inode), scan=scan)


def _activity(value: list[Any], path: str) -> ActivityDecl:
    name, loc, *rest = value
    if len(rest) != len(_ACTIVITY_FIELDS):
        raise ValueError("activity")
    values: dict[str, Any] = {
        key: tuple(v) if key in _TUPLE_FIELDS else v for key, v in zip(_ACTIVITY_FIELDS, rest)
    }
    values["unread"] = tuple((name, line, column) for name, line, column in values["unread"])
    return ActivityDecl(name=name, location=_loc(loc, path), **values)


def _loc(value: list[Any], path: str) -> Location:
    if len(value) == 2:
        return Location(path=path, line=value[0], column=value[1])
    loc_path, line, column = value
    return Location(path=loc_path, line=line, column=column)
