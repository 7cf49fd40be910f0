"""Reads one Python file with libcst and records every marker it declares, never running it."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from ropa.checks import diag
from ropa.literal import MARKERS, MarkerCall, parse_call
from ropa.model import (
    ActivityDecl,
    Diagnostic,
    FieldDecl,
    FileScan,
    ImportRef,
    Location,
    ProcessorDecl,
    Suppression,
)
from ropa.scanner import parse_python

MARKER_COMMENT = re.compile(rb"#[ \t]*ropa:")
_COMMENT_BODY = re.compile(r"^#\s*ropa:\s*(.*?)\s*$", re.S)
_KEYS = re.compile(r"^[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*$")
# An ignore may carry its reason: "ignore[ROPA201] (a business address)" or "ignore -- why".
_IGNORE = re.compile(r"^ignore(?:\[\s*([A-Z0-9_,\s]*)\])?(?:\s+[(#-].*)?$", re.S)
_CALL = re.compile(r"^(personal_data|processing|processor)\s*\(")
#: A marker written after another comment on the same line: ``# type: ignore  # ropa: ignore``.
_LATER_MARKER = re.compile(r"\s(#\s*ropa:)")
#: A note after field keys: ``# ropa: user.contact.email  # the login address``.
_TRAILING_NOTE = re.compile(r"\s+#.*$", re.S)
_MAX_CONTINUATION = 60
#: Line breaks as libcst and Python's tokenizer count them.
_NEWLINE = re.compile(r"\r\n?|\n")
#: A comment, or a string literal skipped whole so a ``#`` inside it is not taken for one.
#: Exact for Python up to 3.11, where an f-string is one token; see ``_comments``.
_COMMENT_OR_STRING = re.compile(
    "|".join(
        (
            r"(\#[^\r\n]*)",
            r'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""',
            r"'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''",
            r'"[^"\\\r\n]*(?:\\(?:\r\n|.)[^"\\\r\n]*)*"',
            r"'[^'\\\r\n]*(?:\\(?:\r\n|.)[^'\\\r\n]*)*'",
        )
    ),
    re.S,
)


@dataclass(slots=True)
class _Stmt:
    """A statement that a marker can attach to."""

    kind: str  # "assign", "def", "class", "other"
    start: int  # first line, decorators included
    header: int  # line of the def/class keyword or the statement start
    end: int
    owner: str  # qualified name of the def/class, or of the enclosing class for assigns
    targets: tuple[tuple[str, int, int], ...] = ()  # assigned names with line/column
    in_class: str | None = None


@dataclass(slots=True)
class _Comment:
    line: int
    column: int
    text: str
    own_line: bool


@dataclass(slots=True)
class _Marker:
    call: MarkerCall
    location: Location
    owner: str | None  # qualified name of the def/class/assignment, None for the module
    owner_kind: str  # "def", "class", "assign", "module"
    owner_line: int | None  # header line of the def/class it is declared on
    unread: tuple[tuple[str, int, int], ...] = ()  # keywords given but unreadable, and where


@dataclass(frozen=True, slots=True)
class _Decorator:
    """A decorator of a def or class, with the places a marker's diagnostics point at."""

    node: cst.Decorator
    at: Location
    """The ``@``: where a marker as a whole is reported."""
    expr: Location
    """The first character of the decorator's expression, where the call's text begins."""
    end: Location
    """Just after the expression's last character."""
    owner: str
    kind: str
    header: int


@dataclass(frozen=True, slots=True)
class _CallText:
    """A marker call's text and where each of its lines begins in the file.

    A decorator's text is the file's own; a comment call's lines are the comments' text
    after ``# ropa:`` and after the ``#`` of each continuation line.
    """

    code: str
    starts: tuple[tuple[int, int], ...]
    """Per line of ``code``: its file line and the 0-based file column of its first character."""

    @classmethod
    def of(cls, code: str, starts: Sequence[tuple[int, int]]) -> _CallText:
        lines = _NEWLINE.split(code)
        starts = list(starts)
        # Parsed without leading blank lines and indentation, which ``eval`` mode refuses.
        while len(lines) > 1 and not lines[0].strip():
            lines.pop(0)
            starts.pop(0)
        lead = len(lines[0]) - len(lines[0].lstrip())
        lines[0] = lines[0][lead:]
        line, column = starts[0]
        starts[0] = (line, column + lead)
        return cls(code="\n".join(lines), starts=tuple(starts))

    def locate(self, path: str, line: int | None, offset: int | None) -> Location | None:
        """The file position of ``ast``'s (line, UTF-8 byte offset) in the code, if known."""
        if line is None or offset is None or not 1 <= line <= len(self.starts):
            return None
        text = self.code.split("\n")[line - 1]
        column = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "replace"))
        file_line, start = self.starts[line - 1]
        return Location(path=path, line=file_line, column=start + column + 1)


