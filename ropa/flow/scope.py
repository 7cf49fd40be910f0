"""What names stand for: what a file defines and imports, read once before its functions, and
what each function body's own names, imports and local functions are."""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ropa.flow.taint import Taint
from ropa.flow.words import _BUILTINS, _FIELD_ONLY, _LOG_CONTEXT, _STDLIB, _guess

#: Expression nodes evaluated per file before the pass gives up on the rest of it.
MAX_NODES = 150_000


#: A function body to summarise: its qualified name, node, class, the local functions it
#: sees, and the types of the enclosing function's variables (which a closure reads).
_Job = tuple[str, ast.AST, str | None, dict[str, str], dict[str, str]]


class _Budget(Exception):
    """The file's budget ran out."""


@dataclass(slots=True)
class _Call:
    id: int
    callee: str
    line: int
    column: int
    literal: str | None
    args: list[tuple[str, Taint]]
    bound: bool = False


@dataclass(slots=True)
class _Module:
    """What a file defines and imports, and the pass's running cost."""

    module: str
    package: str
    declared: Mapping[str, str]
    imports: dict[str, str] = field(default_factory=dict)
    defs: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    consts: dict[str, str] = field(default_factory=dict)
    attrs: dict[str, dict[str, str]] = field(default_factory=dict)
    bases: list[list[Any]] = field(default_factory=list)
    """Pseudo-functions ``Class.<bases>``, in the packed form of ``ropa.flow.pack``."""
    nodes: int = 0
    stopped: str | None = None
    """Why the pass stopped early: ``budget`` or ``depth``."""

    def personal(self, name: str) -> str | None:
        """The category a field (attribute, key) of this name holds, or None."""
        return self.declared.get(name) or _guess(name)

    def personal_name(self, name: str) -> str | None:
        """The category a variable or parameter of this name holds, or None."""
        found = self.personal(name)
        return None if found in _FIELD_ONLY and name not in self.declared else found


def _prepare(mod: _Module, body: Sequence[ast.stmt]) -> None:
    """Module-level names: imports, definitions, typed globals, string constants and the
    attributes classes set in their methods (``self.client = OpenAI()``)."""
    flat: list[ast.stmt] = []
    stack: list[ast.stmt] = list(reversed(body))
    while stack:
        node = stack.pop()
        flat.append(node)
        if isinstance(node, (ast.If, ast.Try)):
            inner = [*node.body, *node.orelse]
            if isinstance(node, ast.Try):
                inner += [s for h in node.handlers for s in h.body]
            stack.extend(reversed(inner))
    for node in flat:  # names first: a typed global may use any import of the module
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            _bind_import(mod, node, mod.imports)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            mod.defs[node.name] = f"{mod.module}.{node.name}"
    for node in flat:
        if isinstance(node, ast.ClassDef):
            _class_attrs(mod, node, node.name)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    mod.consts[target.id] = node.value.value
                elif isinstance(node.value, ast.Call):
                    callee = _dotted_static(mod, node.value)
                    if callee:
                        mod.types[target.id] = callee


def _class_attrs(mod: _Module, cls: ast.ClassDef, qual: str) -> None:
    found = mod.attrs.setdefault(qual, {})
    for item in cls.body:
        if isinstance(item, ast.ClassDef):
            _class_attrs(mod, item, f"{qual}.{item.name}")
        elif isinstance(item, (ast.Assign, ast.AnnAssign)) and isinstance(item.value, ast.Call):
            targets = item.targets if isinstance(item, ast.Assign) else [item.target]
            for t in targets:
                if isinstance(t, ast.Name) and (callee := _dotted_static(mod, item.value)):
                    found[t.id] = callee
        elif isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for stmt in item.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and isinstance(stmt.value, ast.Call)
                    and len(stmt.targets) == 1
                    and isinstance(t := stmt.targets[0], ast.Attribute)
                    and isinstance(t.value, ast.Name)
                    and t.value.id == "self"
                    and (callee := _dotted_static(mod, stmt.value))
                ):
                    found[t.attr] = callee


