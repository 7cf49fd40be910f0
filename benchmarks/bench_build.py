"""Times `ropa build` on a generated project: 300 activities, 80 vendors, 2,000 fields.

Usage: python benchmarks/bench_build.py [--workdir DIR] [--html-only] [--repeat N]
Prints the scan time, the HTML-only render time, each PDF on its own (pages, wall and CPU
seconds) and all six outputs with the PDFs in two processes (--jobs 2), medians of N runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdf

from ropa.pipeline import run_scan
from ropa.registry import load_countries, load_registry, transfer_safeguard
from ropa.render import _Documents, environment, render_documents

CATEGORIES = [
    "user.contact.email",
    "user.name",
    "user.contact.phone_number",
    "user.device.ip_address",
    "user.contact.address",
]


def generate(root: Path, activities: int = 300, vendors: int = 80, models: int = 100) -> None:
    registry, countries = load_registry(), load_countries()
    keys = [k for k, v in sorted(registry.items()) if transfer_safeguard(v, countries)][:vendors]
    (root / "app").mkdir(parents=True, exist_ok=True)
    (root / "ropa.yaml").write_text(
        "controller: {name: Big Co, email: privacy@big.example}\n"
        "jurisdictions: [gdpr, ccpa]\nnotice: {effective_date: 2026-01-15}\n"
    )
    lines = ["from ropa import processing", ""]
    for i in range(activities):
        procs = [keys[(i * 3 + j) % len(keys)] for j in range(3)]
        lines.append(
            f'@processing("Activity {i:03d}", purpose="Purpose number {i} for the service", '
            f'legal_basis="contract", data={CATEGORIES[: 1 + i % 5]!r}, subjects=["customer"], '
            f'processors={procs!r}, retention="P{1 + i % 9}Y", requirement="Needed")'
        )
        lines.append(f"def f{i}(): ...")
    (root / "app" / "acts.py").write_text("\n".join(lines) + "\n")
    for m in range(models):
        body = [f"class Model{m}:"]
        body += [f"    field_{m}_{k} = None  # ropa: {CATEGORIES[k % 5]}" for k in range(20)]
        (root / "app" / f"models{m}.py").write_text("\n".join(body) + "\n")


def _timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds (this process and its finished children) of ``action``."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = _cpu()
        start = time.perf_counter()
        action()
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu() - before)
    return statistics.median(walls), statistics.median(cpus)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--html-only", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each step (median)")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="ropa-bench-build-"))
    project = work / "project"
    generate(project)
    start = time.perf_counter()
    outcome = run_scan([project], jobs=2, date=dt.date(2026, 1, 15), use_cache=False)
    record = outcome.record
    print(
        f"scan: {time.perf_counter() - start:.2f} s for {len(record.activities)} activities, "
        f"{len(record.vendors)} vendors, {len(record.data_inventory)} fields"
    )
    wall, _ = _timed(lambda: render_documents(record, work / "html", formats=["html"]), args.repeat)
    print(f"html: {wall:.2f} s (target 1.5 s)")
    if args.html_only:
        return
    documents = _Documents(record, environment(None), False)
    for document in ("record", "notice"):
        pdf = b""

        def one(document: str = document) -> None:
            nonlocal pdf
            pdf = documents.pdf(document)

        wall, cpu = _timed(one, args.repeat)
        pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
        print(f"{document} pdf alone: {wall:.2f} s wall, {cpu:.2f} s cpu, {pages} pages")
    wall, cpu = _timed(
        lambda: render_documents(
            record, work / "all", formats=["html", "pdf", "json", "csv"], jobs=2
        ),
        args.repeat,
    )
    print(f"all six outputs, jobs 2: {wall:.2f} s wall, {cpu:.2f} s cpu (target 15 s)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
