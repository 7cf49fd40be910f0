"""The project join (``ropa.flow.engine``) resolves only the functions that can hold a flow and
reads summaries packed as the scan keeps them: neither may change a single flow.

Checked on generated projects (functions across modules that read personal data, pass it on,
return it, build objects from it, log it, call each other in cycles and through subclasses),
on the fixtures, and on the sample project, against resolving every function of unpacked
summaries (the engine before either shortcut).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropa.flow import engine
from ropa.flow.sinks import SinkTable
from ropa.model import ScanResult
from ropa.pipeline import load_context, load_project
from ropa.registry import load_known_packages
from ropa.scanner import ScanOptions, scan_paths

from .conftest import REPO, SAMPLE

MODULES = 3
FUNCTIONS = 4

# One statement of a generated function ``f(p)``; ``{m}``/``{f}`` pick another function.
STATEMENTS = (
    "x = p",
    "x = user.email",
    "x = record.phone_number",
    "x = helper_{m}.f{f}(x)",
    "x = helper_{m}.f{f}(p)",
    "helper_{m}.f{f}(x)",
    "x = helper_{m}.Box(x)",
    "x = helper_{m}.Crate(x).value",
    "x = x.strip()",
    "x = f'{{x}} <{{p}}>'",
    "logging.info(x)",
    "print(p)",
    "requests.post('https://api.example.net/v1', json={{'v': x}})",
    "x = hashlib.sha256(x).hexdigest()",
    "return x",
)

statement = st.tuples(
    st.integers(0, len(STATEMENTS) - 1), st.integers(0, MODULES - 1), st.integers(0, FUNCTIONS - 1)
)
function = st.lists(statement, min_size=1, max_size=6)
project = st.lists(
    st.lists(function, min_size=FUNCTIONS, max_size=FUNCTIONS),
    min_size=MODULES,
    max_size=MODULES,
)


def write_project(root: Path, modules: list[list[list[tuple[int, int, int]]]]) -> None:
    imports = "\n".join(f"from . import helper_{m}" for m in range(MODULES))
    for m, functions in enumerate(modules):
        lines = ["import hashlib", "import logging", "import requests", imports, ""]
        lines += [
            "class Box:",
            "    def __init__(self, value):",
            "        self.value = value",
            "        logging.warning(value)",
            "",
            "class Crate(Box):",
            "    pass",
            "",
        ]
        for f, body in enumerate(functions):
            lines.append(f"def f{f}(p):")
            lines.append("    x = None")
            for kind, other_m, other_f in body:
                lines.append("    " + STATEMENTS[kind].format(m=other_m, f=other_f))
            lines.append("")
        (root / f"helper_{m}.py").write_text("\n".join(lines), encoding="utf-8")
    (root / "__init__.py").write_text("", encoding="utf-8")


def flows_three_ways(root: Path) -> tuple[list[engine.Flow], ...]:
    """Flows of the project at ``root``: as ropa finds them (from the packed summaries the
    scan keeps), from the same summaries decoded into objects, and by resolving every
    function of the decoded summaries (the engine before either shortcut)."""
    project_root, config = load_project([root], None)
    context = load_context(config)
    scan = scan_paths([root], project_root, ScanOptions(evidence=True))
    assert all(f.flow is None or f.flow.packed is not None for f in scan.files)
    table = SinkTable(context.vendors, load_known_packages())
    sanitisers = config.scan.sanitisers
    found = engine.find_flows(scan, table, sanitisers)
    decoded = ScanResult(
        root=scan.root,
        files=tuple(
            dataclasses.replace(f, flow=f.flow.unpacked()) if f.flow is not None else f
            for f in scan.files
        ),
        modules=scan.modules,
        fingerprint=scan.fingerprint,
    )
    assert all(f.flow is None or f.flow.packed is None for f in decoded.files)
    from_objects = engine.find_flows(decoded, table, sanitisers)
    every = _resolving_everything(decoded, table, sanitisers)
    return found, from_objects, every


def _resolving_everything(
    scan: ScanResult, table: SinkTable, sanitisers: tuple[str, ...]
) -> list[engine.Flow]:
    original = engine._Engine.relevant
    engine._Engine.relevant = lambda self: set(self.fns)  # type: ignore[method-assign]
    try:
        return engine.find_flows(scan, table, sanitisers)
    finally:
        engine._Engine.relevant = original  # type: ignore[method-assign]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(modules=project)
def test_generated_projects_give_the_same_flows_every_way(
    tmp_path_factory: pytest.TempPathFactory, modules: list[list[list[tuple[int, int, int]]]]
) -> None:
    root = tmp_path_factory.mktemp("app") / "app"
    root.mkdir()
    write_project(root, modules)
    found, from_objects, every = flows_three_ways(root)
    assert found == every
    assert from_objects == every


def test_a_call_cycle_does_not_lengthen_the_path_by_the_order_it_is_resolved_in(
    tmp_path: Path,
) -> None:
    """Found by the property above in CI: helper_2.f1 and helper_1.f1 call each other, and
    resolving every function walked the cycle once more before the log, because the first
    path a parameter was seen to take to a sink was kept, not the shortest."""
    root = tmp_path / "app"
    root.mkdir()
    modules = [
        [[(0, 0, 0)], [(0, 0, 0)], [(0, 0, 0)], [(0, 0, 0)]],
        [[(0, 0, 0)], [(4, 2, 1)], [(0, 0, 0)], [(0, 0, 0)]],
        [[(0, 0, 0)], [(4, 1, 1), (0, 0, 0), (6, 0, 0)], [(0, 0, 0)], [(1, 0, 0), (3, 2, 1)]],
    ]
    write_project(root, modules)
    found, from_objects, every = flows_three_ways(root)
    assert found == every and from_objects == every
    (flow,) = found
    assert [s.line for s in flow.steps if s.path == "helper_1.py"] == []


def test_a_chain_of_helpers_that_read_nothing_still_carries_a_flow(tmp_path: Path) -> None:
    """The shortcut skips functions that read nothing personal at the top level, but not
    when they are called: a helper chain between the read and the sink is followed."""
    root = tmp_path / "app"
    root.mkdir()
    # helper_0.f0 reads an e-mail and passes it to helper_1.f0, which hands it to
    # helper_2.f0, which logs it; helper_2.f1 logs only its parameter and is never called
    # with anything personal.
    modules = [
        [[(1, 0, 0), (5, 1, 0)], [(0, 0, 0)], [(0, 0, 0)], [(0, 0, 0)]],
        [[(0, 0, 0), (5, 2, 0)], [(0, 0, 0)], [(0, 0, 0)], [(0, 0, 0)]],
        [[(0, 0, 0), (10, 0, 0)], [(0, 0, 0), (10, 0, 0)], [(0, 0, 0)], [(0, 0, 0)]],
    ]
    write_project(root, modules)
    found, from_objects, every = flows_three_ways(root)
    assert found == from_objects == every
    logged = [f for f in found if f.sink.kind == "log" and f.location.path == "helper_2.py"]
    assert [(f.field, f.location.line) for f in logged] == [("email", 19)]
    steps = [s.what for s in logged[0].steps]
    assert steps[0] == "reads user.email"
    assert steps[-1] == "logged by logging.info()"
    assert steps.index("passed to helper_1.f0()") < steps.index("passed to helper_2.f0()")


@pytest.mark.parametrize(
    "where",
    [SAMPLE, *sorted((REPO / "tests" / "fixtures").iterdir())],
    ids=lambda p: p.name,
)
def test_the_fixtures_give_the_same_flows_every_way(where: Path) -> None:
    found, from_objects, every = flows_three_ways(where)
    assert found == from_objects == every


def test_a_function_that_logs_what_another_returns_is_resolved(tmp_path: Path) -> None:
    """``helper_1.f0`` reads nothing personal itself: it logs what ``helper_0.f0`` returns,
    an e-mail address. It must be among the functions resolved."""
    root = tmp_path / "app"
    root.mkdir()
    modules = [
        [[(1, 0, 0), (14, 0, 0)], [(0, 0, 0)], [(0, 0, 0)], [(0, 0, 0)]],
        [[(4, 0, 0), (10, 0, 0)], [(0, 0, 0)], [(0, 0, 0)], [(0, 0, 0)]],
        [[(0, 0, 0)], [(0, 0, 0)], [(0, 0, 0)], [(0, 0, 0)]],
    ]
    write_project(root, modules)
    found, from_objects, every = flows_three_ways(root)
    assert found == from_objects == every
    assert [(f.field, str(f.location)) for f in found] == [("email", "helper_1.py:19:5")]
    assert [s.what for s in found[0].steps][-3:] == [
        "returned by helper_0.f0()",
        "assigned to x",
        "logged by logging.info()",
    ]
