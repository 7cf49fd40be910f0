"""JSON: a list of diagnostic objects, for scripts."""

from __future__ import annotations

import json
from typing import Any

from ropa.formats import Report
from ropa.model import Diagnostic


def as_dict(d: Diagnostic) -> dict[str, Any]:
    loc = d.location
    return {
        "code": d.code,
        "level": d.level.value,
        "message": d.message,
        "hint": d.hint,
        "path": loc.path if loc else None,
        "line": loc.line if loc and loc.line else None,
        "column": (loc.column or 1) if loc and loc.line else None,
        **(
            {"flow": [{"path": s.path, "line": s.line, "what": s.what} for s in d.flow]}
            if d.flow
            else {}
        ),
    }


def render(report: Report) -> str:
    return json.dumps([as_dict(d) for d in report.diagnostics], indent=2, ensure_ascii=False) + "\n"
