"""Writing outputs safely: no planted link is followed, and the document set changes as a whole.

The subprocess tests build the sample project over an out-dir holding the complete set of a
different build, interrupt or starve the build at many points, and check that the out-dir then
holds exactly the old set or exactly the new one.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ropa.output
import ropa.pdf
from ropa.errors import RopaError
from ropa.output import write_atomic, write_files
from ropa.recordio import as_record
from ropa.render import render_documents

from .conftest import SAMPLE, Outcome
from .entry_point import run_ropa

SIX = (
    "ropa.json",
    "ropa.html",
    "ropa.pdf",
    "ropa.csv",
    "privacy-notice.html",
    "privacy-notice.pdf",
)


@pytest.fixture
def record(sample_outcome: Outcome) -> dict[str, Any]:
    return sample_outcome.record.as_json()


# Planted symbolic links.


def _plant(folder: Path, victim: Path, names: tuple[str, ...]) -> None:
    """A link to ``victim`` at every name a writer could predictably use in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        for planted in (
            name,
            f".{name}.tmp-{os.getpid()}",  # the name ropa used before
            f".{name}.tmp",
            f"{name}.tmp",
            f"{name}~",
        ):
            (folder / planted).symlink_to(victim)


def test_planted_links_never_redirect_a_write(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    out = tmp_path / "out"
    _plant(out, victim, ("a.txt", "b.txt"))
    write_files({out / "a.txt": "new a\n", out / "b.txt": b"new b\n"})
    write_atomic(out / "a.txt", "again\n")
    assert victim.read_text() == "precious\n"
    assert not (out / "a.txt").is_symlink() and (out / "a.txt").read_text() == "again\n"
    assert (out / "b.txt").read_text() == "new b\n"


def test_planted_links_in_the_out_dir_never_reach_a_victim(
    record: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ropa.pdf, "html_to_pdf", lambda html, **_: b"%PDF-fake")
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    dangling = tmp_path / "not-yet"  # a link to a file that does not exist yet
    out = tmp_path / "out"
    _plant(out, victim, SIX[:3])
    _plant(out, dangling, SIX[3:])
    render_documents(as_record(record), out, formats=["json", "html", "pdf", "csv"])
    assert victim.read_text() == "precious\n"
    assert not dangling.exists()
    for name in SIX:
        assert not (out / name).is_symlink(), name


def test_the_scan_output_is_never_written_through_a_link(tmp_path: Path) -> None:
    victim = tmp_path / "victim.json"
    victim.write_text("{}\n")
    out = tmp_path / "ropa.json"
    out.symlink_to(victim)
    (tmp_path / f".ropa.json.tmp-{os.getpid()}").symlink_to(victim)
    code, _ = run_ropa("scan", str(SAMPLE), "--output", str(out), "-q")
    assert code == 0
    assert victim.read_text() == "{}\n" and not out.is_symlink()


# Unusable output folders: a clear exit 2, never an internal error.


def _record_file(record: dict[str, Any], tmp_path: Path) -> Path:
    from ropa.pipeline import dump_record

    path = tmp_path / "record.json"
    path.write_text(dump_record(record))
    return path


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda out: out.write_text("a file"), "is not a folder"),
        (lambda out: out.symlink_to(out.parent / "nowhere"), "which does not exist"),
        (lambda out: (out / "ropa.json").mkdir(parents=True), "ropa.json: is a folder"),
        (lambda out: (out / "ropa.html").mkdir(parents=True), "ropa.html: is a folder"),
    ],
    ids=["file", "dangling-link", "ropa.json-folder", "ropa.html-folder"],
)
def test_unusable_out_dirs_are_exit_2(
    record: dict[str, Any], tmp_path: Path, setup: Any, message: str
) -> None:
    source = _record_file(record, tmp_path)
    for command in (
        ("render", str(source)),
        ("build", str(SAMPLE), "--date", "2026-01-15"),
    ):
        out = tmp_path / "out"
        if out.is_dir() and not out.is_symlink():
            shutil.rmtree(out)
        elif os.path.lexists(out):
            out.unlink()
        setup(out)
        code, output = run_ropa(*command, "--out-dir", str(out), "--formats", "json,html,csv")
        assert code == 2, output
        assert message in output and output.startswith("ropa: "), output
        assert "internal error" not in output


@pytest.mark.parametrize(
    "output",
    ["a-file/ropa.json", "dangling/ropa.json", "folder"],
)
def test_unusable_scan_outputs_are_exit_2(tmp_path: Path, output: str) -> None:
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    (tmp_path / "folder").mkdir()
    code, text = run_ropa("scan", str(SAMPLE), "-q", "--output", str(tmp_path / output))
    assert code == 2 and text.startswith("ropa: ") and "internal error" not in text, text


