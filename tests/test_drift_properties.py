"""The drift gate as a property: generated changes to the sample and the broken fixture, made
through every route a project has (``processors=``, ``processor`` comments and decorators,
``ropa.yaml``), go through ``scan --output`` -> ``scan --baseline`` -> ``diff`` with one
ROPA301 per change naming it, and nothing else; mutated records never break ``diff``.

A short run is part of the normal tests. The long run:

    ROPA_DRIFT_EXAMPLES=500 pytest tests/test_drift_properties.py
"""

from __future__ import annotations

import copy
import json
import math
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, reject, settings
from hypothesis import strategies as st

from ropa.changes import FORMATS, Change
from ropa.diff import baseline_diagnostics, diff_records
from ropa.errors import RecordError
from ropa.pipeline import dump_record, run_scan

from .conftest import BROKEN, DATE, SAMPLE

Record = dict[str, Any]
EXAMPLES = int(os.environ.get("ROPA_DRIFT_EXAMPLES", "40"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

# The oracle: an independent statement of what the gate ignores. Two records differ in
# substance exactly when they differ outside these, lists taken as unordered.
IGNORED_TOP = ("generated", "gaps")
CODE_LOCATIONS = {"activities": "locations", "vendors": "locations", "data_inventory": "location"}


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_sorted(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def substance(record: Record) -> str:
    kept = {k: v for k, v in record.items() if k not in IGNORED_TOP}
    for key, loc in CODE_LOCATIONS.items():
        # Evidence in code moves with the code: only ``ropa diff --evidence`` compares it.
        kept[key] = [
            {k: v for k, v in item.items() if k not in (loc, "evidence")}
            for item in kept.get(key, [])
        ]
    # Vocabulary terms only one side uses follow from a change where they are used.
    return json.dumps(_sorted(kept), sort_keys=True)


def _comparable(old: Record, new: Record) -> tuple[str, str]:
    a, b = copy.deepcopy(old), copy.deepcopy(new)
    va, vb = a.get("vocabulary", {}), b.get("vocabulary", {})
    for part in va.keys() & vb.keys():
        shared = va[part].keys() & vb[part].keys()
        va[part] = {k: va[part][k] for k in shared}
        vb[part] = {k: vb[part][k] for k in shared}
    return substance(a), substance(b)


def check_outputs(changes: list[Change]) -> None:
    """Every format renders every change, one line or row or entry each."""
    text = FORMATS["text"](changes)
    markdown = FORMATS["markdown"](changes)
    entries = json.loads(FORMATS["json"](changes))
    if changes:
        assert text.count("\n") == len(changes)
        assert [line[2:] for line in text.splitlines()] == [c.describe() for c in changes]
        assert len(markdown.splitlines()) == 4 + len(changes)
    assert len(entries) == len(changes)
    for out in (text, markdown):
        assert all(ch.isprintable() for line in out.splitlines() for ch in line)


# ---------------------------------------------------------------------------------------------
# Mutations of a project's text: each returns what must be reported, or None when it does not
# apply to this project.


@dataclass(frozen=True, slots=True)
class Want:
    """A change that must be among those reported: by subject, name and changed key."""

    subject: str | None = None
    name: str | None = None
    keys: tuple[str, ...] = ()

    def met_by(self, change: Change) -> bool:
        return (
            (self.subject is None or change.subject == self.subject)
            and (self.name is None or change.name == self.name)
            and (not self.keys or change.key in self.keys)
        )


@dataclass(frozen=True, slots=True)
class Project:
    root: Path
    package: str
    base: Record
    clean: bool
    """The sample: every marker is valid, so every edit to one must be reported."""

    def sources(self) -> list[Path]:
        found = []
        for path in sorted((self.root / self.package).rglob("*.py")):
            try:
                path.read_text("utf-8")
            except UnicodeDecodeError:
                continue
            found.append(path)
        return found

    @property
    def yaml(self) -> Path:
        return self.root / "ropa.yaml"

    def activity_names(self) -> list[str]:
        return [a["name"] for a in self.base["activities"]]

    def vendor_keys(self) -> list[str]:
        return [v["key"] for v in self.base["vendors"]]


Mutation = Callable[[Project, int], "list[Want] | None"]
VENDORS = ("zendesk", "sentry", "mailchimp", "twilio", "stripe", "openai", "aws", "hubspot")
HEALTH = "user.health_and_medical"


def _regex_site(project: Project, pattern: str, k: int) -> tuple[Path, re.Match[str]] | None:
    sites = [
        (path, m)
        for path in project.sources()
        for m in re.finditer(pattern, path.read_text("utf-8"), re.M)
    ]
    return sites[k % len(sites)] if sites else None


def _replace_site(project: Project, pattern: str, k: int, new: Callable[[str], str]) -> bool:
    site = _regex_site(project, pattern, k)
    if site is None:
        return False
    path, m = site
    text = path.read_text("utf-8")
    replacement = new(m.group(0))
    if replacement == m.group(0):
        return False
    path.write_text(text[: m.start()] + replacement + text[m.end() :], "utf-8")
    return True


def new_activity(project: Project, k: int) -> list[Want]:
    """processors= naming a vendor, in a new @processing."""
    vendor = VENDORS[k % len(VENDORS)]
    (project.root / project.package / "drift_activity.py").write_text(
        "from ropa import processing\n\n\n"
        '@processing("Drift activity", purpose="Drift", legal_basis="contract",\n'
        '            data=["user.contact.email"], subjects=["customer"],\n'
        f'            processors=["{vendor}"], retention="P1Y")\n'
        "def drift() -> None: ...\n"
    )
    wants = [Want("activity", "Drift activity")]
    if vendor not in project.vendor_keys():
        wants.append(Want("vendor", vendor))
    return wants


def _processor_target(project: Project, k: int) -> tuple[str, str] | None:
    names = project.activity_names()
    if not names:
        return None
    return VENDORS[k % len(VENDORS)], names[k % len(names)]


def processor_comment(project: Project, k: int) -> list[Want] | None:
    """A # ropa: processor(...) comment sending health data to a vendor for an activity."""
    target = _processor_target(project, k)
    if target is None:
        return None
    vendor, activity = target
    (project.root / project.package / "drift_comment.py").write_text(
        f'# ropa: processor("{vendor}", data=["{HEALTH}"], purpose="Drift", '
        f"activity={json.dumps(activity)})\n"
        "client = object()\n"
    )
    return [Want("vendor", vendor)]


def processor_decorator(project: Project, k: int) -> list[Want] | None:
    """A @processor(...) decorator sending health data to a vendor for an activity."""
    target = _processor_target(project, k)
    if target is None:
        return None
    vendor, activity = target
    (project.root / project.package / "drift_decorator.py").write_text(
        "from ropa import processor\n\n\n"
        f'@processor("{vendor}", data=["{HEALTH}"], activity={json.dumps(activity)})\n'
        "def drift() -> None: ...\n"
    )
    return [Want("vendor", vendor)]


def _in_code(project: Project, wants: list[Want]) -> list[Want]:
    """An edit inside an existing marker: in the broken fixture the marker may be one that is
    dropped as malformed, and then nothing may change; the oracle still decides."""
    return wants if project.clean else []


def retention(project: Project, k: int) -> list[Want] | None:
    """Retention of an activity or of a model's fields, in a decorator or a comment."""
    done = _replace_site(
        project,
        r'retention="[^"]*"',
        k,
        lambda s: 'retention="P98Y"' if s == 'retention="P99Y"' else 'retention="P99Y"',
    )
    return _in_code(project, [Want(keys=("retention",))]) if done else None


def subjects(project: Project, k: int) -> list[Want] | None:
    done = _replace_site(
        project,
        r"subjects=\[[^\]]*\]",
        k,
        lambda s: 'subjects=["job_applicant"]' if "employee" in s else 'subjects=["employee"]',
    )
    return _in_code(project, [Want(keys=("data_subjects", "subjects"))]) if done else None


def data_category(project: Project, k: int) -> list[Want] | None:
    """Health data added to what an activity or a processor declares."""
    done = _replace_site(project, r"data=\[", k, lambda s: f'data=["{HEALTH}", ')
    return _in_code(project, [Want(keys=("data_categories",))]) if done else None


def field_category(project: Project, k: int) -> list[Want] | None:
    """A field's category comment changed."""
    done = _replace_site(
        project, r"# ropa: user\.[a-z_.]+(, user\.[a-z_.]+)*$", k, lambda s: f"# ropa: {HEALTH}"
    )
    return _in_code(project, [Want("field", keys=("categories",))]) if done else None


def field_removed(project: Project, k: int) -> list[Want] | None:
    """A field's annotation deleted from the end of its line."""
    done = _replace_site(project, r"(?<=\S)  # ropa: user\.[^\n]*$", k, lambda s: "")
    return _in_code(project, [Want("field")]) if done else None


BASES = ("contract", "consent", "legal_obligation", "legitimate_interests")


def legal_basis(project: Project, k: int) -> list[Want] | None:
    def other(s: str) -> str:
        current = s.split('"')[1]
        choices = [b for b in BASES if b != current]
        return f'legal_basis="{choices[k % len(choices)]}"'

    done = _replace_site(project, r'legal_basis="[^"]*"', k, other)
    return _in_code(project, [Want(keys=("legal_basis",))]) if done else None


def rename_activity(project: Project, k: int) -> list[Want] | None:
    """Everything that names an activity, in code and in ropa.yaml, renamed."""
    names = [n for n in project.activity_names() if '"' not in n and "\\" not in n]
    if not names:
        return None
    old = names[k % len(names)]
    new = f"{old} renamed"
    for path in [*project.sources(), project.yaml]:
        text = path.read_text("utf-8")
        text = text.replace(f'"{old}"', f'"{new}"')
        text = re.sub(rf"^(\s*- name: ){re.escape(old)}$", rf"\g<1>{new}", text, flags=re.M)
        path.write_text(text, "utf-8")
    return [Want("activity", old)]


def move_code(project: Project, k: int) -> list[Want] | None:
    """Blank lines above everything in a file: every line number moves, nothing else."""
    files = project.sources()
    path = files[k % len(files)]
    path.write_text("\n\n\n" + path.read_text("utf-8"), "utf-8")
    return []


# ropa.yaml edits: the controller, DPO, representative, authority, vendors, activities,
# security measures, jurisdictions, notice and clients of a project.


def _yaml_block(text: str, key: str) -> tuple[int, int] | None:
    """Line span of a top-level block (its header line to before the next top-level key)."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return None
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " #"):
        end += 1
    return start, end


def _edit_yaml(project: Project, edit: Callable[[list[str]], list[str]]) -> None:
    lines = project.yaml.read_text("utf-8").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    project.yaml.write_text("".join(edit(lines)), "utf-8")


def _set_in_block(project: Project, block: str, key: str, value: str, create: str) -> None:
    """Set ``block.key``, creating the block (with ``create``) when it is not there."""
    span = _yaml_block(project.yaml.read_text("utf-8"), block)

    def edit(lines: list[str]) -> list[str]:
        if span is None:
            return [*lines, f"{block}:\n", create]
        start, end = span
        for i in range(start + 1, end):
            if re.match(rf"^  {key}:", lines[i]):
                lines[i] = f"  {key}: {value}\n"
                return lines
        lines.insert(start + 1, f"  {key}: {value}\n")
        return lines

    _edit_yaml(project, edit)


def yaml_activity(project: Project, k: int) -> list[Want] | None:
    vendor = VENDORS[k % len(VENDORS)]
    item = (
        "  - name: Yaml drift\n    purpose: Drift\n    legal_basis: contract\n"
        "    data: [user.contact.email]\n    subjects: [customer]\n"
        f"    processors: [{vendor}]\n    retention: P1Y\n"
    )
    span = _yaml_block(project.yaml.read_text("utf-8"), "activities")
    _edit_yaml(
        project,
        lambda lines: (
            [*lines, "activities:\n", item]
            if span is None  # the header also when the list was emptied to []
            else [*lines[: span[0]], "activities:\n", item, *lines[span[0] + 1 :]]
        ),
    )
    return [Want("activity", "Yaml drift")]


def yaml_activity_removed(project: Project, k: int) -> list[Want] | None:
    text = project.yaml.read_text("utf-8")
    span = _yaml_block(text, "activities")
    if span is None:
        return None
    lines = text.splitlines(keepends=True)
    items = [i for i in range(*span) if lines[i].startswith("  - name: ")]
    if not items:
        return None
    first = items[k % len(items)]
    last = first + 1
    while last < span[1] and lines[last].startswith("    "):
        last += 1
    name = lines[first][len("  - name: ") :].strip()
    del lines[first:last]
    if len(items) == 1:  # the list is empty now, not null
        lines[span[0]] = "activities: []\n"
    project.yaml.write_text("".join(lines), "utf-8")
    return [Want("activity", name)]


def yaml_vendor(project: Project, k: int) -> list[Want] | None:
    """A registry vendor's entry overridden in ropa.yaml: role, country, address, DPA..."""
    text = project.yaml.read_text("utf-8")
    keys = [key for key in project.vendor_keys() if not re.search(rf"^  {key}:", text, re.M)]
    if not keys:
        return None
    key = keys[k % len(keys)]
    vendor = next(v for v in project.base["vendors"] if v["key"] == key)
    options = [
        ("role", "processor" if vendor["role"] == "controller" else "controller"),
        ("country", "IN" if vendor["country"] != "IN" else "US"),
        ("location", "Bengaluru, India"),
        ("dpa", "https://drift.example/dpa.pdf"),
        ("safeguards", "[sccs]" if vendor["safeguards"] != ["sccs"] else "[bcrs]"),
        ("name", "Drift Vendor Inc."),
    ]
    field, value = options[(k // len(keys)) % len(options)]
    entry = f"  {key}:\n    {field}: {value}\n"
    span = _yaml_block(text, "vendors")
    _edit_yaml(
        project,
        lambda lines: (
            [*lines, "vendors:\n", entry]
            if span is None
            else [*lines[: span[0] + 1], entry, *lines[span[0] + 1 :]]
        ),
    )
    return [Want("vendor", key, (field,))]


def dpo_email(project: Project, k: int) -> list[Want] | None:
    _set_in_block(
        project,
        "dpo",
        "email",
        f"dpo{k}@drift.example",
        f"  name: Drift DPO\n  email: dpo{k}@drift.example\n",
    )
    return [Want("DPO")]


def controller_name(project: Project, k: int) -> list[Want] | None:
    name = f"Drift Holdings {k}"
    _set_in_block(project, "controller", "name", name, f"  name: {name}\n")
    return [Want("controller")]


def representative(project: Project, k: int) -> list[Want] | None:
    _set_in_block(
        project,
        "representative",
        "address",
        f"{k} Drift Street, Dublin",
        f"  name: Drift Rep\n  address: {k} Drift Street, Dublin\n",
    )
    return [Want("representative")]


def authority(project: Project, k: int) -> list[Want] | None:
    url = f"https://authority{k}.drift.example/"
    _set_in_block(
        project, "supervisory_authority", "url", url, f"  name: Drift DPA\n  url: {url}\n"
    )
    return [Want("supervisory authority")]


def ccpa_flag(project: Project, k: int) -> list[Want] | None:
    flag = ("sells", "shares")[k % 2]
    other = ("shares", "sells")[k % 2]
    _set_in_block(
        project,
        "notice",
        "ccpa",
        f"{{{flag}: true, {other}: false}}",
        f"  ccpa: {{{flag}: true, {other}: false}}\n",
    )
    return [Want("notice", keys=(f"ccpa.{flag}",))]


def security_measure(project: Project, k: int) -> list[Want] | None:
    text = project.yaml.read_text("utf-8")
    span = _yaml_block(text, "security_measures")
    lines = text.splitlines(keepends=True)
    if span is None:
        project.yaml.write_text(text + f"security_measures:\n  - Drift measure {k}\n", "utf-8")
        return [Want("security measure")]
    items = [i for i in range(*span) if lines[i].startswith("  - ")]
    if items and k % 2:
        del lines[items[k % len(items)]]
        if len(items) == 1:  # the list is empty now, not null
            lines[span[0]] = "security_measures: []\n"
    else:
        lines[span[0]] = "security_measures:\n"  # also when it was emptied to []
        lines.insert(span[0] + 1, f"  - Drift measure {k}\n")
    project.yaml.write_text("".join(lines), "utf-8")
    return [Want("security measure")]


def jurisdictions(project: Project, k: int) -> list[Want] | None:
    text = project.yaml.read_text("utf-8")
    match = re.search(r"^jurisdictions: \[(.*)\]$", text, re.M)
    if match is None:
        return None
    current = [j.strip() for j in match.group(1).split(",") if j.strip()]
    new = [j for j in current if j != "ccpa"] if "ccpa" in current else [*current, "ccpa"]
    project.yaml.write_text(
        text[: match.start()] + f"jurisdictions: [{', '.join(new)}]" + text[match.end() :], "utf-8"
    )
    return [Want("jurisdiction", "ccpa")]


def client(project: Project, k: int) -> list[Want] | None:
    if _yaml_block(project.yaml.read_text("utf-8"), "clients") is not None:
        return None
    _edit_yaml(
        project,
        lambda lines: [*lines, "clients:\n", f"  - {{name: Client {k}, contact: c@x.example}}\n"],
    )
    # A client is known by its key (made from the name when none is given), as activities
    # name it in on_behalf_of.
    return [Want("client", f"client-{k}")]


def role(project: Project, k: int) -> list[Want] | None:
    text = project.yaml.read_text("utf-8")
    if not re.search(r"^role: controller$", text, re.M):
        return None
    project.yaml.write_text(re.sub(r"^role: controller$", "role: processor", text, flags=re.M))
    return [Want("record", keys=("role",))]


MUTATIONS: tuple[Mutation, ...] = (
    new_activity,
    processor_comment,
    processor_decorator,
    retention,
    subjects,
    data_category,
    field_category,
    field_removed,
    legal_basis,
    rename_activity,
    move_code,
    yaml_activity,
    yaml_activity_removed,
    yaml_vendor,
    dpo_email,
    controller_name,
    representative,
    authority,
    ccpa_flag,
    security_measure,
    jurisdictions,
    client,
    role,
)


#: The copies ``ropa.mirrors`` names, stated here again as the test's oracle.
REPEATED = {
    ("vendor", "activities"),
    ("transfer", "activities"),
    ("activity", "transfers"),
    ("joint controller", "activities"),
}


@dataclass(slots=True)
class Workspace:
    """A fixture copied to one fixed folder, restored before each example, so the scan cache
    (keyed by path and content) keeps every unchanged file warm."""

    source: Path
    root: Path
    package: str
    clean: bool
    base: Record
    baseline: Path

    def fresh(self) -> Project:
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.copytree(self.source, self.root)
        return Project(root=self.root, package=self.package, base=self.base, clean=self.clean)

    def scan(self) -> Any:
        return run_scan([self.root], jobs=1, date=DATE)


def _workspace(tmp: Path, source: Path, package: str, clean: bool) -> Workspace:
    root = tmp / "project"
    shutil.copytree(source, root)
    outcome = run_scan([root], jobs=1, date=DATE)
    baseline = tmp / "baseline.json"
    # What `scan --output` writes.
    baseline.write_text(dump_record(outcome.record), "utf-8")
    base: Record = json.loads(baseline.read_text("utf-8"))
    return Workspace(source, root, package, clean, base, baseline)


@pytest.fixture(scope="module", params=["sample", "broken"])
def workspace(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Workspace:
    if request.param == "sample":
        return _workspace(tmp_path_factory.mktemp("drift-sample"), SAMPLE, "shop", True)
    return _workspace(tmp_path_factory.mktemp("drift-broken"), BROKEN, "app", False)


EDITS = st.lists(
    st.tuples(st.sampled_from(MUTATIONS), st.integers(min_value=0, max_value=1000)),
    min_size=1,
    max_size=3,
)


@PROPERTY
@given(edits=EDITS)
def test_every_generated_change_is_reported_once_through_the_pipeline(
    workspace: Workspace, edits: list[tuple[Mutation, int]]
) -> None:
    project = workspace.fresh()
    wants: list[Want] = []
    applied = 0
    for mutation, k in edits:
        found = mutation(project, k)
        if found is not None:
            event(mutation.__name__)
            applied += 1
            wants += found
    assume(applied)
    outcome = workspace.scan()  # what `ropa scan` runs; a RopaError here is a broken edit
    new: Record = json.loads(dump_record(outcome.record))  # what `--output` writes
    changes = diff_records(workspace.base, new)  # what `ropa diff` reports

    old_substance, new_substance = _comparable(workspace.base, new)
    assert bool(changes) == (old_substance != new_substance), [c.describe() for c in changes]
    if applied == 1:  # several edits may undo each other (a rename, then its removal)
        for want in wants:
            assert any(want.met_by(c) for c in changes), (want, [c.describe() for c in changes])
    if applied == 1 and edits[0][0] is rename_activity and changes:
        # The vendors, transfers and clients' records that list the activity follow the new
        # name: one rename, one change (or removed + added when more changed with it).
        assert len(changes) == 1 or {c.kind for c in changes} >= {"removed", "added"}, [
            c.describe() for c in changes
        ]
    if all(m is move_code for m, _ in edits):
        assert changes == []
    # A fact the record repeats (a vendor's or a transfer's activities, an activity's
    # transfers, a joint controller's activities, a client's Art. 30(2) record) is reported
    # where it is stated, never again where ropa itself repeated it.
    repeats = [
        c.describe()
        for c in changes
        if (c.subject, c.key) in REPEATED or (c.subject == "Art. 30(2) record of client")
    ]
    assert repeats == [], repeats

    # `scan --baseline`: one ROPA301 per change, each naming it, from the in-memory record.
    diagnostics = baseline_diagnostics(workspace.baseline, outcome.record)
    assert [d.code for d in diagnostics] == ["ROPA301"] * len(changes)
    for d, c in zip(diagnostics, changes, strict=True):
        assert d.message.endswith(c.describe())
    check_outputs(changes)
    assert diff_records(new, new) == []


# ---------------------------------------------------------------------------------------------
# Mutations of records themselves: any leaf, any value.


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*path, i))
    else:
        yield path


def _substantive(path: tuple[Any, ...]) -> bool:
    if not path or path[0] in IGNORED_TOP:
        return False
    # Evidence in code moves with the code: compared only by ``ropa diff --evidence``.
    if len(path) >= 3 and path[0] in ("activities", "vendors") and path[2] == "evidence":
        return False
    return not (len(path) >= 3 and path[0] in CODE_LOCATIONS and path[2] == CODE_LOCATIONS[path[0]])


def _get(record: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        record = record[part]
    return record


def _set(record: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(record, path[:-1])[path[-1]] = value


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["P3Y", "P99Y", "controller", "user.health_and_medical", "\u202e", "a\nb"]),
)
VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _like(value: Any) -> st.SearchStrategy[Any]:
    """Values of the JSON type of ``value``: most of them keep the record valid."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(min_value=0, max_value=10**6)
    if isinstance(value, str) or value is None:
        return st.none() | st.text(max_size=8)
    return VALUES


@pytest.fixture(scope="module")
def records() -> dict[str, Record]:
    out = {}
    for name, source in (("sample", SAMPLE), ("broken", BROKEN)):
        out[name] = json.loads(dump_record(run_scan([source], jobs=1, date=DATE).record))
    return out


def _same(a: Any, b: Any) -> bool:
    def norm(v: Any) -> str:
        return json.dumps(_sorted(v), sort_keys=True)

    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return norm(a) == norm(b)


@PROPERTY
@given(which=st.sampled_from(["sample", "broken"]), data=st.data())
def test_any_changed_leaf_of_a_record_is_reported(
    records: dict[str, Record], which: str, data: st.DataObject
) -> None:
    old = records[which]
    new = copy.deepcopy(old)
    leaves = [p for p in _paths(old) if _substantive(p)]
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(leaves))
        value = data.draw(_like(_get(old, path)))
        assume(not _same(_get(old, path), value))
        _set(new, path, value)
    assume(_comparable(old, new)[0] != _comparable(old, new)[1])
    try:
        changes = diff_records(old, new)
    except RecordError:
        reject()  # not a record (a pattern or an enum broken): refused, see the test below
    assert changes, "a change in substance was not reported"
    assert diff_records(old, old) == [] and diff_records(new, new) == []
    check_outputs(changes)


@PROPERTY
@given(which=st.sampled_from(["sample", "broken"]), data=st.data())
def test_a_record_of_any_shape_never_breaks_the_diff(
    records: dict[str, Record], which: str, data: st.DataObject
) -> None:
    """Keys deleted, containers replaced by anything: a hand-edited record is compared or
    refused as a RecordError, never a crash."""
    old = records[which]
    new = copy.deepcopy(old)
    containers = [p for p in _paths_of_containers(new) if p]
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(containers))
        try:
            parent = _get(new, path[:-1])
            if data.draw(st.booleans()) and isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent[path[-1]] = data.draw(VALUES)
        except (KeyError, IndexError, TypeError):
            continue
    for a, b in ((old, new), (new, old)):
        try:
            check_outputs(diff_records(a, b))
        except RecordError as exc:
            # Refused before any comparison, each problem at its place in the record.
            assert all(p.startswith("the record: ") for p in exc.problems), exc.problems


def _paths_of_containers(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths_of_containers(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths_of_containers(v, (*path, i))
