"""Who decides about each activity: we as controller, a client we process for, or us jointly."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from ropa.config import Config
from ropa.model import Level, Location
from ropa.recordmodel import Activity, Client, ClientRecord, JointController, Transfer
from ropa.taxonomy import suggest

#: What a processor activity does not state: the client, as controller, decides them and
#: keeps the papers that follow from them (a warning when given; never in the record).
CONTROLLER_ONLY = (
    "legal_basis",
    "legitimate_interest",
    "special_category_basis",
    "lia",
    "consent_record",
    "withdrawal",
)
#: Left out of a processor activity's record as well: the law behind the Art. 9 condition.
NOT_RECORDED_FOR_PROCESSORS = (*CONTROLLER_ONLY, "special_category_law")
CLIENT_FIELDS = ("key", "name", "contact", "representative", "dpo")
JOINT_FIELDS = ("name", "contact", "address", "responsibilities", "arrangement")


class Reporter(Protocol):
    """The part of the record builder that reports diagnostics and gaps."""

    def emit(
        self,
        code: str,
        message: str,
        location: Location | None,
        hint: str | None = None,
        *,
        level: Level | None = None,
    ) -> None: ...

    def gap(
        self,
        item: str,
        message: str,
        location: Location,
        *,
        code: str = "ROPA120",
        activity: str | None = None,
        vendor: str | None = None,
        part: str | None = None,
        hint: str | None = None,
        level: Level | None = None,
    ) -> None: ...

    def config_location(self, *keys: str) -> Location: ...


def activity_role(values: Mapping[str, Any], config: Config) -> str:
    """The role declared on the activity, else the project's (``role:`` in ropa.yaml)."""
    return str(values.get("role") or config.role)


def check_activity(
    report: Reporter,
    config: Config,
    *,
    name: str,
    role: str,
    values: Mapping[str, Any],
    origins: Mapping[str, Location],
    on_behalf_of: list[str],
    joint_controllers: list[str],
    where: Location,
) -> None:
    """ROPA117 for a role whose counterpart is missing or unknown; a warning for a legal basis
    on a processor activity, which the record then leaves out."""
    owner = f"activity '{name}'"
    clients = [c["key"] for c in config.clients]
    joint = list(config.joint_controllers)
    if role == "processor":
        if not on_behalf_of:
            report.emit(
                "ROPA117",
                f"{owner} is done as a processor but names no client (on_behalf_of)",
                where,
                _hint_keys("on_behalf_of", clients, "clients: [{key: ..., name: ...}]"),
            )
            report.gap(
                "art30_2_a_clients",
                "processed as a processor, but for which client is not declared",
                where,
                code="ROPA117",
                activity=name,
            )
        stated = [key for key in CONTROLLER_ONLY if values.get(key)]
        if stated:
            report.emit(
                "ROPA117",
                f"{owner} is done as a processor: {', '.join(stated)} "
                f"{'is' if len(stated) == 1 else 'are'} the client's to decide "
                "and is left out of the record",
                origins.get(stated[0], where),
                f"remove {', '.join(stated)}; state the client's instructions in purpose=",
                level=Level.WARNING,
            )
    elif on_behalf_of:
        report.emit(
            "ROPA117",
            f"{owner} names clients (on_behalf_of) but its role is {role}",
            where,
            'add role="processor" when the activity is done for those clients',
        )
    if role == "joint_controller" and not joint_controllers:
        report.emit(
            "ROPA117",
            f"{owner} is done as a joint controller but names no joint controller",
            where,
            _hint_keys("joint_controllers", joint, "joint_controllers: {KEY: {name: ...}}"),
        )
        report.gap(
            "art26_joint_controllers",
            "done jointly, but with whom is not declared",
            where,
            code="ROPA117",
            activity=name,
        )
    elif role != "joint_controller" and joint_controllers:
        report.emit(
            "ROPA117",
            f"{owner} names joint controllers but its role is {role}",
            where,
            'add role="joint_controller" when the activity is decided jointly with them',
        )
    _unknown(report, owner, "client", "on_behalf_of", on_behalf_of, clients, where, name)
    _unknown(
        report,
        owner,
        "joint controller",
        "joint_controllers",
        joint_controllers,
        joint,
        where,
        name,
    )