def _bind_import(mod: _Module, node: ast.Import | ast.ImportFrom, into: dict[str, str]) -> None:
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                into[alias.asname] = alias.name
            else:
                top = alias.name.split(".")[0]
                into[top] = top
        return
    base = node.module or ""
    if node.level:
        parts = mod.package.split(".") if mod.package else []
        if node.level > 1:
            parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join([*parts, *([base] if base else [])])
    for alias in node.names:
        if alias.name != "*":
            into[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name


def _dotted_static(mod: _Module, call: ast.Call) -> str | None:
    """The constructor a module-level ``x = Ctor(...)`` calls, resolved through imports."""
    parts: list[str] = []
    node: ast.expr = call.func
    while isinstance(node, (ast.Attribute, ast.Call)):
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        else:
            node = node.func
    if not isinstance(node, ast.Name):
        return None
    head = mod.imports.get(node.id) or mod.types.get(node.id) or mod.defs.get(node.id) or node.id
    text = ".".join([head, *reversed(parts)])
    return text + _service(call)


def _service(call: ast.Call) -> str:
    """``boto3.client("sqs")`` names its service: it decides the recipient."""
    func = call.func
    if (
        isinstance(func, ast.Attribute)
        and func.attr in ("client", "resource")
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
        and call.args[0].value.isidentifier()
    ):
        return f".{call.args[0].value}"
    return ""


class _Scope:
    """A function body's names: what its variables carry and their types, its own imports and
    local functions, and the calls it made; ``_Function`` evaluates the body."""

    def __init__(
        self,
        mod: _Module,
        name: str,
        node: ast.AST,
        cls: str | None,
        local_defs: dict[str, str],
        outer: Mapping[str, str] | None = None,
    ) -> None:
        self.mod = mod
        self.name = name
        self.node = node
        self.cls = cls
        self.local_defs = dict(local_defs)
        self.env: dict[str, Taint] = {}
        self.types: dict[str, str] = dict(outer or {})
        self.imports: dict[str, str] = {}
        self.calls: list[_Call] = []
        self.returns: Taint = {}
        self.nested: list[_Job] = []
        self.branch = 0
        # Variables of this body assigned a string literal (``url = "https://..."``), or None
        # where one may hold another value; they hide the module's constants of that name.
        self.local_consts: dict[str, str | None] = {}

    def consts(self) -> Mapping[str, str]:
        """The string constants a name may stand for here: the module's, then the body's."""
        if not self.local_consts:
            return self.mod.consts
        merged = dict(self.mod.consts)
        for name, value in self.local_consts.items():
            if value is None:
                merged.pop(name, None)
            else:
                merged[name] = value
        return merged

    def _type_of(self, node: ast.expr) -> str | None:
        """The class (or the call that made it) a value stands for, when the code shows it."""
        if isinstance(node, ast.Name):
            if node.id in self.types:
                return self.types[node.id]
            return None if node.id in self.env else self.mod.types.get(node.id)
        if isinstance(node, ast.Call):
            callee = self.resolve(node.func)
            return callee + _service(node) if callee else None
        return None

    def _typed(self, kind: str) -> bool:
        """Whether a type may be the project's or a vendor's: not a builtin or the stdlib's."""
        head = kind.split(".", 1)[0]
        return "." in kind and head not in _STDLIB and head not in _BUILTINS and head != "?"

    def _annotated(self, node: ast.expr) -> str | None:
        """The class an annotation names (``Customer``, ``Optional[Customer]``, ``Customer |
        None``, ``"Customer"``), resolved through imports."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            name = node.value.strip()
            if not name.isidentifier():
                head = name.split("|", 1)[0].strip()
                dotted = head.replace(".", "")
                if not dotted.isidentifier() or len(name) > 200:
                    return None
                parts = head.split(".")
                node = ast.Name(id=parts[0])
                for part in parts[1:]:
                    node = ast.Attribute(value=node, attr=part)
            else:
                node = ast.Name(id=name)
        if isinstance(node, ast.BinOp):
            node = node.left
        elif isinstance(node, ast.Subscript):
            node = node.slice
            if isinstance(node, ast.Tuple) and node.elts:
                node = node.elts[0]  # ``Union[OpenAI, AzureOpenAI]``
        if not isinstance(node, (ast.Name, ast.Attribute)):
            return None
        resolved = self.resolve(node)
        return resolved if resolved and resolved.rsplit(".", 1)[-1][:1].isupper() else None

    def _is_module(self, node: ast.expr) -> bool:
        """Whether ``node`` names an imported module or a class, not a value (``settings``)."""
        if not isinstance(node, ast.Name) or node.id in self.env:
            return False
        return node.id in self.imports or node.id in self.mod.imports or node.id in self.mod.defs

    def resolve(self, node: ast.expr) -> str | None:
        """The dotted name a callee stands for: imports, known types and ``self`` resolved."""
        parts: list[str] = []
        kind = type(node)
        while kind is not ast.Name:
            if kind is ast.Attribute:
                parts.append(node.attr)  # type: ignore[attr-defined]
                node = node.value  # type: ignore[attr-defined]
            elif kind is ast.Call:
                service = _service(node)  # type: ignore[arg-type]
                if service:
                    parts.append(service[1:])
                node = node.func  # type: ignore[attr-defined]
            elif kind is ast.Subscript:
                node = node.value  # type: ignore[attr-defined]
            else:
                return ".".join(["?", *reversed(parts)]) if parts else None
            kind = type(node)
        rest = parts[::-1]
        base = node.id  # type: ignore[attr-defined]
        mod = self.mod
        if base in self.types:
            head = self.types[base]
        elif base in self.env:
            head = base
        elif base in _LOG_CONTEXT and self.cls is not None:
            attrs = mod.attrs.get(self.cls, {})
            if rest and rest[0] in attrs:
                head = attrs[rest[0]]
                rest = rest[1:]
            else:
                head = f"{mod.module}.{self.cls}"
        elif base in self.local_defs:
            head = self.local_defs[base]
        elif base in self.imports:
            head = self.imports[base]
        elif base in mod.imports:
            head = mod.imports[base]
        elif base in mod.types:
            head = mod.types[base]
        elif base in mod.defs:
            head = mod.defs[base]
        else:
            head = base
        return ".".join([head, *rest])
