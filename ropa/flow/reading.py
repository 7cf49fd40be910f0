"""Expressions: what each value in a function body carries, from the personal data it reads
(``user.email``, ``data["phone"]``), its parameters, and the calls it is made of."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ropa.flow.calls import _Calls
from ropa.flow.scope import MAX_NODES, _Budget
from ropa.flow.taint import Taint, _shown, _step, _union
from ropa.flow.words import (
    _ADDRESS,
    _FULL_NAMES,
    _LOG_CONTEXT,
    _NAME_FIELDS,
    _PAYLOAD,
    _PERSONS,
    _PLACES,
    _last_word,
    _words,
)


class _Reading(_Calls):
    """The expressions of a function body, evaluated as they are met; ``_Function`` walks the
    statements they are in."""

    if TYPE_CHECKING:  # defined by ``_Function``; ``:=`` and comprehensions assign too

        def assign(
            self,
            target: ast.expr,
            value: Taint,
            source: ast.expr,
            line: int,
            *,
            weak: bool = False,
            what: str = "assigned to",
        ) -> None: ...

    def ev(self, node: ast.expr | None) -> Taint:
        # Deep nesting ends in RecursionError, which ``run`` turns into a note.
        if node is None:
            return {}
        mod = self.mod
        mod.nodes += 1
        if mod.nodes > MAX_NODES:
            raise _Budget
        # The commonest nodes first, by exact type (``ast.parse`` makes no subclasses).
        kind = type(node)
        if kind is ast.Constant:
            return {}
        if kind is ast.Name:
            name = node.id  # type: ignore[attr-defined]
            taint = self.env.get(name)
            if taint is not None:
                return taint
            category = mod.personal_name(name)
            if category and name not in mod.imports and name not in mod.defs:
                return {f"s:{name}:{category}": ((node.lineno, f"reads {name}"),)}
            return {}
        if kind is ast.Call:
            return self.call(node)  # type: ignore[arg-type]
        return self._ev(node)

    def _ev(self, node: ast.expr) -> Taint:
        if isinstance(node, ast.Attribute):
            # Field-sensitive: another attribute of an object that holds personal data is not
            # that data (``order.currency`` of an order built from an address), unless the
            # attribute is the object's payload (``message.content`` of a chat message).
            held = self.ev(node.value)
            if self._is_module(node.value):
                return {}
            category = self.mod.personal(node.attr)
            if category:
                if category.startswith(_ADDRESS) and self._person(node.value, _PLACES):
                    # ``location.city``: where a person is, roughly, not where they live.
                    category = "user.location.imprecise"
                shown = _shown(node)
                return {f"s:{node.attr}:{category}": ((node.lineno, f"reads {shown}"),)}
            if node.attr in _FULL_NAMES or (node.attr in _NAME_FIELDS and self._person(node.value)):
                shown = _shown(node)
                return {f"s:{node.attr}:user.name": ((node.lineno, f"reads {shown}"),)}
            if held and node.attr in _PAYLOAD:
                return _step(held, node.lineno, f"reads {_shown(node)}")
            owner = node.value
            if isinstance(owner, ast.Name) and not node.attr.startswith("_"):
                model = self.types.get(owner.id)
                if model and model.rsplit(".", 1)[-1][:1].isupper():
                    # A field of a typed object: personal if its class declares it so.
                    step = (node.lineno, f"reads {owner.id}.{node.attr}")
                    return {f"t:{model}:{node.attr}": (step,)}
            return {}
        if isinstance(node, ast.Subscript):
            base = self.ev(node.value)
            key = node.slice
            self.ev(key)
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                # As for attributes: another named item is not the personal data beside it.
                category = self.mod.personal(key.value)
                if category:
                    shown = f'{_shown(node.value)}["{key.value}"]'
                    return {f"s:{key.value}:{category}": ((node.lineno, f"reads {shown}"),)}
                return {}
            return base
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.JoinedStr):
            out: Taint = {}
            for v in node.values:
                if isinstance(v, ast.FormattedValue):
                    out = _union(out, self.text(v.value))
            return out
        if isinstance(node, ast.BinOp):
            left = self.ev(node.left)
            if (
                isinstance(node.op, ast.Mod)
                and isinstance(node.left, ast.Constant)
                and isinstance(node.left.value, str)
            ):
                items = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
                right: Taint = {}
                for item in items:
                    right = _union(right, self.text(item))
                return _union(left, right)
            return _union(left, self.ev(node.right))
        if isinstance(node, ast.Dict):
            out = {}
            for k, v in zip(node.keys, node.values):
                if k is not None:
                    self.ev(k)
                out = _union(out, self.ev(v))
            return out
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            out = {}
            for elt in node.elts:
                out = _union(out, self.ev(elt))
            return out
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            return self.comprehension(node)
        if isinstance(node, ast.IfExp):
            self.ev(node.test)
            return _union(self.ev(node.body), self.ev(node.orelse))
        if isinstance(node, ast.BoolOp):
            out = {}
            for v in node.values:
                out = _union(out, self.ev(v))
            return out
        if isinstance(node, ast.Compare):
            self.ev(node.left)
            for c in node.comparators:
                self.ev(c)
            return {}
        if isinstance(node, ast.UnaryOp):
            value = self.ev(node.operand)
            return {} if isinstance(node.op, ast.Not) else value
        if isinstance(node, (ast.Await, ast.Starred, ast.FormattedValue)):
            return self.ev(node.value)
        if isinstance(node, (ast.Yield, ast.YieldFrom)):
            value = self.ev(node.value)
            self.returns = _union(self.returns, _step(value, node.lineno, "yielded"))
            return {}
        if isinstance(node, ast.NamedExpr):
            value = self.ev(node.value)
            self.assign(node.target, value, node.value, node.lineno, weak=True)
            return value
        if isinstance(node, ast.Slice):
            self.ev(node.lower)
            self.ev(node.upper)
            return {}
        return {}

    def comprehension(
        self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp
    ) -> Taint:
        saved = dict(self.env)
        self.branch += 1
        try:
            for gen in node.generators:
                items = self.ev(gen.iter)
                self.assign(gen.target, items, gen.iter, node.lineno, what="iterated into")
                for cond in gen.ifs:
                    self.ev(cond)
            if isinstance(node, ast.DictComp):
                return _union(self.ev(node.key), self.ev(node.value))
            return self.ev(node.elt)
        finally:
            self.branch -= 1
            self.env = saved

    def text(self, node: ast.expr) -> Taint:
        """What ``node`` gives when rendered as text: its value, and what the ``__str__`` of
        its type returns when the code shows the type (``f"{user}"``, ``log("%s", card)``)."""
        value = self.ev(node)
        if not isinstance(node, ast.Name) or node.id in _LOG_CONTEXT:
            return value
        kind = self._type_of(node)
        if kind is None or not self._typed(kind):
            return value
        args = [("^", value)] if value else []
        return _union(value, self._pseudo(f"{kind}.__str__", node, args, "rendered as text"))

    def _person(self, node: ast.expr, words: frozenset[str] = _PERSONS) -> bool:
        """Whether an object stands for a person (or what ``words`` name), by its name or its
        class: ``user``, ``request.user``, ``self`` in ``class Contact``, ``card: Contact``."""
        names: list[str] = []
        if isinstance(node, ast.Name):
            if node.id in _LOG_CONTEXT:
                names.append((self.cls or "").rsplit(".", 1)[-1])
            else:
                names.append(node.id)
                names.append(self.types.get(node.id, "").rsplit(".", 1)[-1])
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
        if words is _PERSONS:
            # The last word: ``UserSettings`` is no person.
            return any(_last_word(name) in words for name in names if name)
        return any(words.intersection(_words(name)) for name in names if name)
