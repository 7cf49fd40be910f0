"""Differences in substance between two records: what privacy counsel needs to review.

What one difference is and how it is shown is ``ropa.changes``; this module finds them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from ropa import mirrors
from ropa.changes import Change, canon, visible
from ropa.checks import diag
from ropa.config import Config
from ropa.model import Diagnostic, Location
from ropa.recordio import as_record
from ropa.recordmodel import CodeLocation, Evidence, Record, Transfer

#: Top-level keys that are never compared. ``generated`` is provenance (tool, version, date,
#: commit, dirty) that changes on every build; ``gaps`` is a to-do list derived from the items
#: compared, whose ``where`` names code lines.
NOT_COMPARED = ("generated", "gaps")


@dataclass(frozen=True, slots=True, kw_only=True)
class Collection:
    """A top-level list of items of one kind, each known by its identity keys."""

    key: str
    subject: str
    identity: tuple[str, ...]
    code_locations: str | None = None
    """The one key that holds the item's code locations (path and line): not compared."""
    derived: tuple[str, ...] = ()
    """Keys computed from the identity (an activity's ``id``), ignored when finding renames."""
    renames: bool = True
    """Whether a removed and an added item equal in everything but identity are a rename."""
    joiner: str = "."
    """What joins the identity's parts in the item's name (``aws to US``)."""


COLLECTIONS = (
    # Activities name a client by its key: a new display name is a change to the same client.
    Collection(key="clients", subject="client", identity=("key",)),
    Collection(key="joint_controllers", subject="joint controller", identity=("key",)),
    # Derived from activities, clients and security measures: a change there is reported
    # where it is stated, and here only when the copy disagrees with it (ropa.mirrors).
    Collection(
        key="processing_for_clients",
        subject="Art. 30(2) record of client",
        identity=("client",),
        renames=False,
    ),
    Collection(
        key="activities",
        subject="activity",
        identity=("name",),
        code_locations="locations",
        derived=("id",),
    ),
    Collection(
        key="data_inventory",
        subject="field",
        identity=("model", "field"),
        code_locations="location",
    ),
    # A vendor's key names the company: another key is another vendor, never a rename.
    Collection(
        key="vendors",
        subject="vendor",
        identity=("key",),
        code_locations="locations",
        renames=False,
    ),
    # A vendor may keep data in one country and be reached from another: one transfer each.
    Collection(
        key="transfers",
        subject="transfer",
        identity=("vendor", "country"),
        renames=False,
        joiner=" to ",
    ),
)
#: Single mappings, compared key by key (nested keys dotted: ``ccpa.sells``).
BLOCKS = {
    "controller": "controller",
    "dpo": "DPO",
    "representative": "representative",
    "supervisory_authority": "supervisory authority",
    "notice": "notice",
    "breach": "breach",
    "review": "review",
    "dpo_requirement": "DPO requirement",
}
#: Lists of texts whose order carries no meaning, compared member by member.
SETS = {"jurisdictions": "jurisdiction", "security_measures": "security measure"}
#: The vocabulary's parts: labels and flags of every term the record uses.
VOCABULARY = {
    "categories": "data category",
    "subjects": "data subject",
    "uses": "data use",
    "ccpa_categories": "CCPA category",
}
#: The order changes are listed in: who, what, to whom, then everything else.
_ORDER = (
    "schema_version",
    "controller",
    "dpo",
    "representative",
    "supervisory_authority",
    "role",
    "clients",
    "joint_controllers",
    "processing_for_clients",
    "jurisdictions",
    "activities",
    "data_inventory",
    "vendors",
    "transfers",
    "security_measures",
    "notice",
)


def load_record(path: Path) -> Record:
    """Read a saved ``ropa.json``: bounded, strict JSON, upgraded and validated by the model."""
    from ropa.recordio import load_record as read

    return read(path)


