"""Whether the text written beside a model field (``help_text``, ``verbose_name``, a
``description=``, ``comment=`` or ``doc=``, a comment on or above the line, an attribute
docstring) could find the personal fields ROPA201 misses.

    python benchmarks/pii_doctext.py [--corpus DIR] [--unseen SRC_DIR] [--misses]

Counts, over every labelled set (as ``pii_classes.py`` reads them), how many fields of each
outcome (tp, fp, fn, tn) have such text at all, and how many have text naming a person
(user, customer, member, your, name, e-mail, phone, address, personal ...). ``--misses``
prints the text found beside each missed field.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from benchmarks import pii_classes  # noqa: E402
from benchmarks.pii_eval import BLIND_GROUPS, SOURCES, blind_sets, default_corpus  # noqa: E402
from benchmarks.pii_unseen import _archives, _check, load  # noqa: E402

_KEYWORDS = frozenset(
    {"help_text", "verbose_name", "description", "comment", "doc", "title", "label", "info"}
)
_GETTEXT = frozenset({"_", "gettext", "gettext_lazy", "ugettext_lazy", "pgettext_lazy", "_l"})
_PERSON = re.compile(
    r"\b(user|customer|person|member|your|his|her|their|name|e-?mail|phone|address|personal)\b",
    re.I,
)


def _text(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Call) and node.args:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in _GETTEXT:
            return _text(node.args[-1])
    return None


def field_texts(lines: list[str], cls: ast.ClassDef, field: str) -> list[str]:
    """Every text written beside ``field`` in ``cls``'s body."""
    out: list[str] = []
    for i, stmt in enumerate(cls.body):
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign):
            targets, value = [stmt.target], stmt.value
        else:
            continue
        if not any(isinstance(t, ast.Name) and t.id == field for t in targets):
            continue
        for call in (n for n in ast.walk(value) if isinstance(n, ast.Call)) if value else ():
            out += [t for k in call.keywords if k.arg in _KEYWORDS and (t := _text(k.value))]
            # Django's verbose_name is the first positional argument: a phrase, not a name.
            out += [t for a in call.args if (t := _text(a)) and (" " in t or t[:1].isupper())]
        for number in range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1):
            comment = lines[number - 1].partition("#")[2].strip()
            if comment and not comment.startswith(("noqa", "type:", "pragma")):
                out.append(comment)
        above = stmt.lineno - 2
        while above >= 0 and lines[above].strip().startswith("#"):
            out.append(lines[above].strip()[1:].strip())
            above -= 1
        after = cls.body[i + 1] if i + 1 < len(cls.body) else None
        if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
            out += [after.value.value.strip()] if isinstance(after.value.value, str) else []
    return out


def _classes(tree: ast.Module) -> dict[str, ast.ClassDef]:
    found: dict[str, ast.ClassDef] = {}

    def walk(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                found[prefix + node.name] = node
                found.setdefault(node.name, node)
                walk(node.body, f"{prefix}{node.name}.")

    walk(tree.body, "")
    return found


def rows(root: Path, entries: list[dict[str, object]]) -> list[tuple[str, str, list[str]]]:
    """(outcome kind, where, texts) for every labelled field of ``entries``."""
    outcomes = iter(pii_classes.outcomes(root, entries))
    parsed: dict[Path, tuple[list[str], dict[str, ast.ClassDef]]] = {}
    out = []
    for entry in entries:
        source = root / str(entry["project"]) / str(entry["path"])
        if source not in parsed:
            text = source.read_text("utf-8", errors="replace")
            parsed[source] = (text.splitlines(), _classes(ast.parse(text)))
        lines, classes = parsed[source]
        cls = classes.get(str(entry["class"]))
        assert isinstance(entry["fields"], dict)
        for name in entry["fields"]:
            o = next(outcomes)
            out.append((o.kind, o.where, field_texts(lines, cls, name) if cls else []))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--unseen", type=Path)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    found: list[tuple[str, str, list[str]]] = []
    labels = yaml.safe_load((REPO / "tests/data/pii_labels.yaml").read_text(encoding="utf-8"))
    if (args.corpus / "pretix").is_dir():
        found += rows(args.corpus, labels)
    sets = blind_sets()
    for projects in BLIND_GROUPS.values():
        found += rows(SOURCES, [e for p in projects for e in sets.get(p, [])])
    if args.unseen is not None:
        unseen = load(None, [])
        for projects in pii_classes.UNSEEN_GROUPS.values():
            for project in projects:
                data, classes = unseen[project]
                folders = [_check(args.unseen, archive) for archive in _archives(data)]
                found += rows(
                    args.unseen,
                    [{**e, "project": str(e.get("folder") or folders[0])} for e in classes],
                )
    total = Counter(kind for kind, _, _ in found)
    some = Counter(kind for kind, _, texts in found if texts)
    person = Counter(kind for kind, _, texts in found if any(_PERSON.search(t) for t in texts))
    print(f"{'outcome':<8} {'fields':>7} {'with text':>10} {'naming a person':>16}")
    for kind in ("tp", "fn", "fp", "tn"):
        print(f"{kind:<8} {total[kind]:>7} {some[kind]:>10} {person[kind]:>16}")
    if args.misses:
        for kind, where, texts in found:
            if kind == "fn" and texts:
                print(f"  {where}: {' | '.join(texts)[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
