"""Entry point for ``python -m ropa``."""

from ropa.cli import run

run()