def code_location(collection: Collection, item: BaseModel) -> Location | None:
    """The item's first code location, read from the one field its collection keeps them in.

    Only activities, fields and vendors carry code locations; a vendor's ``location`` is the
    company's address, which is substance, not a place in the code."""
    if collection.code_locations is None:
        return None
    value = getattr(item, collection.code_locations)
    first = value[0] if isinstance(value, tuple) and value else value
    if not isinstance(first, CodeLocation) or first.line < 1:
        return None
    return Location(path=first.path, line=first.line, column=1)


def diff_records(
    old: Record | Mapping[str, Any], new: Record | Mapping[str, Any], *, evidence: bool = False
) -> list[Change]:
    """Every change in substance from ``old`` to ``new``, in a stable order.

    Everything but ``generated``, ``gaps`` and code locations is compared. A record given as
    a dict (one just built) is validated first: a malformed one is a RecordError, never a
    crash in the comparison. ``evidence`` of activities and vendors is compared only when
    asked, and then only which data reaches which recipient through which call from which
    file: moving code changes no evidence."""
    before, after = as_record(old), as_record(new)
    collections = {c.key: c for c in COLLECTIONS}
    renamed = _activity_renames(collections["activities"], before, after, evidence)
    before = _follow_renames(before, renamed)
    changes: list[Change] = []
    for key in sorted(Record.model_fields, key=_rank):
        if key in NOT_COMPARED:
            continue
        a, b = getattr(before, key), getattr(after, key)
        if key == "evidence":
            # The record's own evidence (HTTP requests, files, queues): like that of activities
            # and vendors, compared only when asked, and never by line.
            if evidence:
                old_paths = sorted({_evidence_text(e) for e in a or ()})
                new_paths = sorted({_evidence_text(e) for e in b or ()})
                changes += _members("evidence in code", old_paths, new_paths)
        elif key in collections:
            found = _collection(collections[key], a, b, evidence)
            changes += _unrepeated(collections[key], found, before, after)
        elif key in BLOCKS:
            changes += _block(BLOCKS[key], _plain(a), _plain(b))
        elif key in SETS:
            changes += _members(SETS[key], list(a), list(b))
        elif key == "vocabulary":
            changes += _vocabulary(_plain(a), _plain(b))
        elif canon(_plain(a)) != canon(_plain(b)):
            changes.append(
                Change(
                    kind="changed",
                    subject="record",
                    name=None,
                    key=key,
                    old=_plain(a),
                    new=_plain(b),
                )
            )
    return _located(changes, after, before)


def _unrepeated(
    collection: Collection, changes: list[Change], before: Record, after: Record
) -> list[Change]:
    """``changes`` without those to copies of facts stated elsewhere in the record that agree
    with their source in both records (``ropa.mirrors``): one edit, one change."""
    if collection.key not in mirrors.COPIES:
        return changes
    follows = mirrors.FOLLOWS.get(collection.key, {})
    changed = {(c.name, c.key) for c in changes if c.kind == "changed"}
    old = _keyed(collection, getattr(before, collection.key))
    new = _keyed(collection, getattr(after, collection.key))
    by_label = {_label(k): k for k in old.keys() | new.keys()}

    def repeated(change: Change) -> bool:
        ident = by_label.get(change.name or "")
        if ident is None:
            return False
        if change.kind == "changed" and change.key is not None:
            if (change.name, follows.get(change.key)) in changed:
                return True
            return (
                ident in old
                and ident in new
                and all(
                    mirrors.agrees(record, collection.key, item, change.key)
                    for record, item in ((before, old[ident]), (after, new[ident]))
                )
            )
        if change.kind == "added" and ident in new:
            return mirrors.exists_as_copy(after, collection.key, new[ident]) and (
                mirrors.absent_as_copy(before, collection.key, new[ident])
            )
        if change.kind == "removed" and ident in old:
            return mirrors.exists_as_copy(before, collection.key, old[ident]) and (
                mirrors.absent_as_copy(after, collection.key, old[ident])
            )
        return False

    return [c for c in changes if not repeated(c)]


