"""Facts the record states twice, and whether a copy agrees with what it copies.

The record repeats some facts for its readers: a vendor lists the activities that use it (each
activity lists its processors), a transfer lists its activities (each activity lists its
transfers), a joint controller lists its activities, and each client's Art. 30(2) record
repeats the client's details, the activities done for it with their purposes, data, subjects,
sub-processors and transfers, and the record's security measures. One edit to a project
changes a fact and every copy of it; the drift gate reports the fact once, where it is stated,
and a copy only when it disagrees with its source in either record (a hand-edited baseline),
so that nothing changed in substance goes unreported.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from ropa.changes import canon
from ropa.recordmodel import (
    Activity,
    ClientRecord,
    JointController,
    Record,
    RecordTransfer,
    Transfer,
    Vendor,
)

#: Keys that copy other parts of the record, by the collection holding them.
COPIES: dict[str, frozenset[str]] = {
    "vendors": frozenset({"activities", "data_categories", "safeguard"}),
    # A transfer for storage names the region and city the vendor's storage states.
    "transfers": frozenset({"activities", "region", "city"}),
    "activities": frozenset({"transfers"}),
    "joint_controllers": frozenset({"activities"}),
    "processing_for_clients": frozenset(
        {
            "name",
            "contact",
            "representative",
            "dpo",
            "activities",
            "categories_of_processing",
            "data_categories",
            "data_subjects",
            "sub_processors",
            "transfers",
            "security_measures",
        }
    ),
}

#: Keys that only name another key's value in words (a country's name follows its code):
#: reported only when that other key stays the same.
FOLLOWS: dict[str, dict[str, str]] = {"vendors": {"country_name": "country"}}


class OneOf(frozenset[Any]):
    """Any of these values is what the source says (a vendor stores data in two regions)."""


#: What ``_expected`` says when the record does not hold a copy's source once.
_UNKNOWN: Any = object()

#: Collections whose items exist only as copies: a client's Art. 30(2) record is there for
#: every client of ``clients``, so it comes and goes with the client.
WHOLE_COPIES = frozenset({"processing_for_clients"})


def agrees(record: Record, collection: str, item: BaseModel, key: str) -> bool:
    """Whether ``item.key`` is exactly what the rest of ``record`` says it copies."""
    if key not in COPIES.get(collection, ()):
        return False
    expected = _expected(record, item, key)
    if isinstance(expected, OneOf):
        return getattr(item, key) in expected
    return expected is not _UNKNOWN and _same(getattr(item, key), expected)


def exists_as_copy(record: Record, collection: str, item: BaseModel) -> bool:
    """Whether ``item`` is in ``record`` exactly when its source is (a client's record and
    the client)."""
    if collection not in WHOLE_COPIES or not isinstance(item, ClientRecord):
        return False
    clients = [c.key for c in record.clients]
    return clients.count(item.client) == 1


def absent_as_copy(record: Record, collection: str, item: BaseModel) -> bool:
    """Whether ``item``'s absence from ``record`` matches its source's absence."""
    if collection not in WHOLE_COPIES or not isinstance(item, ClientRecord):
        return False
    return all(c.key != item.client for c in record.clients)


def _same(value: Any, expected: Iterable[Any] | Any) -> bool:
    """Equal as the comparison sees them: lists as sets of their members."""
    if isinstance(value, tuple | list):
        if not isinstance(expected, list | tuple | set | frozenset):
            return False
        return sorted(canon(_plain(v)) for v in value) == sorted(canon(_plain(v)) for v in expected)
    return canon(_plain(value)) == canon(_plain(expected))


def _plain(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def _transfer(t: Transfer) -> dict[str, Any]:
    """A transfer as an activity holds it, whatever model carries it."""
    return Transfer.model_validate({k: getattr(t, k) for k in Transfer.model_fields}).model_dump(
        mode="json"
    )


def _same_transfer(a: Transfer, b: Transfer) -> bool:
    return (a.vendor, a.country, a.nature, a.region) == (b.vendor, b.country, b.nature, b.region)


def _expected(record: Record, item: BaseModel, key: str) -> Any:
    activities = record.activities
    if isinstance(item, Vendor):
        if key == "safeguard":
            # The safeguard of the vendor's first transfer, shown in the vendor table.
            found = [t.safeguard for t in record.transfers if t.vendor == item.key]
            return OneOf(found) if found else None
        users = [a for a in activities if item.key in a.processors]
        if key == "data_categories":
            # Unless a processor marker adds data of its own, which only the code states.
            return sorted({d for a in users for d in a.data_categories})
        return [a.name for a in users]
    if isinstance(item, RecordTransfer):
        if key in ("region", "city"):
            return _stored_at(record, item, key)
        return [a.name for a in activities if any(_same_transfer(t, item) for t in a.transfers)]
    if isinstance(item, Activity):
        listed = [t for t in record.transfers if item.name in t.activities]
        return [_transfer(t) for t in listed]
    if isinstance(item, JointController):
        return [a.name for a in activities if item.key in a.joint_controllers]
    if isinstance(item, ClientRecord):
        return _client_copy(record, item.client, key)
    return _UNKNOWN


def _stored_at(record: Record, transfer: RecordTransfer, key: str) -> Any:
    """The region or city of a transfer for storage: one the vendor's storage states in that
    country (and, for the city, that region); none for any other kind of transfer."""
    if transfer.nature != "storage":
        return None
    vendors = [v for v in record.vendors if v.key == transfer.vendor]
    if len(vendors) != 1:
        return _UNKNOWN
    places = [s for s in vendors[0].storage if s.country == transfer.country]
    if key == "city":
        places = [s for s in places if s.region == transfer.region]
    return OneOf(getattr(s, key) for s in places)


def _client_copy(record: Record, client: str, key: str) -> Any:
    sources = [c for c in record.clients if c.key == client]
    if len(sources) != 1:
        return _UNKNOWN
    if key in ("name", "contact", "representative", "dpo"):
        return getattr(sources[0], key)
    if key == "security_measures":
        return list(record.security_measures)
    mine = [a for a in record.activities if a.role == "processor" and client in a.on_behalf_of]
    if key == "activities":
        return [a.name for a in mine]
    if key == "categories_of_processing":
        return sorted({a.purpose for a in mine if a.purpose})
    if key == "data_categories":
        return sorted({d for a in mine for d in a.data_categories})
    if key == "data_subjects":
        return sorted({s for a in mine for s in a.data_subjects})
    if key == "sub_processors":
        return sorted({p for a in mine for p in a.processors})
    if key == "transfers":
        return list({canon(_transfer(t)): _transfer(t) for a in mine for t in a.transfers}.values())
    return _UNKNOWN
