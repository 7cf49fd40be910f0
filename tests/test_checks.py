"""Each check's own examples: invalid ones raise its code, valid ones do not; docs stay in sync."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from ropa.checks import CHECKS, diagnostics_markdown
from ropa.pipeline import Outcome

from .conftest import codes

EXAMPLES = [
    (code, kind, i, example)
    for code, check in sorted(CHECKS.items())
    for kind, examples in (("invalid", check.invalid), ("valid", check.valid))
    for i, example in enumerate(examples)
]


@pytest.mark.parametrize(("code", "kind", "index", "example"), EXAMPLES, ids=lambda v: str(v)[:20])
def test_check_examples(
    scan_tree: Callable[[Mapping[str, str]], Outcome],
    code: str,
    kind: str,
    index: int,
    example: Mapping[str, str],
) -> None:
    found = codes(scan_tree(example))
    if kind == "invalid":
        assert code in found
    else:
        assert code not in found
        assert [c for c in found if c != "ROPA204"] == [], found


def test_every_check_but_baseline_has_examples() -> None:
    for code, check in CHECKS.items():
        assert check.doc and check.summary, code
        if not check.needs:
            assert check.invalid and check.valid, code


def test_docs_diagnostics_is_generated_from_the_checks() -> None:
    path = Path(__file__).parent.parent / "docs" / "diagnostics.md"
    if os.environ.get("ROPA_UPDATE_DOCS"):
        path.write_text(diagnostics_markdown())
    assert path.read_text() == diagnostics_markdown(), "run ROPA_UPDATE_DOCS=1 pytest"


def test_docs_diagnostics_lists_every_code_with_its_summary() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "diagnostics.md").read_text()
    headings = re.findall(r"^## (ROPA\d{3})", docs, re.M)
    assert headings == sorted(CHECKS)
    for code, check in CHECKS.items():
        assert check.summary in docs, code
        assert check.doc.split("\n")[0] in docs, code
