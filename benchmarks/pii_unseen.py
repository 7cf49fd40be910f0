"""Measure ROPA201 on the sets of tests/data/pii_unseen/, whose sources are not in the repository.

Usage: python benchmarks/pii_unseen.py SRC_DIR [--role training|blind] [--only NAME ...]

Each tests/data/pii_unseen/<project>.yaml names an sdist (`sdist: name==version`, `sha256:`)
and labels every field of its model classes. Fetch and unpack the sdists into SRC_DIR first:

    pip download --no-deps --no-binary :all: -d SRC_DIR django-axes==8.3.1
    tar xzf SRC_DIR/django_axes-8.3.1.tar.gz -C SRC_DIR

The script checks each archive's sha256 when it is in SRC_DIR, finds the unpacked folder
(`<name>-<version>`, dashes or underscores) and prints the same report as pii_eval.py.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.pii_eval import Tally, evaluate, report  # noqa: E402

UNSEEN = REPO / "tests" / "data" / "pii_unseen"


def _root(src: Path, sdist: str, sha256: str) -> Path:
    name, version = sdist.split("==")
    for stem in {f"{name}-{version}", f"{name.replace('-', '_')}-{version}"}:
        archive = src / f"{stem}.tar.gz"
        if archive.is_file() and hashlib.sha256(archive.read_bytes()).hexdigest() != sha256:
            raise SystemExit(f"{archive}: sha256 differs from the labels' {sha256}")
        if (src / stem).is_dir():
            return src
    raise SystemExit(f"{sdist} is not unpacked under {src}")


def load(role: str | None, only: list[str]) -> dict[str, tuple[str, list[dict[str, object]]]]:
    sets = {}
    for path in sorted(UNSEEN.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if (role and data["role"] != role) or (only and path.stem not in only):
            continue
        sets[path.stem] = (data, data["classes"])
    return sets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("--role", choices=("training", "blind"))
    parser.add_argument("--only", nargs="*", default=[])
    args = parser.parse_args()
    tallies: dict[str, Tally] = {}
    for project, (data, classes) in load(args.role, args.only).items():
        root = _root(args.src, str(data["sdist"]), str(data["sha256"]))
        name, version = str(data["sdist"]).split("==")
        folder = next(
            stem
            for stem in (f"{name}-{version}", f"{name.replace('-', '_')}-{version}")
            if (root / stem).is_dir()
        )
        entries = [{**entry, "project": folder} for entry in classes]
        tally = evaluate(root, entries)
        tallies[project] = tally.pop(folder)
    report(f"Unseen sets ({args.role or 'all'})", tallies, details=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
