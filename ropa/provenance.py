"""Where a record comes from: the build date and the git commit and state of the scanned tree.

The scanned repository may come from a stranger, ``.git/config`` included, and git runs programs
named there (``core.fsmonitor``, filter drivers for ``.gitattributes``, submodules' own configs).
So the commit is read from ``.git`` directly, and the git commands ropa runs (``git status``; a
``rev-parse`` when ``.git`` cannot be read; ``config --list``, which only reads) are given
overrides for every setting that could start a program (`_NEUTRALISED`, and each filter and
diff driver the configuration defines), cannot recurse into submodules, and inherit no
``GIT_*`` variable. The user's own global and system configuration still apply under the same
overrides, so their ``safe.directory`` keeps meaning what git makes it mean (a repository's
own config cannot trust itself). tests/test_provenance.py tries each door with a hostile
repository.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import stat
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ropa.errors import RopaError

__all__ = ["git_state", "head_commit", "today"]

#: 9999-12-31T23:59:59Z: the last second whose date a record can carry.
_MAX_EPOCH = 253_402_300_799
_EPOCH = re.compile(r"[0-9]{1,12}")
_OBJECT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
#: Refs that each worktree keeps for itself; every other ref lives in the common directory.
_PER_WORKTREE = ("HEAD", "refs/bisect/", "refs/worktree/", "refs/rewritten/")
_MAX_REF_BYTES = 4096
_GIT_TIMEOUT = 20
#: Settings that make ``git status`` start a program, set to start none. The command line
#: outranks every configuration file, so the scanned repository cannot set them back.
_NEUTRALISED = (
    ("core.fsmonitor", "false"),
    ("core.hooksPath", os.devnull),
    ("core.pager", "cat"),
    ("diff.external", ""),
    ("status.submoduleSummary", "false"),
)
#: Per-driver settings that name a program; each driver the configuration defines is emptied.
_DRIVER_PROGRAMS = {
    "filter": ("clean", "smudge", "process"),
    "diff": ("command", "textconv"),
}


def today() -> dt.date:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else the clock.

    A value that is not a whole number of seconds a date can name stops the build: a CI
    job that meant to pin the date must not silently get the clock's.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if not raw:  # unset or set empty: CI templates often export it empty
        return dt.date.today()
    shown = repr(raw if len(raw) <= 40 else raw[:40] + "...")
    if not _EPOCH.fullmatch(raw):
        raise RopaError(
            f"SOURCE_DATE_EPOCH={shown}: not a whole number of seconds since 1970-01-01 UTC "
            "(ASCII digits only, no sign)"
        )
    if int(raw) > _MAX_EPOCH:
        raise RopaError(f"SOURCE_DATE_EPOCH={shown}: after 9999-12-31, the last date a record has")
    return dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc).date()


def git_state(root: Path, exclude: Iterable[Path] = ()) -> dict[str, Any]:
    """The commit checked out at ``root`` and whether the tree under ``root`` differs from it.

    What ropa writes never makes the tree dirty, so a second identical build says what the
    first said: ``exclude`` (this run's documents, saved record and cache), the file this
    process's standard output goes to (``ropa scan --format sarif > ropa.sarif``), and
    untracked files left by earlier runs that are named as ropa names its documents or hold
    what ropa writes (`_own_document`: a record saved as ``base.json``, a SARIF log, ...).
    """
    commit = head_commit(root)
    if commit is None:
        commit = _git(root, "rev-parse", "--verify", "--quiet", "HEAD")
        if commit is None or not _OBJECT_ID.fullmatch(commit):
            return {"commit": None, "dirty": None}
    pathspec = [".", *(f":(exclude,literal){rel}" for rel in _inside(root, exclude))]
    status = _git(
        root,
        "status",
        "--porcelain",
        "-z",
        "--untracked-files=all",
        "--ignore-submodules=dirty",  # never runs git (and its config) inside a submodule
        "--no-renames",
        "--",
        *pathspec,
    )
    if status is None:
        return {"commit": commit, "dirty": None}
    entries = [entry for entry in status.split("\0") if entry]
    top: list[Path] = []  # the work tree's top, asked of git once, when first needed

    def top_folder() -> Path | None:
        if not top:
            found = _git(root, "rev-parse", "--show-toplevel")
            if found is None:
                return None
            top.append(Path(found))
        return top[0]

    changes = [entry for entry in entries if not _own_document(entry, top_folder)]
    return {"commit": commit, "dirty": bool(changes)}


#: The language variants of the notice (``privacy-notice.de.html``) besides the names of
#: ``OutputFormat.files``.
_NOTICE_VARIANT = re.compile(r"privacy-notice\.[a-z]{2,3}(?:[-_][A-Za-z0-9]+)?\.(?:html|pdf|md)")
#: How much of an untracked file is read to tell whether ropa wrote it; larger files are
#: taken as the user's own (a record of thousands of activities stays well below this).
_MAX_SNIFF_BYTES = 32 * 1024 * 1024
#: The first line of ropa's text outputs: a diagnostic (text or GitHub format) or a diff.
_TEXT_OUTPUT = re.compile(
    r"(?:[^\n]*:[0-9]+:[0-9]+: ROPA[0-9]{3} (?:error|warning|info): "
    r"|::(?:error|warning|notice) file=[^\n]*,title=ROPA[0-9]{3}::"
    r"|### ropa: )"
)


def _own_document(entry: str, top_folder: Callable[[], Path | None]) -> bool:
    """Whether a ``git status -z`` entry is an untracked file that ropa wrote: named like one
    of its documents, the file this process's standard output goes to, or one whose content
    is one of ropa's outputs (`_written_by_ropa`).

    Only untracked files qualify: a tracked file that changed is always a change, and an
    untracked file cannot come with a commit, so its content is the local user's.
    """
    from ropa.render import OutputFormat  # here: the renderer imports the pipeline

    if not entry.startswith("?? "):
        return False
    name = entry[3:].rpartition("/")[2]
    if name in {name for fmt in OutputFormat for name in fmt.files()}:
        return True
    if _NOTICE_VARIANT.fullmatch(name):
        return True
    top = top_folder()
    if top is None:
        return False
    path = top / entry[3:]
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):  # a link, a FIFO, a device: never read
        return False
    if _is_stdout(info):
        return True
    if info.st_size > _MAX_SNIFF_BYTES:
        return False
    try:
        with _open_regular(path, follow=False) as handle:
            data = handle.read(_MAX_SNIFF_BYTES + 1)
    except OSError:
        return False
    return _written_by_ropa(data)


def _is_stdout(info: os.stat_result) -> bool:
    """Whether ``info`` is the file this process's standard output is redirected to."""
    try:
        out = os.fstat(1)
    except OSError:
        return False
    return stat.S_ISREG(out.st_mode) and (out.st_dev, out.st_ino) == (info.st_dev, info.st_ino)


def _written_by_ropa(data: bytes) -> bool:
    """Whether ``data`` is one of ropa's outputs: a saved record, a SARIF log, diagnostics
    or a diff as JSON, the Markdown diff, text or GitHub diagnostics, a text diff.
    An empty file is not: a new empty ``__init__.py`` changes the source."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    stripped = text.strip()
    if stripped == "[]" or text == "no changes in substance\n":  # a clean scan, an empty diff
        return True
    if stripped.startswith(("{", "[")):
        try:
            value = json.loads(text)
        except ValueError:
            return False
        return _ropa_json(value)
    return _TEXT_OUTPUT.match(text) is not None or _text_diff(text)


def _text_diff(text: str) -> bool:
    """Whether ``text`` is ``ropa diff``'s text output: every line a change, marked ``+``,
    ``-`` or ``~`` and naming the kind of item it changes (``~ vendor 'stripe': ...``)."""
    from ropa.diff import BLOCKS, COLLECTIONS, SETS, VOCABULARY

    if not text.endswith("\n"):
        return False
    subjects = {c.subject for c in COLLECTIONS} | {*BLOCKS.values(), *SETS.values()}
    subjects |= {*VOCABULARY.values(), "record", "evidence in code"}
    line = re.compile(
        r"[+~-] (?:"
        + "|".join(map(re.escape, sorted(subjects, key=len, reverse=True)))
        + r")(?: '[^\n]*| ?: [^\n]*| (?:added|removed))"
    )
    return all(line.fullmatch(item) for item in text[:-1].split("\n"))


_DIAGNOSTIC_KEYS = {"code", "level", "message", "path", "line", "column"}
_CHANGE_KEYS = {"kind", "subject", "name", "key", "old", "new"}


def _ropa_json(value: object) -> bool:
    if isinstance(value, dict):
        generated = value.get("generated")
        if isinstance(generated, dict) and generated.get("tool") == "ropa":
            return "schema_version" in value  # a record (ropa.json under another name)
        runs = value.get("runs")
        return (  # a SARIF log of ropa scan --format sarif
            isinstance(runs, list)
            and bool(runs)
            and all(
                isinstance(run, dict)
                and isinstance(run.get("tool"), dict)
                and isinstance(run["tool"].get("driver"), dict)
                and run["tool"]["driver"].get("name") == "ropa"
                for run in runs
            )
        )
    if isinstance(value, list) and value:  # diagnostics (scan --format json) or a diff
        return all(
            isinstance(item, dict)
            and (
                (item.keys() >= _DIAGNOSTIC_KEYS and str(item.get("code", "")).startswith("ROPA"))
                or item.keys() == _CHANGE_KEYS
            )
            for item in value
        )
    return False


def head_commit(root: Path) -> str | None:
    """The commit ``HEAD`` names, read from the files of ``.git``; None when there is none."""
    found = _git_dirs(root)
    if found is None:
        return None
    git_dir, common_dir = found
    name = "HEAD"
    for _ in range(10):  # symbolic refs point at refs; a loop of them names no commit
        place = git_dir if name == "HEAD" or name.startswith(_PER_WORKTREE[1:]) else common_dir
        text = _read_small(place / name)
        if text is None:
            return _packed_ref(common_dir, name)
        text = text.strip()
        if _OBJECT_ID.fullmatch(text):
            return text
        target = text.removeprefix("ref:").strip() if text.startswith("ref:") else ""
        if not _safe_ref_name(target):
            return None
        name = target
    return None


def _git_dirs(root: Path) -> tuple[Path, Path] | None:
    """The git directory of the work tree holding ``root``, and its common directory."""
    for folder in (root, *root.parents):
        dot = folder / ".git"
        try:
            mode = dot.stat().st_mode
        except OSError:
            continue
        if stat.S_ISDIR(mode):
            git_dir = dot
        else:  # a linked worktree or a submodule: ".git" is a file naming the directory
            text = _read_small(dot)
            if text is None or not text.startswith("gitdir:"):
                return None
            git_dir = folder / text.removeprefix("gitdir:").strip()
        common = _read_small(git_dir / "commondir")
        return git_dir, (git_dir / common.strip()) if common else git_dir
    return None


def _packed_ref(common_dir: Path, name: str) -> str | None:
    """The object ``name`` has in ``packed-refs``."""
    try:
        handle = _open_regular(common_dir / "packed-refs")
    except OSError:
        return None
    with handle:
        for line in handle:
            oid, _, ref = line.decode("utf-8", "replace").rstrip("\n").partition(" ")
            if ref == name and _OBJECT_ID.fullmatch(oid):
                return oid
    return None


def _safe_ref_name(name: str) -> bool:
    """A ref name git would accept that stays inside the git directory."""
    return (
        name.startswith("refs/")
        and ".." not in name
        and "//" not in name
        and not name.endswith("/")
        and all(ch.isprintable() and ch not in "\\:?*[~^ " for ch in name)
    )


def _read_small(path: Path) -> str | None:
    """The text of a small regular file; None for anything else (a FIFO never blocks)."""
    try:
        with _open_regular(path) as handle:
            data = handle.read(_MAX_REF_BYTES + 1)
    except OSError:
        return None
    if len(data) > _MAX_REF_BYTES:
        return None
    return data.decode("utf-8", "replace")


def _open_regular(path: Path, *, follow: bool = True) -> io.BufferedReader:
    """``path`` opened for binary reading, when it is a regular file; else OSError.

    ``follow=False``: a symbolic link is refused rather than followed."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file: {path}")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _inside(root: Path, paths: Iterable[Path]) -> list[str]:
    """Each of ``paths`` strictly inside ``root``, relative and POSIX, for a pathspec.

    Both the paths as given and with symlinks resolved, so either spelling is excluded.
    """
    bases = {Path(os.path.abspath(root)), root.resolve()}
    found: set[str] = set()
    for path in paths:
        for candidate in {Path(os.path.abspath(path)), path.resolve()}:
            for base in bases:
                if candidate != base and candidate.is_relative_to(base):
                    found.add(candidate.relative_to(base).as_posix())
    return sorted(found)


