"""Marker calls as data: literal-only argument parsing and per-keyword type validation."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

MARKERS = ("personal_data", "processing", "processor")

# Keyword -> expected type: "str", "strs" (list of strings), "bool", "fields".
SIGNATURES: Mapping[str, Mapping[str, str]] = {
    "personal_data": {
        "subjects": "strs",
        "fields": "fields",
        "retention": "str",
        "source": "str",
    },
    "processing": {
        "name": "str",
        "purpose": "str",
        "legal_basis": "str",
        "legitimate_interest": "str",
        "special_category_basis": "str",
        "data": "strs",
        "subjects": "strs",
        "uses": "strs",
        "processors": "strs",
        "recipients": "strs",
        "retention": "str",
        "source": "str",
        "automated_decision": "str",
        "profiling": "bool",
        "requirement": "str",
        "notice": "bool",
    },
    "processor": {"vendor": "str", "data": "strs", "purpose": "str", "activity": "str"},
}
POSITIONAL = {"processing": ("name",), "processor": ("vendor",), "personal_data": ()}
_TYPE_WORDS = {
    "str": "a string",
    "strs": "a list of strings",
    "bool": "True or False",
    "fields": "a dict of field name to category key (or list of keys)",
}


class NotLiteral(ValueError):
    """An argument is not a literal; the message names what it is."""


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkerCall:
    """A marker call reduced to validated Python values."""

    marker: str
    values: Mapping[str, Any]


def literal(node: ast.expr) -> Any:
    """The value of a literal expression; raise NotLiteral naming the offending part."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (str, int, float, bool)) or node.value is None:
            return node.value
        raise NotLiteral(f"{type(node.value).__name__} literal")
    if isinstance(node, (ast.List, ast.Tuple)):
        return [literal(e) for e in node.elts]
    if isinstance(node, ast.Set):
        return sorted({literal(e) for e in node.elts}, key=repr)
    if isinstance(node, ast.Dict):
        if any(k is None for k in node.keys):
            raise NotLiteral("a ** expansion")
        return {literal(k): literal(v) for k, v in zip(node.keys, node.values) if k}
    if (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.USub)
        and isinstance(node.operand, ast.Constant)
        and isinstance(node.operand.value, (int, float))
    ):
        return -node.operand.value
    if isinstance(node, ast.JoinedStr):
        raise NotLiteral("an f-string")
    if isinstance(node, ast.Name):
        raise NotLiteral(f"the variable '{node.id}'")
    if isinstance(node, ast.Attribute):
        raise NotLiteral(f"the attribute '{ast.unparse(node)}'")
    if isinstance(node, ast.Call):
        raise NotLiteral(f"the call '{ast.unparse(node)}'")
    raise NotLiteral(f"the expression '{ast.unparse(node)}'")


def parse_call(call: ast.Call, marker: str) -> tuple[MarkerCall | None, list[str]]:
    """Validate a marker call's arguments; return the values or the problems found."""
    problems: list[str] = []
    signature = SIGNATURES[marker]
    positional = POSITIONAL[marker]
    values: dict[str, Any] = {}
    if len(call.args) > len(positional):
        problems.append(
            f"{marker}() takes {len(positional) or 'no'} positional argument"
            f"{'s' if len(positional) != 1 else ''}; pass the others by keyword"
        )
    pairs: list[tuple[str | None, ast.expr]] = list(zip(positional, call.args))
    pairs += [(kw.arg, kw.value) for kw in call.keywords]
    for name, node in pairs:
        if name is None:
            problems.append(f"{marker}(): ** arguments are not allowed; write each keyword")
            continue
        if name not in signature:
            known = ", ".join(signature)
            problems.append(f"{marker}(): unknown argument '{name}' (expected one of: {known})")
            continue
        if name in values:
            problems.append(f"{marker}(): argument '{name}' given twice")
            continue
        try:
            value = literal(node)
        except NotLiteral as exc:
            problems.append(f"{marker}(): argument '{name}' must be a literal, not {exc}")
            continue
        checked = _check_type(value, signature[name])
        if checked is None:
            problems.append(
                f"{marker}(): argument '{name}' must be {_TYPE_WORDS[signature[name]]}, "
                f"got {type(value).__name__} {value!r}"
            )
            continue
        values[name] = checked
    for name in positional:
        if name not in values and not any(name in p for p in problems):
            problems.append(f"{marker}(): missing the {name} (first argument)")
    if problems:
        return None, problems
    return MarkerCall(marker=marker, values=values), []


def _check_type(value: Any, kind: str) -> Any:
    if kind == "str":
        return value.strip() if isinstance(value, str) and value.strip() else None
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if kind == "strs":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(dict.fromkeys(v.strip() for v in value))
        return None
    if kind == "fields":
        if not isinstance(value, dict):
            return None
        out: dict[str, tuple[str, ...]] = {}
        for key, keys in value.items():
            if not isinstance(key, str):
                return None
            if isinstance(keys, str):
                out[key] = (keys,)
            elif isinstance(keys, list) and keys and all(isinstance(k, str) for k in keys):
                out[key] = tuple(keys)
            else:
                return None
        return out
    raise AssertionError(kind)
