"""Distribution names from requirements files, pyproject.toml and setup.cfg, read bounded."""

from __future__ import annotations

import configparser
import errno
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ropa.checks import diag
from ropa.model import Diagnostic, ImportRef, Location
from ropa.scanner import display_path

# A requirement starts with its distribution name (PEP 508); what follows (extras, versions,
# markers, ``@ url``) does not matter here.
_NAME = re.compile(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)")
_DIRECT_URL = re.compile(r"\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@")
_QUOTED_NAME = re.compile(r"""["']\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)""")
_COMMENT = re.compile(r"(?:^|\s)#")
_TOML_KEY = re.compile(r"""^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=""")


# pip-tools keeps its inputs in requirements*.in; many projects split requirements into a
# requirements/ folder (base.txt, production.txt).
_GLOBS = ("requirements*.txt", "requirements*.in", "requirements/*.txt", "requirements/*.in")


def _fixed(folder: Path) -> tuple[Path, Path]:
    return folder / "pyproject.toml", folder / "setup.cfg"


#: A tree with more dependency files than any real project has is read only this far.
MAX_FILES = 200
_TOO_MANY = f"skipped: more than {MAX_FILES} dependency files; the first {MAX_FILES} were read"


@dataclass(frozen=True, slots=True, kw_only=True)
class Dependencies:
    """The distributions the project's dependency files name, and what could not be read."""

    refs: tuple[ImportRef, ...] = ()
    problems: tuple[Diagnostic, ...] = ()


def read_dependencies(folders: Iterable[Path], root: Path, limit: int) -> Dependencies:
    """``requirements*.txt``/``.in`` (also in ``requirements/``), ``pyproject.toml`` and
    ``setup.cfg`` in each folder.

    Only regular files inside the project (never a FIFO, a device, or a symlink out of it) of
    at most ``limit`` bytes are read, at most ``MAX_FILES`` of them; a file that cannot be
    read or has the wrong shape is a ROPA001 warning naming it.
    """
    refs: list[ImportRef] = []
    problems: list[Diagnostic] = []
    seen: set[Path] = set()
    for folder in folders:
        try:
            found = sorted({*(p for g in _GLOBS for p in folder.glob(g)), *_fixed(folder)})
        except OSError:
            continue
        for path in found:
            if len(seen) >= MAX_FILES:
                problems.append(_warn(display_path(os.path.relpath(path, root)), 1, _TOO_MANY))
                return Dependencies(refs=tuple(refs), problems=tuple(problems))
            key = path.absolute()
            if key in seen or not os.path.lexists(path):
                continue
            seen.add(key)
            rel = display_path(os.path.relpath(key, root.absolute()))
            target = _inside(path, (root, folder))
            if target is None:
                problems.append(_warn(rel, 1, "skipped: a link that leads out of the project"))
                continue
            try:
                data = _read(target, limit)
            except OSError as exc:
                if exc.errno == errno.EFBIG:
                    problems.append(_warn(rel, 1, f"skipped: over scan.max_file_size ({limit:,})"))
                elif exc.errno in (errno.ELOOP, errno.EINVAL):
                    problems.append(_warn(rel, 1, "skipped: not a regular file"))
                else:
                    problems.append(_warn(rel, 1, f"cannot read: {exc.strerror or exc}"))
                continue
            text = _decode(data)
            if path.name == "pyproject.toml" and path.parent == folder:
                found_refs, found_problems = _pyproject(text, rel)
            elif path.name == "setup.cfg" and path.parent == folder:
                found_refs, found_problems = _setup_cfg(text, rel)
            else:
                found_refs, found_problems = list(_requirements(text, rel)), []
            refs.extend(found_refs)
            problems.extend(found_problems)
    return Dependencies(refs=tuple(refs), problems=tuple(problems))


def _inside(path: Path, bases: tuple[Path, ...]) -> Path | None:
    """Where ``path`` really is, when that is inside one of ``bases`` (the project, the
    scanned folder): a symlink to a file there is followed, also through a linked folder."""
    try:
        target = path.resolve(strict=True)
        inside = any(target.is_relative_to(b.resolve(strict=True)) for b in bases)
    except (OSError, RuntimeError):
        return None
    return target if inside else None


def _read(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; never blocks on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        # One byte more than the limit: a file that grows while it is read is still refused.
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, "too large")
    return data


def _decode(data: bytes) -> str:
    # `pip freeze > requirements.txt` in Windows PowerShell writes UTF-16 with a BOM.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8-sig", errors="replace")


def _lines(text: str) -> list[str]:
    # Only line feeds end lines, as for TOML, pip and editors; str.splitlines() would also
    # break at form feeds and other separators and shift the line numbers.
    return text.replace("\r\n", "\n").split("\n")


def _warn(rel: str, line: int, message: str) -> Diagnostic:
    return diag("ROPA001", message, Location(path=rel, line=line, column=1))


