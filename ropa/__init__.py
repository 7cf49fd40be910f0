"""ropa: records of processing activities and privacy notices from annotated Python code."""

from __future__ import annotations

from ropa.markers import personal_data, processing, processor

__all__ = ["__version__", "personal_data", "processing", "processor"]
__version__ = "0.1.0"
