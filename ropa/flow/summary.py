"""The per-file data-flow pass: where each function's parameters and personal-data reads go.

It reads the ``ast`` tree the scanner already parsed and never runs anything. Every value is
tracked as a set of origins (a read of a field named like personal data, a parameter, or the
result of a call), each with the steps that brought it there. What leaves a function (its
calls' arguments and its return value) is kept, in terms of those origins, as the function's
summary; ``ropa.flow.engine`` joins the summaries of all files. A budget bounds the work on
any file, so generated or hostile code costs at most a fixed amount.
"""

from __future__ import annotations

import ast
import json
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ropa.flow.pack import unpack_function
from ropa.flow.reading import _Reading
from ropa.flow.scope import MAX_NODES, _bind_import, _Budget, _Job, _Module, _prepare, _service
from ropa.flow.taint import Taint, _kind, _short, _step, _union
from ropa.flow.words import _BUILTINS, _LOG_CONTEXT
from ropa.model import FlowSummary

#: Base classes kept per class, under the name ``Class.<bases>``.
MAX_BASES = 8
BASES = "<bases>"


def summarize(
    tree: ast.Module,
    path: str,
    module: str,
    declared: Mapping[str, str] | None = None,
    *,
    packed: bool = False,
) -> FlowSummary:
    """The flow facts of one parsed file; ``declared`` maps field names declared in it to
    their first category. With ``packed``, the functions come as the one string
    ``ropa.flow.pack`` writes (what a worker process sends), never built as objects."""
    is_package = path.endswith("__init__.py")
    package = module if is_package else module.rpartition(".")[0]
    mod = _Module(module=module, package=package, declared=declared or {})
    functions: list[list[Any]] = []
    _prepare(mod, tree.body)
    jobs: deque[_Job] = deque([("<module>", tree, None, {}, {})])
    while jobs and mod.stopped is None:
        name, node, cls, local_defs, outer = jobs.popleft()
        func = _Function(mod, name, node, cls, local_defs, outer)
        functions.append(func.run())
        jobs.extend(func.nested)
    note = None
    if mod.stopped == "budget":
        note = (
            f"data-flow analysis stopped after {MAX_NODES:,} expressions; the rest of the "
            "file is not followed"
        )
    elif mod.stopped == "depth":
        note = "data-flow analysis stopped: the code nests too deeply"
    functions += mod.bases
    functions.sort(key=lambda f: (f[3], f[0]))
    if packed:
        return FlowSummary(
            module=module, note=note, packed=json.dumps(functions, separators=(",", ":"))
        )
    return FlowSummary(
        module=module, functions=tuple(unpack_function(f) for f in functions), note=note
    )