def _hint_keys(keyword: str, known: list[str], declare: str) -> str:
    if known:
        return f"add {keyword}=[...] with one of: {', '.join(known)}"
    return f"add {keyword}=[...] and declare them in ropa.yaml under {declare}"


def _unknown(
    report: Reporter,
    owner: str,
    noun: str,
    keyword: str,
    keys: Iterable[str],
    known: list[str],
    where: Location,
    activity: str,
) -> None:
    section = "clients" if keyword == "on_behalf_of" else "joint_controllers"
    item = "art30_2_a_clients" if keyword == "on_behalf_of" else "art26_joint_controllers"
    for key in keys:
        if key in known:
            continue
        guess = suggest(key, known)
        report.emit(
            "ROPA117",
            f"{owner}: {keyword} names '{key}', which is no {noun} in ropa.yaml",
            where,
            f"did you mean '{guess}'?" if guess else f"declare it under {section}: in ropa.yaml",
        )
        report.gap(
            item,
            f"{noun} '{key}' is not declared in ropa.yaml",
            where,
            code="ROPA117",
            activity=activity,
            part=key,
        )


def record_clients(config: Config) -> list[Client]:
    """``clients`` of the record: every key each client may have, null when not declared."""
    return [Client.model_validate({f: c.get(f) for f in CLIENT_FIELDS}) for c in config.clients]


def record_joint_controllers(
    report: Reporter, config: Config, activities: Sequence[Activity]
) -> list[JointController]:
    """``joint_controllers`` of the record; what Art. 26 asks and is not declared is a gap."""
    out = []
    for key in sorted(config.joint_controllers):
        block = config.joint_controllers[key]
        at = report.config_location(f"joint_controllers.{key}", "joint_controllers")
        if not any(block.get(k) for k in ("contact", "address")):
            report.gap(
                "art26_joint_controllers",
                f"joint controller '{key}' has no contact or address",
                at,
                part=f"{key}-contact",
                hint=f"add contact: ... to joint_controllers: {key} in ropa.yaml",
            )
        if not block.get("responsibilities"):
            report.gap(
                "art26_joint_controllers",
                f"the responsibilities of joint controller '{key}' and ours are not stated",
                at,
                part=f"{key}-responsibilities",
                hint=f"add responsibilities: ... to joint_controllers: {key} in ropa.yaml",
            )
        if not block.get("arrangement"):
            report.gap(
                "art26_joint_controllers",
                f"the essence of the arrangement with joint controller '{key}' is not stated "
                "(the notice must give it, Art. 26(2))",
                at,
                part=f"{key}-arrangement",
                hint=f"add arrangement: ... to joint_controllers: {key} in ropa.yaml",
            )
        out.append(
            JointController.model_validate(
                {
                    "key": key,
                    **{f: block.get(f) for f in JOINT_FIELDS},
                    "activities": sorted(a.name for a in activities if key in a.joint_controllers),
                }
            )
        )
    return out


def client_records(config: Config, activities: Sequence[Activity]) -> list[ClientRecord]:
    """``processing_for_clients``: the Art. 30(2) record of each client, holding only the
    activities done for that client and the sub-processors and transfers they involve."""
    out = []
    for client in config.clients:
        mine = [a for a in activities if a.role == "processor" and client["key"] in a.on_behalf_of]
        # A vendor may mean two transfers (storage in one country, access from another).
        transfers = {_transfer_key(t): t for a in mine for t in a.transfers}
        out.append(
            ClientRecord.model_validate(
                {
                    "client": client["key"],
                    **{f: client.get(f) for f in CLIENT_FIELDS if f != "key"},
                    "activities": [a.name for a in mine],
                    "categories_of_processing": sorted({a.purpose for a in mine if a.purpose}),
                    "data_categories": sorted({d for a in mine for d in a.data_categories}),
                    "data_subjects": sorted({s for a in mine for s in a.data_subjects}),
                    "sub_processors": sorted({p for a in mine for p in a.processors}),
                    "transfers": [transfers[k] for k in sorted(transfers)],
                    "security_measures": list(config.security_measures),
                }
            )
        )
    return out


def _transfer_key(t: Transfer) -> tuple[str, str, str, str]:
    return (t.vendor or "", t.country, t.nature, t.region or "")