@dataclass(slots=True)
class _Facts:
    """What the collector needs to know about a module, in source order, with positions."""

    path: str
    marker_modules: tuple[str, ...]
    imports: list[ImportRef] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    star_markers: bool = False
    stmts: list[_Stmt] = field(default_factory=list)
    comments: list[_Comment] = field(default_factory=list)
    decorators: list[_Decorator] = field(default_factory=list)
    scope: list[tuple[str, str]] = field(default_factory=list)

    def qual(self, name: str) -> str:
        return ".".join([*(n for n, _ in self.scope), name])

    def in_class(self) -> str | None:
        if self.scope and self.scope[-1][1] == "class":
            return ".".join(n for n, _ in self.scope)
        return None

    def method_of(self) -> str | None:
        """The class whose method's body is being read, for ``self.x = ...`` fields."""
        if len(self.scope) >= 2 and self.scope[-1][1] == "def" and self.scope[-2][1] == "class":
            return ".".join(n for n, _ in self.scope[:-1])
        return None

    # Imports: aliases for marker resolution, and module names for vendor detection.
    def add_import(self, node: cst.Import, location: Location) -> None:
        for alias in node.names:
            dotted = _dotted(alias.name)
            if not dotted:
                continue
            self.imports.append(ImportRef(module=dotted, location=location))
            if alias.asname and isinstance(alias.asname.name, cst.Name):
                self.aliases[alias.asname.name.value] = dotted
            else:
                head = dotted.split(".")[0]
                self.aliases.setdefault(head, head)

    def add_import_from(self, node: cst.ImportFrom, location: Location) -> None:
        if node.relative or node.module is None:
            return
        module = _dotted(node.module)
        if not module:
            return
        self.imports.append(ImportRef(module=module, location=location))
        if isinstance(node.names, cst.ImportStar):
            if self.is_marker_module(module):
                self.star_markers = True
            return
        for alias in node.names:
            name = _dotted(alias.name)
            if not name:
                continue
            # The name may be a submodule that reveals a vendor (``from google import genai``).
            self.imports.append(ImportRef(module=f"{module}.{name}", location=location))
            local = (
                alias.asname.name.value
                if alias.asname and isinstance(alias.asname.name, cst.Name)
                else name
            )
            self.aliases[local] = f"{module}.{name}"

    def is_marker_module(self, module: str) -> bool:
        return module in ("ropa", "ropa.markers", *self.marker_modules)

    def resolve_marker(self, expr: cst.BaseExpression) -> str | None:
        """The marker name a decorator expression refers to, through the imports."""
        dotted = _dotted(expr)
        if not dotted:
            return None
        head, _, rest = dotted.partition(".")
        if head in self.aliases:
            full = f"{self.aliases[head]}.{rest}" if rest else self.aliases[head]
        elif self.star_markers and not rest:
            full = f"ropa.{head}"
        else:
            return None
        module, _, name = full.rpartition(".")
        if name in MARKERS and self.is_marker_module(module):
            return name
        return None


class _Exact(cst.CSTVisitor):
    """Facts with libcst's ``PositionProvider``: the reference the fast route must agree with.

    Resolving positions for a whole module costs about twice its parse, so this route only
    runs where the fast one cannot (no ``ast`` tree: syntax newer than this Python) and in
    the tests that compare the two.
    """

    def __init__(self, module: cst.Module, facts: _Facts) -> None:
        super().__init__()
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        self.positions = wrapper.resolve(PositionProvider)
        self.facts = facts
        wrapper.module.visit(self)

    def _range(self, node: cst.CSTNode) -> CodeRange:
        result: CodeRange = self.positions[node]
        return result

    def _loc(self, node: cst.CSTNode) -> Location:
        start = self._range(node).start
        return Location(path=self.facts.path, line=start.line, column=start.column + 1)

    def _end(self, node: cst.CSTNode) -> Location:
        end = self._range(node).end
        return Location(path=self.facts.path, line=end.line, column=end.column + 1)

    def visit_Import(self, node: cst.Import) -> None:
        self.facts.add_import(node, self._loc(node))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.facts.add_import_from(node, self._loc(node))

    def _def(self, node: cst.FunctionDef | cst.ClassDef, kind: str) -> None:
        facts = self.facts
        rng = self._range(node)
        start = min([rng.start.line, *(self._range(d).start.line for d in node.decorators)])
        qual = facts.qual(node.name.value)
        facts.stmts.append(
            _Stmt(
                kind=kind,
                start=start,
                header=rng.start.line,
                end=rng.end.line,
                owner=qual,
                in_class=facts.in_class(),
            )
        )
        for decorator in node.decorators:
            facts.decorators.append(
                _Decorator(
                    node=decorator,
                    at=self._loc(decorator),
                    expr=self._loc(decorator.decorator),
                    end=self._end(decorator.decorator),
                    owner=qual,
                    kind=kind,
                    header=rng.start.line,
                )
            )
        facts.scope.append((node.name.value, kind))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._def(node, "def")

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.facts.scope.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._def(node, "class")

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.facts.scope.pop()

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        rng = self._range(node)
        targets: list[tuple[str, int, int]] = []
        for small in node.body:
            exprs: Sequence[cst.BaseExpression] = ()
            if isinstance(small, cst.Assign):
                exprs = [t.target for t in small.targets]
            elif isinstance(small, cst.AnnAssign):
                exprs = [small.target]
            for expr in exprs:
                for name_node in _target_names(expr):
                    pos = self._range(name_node).start
                    targets.append((_dotted(name_node) or "", pos.line, pos.column + 1))
        self.facts.stmts.append(_simple_stmt(self.facts, rng.start.line, rng.end.line, targets))

    def visit_Comment(self, node: cst.Comment) -> None:
        if "ropa:" not in node.value:
            return
        pos = self._range(node).start
        self.facts.comments.append(
            _Comment(line=pos.line, column=pos.column + 1, text=node.value, own_line=False)
        )


