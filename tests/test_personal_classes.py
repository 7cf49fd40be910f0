"""A class declared ``personal_data`` has its fields checked (ROPA201) whatever its base."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from ropa.pipeline import Outcome, run_scan
from ropa.scanner import ScanOptions, scan_source

from .conftest import DATE, MINIMAL_YAML, write_tree

Scan = Callable[[Mapping[str, str | bytes]], Outcome]

PLAIN = (
    "from ropa import personal_data\n"
    "from settings import BaseSettings\n"
    "\n"
    '@personal_data(subjects=["customer"], fields={"name": "user.name"})\n'
    "class Customer:\n"
    "    name: str\n"
    "    email: str\n"
    "    home_address = None\n"
    "    MAX_EMAILS = 3\n"
    "    _cache: dict = {}\n"
    "\n"
    "    def __init__(self, name, email, phone):\n"
    "        self.name = name\n"
    "        self.email = email\n"
    "        self.phone_number = phone\n"
    "        self.date_of_birth = None  # ropa: user.demographic.date_of_birth\n"
    "\n"
    "    def method(self):\n"
    "        ip_address = 1\n"
    "\n"
    'class Profile(BaseSettings):  # ropa: personal_data(subjects=["employee"])\n'
    "    email: str = 'a@example.com'\n"
    "\n"
    "class Undeclared:\n"
    "    email: str\n"
)


def rop201(outcome: Outcome) -> list[tuple[str, int]]:
    return sorted(
        (d.message.split(" looks")[0], d.location.line if d.location else 0)
        for d in outcome.diagnostics
        if d.code == "ROPA201"
    )


def test_fields_of_a_declared_plain_class_are_candidates(scan_tree: Scan) -> None:
    outcome = scan_tree({"app/people.py": PLAIN})
    assert rop201(outcome) == [
        ("app.people.Customer.email", 7),  # once, though __init__ sets it again
        ("app.people.Customer.home_address", 8),
        ("app.people.Customer.phone_number", 15),  # set only in __init__
        ("app.people.Profile.email", 22),  # a settings base does not exempt it
    ]


def test_annotating_the_fields_silences_them(scan_tree: Scan) -> None:
    fixed = (
        PLAIN.replace(
            "    email: str\n    home", "    email: str  # ropa: user.contact.email\n    home"
        )
        .replace("home_address = None", "home_address = None  # ropa: user.contact.address")
        .replace("= phone\n", "= phone  # ropa: user.contact.phone_number\n")
        .replace("email: str = 'a@example.com'", "email: str  # ropa: ignore[ROPA201]")
    )
    assert rop201(scan_tree({"app/people.py": fixed})) == []


def test_the_candidates_of_declared_classes_survive_the_scan_cache(tmp_path: Path) -> None:
    write_tree(tmp_path, {"ropa.yaml": MINIMAL_YAML, "app/people.py": PLAIN})
    first, second = (run_scan([tmp_path], jobs=1, date=DATE, use_cache=True) for _ in range(2))
    assert rop201(first) == rop201(second) != []
    assert [f.personal_classes for f in second.scan.files if f.path == "app/people.py"] == [
        ("Customer", "Profile")
    ]


def test_nested_and_local_declared_classes_are_found() -> None:
    source = (
        b"from ropa import personal_data\n"
        b"def factory():\n"
        b'    @personal_data(subjects=["customer"])\n'
        b"    class Local:\n"
        b"        email = None\n"
        b"class Outer:\n"
        b'    class Inner:  # ropa: personal_data(subjects=["customer"])\n'
        b"        phone_number: str\n"
    )
    scan = scan_source("app/x.py", source, ScanOptions())
    assert [(c.model, c.field) for c in scan.candidates] == [
        ("app.x.factory.<locals>.Local", "email"),
        ("app.x.Outer.Inner", "phone_number"),
    ]
