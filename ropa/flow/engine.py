"""The project-level join: per-file flow summaries linked through calls into located flows.

Each function's summary says, in terms of its own parameters, what reaches its calls and its
return value. Here calls to the project's own functions and methods are resolved (across
modules, through imports), and each function is resolved once, into which parameters reach
which sinks and which reads of personal data it returns. The depth of that resolution is
bounded and call cycles are cut, so the cost stays linear in the size of the summaries.
Only functions that read personal data, and their callers through any chain, are resolved
from the top (``relevant``); the functions they call are resolved as they are reached, and
decoded from the packed form workers send only then.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ropa.flow.pack import unpack_function
from ropa.flow.sinks import Sink, SinkTable
from ropa.flow.summary import BASES
from ropa.model import (
    FlowCall,
    FlowFunction,
    FlowStep,
    FlowSummary,
    LocalStep,
    Location,
    ScanResult,
)

#: Calls followed into the project's own functions, one inside another.
MAX_DEPTH = 12
#: Function resolutions per project before partial summaries are kept as they are.
MAX_WORK = 200_000
#: Paths kept per parameter and sink, per function: enough to show evidence, bounded.
MAX_PATHS = 6
#: Sink calls kept per parameter, per function (one path each): a wrapper that dispatches to
#: several vendors and logs reaches more sinks than it needs paths to each.
MAX_SINKS = 16
#: Steps kept in one flow: the first and the last ones.
MAX_STEPS = 24
#: Types kept per function's return value, and functions followed to find them.
MAX_KINDS = 4
MAX_KIND_DEPTH = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class Flow:
    """Personal data of one category read at a source and reaching a sink."""

    category: str
    field: str
    """The name read (``email`` of ``user.email``)."""
    sink: Sink
    location: Location
    """The sink call."""
    steps: tuple[FlowStep, ...]

    def sort_key(self) -> tuple[Location, str, str, tuple[FlowStep, ...]]:
        return (self.location, self.category, self.field, self.steps)


Steps = tuple[FlowStep, ...]


@dataclass(slots=True)
class _Resolved:
    param_sinks: dict[str, list[tuple[Sink, Location, Steps]]] = field(default_factory=dict)
    param_ret: dict[str, Steps] = field(default_factory=dict)
    src_ret: dict[str, Steps] = field(default_factory=dict)


class _Packed:
    """A file's packed summaries, decoded again (once) when one of its functions is needed:
    the decoded form of a whole project is several times the size of its text."""

    __slots__ = ("_decoded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._decoded: list[Any] | None = None

    def function(self, index: int) -> FlowFunction:
        if self._decoded is None:
            self._decoded = json.loads(self.text)
        return unpack_function(self._decoded[index])


class _Fn:
    """A project function for the join; its summary is decoded when first resolved (most
    functions of a large project never are: nothing personal reaches them)."""

    __slots__ = ("_at", "_calls", "_fn", "full", "method", "path")

    def __init__(
        self,
        path: str,
        full: str,
        method: bool,
        at: tuple[_Packed, int] | None,
        fn: FlowFunction | None,
    ):
        self.path = path
        self.full = full
        self.method = method
        self._at = at
        self._fn = fn
        self._calls: dict[int, FlowCall] | None = None

    @property
    def fn(self) -> FlowFunction:
        if self._fn is None:
            assert self._at is not None
            packed, index = self._at
            self._fn = packed.function(index)
            self._at = None
        return self._fn

    @property
    def calls(self) -> dict[int, FlowCall]:
        if self._calls is None:
            self._calls = {c.id: c for c in self.fn.calls}
        return self._calls


def _join(*parts: Iterable[FlowStep]) -> Steps:
    out: list[FlowStep] = []
    for part in parts:
        for step in part:
            if not out or out[-1] != step:
                out.append(step)
    if len(out) > MAX_STEPS:
        out = out[: MAX_STEPS // 2] + out[-(MAX_STEPS // 2) :]
    return tuple(out)


class _Engine:
    def __init__(
        self,
        scan: ScanResult,
        table: SinkTable,
        sanitisers: Sequence[str],
        categories: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.fields: dict[tuple[str, str], tuple[str, ...]] = {}
        for f in scan.files:
            for decl in f.fields:
                for model in (decl.model, decl.model.rsplit(".", 1)[-1]):
                    self.fields[(model, decl.field)] = decl.categories
        self.table = table
        # Per file, the vendors whose SDK it imports, with the import names that show it.
        self.file_vendors: dict[str, dict[str, set[str]]] = {}
        vendor_of: dict[str, str | None] = {}  # one lookup per imported module
        for f in scan.files:
            for ref in f.imports:
                if ref.module in vendor_of:
                    key = vendor_of[ref.module]
                else:
                    key = vendor_of[ref.module] = table.vendor_of_import(ref.module)
                if key is not None:
                    found = self.file_vendors.setdefault(f.path, {}).setdefault(key, set())
                    found.add(ref.module)
        self.sanitisers = frozenset(sanitisers)
        self.categories = categories
        self.fns: dict[str, _Fn] = {}
        self.bases: dict[str, tuple[str, ...]] = {}
        self.suffixes: dict[str, list[str]] = {}
        self.classes: set[str] = set()
        # What each function calls (by name) and whether it reads personal data itself:
        # enough to find the functions worth resolving without decoding the rest.
        self.callees: dict[str, tuple[str, ...]] = {}
        self.reading: list[str] = []
        for f in scan.files:
            if f.flow is None:
                continue
            module = f.flow.module
            for name, method, callees, origins, at, fn in _functions(f.flow, bool(self.fields)):
                full = f"{module}.{name}"
                if name.endswith(BASES):
                    self.bases[full[: -len(BASES) - 1]] = callees
                    continue
                self.fns[full] = _Fn(f.path, full, method, at, fn)
                self.callees[full] = callees
                if origins and any(
                    o[0] == "s" or (o[0] == "t" and self._declared(o)) for o in origins
                ):
                    self.reading.append(full)
                if method:
                    self.classes.add(full.rsplit(".", 1)[0])
        # A project scanned from above its import root names ``src/app/x.py`` ``src.app.x``
        # while the code imports ``app.x``: modules are also found by their trailing parts.
        for f in scan.files:
            if f.flow is not None:
                parts = f.flow.module.split(".")
                for n in range(1, len(parts)):
                    self.suffixes.setdefault(".".join(parts[n:]), []).append(f.flow.module)
        self.memo: dict[str, _Resolved] = {}
        self.cut = False
        self.work = 0
        self.targets: dict[str, tuple[_Fn, int] | None] = {}
        self.kinds: dict[str, tuple[str, ...]] = {}
        self.plain: dict[str, tuple[_Fn, int] | None] = {}
        self.class_names: dict[str, str | None] = {}
        self.retyped_names: dict[str, tuple[str, ...]] = {}
        self.active: set[str] = set()
        self.flows: dict[tuple[Location, str, str], Flow] = {}
        self.returned: dict[tuple[str, int], list[tuple[str, Steps]]] = {}

    # ------------------------------------------------------------------ lookup

    def target(self, callee: str) -> tuple[_Fn, int] | None:
        """The project function a call reaches, and how many parameters it binds itself."""
        if callee not in self.targets:
            hit = self._target(callee)
            if hit is None:
                # ``card.pretty()`` where ``card = Contact.from_file(...)``: a method of the
                # class that the function named first returns.
                for name in self.retyped(callee):
                    hit = self._target(name)
                    if hit is not None:
                        break
            self.targets[callee] = hit
        return self.targets[callee]

    def retyped(self, callee: str) -> tuple[str, ...]:
        """``callee`` with its head, a project function, replaced by the types that function
        returns: ``helpers.get_client.chat.completions.create`` -> ``openai.OpenAI.chat...``."""
        done = self.retyped_names.get(callee)
        if done is not None:
            return done
        out: list[str] = []
        parts = callee.split(".")
        if self._target(callee) is not None:
            # A project function itself (``f.convert`` defined inside ``f``), not an attribute
            # of what ``f`` returns.
            parts = []
        for n in range(len(parts) - 1, 0, -1):
            hit = self._target(".".join(parts[:n]))
            if hit is not None and not hit[0].full.endswith(".__init__"):
                rest = ".".join(parts[n:])
                out = [f"{kind}.{rest}" for kind in self.returned_types(hit[0].full, 0)]
                break
        self.retyped_names[callee] = found = tuple(out)
        return found

    def returned_types(self, full: str, depth: int) -> tuple[str, ...]:
        """The classes (or calls that make objects) a project function returns: from its
        return annotation, the objects it builds and returns, and the functions it returns
        the result of, followed a few calls deep."""
        done = self.kinds.get(full)
        if done is not None:
            return done
        self.kinds[full] = ()  # a cycle returns nothing more
        f = self.fns[full]
        out: list[str] = []
        for ret in f.fn.returns:
            call = f.calls.get(int(ret.origin[2:])) if ret.origin[0] == "r" else None
            if call is None or call.callee.endswith(".__str__"):
                continue
            hit = self._target(call.callee)
            if hit is not None and not hit[0].full.endswith(".__init__"):
                if depth < MAX_KIND_DEPTH:
                    out += self.returned_types(hit[0].full, depth + 1)
            elif call.callee.rsplit(".", 1)[-1][:1].isupper() or self.table.vendor_of_import(
                call.callee
            ):
                # A class (``Contact``, ``openai.OpenAI``) or a vendor's factory
                # (``boto3.client("ses")``); not what any other call returns.
                out.append(call.callee)
        self.kinds[full] = found = tuple(dict.fromkeys(out))[:MAX_KINDS]
        return found

    def _target(self, callee: str) -> tuple[_Fn, int] | None:
        """``target`` without following returned types; looked up once per name."""
        if callee in self.plain:
            return self.plain[callee]
        self.plain[callee] = found = self._lookup(callee)
        return found

    def _lookup(self, callee: str) -> tuple[_Fn, int] | None:
        names = [callee]
        parts = callee.split(".")
        for n in range(len(parts) - 1, 0, -1):
            modules = self.suffixes.get(".".join(parts[:n]), ())
            if len(modules) == 1:
                names.append(".".join([modules[0], *parts[n:]]))
                break
        for name in names:
            for full in (name, f"{name}.__init__"):
                hit = self.fns.get(full)
                if hit is not None:
                    return hit, 1 if hit.method else 0
        for name in names:
            inherited = self._inherited(name)
            if inherited is not None:
                return inherited
        return None

    def _inherited(self, name: str) -> tuple[_Fn, int] | None:
        """``Class.method`` (or ``Class`` for its ``__init__``) defined on a base class of the
        project, nearest base first, a few classes deep."""
        if not self.bases:
            return None
        owner, _, method = name.rpartition(".")
        candidates = [(owner, method), (name, "__init__")]
        for cls, attr in candidates:
            if self._class_name(cls) not in self.bases:
                continue  # no project base class to inherit from
            seen: set[str] = set()
            queue = [self._class_name(cls)]
            while queue and len(seen) < MAX_KINDS * 4:
                current = queue.pop(0)
                if current is None or current in seen:
                    continue
                seen.add(current)
                if current != self._class_name(cls):
                    hit = self.fns.get(f"{current}.{attr}")
                    if hit is not None:
                        return hit, 1 if hit.method else 0
                queue += [self._class_name(b) for b in self.bases.get(current, ())]
        return None

    def _class_name(self, name: str | None) -> str | None:
        """The full name of a project class, as the scan names its module."""
        if name is None or name in self.bases or name in self.classes:
            return name
        if name in self.class_names:
            return self.class_names[name]
        self.class_names[name] = found = self._find_class(name)
        return found

    def _find_class(self, name: str) -> str | None:
        parts = name.split(".")
        for n in range(len(parts) - 1, 0, -1):
            modules = self.suffixes.get(".".join(parts[:n]), ())
            if len(modules) == 1:
                full = ".".join([modules[0], *parts[n:]])
                return full if full in self.bases or full in self.classes else None
        return None

    def _through_client(self, path: str, callee: str) -> Sink | None:
        """A call on a client whose type the code does not show (a parameter, an attribute),
        in a file that imports one vendor's SDK: ``client.chat.completions.create(...)`` is
        that vendor's when its ``sinks:`` patterns name the same methods."""
        vendors = self.file_vendors.get(path, {})
        if len(vendors) != 1 or "." not in callee:
            return None
        [(key, imports)] = vendors.items()
        tail = callee.split(".", 1)[1]
        for name in sorted(imports):
            for candidate in (f"{name}.{tail}", f"{name}.Client.{tail}"):
                if self.table.match_pattern(candidate) == key:
                    return Sink(kind="vendor", callee=callee, vendor=key)
        return None

    def sanitised(self, callee: str) -> bool:
        if not self.sanitisers:
            return False
        return callee in self.sanitisers or callee.rsplit(".", 1)[-1] in self.sanitisers

    # ------------------------------------------------------------------ resolution

    def _declared(self, origin: str) -> bool:
        """Whether ``t:MODEL:FIELD`` is a field some declaration calls personal."""
        _, model, name = origin.split(":", 2)
        return (model, name) in self.fields or (model.rsplit(".", 1)[-1], name) in self.fields

    def run(self) -> list[Flow]:
        for full in sorted(self.relevant()):
            self.resolve(full, 0)
        return sorted(self.flows.values(), key=Flow.sort_key)

    def relevant(self) -> set[str]:
        """The functions that can hold a flow: those that read personal data, and those that
        call (through any chain) a function that does. A flow starts at such a read, so the
        rest, resolved only when one of these calls them, cannot add one of their own."""
        by_last: dict[str, list[tuple[str, str]]] = {}
        for full, callees in self.callees.items():
            for callee in callees:
                by_last.setdefault(callee.rsplit(".", 1)[-1], []).append((full, callee))
        # A class's name calls its ``__init__``, and so does the name of a subclass that
        # inherits it: subclasses by the last part of their bases' names, any depth.
        subclasses: dict[str, set[str]] = {}
        for cls, bases in self.bases.items():
            for base in bases:
                subclasses.setdefault(base.rsplit(".", 1)[-1], set()).add(cls.rsplit(".", 1)[-1])
        # Callers by the function they reach, computed once per name called, as needed.
        callers: dict[str, dict[str, list[str]]] = {}
        found = set(self.reading)
        todo = list(self.reading)
        while todo:
            full = todo.pop()
            owner, _, last = full.rpartition(".")
            names = [last]
            if last == "__init__":
                names = [owner.rpartition(".")[2]]
                for name in names:
                    names += sorted(subclasses.get(name, set()) - set(names))
            for name in names:
                group = callers.get(name)
                if group is None:
                    group = callers[name] = {}
                    for caller, callee in by_last.get(name, ()):
                        hit = self.target(callee)
                        if hit is not None:
                            group.setdefault(hit[0].full, []).append(caller)
                for caller in group.get(full, ()):
                    if caller not in found:
                        found.add(caller)
                        todo.append(caller)
        return found

    def resolve(self, full: str, depth: int) -> _Resolved:
        done = self.memo.get(full)
        if done is not None:
            return done
        if full in self.active or depth > MAX_DEPTH:
            self.cut = True
            return _Resolved()
        outer_cut, self.cut = self.cut, False
        self.active.add(full)
        self.work += 1
        try:
            result = self._resolve(self.fns[full], depth)
        finally:
            self.active.discard(full)
        partial, self.cut = self.cut, outer_cut or self.cut
        # A summary computed while a call cycle or the depth bound was cut short misses what
        # lies beyond the cut: it is kept only at the top of the cycle (where nothing lies
        # beyond), or once the work budget is spent, so each function is resolved a bounded
        # number of times.
        if not partial or not self.active or self.work > MAX_WORK:
            self.memo[full] = result
        return result

    def _local(self, f: _Fn, trail: Iterable[LocalStep]) -> Steps:
        return tuple(FlowStep(path=f.path, line=line, what=what) for line, what in trail)

    def _resolve(self, f: _Fn, depth: int) -> _Resolved:
        res = _Resolved()
        for call in f.fn.calls:
            if not call.args:
                continue
            sink = self.table.match(call.callee, call.literal)
            if sink is None:
                for typed in self.retyped(call.callee):
                    sink = self.table.match(typed, call.literal)
                    if sink is not None:
                        break
            if sink is None and call.bound:
                sink = self._through_client(f.path, call.callee)
            where = Location(path=f.path, line=call.line, column=call.column)
            if sink is not None:
                verb = "logged by" if sink.kind in ("log", "stdout") else "sent to"
                last = FlowStep(path=f.path, line=call.line, what=f"{verb} {sink.shown}()")
                for arg in call.args:
                    if arg.slot == "^":
                        continue
                    start = (*self._local(f, arg.trail), last)
                    for root, steps in self.origins(f, arg.origin, start, depth):
                        self._reach(res, root, sink, where, steps)
                continue
            hit = self.target(call.callee)
            if hit is None or hit[0].full == f.full:
                continue
            g, offset = hit
            inner = self.resolve(g.full, depth + 1)
            if not inner.param_sinks:
                continue
            hop = FlowStep(path=f.path, line=call.line, what=f"passed to {_short(g.full)}()")
            for arg in call.args:
                name = _param(g.fn, arg.slot, offset)
                if name is None or name not in inner.param_sinks:
                    continue
                start = (*self._local(f, arg.trail), hop)
                for root, steps in self.origins(f, arg.origin, start, depth):
                    for sink, loc, tail in inner.param_sinks[name]:
                        self._reach(res, root, sink, loc, _join(steps, tail))
        for ret in f.fn.returns:
            for root, steps in self.origins(f, ret.origin, self._local(f, ret.trail), depth):
                bucket, key = (res.src_ret, root) if root[0] in "st" else (res.param_ret, root[2:])
                old = bucket.get(key)
                if old is None or len(steps) < len(old):
                    bucket[key] = steps
        return res

    def _reach(self, res: _Resolved, root: str, sink: Sink, where: Location, steps: Steps) -> None:
        if root.startswith("p:"):
            # The shortest path from the parameter to each sink, whichever order the call
            # graph was resolved in (a cycle walked once more must not win by coming first).
            paths = res.param_sinks.setdefault(root[2:], [])
            for n, (_, there, known) in enumerate(paths):
                if there == where:
                    if len(steps) < len(known):
                        paths[n] = (sink, where, steps)
                    return
            if len(paths) < MAX_SINKS:
                paths.append((sink, where, steps))
            return
        if root[0] == "t":
            # ``t:MODEL:FIELD``: a field of an object whose class the code names; personal
            # when some declaration says so (``name: str  # ropa: user.name`` on that class).
            _, model, name = root.split(":", 2)
            found = self.fields.get((model, name)) or self.fields.get(
                (model.rsplit(".", 1)[-1], name)
            )
            if not found:
                return
            categories: tuple[str, ...] = found
        else:
            _, name, guess = root.split(":", 2)
            categories = self.categories.get(name) or (guess,)
        for category in categories:
            key = (where, category, name)
            old = self.flows.get(key)
            if old is None or len(steps) < len(old.steps):
                self.flows[key] = Flow(
                    category=category, field=name, sink=sink, location=where, steps=steps
                )

    def origins(self, f: _Fn, origin: str, after: Steps, depth: int) -> list[tuple[str, Steps]]:
        """Where a value that ``origin`` gave, then went through ``after``, came from: reads
        of personal data (``s:``) and parameters of ``f`` (``p:``), each with its steps."""
        if origin[0] in "spt":
            return [(origin, _join(after))]
        return [
            (root, _join(steps, after)) for root, steps in self.results(f, int(origin[2:]), depth)
        ]

    def results(self, f: _Fn, call_id: int, depth: int) -> list[tuple[str, Steps]]:
        """The origins of what call ``call_id`` of ``f`` returned, with the steps up to it."""
        key = (f.full, call_id)
        done = self.returned.get(key)
        if done is not None:
            return done
        out: list[tuple[str, Steps]] = []
        call = f.calls.get(call_id)
        if call is None or self.sanitised(call.callee) or depth > MAX_DEPTH:
            self.returned[key] = out
            return out
        hit = self.target(call.callee)
        if hit is not None and hit[0].full != f.full:
            g, offset = hit
            inner = self.resolve(g.full, depth + 1)
            out += sorted(inner.src_ret.items())
            hop = FlowStep(path=f.path, line=call.line, what=f"passed to {_short(g.full)}()")
            if g.full.endswith(".__init__"):
                # An object holds what it was built from (``ChatMessage(content=prompt)``);
                # which of its fields is read decides whether the data comes out again.
                for arg in call.args:
                    start = (*self._local(f, arg.trail), hop)
                    out += self.origins(f, arg.origin, start, depth + 1)
            for arg in call.args:
                name = _param(g.fn, arg.slot, offset)
                back = inner.param_ret.get(name) if name else None
                if back is not None:
                    start = (*self._local(f, arg.trail), hop, *back)
                    out += self.origins(f, arg.origin, start, depth + 1)
        elif self.table.match(call.callee, call.literal) is None:
            # Not the project's own function. A function's result carries what went in
            # (``markdown(text)``); a method's result carries what its object held
            # (``text.normalize()``), not its arguments (``cache.get(key)``); what a sink
            # answers (``requests.post(...)``) is not what was sent.
            for arg in call.args:
                if call.bound and arg.slot != "^":
                    continue
                out += self.origins(f, arg.origin, self._local(f, arg.trail), depth + 1)
        out = _best(out)
        self.returned[key] = out
        return out


