"""Print a labels skeleton: every class-level attribute of every class, labelled null.

Usage: python benchmarks/pii_skeleton.py SRC_ROOT FILE.py [FILE.py ...]

It reads only the syntax of the files (ast), never ropa's heuristic, so that a labeller can fill
the labels in before ropa has been run on the project: the order that keeps a set blind.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path


def _attributes(cls: ast.ClassDef) -> list[str]:
    names: list[str] = []
    for stmt in cls.body:
        targets = (
            stmt.targets
            if isinstance(stmt, ast.Assign)
            else [stmt.target]
            if isinstance(stmt, ast.AnnAssign)
            else []
        )
        for target in targets:
            if isinstance(target, ast.Name) and target.id not in names:
                names.append(target.id)
    return names


def main(root: Path, files: list[str]) -> None:
    for path in files:
        tree = ast.parse((root / path).read_bytes())
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            names = _attributes(node)
            if not names:
                continue
            print(f"  - path: {path}\n    class: {node.name}\n    fields:")
            for name in names:
                print(f"      {name}: null")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
