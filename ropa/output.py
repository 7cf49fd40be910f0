"""Writing ropa's outputs: unguessable temporary files, then one switch to the whole new set."""

from __future__ import annotations

import errno
import os
import secrets
import signal
import stat
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from ropa.errors import RopaError

# A temporary file is created, never opened if it exists, and never through a symbolic link:
# the output folder may hold names a pull request planted (see docs/security.md).
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
# Signals that would stop the process between two renames; held until the set is in place.
_HELD = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


#: Names that stand for a stream rather than a file: ``-o /dev/stdout`` means "print it".
_STREAM_PREFIXES = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write one file completely or not at all.

    A character device or a pipe (``-o /dev/null``, ``-o /dev/stdout``, a FIFO) is written
    to, never replaced: replacing ``/dev/null`` with a regular file, as root, breaks the
    machine. Only a device or pipe that is itself at ``path``, or a stream name under /dev or
    /proc, is written through; a link a pull request planted is replaced like any file, since
    git cannot hold devices or pipes.
    """
    stream = _stream(path)
    if stream is None:
        write_files({path: data})
        return
    try:
        with open(stream, "wb", buffering=0) as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as error:
        raise RopaError(_problem(error)) from None


def _stream(path: Path) -> Path | None:
    """``path`` when it is a character device, a pipe or a stream name to write into."""
    if str(path).startswith(_STREAM_PREFIXES):
        return path  # whatever the stream is redirected to, even a regular file
    try:
        mode = os.lstat(path).st_mode
    except (OSError, ValueError):
        return None
    return path if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) else None


def write_files(files: Mapping[Path, str | bytes]) -> None:
    """Write every file of ``files`` so that readers see either all old or all new files.

    Each file is first written in full to a fresh temporary file beside it, so a full disk, a
    file-size limit or an interrupt leaves the previous files untouched. Then all are renamed
    into place with interrupts held back. A rename that still fails puts back the files
    already replaced. Raises RopaError, naming the file, when something cannot be written.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path in files:
            check_folder(path.parent)
            _refuse_folder(path)
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_stage(path, data), path))
        with _signals_held():
            try:
                _switch(staged)
            finally:
                _discard(tmp for tmp, _ in staged)
        for folder in dict.fromkeys(path.parent for path in files):
            _sync_folder(folder)
    except OSError as error:
        raise RopaError(_problem(error)) from None
    finally:
        _discard(tmp for tmp, _ in staged)  # when interrupted while writing


def check_folder(folder: Path) -> None:
    """Refuse, before any work, an output folder that cannot be one.

    A folder that does not exist yet is fine when its nearest existing parent is a folder;
    a symbolic link to an existing folder is followed, as the user may have set it up.
    """
    try:
        for current in (folder, *folder.parents):
            if current.is_dir():
                return
            if current.is_symlink():
                raise RopaError(
                    f"{current}: is a symbolic link to {os.readlink(current)}, which does not exist"
                )
            if os.path.lexists(current):
                raise RopaError(f"{current}: is not a folder")
    except OSError as error:  # a name too long, a folder we may not look into
        raise RopaError(f"{folder}: cannot use as a folder: {error.strerror or error}") from None


def _refuse_folder(path: Path) -> None:
    # Renaming a file over a folder fails only after other files of the set may have been
    # replaced: find it first.
    if path.is_dir() and not path.is_symlink():
        raise RopaError(f"{path}: is a folder; ropa writes a file of this name there")


def _stage(path: Path, data: str | bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` and return its name."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
        try:
            fd = os.open(tmp, _CREATE, 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as error:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(error, OSError):  # a failed write names no file: name the one meant
            raise OSError(error.errno, error.strerror, str(path)) from None
        raise
    return tmp


def _switch(staged: list[tuple[Path, Path]]) -> None:
    """Rename each temporary file over its target, all or none.

    Each existing target gets a hard link first, so a rename that fails half-way (an
    immutable file, a vanished folder) can put the old files back. Where hard links are not
    possible the old file is replaced without one.
    """
    backups = {final: _backup(final) for _, final in staged}
    done: list[Path] = []
    try:
        for tmp, final in staged:
            os.replace(tmp, final)
            done.append(final)
    except OSError:
        for final in reversed(done):
            _restore(final, backups[final])
        raise
    finally:
        _discard(backup for backup in backups.values() if backup is not None)


def _discard(paths: Iterable[Path]) -> None:
    for path in paths:
        with suppress(OSError):
            os.unlink(path)


def _backup(path: Path) -> Path | None:
    """A hard link to the current ``path`` (a link itself, never its target), or None."""
    while True:
        backup = path.with_name(f".{path.name}.{secrets.token_hex(8)}.old")
        try:
            os.link(path, backup, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            return None  # no previous file, or a file system without hard links
        return backup


def _restore(path: Path, backup: Path | None) -> None:
    with suppress(OSError):
        if backup is not None:
            os.replace(backup, path)
        else:
            os.unlink(path)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back interrupts and termination for a moment; deliver them when the block ends.

    Python runs signal handlers in the main thread whichever thread the kernel picks, so
    deferring handlers there holds a signal back where blocking one thread's mask might not.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous: dict[int, Any] = {}
    try:
        for signum in _HELD:
            previous[signum] = signal.signal(signum, lambda number, _: caught.append(number))
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)


def _sync_folder(folder: Path) -> None:
    """Make the renames durable; some systems cannot sync a folder, which costs nothing."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _problem(error: OSError) -> str:
    """An operating-system error as ``PATH: cannot write: reason``, without the temp name."""
    where = error.filename
    if isinstance(where, str) and Path(where).name.endswith((".tmp", ".old")):
        # The user knows the file by its final name: strip ".NAME.<hex>.tmp".
        name = Path(where).name[1:].rsplit(".", 2)[0]
        where = str(Path(where).with_name(name))
    reason = os.strerror(error.errno) if error.errno else str(error)
    if error.errno == errno.EFBIG:
        reason += " (a file-size limit, ulimit -f, is in force)"
    return f"{where}: cannot write: {reason}" if where else f"cannot write: {reason}"
