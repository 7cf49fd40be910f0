"""Classes are named as Python imports them, whatever folder the project is scanned from: a
src layout, or a checkout folder above the package (``django-oscar/oscar/...``), does not
put its folder's name in front of every model of the record and every ROPA201."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest

from ropa.pipeline import Outcome

Scan = Callable[[Mapping[str, str | bytes]], Outcome]

MODELS = """\
from django.db import models


class Customer(models.Model):
    email = models.EmailField()  # ropa: user.contact.email
    phone_number = models.CharField(max_length=20)
"""


def names(outcome: Outcome) -> tuple[list[str], list[str]]:
    inventory = [f"{f.model}.{f.field}" for f in outcome.record.data_inventory]
    guessed = [d.message.split(" ", 1)[0] for d in outcome.diagnostics if d.code == "ROPA201"]
    return inventory, guessed


@pytest.mark.parametrize(
    ("files", "module"),
    [
        # src layout: src/ is a folder, not a package
        ({"src/shop/__init__.py": "", "src/shop/models.py": MODELS}, "shop.models"),
        # a checkout folder whose name no import could use
        (
            {
                "django-shop/shop/__init__.py": "",
                "django-shop/shop/data/__init__.py": "",
                "django-shop/shop/data/models.py": MODELS,
            },
            "shop.data.models",
        ),
        # a package at the top stays as it was
        ({"shop/__init__.py": "", "shop/models.py": MODELS}, "shop.models"),
        # a src that is itself a package is imported as src
        (
            {"src/__init__.py": "", "src/shop/__init__.py": "", "src/shop/models.py": MODELS},
            "src.shop.models",
        ),
        # a file in no package keeps the name of its path
        ({"scripts/models.py": MODELS}, "scripts.models"),
        # open-webui: a folder without __init__.py inside a package is a namespace package
        # of it, imported as open_webui.models (was backend.open_webui.models)
        (
            {"backend/open_webui/__init__.py": "", "backend/open_webui/models/users.py": MODELS},
            "open_webui.models.users",
        ),
        # a package inside a namespace folder inside a package: named from the outermost
        (
            {
                "app/__init__.py": "",
                "app/plugins/shop/__init__.py": "",
                "app/plugins/shop/m.py": MODELS,
            },
            "app.plugins.shop.m",
        ),
    ],
    ids=[
        "src-layout",
        "checkout-folder",
        "top-package",
        "src-package",
        "no-package",
        "namespace-below-package",
        "package-in-namespace-in-package",
    ],
)
def test_models_are_named_as_python_imports_them(
    scan_tree: Scan, files: Mapping[str, str], module: str
) -> None:
    inventory, guessed = names(scan_tree(files))
    assert inventory == [f"{module}.Customer.email"]
    assert guessed == [f"{module}.Customer.phone_number"]
