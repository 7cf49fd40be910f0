"""Calls: what a call does with the data in its arguments and receiver, whether it is kept in
the function's summary, and what its result carries."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ropa.flow.scope import _Call, _Scope
from ropa.flow.taint import Taint, _short, _shown, _step, _union
from ropa.flow.words import (
    _BUILDING_METHODS,
    _BUILTINS,
    _COUNTS,
    _FULL_NAMES,
    _KEYED_READS,
    _LOG_CONTEXT,
    _MUTATORS,
    _NAME_METHODS,
    _OPAQUE,
    _SANITISING_MODULES,
    _STDLIB,
    _VALUE_METHODS,
    _WRITES,
)


def _host(node: ast.expr, consts: Mapping[str, str]) -> str | None:
    text: str | None = None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            text = first.value
        elif (
            isinstance(first, ast.FormattedValue)
            and isinstance(first.value, ast.Name)
            and first.value.id in consts
        ):
            text = consts[first.value.id]
    elif isinstance(node, ast.Name) and node.id in consts:
        text = consts[node.id]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _host(node.left, consts)
    if not text or "://" not in text:
        return None
    try:
        return urlsplit(text).hostname
    except ValueError:
        return None


class _Calls(_Scope):
    """The calls of a function body, recorded as they are met; ``_Reading`` evaluates the
    expressions their arguments are made of."""

    if TYPE_CHECKING:  # defined by ``_Reading``, which calls and is called by ``call``

        def ev(self, node: ast.expr | None) -> Taint: ...

        def text(self, node: ast.expr) -> Taint: ...

        def _person(self, node: ast.expr) -> bool: ...

    def _pseudo(
        self, callee: str, node: ast.AST, args: list[tuple[str, Taint]], what: str
    ) -> Taint:
        """A call the code makes implicitly (``__str__``) or the type of what a function returns,
        recorded as a call on it; its result is the returned origin."""
        line = getattr(node, "lineno", 0)
        call_id = len(self.calls)
        column = getattr(node, "col_offset", 0) + 1
        self.calls.append(_Call(call_id, callee, line, column, None, args, bound=True))
        return {f"r:{call_id}": ((line, what),)}

    def call(self, node: ast.Call) -> Taint:
        func = node.func
        callee = self.resolve(func) or "?"
        receiver: Taint = {}
        method = ""
        on_module = False
        named = type(func) is ast.Name
        if type(func) is ast.Attribute:
            method = func.attr
            on_module = self._is_module(func.value)
            if not on_module:
                receiver = self.ev(func.value)
        elif not named:
            self.ev(func)
        args: list[tuple[str, Taint]] = []
        tainted = bool(receiver)
        if node.args or node.keywords:
            # Calls that render their arguments as text call ``__str__`` of each; that
            # differs from the value only for a variable (``text``), so it is asked then.
            rendering: bool | None = None
            ev = self.ev
            for i, a in enumerate(node.args):
                kind = type(a)
                if kind is ast.Starred:
                    value = ev(a.value)  # type: ignore[attr-defined]
                    args.append(("*", value))
                    tainted = tainted or bool(value)
                    continue
                if kind is ast.Name:
                    if rendering is None:
                        rendering = self._rendering(func, method, callee)
                    value = self.text(a) if rendering else ev(a)
                else:
                    value = ev(a)
                args.append((_slot(i), value))
                tainted = tainted or bool(value)
            for kw in node.keywords:
                arg = kw.value
                if type(arg) is ast.Name:
                    if rendering is None:
                        rendering = self._rendering(func, method, callee)
                    value = self.text(arg) if rendering else ev(arg)
                else:
                    value = ev(arg)
                args.append((kw.arg or "*", value))
                tainted = tainted or bool(value)
        line = node.lineno
        read: Taint = {}
        if (method in _KEYED_READS or callee == "getattr") and node.args:
            key = node.args[1] if callee == "getattr" and len(node.args) > 1 else node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                category = self.mod.personal(key.value)
                if category:
                    shown = f'{_shown(func)}("{key.value}")'
                    read = {f"s:{key.value}:{category}": ((line, f"reads {shown}"),)}
        if (
            method
            and not read
            and method in _NAME_METHODS
            and not node.args
            and (method in _FULL_NAMES or self._person(func.value))  # type: ignore[attr-defined]
        ):
            read = {f"s:{method}:user.name": ((line, f"reads {_shown(func)}()"),)}
        builtin = (
            named
            and func.id in _BUILTINS  # type: ignore[attr-defined]
            and func.id not in self.env  # type: ignore[attr-defined]
            and func.id not in self.mod.defs  # type: ignore[attr-defined]
            and func.id not in self.mod.imports  # type: ignore[attr-defined]
            and func.id not in self.local_defs  # type: ignore[attr-defined]
        )
        if builtin and not node.args and callee in ("locals", "vars"):
            # ``"{name} <{email}>".format(**locals())``: every variable of the function.
            for value in list(self.env.values()):
                read = _union(read, _step(value, line, "through locals()"))
        name = method or (func.id if named else "")  # type: ignore[attr-defined]
        if not tainted and not read and name[:1].isupper():
            return {}  # an object built from nothing personal (``models.CharField(...)``)
        call_id = len(self.calls)
        everything: Taint = receiver
        if tainted:
            for _, t in args:
                everything = _union(everything, t)
        if (method in _MUTATORS or method in _WRITES) and not on_module:
            # ``items.append(x)`` fills ``items``; ``os.write(fd, x)`` fills no ``os``.
            target = func.value  # type: ignore[attr-defined]
            if isinstance(target, ast.Name) and target.id not in _LOG_CONTEXT and everything:
                added = _step(everything, line, f"added to {target.id}")
                self.env[target.id] = _union(self.env.get(target.id, {}), added)
        opaque = (builtin and func.id in _OPAQUE) or (  # type: ignore[attr-defined]
            callee.startswith(_SANITISING_MODULES)
        )
        local = (
            builtin
            or callee.partition(".")[0] in _STDLIB
            or (method in _VALUE_METHODS and receiver)
            or method in _BUILDING_METHODS
            or method in _MUTATORS
        )
        # A call handled here is kept only when it may write the data out (``print``,
        # ``logging``, ``open().write``): the project pass has nothing else to do with it.
        if tainted and (not (local or opaque) or _builtin_sink(callee)):
            literal = self._literal(node)
            recorded = [*args, *([("^", receiver)] if receiver else [])]
            self.calls.append(_Call(call_id, callee, line, node.col_offset + 1, literal, recorded))
        if opaque:
            return read
        if read or (method in _KEYED_READS and _constant_key(node)):
            return read  # ``data.get("country")``: the item named, not the whole container
        if local:
            if method in _MUTATORS:
                return {}
            what = f"through {_short(callee)}()"
            return _union(_step(everything, line, what), read)
        if not tainted:
            self.calls.append(_Call(call_id, callee, line, node.col_offset + 1, None, []))
        if method and not on_module:
            self.calls[-1].bound = True
        if method in _COUNTS and not on_module:
            return read  # a number or a truth value; the call itself is kept (a sink still is)
        result: Taint = {f"r:{call_id}": ((line, f"returned by {_short(callee)}()"),)}
        return _union(result, read)

    def _rendering(self, func: ast.expr, method: str, callee: str) -> bool:
        return (
            method == "format"
            or (isinstance(func, ast.Name) and func.id in ("str", "format"))
            or _renders(callee)
        )

    def _literal(self, node: ast.Call) -> str | None:
        for kw in node.keywords:
            if kw.arg in ("url", "base_url", "endpoint"):
                return _host(kw.value, self.consts())
            if kw.arg == "model" and isinstance(kw.value, ast.Constant):
                return str(kw.value.value)
        if node.args:
            return _host(node.args[0], self.consts())
        return None


_SLOTS = tuple(str(i) for i in range(64))


def _slot(i: int) -> str:
    """The name of a positional argument's slot in a call's summary."""
    return _SLOTS[i] if i < 64 else str(i)


@lru_cache(maxsize=16384)
def _builtin_sink(callee: str) -> bool:
    """Whether a call of the standard library or a builtin may write data out."""
    from ropa.flow.sinks import SinkTable

    return SinkTable.builtin().match(callee, None) is not None


@lru_cache(maxsize=16384)
def _renders(callee: str) -> bool:
    """Whether a call writes its arguments as text (a log or standard output)."""
    from ropa.flow.sinks import SinkTable

    sink = SinkTable.builtin().match(callee, None)
    return sink is not None and sink.kind in ("log", "stdout")


def _constant_key(node: ast.Call) -> bool:
    return bool(node.args) and isinstance(node.args[0], ast.Constant)