_Function = tuple[
    str, bool, tuple[str, ...], list[str], tuple[_Packed, int] | None, FlowFunction | None
]


def _functions(flow: FlowSummary, typed: bool) -> Iterable[_Function]:
    """Each function of a file: name, whether a method, the names it calls, the origins of
    what it passes and returns, and where its summary is (packed, or the decoded one the
    scan kept). Only those few facts are kept from the packed text as it is read.

    From a packed file whose text holds no read of personal data (``"s:``, nor ``"t:`` when
    ``typed``, some field being declared), the origins are left empty: most files."""
    if flow.packed is not None:
        text = flow.packed
        holder = _Packed(text)
        reads = '"s:' in text or (typed and '"t:' in text)
        for index, raw in enumerate(json.loads(text)):
            _, _, method, _, _, calls, returns = raw
            origins = [a[1] for c in calls for a in c[6]] + [a[1] for a in returns] if reads else []
            yield raw[0], method, tuple(c[1] for c in calls), origins, (holder, index), None
        return
    for fn in flow.functions:
        origins = [a.origin for c in fn.calls for a in c.args] + [a.origin for a in fn.returns]
        yield fn.name, fn.method, tuple(c.callee for c in fn.calls), origins, None, fn


def _best(found: list[tuple[str, Steps]]) -> list[tuple[str, Steps]]:
    """The shortest path per origin, at most ``MAX_PATHS`` of them."""
    best: dict[str, Steps] = {}
    for root, steps in found:
        old = best.get(root)
        if old is None or len(steps) < len(old):
            best[root] = steps
    ranked = sorted(best.items(), key=lambda item: (item[0][0] == "p", len(item[1]), item[0]))
    return ranked[:MAX_PATHS]


