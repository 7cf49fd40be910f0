"""Marker calls as data: literal-only argument parsing and per-keyword type validation."""

from __future__ import annotations

import ast
import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ropa.model import ACTIVITY_ROLES

MARKERS = ("personal_data", "processing", "processor")

# Keyword -> expected type: "str", "strs" (list of strings), "bool", "fields", "role" (one of
# ACTIVITY_ROLES).
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
        "special_category_basis": "basis",
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
        "role": "role",
        "on_behalf_of": "strs",
        "joint_controllers": "strs",
        "description": "str",
        "owner": "str",
        "lia": "str",
        "dpia": "str",
        "consent_record": "str",
        "withdrawal": "str",
        "automated_decision_exception": "str",
        "automated_decision_effects": "str",
        "retention_policy": "str",
    },
    "processor": {
        "vendor": "str",
        "data": "strs",
        "purpose": "str",
        "activity": "str",
        "region": "str",
    },
}
POSITIONAL = {"processing": ("name",), "processor": ("vendor",), "personal_data": ()}
_TYPE_WORDS = {
    "str": "a string",
    "strs": "a list of strings",
    "bool": "True or False",
    "fields": "a dict of field name to category key (or list of keys)",
    "role": "one of " + ", ".join(f"'{r}'" for r in ACTIVITY_ROLES),
    "basis": 'a condition key or a dict {"condition": KEY, "law": "..."}',
}


#: Deeper literals are refused before Python's own recursion limit is near.
MAX_DEPTH = 50
#: How much of a value or expression a message quotes.
_QUOTE = 60


class NotLiteral(ValueError):
    """An argument is not a literal; the message names what it is."""


class Refused(NotLiteral):
    """A literal ropa cannot take; the message is the whole reason, after the argument."""


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkerCall:
    """A marker call reduced to validated Python values."""

    marker: str
    values: Mapping[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """Why one argument (or the whole call) could not be read, and where it stands.

    ``line`` and ``offset`` are those of the argument in the parsed call text (1-based line,
    0-based UTF-8 byte offset, as ``ast`` counts), or None for the call as a whole.
    """

    message: str
    line: int | None = None
    offset: int | None = None
    argument: str | None = None
    """The keyword given whose value could not be read; None for other problems (an unknown
    or repeated keyword, the call as a whole), whose absence checks still apply."""


def literal(node: ast.expr, depth: int = 0, *, hashable: bool = False) -> Any:
    """The value of a literal expression; raise NotLiteral naming the offending part.

    ``hashable``: the value is a set element or dict key, so a tuple stays a tuple and a
    list, set or dict is refused as Python itself would refuse it.
    """
    if depth > MAX_DEPTH:
        raise NotLiteral(f"a literal nested more than {MAX_DEPTH} levels deep")
    depth += 1
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str) and not _is_text(node.value):
            # "\ud800" is a valid escape but no UTF-8 document, message or terminal can hold it.
            raise Refused("holds a lone surrogate (such as '\\ud800'), which is not text")
        if isinstance(node.value, (str, int, float, bool)) or node.value is None:
            return node.value
        raise NotLiteral(f"{type(node.value).__name__} literal")
    if isinstance(node, ast.Tuple):
        items = [literal(e, depth, hashable=hashable) for e in node.elts]
        return tuple(items) if hashable else items
    if isinstance(node, (ast.List, ast.Set, ast.Dict)) and hashable:
        kind = {ast.List: "list", ast.Set: "set", ast.Dict: "dict"}[type(node)]
        raise Refused(f"cannot hold a {kind} as a set element or dict key")
    if isinstance(node, ast.List):
        return [literal(e, depth) for e in node.elts]
    if isinstance(node, ast.Set):
        return sorted({literal(e, depth, hashable=True) for e in node.elts}, key=_sort_key)
    if isinstance(node, ast.Dict):
        if any(k is None for k in node.keys):
            raise NotLiteral("a ** expansion")
        return {
            literal(k, depth, hashable=True): literal(v, depth)
            for k, v in zip(node.keys, node.values)
            if k
        }
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
        raise NotLiteral(f"the variable '{_clip(node.id)}'")
    if isinstance(node, ast.Attribute):
        raise NotLiteral(f"the attribute '{source_of(node)}'")
    if isinstance(node, ast.Call):
        raise NotLiteral(f"the call '{source_of(node)}'")
    raise NotLiteral(f"the expression '{source_of(node)}'")


def source_of(node: ast.AST) -> str:
    """The expression as written, shortened for a message; never raises."""
    try:
        text = ast.unparse(node)
    except (ValueError, RecursionError, MemoryError):
        # ValueError: an int too long to print (sys.get_int_max_str_digits).
        return "..."
    return _clip(text)