def _simple_stmt(facts: _Facts, start: int, end: int, targets: list[tuple[str, int, int]]) -> _Stmt:
    first = targets[0][0] if targets else ""
    in_class = facts.in_class()
    if in_class is None and targets and all(t[0].startswith("self.") for t in targets):
        in_class = facts.method_of()  # `self.email = email` in a method sets a field
    return _Stmt(
        kind="assign" if targets else "other",
        start=start,
        header=start,
        end=end,
        owner=facts.qual(first) if first else "",
        targets=tuple(targets),
        in_class=in_class,
    )


class _Mismatch(Exception):
    """The fast route met something it does not reproduce exactly; use the exact one."""


_SMALL = {
    cst.Assign: ast.Assign,
    cst.AnnAssign: ast.AnnAssign,
    cst.AugAssign: ast.AugAssign,
    cst.Expr: ast.Expr,
    cst.Import: ast.Import,
    cst.ImportFrom: ast.ImportFrom,
    cst.Pass: ast.Pass,
    cst.Return: ast.Return,
    cst.Raise: ast.Raise,
    cst.Break: ast.Break,
    cst.Continue: ast.Continue,
    cst.Global: ast.Global,
    cst.Nonlocal: ast.Nonlocal,
    cst.Assert: ast.Assert,
    cst.Del: ast.Delete,
}


