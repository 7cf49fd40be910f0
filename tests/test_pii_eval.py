"""ROPA201 measured on hand-labelled projects it was not written against, from committed sources.

Each tests/data/pii_labels_<project>.yaml was labelled by reading the project's models before
ropa ran on them; tests/data/pii_sources/<project>/ holds those class definitions, so these
tests need neither the network nor the sdists. docs/pii-detection.md gives the figures.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from fideslang.default_taxonomy import DEFAULT_TAXONOMY

from ropa.heuristics import FieldGuess, find_candidates
from ropa.yamlio import load_yaml

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
SOURCES = DATA / "pii_sources"

# The projects of each group, in the order they were labelled. The heuristic was changed after
# the first run on each group, and each later group was labelled after that change.
FIRST_BLIND_SET = ("flaskbb", "pretalx")
FRESH_SLICES = {
    "first": ("misago", "ihatemoney"),
    "second": ("privacyidea", "django-helpdesk", "fastapi-users-db-sqlalchemy"),
    "third": ("mediagoblin", "wger"),
    "fourth": ("lemur", "openwisp-users"),
    "fifth": ("flask-security-too", "kiwitcms"),
}
# Set 7 (issue 9 item 7, branch pii3): labelled after the structural rules, committed before
# ropa ran on it; Indico is the non-Django project.
BLIND_SET_7 = (
    "indico",
    "django-payments",
    "django-contrib-comments",
    "django-comments-xtd",
    "mezzanine",
)
# Set 8 (issue 9 item 7, branch pii5): labelled after the fourth pass's rules, committed before
# ropa ran on it; CKAN (SQLAlchemy) and LNbits (pydantic) are the non-Django projects.
BLIND_SET_8 = ("ckan", "lnbits", "hyperkitty", "django-organizations")
# Set 9 (branch pii5): labelled after the rules made from set 8's misses, committed before ropa
# ran on it; Kotti (SQLAlchemy) is the non-Django project.
BLIND_SET_9 = ("kotti", "dispatch", "shuup")
# Set 10 (branch pii5): labelled after the rules made from set 9's misses, committed before ropa
# ran on it; pgAdmin 4 (Flask-SQLAlchemy) is the non-Django project.
BLIND_SET_10 = ("pgadmin4", "byro")
NON_DJANGO = {
    "flaskbb",
    "ihatemoney",
    "privacyidea",
    "fastapi-users-db-sqlalchemy",
    "mediagoblin",
    "lemur",
    "flask-security-too",
    "indico",
    "ckan",
    "lnbits",
    "kotti",
    "pgadmin4",
}

# The targets of issue 9, item 7.
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.8
# What each fresh slice measures today (docs/pii-detection.md). These are BELOW the targets:
# they are floors against losing ground, not a claim that the targets are met on unseen code.
# Raised by the structural rules of pii3 (docs/pii-detection.md, "Structural rules") and by
# the fourth pass (pii5: affiliations, logins at a provider, form answers, written records).
FRESH_FLOORS = {
    "first": (0.98, 0.79),
    "second": (0.96, 0.64),
    "third": (0.91, 0.48),
    "fourth": (0.88, 1.00),
    "fifth": (0.78, 0.94),
}
# Set 7 was blind at its first run (47 TP, 9 FP, 13 FN: P 0.839, R 0.783, below the targets);
# the fourth pass (pii5) was tuned on it, and this floor holds what it reached (55, 1, 5), no
# longer a blind figure.
SET_7_FLOOR = (0.98, 0.91)
# Set 8 at its first and only blind run (47 TP, 12 FP, 55 FN): far BELOW the targets.
SET_8_FLOOR = (0.79, 0.46)
# Set 8 after the rules made from its misses (61 TP, 1 FP, 41 FN): no longer blind.
SET_8_TUNED_FLOOR = (0.98, 0.59)
# Set 9 at its first and only blind run (39 TP, 3 FP, 16 FN): precision above the target,
# recall BELOW it.
SET_9_FLOOR = (0.92, 0.70)
# Set 9 after the rules made from its misses (48 TP, 3 FP, 7 FN): no longer blind.
SET_9_TUNED_FLOOR = (0.94, 0.87)
# Set 10 at its first and only blind run (27 TP, 2 FP, 16 FN): precision above the target,
# recall BELOW it.
SET_10_FLOOR = (0.93, 0.62)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _entries(project: str) -> list[dict[str, object]]:
    path = DATA / f"pii_labels_{project}.yaml"
    data = load_yaml(path.read_bytes(), f"tests/data/{path.name}")
    assert isinstance(data, list)
    return data


def _guesses(project: str, path: str) -> list[FieldGuess]:
    return find_candidates(ast.parse((SOURCES / project / path).read_bytes()))


def _score(projects: tuple[str, ...]) -> tuple[Score, list[str]]:
    score, misses = Score(), []
    for project in projects:
        for entry in _entries(project):
            fields = entry["fields"]
            assert isinstance(fields, dict)
            found = {
                g.field: g
                for g in _guesses(project, str(entry["path"]))
                if g.model == entry["class"]
            }
            for name, label in fields.items():
                where = f"{project} {entry['class']}.{name}"
                if label is not None and name in found:
                    score.tp += 1
                elif name in found:
                    score.fp += 1
                    misses.append(f"false positive {where}: {found[name].category}")
                elif label is not None:
                    score.fn += 1
                    misses.append(f"false negative {where}: {label}")
    return score, misses


def test_first_blind_set_meets_the_targets() -> None:
    """FlaskBB (Flask-SQLAlchemy) and pretalx (Django): the heuristic was tuned once on them."""
    score, misses = _score(FIRST_BLIND_SET)
    assert score.tp + score.fn >= 50
    assert score.precision >= TARGET_PRECISION, misses
    assert score.recall >= TARGET_RECALL, misses


@pytest.mark.parametrize("group", sorted(FRESH_SLICES))
def test_fresh_slices_keep_their_measured_figures(group: str) -> None:
    precision, recall = FRESH_FLOORS[group]
    score, misses = _score(FRESH_SLICES[group])
    assert score.precision >= precision, misses
    assert score.recall >= recall, misses


def test_set_7_keeps_its_blind_figures() -> None:
    """Indico, django-payments, the two comment apps and Mezzanine: labelled before ropa ran
    on them; its blind run missed the targets, and the fourth pass was tuned on it, so this
    floor is no claim about unseen code."""
    precision, recall = SET_7_FLOOR
    score, misses = _score(BLIND_SET_7)
    assert score.tp + score.fn >= 60
    assert score.precision >= precision, misses
    assert score.recall >= recall, misses


def test_set_8_keeps_its_blind_figures() -> None:
    """CKAN, LNbits, HyperKitty and django-organizations: labelled before ropa ran on them,
    measured once (docs/pii-detection.md, "Blind set 8"). A floor, not a claim."""
    precision, recall = SET_8_TUNED_FLOOR
    score, misses = _score(BLIND_SET_8)
    assert score.tp + score.fn >= 100
    assert score.precision >= precision, misses
    assert score.recall >= recall, misses


def test_set_9_keeps_its_blind_figures() -> None:
    """Kotti, dispatch and Shuup: labelled before ropa ran on them, measured once
    (docs/pii-detection.md, "Blind set 9"). A floor, not a claim."""
    precision, recall = SET_9_TUNED_FLOOR
    score, misses = _score(BLIND_SET_9)
    assert score.tp + score.fn >= 55
    assert score.precision >= precision, misses
    assert score.recall >= recall, misses


def test_set_10_keeps_its_blind_figures() -> None:
    """pgAdmin 4 and byro: labelled before ropa ran on them, measured once
    (docs/pii-detection.md, "Blind set 10"), not tuned on. A floor, not a claim."""
    precision, recall = SET_10_FLOOR
    score, misses = _score(BLIND_SET_10)
    assert score.tp + score.fn >= 43
    assert score.precision >= precision, misses
    assert score.recall >= recall, misses


def test_blind_sets_span_django_and_other_orms() -> None:
    projects = (
        {p for group in FRESH_SLICES.values() for p in group}
        | set(FIRST_BLIND_SET)
        | set(BLIND_SET_7)
        | set(BLIND_SET_8)
        | set(BLIND_SET_9)
        | set(BLIND_SET_10)
    )
    assert set(FIRST_BLIND_SET) & NON_DJANGO
    assert set(BLIND_SET_10) & NON_DJANGO
    assert set(BLIND_SET_10) - NON_DJANGO
    assert set(BLIND_SET_9) & NON_DJANGO
    assert set(BLIND_SET_9) - NON_DJANGO
    assert set(BLIND_SET_8) & NON_DJANGO
    assert set(BLIND_SET_8) - NON_DJANGO
    assert set(BLIND_SET_7) & NON_DJANGO
    assert set(BLIND_SET_7) - NON_DJANGO
    assert set(FIRST_BLIND_SET) - NON_DJANGO
    assert projects == {
        path.stem.removeprefix("pii_labels_") for path in DATA.glob("pii_labels_*.yaml")
    }
    fields = sum(
        len(entry["fields"])  # type: ignore[arg-type]
        for project in FIRST_BLIND_SET
        for entry in _entries(project)
    )
    assert fields >= 250


@pytest.mark.parametrize(
    "project",
    sorted(
        {p for group in FRESH_SLICES.values() for p in group}
        | set(FIRST_BLIND_SET)
        | set(BLIND_SET_7)
        | set(BLIND_SET_8)
        | set(BLIND_SET_9)
        | set(BLIND_SET_10)
    ),
)
def test_labels_are_well_formed(project: str) -> None:
    known = {category.fides_key for category in DEFAULT_TAXONOMY.data_category}
    seen: set[tuple[str, str]] = set()
    for entry in _entries(project):
        assert set(entry) == {"project", "version", "path", "class", "fields"}, entry
        assert entry["project"] == project
        key = (str(entry["path"]), str(entry["class"]))
        assert key not in seen, key
        seen.add(key)
        tree = ast.parse((SOURCES / project / key[0]).read_bytes())
        classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
        assert key[1] in classes, key
        assigned = {
            target.id
            for node in ast.walk(classes[key[1]])
            if isinstance(node, ast.Assign | ast.AnnAssign)
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Name)
        }
        fields = entry["fields"]
        assert isinstance(fields, dict) and fields, key
        for name, label in fields.items():
            assert name in assigned, (key, name)
            assert label is None or label in known, (key, name, label)


def test_committed_sources_are_small_and_name_their_licence() -> None:
    files = sorted(SOURCES.rglob("*.py"))
    assert files
    # 250 KB: set 7's Indico models keep their long `__table_args__`; 350 KB with sets 8 to 10.
    assert sum(path.stat().st_size for path in files) < 350_000
    for path in files:
        header = path.read_text(encoding="utf-8").splitlines()[:2]
        assert header[0].startswith("# Extracted from "), path
        assert header[1].startswith("# Licence: "), path