def shown(value: Any) -> str:
    """``repr(value)`` shortened for a message; never raises."""
    try:
        text = repr(value)
    except (ValueError, RecursionError, MemoryError):
        return "..."
    return _clip(text)


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _clip(text: str) -> str:
    return text if len(text) <= _QUOTE else text[: _QUOTE - 3] + "..."


def _sort_key(value: Any) -> tuple[str, str]:
    # Sets have no order: sort by type, then text, and never print a huge int to sort it.
    return (type(value).__name__, shown(value))


def parse_call(call: ast.Call, marker: str) -> tuple[MarkerCall | None, list[Problem]]:
    """Validate a marker call's arguments, each on its own.

    Returns the arguments that could be read and one problem per argument that could not,
    placed at that argument. The call is None only when its required first argument (the
    activity's name, the vendor) is missing or unreadable: there is nothing to attach the
    rest to.
    """
    problems: list[Problem] = []
    signature = SIGNATURES[marker]
    positional = POSITIONAL[marker]
    values: dict[str, Any] = {}
    broken: set[str] = set()

    def problem(message: str, node: ast.AST | None, argument: str | None = None) -> None:
        line = getattr(node, "lineno", None)
        offset = getattr(node, "col_offset", None)
        problems.append(
            Problem(message=f"{marker}(): {message}", line=line, offset=offset, argument=argument)
        )

    for extra in call.args[len(positional) :]:
        problem(
            f"takes {len(positional) or 'no'} positional argument"
            f"{'s' if len(positional) != 1 else ''}; pass the others by keyword",
            extra,
        )
    pairs: list[tuple[str | None, ast.expr, ast.AST]] = [
        (name, arg, arg) for name, arg in zip(positional, call.args)
    ]
    pairs += [(kw.arg, kw.value, kw) for kw in call.keywords]
    for name, node, where in pairs:
        if name is None:
            problem("** arguments are not allowed; write each keyword", where)
            continue
        if name not in signature:
            problem(f"unknown argument '{_clip(name)}' ({_expected(name, marker)})", where)
            continue
        if name in values or name in broken:
            problem(f"argument '{name}' given twice", where)
            continue
        broken.add(name)
        try:
            value = literal(node)
        except Refused as exc:
            problem(f"argument '{name}' {exc}", where, name)
            continue
        except NotLiteral as exc:
            problem(f"argument '{name}' must be a literal, not {exc}", where, name)
            continue
        checked = _check_type(value, signature[name])
        if checked is None:
            problem(
                f"argument '{name}' must be {_TYPE_WORDS[signature[name]]}, "
                f"got {type(value).__name__} {shown(value)}",
                where,
                name,
            )
            continue
        broken.discard(name)
        values[name] = checked
    for name in positional:
        if name not in values:
            if name not in broken:
                problem(f"missing the {name} (first argument)", None)
            return None, problems
    return MarkerCall(marker=marker, values=values), problems


def _expected(name: str, marker: str) -> str:
    """What to write instead of an unknown keyword: the closest one, else the list of them
    (for ``processing``, whose keywords no longer fit a message, where they are listed)."""
    close = difflib.get_close_matches(name, list(SIGNATURES[marker]), n=1, cutoff=0.75)
    if close:
        return f"did you mean '{close[0]}'?"
    known = ", ".join(SIGNATURES[marker])
    if len(known) > 160:
        return f"see docs/annotations.md for the keywords {marker}() takes"
    return f"expected one of: {known}"


def _check_type(value: Any, kind: str) -> Any:
    if kind == "str":
        return value.strip() if isinstance(value, str) and value.strip() else None
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if kind == "role":
        return value if value in ACTIVITY_ROLES else None
    if kind == "strs":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return tuple(dict.fromkeys(v.strip() for v in value))
        return None
    if kind == "basis":
        return _basis(value)
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


def _basis(value: Any) -> str | dict[str, str] | None:
    """A special category condition: a key, or ``{"condition": KEY, "law": TEXT}`` when a
    national law gives the condition (the UK's DPA 2018 Schedule 1, Art. 10 authorisations)."""
    if isinstance(value, str):
        return value.strip() or None
    if not isinstance(value, dict) or not set(value) <= {"condition", "law"}:
        return None
    condition, law = value.get("condition"), value.get("law")
    if not isinstance(condition, str) or not condition.strip():
        return None
    if law is not None and (not isinstance(law, str) or not law.strip()):
        return None
    return {"condition": condition.strip(), **({"law": law.strip()} if law else {})}
