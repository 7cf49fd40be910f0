"""One bad marker argument: reported at itself, the rest still read; no literal crashes a scan.

The long run of the property tests:

    ROPA_FUZZ_EXAMPLES=2000 pytest tests/test_marker_arguments.py
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropa import cache
from ropa.cache import Entry, encode_entry
from ropa.collector import collect_source
from ropa.config import Config
from ropa.model import Diagnostic, FileScan, Location, ScanResult
from ropa.pipeline import Outcome, dump_record, load_context, run_scan
from ropa.record import build_typed
from ropa.scanner import ScanOptions, parse_python, scan_source

from .conftest import DATE
from .test_gaps import assert_gaps_are_diagnostics

EXAMPLES = int(os.environ.get("ROPA_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
PROJECT = load_context(Config(controller={"name": "Example Ltd", "email": "p@example.com"}))


def scan_both(path: str, text: str) -> FileScan:
    """The scan by the fast route, checked equal to libcst's ``PositionProvider`` route."""
    data = text.encode("utf-8")
    fast = collect_source(path, data)
    assert fast == collect_source(path, data, exact_positions=True)
    return fast


def record_diagnostics(scan: FileScan) -> list[Diagnostic]:
    """The record's diagnostics for one file, and proof the record can be written."""
    record, diagnostics = build_typed(ScanResult(root=".", files=(scan,)), PROJECT)
    dump_record(record).encode("utf-8")
    # Everything ropa prints must be text a terminal, a file or a CI log can take.
    for d in (*scan.diagnostics, *diagnostics):
        f"{d.message} {d.hint}".encode()
    return diagnostics


def at(d: Diagnostic) -> tuple[int, int]:
    assert d.location is not None
    return d.location.line, d.location.column


# --------------------------------------------------------------------------- issue 9 item 5


def test_a_variable_retention_is_reported_at_the_argument_and_art9_still_checked() -> None:
    text = (
        "from ropa import processing\n"
        'RETENTION = "P1Y"\n'
        "@processing(\n"
        '    "Health",\n'
        '    purpose="Sick notes",\n'
        '    legal_basis="legal_obligation",\n'
        '    data=["user.health_and_medical"],\n'
        '    subjects=["employee"],\n'
        "    retention=RETENTION,\n"
        ")\n"
        "def f(): ...\n"
        '# ropa: processing("Survey", purpose="Ask", legal_basis="consent",\n'
        '#   data=["user.health_and_medical"], subjects=["employee"],\n'
        "#     retention=RETENTION)\n"
        "def g(): ...\n"
    )
    scan = scan_both("app/hr.py", text)
    assert [(d.code, at(d)) for d in scan.diagnostics] == [
        ("ROPA002", (9, 5)),
        ("ROPA002", (14, 7)),
    ]
    assert "'retention' must be a literal, not the variable 'RETENTION'" in (
        scan.diagnostics[0].message
    )
    health, survey = scan.activities
    assert (health.name, health.purpose, health.subjects, health.retention) == (
        "Health",
        "Sick notes",
        ("employee",),
        None,
    )
    assert survey.data == ("user.health_and_medical",) and survey.location.line == 12
    art9 = [d for d in record_diagnostics(scan) if d.code == "ROPA107"]
    assert sorted(at(d) for d in art9) == [(3, 1), (12, 1)]


def test_an_unreadable_first_argument_drops_the_marker_and_says_where() -> None:
    text = (
        "from ropa import processing, processor\n"
        'NAME = "x"\n'
        '@processing(NAME, purpose="p")\n'
        "def f(): ...\n"
        '@processor(vendor=f"{NAME}", data=["user.name"])\n'
        "def g(): ...\n"
        '@processing(purpose="p")\n'
        "def h(): ...\n"
    )
    scan = scan_both("app/a.py", text)
    assert [(at(d), d.message) for d in scan.diagnostics] == [
        ((3, 13), "processing(): argument 'name' must be a literal, not the variable 'NAME'"),
        ((5, 12), "processor(): argument 'vendor' must be a literal, not an f-string"),
        ((7, 1), "processing(): missing the name (first argument)"),
    ]
    assert scan.activities == () and scan.processors == ()


