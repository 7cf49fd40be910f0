"""Flow summaries as compact JSON text, for the scan cache."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from ropa.model import FlowArg, FlowCall, FlowFunction, FlowSummary


def pack(flow: FlowSummary) -> str:
    """The functions of ``flow`` as one JSON text (``flow.packed`` when it has one)."""
    if flow.packed is not None:
        return flow.packed
    return json.dumps(
        [
            [
                fn.name,
                fn.params,
                fn.method,
                fn.start,
                fn.end,
                [
                    [
                        c.id,
                        c.callee,
                        c.line,
                        c.column,
                        c.literal,
                        c.bound,
                        [_arg(a) for a in c.args],
                    ]
                    for c in fn.calls
                ],
                [_arg(a) for a in fn.returns],
            ]
            for fn in flow.functions
        ],
        separators=(",", ":"),
    )


def _arg(a: FlowArg) -> list[Any]:
    return [a.slot, a.origin, a.trail]


def _unarg(value: list[Any]) -> FlowArg:
    slot, origin, trail = value
    return FlowArg(slot=slot, origin=origin, trail=tuple((line, what) for line, what in trail))


def unpack(text: str) -> tuple[FlowFunction, ...]:
    """The functions ``pack`` wrote. The text comes from an authenticated cache entry."""
    return tuple(unpack_function(raw) for raw in json.loads(text))


def unpack_function(raw: list[Any]) -> FlowFunction:
    """One function of what ``pack`` wrote, from its decoded JSON list."""
    name, params, method, start, end, calls, returns = raw
    return FlowFunction(
        name=name,
        params=tuple(params),
        method=method,
        start=start,
        end=end,
        calls=tuple(
            FlowCall(
                id=cid,
                callee=callee,
                line=line,
                column=column,
                literal=literal,
                bound=bound,
                args=tuple(_unarg(a) for a in args),
            )
            for cid, callee, line, column, literal, bound, args in calls
        ),
        returns=tuple(_unarg(a) for a in returns),
    )


def packed(flow: FlowSummary) -> FlowSummary:
    """``flow`` with its functions as one string, as the scanner keeps summaries (it writes
    them packed in the first place: ``summarize(..., packed=True)``); for summaries built as
    objects, by ``summarize`` without ``packed`` or by hand."""
    if flow.packed is not None:
        return flow
    return FlowSummary(module=flow.module, note=flow.note, packed=pack(flow))


# A call as ``pack`` writes it, up to its literal: ``[id,"callee",line,column,"literal",bound,``.
# Nothing else of a packed summary starts with a number followed by a string (a function starts
# with its name, an argument with its slot, a step of a trail is a number and one string).
_CALL_LITERAL = re.compile(
    r'\[\d+,"(?:[^"\\]|\\.)*",(\d+),(\d+),"((?:[^"\\]|\\.)*)",(?:true|false),'
)


def literals(flow: FlowSummary) -> Iterator[tuple[str, int, int]]:
    """The literal URL host (or ``model=`` name) of each call of ``flow`` that has one, with
    the call's line and column; read from the packed text without decoding the rest."""
    if flow.packed is None:
        for fn in flow.functions:
            for call in fn.calls:
                if call.literal is not None:
                    yield call.literal, call.line, call.column
        return
    if '",true,' not in flow.packed and '",false,' not in flow.packed:
        return
    for match in _CALL_LITERAL.finditer(flow.packed):
        yield json.loads(f'"{match[3]}"'), int(match[1]), int(match[2])
