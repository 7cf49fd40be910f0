"""Saved records read from disk: bounded, strictly parsed and checked against the shipped schema."""

from __future__ import annotations

import functools
import itertools
import json
import math
import os
import re
import stat
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from ropa.errors import RecordError, RopaError

#: A record of ten thousand activities is a few megabytes; anything this large is not one.
MAX_RECORD_BYTES = 64_000_000
#: A record nests about eight levels deep; a hundred only comes from a hostile file, and
#: json's recursive decoder (and the validator after it) must never see 200,000.
MAX_DEPTH = 100
#: Digits of a JSON number: line numbers and ages fit, a 5,000-digit number does not.
MAX_NUMBER_CHARS = 30
#: Problems reported for one file: the first few say what is wrong without a wall of text.
MAX_PROBLEMS = 5
#: Paths and values are cut to this many characters in messages.
SHOWN_CHARS = 120

# A string, or an unterminated one up to the end: always matches from its quote, so finding
# every string is one linear pass however the quotes and backslashes are arranged.
_STRING = re.compile(rb'"[^"\\]*+(?:\\.?[^"\\]*+)*+"?', re.DOTALL)
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")


def shown(text: object, limit: int = SHOWN_CHARS) -> str:
    """``text`` cut to ``limit`` characters, for a message that must stay one readable line."""
    value = str(text)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def read_bounded(path: Path, limit: int, display: str | None = None, *, cut: bool = False) -> bytes:
    """The bytes of the regular file ``path``, refused above ``limit`` bytes (or, with
    ``cut``, its first ``limit`` bytes, for a reader that gives its own message).

    Opened without blocking, then checked with ``fstat`` on the open descriptor: a FIFO,
    a device such as ``/dev/zero`` or a folder is refused before a single byte is read.
    """
    name = shown(display if display is not None else path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise RopaError(f"{name}: no such file") from None
    except OSError as exc:
        raise RopaError(f"{name}: cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise RopaError(f"{name}: cannot read: {kind}")
        if info.st_size > limit and not cut:
            raise RopaError(f"{name}: larger than {limit:,} bytes; refused")
        if flags & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)  # the file is regular: reading it must not stop short
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit if cut else limit + 1)
    except OSError as exc:
        raise RopaError(f"{name}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while being read
        raise RopaError(f"{name}: larger than {limit:,} bytes; refused")
    return data


def json_depth(raw: bytes) -> int:
    """How deep ``[``/``{`` nest in the JSON text ``raw``, strings left out."""
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKET)
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {shown(repr(key), 60)}")
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number of {len(text):,} digits")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueError(f"a number of {len(text):,} characters")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is out of range")
    return value


def parse_json(raw: bytes, display: str) -> Any:
    """JSON text as strict as the standard: no NaN, no duplicate keys, no absurd depth."""
    name = shown(display)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RecordError(f"{name}:{line}: not valid UTF-8") from None
    depth = json_depth(raw)
    if depth > MAX_DEPTH:
        raise RecordError(f"{name}: nested {depth:,} levels deep (at most {MAX_DEPTH})")
    try:
        data = json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_constant=_constant,
            parse_int=_integer,
            parse_float=_float,
        )
    except json.JSONDecodeError as exc:
        raise RecordError(f"{name}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise RecordError(f"{name}: not valid JSON: {shown(exc)}") from None
    for where, value in _strings(data, "$"):
        if _has_lone_surrogate(value):
            raise RecordError(f"{name}: {where}: contains a lone surrogate (\\ud800-\\udfff)")
    return data


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string of a parsed JSON value (keys too) with its JSON path; depth is bounded."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield where, key
            yield from _strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{where}[{i}]")


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


@functools.cache
def _validator() -> Any:
    import jsonschema

    text = resources.files("ropa").joinpath("data/ropa.schema.json").read_text("utf-8")
    schema = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def json_path(parts: Any) -> str:
    """``$.activities[3].name`` for the path parts of a validation error."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def validate_record(data: Any, display: str) -> None:
    """Raise RecordError with the first problems, each at its JSON path, unless ``data`` is
    a record this ropa reads."""
    name = shown(display)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.path)))
    if errors:
        problems = [
            f"{name}: {shown(json_path(e.absolute_path), 80)}: {shown(e.message, 160)}"
            for e in errors[:MAX_PROBLEMS]
        ]
        if len(errors) > MAX_PROBLEMS:
            problems.append(f"{name}: ... and {len(errors) - MAX_PROBLEMS} more problems")
        raise RecordError(problems)


def load_record(path: Path, display: str | None = None) -> dict[str, Any]:
    """Read, parse and validate a saved ``ropa.json``; every problem is a RecordError."""
    name = display if display is not None else str(path)
    try:
        raw = read_bounded(path, MAX_RECORD_BYTES, name)
    except RecordError:
        raise
    except RopaError as exc:
        if exc.problems[0].endswith(": no such file"):
            raise RecordError(
                f"{shown(name)}: no such file (create it with 'ropa scan --output {shown(name)}')"
            ) from None
        raise RecordError(exc.problems) from None
    data = parse_json(raw, name)
    if not isinstance(data, dict) or "activities" not in data:
        raise RecordError(f"{shown(name)}: not a ropa record (no 'activities')")
    from ropa.record import SCHEMA_VERSION

    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise RecordError(
            f"{shown(name)}: schema_version {shown(repr(version), 40)} is not {SCHEMA_VERSION}, "
            "which this ropa reads; regenerate it with this version"
        )
    validate_record(data, name)
    complete_places(data)
    return data


def complete_places(data: dict[str, Any]) -> None:
    """Give a record saved before regions the keys of places and transfers it lacks, with the
    values that record meant (no region: the vendor's own country), so a diff against it
    shows what really changed and templates find every key."""
    top = data.get("transfers")
    top = top if isinstance(top, list) else []
    names = {
        (t.get("vendor"), t.get("country")): t.get("country_name")
        for t in top
        if isinstance(t, dict)
    }
    holders = [
        data,
        *(a for a in data.get("activities") or () if isinstance(a, dict)),
        # The Art. 30(2) parts repeat their clients' transfers.
        *(c for c in data.get("processing_for_clients") or () if isinstance(c, dict)),
    ]
    for holder in holders:
        if isinstance(holder.get("transfers"), list):
            holder["transfers"] = [
                {
                    "country_name": names.get((t.get("vendor"), t.get("country")))
                    or t.get("country"),
                    "nature": "vendor",
                    "region": None,
                    "city": None,
                    **t,
                }
                if isinstance(t, dict)
                else t
                for t in holder["transfers"]
            ]
    if isinstance(data.get("vendors"), list):
        data["vendors"] = [
            {"region": None, "transfer_document": None, "storage": [], **v}
            if isinstance(v, dict)
            else v
            for v in data["vendors"]
        ]
