"""The typed values ropa passes between scanning, checking and rendering."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Level(str, enum.Enum):
    """How serious a diagnostic is; ordered by ``rank``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class Location:
    """A place in the scanned project: a relative POSIX path and 1-based line and column."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.path
        return f"{self.path}:{self.line}:{self.column or 1}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    """One problem found in the user's project."""

    code: str
    """Stable code such as ``ROPA101``."""
    level: Level
    message: str
    location: Location | None = None
    hint: str | None = None
    """What to do about it: a suggestion, the declaration to add."""
    flow: tuple[FlowStep, ...] = ()
    """For a data flow (ROPA205-206): source, steps and sink, in order."""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location or Location(path="")
        return (loc.path, loc.line, loc.column, self.code, self.message)


@dataclass(frozen=True, slots=True, kw_only=True)
class ActivityDecl:
    """One declaration of a processing activity, as written in code or ``ropa.yaml``."""

    name: str
    location: Location
    purpose: str | None = None
    legal_basis: str | None = None
    legitimate_interest: str | None = None
    special_category_basis: str | None = None
    data: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    processors: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    retention: str | None = None
    source: str | None = None
    automated_decision: str | None = None
    profiling: bool | None = None
    requirement: str | None = None
    notice: bool | None = None
    role: str | None = None
    """``controller``, ``processor`` or ``joint_controller``; None: the project's ``role``."""
    on_behalf_of: tuple[str, ...] = ()
    """Processor activities: the keys of the clients (``ropa.yaml`` ``clients``) served."""
    joint_controllers: tuple[str, ...] = ()
    """Joint controller activities: keys of ``ropa.yaml`` ``joint_controllers``."""
    # Accountability (DESIGN section 9): who answers for the activity and where its papers are.
    special_category_law: str | None = None
    """The national law a ``special_category_basis`` dict names (``DPA 2018 Sch. 1 para 10``)."""
    description: str | None = None
    owner: str | None = None
    lia: str | None = None
    dpia: str | None = None
    consent_record: str | None = None
    withdrawal: str | None = None
    automated_decision_exception: str | None = None
    automated_decision_effects: str | None = None
    retention_policy: str | None = None
    unread: tuple[tuple[str, int, int], ...] = ()
    """Keywords given whose value could not be read (ROPA002), with the line and column of
    each in this declaration's file: the checks for a missing value say they were unreadable
    instead of asking for what is there."""

    @classmethod
    def of(cls, *, name: str, location: Location, values: dict[str, object]) -> ActivityDecl:
        """A declaration from validated keyword values; a ``special_category_basis`` given as
        ``{"condition": KEY, "law": TEXT}`` is split into the condition and its law."""
        basis = values.get("special_category_basis")
        if isinstance(basis, dict):
            values = {
                **values,
                "special_category_basis": basis.get("condition"),
                "special_category_law": basis.get("law"),
            }
        return cls(name=name, location=location, **values)  # type: ignore[arg-type]


#: What an activity's ``role`` may be (DESIGN section 9).
ACTIVITY_ROLES = ("controller", "processor", "joint_controller")

#: Activity keys of DESIGN section 9 that the record carries as declared (null when not).
ACCOUNTABILITY_KEYS = (
    "special_category_law",
    "description",
    "owner",
    "lia",
    "dpia",
    "consent_record",
    "withdrawal",
    "automated_decision_exception",
    "automated_decision_effects",
    "retention_policy",
)

