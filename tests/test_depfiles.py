"""Dependency files from a stranger's tree: wrong types, special files and huge files (issue 10)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ropa.depfiles import MAX_FILES, read_dependencies
from ropa.pipeline import Outcome

Scan = Callable[[Mapping[str, str | bytes]], Outcome]
LIMIT = 5_000_000

needs_tomllib = pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is 3.11+")


def _read(
    tmp_path: Path, files: Mapping[str, str | bytes], limit: int = LIMIT
) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, int, str]]]:
    for name, content in files.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    found = read_dependencies([tmp_path], tmp_path, limit)
    refs = [(r.module, r.location.path, r.location.line) for r in found.refs]
    problems = [
        (p.code, p.location.path, p.location.line, p.message)
        for p in found.problems
        if p.location is not None
    ]
    return refs, problems


WRONG_PYPROJECTS = [
    ('project = "x"\n', 1, "project must be a table"),
    ("project = 5\n", 1, "project must be a table"),
    ("[project]\ndependencies = 5\n", 2, "project.dependencies must be a list"),
    ('[project]\ndependencies = "stripe"\n', 2, "project.dependencies must be a list"),
    ("[project]\ndependencies = true\n", 2, "project.dependencies must be a list"),
    ("[project]\ndependencies = {a = 1}\n", 2, "project.dependencies must be a list"),
    ("[project]\ndependencies = 1979-05-27\n", 2, "project.dependencies must be a list"),
    ('[project]\ndependencies = [5, "stripe"]\n', 2, "project.dependencies holds a number"),
    ('[project]\ndependencies = [["stripe"]]\n', 2, "project.dependencies holds a list"),
    ('[project]\noptional-dependencies = "x"\n', 2, "project.optional-dependencies must be"),
    ("[project.optional-dependencies]\nai = 5\n", 2, "project.optional-dependencies.ai must"),
    ("tool = 5\n", 1, "tool must be a table"),
    ('[tool]\npoetry = "x"\n', 2, "tool.poetry must be a table"),
    ('[tool.poetry]\ndependencies = ["stripe"]\n', 2, "tool.poetry.dependencies must be"),
    ("[tool.poetry]\ngroup = 3\n", 2, "tool.poetry.group must be a table"),
    ("[tool.poetry.group]\ndev = 3\n", 2, "tool.poetry.group.dev must be a table"),
    ("[tool.poetry.group.dev]\ndependencies = 3\n", 2, "dependencies must be a table"),
    ("[project\n", 1, "not valid TOML"),
    ('[project]\ndependencies = ["a"]\ndependencies = ["b"]\n', 3, "not valid TOML"),
]


@needs_tomllib
@pytest.mark.parametrize(("text", "line", "message"), WRONG_PYPROJECTS)
def test_a_pyproject_of_the_wrong_shape_is_rop001_naming_it(
    scan_tree: Scan, text: str, line: int, message: str
) -> None:
    outcome = scan_tree({"app.py": "x = 1\n", "pyproject.toml": text})
    problems = [d for d in outcome.diagnostics if d.code == "ROPA001"]
    assert problems, "a wrong pyproject.toml must be reported"
    hit = problems[0]
    assert hit.location is not None
    assert (hit.location.path, hit.location.line) == ("pyproject.toml", line)
    assert message in hit.message


@needs_tomllib
def test_the_good_parts_of_a_pyproject_are_still_read(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        [project]
        name = "shop"
        dependencies = [5, "stripe>=7", "Django"]
        [project.optional-dependencies]
        obs = ["sentry-sdk[django]>=2 ; python_version > '3.9'"]
        bad = 3
        [tool.poetry.dependencies]
        python = "^3.11"
        twilio = "^9"
        [tool.poetry.group.ai.dependencies]
        "langchain-openai" = "*"
        """
    )
    refs, problems = _read(tmp_path, {"pyproject.toml": text})
    assert refs == [
        ("stripe", "pyproject.toml", 3),
        ("Django", "pyproject.toml", 3),
        ("sentry-sdk", "pyproject.toml", 5),
        ("twilio", "pyproject.toml", 9),
        ("langchain-openai", "pyproject.toml", 11),
    ]
    assert [(p[0], p[2]) for p in problems] == [("ROPA001", 3), ("ROPA001", 6)]


