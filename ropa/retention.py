"""Retention periods: ISO 8601 durations rendered in words, or a free-text criterion."""

from __future__ import annotations

import re
from dataclasses import dataclass

# ASCII digits only: Python's \\d also takes "３" and "٣", which would read "P３٣Y" as 33 years.
_ISO = re.compile(r"^P(?!$)(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?$")
# Values that are evidently meant as a duration but are not a valid one: "P3", "P-1Y",
# "3Y", "PT", "P1.5Y", "P３Y". Free text is any other non-empty phrase.
_BROKEN = re.compile(r"^(P\S*\d|P[T\-.,]|P$|[\d.,]+\s*[YMWDymwd]$|[\d.,]+$)")
#: Digits of one number in a duration: 999,999 days is already 2,700 years.
MAX_DIGITS = 6
_UNITS = (("year", "years"), ("month", "months"), ("week", "weeks"), ("day", "days"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Retention:
    """A parsed retention value: ``iso`` is the duration, or None for a criterion."""

    iso: str | None
    text: str

    def as_json(self) -> dict[str, str | None]:
        return {"iso": self.iso, "text": self.text}


class RetentionError(ValueError):
    """The value is neither an ISO 8601 duration nor a free-text criterion."""


def parse_retention(value: str) -> Retention:
    """Parse ``P1Y6M`` into "1 year and 6 months"; keep a phrase as it is."""
    stripped = " ".join(value.split())
    if not stripped:
        raise RetentionError("retention is empty")
    match = _ISO.match(stripped)
    if match and any(n is not None and len(n) > MAX_DIGITS for n in match.groups()):
        raise RetentionError(f"'{_short(value)}' is longer than any retention period")
    if match:
        parts = [
            f"{int(n)} {one if int(n) == 1 else many}"
            for n, (one, many) in zip(match.groups(), _UNITS)
            if n is not None and int(n) > 0
        ]
        if not parts:
            raise RetentionError(f"'{value}' is a zero duration")
        text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return Retention(iso=stripped, text=text)
    if _BROKEN.match(stripped):
        raise RetentionError(
            f"'{_short(value)}' is not a valid ISO 8601 duration (use P30D, P6M, P2Y, P1Y6M, "
            "or a phrase such as 'Until the account is deleted')"
        )
    return Retention(iso=None, text=stripped)


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:39] + "…"
