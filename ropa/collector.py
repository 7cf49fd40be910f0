"""Reads one Python file with libcst and records every marker it declares, never running it."""

from __future__ import annotations

import ast
import re
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

MARKER_COMMENT = re.compile(rb"#[ \t]*ropa:")
_COMMENT_BODY = re.compile(r"^#\s*ropa:\s*(.*?)\s*$", re.S)
_KEYS = re.compile(r"^[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*$")
# An ignore may carry its reason: "ignore[ROPA201] (a business address)" or "ignore -- why".
_IGNORE = re.compile(r"^ignore(?:\[\s*([A-Z0-9_,\s]*)\])?(?:\s+[(#-].*)?$", re.S)
_CALL = re.compile(r"^(personal_data|processing|processor)\s*\(")
_MAX_CONTINUATION = 60


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


@dataclass(slots=True)
class _Visitor(cst.CSTVisitor):
    module: cst.Module
    positions: Any
    marker_modules: tuple[str, ...]
    path: str
    aliases: dict[str, str] = field(default_factory=dict)
    star_markers: bool = False
    imports: list[ImportRef] = field(default_factory=list)
    stmts: list[_Stmt] = field(default_factory=list)
    comments: list[_Comment] = field(default_factory=list)
    decorators: list[tuple[cst.Decorator, str, str]] = field(default_factory=list)
    scope: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        cst.CSTVisitor.__init__(self)

    def _range(self, node: cst.CSTNode) -> CodeRange:
        result: CodeRange = self.positions[node]
        return result

    def _loc(self, node: cst.CSTNode) -> Location:
        start = self._range(node).start
        return Location(path=self.path, line=start.line, column=start.column + 1)

    def _qual(self, name: str) -> str:
        return ".".join([*(n for n, _ in self.scope), name])

    def _class(self) -> str | None:
        if self.scope and self.scope[-1][1] == "class":
            return ".".join(n for n, _ in self.scope)
        return None

    # Imports: aliases for marker resolution, and module names for vendor detection.
    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            dotted = _dotted(alias.name)
            if not dotted:
                continue
            self.imports.append(ImportRef(module=dotted, location=self._loc(node)))
            if alias.asname and isinstance(alias.asname.name, cst.Name):
                self.aliases[alias.asname.name.value] = dotted
            else:
                head = dotted.split(".")[0]
                self.aliases.setdefault(head, head)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if node.relative or node.module is None:
            return
        module = _dotted(node.module)
        if not module:
            return
        self.imports.append(ImportRef(module=module, location=self._loc(node)))
        if isinstance(node.names, cst.ImportStar):
            if self._is_marker_module(module):
                self.star_markers = True
            return
        for alias in node.names:
            name = _dotted(alias.name)
            if not name:
                continue
            local = (
                alias.asname.name.value
                if alias.asname and isinstance(alias.asname.name, cst.Name)
                else name
            )
            self.aliases[local] = f"{module}.{name}"

    def _is_marker_module(self, module: str) -> bool:
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
        if name in MARKERS and self._is_marker_module(module):
            return name
        return None

    # Statements and scopes.
    def _def(self, node: cst.FunctionDef | cst.ClassDef, kind: str) -> None:
        rng = self._range(node)
        start = min([rng.start.line, *(self._range(d).start.line for d in node.decorators)])
        qual = self._qual(node.name.value)
        self.stmts.append(
            _Stmt(
                kind=kind,
                start=start,
                header=rng.start.line,
                end=rng.end.line,
                owner=qual,
                in_class=self._class(),
            )
        )
        for decorator in node.decorators:
            self.decorators.append((decorator, qual, kind))
        self.scope.append((node.name.value, kind))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._def(node, "def")

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.scope.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._def(node, "class")

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.scope.pop()

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
        owner_class = self._class()
        first = targets[0][0] if targets else ""
        self.stmts.append(
            _Stmt(
                kind="assign" if targets else "other",
                start=rng.start.line,
                header=rng.start.line,
                end=rng.end.line,
                owner=self._qual(first) if first else "",
                targets=tuple(targets),
                in_class=owner_class,
            )
        )

    def visit_Comment(self, node: cst.Comment) -> None:
        if "ropa:" not in node.value:
            return
        pos = self._range(node).start
        self.comments.append(
            _Comment(line=pos.line, column=pos.column + 1, text=node.value, own_line=False)
        )


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


def collect_source(path: str, source: bytes, *, marker_modules: tuple[str, ...] = ()) -> FileScan:
    """Parse ``source`` with libcst and collect its markers, imports and suppressions."""
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
        return _Collection(path, module, marker_modules).run()
    except RecursionError:
        return FileScan(path=path, diagnostics=(_unreadable(path, "nested too deeply"),))


def _unreadable(path: str, reason: str) -> Diagnostic:
    return diag("ROPA001", reason, Location(path=path, line=1, column=1))


