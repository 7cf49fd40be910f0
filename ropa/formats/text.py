"""Plain text: one ``path:line:col: CODE level: message (hint)`` line per diagnostic."""

from __future__ import annotations

from ropa.formats import Report, printable
from ropa.model import Diagnostic


def line(d: Diagnostic) -> str:
    where = f"{d.location}: " if d.location else ""
    hint = f" ({d.hint})" if d.hint else ""
    # A flow's steps follow on indented lines, each made printable on its own.
    steps = "".join("\n    " + printable(f"{s.path}:{s.line}: {s.what}") for s in d.flow)
    return printable(f"{where}{d.code} {d.level.value}: {d.message}{hint}") + steps


def render(report: Report) -> str:
    return "".join(line(d) + "\n" for d in report.diagnostics)