class _Function(_Reading):
    """One function body (or the module body), evaluated once, in statement order."""

    # ------------------------------------------------------------------ running

    def run(self) -> list[Any]:
        """The function's summary, as ``ropa.flow.pack`` writes a ``FlowFunction``."""
        node = self.node
        params: list[str] = []
        method = False
        start = end = 0
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            end = node.end_lineno or node.lineno
            a = node.args
            ordered = [*a.posonlyargs, *a.args]
            params = [p.arg for p in ordered]
            params += [p.arg for p in a.kwonlyargs]
            static = any(
                isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list
            )
            method = self.cls is not None and not static and bool(ordered)
            for i, p in enumerate([*ordered, *a.kwonlyargs]):
                if method and i == 0:
                    continue
                taint: Taint = {f"p:{p.arg}": ((node.lineno, f"parameter {p.arg}"),)}
                self.types.pop(p.arg, None)
                if p.annotation is not None and (model := self._annotated(p.annotation)):
                    self.types[p.arg] = model
                category = self.mod.personal_name(p.arg)
                if category:
                    taint[f"s:{p.arg}:{category}"] = ((node.lineno, f"parameter {p.arg}"),)
                self.env[p.arg] = taint
            for extra in (a.vararg, a.kwarg):
                if extra is not None:
                    params.append(extra.arg)
                    self.env[extra.arg] = {
                        f"p:{extra.arg}": ((node.lineno, f"parameter {extra.arg}"),)
                    }
            body = node.body
        elif isinstance(node, ast.Module):
            body = node.body
        else:
            body = []
        try:
            self.block(body)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns:
                kind = self._annotated(node.returns)
                if kind is not None and self._typed(kind):
                    self.returns = _union(
                        self.returns, self._pseudo(kind, node, [], f"returns a {_short(kind)}")
                    )
        except _Budget:
            self.mod.stopped = "budget"  # what was seen so far is kept
        except RecursionError:
            self.mod.stopped = "depth"
        returns = [["", o, t] for o, t in sorted(self.returns.items())]
        return [self.name, params, method, start, end, list(self._kept_calls()), returns]

    def _kept_calls(self) -> Iterable[list[Any]]:
        """Calls whose arguments carry anything, and the calls whose results those (or the
        return value) carry: the rest cannot matter to any flow."""
        wanted = {c.id for c in self.calls if any(t for _, t in c.args)}
        refs = [o for c in self.calls if c.id in wanted for _, t in c.args for o in t]
        refs += list(self.returns)
        wanted |= {int(o[2:]) for o in refs if o.startswith("r:")}
        for c in self.calls:
            if c.id not in wanted:
                continue
            args = [[slot, o, t] for slot, taint in c.args for o, t in sorted(taint.items())]
            yield [c.id, c.callee, c.line, c.column, c.literal, c.bound, args]

    # ------------------------------------------------------------------ statements

    def block(self, body: Sequence[ast.stmt]) -> None:
        for stmt in body:
            self.stmt(stmt)

    def branchy(self, *bodies: Sequence[ast.stmt]) -> None:
        self.branch += 1
        try:
            for body in bodies:
                self.block(body)
        finally:
            self.branch -= 1

    def stmt(self, node: ast.stmt) -> None:
        if isinstance(node, ast.Expr):
            self.ev(node.value)
        elif isinstance(node, ast.Assign):
            value = self.ev(node.value)
            for target in node.targets:
                self.assign(target, value, node.value, node.lineno)
        elif isinstance(node, ast.AnnAssign):
            if node.value is not None:
                self.assign(node.target, self.ev(node.value), node.value, node.lineno)
            if isinstance(node.target, ast.Name) and (kind := self._annotated(node.annotation)):
                self.types[node.target.id] = kind  # ``user: KhojUser = request.user.object``
        elif isinstance(node, ast.AugAssign):
            value = self.ev(node.value)
            if isinstance(node.target, ast.Name):
                name = node.target.id
                added = _step(value, node.lineno, f"added to {name}")
                self.env[name] = _union(self.env.get(name, {}), added)
            else:
                self.assign(node.target, value, node.value, node.lineno, weak=True)
        elif isinstance(node, ast.Return):
            if node.value is not None:
                value = self.ev(node.value)
                self.returns = _union(self.returns, _step(value, node.lineno, "returned"))
                kind = self._type_of(node.value)
                if kind is not None and not any(o[0] == "r" for o in value):
                    # An object built from nothing personal (``return OpenAI()``): its type is
                    # what a caller's ``client.chat.completions.create(...)`` is a call on.
                    self.returns = _union(
                        self.returns, self._pseudo(kind, node, [], f"returns a {_short(kind)}")
                    )
        elif isinstance(node, (ast.If, ast.While)):
            self.ev(node.test)
            self.branchy(node.body, node.orelse)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            items = self.ev(node.iter)
            self.branch += 1
            try:
                self.assign(node.target, items, node.iter, node.lineno, what="iterated into")
                self.block(node.body)
                self.block(node.orelse)
            finally:
                self.branch -= 1
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                value = self.ev(item.context_expr)
                if item.optional_vars is not None:
                    self.assign(item.optional_vars, value, item.context_expr, node.lineno)
            self.block(node.body)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for d in node.decorator_list:
                self.ev(d)
            if self.name == "<module>":
                qual = node.name
            else:
                qual = f"{self.name}.{node.name}"
                self.local_defs[node.name] = f"{self.mod.module}.{qual}"
            self.nested.append((qual, node, None, dict(self.local_defs), dict(self.types)))
        elif isinstance(node, ast.ClassDef):
            prefix = node.name if self.name == "<module>" else f"{self.name}.{node.name}"
            self._class(node, prefix)
        elif isinstance(node, ast.Try) or type(node).__name__ == "TryStar":
            self.branchy(node.body)  # type: ignore[attr-defined]
            for handler in node.handlers:  # type: ignore[attr-defined]
                self.branchy(handler.body)
            self.branchy(node.orelse, node.finalbody)  # type: ignore[attr-defined]
        elif isinstance(node, ast.Match):
            self.ev(node.subject)
            self.branchy(*(case.body for case in node.cases))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if self.name != "<module>":
                _bind_import(self.mod, node, self.imports)
        elif isinstance(node, ast.Raise):
            if node.exc is not None:
                self.ev(node.exc)
        elif isinstance(node, ast.Delete):
            pass
        elif isinstance(node, ast.Assert):
            self.ev(node.test)

    def _class(self, node: ast.ClassDef, prefix: str) -> None:
        bases = [self.resolve(b) for b in node.bases if isinstance(b, (ast.Name, ast.Attribute))]
        known = tuple(b for b in bases if b and b.split(".", 1)[0] not in _BUILTINS)
        if known:
            # Kept as a function of no body whose calls name the bases: a method the class
            # inherits (``__str__`` of a base) is looked up there (``ropa.flow.engine``).
            line, column = node.lineno, node.col_offset + 1
            calls: list[list[Any]] = [
                [i, b, line, column, None, False, []] for i, b in enumerate(known[:MAX_BASES])
            ]
            self.mod.bases.append([f"{prefix}.{BASES}", [], False, 0, 0, calls, []])
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.nested.append((f"{prefix}.{item.name}", item, prefix, {}, {}))
            elif isinstance(item, ast.ClassDef):
                self._class(item, f"{prefix}.{item.name}")

    def assign(
        self,
        target: ast.expr,
        value: Taint,
        source: ast.expr,
        line: int,
        *,
        weak: bool = False,
        what: str = "assigned to",
    ) -> None:
        if isinstance(target, ast.Name):
            name = target.id
            taint = _step(value, line, f"{what} {name}{_kind(source)}") if value else value
            self._remember_constant(name, source)
            category = self.mod.personal_name(name)
            if category and not _may_hold_data(source):
                category = None
            if category and what == "assigned to":
                taint = _union(taint, {f"s:{name}:{category}": ((line, f"assigned to {name}"),)})
            if isinstance(source, ast.Call):
                callee = self.resolve(source.func)
                if callee:
                    self.types[name] = callee + _service(source)
            elif self.branch == 0:
                self.types.pop(name, None)
            if weak or self.branch:
                self.env[name] = _union(self.env.get(name, {}), taint)
            else:
                self.env[name] = taint
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                self.assign(elt, value, source, line, weak=weak, what=what)
        elif isinstance(target, ast.Starred):
            self.assign(target.value, value, source, line, weak=weak, what=what)
        elif isinstance(target, (ast.Subscript, ast.Attribute)):
            # Storing into a container or an object taints the container, not a field of it.
            base = target.value
            while isinstance(base, (ast.Subscript, ast.Attribute)):
                base = base.value
            if isinstance(target, ast.Subscript):
                self.ev(target.slice)
            if isinstance(base, ast.Name) and base.id not in _LOG_CONTEXT and value:
                name = base.id
                stored = _step(value, line, f"stored in {name}")
                self.env[name] = _union(self.env.get(name, {}), stored)

    def _remember_constant(self, name: str, source: ast.expr) -> None:
        """Keep ``url = "https://..."`` for the calls below it; a name assigned anything else,
        or two different literals in branches, stands for no constant."""
        if isinstance(source, ast.Constant) and isinstance(source.value, str):
            value = source.value
            old = self.local_consts.get(name, value) if self.branch else value
            self.local_consts[name] = value if old == value else None
        elif name in self.local_consts or name in self.mod.consts:
            self.local_consts[name] = None


def _may_hold_data(value: ast.expr) -> bool:
    """Whether a variable assigned ``value`` can be the data its name says: not a container
    built here, nor an object made by a constructor (``email = EmailMessage(...)``)."""
    if isinstance(value, (ast.Dict, ast.List, ast.Tuple, ast.Set, ast.Lambda, ast.Compare)):
        return False
    if isinstance(value, (ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp)):
        return False
    if isinstance(value, ast.Constant):
        # A literal written in the code is the code's, not a person's: Label Studio's
        # ``to_name = 'text'`` names a tag of a labelling config.
        return False
    if isinstance(value, ast.Call):
        func = value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return not name[:1].isupper()
    return True
