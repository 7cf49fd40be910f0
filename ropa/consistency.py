"""ROPA115: statements of one record that contradict each other, found after it is built."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace

from ropa.checks import diag
from ropa.config import Config
from ropa.model import Diagnostic, Level, Location
from ropa.recordmodel import RecordBody

#: Words of a vendor's ``services`` that name a purpose, and the data uses that cover it.
#: Only purposes a person would object to finding unannounced: a mail provider that also
#: sells marketing email is fine for receipts, but then the record must not say marketing.
SERVICE_PURPOSES = (
    ("marketing", ("marketing",)),
    ("advertis", ("marketing.advertising",)),
)
#: Safeguards whose legal instrument the notice cites by its date.
_DATED = ("adequacy", "dpf")
_ISO = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def consistency_checks(record: RecordBody, config: Config) -> list[Diagnostic]:
    """Every ROPA115 of a built record (withdrawal is checked per activity while building)."""
    return [
        *_dpa_on_controllers(record, config),
        *_field_retention(record),
        *_uncovered_services(record, config),
        *_stale_notice(record, config),
    ]


def _warning(message: str, location: Location, hint: str) -> Diagnostic:
    return replace(diag("ROPA115", message, location, hint), level=Level.WARNING)


def _config_at(config: Config, *keys: str) -> Location:
    if config.path is None:
        return Location(path=".")
    line = next((config.lines[k] for k in keys if k in config.lines), 1)
    return Location(path=config.path, line=line, column=1)


def _dpa_on_controllers(record: RecordBody, config: Config) -> Iterator[Diagnostic]:
    """An independent controller decides its own purposes: an Art. 28 DPA with it says the
    opposite. Only what ``ropa.yaml`` declares is checked; a registry entry with both (Stripe:
    a processor for payments, a controller for its own fraud models) documents the vendor."""
    for vendor in record.vendors:
        key = vendor.key
        override = config.vendor_overrides.get(key)
        if override is None or not ({"role", "dpa"} & set(override)):
            continue
        if vendor.role == "controller" and vendor.dpa:
            # The DPA may come from the registry while ropa.yaml only changes the role: then
            # there is no dpa: to remove, and dpa: null is what sets the registry's aside.
            undo = "remove dpa:" if "dpa" in override else "set dpa: null"
            yield diag(
                "ROPA115",
                f"vendor '{key}' is an independent controller but has a data processing "
                "agreement (Art. 28), which only a processor signs",
                _config_at(config, f"vendors.{key}", "vendors"),
                f"set role: processor if it acts on your instructions, else {undo} "
                "(a data sharing agreement is not a DPA)",
            )


def _days(iso: str | None) -> int | None:
    match = _ISO.match(iso or "")
    if not match:
        return None
    years, months, weeks, days = (int(n or 0) for n in match.groups())
    return years * 365 + months * 30 + weeks * 7 + days


def _covers(activity_category: str, category: str) -> bool:
    return category == activity_category or category.startswith(activity_category + ".")


#: Activities named in a field-retention warning; the rest are counted.
_NAMED_USERS = 3


def _field_retention(record: RecordBody) -> Iterator[Diagnostic]:
    """A field kept longer than every activity using it may keep it (storage limitation,
    Art. 5(1)(e)), or erased before any of them is done with it."""
    # Activities by each category they declare: a field's users are found through the
    # field's categories and their parents, not by trying every activity for every field.
    by_category: dict[str, list[int]] = {}
    for index, a in enumerate(record.activities):
        for d in a.data_categories:
            by_category.setdefault(d, []).append(index)
    days = [_days(a.retention.iso if a.retention else None) for a in record.activities]
    for row in record.data_inventory:
        kept = _days(row.retention.iso if row.retention else None)
        if kept is None or row.retention is None:
            continue
        found: set[int] = set()
        for c in row.categories:
            parts = c.split(".")
            for n in range(1, len(parts) + 1):
                found.update(by_category.get(".".join(parts[:n]), ()))
        order = sorted(found)
        users = [record.activities[i] for i in order]
        periods = [days[i] for i in order]
        known = [p for p in periods if p is not None]
        # A criterion ("until the account is deleted") cannot be compared: say nothing.
        if not users or len(known) != len(periods):
            continue
        longest, shortest = max(known), min(known)
        names = ", ".join(
            f"'{a.name}' ({a.retention.text if a.retention else ''})" for a in users[:_NAMED_USERS]
        )
        if len(users) > _NAMED_USERS:
            names += f" and {len(users) - _NAMED_USERS} more"
        field = f"{row.model}.{row.field}"
        at = Location(path=row.location.path, line=row.location.line, column=1)
        text = row.retention.text
        if kept > longest:
            yield _warning(
                f"field '{field}' is kept {text}, longer than every activity using it "
                f"allows: {names}",
                at,
                "shorten the field's retention, or the activity that needs it longer must say so",
            )
        elif kept < shortest:
            yield _warning(
                f"field '{field}' is kept {text}, shorter than every activity using it "
                f"keeps it: {names}",
                at,
                "make the field's retention match what the activities declare",
            )


def _uncovered_services(record: RecordBody, config: Config) -> Iterator[Diagnostic]:
    """The record names a vendor's service as a purpose; one no activity has is a purpose
    the record claims without a legal basis, or a service the project does not use."""
    by_name = {a.name: a for a in record.activities}
    for vendor in record.vendors:
        services = vendor.services
        linked = [by_name[n] for n in vendor.activities if n in by_name]
        if not linked:
            continue  # Not linked to any activity: a gap of its own already.
        for word, uses in SERVICE_PURPOSES:
            if word not in services.lower():
                continue
            if any(
                any(_covers(u, use) for use in a.uses for u in uses)
                or word in (a.purpose or "").lower()
                for a in linked
            ):
                continue
            first = vendor.locations[0] if vendor.locations else linked[0].locations[0]
            yield _warning(
                f"vendor '{vendor.key}' provides '{services}', but no activity it serves "
                f"has a {word} purpose or use",
                Location(path=first.path, line=first.line, column=1),
                f"declare the {word} activity, or set services: to what you use under "
                f"vendors: {vendor.key} in ropa.yaml",
            )


def _stale_notice(record: RecordBody, config: Config) -> Iterator[Diagnostic]:
    """A notice dated before the adequacy decision (or the DPF) it relies on was written
    before it could be true: it needs a new date, and a look at what else changed."""
    effective = record.notice.effective_date
    if not effective:
        return
    date = dt.date.fromisoformat(effective)
    for transfer in record.transfers:
        decided = transfer.adequacy_decision
        if transfer.safeguard not in _DATED or not decided:
            continue
        if dt.date.fromisoformat(decided) > date:
            yield _warning(
                f"the notice's effective date {effective} is older than the adequacy decision "
                f"of {decided} for {transfer.country} that it cites for '{transfer.vendor}'",
                _config_at(config, "notice.effective_date", "notice"),
                "review the notice and give it a new effective_date",
            )
