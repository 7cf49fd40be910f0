"""Times ``ropa scan`` on a real and a synthetic corpus against the parsers' own floors.

Usage: python benchmarks/bench_scan.py --corpus DIR [--synthetic N] [--runs 3] [--jobs 1,2]

DIR is the ``src`` folder printed by ``../shared/corpus/fetch.sh``. For each corpus (the real
one, the synthetic one of N files written by ``benchmarks/synth.py``, and for the doubling test
the synthetic one of 2N files) it measures, in the same run:

- the floor: reading and ``ast.parse`` of every ``.py`` file, single-threaded, in-process;
- libcst's ``parse_module`` alone on the files that hold markers (the ones ropa must parse
  with libcst);
- ``ropa scan`` as a subprocess of the CLI, cold (empty cache) and warm (cache filled by the
  previous run), with each ``--jobs`` value; the wall time includes interpreter start-up.

It prints medians of ``--runs`` runs, ratios to the floors, peak resident memory (the main
process and the largest worker, from ``getrusage``), files per second, and the issue 5 targets
with a pass/fail mark. ``--src`` benchmarks another checkout of ropa (a "before" tree).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import MARKER_MODULE, generate  # noqa: E402

# Runs the real CLI entry point, then reports the peak memory of the process and its workers.
_RUNNER = """\
import json, resource, sys
from ropa.cli import run
sys.argv = ["ropa", *sys.argv[1:]]
code = 0
try:
    run()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
# VmHWM: ru_maxrss of RUSAGE_SELF would include the benchmark's own peak, which Linux
# carries over across fork and exec.
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    with open("/proc/self/status") as status:
        peak = next(int(x.split()[1]) for x in status if x.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
usage = {
    "self_kb": peak,
    "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
}
sys.stderr.write("\\nBENCH " + json.dumps(usage) + "\\n")
sys.exit(code)
"""

_MARKED = re.compile(
    rb"#[ \t]*ropa:|^[ \t]*(?:from|import)[ \t]+(?:ropa|"
    + re.escape(MARKER_MODULE.encode())
    + rb")\b",
    re.M,
)


@dataclass
class Timing:
    """Medians of one measurement."""

    label: str
    seconds: float
    self_mb: float = 0.0
    worker_mb: float = 0.0
    runs: list[float] = field(default_factory=list)
    paired: list[float] = field(default_factory=list)
    """Each run divided by the floor measured just before it (``--paired``)."""


@dataclass
class CorpusResult:
    name: str
    path: Path
    files: int
    megabytes: float
    marked: int
    floor_ast: float
    floor_cst: float
    scans: dict[str, Timing] = field(default_factory=dict)


def python_files(root: Path) -> list[Path]:
    """The ``.py`` files ropa would scan: hidden folders and virtual environments left out."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and d not in ("__pycache__", "node_modules", "site-packages")
        )
        out += [Path(folder, f) for f in sorted(files) if f.endswith(".py")]
    return out