def column_of(text: str, line: int, needle: str) -> tuple[int, int]:
    """1-based line and character column of ``needle`` on ``line`` of ``text``."""
    return line, text.split("\n")[line - 1].index(needle) + 1


def test_columns_count_characters_after_non_ascii_text() -> None:
    text = (
        '# ropa: processing("Café", purpose="日本語のテキスト", legal_basis=BASIS,\n'
        '#   data=["user.name"], subjects=["customer"], bogus=1)\n'
        "def f(): ...\n"
        "from ropa import processing\n"
        '@processing("Ü", purpose="é", retention=R)\n'
        "def g(): ...\n"
    )
    scan = scan_both("app/a.py", text)
    assert sorted(at(d) for d in scan.diagnostics) == [
        column_of(text, 1, "legal_basis"),
        column_of(text, 2, "bogus"),
        column_of(text, 5, "retention"),
    ]


def test_every_kind_of_bad_argument_is_placed_at_that_argument() -> None:
    text = (
        "from ropa import processing\n"
        '@processing("A", "extra", **more, purpose="p", owners="me", subjects="customer",\n'
        '            name="B")\n'
        "def f(): ...\n"
    )
    scan = scan_both("app/a.py", text)
    assert [(at(d), d.message.split(":")[1].strip()[:24]) for d in scan.diagnostics] == [
        (column_of(text, 2, '"extra"'), "takes 1 positional argum"),
        (column_of(text, 2, "**more"), "** arguments are not all"),
        # owner= is a keyword (DESIGN section 9); owners= is not.
        (column_of(text, 2, "owners"), "unknown argument 'owners"),
        (column_of(text, 2, "subjects"), "argument 'subjects' must"),
        (column_of(text, 3, "name"), "argument 'name' given tw"),
    ]
    (activity,) = scan.activities
    assert (activity.name, activity.purpose) == ("A", "p")


LAYOUTS = {
    "space after @": '@ processing("A", purpose=V)\ndef f(): ...\n',
    "parenthesised call": '@(processing("A", purpose=V))\ndef f(): ...\n',
    "parenthesised name": '@(processing)("A", purpose=V)\ndef f(): ...\n',
    "CRLF and a tab": '@processing(\r\n    "A",\r\n\tpurpose=V)\r\ndef f(): ...\r\n',
    "in a tab-indented class": 'class C:\n\t@processing("A",\n\t\tpurpose=V)\n\tdef f(self): ...\n',
    "after a string over two lines": (
        'class C:\n    @processing("""A\n  x""", purpose=V)\n    def f(self): ...\n'
    ),
    "backslash continuation": '@processing("A", \\\n  purpose=V)\ndef f(): ...\n',
    "comment over CRLF lines": '# ropa: processing("A",\r\n#   purpose=V)\r\ndef f(): ...\r\n',
    "comment after a form feed": '# ropa: processing("A",\n\x0c#   purpose=V)\ndef f(): ...\n',
    "indented comment, two #": (
        'def g():\n    # ropa: processing("A",\n    ##  purpose=V)\n    x = 1\n'
    ),
}


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=list(LAYOUTS))
def test_the_position_holds_in_every_layout(layout: str) -> None:
    text = "from ropa import processing\n" + layout
    (problem,) = scan_both("app/a.py", text).diagnostics
    lines = text.replace("\r\n", "\n").split("\n")
    line = next(n for n, t in enumerate(lines, 1) if "purpose=V" in t)
    assert at(problem) == column_of(text.replace("\r\n", "\n"), line, "purpose=V")


@dataclass(frozen=True)
class _Generated:
    text: str
    bad: str
    where: tuple[int, int]
    kept: dict[str, object]


