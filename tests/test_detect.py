"""Undeclared personal data and vendors in a copy of the sample: the CI gate of issue 4."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.pipeline import Outcome

from .conftest import SAMPLE, codes


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    copy = tmp_path / "shop-copy"
    shutil.copytree(SAMPLE, copy)
    return copy


def _scan(path: Path, *extra: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["scan", str(path), "-q", *extra])
    return result.exit_code, result.output.splitlines()


def _edit(path: Path, old: str, new: str) -> int:
    text = path.read_text()
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1))
    return line


def test_deleting_a_field_annotation_is_rop201_at_its_line(shop: Path) -> None:
    models = shop / "shop" / "models.py"
    line = _edit(
        models,
        "email = models.EmailField()  # ropa: user.contact.email",
        "email = models.EmailField()",
    )
    code, lines = _scan(shop, "--fail-on", "warning")
    assert code == 1
    hits = [x for x in lines if "ROPA201" in x]
    assert len(hits) == 1 and f"shop/models.py:{line}:5: ROPA201" in hits[0]
    assert "# ropa: user.contact.email" in hits[0]  # the hint gives the comment to add


def test_deleting_a_processor_declaration_is_rop202_at_the_import(shop: Path) -> None:
    setup = shop / "shop" / "logging_setup.py"
    lines = setup.read_text().splitlines(keepends=True)
    kept = [x for x in lines if not x.startswith('# ropa: processor("logzio"')]
    kept = [x for x in kept if x.strip() != 'processors=["logzio"],']
    assert len(kept) == len(lines) - 2
    setup.write_text("".join(kept))
    code, out = _scan(shop, "--fail-on", "warning")
    assert code == 1
    hits = [x for x in out if "ROPA202" in x]
    assert len(hits) == 1
    assert "shop/logging_setup.py:9:1: ROPA202" in hits[0] and "'logzio'" in hits[0]


def test_sample_is_clean_at_warning_level(shop: Path) -> None:
    assert _scan(shop, "--fail-on", "warning")[0] == 0


def test_requirements_reveal_vendors(scan_tree: Callable[[Mapping[str, str]], Outcome]) -> None:
    outcome = scan_tree(
        {"app.py": "x = 1\n", "requirements.txt": "# deps\nsentry-sdk>=2\nrequests\n"}
    )
    (hit,) = [d for d in outcome.diagnostics if d.code == "ROPA202"]
    assert hit.location is not None and (hit.location.path, hit.location.line) == (
        "requirements.txt",
        2,
    )


def test_unknown_packages_are_listed_once_and_own_modules_never(
    scan_tree: Callable[[Mapping[str, str]], Outcome],
) -> None:
    outcome = scan_tree(
        {
            "src/shop/__init__.py": "",
            "src/shop/celery.py": "from celery import Celery\nimport frobnicator\n",
            "src/shop/views.py": "import frobnicator.sub\nfrom shop import celery\nimport json\n",
        }
    )
    infos = sorted(d.message for d in outcome.diagnostics if d.code == "ROPA204")
    # celery is a library that sends nothing itself (ropa/data/libraries.yaml).
    assert infos == ["third-party package 'frobnicator' is not in the vendor registry"]


def test_apps_beside_a_packaged_manage_py_are_the_projects_own(
    scan_tree: Callable[[Mapping[str, str]], Outcome],
) -> None:
    # Label Studio: label_studio/ is a package, yet manage.py in it is the script Django runs,
    # so its folder comes first on Python's path and ``from projects.models import Project``
    # finds label_studio/projects/.
    outcome = scan_tree(
        {
            "label_studio/__init__.py": "",
            "label_studio/manage.py": "import os\n",
            "label_studio/projects/__init__.py": "",
            "label_studio/projects/models.py": "x = 1\n",
            "label_studio/constants.py": "X = 1\n",
            "label_studio/tasks/views.py": (
                "from projects.models import x\nimport constants\nimport frobnicator\n"
            ),
        }
    )
    infos = sorted(d.message for d in outcome.diagnostics if d.code == "ROPA204")
    assert infos == ["third-party package 'frobnicator' is not in the vendor registry"]


def test_unused_suppressions_are_reported(
    scan_tree: Callable[[Mapping[str, str]], Outcome],
) -> None:
    outcome = scan_tree(
        {
            "models.py": (
                "from django.db import models\n"
                "class Customer(models.Model):\n"
                "    email = models.EmailField()  # ropa: ignore[ROPA201]\n"
                "    status = models.CharField()  # ropa: ignore[ROPA201]\n"
            )
        }
    )
    found = [
        (d.code, d.location.line) for d in outcome.diagnostics if d.location and d.code != "ROPA204"
    ]
    assert found == [("ROPA004", 4)]


def test_heuristics_survive_odd_code(scan_tree: Callable[[Mapping[str, str]], Outcome]) -> None:
    outcome = scan_tree(
        {
            "odd.py": (
                "from os import *\n"
                "try:\n    import stripe\nexcept ImportError:\n    stripe = None\n"
                "Dyn = type('Dyn', (), {'email': ''})\n"
                "def __getattr__(name): return name\n"
                "class A:\n    class B(models.Model):\n        email = models.EmailField()\n"
            ),
            "broken.py": "class (:\n",
        }
    )
    got = set(codes(outcome))
    assert {"ROPA001", "ROPA201", "ROPA202"} <= got
