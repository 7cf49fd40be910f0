"""The record does not depend on workers, the cache, file order, or the route to positions."""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ropa import collector, scanner
from ropa.pipeline import Outcome, dump_record, run_scan
from tests.conftest import BROKEN, DATE, SAMPLE

#: Module templates using every marker form; each extra module gets its own names.
_MODULE = '''\
"""Extra module {n}."""
import logging
{imports}

log = logging.getLogger(__name__)


class Contact{n}:  # ropa: personal_data(subjects=["customer"], retention="P2Y")
    email = None  # ropa: user.contact.email
    # ropa: user.contact.phone_number
    phone = None
    nickname = None  # ropa: ignore[ROPA201]


@{processing}("Extra activity {n}", purpose="Serve customers", legal_basis="contract",
    data=["user.contact.email"], subjects=["customer"], processors=["sendgrid"],
    retention="P90D")
@{processor}("sendgrid", data=["user.contact.email"], purpose="Email delivery")
def handle_{n}(request):
    return {{"n": {n}, "text": "é # not a comment"}}


# ropa: processing("Extra screening {n}", purpose="Screen payments",
#   legal_basis="legitimate_interests", legitimate_interest="Preventing fraud",
#   data=["user.device.ip_address"], subjects=["customer"], retention="P1Y")
def screen_{n}(payment):  # ropa: processor("stripe", data=["user.device.ip_address"])
    return payment
'''
_STYLES = (
    ("from ropa import processing as track, processor", "track", "processor"),
    ("import ropa", "ropa.processing", "ropa.processor"),
    ("import ropa.markers as rm", "rm.processing", "rm.processor"),
)


def _project(root: Path, extra: int = 60) -> Path:
    """sample_project, the broken fixture's sources, and ``extra`` more annotated modules."""
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".ropa-cache"))
    shutil.copytree(BROKEN / "app", root / "shop" / "broken")
    for n in range(extra):
        imports, processing, processor = _STYLES[n % len(_STYLES)]
        text = _MODULE.format(n=n, imports=imports, processing=processing, processor=processor)
        path = root / "shop" / "extra" / f"mod{n:03d}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _canonical(outcome: Outcome) -> tuple[str, list[Any]]:
    record = outcome.record.as_json()
    record.pop("generated")
    diagnostics = [
        (d.code, d.level.value, d.message, str(d.location), d.hint) for d in outcome.diagnostics
    ]
    return dump_record(record), diagnostics


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path / "cache"))
    return _project(tmp_path / "project")


def _scan(root: Path, **kwargs: Any) -> tuple[str, list[Any]]:
    kwargs.setdefault("use_cache", False)
    return _canonical(run_scan([root], date=DATE, **kwargs))


def test_one_or_two_workers_give_the_same_record(project: Path) -> None:
    one = _scan(project, jobs=1)
    assert "Extra activity 59" in one[0]
    assert _scan(project, jobs=2) == one


def test_the_cache_changes_nothing_cold_or_warm(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = _scan(project, jobs=1)
    calls: list[str] = []
    original = scanner.scan_source

    def counting(rel: str, data: bytes, options: scanner.ScanOptions, **kwargs: Any) -> Any:
        calls.append(rel)
        return original(rel, data, options, **kwargs)

    monkeypatch.setattr(scanner, "scan_source", counting)
    assert _scan(project, jobs=1, use_cache=True) == reference  # cold: fills the cache
    cold = len(calls)
    assert cold > 60
    assert _scan(project, jobs=1, use_cache=True) == reference  # warm: reads it
    assert len(calls) == cold, "a warm run scanned files again"
    assert _scan(project, jobs=2, use_cache=True) == reference


def test_an_edited_file_is_scanned_again(project: Path) -> None:
    assert _scan(project, use_cache=True) == _scan(project)
    models = project / "shop" / "extra" / "mod000.py"
    text = models.read_text(encoding="utf-8")
    st = models.stat()
    # Same size, same mtime: only the content (and the ctime the kernel sets) differs.
    models.write_text(text.replace("Extra activity 0", "Extra activity Z"), encoding="utf-8")
    os.utime(models, ns=(st.st_atime_ns, st.st_mtime_ns))
    warm = _scan(project, use_cache=True)
    assert "Extra activity Z" in warm[0]
    assert warm == _scan(project)


def test_a_deleted_file_leaves_the_record(project: Path) -> None:
    _scan(project, use_cache=True)
    (project / "shop" / "extra" / "mod001.py").unlink()
    warm = _scan(project, use_cache=True)
    assert 'Extra activity 1"' not in warm[0]
    assert warm == _scan(project)


def test_the_order_files_are_found_in_does_not_matter(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = _scan(project, jobs=1)
    original = scanner.discover

    for seed in range(3):

        def shuffled(*args: Any, seed: int = seed, **kwargs: Any) -> Any:
            rels, problems = original(*args, **kwargs)
            random.Random(seed).shuffle(rels)
            return rels, problems

        monkeypatch.setattr(scanner, "discover", shuffled)
        assert _scan(project, jobs=1) == reference
        assert _scan(project, jobs=2) == reference


def test_the_record_matches_the_exact_route(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reference route: libcst on every file that mentions ropa, positions from libcst's
    PositionProvider (what ropa did before the fast route existed)."""
    fast = _scan(project, jobs=1)
    exact_collect = collector.collect_source

    def exact(*args: Any, **kwargs: Any) -> Any:
        kwargs["exact_positions"] = True
        return exact_collect(*args, **kwargs)

    def old_prefilter(data: bytes, reach: Any, marker_modules: Any) -> bool:
        return b"ropa" in data or any(m.encode() in data for m in marker_modules)

    monkeypatch.setattr(collector, "collect_source", exact)
    monkeypatch.setattr(scanner, "_may_declare", old_prefilter)
    assert _scan(project, jobs=1) == fast


def _sources() -> Iterator[Path]:
    for root in (SAMPLE, BROKEN):
        yield from sorted(root.rglob("*.py"))


@pytest.mark.parametrize("path", list(_sources()), ids=lambda p: p.name)
def test_fast_positions_equal_position_provider(path: Path) -> None:
    data = path.read_bytes()
    rel = path.name
    fast = collector.collect_source(rel, data, marker_modules=("shop.privacy",))
    exact = collector.collect_source(
        rel, data, marker_modules=("shop.privacy",), exact_positions=True
    )
    assert fast == exact


def test_scan_json_output_is_byte_identical_between_runs(project: Path) -> None:
    first = run_scan([project], date=DATE, jobs=2, use_cache=False)
    second = run_scan([project], date=DATE, jobs=1, use_cache=True)
    third = run_scan([project], date=DATE, jobs=2, use_cache=True)
    texts = {dump_record(o.record) for o in (first, second, third)}
    assert len(texts) == 1
    json.loads(texts.pop())