def median_time(func: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor_ast(paths: list[Path]) -> None:
    for path in paths:
        data = path.read_bytes()
        with contextlib.suppress(SyntaxError, ValueError, RecursionError, MemoryError):
            ast.parse(data)


def floor_cst(blobs: list[bytes]) -> None:
    import libcst

    for data in blobs:
        # A floor, not a scanner: what libcst rejects is skipped.
        with contextlib.suppress(Exception):
            libcst.parse_module(data)


def run_cli(src: Path, args: list[str], cache: Path) -> tuple[float, dict[str, int]]:
    env = dict(os.environ, PYTHONPATH=str(src.absolute()), ROPA_CACHE_DIR=str(cache))
    env.pop("SOURCE_DATE_EPOCH", None)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, *args],
        env=env,
        cwd=cache.parent,  # `python -c` puts the working folder first on sys.path
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1) or "Traceback" in done.stderr:
        raise SystemExit(f"ropa {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    line = next(x for x in done.stderr.splitlines() if x.startswith("BENCH "))
    return elapsed, json.loads(line[6:])


#: Extra ``ropa scan`` options for every run (``--scan-args=--no-evidence``).
SCAN_ARGS: list[str] = []
#: Time the floor again before each run (``--paired``).
PAIRED = False


def measure_scans(
    src: Path,
    corpus: Path,
    jobs: list[int],
    runs: int,
    cache: Path,
    warm: bool = True,
    floor: Callable[[], float] | None = None,
) -> dict[str, Timing]:
    """``floor``, when given, is timed again before every run: on a machine whose load moves
    (shared CI runners), a run compared with the floor measured next to it means more than
    with one measured minutes before."""
    out: dict[str, Timing] = {}
    base = ["scan", str(corpus.absolute()), "--fail-on", "never", "-q", "--date", "2026-01-01"]
    base += SCAN_ARGS
    for j in jobs:
        args = [*base, "--jobs", str(j)]
        modes = [("cold", True), ("warm", False)] if warm else [("cold", True)]
        for mode, clear in modes:
            times, selfs, workers, paired = [], [], [], []
            if not clear:
                run_cli(src, args, cache)  # make sure the cache holds this configuration
            for _ in range(runs):
                if clear:
                    shutil.rmtree(cache, ignore_errors=True)
                before = floor() if floor else 0.0
                elapsed, usage = run_cli(src, args, cache)
                times.append(elapsed)
                if before:
                    paired.append(elapsed / before)
                selfs.append(usage["self_kb"] / 1024)
                workers.append(usage["children_kb"] / 1024)
            label = f"{mode} j{j}"
            out[label] = Timing(
                label=label,
                seconds=statistics.median(times),
                self_mb=max(selfs),
                worker_mb=max(workers),
                runs=times,
                paired=paired,
            )
            shown = f"  x floor next to each run {fmt_runs(paired)}" if paired else ""
            print(
                f"    {label:8} {out[label].seconds:7.2f} s  runs {fmt_runs(times)}{shown}",
                flush=True,
            )
    return out


def fmt_runs(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times)


def measure_corpus(
    name: str,
    path: Path,
    src: Path,
    jobs: list[int],
    runs: int,
    workdir: Path,
    warm: bool = True,
) -> CorpusResult:
    paths = python_files(path)
    blobs = [p.read_bytes() for p in paths]
    marked = [b for b in blobs if _MARKED.search(b)]
    print(f"{name}: {len(paths)} files, {sum(map(len, blobs)) / 1e6:.1f} MB, {len(marked)} marked")
    ast_time = median_time(lambda: floor_ast(paths), runs)
    cst_time = median_time(lambda: floor_cst(marked), runs) if marked else 0.0
    result = CorpusResult(
        name=name,
        path=path,
        files=len(paths),
        megabytes=sum(map(len, blobs)) / 1e6,
        marked=len(marked),
        floor_ast=ast_time,
        floor_cst=cst_time,
    )
    print(f"    floor    {result.floor_ast:7.2f} s  ast.parse, 1 thread")
    if result.floor_cst:
        print(f"    floor    {result.floor_cst:7.2f} s  libcst.parse_module of marked files")
    cache = workdir / f"cache-{name}"
    floor = (lambda: median_time(lambda: floor_ast(paths), 1)) if PAIRED else None
    result.scans = measure_scans(src, path, jobs, runs, cache, warm, floor)
    shutil.rmtree(cache, ignore_errors=True)
    return result


def machine() -> dict[str, str]:
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": str(os.cpu_count()),
        "cpu": model,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def _ratio(t: Timing, floor: float) -> float:
    """A run's ratio to the floor: the median of the paired ratios when they were taken."""
    return statistics.median(t.paired) if t.paired else t.seconds / floor


def report(results: list[CorpusResult], jobs: list[int], doubling: tuple[str, str] | None) -> None:
    info = machine()
    print()
    print(f"Machine: {info['cpus']} CPUs, {info['cpu']}, Python {info['python']}, {info['system']}")
    for r in results:
        print()
        print(
            f"## {r.name}: {r.files} files, {r.megabytes:.1f} MB, {r.marked} with markers; "
            f"floor ast.parse {r.floor_ast:.2f} s; libcst parse of marked files {r.floor_cst:.2f} s"
        )
        print(
            f"{'run':10} {'median s':>9} {'x ast':>7} {'x cst/j':>8} {'files/s':>9} "
            f"{'main MB':>8} {'worker MB':>10}"
        )
        for t in r.scans.values():
            j = int(t.label.rsplit("j", 1)[1])
            cst_ratio = f"{t.seconds / (r.floor_cst / j):8.2f}" if r.floor_cst else f"{'-':>8}"
            print(
                f"{t.label:10} {t.seconds:9.2f} {_ratio(t, r.floor_ast):7.2f} {cst_ratio} "
                f"{r.files / t.seconds:9.0f} {t.self_mb:8.0f} {t.worker_mb:10.0f}"
            )
    print()
    print("## Targets (issue 5; medians with the most workers measured)")
    j = max(jobs)
    checks: list[tuple[str, float, float]] = []
    by_name = {r.name: r for r in results}
    for r in results:
        if r.name == "synthetic-2N":
            continue
        cold, warm = r.scans.get(f"cold j{j}"), r.scans.get(f"warm j{j}")
        if r.name == "real" and cold:
            checks.append(("real cold <= 1.5 x ast floor", _ratio(cold, r.floor_ast), 1.5))
        if r.name == "synthetic" and cold and r.floor_cst:
            ratio = cold.seconds / (r.floor_cst / j)
            checks.append((f"synthetic cold <= 2.0 x cst parse / {j}", ratio, 2.0))
        if warm:
            checks.append((f"{r.name} warm <= 0.3 x ast floor", _ratio(warm, r.floor_ast), 0.3))
    peaks = [max(t.self_mb, t.worker_mb) for r in results for t in r.scans.values()]
    checks.append(("peak memory per process <= 300 MB", max(peaks, default=0.0), 300.0))
    if doubling:
        small, big = by_name[doubling[0]], by_name[doubling[1]]
        for label in small.scans:
            if label in big.scans and label.startswith("cold"):
                growth = big.scans[label].seconds / small.scans[label].seconds
                size = big.megabytes / small.megabytes
                what = f"doubling {label}: time x{growth:.2f} for size x{size:.2f} <= 2.2"
                checks.append((what, growth, 2.2))
    for what, value, limit in checks:
        mark = "ok  " if value <= limit else "MISS"
        print(f"  [{mark}] {what}: {value:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="the real corpus (fetch.sh's src folder)")
    parser.add_argument("--synthetic", type=int, default=5000, help="synthetic files (0: none)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values")
    parser.add_argument("--src", type=Path, default=HERE.parent, help="ropa checkout to run")
    parser.add_argument("--workdir", type=Path, help="where synthetic corpora and caches go")
    parser.add_argument("--no-doubling", action="store_true", help="skip the 2N corpus")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--paired",
        action="store_true",
        help="time the ast.parse floor again just before each run and report each run's "
        "ratio to it; the targets then use the median of those ratios (for loaded machines)",
    )
    parser.add_argument(
        "--scan-args", default="", help="extra ropa scan options, e.g. --scan-args=--no-evidence"
    )
    args = parser.parse_args()
    SCAN_ARGS[:] = args.scan_args.split()
    global PAIRED
    PAIRED = args.paired
    jobs = [int(j) for j in args.jobs.split(",")]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ropa-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results: list[CorpusResult] = []
    if args.corpus:
        results.append(measure_corpus("real", args.corpus, args.src, jobs, args.runs, workdir))
    doubling = None
    if args.synthetic:
        synth_dir = workdir / f"synthetic-{args.synthetic}"
        generate(synth_dir, args.synthetic)
        results.append(measure_corpus("synthetic", synth_dir, args.src, jobs, args.runs, workdir))
        if not args.no_doubling:
            big_dir = workdir / f"synthetic-{2 * args.synthetic}"
            generate(big_dir, 2 * args.synthetic)
            big = measure_corpus(
                "synthetic-2N", big_dir, args.src, jobs, args.runs, workdir, warm=False
            )
            results.append(big)
            doubling = ("synthetic", "synthetic-2N")
    report(results, jobs, doubling)
    if args.json:
        payload = {
            "machine": machine(),
            "corpora": [
                {
                    "name": r.name,
                    "files": r.files,
                    "megabytes": r.megabytes,
                    "marked": r.marked,
                    "floor_ast": r.floor_ast,
                    "floor_cst": r.floor_cst,
                    "scans": {k: vars(v) for k, v in r.scans.items()},
                }
                for r in results
            ],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n")


if __name__ == "__main__":
    main()