class _Collection:
    """Turns what the visitor saw into declarations, attaching comments by line."""

    def __init__(self, path: str, module: cst.Module, marker_modules: tuple[str, ...]) -> None:
        self.path = path
        self.module = module
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        positions = wrapper.resolve(PositionProvider)
        self.visitor = _Visitor(
            module=module, positions=positions, marker_modules=marker_modules, path=path
        )
        wrapper.module.visit(self.visitor)
        self.lines = module.code.splitlines()
        self.diagnostics: list[Diagnostic] = []
        self.markers: list[_Marker] = []
        self.keys: list[tuple[tuple[str, ...], Location, _Stmt]] = []
        self.suppressions: list[Suppression] = []
        self.by_start: dict[int, _Stmt] = {}
        self.by_header: dict[int, _Stmt] = {}
        for stmt in self.visitor.stmts:
            # The innermost statement wins: assignments are visited after their class.
            self.by_start.setdefault(stmt.start, stmt)
            self.by_header[stmt.header] = stmt

    def loc(self, line: int, column: int = 1) -> Location:
        return Location(path=self.path, line=line, column=column)

    def run(self) -> FileScan:
        for decorator, owner, kind in self.visitor.decorators:
            self._decorator(decorator, owner, kind)
        self._comments()
        return self._result()

    def _decorator(self, decorator: cst.Decorator, owner: str, kind: str) -> None:
        expr = decorator.decorator
        call = expr if isinstance(expr, cst.Call) else None
        marker = self.visitor.resolve_marker(call.func if call else expr)
        if marker is None:
            return
        location = self.visitor._loc(decorator)
        if call is None:
            self.diagnostics.append(
                diag("ROPA002", f"@{marker} must be called with its arguments", location)
            )
            return
        code = self.module.code_for_node(call)
        self._marker(code, marker, location, owner, kind, from_comment=False)

    def _marker(
        self,
        code: str,
        marker: str,
        location: Location,
        owner: str | None,
        kind: str,
        *,
        from_comment: bool,
    ) -> None:
        try:
            tree = ast.parse(code.strip(), mode="eval")
        except SyntaxError as exc:
            self.diagnostics.append(
                diag("ROPA002", f"malformed {marker}() comment: {exc.msg}", location)
            )
            return
        if not isinstance(tree.body, ast.Call):
            self.diagnostics.append(
                diag("ROPA002", f"{marker} marker must be a single call", location)
            )
            return
        call, problems = parse_call(tree.body, marker)
        for problem in problems:
            self.diagnostics.append(diag("ROPA002", problem, location))
        if call is not None:
            self.markers.append(_Marker(call=call, location=location, owner=owner, owner_kind=kind))

    def _comments(self) -> None:
        comments = self.visitor.comments
        for comment in comments:
            before = self.lines[comment.line - 1][: comment.column - 1]
            comment.own_line = not before.strip()
        consumed: set[int] = set()
        for comment in comments:
            if comment.line in consumed:
                continue
            match = _COMMENT_BODY.match(comment.text)
            if not match:
                continue  # "ropa:" appears later in the comment: not a marker
            body = match.group(1)
            location = self.loc(comment.line, comment.column)
            call = _CALL.match(body)
            if call:
                body, last = self._continue(body, comment, consumed)
                self._comment_call(call.group(1), body, comment, last, location)
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
            elif _KEYS.match(body):
                self._field_keys(body, comment, location)
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

    def _continue(self, body: str, comment: _Comment, consumed: set[int]) -> tuple[str, int]:
        """Join following comment lines until the call's parentheses balance."""
        line = comment.line
        text = body
        while _unbalanced(text) and line - comment.line < _MAX_CONTINUATION:
            following = self.lines[line].strip() if line < len(self.lines) else ""
            if not following.startswith("#") or _COMMENT_BODY.match(following):
                break
            line += 1
            consumed.add(line)
            text += "\n" + following.lstrip("#")
        return text, line

    def _comment_call(
        self, marker: str, body: str, comment: _Comment, last: int, location: Location
    ) -> None:
        stmt: _Stmt | None
        if comment.own_line:
            stmt = self.by_start.get(self._next_code_line(last))
        else:
            stmt = self.by_header.get(comment.line) or self._containing(comment.line)
        if stmt is None or stmt.kind == "other":
            owner, kind = None, "module"
        else:
            owner, kind = stmt.owner, stmt.kind
        self._marker(body, marker, location, owner, kind, from_comment=True)

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
        for stmt in self.visitor.stmts:
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
        names_by_owner: dict[str | None, list[str]] = {}
        for m in self.markers:
            if m.call.marker == "processing":
                values = dict(m.call.values)
                name = values.pop("name")
                activities.append(ActivityDecl(name=name, location=m.location, **values))
                if m.owner is not None:
                    names_by_owner.setdefault(m.owner, []).append(name)
        for m in self.markers:
            values = dict(m.call.values)
            if m.call.marker == "processor":
                processors.append(
                    ProcessorDecl(
                        vendor=values.pop("vendor"),
                        location=m.location,
                        joins=tuple(names_by_owner.get(m.owner, ())) if m.owner else (),
                        **values,
                    )
                )
            elif m.call.marker == "personal_data":
                owner = m.owner or mod
                class_defaults[owner] = values
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
            imports=tuple(self.visitor.imports),
            suppressions=tuple(self.suppressions),
            diagnostics=tuple(self.diagnostics),
        )

    def _class_assignments(self, owner: str) -> dict[str, Location]:
        return {
            target.rsplit(".", 1)[-1]: Location(path=self.path, line=line, column=column)
            for stmt in self.visitor.stmts
            if stmt.kind == "assign" and stmt.in_class == owner
            for target, line, column in stmt.targets
        }


def _unbalanced(text: str) -> bool:
    try:
        ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        return "never closed" in str(exc.msg) or "unexpected EOF" in str(exc.msg)
    return False
