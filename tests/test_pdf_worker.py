"""The second PDF's worker process may die at any moment (Ctrl-C reaches the whole process
group, the kernel kills it for memory): the build then lays that PDF out itself, and never
waits for a message that will not come.

A process pool once hung for good when Ctrl-C stopped its worker half-way through sending a
PDF back (the pool's manager thread kept waiting for the rest, and the interpreter waited for
that thread at exit). The workers below die in each such way, on purpose.
"""

from __future__ import annotations

import datetime as dt
import os
import struct
import threading
from pathlib import Path
from typing import Any

import pytest

import ropa.render
from ropa.pipeline import run_scan
from ropa.recordio import as_record
from ropa.recordmodel import Record
from ropa.render import render_documents

from .conftest import SAMPLE


def _half_a_message(todo: list[Any], writer: Any) -> None:
    """Announce a 1 MB message, send 10 bytes of it, and die."""
    os.write(writer.fileno(), struct.pack("!i", 1_000_000) + b"x" * 10)
    os._exit(0)


def _silent_death(todo: list[Any], writer: Any) -> None:
    os._exit(9)


@pytest.fixture(scope="module")
def record() -> Record:
    return run_scan([SAMPLE], jobs=1, date=dt.date(2026, 1, 15), use_cache=False).record


@pytest.fixture(scope="module")
def reference(record: Record, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("here")
    render_documents(as_record(record.as_json()), out, formats=("pdf",), jobs=1)
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _build(record: Record, out: Path) -> dict[str, bytes]:
    done: list[BaseException | None] = []

    def build() -> None:
        try:
            render_documents(as_record(record.as_json()), out, formats=("pdf",), jobs=2)
            done.append(None)
        except BaseException as error:  # reported below, in the test's thread
            done.append(error)

    thread = threading.Thread(target=build, daemon=True)
    thread.start()
    thread.join(timeout=90)
    assert not thread.is_alive(), "the build waited for a worker that had died"
    assert done == [None], done
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.mark.parametrize("worker", [_half_a_message, _silent_death, None])
def test_a_dying_pdf_worker_never_hangs_the_build(
    worker: Any,
    record: Record,
    reference: dict[str, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if worker is not None:
        monkeypatch.setattr(ropa.render, "_pdf_worker", worker)
    assert _build(record, tmp_path / "out") == reference
    assert set(reference) == {"privacy-notice.pdf", "ropa.pdf"}