_GOOD = {
    "purpose": ('"Pay résumé fees"', "Pay résumé fees"),
    "legal_basis": ('"contract"', "contract"),
    "subjects": ('["customer", "employee"]', ("customer", "employee")),
    "retention": ('"P2Y"', "P2Y"),
    "uses": ('["essential.service"]', ("essential.service",)),
    "recipients": ('["Auditors"]', ("Auditors",)),
    "source": ('"Partners"', "Partners"),
    "profiling": ("False", False),
    "requirement": ('"Needed to pay"', "Needed to pay"),
}
_NON_LITERALS = st.sampled_from(
    [
        "VALUE",
        "settings.RETENTION",
        "load('x')",
        'f"{x}"',
        "1 + 1",
        '{["user.name"]}',
        '{["a"]: 1}',
        "{('a', 'b')}",
        "[x for x in y]",
        "lambda: 1",
        "b'bytes'",
        "0x" + "f" * 5000,
        "-(-1)",
        "{" * 30 + "1" + "}" * 30,
        "[" * 80 + "]" * 80,
        "5",
        '"customer"',
    ]
)


@st.composite
def declarations(draw: st.DrawFn) -> _Generated:
    """A processing declaration, decorator or comment, laid out at random, with one bad
    argument (a non-literal, a wrong type or an unknown keyword) and where that argument is."""
    keys = draw(st.lists(st.sampled_from(sorted(_GOOD)), unique=True, min_size=1, max_size=6))
    bad = draw(st.sampled_from(keys))
    unknown = draw(st.booleans()) and bad not in ("subjects",)
    args: list[tuple[str, str]] = [("", '"Payments"'), ("", 'data=["user.health_and_medical"]')]
    for key in keys:
        if key != bad:
            args.append((key, f"{key}={_GOOD[key][0]}"))
        elif unknown:
            args.append((key, f"{key}_x={_GOOD[key][0]}"))
        else:
            value = draw(_NON_LITERALS)
            if value in ("5", '"customer"') and _GOOD[key][0].startswith(value[:1]):
                value = "VALUE"  # the right type after all
            args.append((key, f"{key}={value}"))
    args = [args[0], *draw(st.permutations(args[1:]))]
    comment = draw(st.booleans())
    # Split the arguments over lines: each break goes before an argument.
    breaks = [draw(st.booleans()) for _ in args]
    breaks[0] = False
    indent = " " * draw(st.integers(0, 8))
    lines: list[str] = []
    where = (0, 0)
    prefix = "# ropa: processing(" if comment else "@processing("
    current = prefix
    first_line = 3 if not comment else 2
    for i, ((key, arg), brk) in enumerate(zip(args, breaks)):
        if brk:
            lines.append(current + ",")
            current = (indent + "#" + " " * draw(st.integers(0, 3))) if comment else indent
        elif i:
            current += ", "
        if key == bad:
            where = (first_line + len(lines), len(current) + 1)
        current += arg
    lines.append(current + ")")
    header = "from ropa import processing\nVALUE = 1\n" if not comment else "VALUE = 1\n"
    text = header + "\n".join(lines) + "\ndef f(): ...\n"
    kept = {k: _GOOD[k][1] for k in keys if k != bad}
    return _Generated(text=text, bad=bad, where=where, kept=kept)


