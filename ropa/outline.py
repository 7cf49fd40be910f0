"""The outline of one module as the collector reads it: its statements, definitions,
decorators, comments and imports, each with its position, found by walking ``ast`` beside libcst
(or libcst alone when the two could disagree)."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from ropa.literal import MARKERS
from ropa.model import ImportRef, Location
from ropa.scanner import parse_python

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