def test_a_character_device_is_written_to_not_replaced(tmp_path: Path) -> None:
    # A private copy of /dev/null: were ropa to replace it, only this copy would break.
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError as error:
        pytest.skip(f"cannot create a device node here: {error}")
    code, text = run_ropa("scan", str(SAMPLE), "-q", "--output", str(null))
    assert code == 0, text
    assert stat.S_ISCHR(os.lstat(null).st_mode), "the device was replaced by a regular file"


def test_a_pipe_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code, text = run_ropa("scan", str(SAMPLE), "-q", "--output", str(fifo))
    reader.join(timeout=60)
    assert code == 0, text
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the pipe was replaced by a regular file"
    assert received, "nothing was written into the pipe"
    assert json.loads(received[0])["schema_version"]


def test_a_stream_name_prints_the_record() -> None:
    # /proc/self/fd/2, not /dev/stderr: should this break again, the old code fails to write
    # into /proc instead of replacing the machine's /dev/stderr.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ropa",
            "scan",
            str(SAMPLE),
            "-q",
            "--format",
            "json",
            "--output",
            "/proc/self/fd/2",
        ],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b'"schema_version"' in done.stderr


def test_a_planted_link_to_a_device_is_replaced_not_followed(tmp_path: Path) -> None:
    out = tmp_path / "ropa.json"
    out.symlink_to("/dev/null")
    code, text = run_ropa("scan", str(SAMPLE), "-q", "--output", str(out))
    assert code == 0, text
    assert not out.is_symlink() and json.loads(out.read_text())["schema_version"]


@pytest.fixture
def immutable() -> Iterator[list[Path]]:
    """Paths to make immutable with chattr; made mutable again whatever the test does."""
    paths: list[Path] = []
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    yield paths
    for path in paths:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def _chattr(path: Path, immutable: list[Path]) -> None:
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not permitted here: {done.stderr.decode().strip()}")
    immutable.append(path)


def test_an_immutable_out_dir_is_exit_2(
    record: dict[str, Any], tmp_path: Path, immutable: list[Path]
) -> None:
    # Root ignores chmod, so "read-only" is made with the immutable attribute.
    out = tmp_path / "out"
    out.mkdir()
    (out / "ropa.json").write_text("old")
    _chattr(out, immutable)
    code, output = run_ropa(
        "render", str(_record_file(record, tmp_path)), "--out-dir", str(out), "--formats", "json"
    )
    assert code == 2, output
    assert f"ropa: {out / 'ropa.json'}: cannot write: Operation not permitted" in output
    assert (out / "ropa.json").read_text() == "old"


def test_a_rename_failing_half_way_puts_the_old_files_back(
    tmp_path: Path, immutable: list[Path]
) -> None:
    # The third file cannot be replaced; the two before it were already switched in.
    names = ("one", "two", "three", "four")
    for name in names:
        (tmp_path / name).write_text(f"old {name}")
    _chattr(tmp_path / "three", immutable)
    with pytest.raises(RopaError, match="three: cannot write: Operation not permitted"):
        write_files({tmp_path / name: f"new {name}" for name in names})
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {
        name: f"old {name}" for name in names
    }


# Interrupted and starved builds, in a subprocess.


def _ropa(*args: str, **kwargs: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ropa", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _restore(folder: Path, files: dict[str, bytes]) -> None:
    if folder.exists() and _snapshot(folder) == files:
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)


class Sets:
    """The complete sets of two different builds of the sample, and the time one took."""

    def __init__(self, root: Path) -> None:
        self.project = root / "project"
        shutil.copytree(SAMPLE, self.project)
        payments = self.project / "shop" / "services" / "payments.py"
        text = payments.read_text()
        # The old build differs in a purpose too, so that every file (the CSV has no date)
        # tells the two builds apart.
        payments.write_text(text.replace("by credit or debit card", "by card (old wording)"))
        self.old, first = self._build(root / "old", "2026-01-01")
        payments.write_text(text)
        self.new, second = self._build(root / "new", "2026-02-02")
        # The shortest build seen: the first of a session also compiles and fills caches.
        self.seconds = min(first, second)
        assert all(self.old[name] != self.new[name] for name in SIX)

    def _build(self, out: Path, date: str) -> tuple[dict[str, bytes], float]:
        start = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "ropa", *self.args(out, date)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        files = _snapshot(out)
        assert sorted(files) == sorted(SIX)
        return files, time.monotonic() - start

    def args(self, out: Path, date: str = "2026-02-02") -> list[str]:
        return ["build", str(self.project), "--out-dir", str(out), "--date", date, "--no-cache"]

    def check(self, out: Path, what: str) -> str:
        """``old`` or ``new``, after asserting the folder holds exactly one of the sets."""
        now = _snapshot(out)
        assert sorted(now) == sorted(SIX), f"{what}: {sorted(now)}"
        if now == self.old:
            return "old"
        mixed = sorted(name for name in SIX if now[name] != self.new[name])
        assert not mixed, f"{what}: {mixed} from the old build, the rest from the new one"
        return "new"


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory) -> Sets:
    return Sets(tmp_path_factory.mktemp("sets"))