# Values of every TOML type, nested, placed where the dependencies are read from.
_scalars = st.one_of(
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet="abcxyz-_.[]>=<;@ /:", max_size=20),
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["a", "b", "dependencies", "python"]), inner, max_size=3)
    ),
    max_leaves=12,
)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f'"{k}" = {_toml(v)}' for k, v in value.items()) + "}"


@needs_tomllib
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    key=st.sampled_from(
        [
            "project",
            "project.dependencies",
            "project.optional-dependencies",
            "tool.poetry",
            "tool.poetry.dependencies",
            "tool.poetry.group",
            "tool",
        ]
    ),
    value=_values,
)
def test_any_value_anywhere_in_a_pyproject_is_read_or_reported(
    tmp_path: Path, key: str, value: object
) -> None:
    *tables, last = key.split(".")
    head = f"[{'.'.join(tables)}]\n" if tables else ""
    text = f"{head}{last} = {_toml(value)}\n"
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    found = read_dependencies([tmp_path], tmp_path, LIMIT)
    assert all(p.code == "ROPA001" for p in found.problems)
    assert all(isinstance(r.module, str) and r.module for r in found.refs)


def test_setup_cfg_requirements_are_read_and_a_broken_one_is_reported(tmp_path: Path) -> None:
    good = textwrap.dedent(
        """\
        [metadata]
        name = shop
        [options]
        install_requires =
            Django>=4
            sentry-sdk[django] ; python_version > "3.8"
        [options.extras_require]
        sms = twilio
        """
    )
    refs, problems = _read(tmp_path, {"setup.cfg": good})
    assert refs == [
        ("Django", "setup.cfg", 5),
        ("sentry-sdk", "setup.cfg", 6),
        ("twilio", "setup.cfg", 8),
    ]
    assert problems == []
    refs, problems = _read(tmp_path, {"setup.cfg": "install_requires = stripe\n[options\n"})
    assert refs == [] and [(p[0], p[1], p[2]) for p in problems] == [("ROPA001", "setup.cfg", 1)]