@FUZZ
@given(declarations())
def test_a_bad_argument_is_placed_at_itself_and_the_rest_is_still_checked(
    case: _Generated,
) -> None:
    scan = scan_both("app/pay.py", case.text)
    (problem,) = scan.diagnostics
    assert problem.code == "ROPA002"
    assert at(problem) == case.where, (case.text, problem)
    assert f"'{case.bad}" in problem.message
    (activity,) = scan.activities
    for key, value in case.kept.items():
        assert getattr(activity, key) == value, key
    assert getattr(activity, case.bad) in (None, (), False)
    # The other arguments' own diagnostics: health data without an Art. 9 condition.
    diagnostics = record_diagnostics(scan)
    assert "ROPA107" in {d.code for d in diagnostics}
    if "unknown argument" in problem.message:
        return
    # A value that is written but unreadable is not asked for again ("lacks purpose", "has no
    # retention period"): the ROPA002 says what is wrong, and the record's gap points at it.
    assert activity.unread == ((case.bad, *case.where),)
    asked = [d for d in diagnostics if _asks_for(d, case.bad)]
    assert not asked, (case.text, asked)
    # requirement= is asked only of data collected from the person (no source= declared).
    if case.bad in _GAP_ITEMS and not (case.bad == "requirement" and "source" in case.kept):
        record, _ = build_typed(ScanResult(root=".", files=(scan,)), PROJECT)
        gap = {(g.item, g.code, g.where) for g in record.gaps}
        assert (_GAP_ITEMS[case.bad], "ROPA002", f"app/pay.py:{case.where[0]}") in gap


# The record item each keyword of _GOOD answers, when its absence is a gap.
_GAP_ITEMS = {
    "purpose": "art30_1_b_purpose",
    "legal_basis": "art13_1_c_legal_basis",
    "subjects": "art30_1_c_subjects",
    "retention": "art30_1_f_retention",
    "requirement": "art13_2_e_requirement",
}


def _asks_for(d: Diagnostic, key: str) -> bool:
    """Whether ``d`` says ``key`` is missing."""
    if d.code == "ROPA105":
        return key in d.message.partition(" lacks ")[2].split(", ")
    if d.code == "ROPA108":
        return key == "retention"
    return f"add {key}=" in (d.hint or "")


# --------------------------------------------------------------------------- issue 10


_CRASHERS = [
    'data={["user.name"]}',
    'data={["a"]: 1}',
    'fields={["email"]: "user.contact.email"}',
    'fields={"email": {["user.name"]}}',
    "data={{1}}",
    "data={{'a': 1}: 2}",
    "data={('a', ['b'])}",
    "data=[{('a', 'b'), ('a', 'b')}]",
    "retention=" + "1" * 5000,
    "retention=0x" + "f" * 5000,
    "retention=-0x" + "f" * 5000,
    "data=[" + "1" * 4000 + "]",
    "data=" + "[" * 150 + "]" * 150,
    "data=" + "-" * 3000 + "1",
    "data=" + "-" * 1000 + "1",  # Python reads it; libcst cannot print it back
    "data=" + "(" * 190 + "1" + ")" * 190,
    "data=" + "{1:" * 60 + "1" + "}" * 60,
    'purpose="\\ud800"',
    'purpose="' + "x" * 200_000 + '"',
    "data=[1e999, -1e999]",
    "**{'a': 1}",
]


@pytest.mark.parametrize("argument", _CRASHERS, ids=lambda a: a[:40])
@pytest.mark.parametrize("form", ["decorator", "comment", "continued"])
def test_a_hostile_literal_is_rop002_and_the_scan_goes_on(argument: str, form: str) -> None:
    call = f'processing("A", legal_basis="contract", {argument})'
    if form == "decorator":
        text = f"from ropa import processing\n@{call}\ndef f(): ...\n"
    elif form == "comment":
        text = f"# ropa: {call}\ndef f(): ...\n"
    else:
        text = f'# ropa: processing("A", legal_basis="contract",\n#   {argument})\ndef f(): ...\n'
    text += '# ropa: processing("B", purpose="still read")\nx = 1\n'
    data = text.encode("utf-8")
    for scan in (collect_source("app/a.py", data), scan_source("app/a.py", data, ScanOptions())):
        # The decorator is code: a file that even Python cannot parse may be one ROPA001.
        unparsable = form == "decorator" and not _python_reads(data)
        if unparsable and scan.diagnostics and scan.diagnostics[0].code == "ROPA001":
            assert len(scan.diagnostics) == 1
            continue
        assert {d.code for d in scan.diagnostics} <= {"ROPA002"}, scan.diagnostics
        assert all(d.location and d.location.path == "app/a.py" for d in scan.diagnostics)
        assert all(len(d.message) < 400 for d in scan.diagnostics)
        assert "B" in {a.name for a in scan.activities}, "the next marker is still read"
        record_diagnostics(scan)