class _Fast:
    """Facts from libcst's statements paired with the ``ast`` tree of the same source.

    libcst decides the structure (which statements, decorators, targets and imports there
    are); ``ast``, which the scanner has parsed anyway, gives their lines and columns. Only
    statements are walked, never expressions, and comments are found by a scan of the text,
    so the cost is a small fraction of resolving libcst's ``PositionProvider``. Any pairing
    that does not line up raises ``_Mismatch``.
    """

    def __init__(self, module: cst.Module, tree: ast.Module, facts: _Facts, text: str) -> None:
        self.facts = facts
        self.text = text
        self.ascii = self.text.isascii()
        self.starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        self._body(module.body, tree.body)
        facts.comments.extend(_comments(self.text, self.starts))

    def _column(self, line: int, offset: int) -> int:
        """0-based character column of a UTF-8 byte offset into line ``line``."""
        if self.ascii:
            return offset
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        text = self.text[start:end]
        if text.isascii():
            return offset
        return len(text.encode("utf-8")[:offset].decode("utf-8", "replace"))

    def _loc(self, node: ast.stmt | ast.expr) -> Location:
        column = self._column(node.lineno, node.col_offset)
        return Location(path=self.facts.path, line=node.lineno, column=column + 1)

    def _end(self, node: ast.expr) -> Location:
        if node.end_lineno is None or node.end_col_offset is None:
            raise _Mismatch
        column = self._column(node.end_lineno, node.end_col_offset)
        return Location(path=self.facts.path, line=node.end_lineno, column=column + 1)

    def _body(self, body: Sequence[cst.BaseStatement], nodes: Sequence[ast.stmt]) -> None:
        i = 0
        for stmt in body:
            if isinstance(stmt, cst.SimpleStatementLine):
                smalls = nodes[i : i + len(stmt.body)]
                i += len(stmt.body)
                self._line(stmt, smalls)
            elif i < len(nodes):
                self._compound(stmt, nodes[i])
                i += 1
            else:
                raise _Mismatch
        if i != len(nodes):
            raise _Mismatch

    def _smalls(
        self, smalls: Sequence[cst.BaseSmallStatement], nodes: Sequence[ast.stmt]
    ) -> list[tuple[str, int, int]]:
        if len(smalls) != len(nodes):
            raise _Mismatch
        targets: list[tuple[str, int, int]] = []
        for small, node in zip(smalls, nodes):
            expected = _SMALL.get(type(small), ())
            if not isinstance(node, expected) and (expected or isinstance(node, _COMPOUND)):
                raise _Mismatch
            if isinstance(small, cst.Import):
                self.facts.add_import(small, self._loc(node))
            elif isinstance(small, cst.ImportFrom):
                self.facts.add_import_from(small, self._loc(node))
            elif isinstance(small, cst.Assign):
                assert isinstance(node, ast.Assign)
                if len(small.targets) != len(node.targets):
                    raise _Mismatch
                for target, expr in zip(small.targets, node.targets):
                    targets.extend(self._targets(target.target, expr))
            elif isinstance(small, cst.AnnAssign):
                assert isinstance(node, ast.AnnAssign)
                targets.extend(self._targets(small.target, node.target))
        return targets

    def _line(self, stmt: cst.SimpleStatementLine, nodes: Sequence[ast.stmt]) -> None:
        targets = self._smalls(stmt.body, nodes)
        start, end = nodes[0].lineno, nodes[-1].end_lineno
        if end is None:
            raise _Mismatch
        self.facts.stmts.append(_simple_stmt(self.facts, start, end, targets))

    def _targets(
        self, target: cst.BaseExpression, node: ast.expr
    ) -> Iterator[tuple[str, int, int]]:
        if isinstance(target, (cst.Name, cst.Attribute)):
            # libcst counts a target's own parentheses into its position, ast does not.
            if target.lpar or not isinstance(node, (ast.Name, ast.Attribute)):
                raise _Mismatch
            loc = self._loc(node)
            yield (_dotted(target) or "", loc.line, loc.column)
        elif isinstance(target, (cst.Tuple, cst.List)):
            if not isinstance(node, (ast.Tuple, ast.List)) or len(node.elts) != len(
                target.elements
            ):
                raise _Mismatch
            for element, elt in zip(target.elements, node.elts):
                if isinstance(elt, ast.Starred):
                    elt = elt.value
                yield from self._targets(element.value, elt)

    def _block(self, suite: cst.BaseSuite, nodes: Sequence[ast.stmt]) -> None:
        if isinstance(suite, cst.IndentedBlock):
            self._body(suite.body, nodes)
        else:
            # `if x: a = 1` is one line of its compound statement, not a statement of its own.
            assert isinstance(suite, cst.SimpleStatementSuite)
            self._smalls(suite.body, nodes)

    def _else(self, orelse: cst.Else | None, nodes: Sequence[ast.stmt]) -> None:
        if orelse is None:
            if nodes:
                raise _Mismatch
            return
        self._block(orelse.body, nodes)

    def _compound(self, stmt: cst.BaseStatement, node: ast.stmt) -> None:
        if isinstance(stmt, cst.FunctionDef):
            is_async = isinstance(node, ast.AsyncFunctionDef)
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or is_async != (
                stmt.asynchronous is not None
            ):
                raise _Mismatch
            self._def(stmt, node, "def")
        elif isinstance(stmt, cst.ClassDef):
            if not isinstance(node, ast.ClassDef):
                raise _Mismatch
            self._def(stmt, node, "class")
        elif isinstance(stmt, cst.If):
            if not isinstance(node, ast.If):
                raise _Mismatch
            self._block(stmt.body, node.body)
            if isinstance(stmt.orelse, cst.If):
                if len(node.orelse) != 1:
                    raise _Mismatch
                self._compound(stmt.orelse, node.orelse[0])
            else:
                self._else(stmt.orelse, node.orelse)
        elif isinstance(stmt, (cst.For, cst.While)):
            if not isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
                raise _Mismatch
            self._block(stmt.body, node.body)
            self._else(stmt.orelse, node.orelse)
        elif isinstance(stmt, cst.With):
            if not isinstance(node, (ast.With, ast.AsyncWith)):
                raise _Mismatch
            self._block(stmt.body, node.body)
        elif isinstance(stmt, (cst.Try, cst.TryStar)):
            if not isinstance(node, _TRY) or len(stmt.handlers) != len(node.handlers):
                raise _Mismatch
            self._block(stmt.body, node.body)
            handlers: Sequence[cst.ExceptHandler | cst.ExceptStarHandler] = stmt.handlers
            for handler, ast_handler in zip(handlers, node.handlers):
                self._block(handler.body, ast_handler.body)
            self._else(stmt.orelse, node.orelse)
            if stmt.finalbody is None:
                if node.finalbody:
                    raise _Mismatch
            else:
                self._block(stmt.finalbody.body, node.finalbody)
        elif isinstance(stmt, cst.Match):
            if not isinstance(node, ast.Match) or len(stmt.cases) != len(node.cases):
                raise _Mismatch
            for case, ast_case in zip(stmt.cases, node.cases):
                self._block(case.body, ast_case.body)
        else:
            raise _Mismatch

    def _def(
        self,
        stmt: cst.FunctionDef | cst.ClassDef,
        node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
        kind: str,
    ) -> None:
        facts = self.facts
        if len(stmt.decorators) != len(node.decorator_list) or node.end_lineno is None:
            raise _Mismatch
        qual = facts.qual(stmt.name.value)
        located = [self._at(d, e) for d, e in zip(stmt.decorators, node.decorator_list)]
        exprs = [(self._loc(e), self._end(e)) for e in node.decorator_list]
        facts.stmts.append(
            _Stmt(
                kind=kind,
                start=min([node.lineno, *(loc.line for loc in located)]),
                header=node.lineno,
                end=node.end_lineno,
                owner=qual,
                in_class=facts.in_class(),
            )
        )
        for decorator, at, expr in zip(stmt.decorators, located, exprs):
            facts.decorators.append(
                _Decorator(
                    node=decorator,
                    at=at,
                    expr=expr[0],
                    end=expr[1],
                    owner=qual,
                    kind=kind,
                    header=node.lineno,
                )
            )
        facts.scope.append((stmt.name.value, kind))
        self._block(stmt.body, node.body)
        facts.scope.pop()

    def _at(self, decorator: cst.Decorator, expr: ast.expr) -> Location:
        """Where the decorator's ``@`` is: just before its expression, on the same line."""
        gap = decorator.whitespace_after_at.value
        if "\\" in gap or getattr(decorator.decorator, "lpar", None):
            raise _Mismatch
        loc = self._loc(expr)
        column = loc.column - len(gap) - 1
        if column < 1 or self.text[self.starts[loc.line - 1] + column - 1] != "@":
            raise _Mismatch
        return Location(path=loc.path, line=loc.line, column=column)


