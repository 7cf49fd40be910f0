"""Diagnostic output formats: a closed set, one module each, behind one small interface."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module

from ropa.model import Diagnostic


def printable(text: str) -> str:
    """``text`` with every non-printable character (controls, bidi overrides such as U+202E,
    zero-width and line separators) written as ``\\u202e``: a name from the scanned code can
    then neither forge an output line nor show the rest of its line reversed."""
    if text.isprintable():
        return text  # nearly always: checked in C, not character by character
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    """What a format is given: the diagnostics, with paths already relative to the cwd."""

    diagnostics: Sequence[Diagnostic]
    tool_version: str


class DiagnosticFormat(str, enum.Enum):
    """The values of ``--format``; each names the module ``ropa.formats.<value>``."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"

    def renderer(self) -> Callable[[Report], str]:
        module = import_module(f"ropa.formats.{self.value}")
        render: Callable[[Report], str] = module.render
        return render
