"""Flows judged against the declarations: ROPA205-207, and ``evidence[]`` for the record."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ropa.checks import diag
from ropa.flow.engine import Flow
from ropa.flow.sinks import Sink
from ropa.model import Diagnostic, FlowStep, Level, Location, ScanResult

#: Evidence entries kept per activity or vendor in the record: the record shows, not lists all.
MAX_EVIDENCE = 20
#: Kinds of vendor that receive whatever the application stores or logs, not through calls
#: the code makes with a person's data: no path to them is expected (no ROPA207).
_AMBIENT = frozenset({"hosting", "cdn", "cloud", "logging", "observability", "storage"})


def covered(category: str, declared: Iterable[str]) -> bool:
    """Whether a declared category (or a parent or child of it) accounts for ``category``."""
    return any(
        category == d or category.startswith(d + ".") or d.startswith(category + ".")
        for d in declared
    )


def _shortest(flows: Sequence[Flow]) -> Flow:
    return min(flows, key=lambda f: (len(f.steps), f.sort_key()))


def _grouped(flows: Iterable[Flow]) -> dict[tuple[Location, Sink], list[Flow]]:
    groups: dict[tuple[Location, Sink], list[Flow]] = {}
    for flow in flows:
        groups.setdefault((flow.location, flow.sink), []).append(flow)
    return groups


def _data(flows: Sequence[Flow]) -> str:
    cats = sorted({f.category for f in flows})
    return ", ".join(cats)


def flow_diagnostics(
    flows: Sequence[Flow], record: Mapping[str, Any], detectable: Iterable[str]
) -> list[Diagnostic]:
    """ROPA205 and ROPA206 for the flows; ROPA207 for declared vendors of ``detectable`` keys
    (those whose SDK the code imports) that no flow reaches with what they are declared to get."""
    out: list[Diagnostic] = []
    receives = {v["key"]: v.get("data_categories", []) for v in record.get("vendors", ())}
    for (where, sink), group in sorted(_grouped(flows).items()):
        if sink.kind in ("log", "stdout"):
            first = _shortest(group)
            base = diag(
                "ROPA206",
                f"personal data ({_data(group)}, read as '{first.field}') is written to "
                f"{sink.describe()}",
                where,
                "log an identifier or a masked value instead, or name the masking function "
                "under scan.sanitisers in ropa.yaml",
            )
            out.append(_with_flow(base, first.steps))
        elif sink.kind == "vendor" and sink.vendor is not None:
            declared = receives.get(sink.vendor, [])
            missing = [f for f in group if not covered(f.category, declared)]
            if not missing:
                continue
            first = _shortest(missing)
            cats = _data(missing)
            base = diag(
                "ROPA205",
                f"personal data ({cats}, read as '{first.field}') reaches vendor "
                f"'{sink.vendor}' through {sink.shown}(), but no activity declares "
                f"'{sink.vendor}' as a recipient of it",
                where,
                f'add "{sink.vendor}" to processors= of the activity that sends it, with '
                f"{cats} in its data=, or declare "
                f'# ropa: processor("{sink.vendor}", data=[...], purpose="...", activity="...")',
            )
            out.append(_with_flow(base, first.steps))
        elif sink.kind == "http" and outside_host(sink.host):
            # A literal host that no vendor of the registry or ropa.yaml owns: whoever answers
            # there receives the data, and no declaration can name it as a recipient yet.
            first = _shortest(group)
            cats = _data(group)
            base = diag(
                "ROPA205",
                f"personal data ({cats}, read as '{first.field}') reaches '{sink.host}' "
                f"through {sink.shown}(), but no activity declares '{sink.host}' as a "
                "recipient of it",
                where,
                f"declare who answers at {sink.host} under vendors: in ropa.yaml (with "
                f'hosts: ["{sink.host}"]) and add it to processors= of the activity that sends '
                f"{cats}",
            )
            out.append(_with_flow(base, first.steps))
    reached: dict[str, set[str]] = {}
    for flow in flows:
        if flow.sink.kind == "vendor" and flow.sink.vendor:
            reached.setdefault(flow.sink.vendor, set()).add(flow.category)
    wanted = set(detectable)
    for vendor in record.get("vendors", ()):
        key = vendor["key"]
        if key not in wanted or not vendor.get("data_categories") or vendor.get("kind") in _AMBIENT:
            continue
        got = reached.get(key, set())
        unseen = [c for c in vendor["data_categories"] if not covered(c, got)]
        if not unseen:
            continue
        out.append(
            diag(
                "ROPA207",
                f"'{key}' is declared to receive {', '.join(unseen)}, but no code path "
                "carrying it there was found",
                _declared_at(record, key, unseen),
                "check the declaration; if the SDK collects the data by itself (or the code "
                "passes it in a way ropa cannot follow), this note needs no action",
            )
        )
    return out


def outside_host(host: str | None) -> bool:
    """Whether a literal host is somebody else's: not this machine or a private network."""
    if not host:
        return False
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return False
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return "." in host
    return address.is_global


def _with_flow(d: Diagnostic, steps: tuple[FlowStep, ...]) -> Diagnostic:
    return Diagnostic(
        code=d.code,
        level=d.level,
        message=d.message,
        location=d.location,
        hint=d.hint,
        flow=steps,
    )