_COMPOUND = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.With,
    ast.AsyncWith,
    ast.Try,
    ast.Match,
    *((ast.TryStar,) if sys.version_info >= (3, 11) else ()),
)
_TRY = (ast.Try, *((ast.TryStar,) if sys.version_info >= (3, 11) else ()))


def _comments(text: str, starts: list[int]) -> Iterator[_Comment]:
    """The comments that mention ``ropa:``, in source order, with libcst's positions."""
    if "ropa:" not in text:
        return
    if sys.version_info >= (3, 12):
        # f-strings may nest quotes and hold comments (PEP 701): ask Python's tokenizer.
        yield from _tokenized_comments(text)
        return
    from bisect import bisect_right

    for match in _COMMENT_OR_STRING.finditer(text):
        value = match.group(1)
        if value is None or "ropa:" not in value:
            continue
        line = bisect_right(starts, match.start())
        yield _Comment(
            line=line, column=match.start() - starts[line - 1] + 1, text=value, own_line=False
        )


def _tokenized_comments(text: str) -> Iterator[_Comment]:
    import io
    import tokenize

    normalized = _NEWLINE.sub("\n", text)
    for token in tokenize.generate_tokens(io.StringIO(normalized).readline):
        if token.type == tokenize.COMMENT and "ropa:" in token.string:
            line, column = token.start
            yield _Comment(line=line, column=column + 1, text=token.string, own_line=False)


