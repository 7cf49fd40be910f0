"""Hostile YAML: a ropa.yaml or vendor file built to exhaust the reader is refused, fast and small.

Each case runs the real CLI in a child process and checks the exit code (2), the message
(``ropa.yaml:LINE: ...``), the time and the child's peak memory.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest

from ropa.config import load_config
from ropa.errors import ConfigError
from ropa.yamlio import MAX_YAML_BYTES, load_yaml

REPO = Path(__file__).resolve().parent.parent
#: Generous bounds: a refusal is a few hundred milliseconds and the interpreter's own memory.
SECONDS = 10.0
MEGABYTES = 200

_RUNNER = """\
import resource, sys
from ropa.cli import run
sys.argv = ["ropa", *sys.argv[1:]]
code = 0
try:
    run()
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
# VmHWM: ru_maxrss would include the parent's peak, carried over across fork and exec.
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    with open("/proc/self/status") as status:
        peak = next(int(x.split()[1]) for x in status if x.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
sys.stderr.write("\\nMAXRSS_KB " + str(peak) + "\\n")
sys.exit(code)
"""


@dataclass
class Run:
    code: int
    stderr: str
    seconds: float
    megabytes: float


def run_cli(cwd: Path, *args: str, timeout: float = 60) -> Run:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    seconds = time.perf_counter() - start
    match = re.search(r"MAXRSS_KB (\d+)", done.stderr)
    assert match, done.stderr
    return Run(done.returncode, done.stderr, seconds, int(match.group(1)) / 1024)


def _billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _fifty_megabytes(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write("controller: {name: Acme Shop Ltd, email: privacy@acme-shop.test}\n")
        chunk = ("# " + "x" * 97 + "\n") * 10_000
        for _ in range(50):
            out.write(chunk)


CASES: dict[str, tuple[str | bytes, str]] = {
    "billion laughs": (_billion_laughs(), r"ropa\.yaml:1: anchors and aliases are not allowed"),
    "laughs in vendors": (
        "controller: {name: X, email: x@x.test}\nvendors:\n  acme: &v {name: Acme}\n  acme2: *v\n",
        r"ropa\.yaml:3: anchors and aliases are not allowed",
    ),
    "deep block nesting": (
        "".join(" " * i + f"k{i}:\n" for i in range(1200)) + " " * 1200 + "v: 1\n",
        r"ropa\.yaml:\d+: nested (too deeply|more than 50 levels deep)",
    ),
    "deep flow mappings": (
        "controller: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
        r"ropa\.yaml:\d+: nested (too deeply|more than 50 levels deep)",
    ),
    "deep vendors": (
        "controller: {name: X, email: x@x.test}\nvendors:\n  acme: "
        + "{a: " * 60
        + "1"
        + "}" * 60
        + "\n",
        r"ropa\.yaml:\d+: nested (too deeply|more than 50 levels deep)",
    ),
    "binary": (bytes(range(256)) * 200, r"ropa\.yaml:1: binary file"),
    "binary without NUL": (bytes(range(1, 256)) * 200, r"ropa\.yaml:\d+: not valid UTF-8"),
    "tab indentation": ("controller:\n\tname: X\n", r"ropa\.yaml:2: tab"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_ropa_yaml_is_refused(tmp_path: Path, name: str) -> None:
    content, message = CASES[name]
    path = tmp_path / "ropa.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    (tmp_path / "app.py").write_text("x = 1\n", encoding="utf-8")
    run = run_cli(tmp_path, "scan", ".", "--no-cache")
    assert run.code == 2, run.stderr
    assert re.search(message, run.stderr), run.stderr
    assert "Traceback" not in run.stderr
    assert run.seconds < SECONDS
    assert run.megabytes < MEGABYTES


def test_fifty_megabyte_ropa_yaml_is_refused(tmp_path: Path) -> None:
    _fifty_megabytes(tmp_path / "ropa.yaml")
    run = run_cli(tmp_path, "scan", ".", "--no-cache")
    assert run.code == 2
    assert "ropa.yaml:1: file is larger than 2 MB" in run.stderr
    assert run.seconds < SECONDS
    assert run.megabytes < MEGABYTES


def test_only_the_first_bytes_of_a_giant_ropa_yaml_are_read(tmp_path: Path) -> None:
    """A sparse 4 GB file: reading it whole would take 4 GB; the limit plus one byte is read."""
    path = tmp_path / "ropa.yaml"
    with open(path, "wb") as out:
        out.truncate(4 * 1024**3)
    tracemalloc.start()
    try:
        with pytest.raises(ConfigError, match=r"^ropa\.yaml:1: file is larger than 2 MB$"):
            load_config(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * MAX_YAML_BYTES


def test_hostile_build_config_is_refused_too(tmp_path: Path) -> None:
    (tmp_path / "ropa.yaml").write_text(_billion_laughs(), encoding="utf-8")
    run = run_cli(tmp_path, "build", ".", "--formats", "json", "--out-dir", str(tmp_path / "o"))
    assert run.code == 2
    assert "ropa.yaml:1: anchors and aliases are not allowed" in run.stderr
    assert not (tmp_path / "o" / "ropa.json").exists()


def test_deep_flow_sequences_are_refused_quickly(tmp_path: Path) -> None:
    (tmp_path / "ropa.yaml").write_text(
        "controller: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8"
    )
    try:
        run = run_cli(tmp_path, "scan", ".", "--no-cache", timeout=SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"not refused within {SECONDS} s")
    assert run.code == 2
    assert run.seconds < SECONDS


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("acme: &a {name: A}\nother: *a\n", 1),
        ("acme:\n  name: A\n  name: B\n", 3),
        ("acme: " + "[" * 60 + "]" * 60 + "\n", 1),
    ],
)
def test_vendor_yaml_problems_name_the_file_and_line(text: str, line: int) -> None:
    with pytest.raises(ConfigError) as caught:
        load_yaml(text, "vendors.yaml")
    assert f"vendors.yaml:{line}:" in str(caught.value) or any(
        p.startswith(f"vendors.yaml:{line}:") for p in caught.value.problems
    )


def test_vendor_yaml_size_limit() -> None:
    start = time.perf_counter()
    with pytest.raises(ConfigError, match=r"vendors\.yaml:1: file is larger"):
        load_yaml(b"a: 1\n" + b"#" * 3_000_000, "vendors.yaml")
    assert time.perf_counter() - start < 1


def _tree(value: object) -> object:
    """A loaded value with the lines each map and list keeps, for comparing two loads."""
    if isinstance(value, dict):
        lines = getattr(value, "key_lines", {})
        return {k: (lines.get(k), _tree(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [(n, _tree(v)) for n, v in zip(getattr(value, "item_lines", []), value, strict=True)]
    return value


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in (Path(__file__).parents[1] / "ropa" / "data").glob("*.yaml")),
)
def test_shipped_data_reads_the_same_with_libyaml(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ropa's own data files go through libyaml when PyYAML has it (a warm scan spent a
    quarter of its time in the pure-Python parser); values and lines must not differ."""
    import yaml

    import ropa.yamlio

    if getattr(yaml, "CSafeLoader", None) is None:
        pytest.skip("PyYAML was built without libyaml")
    text = (Path(__file__).parents[1] / "ropa" / "data" / name).read_text("utf-8")
    calls: list[object] = []
    real = ropa.yamlio._compose

    def spy(text: str, loader: object, name: str) -> object:
        calls.append(loader)
        return real(text, loader, name)

    monkeypatch.setattr(ropa.yamlio, "_compose", spy)
    fast = load_yaml(text, name, shipped=True)
    pure = load_yaml(text, name)
    assert calls == [yaml.CSafeLoader, yaml.SafeLoader]  # a user's file never uses libyaml
    assert _tree(fast) == _tree(pure)
