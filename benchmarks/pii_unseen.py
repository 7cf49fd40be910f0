"""Measure ROPA201 on the sets of tests/data/pii_unseen/, whose sources are not in the repository.

Usage: python benchmarks/pii_unseen.py SRC_DIR [--role training|blind] [--only NAME ...]

Each tests/data/pii_unseen/<project>.yaml names an sdist (`sdist: name==version`, `sha256:`)
and labels every field of its model classes. Fetch and unpack the sdists into SRC_DIR first:

    pip download --no-deps --no-binary :all: -d SRC_DIR django-axes==8.3.1
    tar xzf SRC_DIR/django_axes-8.3.1.tar.gz -C SRC_DIR

The script checks each archive's sha256 when it is in SRC_DIR, finds the unpacked folder
(`<name>-<version>`, dashes or underscores, or the `folder:` the labels give, e.g. for a
wheel unpacked with `python -m zipfile -e`) and prints the same report as pii_eval.py.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.pii_eval import Tally, evaluate, report  # noqa: E402

UNSEEN = REPO / "tests" / "data" / "pii_unseen"


def _archives(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The labelled archive and any further ones (`also:`) whose files the classes name."""
    yield data
    yield from data.get("also", [])


def _check(src: Path, archive: dict[str, Any]) -> str:
    """The unpacked folder of one archive, after checking the archive's sha256 if present."""
    name, version = str(archive.get("sdist") or archive["wheel"]).split("==")
    stems = [f"{name}-{version}", f"{name.replace('-', '_')}-{version}"]
    folder = str(archive.get("folder") or next((s for s in stems if (src / s).is_dir()), ""))
    path = src / str(archive.get("archive") or f"{folder}.tar.gz")
    if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() != archive["sha256"]:
        raise SystemExit(f"{path}: sha256 differs from the labels' {archive['sha256']}")
    if not folder or not (src / folder).is_dir():
        raise SystemExit(f"{name}=={version} is not unpacked under {src}")
    return folder


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
        folders = [_check(args.src, archive) for archive in _archives(data)]
        entries = [
            {**entry, "project": str(entry.get("folder") or folders[0])} for entry in classes
        ]
        tally = Tally()
        for part in evaluate(args.src, entries).values():
            tally.add(part)
        tallies[project] = tally
    report(f"Unseen sets ({args.role or 'all'})", tallies, details=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