def _target_names(expr: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    if isinstance(expr, (cst.Name, cst.Attribute)):
        yield expr
    elif isinstance(expr, (cst.Tuple, cst.List)):
        for element in expr.elements:
            yield from _target_names(element.value)


def _dotted(expr: cst.BaseExpression | cst.CSTNode) -> str | None:
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        head = _dotted(expr.value)
        return f"{head}.{expr.attr.value}" if head else None
    return None


def module_name(path: str) -> str:
    """``shop/accounts/models.py`` -> ``shop.accounts.models``."""
    parts = path.removesuffix(".py").removesuffix(".pyi").split("/")
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def read_problem(source: bytes) -> str | None:
    """Why a file cannot be parsed before trying, or None."""
    if b"\0" in source:
        return "file contains NUL bytes"
    return None


def collect_source(
    path: str,
    source: bytes,
    *,
    marker_modules: tuple[str, ...] = (),
    tree: ast.Module | None = None,
    exact_positions: bool = False,
) -> FileScan:
    """Parse ``source`` with libcst and collect its markers, imports and suppressions.

    ``tree`` is the ``ast`` parse of the same bytes when the caller has one (the scanner
    does); positions are read from it. ``exact_positions`` resolves them with libcst's
    ``PositionProvider`` instead: slower, and what the fast route is tested against.
    """
    problem = read_problem(source)
    if problem:
        return FileScan(path=path, diagnostics=(_unreadable(path, problem),))
    try:
        module = cst.parse_module(source)
    except cst.ParserSyntaxError as exc:
        return FileScan(
            path=path,
            diagnostics=(
                diag(
                    "ROPA001",
                    f"cannot parse: {exc.message}",
                    Location(path=path, line=exc.raw_line, column=exc.raw_column + 1),
                ),
            ),
        )
    except (UnicodeDecodeError, LookupError, SyntaxError) as exc:
        return FileScan(path=path, diagnostics=(_unreadable(path, f"cannot decode: {exc}"),))
    except RecursionError:
        return FileScan(path=path, diagnostics=(_unreadable(path, "nested too deeply"),))
    try:
        text = _text(module, source)
        facts = _facts(path, source, text, module, marker_modules, tree, exact_positions)
        return _Collection(path, module, facts, text).run()
    except RecursionError:
        return FileScan(path=path, diagnostics=(_unreadable(path, "nested too deeply"),))


def _text(module: cst.Module, source: bytes) -> str:
    """The module's text as libcst read it, without ``module.code`` (a codegen of the whole
    tree, as costly as the parse): libcst round-trips its input exactly."""
    try:
        return source.decode(module.encoding)
    except (UnicodeDecodeError, LookupError):
        return module.code


def _facts(
    path: str,
    source: bytes,
    text: str,
    module: cst.Module,
    marker_modules: tuple[str, ...],
    tree: ast.Module | None,
    exact_positions: bool = False,
) -> _Facts:
    if not exact_positions and _same_text(module, source):
        if tree is None:
            try:
                tree = parse_python(source)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                tree = None
        if tree is not None:
            facts = _Facts(path=path, marker_modules=marker_modules)
            try:
                _Fast(module, tree, facts, text)
                return facts
            except _Mismatch:
                pass
    facts = _Facts(path=path, marker_modules=marker_modules)
    _Exact(module, facts)
    return facts


def _same_text(module: cst.Module, source: bytes) -> bool:
    """Whether ``ast`` surely decoded ``source`` as libcst did (its columns count UTF-8 bytes)."""
    return source.isascii() or module.encoding.lower().replace("_", "-") in ("utf-8", "utf-8-sig")


def _unreadable(path: str, reason: str) -> Diagnostic:
    return diag("ROPA001", reason, Location(path=path, line=1, column=1))


class _Collection:
    """Turns the facts of a module into declarations, attaching comments by line."""

    def __init__(self, path: str, module: cst.Module, facts: _Facts, text: str) -> None:
        self.path = path
        self.module = module
        self.facts = facts
        # Lines as Python counts them: str.splitlines() would also break at form feeds,
        # U+2028 and other separators inside strings and comments, shifting every later line.
        self.lines = _NEWLINE.split(text)
        self.diagnostics: list[Diagnostic] = []
        self.markers: list[_Marker] = []
        self.keys: list[tuple[tuple[str, ...], Location, _Stmt]] = []
        self.suppressions: list[Suppression] = []
        self.by_start: dict[int, _Stmt] = {}
        self.by_header: dict[int, _Stmt] = {}
        for stmt in facts.stmts:
            # The innermost statement wins: assignments are visited after their class.
            self.by_start.setdefault(stmt.start, stmt)
            self.by_header[stmt.header] = stmt

    def loc(self, line: int, column: int = 1) -> Location:
        return Location(path=self.path, line=line, column=column)

    def run(self) -> FileScan:
        for decorator in self.facts.decorators:
            self._decorator(decorator)
        self._comments()
        return self._result()

    def _decorator(self, decorator: _Decorator) -> None:
        expr = decorator.node.decorator
        call = expr if isinstance(expr, cst.Call) else None
        marker = self.facts.resolve_marker(call.func if call else expr)
        if marker is None:
            return
        if call is None:
            self.diagnostics.append(
                diag("ROPA002", f"@{marker} must be called with its arguments", decorator.at)
            )
            return
        # The call's text is cut from the file, not printed back by libcst: that would drop
        # the indentation of the enclosing block from continuation lines, and recurse as
        # deep as the expression.
        start, end = decorator.expr, decorator.end
        lines = self.lines[start.line - 1 : end.line]
        if not lines or end.line < start.line:
            return
        lines[-1] = lines[-1][: end.column - 1]
        lines[0] = lines[0][start.column - 1 :]
        starts = [(start.line + n, 0) for n in range(len(lines))]
        starts[0] = (start.line, start.column - 1)
        text = _CallText.of("\n".join(lines), starts)
        owner = (decorator.owner, decorator.kind, decorator.header)
        self._marker(text, marker, decorator.at, owner, form=f"@{marker}(...)")

    def _marker(
        self,
        text: _CallText,
        marker: str,
        location: Location,
        owner: tuple[str | None, str, int | None],
        *,
        form: str,
    ) -> None:
        try:
            tree = parse_python(text.code, mode="eval")
        except SyntaxError as exc:
            self.diagnostics.append(diag("ROPA002", f"malformed {form}: {exc.msg}", location))
            return
        except (ValueError, RecursionError, MemoryError):
            self.diagnostics.append(diag("ROPA002", f"malformed {form}: too complex", location))
            return
        if not isinstance(tree.body, ast.Call):
            self.diagnostics.append(
                diag("ROPA002", f"{marker} marker must be a single call", location)
            )
            return
        call, problems = parse_call(tree.body, marker)
        unread: list[tuple[str, int, int]] = []
        for problem in problems:
            where = text.locate(self.path, problem.line, problem.offset)
            if problem.argument:
                at = where or location
                unread.append((problem.argument, at.line or 1, at.column or 1))
            if call is None:
                hint = "the declaration is left out until this is fixed"
            else:
                hint = "the other arguments are read; this one is left out"
            self.diagnostics.append(diag("ROPA002", problem.message, where or location, hint))
        if call is not None:
            self.markers.append(
                _Marker(
                    call=call,
                    location=location,
                    owner=owner[0],
                    owner_kind=owner[1],
                    owner_line=owner[2],
                    unread=tuple(unread),
                )
            )

    def _comments(self) -> None:
        comments = self.facts.comments
        for comment in comments:
            before = self.lines[comment.line - 1][: comment.column - 1]
            comment.own_line = not before.strip()
        consumed: set[int] = set()
        for comment in comments:
            if comment.line in consumed:
                continue
            match = _COMMENT_BODY.match(comment.text)
            later = None if match else _LATER_MARKER.search(comment.text)
            if later:
                # The marker follows the line's own comment: read it from its ``#``.
                comment.column += later.start(1)
                comment.text = comment.text[later.start(1) :]
                match = _COMMENT_BODY.match(comment.text)
            if not match:
                continue  # "ropa:" appears later in the comment's prose: not a marker
            body = match.group(1)
            location = self.loc(comment.line, comment.column)
            call = _CALL.match(body)
            if call:
                start = (comment.line, comment.column - 1 + match.start(1))
                text, last = self._continue(body, start, comment, consumed)
                self._comment_call(call.group(1), text, comment, last, location)
            elif _IGNORE.match(body):
                codes = _IGNORE.match(body).group(1)  # type: ignore[union-attr]
                target = self._next_code_line(comment.line) if comment.own_line else comment.line
                self.suppressions.append(
                    Suppression(
                        path=self.path,
                        line=target,
                        codes=tuple(
                            sorted(c.strip() for c in (codes or "").split(",") if c.strip())
                        ),
                        location=location,
                    )
                )
            elif _KEYS.match(_TRAILING_NOTE.sub("", body)):
                self._field_keys(_TRAILING_NOTE.sub("", body), comment, location)
            else:
                self.diagnostics.append(
                    diag(
                        "ROPA002",
                        f"unrecognised marker comment '{body[:60]}'",
                        location,
                        hint="expected category keys, personal_data(...), processing(...), "
                        "processor(...) or ignore[CODE]",
                    )
                )

    def _continue(
        self, body: str, start: tuple[int, int], comment: _Comment, consumed: set[int]
    ) -> tuple[_CallText, int]:
        """Join following comment lines until the call's parentheses balance."""
        line = comment.line
        text = body
        starts = [start]
        while _unbalanced(text) and line - comment.line < _MAX_CONTINUATION:
            raw = self.lines[line] if line < len(self.lines) else ""
            following = raw.strip()
            if not following.startswith("#") or _COMMENT_BODY.match(following):
                break
            line += 1
            consumed.add(line)
            rest = following.lstrip("#")
            # The continuation's text begins after the line's indentation and its ``#``s.
            starts.append((line, len(raw) - len(raw.lstrip()) + len(following) - len(rest)))
            text += "\n" + rest
        return _CallText.of(text, starts), line

    def _comment_call(
        self, marker: str, text: _CallText, comment: _Comment, last: int, location: Location
    ) -> None:
        stmt: _Stmt | None
        if comment.own_line:
            stmt = self.by_start.get(self._next_code_line(last))
        else:
            stmt = self.by_header.get(comment.line) or self._containing(comment.line)
        owner: tuple[str | None, str, int | None]
        if stmt is None or stmt.kind == "other":
            owner = (None, "module", None)
        else:
            header = stmt.header if stmt.kind in ("def", "class") else None
            owner = (stmt.owner, stmt.kind, header)
        self._marker(text, marker, location, owner, form=f"{marker}() comment")

    def _field_keys(self, body: str, comment: _Comment, location: Location) -> None:
        keys = tuple(k.strip() for k in body.split(","))
        if comment.own_line:
            stmt = self.by_start.get(self._next_code_line(comment.line))
        else:
            stmt = self._containing(comment.line)
        if stmt is None or stmt.kind != "assign":
            self.diagnostics.append(
                diag(
                    "ROPA003",
                    f"field key comment '{body}' is not on or directly above an assignment",
                    location,
                    hint="put it at the end of the field's line, or on the line above it",
                )
            )
            return
        self.keys.append((keys, location, stmt))

    def _containing(self, line: int) -> _Stmt | None:
        best: _Stmt | None = None
        for stmt in self.facts.stmts:
            inside = stmt.start <= line <= stmt.end and stmt.kind in ("assign", "other")
            if inside and (best is None or stmt.start >= best.start):
                best = stmt
        return best

    def _next_code_line(self, line: int) -> int:
        """The first line after ``line`` that is not blank-free comment-only."""
        n = line
        while n < len(self.lines):
            text = self.lines[n].strip()
            n += 1
            if text and not text.startswith("#"):
                return n
            if not text:
                return n  # a blank line breaks the attachment
        return n + 1

    def _result(self) -> FileScan:
        mod = module_name(self.path)
        activities: list[ActivityDecl] = []
        processors: list[ProcessorDecl] = []
        fields: list[FieldDecl] = []
        class_defaults: dict[str, dict[str, Any]] = {}
        personal_classes: list[str] = []
        # Activities by the header line of the def or class they are declared on.
        names_by_def: dict[int, list[str]] = {}
        for m in self.markers:
            if m.call.marker == "processing":
                values = dict(m.call.values)
                name = values.pop("name")
                values["unread"] = m.unread
                activities.append(ActivityDecl.of(name=name, location=m.location, values=values))
                if m.owner_line is not None:
                    names_by_def.setdefault(m.owner_line, []).append(name)
        for m in self.markers:
            values = dict(m.call.values)
            if m.call.marker == "processor":
                processors.append(
                    ProcessorDecl(
                        vendor=values.pop("vendor"),
                        location=m.location,
                        joins=self._joins(m, names_by_def),
                        unread=m.unread,
                        **values,
                    )
                )
            elif m.call.marker == "personal_data":
                owner = m.owner or mod
                class_defaults[owner] = values
                if m.owner_kind == "class" and m.owner:
                    personal_classes.append(m.owner)
                assigns = self._class_assignments(owner) if m.owner_kind == "class" else {}
                for fname, keys in sorted(values.get("fields", {}).items()):
                    fields.append(
                        FieldDecl(
                            model=f"{mod}.{owner}" if m.owner else mod,
                            field=fname,
                            categories=keys,
                            location=assigns.get(fname, m.location),
                            subjects=values.get("subjects", ()),
                            retention=values.get("retention"),
                            source=values.get("source"),
                        )
                    )
        for keys, _location, stmt in self.keys:
            defaults = class_defaults.get(stmt.in_class or "", {})
            for target, line, column in stmt.targets:
                fname = target.rsplit(".", 1)[-1]
                fields.append(
                    FieldDecl(
                        model=f"{mod}.{stmt.in_class}" if stmt.in_class else mod,
                        field=fname,
                        categories=keys,
                        location=Location(path=self.path, line=line, column=column),
                        subjects=defaults.get("subjects", ()),
                        retention=defaults.get("retention"),
                        source=defaults.get("source"),
                    )
                )
        return FileScan(
            path=self.path,
            activities=tuple(activities),
            processors=tuple(processors),
            fields=tuple(fields),
            imports=tuple(self.facts.imports),
            suppressions=tuple(self.suppressions),
            diagnostics=tuple(self.diagnostics),
            personal_classes=tuple(personal_classes),
        )

    def _joins(self, marker: _Marker, names_by_def: dict[int, list[str]]) -> tuple[str, ...]:
        """The activities a processor belongs to without ``activity=``.

        Those declared on the same def or class; else those of the innermost def or class
        whose body holds the marker (a comment above the SDK call inside a function), so a
        helper nested in an activity's function is part of that activity.
        """
        if marker.owner_line is not None and marker.owner_line in names_by_def:
            return tuple(names_by_def[marker.owner_line])
        enclosing = sorted(
            (
                stmt.header
                for stmt in self.facts.stmts
                if stmt.kind in ("def", "class") and self._holds(stmt, marker.location)
            ),
            reverse=True,
        )
        for header in enclosing:
            if header in names_by_def:
                return tuple(names_by_def[header])
        return ()

    def _holds(self, stmt: _Stmt, where: Location) -> bool:
        """Whether the body of a def or class holds ``where``: among its lines, or in comment
        lines after its last statement that are indented deeper than its header (Python
        gives such comments to no statement; a reader sees them in the body)."""
        if where.line <= stmt.end:
            return stmt.header < where.line
        header = self.lines[stmt.header - 1]
        if where.column - 1 <= len(header) - len(header.lstrip()):
            return False
        between = self.lines[stmt.end : where.line - 1]
        return all(not text.strip() or text.lstrip().startswith("#") for text in between)

    def _class_assignments(self, owner: str) -> dict[str, Location]:
        return {
            target.rsplit(".", 1)[-1]: Location(path=self.path, line=line, column=column)
            for stmt in self.facts.stmts
            if stmt.kind == "assign" and stmt.in_class == owner
            for target, line, column in stmt.targets
        }


def _unbalanced(text: str) -> bool:
    try:
        parse_python(text.strip(), mode="eval")
    except SyntaxError as exc:
        return "never closed" in str(exc.msg) or "unexpected EOF" in str(exc.msg)
    except (ValueError, RecursionError, MemoryError):
        return False  # balanced or not, too complex to read: reported when parsed as a call
    return False