# Injected into the build process: sends SIGINT to itself just before the N-th rename into
# the out-dir, so every gap between two renames is hit, not only those a timer happens to hit.
_INTERRUPT_AT_RENAME = """
import os, signal
_out, _nth = os.environ["ROPA_TEST_OUT"], int(os.environ["ROPA_TEST_NTH"])
_real, _seen = os.replace, [0]
def _replace(src, dst, **kwargs):
    if os.path.dirname(os.path.abspath(dst)) == _out:
        _seen[0] += 1
        if _seen[0] == _nth:
            os.kill(os.getpid(), signal.SIGINT)
    return _real(src, dst, **kwargs)
os.replace = _replace
"""


def test_sigint_before_each_rename_leaves_one_whole_set(sets: Sets, tmp_path: Path) -> None:
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(_INTERRUPT_AT_RENAME)
    out = tmp_path / "out"
    seen = []
    for nth in range(1, len(SIX) + 1):
        _restore(out, sets.old)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(hooks), os.environ.get("PYTHONPATH", "")]),
            "ROPA_TEST_OUT": str(out),
            "ROPA_TEST_NTH": str(nth),
        }
        process = _ropa(*sets.args(out), "--jobs", "1", env=env)
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 130, stderr
        assert "ropa: interrupted" in stderr and "Traceback" not in stderr
        seen.append(sets.check(out, f"SIGINT before rename {nth}"))
    # The renames run with the interrupt held back: it lands once the new set is in place.
    assert seen == ["new"] * len(SIX)


def test_ctrl_c_at_random_moments_leaves_one_whole_set(sets: Sets, tmp_path: Path) -> None:
    out = tmp_path / "out"
    rng = random.Random(20261130)
    # Most moments fall late in the build, when the files are being written: a fraction of
    # the shortest build seen so far (the machine's load changes while the test runs).
    fractions = [rng.uniform(0.55, 1.0) for _ in range(5)] + [rng.uniform(0.1, 0.5)]
    seconds = sets.seconds
    outcomes = []
    for fraction in fractions:
        _restore(out, sets.old)
        delay = seconds * fraction
        # A session of its own, and the signal to its whole group, as Ctrl-C on a terminal
        # does: the PDF worker process gets it too.
        start = time.monotonic()
        process = _ropa(*sets.args(out), start_new_session=True)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGINT)
        else:
            seconds = min(seconds, time.monotonic() - start)
        _, stderr = process.communicate(timeout=300)
        assert process.returncode in (0, 130), stderr
        if process.returncode == 130:
            assert stderr.strip() == "ropa: interrupted", stderr
        outcomes.append((round(delay, 2), process.returncode, sets.check(out, f"at {delay:.2f}s")))
    assert any(code == 130 for _, code, _ in outcomes), outcomes


def _limit_file_size(limit: int) -> Any:
    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


