"""SARIF 2.1.0: one run, one rule per diagnostic code, relative URIs, 1-based columns."""

from __future__ import annotations

import json
from typing import Any

from ropa.checks import CHECKS
from ropa.formats import Report
from ropa.model import Diagnostic

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rule(code: str) -> dict[str, Any]:
    check = CHECKS[code]
    return {
        "id": code,
        "name": code,
        "shortDescription": {"text": check.summary},
        "fullDescription": {"text": check.doc},
        "help": {"text": check.doc, "markdown": check.doc},
        "defaultConfiguration": {"level": _LEVEL[check.level.value]},
    }


def _result(d: Diagnostic, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index[d.code],
        "level": _LEVEL[d.level.value],
        "message": {"text": d.message + (f" ({d.hint})" if d.hint else "")},
    }
    if d.location:
        physical: dict[str, Any] = {
            "artifactLocation": {"uri": d.location.path, "uriBaseId": "%SRCROOT%"}
        }
        if d.location.line:
            physical["region"] = {
                "startLine": d.location.line,
                "startColumn": d.location.column or 1,
            }
        result["locations"] = [{"physicalLocation": physical}]
    if d.flow:
        # One thread of locations, source first: GitHub code scanning shows it as the path.
        result["codeFlows"] = [
            {
                "threadFlows": [
                    {
                        "locations": [
                            {
                                "location": {
                                    "physicalLocation": {
                                        "artifactLocation": {
                                            "uri": s.path,
                                            "uriBaseId": "%SRCROOT%",
                                        },
                                        "region": {"startLine": s.line},
                                    },
                                    "message": {"text": s.what},
                                }
                            }
                            for s in d.flow
                        ]
                    }
                ]
            }
        ]
    return result


def render(report: Report) -> str:
    codes = sorted(CHECKS)
    index = {code: i for i, code in enumerate(codes)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ropa",
                        "version": report.tool_version,
                        "rules": [_rule(c) for c in codes],
                    }
                },
                "originalUriBaseIds": {
                    "%SRCROOT%": {"description": {"text": "The working directory"}}
                },
                "results": [_result(d, index) for d in report.diagnostics],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