def test_requirements_lines_of_every_form(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        # comment
        -r base.txt
        --hash=sha256:abc
        -e git+https://example.org/x.git#egg=frobnicator
        https://example.org/pkg-1.0.tar.gz
        stripe[async]>=7 ; python_version > "3.8"  # payments
        sentry-sdk @ https://example.org/sentry_sdk-2.0-py3-none-any.whl
        stripe==7.1
            twilio \\
            --hash=sha256:def
        """
    )
    refs, problems = _read(tmp_path, {"requirements.txt": text})
    assert refs == [
        ("stripe", "requirements.txt", 6),
        ("sentry-sdk", "requirements.txt", 7),
        ("twilio", "requirements.txt", 9),
    ]
    assert problems == []


def test_a_utf16_requirements_file_from_powershell_is_read(tmp_path: Path) -> None:
    data = "stripe==7.0\r\nsentry-sdk==2.0\r\n".encode("utf-16")
    refs, _ = _read(tmp_path, {"requirements.txt": data})
    assert [r[0] for r in refs] == ["stripe", "sentry-sdk"]


_READ_ONE = (
    "import sys; from pathlib import Path; from ropa.depfiles import read_dependencies; "
    "d = read_dependencies([Path(sys.argv[1])], Path(sys.argv[1]), 5_000_000); "
    "print(len(d.refs), *sorted(p.message for p in d.problems), sep='|')"
)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_special_files_named_like_dependency_files_never_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "requirements.txt")
    os.mkfifo(tmp_path / "pyproject.toml")
    (tmp_path / "setup.cfg").symlink_to("/dev/zero")
    (tmp_path / "requirements-dev.txt").symlink_to(tmp_path / "requirements.txt")
    # A separate process: if reading blocked, the timeout ends it instead of the test run.
    done = subprocess.run(
        [sys.executable, "-c", _READ_ONE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    count, *messages = done.stdout.strip().split("|")
    assert count == "0"
    assert sorted(messages) == [
        "skipped: a link that leads out of the project",
        "skipped: not a regular file",
        "skipped: not a regular file",
        "skipped: not a regular file",
    ]


def test_a_symlink_inside_the_project_is_followed(tmp_path: Path) -> None:
    (tmp_path / "reqs").mkdir()
    (tmp_path / "reqs" / "base.txt").write_text("stripe\n")
    (tmp_path / "requirements.txt").symlink_to(tmp_path / "reqs" / "base.txt")
    refs, problems = _read(tmp_path, {})
    assert refs == [("stripe", "requirements.txt", 1)] and problems == []


def test_requirements_folders_and_pip_tools_inputs_are_read(tmp_path: Path) -> None:
    (tmp_path / "requirements").mkdir()
    refs, problems = _read(
        tmp_path,
        {"requirements/base.txt": "stripe\n", "requirements.in": "twilio\n"},
    )
    assert sorted(refs) == [
        ("stripe", "requirements/base.txt", 1),
        ("twilio", "requirements.in", 1),
    ]
    assert problems == []


def test_a_linked_requirements_folder_out_of_the_project_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("stripe\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "requirements").symlink_to(outside)
    found = read_dependencies([project], project, LIMIT)
    assert found.refs == ()
    assert [p.message for p in found.problems] == ["skipped: a link that leads out of the project"]


def test_a_tree_full_of_dependency_files_is_read_only_so_far(tmp_path: Path) -> None:
    (tmp_path / "requirements").mkdir()
    for i in range(MAX_FILES + 50):
        (tmp_path / "requirements" / f"r{i:04}.txt").write_text(f"package-{i}\n")
    found = read_dependencies([tmp_path], tmp_path, LIMIT)
    assert len(found.refs) == MAX_FILES
    assert [p.message for p in found.problems] == [
        f"skipped: more than {MAX_FILES} dependency files; the first {MAX_FILES} were read"
    ]


def test_a_requirements_file_over_the_size_limit_is_skipped_with_a_warning(
    tmp_path: Path,
) -> None:
    refs, problems = _read(tmp_path, {"requirements.txt": "stripe\n" * 2000}, limit=10_000)
    assert refs == []
    assert [(p[0], p[1], p[2]) for p in problems] == [("ROPA001", "requirements.txt", 1)]
    assert "over scan.max_file_size (10,000)" in problems[0][3]


@needs_tomllib
def test_dependency_files_are_read_in_linear_time(tmp_path: Path) -> None:
    """20,000 names: the line of each used to be found by searching the file from the top
    (400 million comparisons, minutes); one pass over the lines takes well under a second."""
    n = 20_000
    names = [f"package-{i}" for i in range(n)]
    toml = "[project]\ndependencies = [\n" + "".join(f'  "{x}>=1",\n' for x in names) + "]\n"
    (tmp_path / "pyproject.toml").write_text(toml)
    (tmp_path / "requirements.txt").write_text("".join(f"{x}==1.0\n" for x in names) * 5)
    start = time.perf_counter()
    found = read_dependencies([tmp_path], tmp_path, LIMIT)
    elapsed = time.perf_counter() - start
    assert len(found.refs) == 2 * n  # each file once per name, not once per line
    lines = {r.module: r.location.line for r in found.refs if r.location.path == "pyproject.toml"}
    assert lines["package-19999"] == n + 2
    assert elapsed < 20, f"{elapsed:.1f} s"


def test_a_huge_requirements_file_is_refused_by_the_scan_quickly(scan_tree: Scan) -> None:
    """1 million lines (20 MB) took 74 s and 308 MB; over scan.max_file_size it is a warning."""
    big = "".join(f"package-{i}>=1.0\n" for i in range(1_000_000))
    start = time.perf_counter()
    outcome = scan_tree({"app.py": "x = 1\n", "requirements.txt": big})
    elapsed = time.perf_counter() - start
    (hit,) = [d for d in outcome.diagnostics if d.code == "ROPA001"]
    assert hit.location is not None and hit.location.path == "requirements.txt"
    assert elapsed < 30, f"{elapsed:.1f} s"