def _activity_renames(
    collection: Collection, before: Record, after: Record, evidence: bool
) -> dict[str, str]:
    """Old name -> new name of each activity renamed and otherwise unchanged (as the
    comparison of activities will find them)."""
    a, b = _keyed(collection, before.activities), _keyed(collection, after.activities)
    removed = [k for k in sorted(a) if k not in b]
    added = [k for k in sorted(b) if k not in a]
    pairs = _renames(collection, removed, added, a, b, evidence)
    return {old[0]: new[0] for old, new in pairs.items() if old[1] == new[1] == 1}


def _follow_renames(record: Record, renamed: Mapping[str, str]) -> Record:
    """``record`` with the activities that vendors, transfers, clients' records and joint
    controllers list under their new names: one rename is one change, not one per list that
    names the activity."""
    if not renamed:
        return record

    def follow(items: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(
            item.model_copy(
                update={"activities": tuple(renamed.get(a, a) for a in item.activities)}
            )
            for item in items
        )

    return record.model_copy(
        update={
            key: follow(getattr(record, key))
            for key in ("vendors", "transfers", "processing_for_clients", "joint_controllers")
        }
    )


def _plain(value: Any) -> Any:
    """A field's value as ``ropa.json`` holds it: what a change shows and compares."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _evidence_text(entry: Evidence) -> str:
    """What of one piece of evidence does not move with the code: data, recipient, call and
    the file the path starts in."""
    origin = entry.steps[0].path if entry.steps else None
    return f"{entry.data} to {entry.sink} by {entry.call} from {origin}"


def _rank(key: str) -> tuple[int, str]:
    """Keys in the order of ``_ORDER``, then any other, then the vocabulary's labels."""
    if key in _ORDER:
        return _ORDER.index(key), ""
    return len(_ORDER) + (key == "vocabulary"), str(key)


def _declared_at(record: Record) -> dict[str, Location]:
    """Each activity's first place that declares it: an activity's places include the
    processor markers that joined it by ``activity=``, which state a vendor, not the rest."""
    markers = {(loc.path, loc.line) for v in record.vendors for loc in v.locations}
    places: dict[str, Location] = {}
    for activity in record.activities:
        own = [loc for loc in activity.locations if (loc.path, loc.line) not in markers]
        first = next(iter(own or activity.locations), None)
        if first is not None and first.line >= 1 and activity.name not in places:
            places[activity.name] = Location(path=first.path, line=first.line, column=1)
    return places


def _users(record: Record) -> dict[str, Location]:
    """Each vendor's first activity's declaration, by the order of the record's activities."""
    places = _declared_at(record)
    users: dict[str, Location] = {}
    for activity in record.activities:
        where = places.get(activity.name)
        if where is None:
            continue
        for vendor in activity.processors:
            users.setdefault(vendor, where)
    return users


def _located(changes: list[Change], record: Record, baseline: Record) -> list[Change]:
    """An activity's change is placed at its own declaration; a vendor or transfer that no
    processor marker declares (only ``processors=``) at the first activity that uses it, so
    the gate's annotation lands in the code. Something removed keeps the place the baseline
    had it at; a transfer, which has none of its own, is placed at the baseline's first
    activity that made it (the activity removed, or the one whose vendor moved)."""
    places = _declared_at(record)
    users = _users(record)
    before = _users(baseline)

    def located(c: Change) -> Change:
        if c.name is None:
            return c
        if c.kind == "removed":
            if c.location is None and c.subject in ("vendor", "transfer"):
                return replace(c, location=before.get(c.name.partition(" to ")[0]))
            return c
        if c.subject == "activity":
            name = c.new if c.kind == "renamed" and isinstance(c.new, str) else c.name
            return replace(c, location=places.get(name, c.location))
        if c.location is None and c.subject in ("vendor", "transfer"):
            # A transfer is known as ``vendor to COUNTRY``.
            return replace(c, location=users.get(c.name.partition(" to ")[0]))
        return c

    return [located(c) for c in changes]


def _identity(collection: Collection, item: BaseModel) -> str:
    parts = [getattr(item, k) for k in collection.identity]
    if collection.key == "transfers":
        # Storage in a region and access from the head office may reach one country: each is
        # a transfer of its own (``aws to US (storage, us-east-1)``, ``aws to US (access)``).
        return _transfer_name(item)
    # A transfer without a vendor is the controller's own (established outside the EEA).
    return collection.joiner.join(
        p if isinstance(p, str) else "the controller" if p is None else canon(_plain(p))
        for p in parts
    )


def _transfer_name(transfer: Any) -> str:
    who = "the controller" if transfer.vendor is None else transfer.vendor
    name = f"{who} to {transfer.country}"
    details = [] if transfer.nature in ("vendor", "controller") else [transfer.nature]
    details += [transfer.region] if transfer.region else []
    return f"{name} ({', '.join(details)})" if details else name


def _keyed(collection: Collection, items: Sequence[BaseModel]) -> dict[tuple[str, int], BaseModel]:
    """Items by identity and occurrence: in a record with two activities named alike (built
    from code that declares both), the second is compared with the second, never dropped."""
    counts: Counter[str] = Counter()
    out: dict[tuple[str, int], BaseModel] = {}
    for item in items:
        ident = _identity(collection, item)
        counts[ident] += 1
        out[(ident, counts[ident])] = item
    return out


def _label(key: tuple[str, int]) -> str:
    ident, n = key
    return ident if n == 1 else f"{ident} (duplicate {n})"


def _substance(
    collection: Collection, item: BaseModel, evidence: bool, *, for_rename: bool = False
) -> dict[str, Any]:
    """The fields of ``item`` that are compared, as ``ropa.json`` holds them."""
    skip = {collection.code_locations}
    if for_rename:
        skip |= {*collection.identity, *collection.derived}
    out: dict[str, Any] = {}
    for key in type(item).model_fields:
        if key in skip:
            continue
        value = getattr(item, key)
        if key == "evidence":
            # Absent (built with --no-evidence) stays absent, as in the file.
            if not evidence or value is None:
                continue
            out[key] = sorted({_evidence_text(e) for e in value})
            continue
        if key == "transfers" and collection.key == "activities":
            # One text each (``'openai' to United States (US; vendor; dpf)``), not a mapping of
            # seven keys: the same substance, in a ROPA301 line a reviewer can read.
            out[key] = sorted(_transfer_text(t) for t in value)
            continue
        out[key] = _plain(value)
    return out


def _transfer_text(transfer: Transfer) -> str:
    """An activity's transfer as one text holding everything compared of it."""
    who = "the controller" if transfer.vendor is None else f"'{transfer.vendor}'"
    details: list[str] = [transfer.country, transfer.nature, transfer.safeguard or "no safeguard"]
    details += [] if transfer.region is None else [f"region '{transfer.region}'"]
    details += [] if transfer.city is None else [f"city '{transfer.city}'"]
    return f"{who} to {transfer.country_name} ({'; '.join(details)})"


def _renames(
    collection: Collection,
    removed: list[tuple[str, int]],
    added: list[tuple[str, int]],
    before: Mapping[tuple[str, int], BaseModel],
    after: Mapping[tuple[str, int], BaseModel],
    evidence: bool,
) -> dict[tuple[str, int], tuple[str, int]]:
    """Removed items paired with added ones equal to them in everything but their name."""
    if not collection.renames:
        return {}
    signatures = {
        key: canon(_substance(collection, after[key], evidence, for_rename=True)) for key in added
    }
    pairs: dict[tuple[str, int], tuple[str, int]] = {}
    for key in removed:
        sig = canon(_substance(collection, before[key], evidence, for_rename=True))
        match = next((k for k, s in signatures.items() if s == sig), None)
        if match is not None:
            pairs[key] = match
            del signatures[match]
    return pairs


def _collection(
    collection: Collection,
    old: Sequence[BaseModel],
    new: Sequence[BaseModel],
    evidence: bool,
) -> list[Change]:
    before, after = _keyed(collection, old), _keyed(collection, new)
    subject = collection.subject
    removed = [k for k in sorted(before) if k not in after]
    added = [k for k in sorted(after) if k not in before]
    renamed = _renames(collection, removed, added, before, after, evidence)
    targets = set(renamed.values())
    changes: list[Change] = []
    for key in sorted(before.keys() | after.keys()):
        name = _label(key)
        if key in renamed:
            target = _label(renamed[key])
            where = code_location(collection, after[renamed[key]])
            changes.append(
                Change(
                    kind="renamed", subject=subject, name=name, old=name, new=target, location=where
                )
            )
        elif key not in after:
            old_item = _substance(collection, before[key], evidence)
            # Where the reviewed record had it: the line may have moved since, but the place
            # is where a reviewer looks for what went.
            where = code_location(collection, before[key])
            changes.append(
                Change(kind="removed", subject=subject, name=name, old=old_item, location=where)
            )
        elif key not in before:
            if key in targets:
                continue
            new_item = _substance(collection, after[key], evidence)
            where = code_location(collection, after[key])
            changes.append(
                Change(kind="added", subject=subject, name=name, new=new_item, location=where)
            )
        else:
            changes += _item(collection, name, before[key], after[key], evidence)
    return changes


def _item(
    collection: Collection, name: str, old: BaseModel, new: BaseModel, evidence: bool
) -> list[Change]:
    """Each field of one item that changed."""
    a, b = _substance(collection, old, evidence), _substance(collection, new, evidence)
    where = code_location(collection, new)
    return [
        Change(
            kind="changed",
            subject=collection.subject,
            name=name,
            key=key,
            old=a.get(key),
            new=b.get(key),
            location=where,
        )
        for key in sorted(a.keys() | b.keys())
        if canon(a.get(key)) != canon(b.get(key))
    ]


def _flatten(value: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, item in value.items():
        dotted = f"{prefix}{key}"
        if isinstance(item, Mapping) and item:
            out.update(_flatten(item, dotted + "."))
        else:
            out[dotted] = item
    return out


def _block(subject: str, old: Any, new: Any) -> list[Change]:
    if canon(old) == canon(new):
        return []
    if old is None or new is None:
        kind = "added" if old is None else "removed"
        return [Change(kind=kind, subject=subject, name=None, old=old, new=new)]
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return [Change(kind="changed", subject=subject, name=None, old=old, new=new)]
    a, b = _flatten(old), _flatten(new)
    return [
        Change(kind="changed", subject=subject, name=None, key=key, old=a.get(key), new=b.get(key))
        for key in sorted(a.keys() | b.keys())
        if canon(a.get(key)) != canon(b.get(key))
    ]


def _members(subject: str, old: Any, new: Any) -> list[Change]:
    if not isinstance(old or [], list) or not isinstance(new or [], list):
        return _whole(subject, old, new)
    before = Counter(canon(v) for v in old or [])
    after = Counter(canon(v) for v in new or [])
    values = {canon(v): v for v in [*(old or []), *(new or [])]}

    def named(text: str) -> str:
        value = values[text]
        return value if isinstance(value, str) else text

    changes = [
        Change(kind="removed", subject=subject, name=named(t), old=values[t])
        for t in sorted((before - after).elements())
    ]
    changes += [
        Change(kind="added", subject=subject, name=named(t), new=values[t])
        for t in sorted((after - before).elements())
    ]
    return changes


def _vocabulary(old: Any, new: Any) -> list[Change]:
    """Changed labels and flags of terms both records use (a term newly used or no longer
    used follows from a change reported where it is used)."""
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return _whole("vocabulary", old, new)
    changes: list[Change] = []
    for part in sorted(old.keys() & new.keys()):
        subject = VOCABULARY.get(part, f"vocabulary {part}")
        a, b = old[part], new[part]
        if not isinstance(a, Mapping) or not isinstance(b, Mapping):
            changes += _whole(f"vocabulary.{part}", a, b)
            continue
        for term in sorted(a.keys() & b.keys()):
            if not isinstance(a[term], Mapping) or not isinstance(b[term], Mapping):
                if canon(a[term]) != canon(b[term]):
                    changes.append(
                        Change(kind="changed", subject=subject, name=term, old=a[term], new=b[term])
                    )
                continue
            x, y = _flatten(a[term]), _flatten(b[term])
            changes += [
                Change(
                    kind="changed", subject=subject, name=term, key=k, old=x.get(k), new=y.get(k)
                )
                for k in sorted(x.keys() | y.keys())
                if canon(x.get(k)) != canon(y.get(k))
            ]
    return changes


def _whole(key: str, old: Any, new: Any) -> list[Change]:
    if canon(old) == canon(new):
        return []
    return [Change(kind="changed", subject="record", name=None, key=key, old=old, new=new)]


def baseline_diagnostics(
    path: Path, record: Record | Mapping[str, Any], config: Config | None = None
) -> list[Diagnostic]:
    """ROPA301 for each change from the reviewed baseline to the scanned record, at the line
    that states the changed value: in the code, or in ``config`` (ropa.yaml) when it is there."""
    baseline = load_record(path)
    return [
        diag(
            "ROPA301",
            f"differs from the baseline: {change.describe()}",
            _config_location(change, config) or change.location,
            # The baseline's path once per line, where the command to update it needs it.
            f"review it, then update the baseline with "
            f"'ropa scan --output {visible(path.as_posix())}'",
        )
        for change in diff_records(baseline, record)
    ]


#: Where ropa.yaml states what a change names: the key of each block, set and collection.
_CONFIG_KEYS = {
    **{subject: key for key, subject in BLOCKS.items()},
    **{subject: key for key, subject in SETS.items()},
    "client": "clients",
    "joint controller": "joint_controllers",
    "vendor": "vendors",
    "record": "",
}


#: The ropa.yaml list each collection declared in code or ropa.yaml is written under.
_LISTED = {"activity": "activities"}


def _config_location(change: Change, config: Config | None) -> Location | None:
    """The ropa.yaml line of the value a change names, most specific first (``dpo.email``,
    ``vendors.stripe.country``, ``notice.ccpa`` for ``ccpa.sells``), when ropa.yaml states
    it; None for what only the code states (an activity, a field), and for a vendor or a
    transfer ropa.yaml does not list."""
    if config is None or config.path is None:
        return None
    if (
        change.kind == "removed"
        and change.location is not None
        and PurePosixPath(change.location.path).name == Path(config.path).name
        and change.subject in _LISTED
    ):
        # Removed from ropa.yaml: its old line now holds something else; the list it was in
        # is where it went missing.
        line = config.lines.get(_LISTED[change.subject])
        return Location(path=str(config.path), line=line, column=1) if line else None
    if change.subject not in _CONFIG_KEYS:
        return None
    top = _CONFIG_KEYS[change.subject] if change.subject != "record" else (change.key or "")
    if not top:
        return None
    parts = [top]
    if change.name is not None and change.subject not in SETS.values():
        parts.append(change.name)
    if change.key is not None and change.subject != "record":
        parts += change.key.split(".")
    candidates = [".".join(parts[:n]) for n in range(len(parts), 0, -1)]
    if change.subject == "vendor":
        # A vendor ropa.yaml does not list is placed in the code, where it is used.
        candidates = [c for c in candidates if c != "vendors"]
    line = next((config.lines[c] for c in candidates if c in config.lines), None)
    if line is None:
        return None
    return Location(path=str(config.path), line=line, column=1)
