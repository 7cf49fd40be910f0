"""The record as CSV: one row per activity, in the columns of the UK ICO's controller template."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from ropa.render import (
    LEGAL_BASIS_LABELS,
    RIGHT_LABELS,
    RIGHTS_BY_BASIS,
    ROLE_LABELS,
    SAFEGUARD_LABELS,
    SOURCE_LABELS,
    SPECIAL_BASIS_LABELS,
    gap_lookup,
    visible_controls,
)

#: The column headings of the ICO's "Documentation template for controllers", in its order.
COLUMNS = (
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are "
    "transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or "
    "international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 basis for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "Source of personal data (if applicable)",
    "Location of personal data",
)

MISSING = "Missing declaration: "
# A cell starting with one of these is a formula to a spreadsheet; text from code must not be.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_csv(record: Mapping[str, Any]) -> str:
    """RFC 4180 text (CRLF line ends, quotes where needed) with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for activity in record["activities"]:
        writer.writerow([_cell(value) for value in _row(record, activity)])
    return out.getvalue()


def _cell(value: str) -> str:
    # A bidi override (U+202E) would show the rest of the cell reversed in a spreadsheet.
    value = str(visible_controls(value))
    return "'" + value if value.startswith(_FORMULA_START) else value


#: Art. 10 data is not a special category (Art. 9): the ICO template asks for them apart.
_SPECIAL_NOTE = {"art9": " (special category)", "art10": " (criminal offence data)"}


def _join(items: Iterable[str]) -> str:
    return "; ".join(i for i in items if i)


def _joint(j: Mapping[str, Any]) -> str:
    """A joint controller, its contact and what each of us does (Art. 26(1))."""
    contact = ", ".join(x for x in (j["contact"], j["address"]) if x)
    text = str(j["name"]) + (f" ({contact})" if contact else "")
    return text + (f": {j['responsibilities']}" if j["responsibilities"] else "")


def _not_ours(record: Mapping[str, Any], a: Mapping[str, Any]) -> str:
    """A processor activity's basis cell: the client's to state, never ours (Art. 28)."""
    names = {c["key"]: c["name"] or c["key"] for c in record["clients"]}
    clients = ", ".join(names.get(k, k) for k in a["on_behalf_of"])
    return "Not applicable: processed as processor" + (f" for {clients}" if clients else "")


def _row(record: Mapping[str, Any], a: Mapping[str, Any]) -> list[str]:
    vocab = record["vocabulary"]
    vendors = {v["key"]: v for v in record["vendors"]}
    used = [vendors[k] for k in a["processors"] if k in vendors]
    unknown = [k for k in a["processors"] if k not in vendors]

    def label(kind: str, key: str) -> str:
        return str((vocab[kind].get(key) or {}).get("label") or key)

    flags = {c: (vocab["categories"].get(c) or {}).get("special") for c in a["data_categories"]}
    special = [c for c in a["data_categories"] if flags[c]]
    basis = a["legal_basis"]
    rights = [RIGHT_LABELS[r] for r in RIGHTS_BY_BASIS.get(basis or "", ())]
    if a["automated_decision"]:
        rights.append(RIGHT_LABELS["automated"])
    gap = gap_lookup(record["gaps"])

    def missing(what: str, item: str, vendor: str | None = None, project: bool = False) -> str:
        """The marker only for a gap the record lists (so the scan reported it)."""
        found = gap(item, None if project else a["name"], vendor)
        return MISSING + what if found else "Not declared"

    first = a["locations"][0]["path"] if a["locations"] else ""
    package = ".".join(first.split("/")[:-1]) if first.endswith(".py") else ""
    return [
        _join(label("uses", u) for u in a["uses"]) or package,
        f"{a['name']}: {a['purpose']}"
        if a["purpose"]
        else f"{a['name']}: " + missing("purpose", "art30_1_b_purpose"),
        _join(
            [_joint(j) for j in record["joint_controllers"] if j["key"] in a["joint_controllers"]]
            + [
                f"{v['name']}, {v['location']} ({v['privacy_policy']})"
                for v in used
                if v["role"] == "joint_controller"
            ]
        ),
        _join(sorted(label("subjects", s) for s in a["data_subjects"]))
        or missing("categories of individuals", "art30_1_c_subjects"),
        _join(
            sorted(
                label("categories", c) + _SPECIAL_NOTE.get(str(flags[c]), "")
                for c in a["data_categories"]
            )
        )
        or missing("categories of personal data", "art30_1_c_categories"),
        _join(
            [
                f"{v['name']} ({v['services']}; {ROLE_LABELS.get(v['role'], v['role'])})"
                for v in used
            ]
            + [
                f"{k} ({missing('vendor not in the registry', 'art30_1_d_recipients', k)})"
                for k in unknown
            ]
            + list(a["recipients"])
        ),
        _join(
            f"{v['name']}: "
            + (v["dpa"] or missing("data processing agreement", "art28_3_dpa", v["key"], True))
            for v in used
            if v["role"] == "processor"
        ),
        _join(
            f"{vendors[t['vendor']]['country_name'] if t['vendor'] in vendors else t['country']}"
            f" ({vendors[t['vendor']]['name'] if t['vendor'] in vendors else t['vendor']})"
            for t in a["transfers"]
        ),
        _join(
            f"{vendors[t['vendor']]['name'] if t['vendor'] in vendors else t['vendor']}: "
            + (SAFEGUARD_LABELS.get(t["safeguard"], t["safeguard"]) if t["safeguard"] else "")
            + (
                ""
                if t["safeguard"]
                else missing("transfer safeguard", "art30_1_e_transfers", t["vendor"])
            )
            for t in a["transfers"]
        ),
        a["retention"]["text"]
        if a["retention"]
        else "As the client instructs (Art. 28(3)(g))"
        if a["role"] == "processor"
        else missing("retention period", "art30_1_f_retention"),
        # One measure a line: measures often contain semicolons themselves.
        "\n".join(record["security_measures"])
        or missing("security measures", "art30_1_g_security", project=True),
        _not_ours(record, a)
        if a["role"] == "processor"
        else LEGAL_BASIS_LABELS.get(basis, basis)
        if basis
        else missing("lawful basis", "art13_1_c_legal_basis"),
        (
            SPECIAL_BASIS_LABELS.get(a["special_category_basis"], a["special_category_basis"])
            + (f", under {a['special_category_law']}" if a.get("special_category_law") else "")
            if a["special_category_basis"]
            # A processor's client chooses the Art. 9(2) condition, as it does the basis.
            else (
                missing("Art. 9(2) condition", "art9_condition")
                if special and a["role"] != "processor"
                else ""
            )
        ),
        (
            (
                a["legitimate_interest"]
                or missing("legitimate interest", "art13_1_d_legitimate_interest")
            )
            if basis == "legitimate_interests"
            else ""
        ),
        _join(rights),
        _join([a["automated_decision"] or "", "Profiling" if a["profiling"] else ""]) or "No",
        SOURCE_LABELS.get(a["source"], a["source"]),
        _join(
            [f"{v['name']} ({v['location']})" for v in used]
            + ["declared at " + ", ".join(f"{p['path']}:{p['line']}" for p in a["locations"])]
        ),
    ]
