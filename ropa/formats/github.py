"""GitHub Actions workflow commands: ``::error file=...,line=...::message`` annotations."""

from __future__ import annotations

from ropa.formats import Report, printable
from ropa.model import Diagnostic

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    props = [f"title={_escape_property(d.code)}"]
    if d.location:
        props.insert(0, f"file={_escape_property(d.location.path)}")
        if d.location.line:
            props.insert(1, f"line={d.location.line}")
            props.insert(2, f"col={d.location.column or 1}")
    message = d.message + (f" ({d.hint})" if d.hint else "")
    if d.flow:
        message += "\nPath:" + "".join(f"\n  {s.path}:{s.line}: {s.what}" for s in d.flow)
    return f"::{_COMMAND[d.level.value]} {','.join(props)}::{_escape_data(message)}"


def render(report: Report) -> str:
    return "".join(annotation(d) + "\n" for d in report.diagnostics)