def _python_reads(data: bytes) -> bool:
    try:
        parse_python(data)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


_ATOMS = st.one_of(
    st.text(max_size=8).map(repr),
    st.sampled_from(['"\\ud800"', '"\\x00"', "'\\N{BULLET}'", 'b"x"', "...", "None", "True"]),
    st.integers(-(10**30), 10**30).map(str),
    st.integers(1, 6000).map(lambda n: "9" * n),
    st.integers(1, 6000).map(lambda n: "0x" + "f" * n),
    st.floats(allow_nan=False).map(repr).filter(lambda s: s not in ("inf", "-inf")),
    st.sampled_from(["x", "a.b", "f()", "g(1, k=2)", 'f"{x}"', "1 + 2", "-1", "-x", "not x"]),
)


def _expressions() -> st.SearchStrategy[str]:
    return st.recursive(
        _ATOMS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
            st.lists(inner, max_size=4).map(lambda xs: "(" + ", ".join(xs) + ",)"),
            st.lists(inner, min_size=1, max_size=4).map(lambda xs: "{" + ", ".join(xs) + "}"),
            st.lists(st.tuples(inner, inner), max_size=3).map(
                lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"
            ),
            st.tuples(inner, st.sampled_from(["call", "attr", "neg", "star"])).map(
                lambda t: {
                    "call": f"f({t[0]})",
                    "attr": f"({t[0]}).real",
                    "neg": f"-{t[0]}",
                    "star": f"[*{t[0]}]",
                }[t[1]]
            ),
        ),
        max_leaves=12,
    )


_ARGUMENT_NAMES = st.sampled_from(
    ["", "purpose", "data", "subjects", "fields", "retention", "vendor", "activity", "profiling",
     "notice", "processors", "bogus"]
)  # fmt: skip


@FUZZ
@given(
    marker=st.sampled_from(["processing", "processor", "personal_data"]),
    arguments=st.lists(st.tuples(_ARGUMENT_NAMES, _expressions()), min_size=1, max_size=4),
    form=st.sampled_from(["decorator", "comment", "continued"]),
)
def test_any_literal_in_any_marker_is_read_or_reported_never_raised(
    marker: str, arguments: list[tuple[str, str]], form: str
) -> None:
    args = [f"{k}={v}" if k else v for k, v in arguments]
    if form == "decorator":
        text = f"from ropa import {marker}\n@{marker}({', '.join(args)})\nclass C: ...\n"
    elif form == "comment":
        text = f"# ropa: {marker}({', '.join(args)})\nclass C: ...\n"
    else:
        text = f"# ropa: {marker}(\n#   " + ",\n#   ".join(args) + ")\nclass C: ...\n"
    data = text.encode("utf-8")
    for scan in (collect_source("app/a.py", data), scan_source("app/a.py", data, ScanOptions())):
        for d in scan.diagnostics:
            assert d.code in {"ROPA001", "ROPA002"}, d
            assert d.location is not None and d.location.line >= 1 and d.location.column >= 1
        record_diagnostics(scan)


def test_locations_of_problems_are_inside_the_file() -> None:
    text = '# ropa: processing("A",\n#\n#   data=x)\ndef f(): ...\n'
    (d,) = scan_both("app/a.py", text).diagnostics
    assert d.location == Location(path="app/a.py", line=3, column=5)


