"""Saved records read from disk: bounded, strictly parsed, upgraded and validated by the model."""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import stat
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ropa.errors import RecordError, RopaError
from ropa.model import ACCOUNTABILITY_KEYS
from ropa.recordmodel import SCHEMA_VERSION, Record

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
    for where, value in _strings(data, ()):
        if _has_lone_surrogate(value):
            at = shown(json_path(where), 80)
            raise RecordError(f"{name}: {at}: contains a lone surrogate (\\ud800-\\udfff)")
    return data


def _strings(
    value: Any, where: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string of a parsed JSON value (keys too) with its path; depth is bounded."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield where, key
            yield from _strings(item, (*where, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*where, i))


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def json_path(parts: Sequence[str | int]) -> str:
    """``activities[3].retention`` for the location of a problem in a record."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _NAME.fullmatch(part):
            out += f".{part}" if out else part
        else:  # a vocabulary key such as "user.name"
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out or "the record"


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# pydantic's words where they would name Python types: a record is JSON.
_WORDING = {
    "missing": "required key missing",
    "extra_forbidden": "unknown key",
    "tuple_type": "should be a list",
    "list_type": "should be a list",
    "model_type": "should be an object",
    "dict_type": "should be an object",
    "model_attributes_type": "should be an object",
}


def _problem(error: Mapping[str, Any]) -> str:
    """One pydantic error as ``what is wrong (got VALUE)``."""
    kind = str(error.get("type"))
    message = _WORDING.get(kind) or str(error.get("msg")).removeprefix("Input ")
    value = error.get("input")
    if kind != "missing" and (value is None or isinstance(value, str | int | float | bool)):
        message += f" (got {shown(json.dumps(value, ensure_ascii=False), 60)})"
    return message


def parse_record(data: Any, display: str) -> Record:
    """The typed record of the JSON value ``data``, or a RecordError with the first
    problems, each at its place in the record (``activities[2].retention: ...``)."""
    name = shown(display)
    try:
        return Record.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    problems = [
        f"{name}: {shown(json_path(e['loc']), 80)}: {shown(_problem(e), 160)}"
        for e in errors[:MAX_PROBLEMS]
    ]
    if len(errors) > MAX_PROBLEMS:
        problems.append(f"{name}: ... and {len(errors) - MAX_PROBLEMS} more problems")
    raise RecordError(problems)


def as_record(record: Record | Mapping[str, Any]) -> Record:
    """``record`` typed: a record given as JSON data (a baseline, an edited copy) is checked
    like one read from disk, and upgraded first when it is of version 1."""
    if isinstance(record, Record):
        return record
    data = dict(record)
    if data.get("schema_version") == 1 and type(data["schema_version"]) is int:
        data = upgrade_v1(data)
    return parse_record(data, "the record")


def load_record(path: Path, display: str | None = None) -> Record:
    """Read, parse, upgrade and validate a saved ``ropa.json``; every problem is a
    RecordError."""
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
    version = data.get("schema_version")
    if version == 1 and type(version) is int:
        data = upgrade_v1(data)
    elif version != SCHEMA_VERSION or type(version) is not int:
        raise RecordError(
            f"{shown(name)}: schema_version {shown(repr(version), 40)} is not "
            f"{SCHEMA_VERSION} (or 1), which this ropa reads; regenerate it with this version"
        )
    return parse_record(data, name)


#: What version 2 added to an activity, with the value a version 1 record meant by leaving
#: it out (the role is the record's own).
_ACTIVITY_V2: dict[str, Any] = {
    "on_behalf_of": [],
    "joint_controllers": [],
    **dict.fromkeys(ACCOUNTABILITY_KEYS),
}
_RECORD_V2: dict[str, Any] = {
    "clients": [],
    "joint_controllers": [],
    "processing_for_clients": [],
    "breach": None,
    "review": None,
    "privacy_policy_url": None,
    "dpo_requirement": None,
}
_GAP_V2 = {"activity": None, "vendor": None, "code": "ROPA120", "level": "warning"}


def upgrade_v1(data: dict[str, Any]) -> dict[str, Any]:
    """A version 1 record in the shape of version 2.

    Version 1 grew key by key (roles, regions, accountability papers) while keeping its
    number, so a baseline saved by an earlier ropa lacks keys today's records always have.
    Each missing key gets the value the older ropa meant by its absence (no clients, no
    region, nothing declared), so ``ropa diff`` and the drift gate compare it with a new
    record and report only what really changed. Keys it has are kept as they are; whatever
    is wrong with them is reported by the validation that follows.
    """
    out = {**_RECORD_V2, **data, "schema_version": SCHEMA_VERSION}
    role = out.get("role", "controller")
    out.setdefault("role", "controller")
    if isinstance(out.get("activities"), list):
        out["activities"] = [
            {"role": role, **_ACTIVITY_V2, **a} if isinstance(a, dict) else a
            for a in out["activities"]
        ]
    if isinstance(out.get("gaps"), list):
        out["gaps"] = [
            {"id": g.get("item"), **_GAP_V2, **g} if isinstance(g, dict) else g for g in out["gaps"]
        ]
    complete_places(out)
    return out


def _place_key(transfer: Mapping[str, Any]) -> tuple[str, str] | None:
    """(vendor, country) of a transfer; None for values of another type, which an upgrade
    meets before validation refuses them (a list is no key of a dict)."""
    vendor, country = transfer.get("vendor"), transfer.get("country")
    if isinstance(vendor, str | None) and isinstance(country, str):
        return (vendor or "", country)
    return None


def complete_places(data: dict[str, Any]) -> None:
    """Give a record saved before regions the keys of places and transfers it lacks, with the
    values that record meant (no region: the vendor's own country), so a diff against it
    shows what really changed and templates find every key."""
    top = data.get("transfers")
    top = top if isinstance(top, list) else []
    names = {_place_key(t): t.get("country_name") for t in top if isinstance(t, dict)}
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
                    "country_name": names.get(_place_key(t)) or t.get("country"),
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