def _param(fn: FlowFunction, slot: str, offset: int) -> str | None:
    if slot.isdigit():
        index = int(slot) + offset
        return fn.params[index] if index < len(fn.params) else None
    if slot in ("*", "^"):
        return None
    return slot if slot in fn.params else None


def _short(full: str) -> str:
    parts = full.split(".")
    return ".".join(parts[-2:]) if len(parts) > 2 else full


def find_flows(
    scan: ScanResult,
    table: SinkTable,
    sanitisers: Sequence[str] = (),
) -> list[Flow]:
    """Every flow of personal data to a sink in the scanned project, sorted by sink."""
    categories: dict[str, set[str]] = {}
    for f in scan.files:
        for decl in f.fields:
            categories.setdefault(decl.field, set()).update(decl.categories)
    declared = {name: tuple(sorted(c)) for name, c in categories.items()}
    # The summaries of a large project are millions of objects: a cycle collection walking
    # them on every few thousand allocations here would make the join quadratic.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Engine(scan, table, sanitisers, declared).run()
    finally:
        if collecting:
            gc.enable()


def flows_json(flows: Sequence[Flow]) -> bytes:
    """Flows as JSON, for the cache of a project whose files have not changed."""
    return json.dumps(
        [
            [
                f.category,
                f.field,
                [f.sink.kind, f.sink.callee, f.sink.vendor, f.sink.host],
                [f.location.path, f.location.line, f.location.column],
                [[s.path, s.line, s.what] for s in f.steps],
            ]
            for f in flows
        ],
        separators=(",", ":"),
    ).encode()


def flows_from_json(body: bytes) -> list[Flow] | None:
    """What ``flows_json`` wrote (from an authenticated cache file), or None if malformed."""
    try:
        return [
            Flow(
                category=category,
                field=name,
                sink=Sink(kind=kind, callee=callee, vendor=vendor, host=host),
                location=Location(path=path, line=line, column=column),
                steps=tuple(FlowStep(path=p, line=n, what=w) for p, n, w in steps),
            )
            for category, name, (kind, callee, vendor, host), (path, line, column), steps in (
                json.loads(body)
            )
        ]
    except (ValueError, TypeError):
        return None
