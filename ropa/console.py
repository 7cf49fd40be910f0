"""How ropa talks to a terminal and leaves: exit codes, one-line errors, progress, paths
shown from the working directory, and the report of a crash."""

from __future__ import annotations

import os
import re
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import click

from ropa.errors import ConfigError, RopaError
from ropa.model import Diagnostic

EXIT_OK, EXIT_FINDINGS, EXIT_FAILURE = 0, 1, 2


def fail(problems: Sequence[str]) -> NoReturn:
    """Print each problem as `ropa: ...` on stderr and exit 2."""
    for problem in problems:
        click.echo(f"ropa: {shorten(problem)}", err=True)
    sys.exit(EXIT_FAILURE)


#: A word longer than this (a path of 100,000 characters) is cut in the middle when shown.
_LONGEST_WORD = 160


def shorten(text: str) -> str:
    """``text`` with every over-long word cut to its start and end around an ellipsis."""
    return re.sub(
        rf"\S{{{_LONGEST_WORD + 1},}}",
        lambda m: f"{m[0][:80]}...{m[0][-60:]}",
        text,
    )


@contextmanager
def errors() -> Iterator[None]:
    try:
        yield
    except RopaError as exc:
        fail(_from_cwd(exc))


def _from_cwd(exc: RopaError) -> list[str]:
    """The problems, a ropa.yaml named by its bare name shown from the working directory."""
    file = exc.file if isinstance(exc, ConfigError) else None
    if file is None:
        return exc.problems
    try:
        where = os.path.relpath(file.absolute(), Path.cwd()).replace(os.sep, "/")
    except ValueError:  # another drive
        where = str(file.absolute())
    name = f"{file.name}:"
    return [where + p[len(file.name) :] if p.startswith(name) else p for p in exc.problems]


def plural(count: int, word: str, plural: str | None = None) -> str:
    """``1 error``, ``2 errors``: the count with the word in the form it needs."""
    return f"{count} {word if count == 1 else plural or word + 's'}"


def relative(root: Path, diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Re-root project-relative paths at the working directory, for clickable output."""
    try:
        prefix = os.path.relpath(root, Path.cwd())
    except ValueError:
        prefix = str(root)
    if prefix == ".":
        return list(diagnostics)
    prefix = prefix.replace(os.sep, "/")
    return [
        # "." is the project root itself (where a missing ropa.yaml belongs).
        replace(
            d,
            location=replace(
                d.location,
                path=prefix if d.location.path == "." else f"{prefix}/{d.location.path}",
            ),
            flow=tuple(replace(s, path=f"{prefix}/{s.path}") for s in d.flow),
        )
        if d.location
        else d
        for d in diagnostics
    ]


@contextmanager
def progress(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal; nothing when output is piped."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None:
            bar = click.progressbar(length=total, label="Scanning", file=sys.stderr)
            bar.__enter__()
            state["bar"] = bar
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)


def rendering() -> Callable[[str], None] | None:
    """On a terminal, a line on stderr as each document starts (large PDFs take a while)."""
    if not sys.stderr.isatty():
        return None
    return lambda name: click.echo(f"Rendering {name}...", err=True)


# Set by --debug or ROPA_DEBUG: an internal error then prints its traceback.
DEBUG = {"on": False}


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C


def internal_error(exc: Exception) -> int:
    """Report a bug in ropa: one line, the traceback only with --debug or ROPA_DEBUG."""
    debug = DEBUG["on"] or os.environ.get("ROPA_DEBUG", "").lower() in {"1", "true", "yes"}
    if debug:
        traceback.print_exc()
    how = "above" if debug else "that 'ropa --debug ...' (or ROPA_DEBUG=1) prints"
    click.echo(
        f"ropa: internal error: {type(exc).__name__}: {shorten(str(exc))}\n"
        "This is a bug in ropa; please report it with the command you ran and the "
        f"traceback {how}.",
        err=True,
    )
    return EXIT_FAILURE


def interrupted() -> NoReturn:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while leaving
    click.echo("ropa: interrupted", err=True)
    leave(EXIT_INTERRUPTED)


def leave(code: int | str | None) -> NoReturn:
    """Exit with ``code``, even if Ctrl-C comes now.

    Python restores the default action of SIGINT while it shuts down, and CPython 3.11 even
    kills itself with SIGINT at exit after an interrupt landed in code run by ``exec`` (as
    dataclasses do on import), whatever code was asked for. Blocked, such a signal stays
    pending and the process ends with the code; by now no other thread is left to take it.
    """
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    sys.exit(code)
