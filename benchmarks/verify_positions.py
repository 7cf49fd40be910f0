"""Checks that the collector's fast positions equal libcst's ``PositionProvider`` on real code.

Usage: python benchmarks/verify_positions.py DIR [DIR...] [--marker-module NAME]

For every ``.py`` file under the folders it builds the collector's facts (statements,
decorators, comments, imports) both ways and compares them, then compares the whole
``FileScan``. Files where the fast route hands over to the exact one are counted. Exits 1
on the first difference, printing it. Worth running on the corpus from
``../shared/corpus/fetch.sh`` after any change to ``ropa/collector.py`` or ``ropa/outline.py``.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
from pathlib import Path

import libcst as cst

from ropa import collector, outline


def facts_both_ways(
    path: str, data: bytes, marker_modules: tuple[str, ...]
) -> tuple[object, object, bool] | None:
    try:
        module = cst.parse_module(data)
        tree = ast.parse(data)
    except Exception:  # files neither parser reads are not this script's business
        return None
    exact = outline._Facts(path=path, marker_modules=marker_modules)
    outline._Exact(module, exact)
    fast = outline._Facts(path=path, marker_modules=marker_modules)
    try:
        text = outline._text(module, data)
        if text != module.code:
            print(f"{path}: decoded text differs from module.code")
            sys.exit(1)
        outline._Fast(module, tree, fast, text)
    except outline._Mismatch:
        return exact, exact, True
    return exact, fast, False


def summary(facts: object) -> dict[str, object]:
    assert isinstance(facts, outline._Facts)
    return {
        "stmts": facts.stmts,
        "comments": facts.comments,
        "imports": facts.imports,
        "aliases": facts.aliases,
        "star": facts.star_markers,
        "decorators": [(d.at, d.expr, d.end, d.owner, d.kind, d.header) for d in facts.decorators],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--marker-module", action="append", default=[])
    args = parser.parse_args()
    marker_modules = tuple(args.marker_module)
    checked = handed_over = 0
    for root in args.dirs:
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                if not name.endswith(".py"):
                    continue
                full = os.path.join(folder, name)
                data = Path(full).read_bytes()
                both = facts_both_ways(full, data, marker_modules)
                if both is None:
                    continue
                exact, fast, mismatch = both
                checked += 1
                handed_over += mismatch
                a, b = summary(exact), summary(fast)
                for key in a:
                    if a[key] != b[key]:
                        print(f"{full}: {key} differ")
                        for x, y in zip(a[key], b[key]):  # type: ignore[call-overload]
                            if x != y:
                                print(f"  exact {x}\n  fast  {y}")
                                break
                        sys.exit(1)
                one = collector.collect_source(full, data, marker_modules=marker_modules)
                two = collector.collect_source(
                    full, data, marker_modules=marker_modules, exact_positions=True
                )
                if one != two:
                    print(f"{full}: FileScan differs\n  fast  {one}\n  exact {two}")
                    sys.exit(1)
    print(f"{checked} files agree; {handed_over} handed over to the exact route")


if __name__ == "__main__":
    main()