def _git(root: Path, *args: str) -> str | None:
    """Stdout of ``git -C root ARGS`` run so that nothing in the repository starts a program."""
    env = _environment(root)
    if env is None:
        return None
    try:
        done = subprocess.run(
            ["git", "--no-pager", "-C", str(root), *args],
            capture_output=True,
            encoding="utf-8",
            errors="surrogateescape",  # paths are bytes; only their names matter here
            timeout=_GIT_TIMEOUT,
            check=False,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.rstrip("\n") if done.returncode == 0 else None


def _environment(root: Path) -> dict[str, str] | None:
    """Our environment without ``GIT_*``, plus every override of `_NEUTRALISED` and drivers.

    Overrides go through ``GIT_CONFIG_COUNT``, which takes any key (a driver's name may hold
    ``=`` or spaces) and reaches every git process the command starts.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0")
    try:
        listed = subprocess.run(  # reading the configuration runs nothing
            ["git", "-C", str(root), "config", "--null", "--list"],
            capture_output=True,
            timeout=_GIT_TIMEOUT,
            check=False,
            env=env,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    overrides = dict(_NEUTRALISED)
    for entry in listed.stdout.split(b"\0"):
        key = entry.partition(b"\n")[0].decode("utf-8", "surrogateescape")
        section, _, rest = key.partition(".")
        driver, _, _variable = rest.rpartition(".")
        if section in _DRIVER_PROGRAMS and driver:
            for variable in _DRIVER_PROGRAMS[section]:
                overrides[f"{section}.{driver}.{variable}"] = ""
            if section == "filter":  # an emptied required filter would fail the status
                overrides[f"filter.{driver}.required"] = "false"
    env["GIT_CONFIG_COUNT"] = str(len(overrides))
    for number, (key, value) in enumerate(overrides.items()):
        env[f"GIT_CONFIG_KEY_{number}"] = key
        env[f"GIT_CONFIG_VALUE_{number}"] = value
    return env
