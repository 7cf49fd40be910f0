"""The record's data inventory: every field of a data model that holds personal data, once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ropa.model import FieldDecl, Location
from ropa.recordmodel import CodeLocation, InventoryField, Retention


class Checker(Protocol):
    """The part of the record builder that checks vocabulary keys and retention values."""

    def check_keys(self, kind: str, keys: Iterable[str], location: Location, owner: str) -> None:
        """Report each key of ``kind`` the taxonomy does not know."""

    def retention(self, value: str | None, location: Location, owner: str) -> Retention | None:
        """The parsed retention period, or None after reporting why it is not one."""


def inventory(fields: Iterable[FieldDecl], check: Checker) -> list[InventoryField]:
    """One row per (model, field), from its first declaration in path and line order."""
    rows = []
    seen: set[tuple[str, str]] = set()
    for f in sorted(fields, key=lambda f: (f.model, f.field, f.location)):
        if (f.model, f.field) in seen:
            continue
        seen.add((f.model, f.field))
        owner = f"field '{f.field}'"
        check.check_keys("categories", f.categories, f.location, owner)
        check.check_keys("subjects", f.subjects, f.location, owner)
        rows.append(
            InventoryField(
                model=f.model,
                field=f.field,
                categories=tuple(sorted(f.categories)),
                subjects=tuple(sorted(f.subjects)),
                retention=check.retention(f.retention, f.location, owner),
                source=f.source or "data_subject",
                location=CodeLocation(path=f.location.path, line=f.location.line),
            )
        )
    return rows
