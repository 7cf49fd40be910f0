"""Extract the labelled model classes of a held-out project into tests/data/pii_sources/.

Usage: python benchmarks/pii_extract.py LABELS SRC_ROOT LICENSE

LABELS is a tests/data/pii_labels_<project>.yaml file, SRC_ROOT the unpacked sdist folder that
its `path` entries are relative to, LICENSE the licence to name in each file's header. Only the
labelled class statements (and module-level `Table(...)` declarations, whose foreign keys the
heuristic reads) are kept, without methods, docstrings and help texts, so that the
committed sources stay small and the evaluation (tests/test_pii_eval.py) needs neither the
network nor the sdist.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


# Documentation text that the heuristic never reads; dropped to keep the sources small.
_PROSE_KEYWORDS = frozenset({"help_text", "verbose_name", "verbose_name_plural"})


class _DropProse(ast.NodeTransformer):
    def visit_Call(self, node: ast.Call) -> ast.Call:
        node.keywords = [k for k in node.keywords if k.arg not in _PROSE_KEYWORDS]
        self.generic_visit(node)
        return node


def _dotted_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted_name(node.value)
        return f"{head}.{node.attr}" if head else None
    return None


def _strip(cls: ast.ClassDef) -> ast.ClassDef:
    body: list[ast.stmt] = []
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if (
            isinstance(stmt, ast.Expr)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        ):
            continue  # a docstring
        if isinstance(stmt, ast.ClassDef):
            stmt = _strip(stmt)
        body.append(_DropProse().visit(stmt))
    cls.body = body or [ast.Pass()]
    return cls


def extract(labels: Path, root: Path, licence: str) -> None:
    entries = yaml.safe_load(labels.read_text(encoding="utf-8"))
    wanted: dict[str, list[str]] = {}
    for entry in entries:
        wanted.setdefault(str(entry["path"]), []).append(str(entry["class"]))
    project = str(entries[0]["project"])
    version = str(entries[0]["version"])
    for path, classes in wanted.items():
        tree = ast.parse((root / path).read_bytes())
        found = [
            _strip(node)
            for node in tree.body
            if isinstance(node, ast.ClassDef) and node.name in classes
        ]
        missing = set(classes) - {node.name for node in found}
        # Tables declared apart from the classes they are mapped onto (CKAN's
        # `user_table = Table(...)`): the heuristic reads their foreign keys.
        tables: list[ast.stmt] = [
            _DropProse().visit(node)
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and (_dotted_name(node.value.func) or "").rpartition(".")[2] == "Table"
        ]
        if missing:
            raise SystemExit(f"{path}: classes not found at top level: {sorted(missing)}")
        header = (
            f"# Extracted from {project} {version}, {path}\n"
            f"# Licence: {licence}\n"
            "# Only the model classes labelled in tests/data/pii_labels_*.yaml, without methods,\n"
            "# docstrings and help texts, reformatted by ast.unparse: test data for the ROPA201\n"
            "# heuristic, never imported.\n\n"
        )
        out = REPO / "tests" / "data" / "pii_sources" / project / path
        out.parent.mkdir(parents=True, exist_ok=True)
        text = "\n\n\n".join(ast.unparse(node) for node in [*tables, *found])
        out.write_text(header + text + "\n", encoding="utf-8")


if __name__ == "__main__":
    extract(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
