"""Measure the ROPA201 heuristic against the hand-labelled corpus fields, and time it.

Usage: python benchmarks/pii_eval.py [--corpus DIR] [--labels FILE] [--no-timing]

The blind sets (tests/data/pii_labels_<project>.yaml, labelled before ropa ran on them) are
measured against the class definitions committed under tests/data/pii_sources/ and need
neither the corpus nor the network; tests/test_pii_eval.py holds them to the targets.

DIR is the `src` folder written by ../shared/corpus/fetch.sh (default: $ROPA_CORPUS/src,
else ~/.cache/ropa-corpus/src). Prints precision, recall, per-project counts, every false
positive and false negative, category agreement, and the time find_candidates takes over
every .py file of the corpus next to the time ast.parse takes for the same files.

Entries marked `heldout: true` (projects outside the corpus, never used for tuning) are
reported separately when their sources are under DIR too, e.g.:

    pip download --no-deps -d wheels django-allauth==65.21.1 flask-appbuilder==5.3.0
    python -m zipfile -e wheels/django_allauth-65.21.1-*.whl DIR/django-allauth
    python -m zipfile -e wheels/flask_appbuilder-5.3.0-*.whl DIR/flask-appbuilder
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from ropa.heuristics import FieldGuess, find_candidates  # noqa: E402

PROJECTS = ("pretix", "django", "django-oscar", "wagtail")
SOURCES = REPO / "tests" / "data" / "pii_sources"
# Labelled before ropa ran on them. The heuristic was changed after the first run on each group,
# so the next group, labelled after that change, re-measures it on unseen code.
BLIND_GROUPS = {
    "Blind set (first run before any change it prompted)": ("flaskbb", "pretalx"),
    "Fresh slice (labelled after those changes)": ("misago", "ihatemoney"),
    "Second fresh slice (labelled after the second round)": (
        "privacyidea",
        "django-helpdesk",
        "fastapi-users-db-sqlalchemy",
    ),
    "Third fresh slice (labelled after the third round)": ("mediagoblin", "wger"),
    "Fourth fresh slice (labelled after the fourth round)": ("lemur", "openwisp-users"),
    "Fifth fresh slice (labelled after the fifth round)": ("flask-security-too", "kiwitcms"),
    "Set 7 (labelled after the structural rules of pii3)": (
        "indico",
        "django-payments",
        "django-contrib-comments",
        "django-comments-xtd",
        "mezzanine",
    ),
    "Set 8 (labelled after the fourth pass's rules, pii5)": (
        "ckan",
        "lnbits",
        "hyperkitty",
        "django-organizations",
    ),
    "Set 9 (labelled after the rules made from set 8, pii5)": ("kotti", "dispatch", "shuup"),
    "Set 10 (labelled after the rules made from set 9, pii5)": ("pgadmin4", "byro"),
}


@dataclass
class Tally:
    classes: int = 0
    fields: int = 0
    personal: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    agree: int = 0
    fps: list[str] = field(default_factory=list)
    fns: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("classes", "fields", "personal", "tp", "fp", "fn", "agree"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.fps += other.fps
        self.fns += other.fns
        self.disagreements += other.disagreements
        self.unlabelled += other.unlabelled


def default_corpus() -> Path:
    base = os.environ.get("ROPA_CORPUS") or str(Path.home() / ".cache" / "ropa-corpus")
    return Path(base) / "src"


def related(guess: str, label: str) -> bool:
    """Equal keys, or one is an ancestor of the other in the taxonomy."""
    return guess == label or guess.startswith(label + ".") or label.startswith(guess + ".")


def ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "n/a"


def evaluate(corpus: Path, labels: list[dict[str, object]]) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    guesses_by_file: dict[Path, list[FieldGuess]] = {}
    for entry in labels:
        project, path, cls = str(entry["project"]), str(entry["path"]), str(entry["class"])
        fields = entry["fields"]
        assert isinstance(fields, dict)
        source = corpus / project / path
        if source not in guesses_by_file:
            tree = ast.parse(source.read_bytes(), filename=str(source))
            guesses_by_file[source] = find_candidates(tree)
        guesses = {g.field: g for g in guesses_by_file[source] if g.model == cls}
        tally = tallies.setdefault(project, Tally())
        tally.classes += 1
        tally.fields += len(fields)
        for name, label in fields.items():
            guess = guesses.get(name)
            where = f"{project}/{path}:{guess.line if guess else '?'} {cls}.{name}"
            if label is not None:
                tally.personal += 1
            if label is not None and guess is not None:
                tally.tp += 1
                if related(guess.category, str(label)):
                    tally.agree += 1
                else:
                    tally.disagreements.append(
                        f"{where}: labelled {label}, guessed {guess.category}"
                    )
            elif guess is not None:
                tally.fp += 1
                tally.fps.append(f"{where}: guessed {guess.category} ({guess.reason})")
            elif label is not None:
                tally.fn += 1
                tally.fns.append(f"{project}/{path} {cls}.{name}: labelled {label}")
        for name, guess in guesses.items():
            if name not in fields:
                tally.unlabelled.append(
                    f"{project}/{path}:{guess.line} {cls}.{name}: {guess.category}"
                )
    return tallies


def time_corpus(corpus: Path, rounds: int = 3) -> None:
    """Best of `rounds` passes of ast.parse and of find_candidates over every .py file."""
    files = sorted(
        Path(folder) / name
        for folder, _, names in os.walk(corpus, followlinks=True)
        for name in names
        if name.endswith(".py")
    )
    sources = [(path, path.read_bytes()) for path in files]
    trees: list[ast.Module] = []
    parseable: list[tuple[Path, bytes]] = []
    for path, data in sources:
        try:
            trees.append(ast.parse(data, filename=str(path)))
        except (SyntaxError, ValueError):
            continue
        parseable.append((path, data))
    failed = len(sources) - len(parseable)
    parse_times: list[float] = []
    find_times: list[float] = []
    found: list[list[FieldGuess]] = []
    for _ in range(rounds):
        start = time.perf_counter()
        for path, data in parseable:
            ast.parse(data, filename=str(path))
        parse_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        found = [find_candidates(tree) for tree in trees]
        find_times.append(time.perf_counter() - start)
    parse_time, find_time = min(parse_times), min(find_times)
    guesses = sum(len(f) for f in found)
    models = sum(len({g.model for g in f}) for f in found)
    size = sum(len(data) for _, data in sources) / 1e6
    print(f"\nTiming over every .py file under {corpus} (best of {rounds}):")
    print(f"  {len(trees)} files parsed ({size:.1f} MB), {failed} not parseable")
    print(f"  ast.parse        {parse_time:8.3f} s")
    share = f"{find_time / parse_time:.1%}" if parse_time else "n/a"
    print(f"  find_candidates  {find_time:8.3f} s  ({share} of ast.parse)")
    print(f"  {guesses} guesses in {models} classes")


def report(title: str, tallies: dict[str, Tally], details: bool) -> None:
    total = Tally()
    print(f"== {title}")
    print(
        f"{'project':<17}{'classes':>8}{'fields':>8}{'personal':>9}{'TP':>5}{'FP':>5}{'FN':>5}"
        f"{'precision':>11}{'recall':>8}"
    )
    for project, tally in [*tallies.items(), ("all", total)]:
        if tally is not total:
            total.add(tally)
        print(
            f"{project:<17}{tally.classes:>8}{tally.fields:>8}{tally.personal:>9}{tally.tp:>5}"
            f"{tally.fp:>5}{tally.fn:>5}{ratio(tally.tp, tally.tp + tally.fp):>11}"
            f"{ratio(tally.tp, tally.tp + tally.fn):>8}"
        )
    precision = ratio(total.tp, total.tp + total.fp)
    print(f"\nPrecision {precision}, recall {ratio(total.tp, total.tp + total.fn)}")
    print(
        f"Category agreement: {total.agree}/{total.tp} = {ratio(total.agree, total.tp)} "
        "(guessed key equal to the label, or its parent or child)"
    )
    if not details:
        return
    for heading, items in (
        ("False positives", total.fps),
        ("False negatives", total.fns),
        ("True positives with an unrelated category", total.disagreements),
        ("Guesses on fields missing from the labels", total.unlabelled),
    ):
        print(f"\n{heading} ({len(items)}):")
        for item in items:
            print(f"  {item}")
    by_label = Counter(item.rsplit("labelled ", 1)[1] for item in total.fns)
    if by_label:
        print(
            "\nFalse negatives by label: "
            + ", ".join(f"{key} {count}" for key, count in by_label.most_common())
        )


def blind_sets() -> dict[str, list[dict[str, object]]]:
    """Entries of every tests/data/pii_labels_<project>.yaml, by project."""
    sets = {}
    for path in sorted((REPO / "tests" / "data").glob("pii_labels_*.yaml")):
        sets[path.stem.removeprefix("pii_labels_")] = yaml.safe_load(
            path.read_text(encoding="utf-8")
        )
    return sets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--labels", type=Path, default=REPO / "tests" / "data" / "pii_labels.yaml")
    parser.add_argument("--no-timing", action="store_true", help="skip the corpus-wide timing")
    args = parser.parse_args()
    sets = blind_sets()
    for title, projects in BLIND_GROUPS.items():
        blind = [entry for project in projects for entry in sets.get(project, [])]
        report(f"{title} (tests/data/pii_sources)", evaluate(SOURCES, blind), details=True)
        print()
    if not all((args.corpus / project).is_dir() for project in PROJECTS):
        print(
            f"corpus not found under {args.corpus}: run ../shared/corpus/fetch.sh",
            file=sys.stderr,
        )
        return 2
    labels = yaml.safe_load(args.labels.read_text(encoding="utf-8"))
    tuning = [entry for entry in labels if not entry.get("heldout")]
    report("Labelled corpus (tuning set)", evaluate(args.corpus, tuning), details=True)
    heldout = [entry for entry in labels if entry.get("heldout")]
    present = [entry for entry in heldout if (args.corpus / str(entry["project"])).is_dir()]
    missing = sorted({str(e["project"]) for e in heldout} - {str(e["project"]) for e in present})
    print()
    if present:
        report("Held-out projects (never used for tuning)", evaluate(args.corpus, present), True)
    if missing:
        print(f"Held-out projects not under {args.corpus}, skipped: {', '.join(missing)}")
    if not args.no_timing:
        time_corpus(args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
