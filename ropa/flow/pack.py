"""Flow summaries as compact JSON text, for the scan cache."""

from __future__ import annotations

import json
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