def _scanned_twice(root: Path, path: str, text: str) -> Outcome:
    """``text`` at ``path`` under a project with a controller, scanned cold and then from the
    cache: both give the same diagnostics, and the cache keeps the file's scan whole."""
    (root / "ropa.yaml").write_text(
        "controller: {name: Acme GmbH, address: 1 Road, email: privacy@acme.example}\n",
        encoding="utf-8",
    )
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")
    runs = [run_scan([root], jobs=1, date=DATE) for _ in range(2)]  # cold, then cached
    assert runs[0].diagnostics == runs[1].diagnostics
    (scan,) = [f for f in runs[0].scan.files if f.path == path]
    entry = Entry(digest="0", stat=(0, 0, 0, 0), scan=scan)
    assert cache._entry(json.loads(encode_entry(entry))).scan == scan  # what the cache keeps
    return runs[1]


def test_unreadable_papers_and_art9_condition_are_not_asked_for_again(tmp_path: Path) -> None:
    """Every check for a missing value (ROPA105-108, 115, 116, 120) holds back when the value
    is written but unreadable, through the cache too; the gap then points at the argument."""
    text = (
        "from ropa import processing\n"
        "from settings import BASIS, RECORD, WITHDRAW, DPIA, EXCEPTION, EFFECTS\n"
        "@processing(\n"
        '    "Health checks",\n'
        '    purpose="Screen staff",\n'
        '    legal_basis="consent",\n'
        '    data=["user.health_and_medical"],\n'
        '    subjects=["employee"],\n'
        '    retention="P1Y",\n'
        '    requirement="Optional",\n'
        "    special_category_basis=BASIS,\n"
        "    consent_record=RECORD,\n"
        "    withdrawal=WITHDRAW,\n"
        "    dpia=DPIA,\n"
        '    automated_decision="Shift eligibility",\n'
        "    automated_decision_exception=EXCEPTION,\n"
        "    automated_decision_effects=EFFECTS,\n"
        ")\n"
        "def screen(): ...\n"
    )
    arguments = {
        "special_category_basis": (11, "art9_condition"),
        "consent_record": (12, "consent_record"),
        "withdrawal": (13, "art13_2_c_withdrawal"),
        "dpia": (14, "art35_dpia"),
        "automated_decision_exception": (16, "art22_2_exception"),
        "automated_decision_effects": (17, "art13_2_f_automated_decision"),
    }
    outcome = _scanned_twice(tmp_path, "app/hr.py", text)
    reported = {(d.code, d.location.line if d.location else 0) for d in outcome.diagnostics}
    assert {("ROPA002", line) for line, _ in arguments.values()} <= reported
    assert not [d for d in outcome.diagnostics if d.code in ("ROPA107", "ROPA115", "ROPA116")]
    gaps = {(g["item"], g["code"], g["where"]) for g in outcome.record.as_json()["gaps"]}
    for key, (line, item) in arguments.items():
        assert (item, "ROPA002", f"app/hr.py:{line}") in gaps, key
    assert_gaps_are_diagnostics(outcome)


def test_an_unreadable_activity_of_a_processor_is_not_asked_for_again(tmp_path: Path) -> None:
    text = (
        "ACT = 'Orders'\n"
        '# ropa: processing("Orders", purpose="Ship", legal_basis="contract",\n'
        '#   data=["user.contact.email"], subjects=["customer"], retention="P1Y",\n'
        '#   requirement="Needed")\n'
        "def ship(): ...\n"
        '# ropa: processor("stripe", data=["user.contact.email"],\n'
        "#   activity=ACT)\n"
        "def pay(): ...\n"
    )
    outcome = _scanned_twice(tmp_path, "pay.py", text)
    in_code = [(d.code, at(d)) for d in outcome.diagnostics if d.location.path == "pay.py"]
    assert in_code == [("ROPA002", (7, 5))]  # no "not linked to any activity: add activity="
    (gap,) = [g for g in outcome.record.gaps if g.vendor]
    assert (gap.item, gap.vendor, gap.code, gap.where) == (
        "art30_1_d_recipients",
        "stripe",
        "ROPA002",
        "pay.py:7",
    )
    assert_gaps_are_diagnostics(outcome)