def test_a_file_size_limit_leaves_the_old_set(sets: Sets, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _restore(out, sets.old)
    # Room for the JSON and the HTML, which come first, but not for the record's PDF.
    limit = (len(sets.new["ropa.html"]) + len(sets.new["ropa.pdf"])) // 2
    assert max(len(sets.new[n]) for n in ("ropa.json", "ropa.html")) < limit
    process = _ropa(*sets.args(out), "--jobs", "1", preexec_fn=_limit_file_size(limit))
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 2, stderr
    assert f"ropa: {out / 'ropa.pdf'}: cannot write: File too large" in stderr, stderr
    assert "internal error" not in stderr
    assert sets.check(out, "file-size limit") == "old"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs (needs the right to mount; skipped elsewhere)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_leaves_the_old_set(sets: Sets, small_disk: Path) -> None:
    out = small_disk / "out"
    _restore(out, sets.old)
    # Fill the disk but for room for the JSON and the HTML, not for the record's PDF: writing
    # file by file would replace those two and then stop.
    stat = os.statvfs(small_disk)
    free = stat.f_bavail * stat.f_frsize
    room = (len(sets.new["ropa.html"]) + len(sets.new["ropa.pdf"])) // 2
    (small_disk / "filler").write_bytes(b"\0" * (free - room))
    process = _ropa(*sets.args(out), "--jobs", "1")
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 2, stderr
    assert "cannot write: No space left on device" in stderr and "internal error" not in stderr
    assert sets.check(out, "full disk") == "old"


# Ctrl-C where Python itself would turn it into death by signal.

_INTERRUPT_IN_EXEC = """
import os, signal
import ropa.pipeline
_real = ropa.pipeline.run_scan
def run_scan(*args, **kwargs):
    # As when Ctrl-C lands while dataclasses exec() their generated methods on import.
    exec("os.kill(os.getpid(), signal.SIGINT)\\nfor _ in range(10**7): pass")
    return _real(*args, **kwargs)
ropa.pipeline.run_scan = run_scan
"""

_INTERRUPT_AT_EXIT = """
import atexit, os, signal
atexit.register(lambda: os.kill(os.getpid(), signal.SIGINT))
"""


@pytest.mark.parametrize(
    ("hook", "code", "stderr"),
    [(_INTERRUPT_IN_EXEC, 130, "ropa: interrupted"), (_INTERRUPT_AT_EXIT, 0, "")],
    ids=["in-exec-code", "while-exiting"],
)
def test_ctrl_c_never_turns_into_death_by_signal(
    tmp_path: Path, hook: str, code: int, stderr: str
) -> None:
    (tmp_path / "sitecustomize.py").write_text(hook)
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    process = _ropa("scan", str(SAMPLE), "-q", "--fail-on", "never", env=env)
    _, err = process.communicate(timeout=300)
    assert process.returncode == code, err
    assert err.strip() == stderr


# Ctrl-C in every command.


@pytest.mark.parametrize(
    ("command", "module", "function"),
    [
        (["scan", str(SAMPLE)], "ropa.pipeline", "run_scan"),
        (["build", str(SAMPLE)], "ropa.pipeline", "run_scan"),
        (["render", "ropa.json"], "ropa.diff", "load_record"),
        (["diff", "a.json", "b.json"], "ropa.diff", "load_record"),
        (["vendors"], "ropa.pipeline", "load_project"),
        (["taxonomy"], "ropa.taxonomy", "load_taxonomy"),
        (["init", "somewhere"], "ropa.starter", "starter_config"),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else None,
)
def test_ctrl_c_in_every_command_is_exit_130(
    command: list[str],
    module: str,
    function: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    import importlib

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(importlib.import_module(module), function, interrupted)
    code, output = run_ropa(*command)
    assert code == 130
    assert output.strip() == "ropa: interrupted"
    assert "Aborted" not in output


def test_signals_are_handled_normally_again_after_a_write(tmp_path: Path) -> None:
    before = {signum: signal.getsignal(signum) for signum in ropa.output._HELD}
    write_files({tmp_path / "a": "a", tmp_path / "b": "b"})
    assert {signum: signal.getsignal(signum) for signum in ropa.output._HELD} == before
    reached = []
    # A signal held back is delivered when the block ends, not inside it.
    with pytest.raises(KeyboardInterrupt), ropa.output._signals_held():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.01)
        reached.append(True)
    assert reached


@pytest.mark.parametrize(
    "args",
    [
        ("build", str(SAMPLE), "--out-dir", "LONG"),
        ("build", str(SAMPLE), "--out-dir", "LONG/docs"),
        ("scan", str(SAMPLE), "-q", "--output", "LONG"),
        ("scan", str(SAMPLE), "-q", "--output", "LONG/ropa.json"),
    ],
)
def test_a_100000_character_output_path_is_a_short_exit_2(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    long = str(tmp_path / ("x" * 100_000))
    code, text = run_ropa(*(a.replace("LONG", long) for a in args), "--no-cache")
    assert code == 2 and "ropa: " in text and "internal error" not in text, text[-300:]
    assert len(text.splitlines()[-1]) < 400, text[-300:]


def test_long_words_are_cut_in_the_middle() -> None:
    from ropa.console import shorten

    assert shorten("a short message") == "a short message"
    cut = shorten("/tmp/" + "x" * 1000 + "/end: File name too long")
    assert cut.startswith("/tmp/xxx") and "..." in cut and cut.endswith("/end: File name too long")
    assert len(cut) < 200
