"""The documents' view: the record's parts worded and grouped as the templates show them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ropa import i18n
from ropa.flow.evidence import outside_host
from ropa.markup import _unique, safe_url
from ropa.noticeview import (
    _days,
    _vocab,
    audiences,
    ccpa_rows,
    mechanisms,
    relies_on_consent,
)
from ropa.recordmodel import (
    Activity,
    Client,
    ClientRecord,
    InventoryField,
    JointController,
    Record,
    RecordBody,
    Retention,
    Storage,
    Transfer,
    Vendor,
)
from ropa.registry import country_phrase
from ropa.templating import gap_lookup
from ropa.wording import (
    ENGLISH,
    NOTICE_TITLE,
    ORIGIN_DEVICE,
    ORIGIN_YOU,
    RECORD_TITLE,
    RIGHTS_BY_BASIS,
    SAFEGUARD_COPY,
    SAFEGUARD_LABELS,
    SAFEGUARD_PLAIN,
    SOURCE_LABELS,
    Wording,
    _label,
    _nature_text,
    _origins,
    duration_text,
    head_office,
    place_text,
    registry_text,
    safeguard_citation,
)

# The view: what the templates need computed from the record, so they stay readable.


_UNDECLARED_GAP = "art30_1_d_recipients:undeclared:"


def _anchors(activities: Iterable[Activity], prefix: str) -> dict[str, str]:
    """A unique HTML id per activity name (two names may slug alike)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for a in activities:
        base = f"{prefix}-{a.id}"
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        out[a.name] = anchor
    return out


#: What a record-level evidence entry names when its sink is no host.
_SINK_KINDS = frozenset({"http", "file", "queue"})


