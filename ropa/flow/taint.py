"""Taint: the origins a value carries, each with the steps that brought it there, and the
words a step uses for the code it passed through."""

from __future__ import annotations

import ast
from functools import lru_cache

from ropa.model import LocalStep

#: Origins kept per value, and steps kept per origin: enough to show a path, bounded in size.
MAX_ORIGINS = 12
MAX_TRAIL = 14

Taint = dict[str, tuple[LocalStep, ...]]


def _union(a: Taint, b: Taint) -> Taint:
    if not b:
        return a
    if not a:
        return b
    out = dict(a)
    for origin, trail in b.items():
        old = out.get(origin)
        if old is None or len(trail) < len(old):
            out[origin] = trail
    if len(out) > MAX_ORIGINS:
        # Reads of personal data first, then parameters, then call results.
        kept = sorted(out, key=lambda o: ("stpr".index(o[0]), len(out[o]), o))[:MAX_ORIGINS]
        out = {o: out[o] for o in kept}
    return out


def _step(taint: Taint, line: int, what: str) -> Taint:
    if not taint:
        return taint
    out: Taint = {}
    for origin, trail in taint.items():
        if trail and trail[-1] == (line, what):
            out[origin] = trail
        elif len(trail) >= MAX_TRAIL:
            out[origin] = (*trail[: MAX_TRAIL // 2], *trail[-(MAX_TRAIL // 2 - 1) :], (line, what))
        else:
            out[origin] = (*trail, (line, what))
    return out


@lru_cache(maxsize=16384)
def _short(callee: str) -> str:
    parts = callee.split(".")
    return ".".join(parts[-2:]) if len(parts) > 2 else callee


def _kind(node: ast.expr) -> str:
    if isinstance(node, ast.JoinedStr):
        return " (f-string)"
    if isinstance(node, (ast.Dict, ast.List, ast.Tuple, ast.Set)):
        return f" ({type(node).__name__.lower()})"
    if isinstance(node, ast.BinOp):
        return " (string building)"
    return ""


def _shown(node: ast.expr) -> str:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif parts:
        parts.append("…")
    text = ".".join(reversed(parts))
    return text if len(text) <= 60 else "…" + text[-59:]
