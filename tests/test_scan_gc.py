"""The scan calls the cycle collector less often while it runs, and puts it back after."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from ropa import scanner
from ropa.scanner import ScanOptions, scan_paths

from .conftest import write_tree


def test_the_collector_is_tuned_during_the_scan_and_restored_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"app/a.py": "def f(user):\n    print(user.email)\n"})
    seen: list[tuple[int, int, int]] = []
    real = scanner.scan_source

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scanner, "scan_source", spy)
    before = gc.get_threshold()
    scan_paths([tmp_path], tmp_path, ScanOptions())
    assert seen == [scanner._GC_THRESHOLD]
    assert gc.get_threshold() == before


def test_the_collector_is_restored_when_the_scan_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"app/a.py": "x = 1\n"})

    def boom(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(scanner, "scan_source", boom)
    before = gc.get_threshold()
    with pytest.raises(KeyboardInterrupt):
        scan_paths([tmp_path], tmp_path, ScanOptions())
    assert gc.get_threshold() == before


def test_workers_tune_their_own_collector() -> None:
    # Workers that are not forks (macOS, Windows) start from Python's defaults.
    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        scanner._tune_gc()
        assert gc.get_threshold() == scanner._GC_THRESHOLD
    finally:
        gc.set_threshold(*before)
