"""Proves a refactoring changed no output: builds the sample and every fixture project with the
code of revision OLD_REV and with the working tree, and compares the output trees byte for byte.

Usage: python benchmarks/same_outputs.py OLD_REV [--keep DIR] [--only NAME ...]

Each project (sample_project and every folder of tests/fixtures with a ropa.yaml) is copied out
of the repository first, so both builds read the same inputs and record the same (absent) git
state. Per revision, each is built in every format with its own notice languages, with
``--lang de``, ``--lang fr``, ``--lang de,fr`` and ``--final``, and its saved ropa.json (the
old revision's) is rendered again with ``ropa render --lang de,fr``, the path of a record read
from disk. A project that does not build (the broken fixture, by design; ``--final`` while
gaps remain) must fail the same way with both. Prints one line per differing file and the
count of identical files; exits 1 when anything differs.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FORMATS = "html,pdf,json,csv,md,xlsx"
DATE = "2026-01-15"
VARIANTS = {
    "default": [],
    "de": ["--lang", "de"],
    "fr": ["--lang", "fr"],
    "de-fr": ["--lang", "de,fr"],
    "final": ["--final"],
    # Not a build: the old revision's ropa.json of "default", rendered by `ropa render`.
    "render": ["--lang", "de,fr"],
}


def projects() -> dict[str, Path]:
    found = {"sample_project": REPO / "sample_project"}
    for folder in sorted((REPO / "tests" / "fixtures").iterdir()):
        if (folder / "ropa.yaml").is_file():
            found[folder.name] = folder
    return found


def extract(rev: str, into: Path) -> Path:
    """The tree of ``rev`` (ropa's code, templates and data), without touching any worktree."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev, "ropa", "templates"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def build(
    code: Path, project: Path, out: Path, extra: list[str], saved: Path | None
) -> tuple[int, str]:
    """``ropa build`` of ``project`` with the ropa package found in ``code`` (``ropa render``
    of the record ``saved`` instead, when given)."""
    env = {**os.environ, "PYTHONPATH": str(code), "SOURCE_DATE_EPOCH": "1768435200"}
    env.pop("ROPA_CACHE_DIR", None)
    args = [sys.executable, "-m", "ropa"]
    if saved is None:
        args += ["build", str(project), "--date", DATE, "--no-cache"]
    else:
        args += ["render", str(saved), "--project", str(project)]
    args += ["--out-dir", str(out), "--formats", FORMATS, "--jobs", "1", *extra]
    done = subprocess.run(args, env=env, capture_output=True, text=True, cwd=project)
    return done.returncode, done.stdout + done.stderr


def files(tree: Path) -> set[str]:
    return (
        {str(p.relative_to(tree)) for p in tree.rglob("*") if p.is_file()}
        if tree.is_dir()
        else set()
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old_rev")
    parser.add_argument("--keep", type=Path, help="Build here and keep the outputs.")
    parser.add_argument("--only", nargs="*", help="Project names to build (default: all).")
    parser.add_argument(
        "--reuse-old", action="store_true", help="With --keep: do not rebuild existing old outputs."
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="ropa-same-"))
    work.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(work / "old-code", ignore_errors=True)
    old_code = extract(args.old_rev, work / "old-code")
    codes = {"old": old_code, "new": REPO}
    same, differ = 0, 0
    for name, source in projects().items():
        if args.only and name not in args.only:
            continue
        project = work / "projects" / name
        shutil.rmtree(project, ignore_errors=True)
        shutil.copytree(source, project, ignore=shutil.ignore_patterns(".ropa-cache", "ropa-out"))
        for variant, extra in VARIANTS.items():
            if (
                variant == "render"
                and not (work / "old" / name / "default" / "ropa.json").is_file()
            ):
                continue  # nothing was built to render again
            outs, codes_seen = {}, {}
            for side, code in codes.items():
                out = work / side / name / variant
                outs[side] = out
                status = out.parent / f"{variant}.exit"
                if side == "old" and args.reuse_old and status.is_file():
                    codes_seen[side] = int(status.read_text())
                    continue
                shutil.rmtree(out, ignore_errors=True)
                saved = (
                    work / "old" / name / "default" / "ropa.json" if variant == "render" else None
                )
                codes_seen[side], log = build(code, project, out, extra, saved)
                status.parent.mkdir(parents=True, exist_ok=True)
                status.write_text(str(codes_seen[side]))
                if codes_seen[side] not in (0, 1):
                    print(f"{name}/{variant} ({side}): exit {codes_seen[side]}\n{log}")
            if codes_seen["old"] != codes_seen["new"]:
                print(f"{name}/{variant}: exit {codes_seen['old']} before, {codes_seen['new']} now")
                differ += 1
            old, new = files(outs["old"]), files(outs["new"])
            for rel in sorted(old | new):
                if rel not in old or rel not in new:
                    print(f"{name}/{variant}/{rel}: only {'before' if rel in old else 'now'}")
                    differ += 1
                elif filecmp.cmp(outs["old"] / rel, outs["new"] / rel, shallow=False):
                    same += 1
                else:
                    print(f"{name}/{variant}/{rel}: differs")
                    differ += 1
            print(f"{name}/{variant}: exit {codes_seen['new']}, {len(new)} files", flush=True)
    print(f"{same} files identical, {differ} differences ({work})")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
