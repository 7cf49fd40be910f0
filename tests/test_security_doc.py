"""Every test docs/security.md cites as the proof of a promise exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `tests/test_x.py::test_y`, `tests/test_x.py`, and `::test_z` meaning the file named last.
CITED = re.compile(r"`(tests/[\w/]+\.py)(?:::(\w+))?`|`::(\w+)`")


def cited_tests(doc: str) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []
    current = None
    for match in CITED.finditer(doc):
        if match[1]:
            current = match[1]
            found.append((current, match[2]))
        else:
            assert current is not None, f"`::{match[3]}` before any test file is named"
            found.append((current, match[3]))
    return found


def test_every_cited_test_exists() -> None:
    cited = cited_tests((ROOT / "docs" / "security.md").read_text("utf-8"))
    assert len(cited) > 40
    missing = [
        f"{path}::{name}" if name else path
        for path, name in cited
        if not (ROOT / path).is_file()
        or (name and not re.search(rf"^def {name}\(", (ROOT / path).read_text(), re.M))
    ]
    assert not missing, missing


def test_a_renamed_test_is_caught() -> None:
    doc = "`tests/test_security_doc.py::test_every_cited_test_exists`, `::no_such_test`"
    cited = cited_tests(doc)
    assert cited == [
        ("tests/test_security_doc.py", "test_every_cited_test_exists"),
        ("tests/test_security_doc.py", "no_such_test"),
    ]
    assert not re.search(r"^def no_such_test\(", Path(__file__).read_text(), re.M)