def _declared_at(
    record: Mapping[str, Any], key: str, unseen: Sequence[str] = ()
) -> Location | None:
    """Where ``key`` is declared as a recipient: of ``unseen`` data when an activity naming
    it declares some of that (not another activity naming the vendor for other data)."""
    vendors = record.get("vendors", ())
    naming = [a for a in record.get("activities", ()) if key in a.get("processors", ())]
    stating = [a for a in naming if any(covered(c, a.get("data_categories", ())) for c in unseen)]
    if stating:
        naming = stating
        places = []
    else:
        places = [loc for v in vendors if v["key"] == key for loc in v.get("locations", ())]
    # An activity's places include the processor markers of other vendors that joined it
    # (activity=): those say nothing about this vendor.
    others = {
        (loc["path"], loc["line"])
        for v in vendors
        if v["key"] != key
        for loc in v.get("locations", ())
    }
    named = [loc for a in naming for loc in a.get("locations", ())]
    places += [loc for loc in named if (loc["path"], loc["line"]) not in others] or named
    if not places:
        return None
    first = min(places, key=lambda p: (p["path"], p["line"]))
    return Location(path=first["path"], line=first["line"], column=1)


def budget_notes(scan: ScanResult) -> list[Diagnostic]:
    """A note for each file whose data-flow pass stopped at its budget."""
    return [
        Diagnostic(
            code="ROPA001",
            level=Level.INFO,
            message=f.flow.note,
            location=Location(path=f.path, line=1, column=1),
            hint="flows through the rest of this file are not reported",
        )
        for f in scan.files
        if f.flow is not None and f.flow.note
    ]


#: Sinks that are not a recipient by themselves: where the data goes next is not in the code.
_ELSEWHERE = frozenset({"http", "file", "queue"})


def _entry(flow: Flow) -> dict[str, Any]:
    sink = flow.sink
    return {
        "data": flow.category,
        "sink": sink.vendor if sink.kind == "vendor" else sink.host or sink.kind,
        "call": f"{flow.sink.shown}()",
        "steps": [{"path": s.path, "line": s.line, "what": s.what} for s in flow.steps],
    }


def _spans(scan: ScanResult, paths: set[str]) -> dict[str, list[tuple[int, int]]]:
    """The line spans of the functions of the files in ``paths``."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in scan.files:
        if f.flow is not None and f.path in paths:
            spans[f.path] = sorted(
                (fn.start, fn.end) for fn in f.flow.unpacked().functions if fn.start and fn.end
            )
    return spans


def _function_at(spans: Sequence[tuple[int, int]], line: int) -> tuple[int, int] | None:
    """The function a declaration at ``line`` belongs to: one starting at or just below it
    (a decorator or a comment above the ``def``)."""
    for start, end in spans:
        if start - 8 <= line <= start:
            return start, end
    return None


def attach_evidence(
    record: Mapping[str, Any], flows: Sequence[Flow], scan: ScanResult
) -> dict[str, Any]:
    """The record with ``evidence[]`` on every activity and vendor (possibly empty), and on
    the record itself for flows to HTTP requests, files and queues (absent when none)."""
    by_vendor: dict[str, list[Flow]] = {}
    for flow in flows:
        if flow.sink.kind == "vendor" and flow.sink.vendor:
            by_vendor.setdefault(flow.sink.vendor, []).append(flow)
    declared_in = {loc["path"] for a in record.get("activities", ()) for loc in a["locations"]}
    spans = _spans(scan, declared_in | {s.path for f in flows for s in f.steps})
    vendors = [
        {**v, "evidence": [_entry(f) for f in _first(by_vendor.get(v["key"], []))]}
        for v in record.get("vendors", ())
    ]
    activities = []
    for a in record.get("activities", ()):
        mine = [
            f
            for key in a.get("processors", ())
            for f in by_vendor.get(key, ())
            if covered(f.category, a.get("data_categories", ()))
        ]
        bodies = {
            (loc["path"], span)
            for loc in a.get("locations", ())
            if (span := _function_at(spans.get(loc["path"], ()), loc["line"]))
        }
        if bodies:
            mine += [
                f
                for f in flows
                if any(
                    (s.path, span) in bodies and span[0] <= s.line <= span[1]
                    for s in f.steps
                    for span in [_span_of(spans.get(s.path, ()), s.line)]
                    if span
                )
            ]
        activities.append({**a, "evidence": [_entry(f) for f in _first(mine)]})
    out = {**record, "activities": activities, "vendors": vendors}
    elsewhere = _first(f for f in flows if f.sink.kind in _ELSEWHERE)
    if elsewhere:
        out["evidence"] = [_entry(f) for f in elsewhere]
    return out


def _span_of(spans: Sequence[tuple[int, int]], line: int) -> tuple[int, int] | None:
    inside = [s for s in spans if s[0] <= line <= s[1]]
    return max(inside) if inside else None


def _first(flows: Iterable[Flow]) -> list[Flow]:
    unique = {(f.location, f.category, f.sink): f for f in flows}
    return sorted(unique.values(), key=Flow.sort_key)[:MAX_EVIDENCE]
