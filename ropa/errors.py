"""ropa's own failures: the one exception hierarchy, each meaning exit code 2."""

from __future__ import annotations

from pathlib import Path


class RopaError(Exception):
    """A failure that stops the command: bad usage, an unreadable or invalid input file."""

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class ConfigError(RopaError):
    """``ropa.yaml`` or a vendor file is invalid; every problem names ``FILE:LINE``."""

    file: Path | None = None
    """The file the problems name by its bare name, when known: the command line shows it
    from the working directory (``khoj/ropa.yaml:81``), as it shows the scan's diagnostics."""


class RecordError(RopaError):
    """A saved ``ropa.json`` cannot be used (missing, not JSON, other schema version)."""