def document_view(record: Record, wording: Wording | None = None) -> dict[str, Any]:
    """Everything both documents show that takes more than a lookup to find, worded in
    ``wording``'s language (English by default).

    It reads the typed record; what it hands templates is plain data: each part's fields as
    ``model_dump`` gives them (a translated text keeps its ``Untranslated`` mark), with what
    the view computes added, so templates see one shape, that of ``ropa.json``.
    """
    w = wording or ENGLISH
    activities = record.activities
    gaps = [g.model_dump() for g in record.gaps]
    gap = gap_lookup(gaps)
    # The notice speaks as controller: what we do for clients is in their notices, and only
    # named in a short section of ours (processor activities are never in its purposes).
    in_notice = [a for a in activities if a.notice and a.role != "processor"]
    for_customers = [a for a in activities if a.notice and a.role == "processor"]
    clients: dict[str, Client | JointController] = {c.key: c for c in record.clients}
    partners: dict[str, Client | JointController] = {j.key: j for j in record.joint_controllers}
    names = {a.name for a in in_notice}
    vendors = {v.key: v for v in record.vendors}
    transfers = {_transfer_key(t): t for t in record.transfers}
    vocabulary = record.vocabulary
    us = str(record.controller.name or w("The controller"))

    def transfer_view(t: Transfer) -> dict[str, Any]:
        full = transfers.get(_transfer_key(t))
        vendor = vendors.get(t.vendor) if t.vendor else None
        return {
            **t.model_dump(),
            "vendor_name": vendor.name if vendor else t.vendor or us,
            "country_name": w.country(t.country, (full or t).country_name or t.country),
            "adequacy_decision": full.adequacy_decision if full else None,
            "activities": list(full.activities) if full else [],
            "nature_text": _nature_text(t, wording=w),
            "nature_phrase": _nature_text(t, phrase=True, wording=w),
            **_safeguard_view(t.safeguard, vendor, w),
        }

    def label(kind: str) -> Callable[[str], str]:
        return lambda key: str(w.vocab(kind, _vocab(vocabulary, kind, key)))

    cat, subj, use = label("categories"), label("subjects"), label("uses")

    def category(key: str) -> dict[str, Any]:
        return {
            "key": key,
            "label": cat(key),
            "description": w.vocab(
                "categories", _vocab(vocabulary, "categories", key, "description")
            )
            or "",
            "special": _vocab(vocabulary, "categories", key, "special"),
            "ccpa": list(_vocab(vocabulary, "categories", key, "ccpa") or []),
            "ccpa_sensitive": bool(_vocab(vocabulary, "categories", key, "ccpa_sensitive")),
        }

    def by_label(keys: Iterable[str]) -> list[dict[str, Any]]:
        return sorted((category(k) for k in set(keys)), key=lambda c: (c["label"], c["key"]))

    def kept_in(place: Storage) -> str:
        """A place as it stands after "kept in": ``the United States`` in English."""
        text = place_text(place, w)
        bare = not place.region or place.region == place.country
        return country_phrase(text) if bare and w.lang == i18n.DEFAULT_LANGUAGE else text

    def vendor_view(v: Vendor) -> dict[str, Any]:
        recipient_gaps = gap("art30_1_d_recipients", vendor=v.key)
        services = registry_text(v, v.services, w)
        return {
            **v.model_dump(),
            "services": services,
            "location": head_office(v, w),
            "storage_text": "; ".join(kept_in(p) for p in v.storage),
            # Where the data is, then the head office: a list item's place of a recipient.
            "where_text": f"data kept in {'; '.join(kept_in(p) for p in v.storage)}; "
            f"head office {v.location}"
            if v.storage
            else v.location,
            "transfers": [transfer_view(t) for t in record.transfers if t.vendor == v.key],
            "categories": by_label(v.data_categories),
            "purpose_texts": _unique([services, *(registry_text(v, p, w) for p in v.purposes)]),
            "recipient_gaps": recipient_gaps,
            # Nothing received: its disclosures are unlinked, or its activities lack data.
            "data_gaps": recipient_gaps + gap("art30_1_c_categories", v.activities),
        }

    def inventory_row(row: InventoryField) -> dict[str, Any]:
        return {
            **row.model_dump(),
            "category_labels": [cat(k) for k in row.categories],
            "subjects_text": ", ".join(subj(s) for s in row.subjects) or "Not declared",
            "retention_text": duration_text(row.retention.iso, row.retention.text)
            if row.retention
            else "Not declared",
            "source_text": _label(SOURCE_LABELS, row.source),
        }

    def client_view(c: ClientRecord) -> dict[str, Any]:
        """A client's Art. 30(2) part with the views of its activities and sub-processors."""
        names = set(c.activities)
        return {
            **c.model_dump(),
            "activity_views": [a for a in record_activities if a["name"] in names],
            "sub_processor_views": [
                vendor_view(vendors[k]) for k in c.sub_processors if k in vendors
            ],
            "unknown_sub_processors": [k for k in c.sub_processors if k not in vendors],
            "transfer_rows": [transfer_view(t) for t in c.transfers],
        }

    def activity_view(a: Activity, among: set[str]) -> dict[str, Any]:
        recipients = [vendor_view(vendors[k]) for k in a.processors if k in vendors]
        return {
            **a.model_dump(),
            "retention": _retention_view(a.retention, w),
            "uses_cookies": any(k.startswith("user.device.cookie") for k in a.data_categories),
            "categories": by_label(a.data_categories),
            "subjects": [subj(s) for s in a.data_subjects],
            "use_labels": [use(u) for u in a.uses],
            "vendors": recipients,
            "unknown_processors": [k for k in a.processors if k not in vendors],
            "transfer_rows": [transfer_view(t) for t in a.transfers],
            "special_data": [
                c for c in by_label(a.data_categories) if c["special"] in ("art9", "art10")
            ],
            "rights": list(RIGHTS_BY_BASIS.get(a.legal_basis or "", ()))
            + (["automated"] if a.automated_decision else []),
            "joint_controllers": [v for v in recipients if v["role"] == "joint_controller"],
            "in_scope": a.name in among,
            "clients": [
                counterpart(clients, k, gap("art30_2_a_clients", a.name)) for k in a.on_behalf_of
            ],
            "partners": [
                counterpart(partners, k, gap("art26_joint_controllers", a.name))
                for k in a.joint_controllers
            ],
        }

    def counterpart(
        known: Mapping[str, Client | JointController], key: str, gaps: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """A client or joint controller an activity names; an unknown key carries its gap."""
        if key in known:
            return {**known[key].model_dump(), "gaps": []}
        mine = [g for g in gaps if str(g["id"]).endswith(f":{key}")]
        blank = dict.fromkeys(("contact", "address", "responsibilities", "arrangement"))
        return {**blank, "representative": None, "dpo": None, "key": key, "name": key, "gaps": mine}

    all_names = {a.name for a in activities}
    record_activities = [activity_view(a, all_names) for a in activities]
    notice_activities = [activity_view(a, names) for a in in_notice]

    # Vendors: the notice names those serving an activity in it, and those whose disclosure
    # is not linked to any activity (still a disclosure the public must hear about).
    def notice_vendor(v: Vendor) -> dict[str, Any] | None:
        shown = [n for n in v.activities if n in names]
        if v.activities and not shown:
            return None
        return {**vendor_view(v), "notice_activities": shown}

    notice_vendors = [nv for v in record.vendors if (nv := notice_vendor(v)) is not None]
    notice_transfers = [
        {**transfer_view(t), "notice_activities": [n for n in t.activities if n in names]}
        for t in record.transfers
        if any(n in names for n in t.activities)
    ]

    def other_recipients(acts: Sequence[Activity]) -> list[dict[str, Any]]:
        found: dict[str, list[str]] = {}
        for a in acts:
            for r in a.recipients:
                found.setdefault(r, []).append(a.name)
        return [{"name": r, "activities": found[r]} for r in sorted(found)]

    categories = by_label(k for a in in_notice for k in a.data_categories)
    for c in categories:
        users = [a for a in in_notice if c["key"] in a.data_categories]
        c["sources"] = _unique(a.source for a in users)
        c["activities"] = [a.name for a in users]
        c["origins"] = _origins(c["key"], c["sources"], w)

    retained = [(a, _days(a["retention"]["iso"])) for a in notice_activities if a["retention"]]
    durations = sorted((d, a["retention"]["text"]) for a, d in retained if d is not None)
    criteria = _unique(a["retention"]["text"] for a, d in retained if d is None)

    grouped: dict[str, list[InventoryField]] = {}
    for row in record.data_inventory:
        grouped.setdefault(row.model, []).append(row)

    def notice_gaps(item: str | Iterable[str]) -> list[dict[str, Any]]:
        """The gaps of ``item`` the notice shows: its activities' and the project's."""
        return [g for g in gap(item) if g["activity"] is None or g["activity"] in names]

    notice = {
        "activities": notice_activities,
        "categories": categories,
        "special": [c for c in categories if c["special"] in ("art9", "art10")],
        "purposes": _unique(
            label for a in notice_activities for label in (a["use_labels"] or [a["name"]])
        ),
        "vendors": notice_vendors,
        "sdks": [v for v in notice_vendors if v["sdk"]],
        "transfers": notice_transfers,
        # "in the United Kingdom" in English; other languages set the country in brackets.
        "mechanisms": [
            {
                **g,
                "country_phrase": country_phrase(g["country_name"])
                if w.lang == i18n.DEFAULT_LANGUAGE
                else g["country_name"],
            }
            for g in mechanisms(notice_transfers, vendors)
        ],
        "recipients": other_recipients(in_notice),
        "origins": _unique(o for c in categories for o in c["origins"]),
        "from_you": any(w(ORIGIN_YOU) in c["origins"] for c in categories),
        "from_device": any(w(ORIGIN_DEVICE) in c["origins"] for c in categories),
        "from_others": _unique(
            o
            for c in categories
            for o in c["origins"]
            if o not in (w(ORIGIN_YOU), w(ORIGIN_DEVICE))
        ),
        "indirect": [a for a in notice_activities if a["source"] != "data_subject"],
        "audiences": audiences(notice_activities, vocabulary, w),
        "consent": [a for a in notice_activities if relies_on_consent(a)],
        "objection": [
            a
            for a in notice_activities
            if a["legal_basis"] in ("legitimate_interests", "public_task")
        ],
        "portability": [
            a for a in notice_activities if a["legal_basis"] in ("consent", "contract")
        ],
        "no_erasure": [
            a for a in notice_activities if a["legal_basis"] in ("legal_obligation", "public_task")
        ],
        "automated": [a for a in notice_activities if a["automated_decision"] or a["profiling"]],
        "requirements": [a for a in notice_activities if a["requirement"]],
        "voluntary": [
            a for a in notice_activities if not a["requirement"] and a["legal_basis"] == "consent"
        ],
        "requirement_missing": gap("art13_2_e_requirement", names),
        "gaps": notice_gaps,
        "no_retention": [a for a in notice_activities if not a["retention"]],
        "shortest": durations[0][1] if durations else None,
        "longest": durations[-1][1] if durations else None,
        "criteria": criteria,
        "anchors": _anchors(in_notice, "purpose"),
        "ccpa": ccpa_rows(vocabulary, notice_activities, notice_vendors, w),
        "ccpa_sensitive": [c for c in categories if c["ccpa_sensitive"]],
        "ccpa_sources": _unique(a.source for a in in_notice),
        # Kinds of service done for customers as their processor, without the customers.
        "for_customers": _unique(a.purpose or a.name for a in for_customers),
        "joint": [a for a in notice_activities if a.get("role") == "joint_controller"],
    }
    return {
        "record_title": RECORD_TITLE,
        "notice_title": w(NOTICE_TITLE),
        "gap": gap,
        # Vendor SDKs the code uses that no declaration names (ROPA202): no document may say
        # that nobody receives the data, or that none leaves the EEA.
        "undeclared": [g for g in gaps if g["id"].startswith(_UNDECLARED_GAP)],
        # Record-level evidence: files, queues and HTTP requests; a request to a host outside
        # this machine and its network reaches an organisation no activity declares (ROPA205).
        "elsewhere": [
            {**e.model_dump(), "outside": e.sink not in _SINK_KINDS and outside_host(e.sink)}
            for e in record.evidence or ()
        ],
        "activities": record_activities,
        "anchors": _anchors(activities, "activity"),
        "recipients": other_recipients(activities),
        "vendors": [vendor_view(v) for v in record.vendors],
        "vendor_names": {key: v.name for key, v in vendors.items()},
        # Evidence names its data by category key and its recipient by vendor key or kind:
        # the record shows each with its label first (``Email address``, ``Stripe, Inc.``).
        "data_labels": {key: term.label for key, term in record.vocabulary.categories.items()},
        "transfers": [transfer_view(t) for t in record.transfers],
        # The controller established outside the EEA (its transfer), or None.
        "abroad": next(
            (
                {
                    **transfer_view(t),
                    "country_phrase": country_phrase(t.country_name)
                    if w.lang == i18n.DEFAULT_LANGUAGE
                    else w.country(t.country, t.country_name),
                }
                for t in record.transfers
                if t.nature == "controller"
            ),
            None,
        ),
        "joint_controllers": [
            v.model_dump() for v in record.vendors if v.role == "joint_controller"
        ],
        "role_text": _role_text(record),
        # The Art. 30(2) part: a project in processor role, or any activity done for a client.
        "processor_part": record.role == "processor"
        or any(a.role == "processor" for a in activities),
        "client_records": [client_view(c) for c in record.processing_for_clients],
        "inventory": [
            _inventory_group(model, [inventory_row(row) for row in rows])
            for model, rows in sorted(grouped.items())
        ],
        "notice": notice,
    }


def _transfer_key(t: Transfer) -> tuple[str, str, str, str]:
    return (t.vendor or "", t.country, t.nature, t.region or "")


def _safeguard_view(
    safeguard: str | None, vendor: Vendor | None, wording: Wording | None = None
) -> dict[str, Any]:
    """The notice's wording of a safeguard, and how to see the instrument (Art. 13(1)(f)):
    the vendor's ``transfer_document`` linked when it is a web address, else "ask us"."""
    w = wording or ENGLISH
    plain, ref = SAFEGUARD_PLAIN.get(str(safeguard), (_label(SAFEGUARD_LABELS, safeguard), ""))
    document = vendor.transfer_document if vendor else None
    return {
        "safeguard_plain": w(plain),
        "safeguard_ref": safeguard_citation(ref, w),
        "ask_copy": safeguard in SAFEGUARD_COPY,
        "document_url": safe_url(document),
        "document": document,
    }


# The inventory columns that a model's fields often share (a class-level default), with the
# heading each has when it varies.
_SHAREABLE = (
    ("subjects_text", "Data subjects"),
    ("retention_text", "Retention"),
    ("source_text", "Source"),
)


def _inventory_group(model: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One model's part of the data inventory.

    A value every field of the model shares (two fields or more) is stated once above the
    table instead of in each row, and the file is named once when all fields come from it:
    easier to read, and a third as many table cells to lay out in a large record's PDF.
    """
    shared = {
        key: rows[0][key]
        for key, _ in _SHAREABLE
        if len(rows) > 1 and len({row[key] for row in rows}) == 1
    }
    return {
        "model": model,
        "fields": rows,
        "anchor": "model-" + re.sub(r"[^a-z0-9]+", "-", model.lower()).strip("-"),
        "shared": [(heading, rows[0][key]) for key, heading in _SHAREABLE if key in shared],
        "columns": [(key, heading) for key, heading in _SHAREABLE if key not in shared],
        # The file every field is declared in, named once above the table (the rows then
        # give only the line); None when fields come from several files.
        "path": _single({row["location"]["path"] for row in rows}),
    }


def _single(values: set[str]) -> str | None:
    """The one member of ``values``, or None when there are several (or none)."""
    return next(iter(values)) if len(values) == 1 else None


def _retention_view(
    retention: Retention | None, wording: Wording | None = None
) -> dict[str, Any] | None:
    """The retention with its period in words a reader counts in (``18 months``)."""
    if retention is None:
        return None
    text = duration_text(retention.iso, retention.text, wording)
    return {**retention.model_dump(), "text": text}


def _role_text(record: RecordBody) -> str:
    """The cover's answer to "controller or processor?": as the activities say."""
    roles = {a.role for a in record.activities}
    if roles == {"processor"}:
        return "Processor (Art. 30(2))"
    text = "Controller"
    if "joint_controller" in roles:
        text += ", jointly with others for some activities (Art. 26)"
    if "processor" in roles or record.role == "processor":
        text += ", and processor for clients (Art. 30(2))"
    return text
