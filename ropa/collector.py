"""Reads one Python file with libcst and records every marker it declares, never running it."""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import libcst as cst

from ropa.checks import diag
from ropa.literal import MarkerCall, parse_call
from ropa.model import (
    ActivityDecl,
    Diagnostic,
    FieldDecl,
    FileScan,
    Location,
    ProcessorDecl,
    Suppression,
)
from ropa.outline import _NEWLINE, _Comment, _Decorator, _Facts, _facts, _Stmt, _text
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


@dataclass(slots=True)
class _Marker:
    call: MarkerCall
    location: Location
    owner: str | None  # qualified name of the def/class/assignment, None for the module
    owner_kind: str  # "def", "class", "assign", "module"
    owner_line: int | None  # header line of the def/class it is declared on
    unread: tuple[tuple[str, int, int], ...] = ()  # keywords given but unreadable, and where


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
