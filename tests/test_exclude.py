"""``scan.exclude`` and ``scan.test_paths`` patterns, as one regular expression, match exactly
what the rules say pattern by pattern (fnmatch, a folder's contents, ``DIR/**``, ``**/NAME``)."""

from __future__ import annotations

import fnmatch

from hypothesis import given, settings
from hypothesis import strategies as st

from ropa.scanner import TEST_PATHS, excluded


def one_by_one(rel: str, patterns: tuple[str, ...]) -> bool:
    """The rules as written in docs/annotations.md, read pattern by pattern."""
    for pattern in patterns:
        if fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(
            rel, pattern.rstrip("/") + "/*"
        ):
            return True
        if pattern.endswith("/**") and (rel + "/").startswith(pattern[:-2]):
            return True
        if pattern.startswith("**/") and fnmatch.fnmatchcase(rel, pattern[3:]):
            return True
    return False


_PARTS = ["tests", "test", "app", "build", "a", "b.py", "test_x.py", "conftest.py", "x_test.py"]
_PATTERN_PARTS = [*_PARTS, "*", "**", "?", "[ab]", "[!a]*", "*.py", "tests.py"]
paths = st.lists(st.sampled_from(_PARTS), min_size=1, max_size=5).map("/".join)
patterns = st.lists(
    st.lists(st.sampled_from(_PATTERN_PARTS), min_size=1, max_size=4).map("/".join)
    | st.sampled_from(TEST_PATHS)
    | st.sampled_from(["build/", "app/", "tests/**", "**/tests/**"]),
    max_size=4,
).map(tuple)


@settings(max_examples=400, deadline=None)
@given(rel=paths, pats=patterns)
def test_excluded_is_the_rules_read_pattern_by_pattern(rel: str, pats: tuple[str, ...]) -> None:
    assert excluded(rel, pats) == one_by_one(rel, pats)


def test_the_default_test_paths() -> None:
    assert excluded("shop/tests/test_models.py", TEST_PATHS)
    assert excluded("conftest.py", TEST_PATHS)
    assert excluded("shop/tests.py", TEST_PATHS)
    assert not excluded("shop/testing.py", TEST_PATHS)
    assert not excluded("shop/views.py", ())
