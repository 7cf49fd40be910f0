"""ropa's own failures: the one exception hierarchy, each meaning exit code 2."""

from __future__ import annotations


class RopaError(Exception):
    """A failure that stops the command: bad usage, an unreadable or invalid input file."""

    def __init__(self, problems: str | list[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class ConfigError(RopaError):
    """``ropa.yaml`` or a vendor file is invalid; every problem names ``FILE:LINE``."""


class RecordError(RopaError):
    """A saved ``ropa.json`` cannot be used (missing, not JSON, other schema version)."""