def _requirements(text: str, rel: str) -> Iterator[ImportRef]:
    """One reference per distribution, at its first line; options and bare URLs are skipped."""
    seen: set[str] = set()
    for n, line in enumerate(_lines(text), 1):
        if "#" in line:
            # pip takes '#' for a comment only at the start or after a space ('#egg=' stays).
            line = _COMMENT.split(line, maxsplit=1)[0]
        if "://" in line and not _DIRECT_URL.match(line):
            continue
        match = _NAME.match(line)
        if match is None:  # blank, or an option such as -r, -e, --hash
            continue
        name = match.group(1)
        key = name.lower()
        if key not in seen:
            seen.add(key)
            yield ImportRef(module=name, location=Location(path=rel, line=n, column=1))


def _first_lines(lines: Sequence[str]) -> dict[str, int]:
    """The first line each quoted name or key appears on, found in one pass over the file."""
    first: dict[str, int] = {}
    for n, line in enumerate(lines, 1):
        for match in _QUOTED_NAME.finditer(line):
            first.setdefault(match.group(1).lower(), n)
        key = _TOML_KEY.match(line)
        if key:
            first.setdefault(key.group(1).lower(), n)
    return first


def _type_name(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string"}
    names.update({list: "a list", dict: "a table"})
    return names.get(type(value), f"a {type(value).__name__}")


def _pyproject(text: str, rel: str) -> tuple[list[ImportRef], list[Diagnostic]]:
    """``[project]`` dependencies and optional dependencies, and Poetry's dependency tables."""
    if sys.version_info < (3, 11):
        return [], []
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+)", str(exc))
        return [], [_warn(rel, int(where.group(1)) if where else 1, f"not valid TOML: {exc}")]
    lines = _lines(text)
    first = _first_lines(lines)
    names: list[str] = []
    problems: list[Diagnostic] = []

    def wrong(key: str, expected: str, value: Any, item: bool = False) -> None:
        line = first.get(key.rsplit(".", 1)[-1].lower(), 1)
        what = _type_name(value)
        message = (
            f"{key} holds {what}, expected {expected}; that item is not read"
            if item
            else f"{key} must be {expected}, not {what}; it is not read"
        )
        problems.append(_warn(rel, line, message))

    def table(value: Any, key: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            wrong(key, "a table", value)
            return {}
        return value

    def strings(value: Any, key: str) -> None:
        if value is None:
            return
        if not isinstance(value, list):
            wrong(key, "a list of strings", value)
            return
        for item in value:
            if isinstance(item, str):
                names.append(item)
            else:
                wrong(key, "strings", item, item=True)

    project = table(data.get("project"), "project")
    strings(project.get("dependencies"), "project.dependencies")
    optional = table(project.get("optional-dependencies"), "project.optional-dependencies")
    for extra, deps in optional.items():
        strings(deps, f"project.optional-dependencies.{extra}")
    tool = table(data.get("tool"), "tool")
    poetry = table(tool.get("poetry"), "tool.poetry")
    tables = [("tool.poetry.dependencies", poetry.get("dependencies"))]
    groups = table(poetry.get("group"), "tool.poetry.group")
    for group, spec in groups.items():
        spec = table(spec, f"tool.poetry.group.{group}")
        tables.append((f"tool.poetry.group.{group}.dependencies", spec.get("dependencies")))
    for key, deps in tables:
        names.extend(n for n in table(deps, key) if n.lower() != "python")
    refs = []
    seen: set[str] = set()
    for requirement in names:
        match = _NAME.match(requirement)
        if not match or match.group(1).lower() in seen:
            continue
        name = match.group(1)
        seen.add(name.lower())
        line = first.get(name.lower(), 1)
        refs.append(ImportRef(module=name, location=Location(path=rel, line=line, column=1)))
    return refs, problems


def _setup_cfg(text: str, rel: str) -> tuple[list[ImportRef], list[Diagnostic]]:
    """``install_requires`` and ``extras_require`` of setuptools' declarative config."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text, source=rel)
    except configparser.Error as exc:
        errors = getattr(exc, "errors", None) or [(getattr(exc, "lineno", None) or 1, "")]
        bad = int(errors[0][0])
        return [], [_warn(rel, bad, f"not a valid setup.cfg: cannot parse line {bad}")]
    values: list[str] = []
    if parser.has_option("options", "install_requires"):
        values.append(parser.get("options", "install_requires"))
    if parser.has_section("options.extras_require"):
        values.extend(
            parser.get("options.extras_require", k)
            for k in parser.options("options.extras_require")
        )
    lines = _lines(text)
    first = _first_lines(lines)
    for n, raw in enumerate(lines, 1):
        # A requirement starts a continuation line, or follows ``key =`` on its own line.
        value = raw if raw[:1].isspace() else raw.partition("=")[2]
        match = _NAME.match(value)
        if match:
            first.setdefault(match.group(1).lower(), n)
    refs = []
    seen: set[str] = set()
    for value in values:
        for item in value.splitlines():
            item = item.split("#", 1)[0]
            match = _NAME.match(item)
            if (
                not match
                or match.group(1).lower() in seen
                or ("://" in item and not _DIRECT_URL.match(item))
            ):
                continue
            name = match.group(1)
            seen.add(name.lower())
            line = first.get(name.lower(), 1)
            refs.append(ImportRef(module=name, location=Location(path=rel, line=line, column=1)))
    return refs, []
