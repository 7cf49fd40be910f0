"""Fuzzing: the collector never raises, every ``# ropa:`` comment parses or is a diagnostic,
and mutated records and ``ropa.yaml`` files are answered with exit 0, 1 or 2, never a crash.

A short run is part of the normal tests. The long run:

    ROPA_FUZZ_EXAMPLES=5000 pytest tests/test_fuzz.py
"""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import hypothesmith
import libcst
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ropa.cli import main
from ropa.collector import collect_source
from ropa.model import FileScan
from ropa.pipeline import Outcome, dump_record
from ropa.scanner import ScanOptions, parse_python, scan_source

EXAMPLES = int(os.environ.get("ROPA_FUZZ_EXAMPLES", "25"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
MARKER_CODES = {"ROPA002", "ROPA003"}

#: Comment text: any character but the line breaks that would end the comment, and NUL.
_COMMENT_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r\n")


def _round_trips(data: bytes) -> bool:
    """Whether libcst gives back exactly the text it read.

    It does not always: libcst 1.9 drops blank and comment lines before trailing whitespace
    at the end of a file (``b"pass\\n\\n  # c"`` comes back as ``"pass\\n  # c"``). The
    exact route then misses or misplaces such a comment; the fast route reads the text
    itself and keeps it, so the two are only compared where libcst round-trips.
    """
    try:
        module = libcst.parse_module(data)
    except Exception:
        return False
    return module.code == data.decode(module.encoding)


def _no_crash(scan: FileScan) -> None:
    assert isinstance(scan, FileScan)
    for d in scan.diagnostics:
        assert d.location is not None and d.location.line >= 1


@FUZZ
@given(hypothesmith.from_grammar())
def test_collector_never_raises_on_generated_programs(source: str) -> None:
    data = source.encode("utf-8", "surrogatepass")
    _no_crash(collect_source("gen.py", data))
    _no_crash(scan_source("gen.py", data, ScanOptions()))


@FUZZ
@given(hypothesmith.from_grammar())
def test_fast_positions_agree_with_position_provider(source: str) -> None:
    data = source.encode("utf-8", "surrogatepass")
    try:
        parse_python(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        assume(False)
    # Sprinkle marker comments so the comment and attachment paths run on generated code.
    lines = source.split("\n")
    marked = "\n".join(
        line + ("  # ropa: user.name" if i % 3 == 0 and line.strip() else "")
        if not line.rstrip().endswith("\\")
        else line
        for i, line in enumerate(lines)
    ).encode("utf-8", "surrogatepass")
    for variant in (data, marked):
        fast = collect_source("gen.py", variant)
        exact = collect_source("gen.py", variant, exact_positions=True)
        _no_crash(fast)
        if _round_trips(variant):
            assert fast == exact


@FUZZ
@given(st.binary(max_size=2000))
def test_collector_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    _no_crash(collect_source("junk.py", data))
    _no_crash(scan_source("junk.py", data, ScanOptions()))


@FUZZ
@given(st.binary(max_size=500))
def test_collector_never_raises_on_bytes_after_a_marker(data: bytes) -> None:
    _no_crash(collect_source("junk.py", b"# ropa: processing('A', purpose='p')\n" + data))


_LITERALS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
_KEYWORDS = st.sampled_from(
    ["purpose", "legal_basis", "data", "subjects", "fields", "retention", "vendor", "notice",
     "profiling", "activity", "bogus", "processors", "uses"]
)  # fmt: skip


@st.composite
def marker_bodies(draw: st.DrawFn) -> str:
    """Marker calls with random literal (and some non-literal) arguments, or near misses."""
    name = draw(st.sampled_from(["processing", "processor", "personal_data", "procesing", ""]))
    args = [repr(v) for v in draw(st.lists(_LITERALS, max_size=2))]
    args += [f"{k}={v!r}" for k, v in draw(st.lists(st.tuples(_KEYWORDS, _LITERALS), max_size=4))]
    if draw(st.booleans()):
        args.append(draw(st.sampled_from(["x", "f'{x}'", "load()", "**kw", "*a", "a.b", "1+1"])))
    tail = draw(st.sampled_from([")", "", "))", ") trailing", ",)"]))
    return f"{name}({', '.join(args)}{tail}"


_BODIES = (
    marker_bodies()
    | st.text(_COMMENT_CHARS, max_size=80)
    | st.from_regex(r"\A(ignore(\[[A-Z0-9, ]*\])?|[a-z_][a-z_.]*(, ?[a-z_][a-z_.]*)*)\Z")
)


def _programs(body: str) -> list[str]:
    """The comment body in each position a marker comment can take."""
    comment = f"# ropa: {body}"
    return [
        f"{comment}\n",
        f"{comment}\ndef f(): ...\n",
        f"class C:  {comment}\n    x = 1\n",
        f"class C:\n    x = 1  {comment}\n    {comment}\n    y = 2\n",
        f"x = 1  {comment}\nprint(x)  {comment}\n",
        f"{comment}\n#   more=1)\nclass D: ...\n",
    ]


@FUZZ
@given(_BODIES)
def test_any_comment_body_parses_or_is_a_marker_diagnostic(body: str) -> None:
    for program in _programs(body):
        data = program.encode("utf-8")
        try:
            parse_python(data)
        except (SyntaxError, ValueError):
            continue  # a body with a form feed or the like can break the line structure
        scans = [collect_source("app/models.py", data, exact_positions=e) for e in (False, True)]
        for scan in scans:
            _no_crash(scan)
            codes = {d.code for d in scan.diagnostics}
            assert codes <= MARKER_CODES, (program, scan.diagnostics)
        if _round_trips(data):
            assert scans[0] == scans[1]


@FUZZ
@given(marker_bodies())
def test_decorator_markers_parse_or_are_rop002(call: str) -> None:
    program = f"from ropa import personal_data, processing, processor\n@{call}\ndef f(): ...\n"
    try:
        parse_python(program)
    except SyntaxError:
        assume(False)
    data = program.encode("utf-8")
    scan = collect_source("app/views.py", data)
    _no_crash(scan)
    assert {d.code for d in scan.diagnostics} <= {"ROPA002"}
    if _round_trips(data):
        assert scan == collect_source("app/views.py", data, exact_positions=True)


def test_a_marker_libcst_drops_at_the_end_of_a_file_is_still_read() -> None:
    """libcst loses blank and comment lines before trailing whitespace at the end of a file;
    ropa reads comments from the text itself, so these markers still count, on their line."""
    lost = b"x = 1\n  # ropa: processing('Tail', purpose='p')\n \t\n \n\n "
    moved = b"x = 1\n\n  # ropa: processing('Tail', purpose='p')"
    for data, line in ((lost, 2), (moved, 3)):
        assert not _round_trips(data)
        scan = collect_source("tail.py", data)
        assert [(a.name, a.location.line) for a in scan.activities] == [("Tail", line)]


# Inputs ropa reads back: mutated records through render and diff, mutated ropa.yaml files
# through scan. Every answer is exit 0, 1 or 2; never an exception. The long run, with
# thousands of cases and a hang detector, is benchmarks/fuzz_inputs.py.

INPUT_EXAMPLES = int(os.environ.get("ROPA_FUZZ_EXAMPLES", "40"))
INPUTS = settings(
    max_examples=INPUT_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["2023-02-30", "P３٣Y", "\ud800", "x" * 300, "user.name", "gdpr"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
_SNIPPETS = st.sampled_from(
    ["[" * 5000, "{", '"', "\\", "NaN", "1e999", "9" * 5000, "\x00", "\t", "- ", ": ", "&a ", "*a"]
)


def _paths_of(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths_of(item, (*here, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths_of(item, (*here, i))
    return out


def _mutated(doc: Any, draw: st.DrawFn) -> Any:
    doc = copy.deepcopy(doc)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths_of(doc) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        if draw(st.booleans()):
            parent[path[-1]] = draw(_JSON)
        else:
            del parent[path[-1]]
    return doc


@st.composite
def _damaged_text(draw: st.DrawFn, text: str) -> str:
    at = draw(st.integers(0, len(text)))
    if draw(st.booleans()):
        return text[:at]
    return text[:at] + draw(_SNIPPETS) + text[at:]


def _answers(args: list[str]) -> int:
    result = CliRunner().invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), result.output
    if result.exit_code == 2:
        assert result.output.startswith("ropa: ") and "internal error" not in result.output
    return result.exit_code


#: A record saved by ropa before roles and regions (schema_version 1), upgraded on load.
OLD_RECORD = Path(__file__).parent / "data" / "records" / "v1-before-roles.json"


@pytest.fixture(scope="module")
def record_files(sample_outcome: Outcome, tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("fuzz-records")
    base = folder / "base.json"
    base.write_text(dump_record(sample_outcome.record), "utf-8")
    old = json.loads(OLD_RECORD.read_text("utf-8"))
    return folder, base, sample_outcome.record.as_json(), old


def _refusal_names_a_place(args: list[str]) -> int:
    """Exit 0, 1 or 2; a refused record is named with the place of its first problem (or
    what keeps it from being read at all), never a Python type or a traceback."""
    code = _answers(args)
    if code == 2:
        output = CliRunner().invoke(main, args).output
        first = output.splitlines()[0]
        assert re.match(r"ropa: .+: ", first), output
        assert "tuple" not in first and "Input should" not in first, output
    return code


@INPUTS
@given(data=st.data())
def test_mutated_records_never_crash_render_or_diff(record_files: Any, data: st.DataObject) -> None:
    folder, base, record, old = record_files
    kind = data.draw(st.integers(0, 4))
    if kind == 0:
        text = data.draw(_damaged_text(base.read_text("utf-8")))
    else:
        # Now and then a version 1 record: mutated before its upgrade, not after.
        text = json.dumps(_mutated(old if kind == 4 else record, data.draw))
    path = folder / "ropa.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    out = folder / "out"
    _refusal_names_a_place(
        ["render", str(path), "--out-dir", str(out), "--formats", "json,md,csv,xlsx"]
    )
    _refusal_names_a_place(["diff", str(base), str(path), "--format", "markdown"])
    _refusal_names_a_place(["diff", str(path), str(base)])


_CONFIG_SEED: dict[str, Any] = {
    "controller": {"name": "Example Ltd", "email": "p@example.com"},
    "jurisdictions": ["gdpr", "ccpa"],
    "activities": [
        {
            "name": "Payroll",
            "purpose": "Pay",
            "legal_basis": "contract",
            "data": ["user.custom"],
            "subjects": ["employee"],
            "retention": "P6Y",
        }
    ],
    "categories": {
        "user.custom": {"name": "Custom", "parent": "user", "ccpa": ["B"]},
        "user.health_and_medical": {"name": "Health"},
    },
    "notice": {"children_min_age": 16, "ccpa": {"sells": False, "shares": False}},
    "scan": {"paths": ["app"], "max_file_size": 100000},
}


#: Well-typed edits that mean harm (a parent cycle is tested on its own, with a timeout).
_CONFIG_EDITS: list[tuple[tuple[Any, ...], Any]] = [
    (("jurisdictions",), 1),
    (("jurisdictions",), [["gdpr"]]),
    (("activities", 0, "retention"), "P" + "9" * 5000 + "Y"),
    (("activities", 0, "retention"), "P３٣Y"),
    (("scan", "max_file_size"), 10**30),
    (("scan", "max_file_size"), -1),
    (("scan", "paths"), ["/etc"]),
    (("notice", "children_min_age"), -13),
    (("controller", "name"), "\ud800"),
    (("categories", "user.health_and_medical", "special"), "art10"),
]


@pytest.fixture(scope="module")
def config_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz-config")
    (root / "app").mkdir()
    (root / "app" / "m.py").write_text(
        "# ropa: processing('Mail', purpose='p', legal_basis='contract', data=['user.custom'],"
        " subjects=['customer'], retention='P1Y')\ndef f(): ...\n"
    )
    return root


@INPUTS
@given(data=st.data())
def test_mutated_ropa_yaml_never_crashes_scan(config_project: Path, data: st.DataObject) -> None:
    seed_text = yaml.safe_dump(_CONFIG_SEED, sort_keys=False)
    if data.draw(st.integers(0, 3)) == 0:
        text = data.draw(_damaged_text(seed_text))
    else:
        doc = copy.deepcopy(_CONFIG_SEED)
        for path, value in data.draw(st.lists(st.sampled_from(_CONFIG_EDITS), max_size=2)):
            target = doc
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = value
        try:
            text = yaml.safe_dump(_mutated(doc, data.draw), allow_unicode=True)
        except yaml.YAMLError:
            text = seed_text
    (config_project / "ropa.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    _answers(["scan", str(config_project), "--no-cache", "-j", "1", "--format", "json"])


@FUZZ
@given(hypothesmith.from_grammar())
def test_flow_pass_never_raises_on_generated_programs(source: str) -> None:
    from ropa.flow.engine import find_flows
    from ropa.flow.sinks import SinkTable
    from ropa.model import ScanResult

    try:
        tree = parse_python(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        assume(False)
        return
    scan = scan_source("gen.py", source.encode("utf-8", "surrogatepass"), ScanOptions())
    assert scan.flow is not None
    find_flows(ScanResult(root=".", files=(scan,)), SinkTable.builtin())
    assert tree is not None
