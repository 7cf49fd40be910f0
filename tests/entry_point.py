"""The console entry point ``ropa.cli.run`` called in this process, as a user meets it."""

from __future__ import annotations

import io
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

import pytest

from ropa.cli import run


def run_ropa(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Exit code and output (stdout, then stderr) of ``ropa ARGS``: unlike click's test runner,
    this goes through ``run``, which turns crashes and Ctrl-C into ropa's own messages."""
    err, out = io.StringIO(), io.StringIO()
    with (
        mock.patch.object(sys, "argv", ["ropa", *args]),
        mock.patch.dict(os.environ, env or {}),
        redirect_stderr(err),
        redirect_stdout(out),
        pytest.raises(SystemExit) as exit_,
    ):
        run()
    assert isinstance(exit_.value.code, int)
    return exit_.value.code, out.getvalue() + err.getvalue()