#: Scalar keywords of an activity: declared twice with different values is a conflict.
ACTIVITY_SCALARS = (
    "purpose",
    "legal_basis",
    "legitimate_interest",
    "special_category_basis",
    "retention",
    "source",
    "automated_decision",
    "profiling",
    "requirement",
    "notice",
    "role",
    *ACCOUNTABILITY_KEYS,
)
#: List keywords of an activity: declarations merge by union.
ACTIVITY_LISTS = (
    "data",
    "subjects",
    "uses",
    "processors",
    "recipients",
    "on_behalf_of",
    "joint_controllers",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcessorDecl:
    """A disclosure of personal data to a vendor."""

    vendor: str
    location: Location
    data: tuple[str, ...] = ()
    purpose: str | None = None
    activity: str | None = None
    """The activity named by ``activity=``; else those declared on the same object."""
    joins: tuple[str, ...] = ()
    """Names of ``processing`` declarations on the same function or class."""
    region: str | None = None
    """Where the vendor keeps this data (``region=``): a registry region code or ISO country."""
    unread: tuple[tuple[str, int, int], ...] = ()
    """Keywords given whose value could not be read (ROPA002), with their line and column."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldDecl:
    """A model field declared to hold personal data."""

    model: str
    field: str
    categories: tuple[str, ...]
    location: Location
    subjects: tuple[str, ...] = ()
    retention: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Suppression:
    """A ``# ropa: ignore`` comment: the line it covers and the codes (empty: all)."""

    path: str
    line: int
    codes: tuple[str, ...]
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportRef:
    """A top-level import name seen in a file."""

    module: str
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class FileScan:
    """Everything the collector saw in one file."""

    path: str
    activities: tuple[ActivityDecl, ...] = ()
    processors: tuple[ProcessorDecl, ...] = ()
    fields: tuple[FieldDecl, ...] = ()
    imports: tuple[ImportRef, ...] = ()
    candidates: tuple[FieldCandidate, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    personal_classes: tuple[str, ...] = ()
    """Classes declared ``personal_data``, qualified within the module (``Outer.Inner``):
    their fields are ROPA201 candidates whatever the class derives from."""
    flow: FlowSummary | None = None
    """What the data-flow pass found in the file (``ropa.flow``), None when not run."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldCandidate:
    """A model field that looks like personal data (for ROPA201)."""

    model: str
    field: str
    category: str
    reason: str
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanResult:
    """All files of one scan, in path order."""

    root: str
    """The project root all paths are relative to (absolute, for the CLI only)."""
    files: tuple[FileScan, ...] = ()
    modules: frozenset[str] = field(default_factory=frozenset)
    """Top-level module names that belong to the project itself."""
    dependencies: tuple[ImportRef, ...] = ()
    """Distributions named in requirements files and pyproject.toml."""
    fingerprint: str = ""
    """A hash of every scanned path and its content, when the scan cache knew them all:
    what was found across files (flows) is reused while it stays the same."""


@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class FlowStep:
    """One place a flow of personal data passes: source, a step between, or the sink."""

    path: str
    line: int
    what: str


#: A step inside one file: (line, what).
LocalStep = tuple[int, str]
#: A value's origin in a function: ``s:NAME:CATEGORY`` (a read of personal data),
#: ``p:NAME`` (a parameter) or ``r:ID`` (what call ID returned).
Origin = str


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowArg:
    """What reaches one argument of a call: an origin and the steps from it to the call."""

    slot: str
    """``0``, ``1``... for positional arguments, the keyword's name, ``*`` for ``**kwargs``
    and ``*args``, ``^`` for the receiver of a method call."""
    origin: Origin
    trail: tuple[LocalStep, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowCall:
    """A call whose arguments may carry personal data, or whose result may."""

    id: int
    callee: str
    """Dotted name, resolved through imports and known types where possible."""
    line: int
    column: int
    literal: str | None = None
    """The host of a literal URL argument, or a literal ``model=`` name."""
    args: tuple[FlowArg, ...] = ()
    bound: bool = False
    """Called on a value (``cache.get(key)``), not a module's function (``json.dumps(x)``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowFunction:
    """A function's (or a module body's) flow facts, in terms of its own parameters."""

    name: str
    """Qualified within the module: ``f``, ``Class.method``, ``<module>``."""
    params: tuple[str, ...] = ()
    method: bool = False
    """Called on an instance or class: the first parameter is not passed explicitly."""
    start: int = 0
    end: int = 0
    calls: tuple[FlowCall, ...] = ()
    returns: tuple[FlowArg, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowSummary:
    """The data-flow facts of one file: its module name and functions."""

    module: str
    functions: tuple[FlowFunction, ...] = ()
    note: str | None = None
    """Why the pass stopped early (its budget), reported as ROPA001-style info."""
    packed: str | None = None
    """The functions as the cache keeps them, not yet decoded (see ``unpacked``)."""

    def unpacked(self) -> FlowSummary:
        """The summary with its functions decoded (itself when they are)."""
        if self.packed is None:
            return self
        from ropa.flow.pack import unpack

        return FlowSummary(module=self.module, note=self.note, functions=unpack(self.packed))
