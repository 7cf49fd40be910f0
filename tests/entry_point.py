"""The console entry point ``ropa.cli.run`` called in this process, as a user meets it."""

from __future__ import annotations

import io
import os
import signal
import sys
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

import pytest

from ropa.cli import run


def run_ropa(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Exit code and output (stdout, then stderr) of ``ropa ARGS``: unlike click's test runner,
    this goes through ``run``, which turns crashes and Ctrl-C into ropa's own messages."""
    err, out = io.StringIO(), io.StringIO()
    # run() blocks Ctrl-C as it leaves (and ignores it once interrupted): undo that here.
    handler = signal.getsignal(signal.SIGINT)
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    try:
        with (
            mock.patch.object(sys, "argv", ["ropa", *args]),
            mock.patch.dict(os.environ, env or {}),
            redirect_stderr(err),
            redirect_stdout(out),
            pytest.raises(SystemExit) as exit_,
        ):
            run()
    finally:
        signal.signal(signal.SIGINT, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    assert isinstance(exit_.value.code, int)
    return exit_.value.code, out.getvalue() + err.getvalue()
