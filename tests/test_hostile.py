"""Hostile trees: each odd or broken file gives at most one ROPA001, or is read correctly,
the rest of the tree is scanned, and the record is that of the tree without it.

Everything is generated in tmp dirs at test time.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from ropa import cache, scanner
from ropa.pipeline import Outcome, dump_record, run_scan
from tests.conftest import DATE, MINIMAL_YAML, write_tree

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

#: A small valid project; hostile files are added next to it.
CLEAN: dict[str, str | bytes] = {
    "ropa.yaml": MINIMAL_YAML,
    "app/__init__.py": "",
    "app/models.py": (
        "from ropa import personal_data, processing\n\n\n"
        '@personal_data(subjects=["customer"], fields={"email": "user.contact.email"},'
        ' retention="P3Y")\n'
        "class Customer:\n"
        "    email = None\n\n\n"
        '@processing("Order emails", purpose="Confirm orders", legal_basis="contract",\n'
        '            data=["user.contact.email"], subjects=["customer"], retention="P90D")\n'
        "def send(order):\n"
        "    return order\n"
    ),
    # Enough files that two workers really use the process pool.
    **{f"app/filler/mod{i:02d}.py": f"VALUE_{i} = {i}\n" for i in range(55)},
}

#: Files that cannot be read as Python, or must not be read at all: path -> content.
JUNK: dict[str, bytes] = {
    "junk/syntax_error.py": b"def broken(:\n    pass\n",
    "junk/nul_bytes.py": b"x = 1\0\n# ropa: user.name\n",
    "junk/not_utf8.py": b"x = '\xff\xfe'  # ropa: user.name\n",
    "junk/bad_cookie.py": b"# -*- coding: no-such-codec -*-\nx = 1\n",
    "junk/deep_parens.py": b"# ropa: ignore\nx = " + b"(" * 5000 + b"1" + b")" * 5000 + b"\n",
    "junk/deep_unary.py": b"# ropa: ignore\nx = " + b"-" * 5000 + b"1\n",
    "junk/deep_lambda.py": b"# ropa: ignore\nx = " + b"lambda: " * 5000 + b"1\n",
    "junk/deep_blocks.py": b"".join(b" " * i + b"if x:\n" for i in range(120))
    + b" " * 120
    + b"pass\n",
    # Python reads these; libcst's native parser would overflow its stack on them.
    "junk/long_or_chain.py": b"# ropa: ignore\nx = 1" + b" or 1" * 50_000 + b"\n",
    "junk/long_dotted.py": b"# ropa: ignore\nimport a" + b".b" * 20_000 + b"\n",
    "junk/new_syntax_then_deep.py": b"def f(:\n    pass\ny = (" + b"-" * 60_000 + b"1)\n",
}
#: Files that must be read correctly: name -> (bytes, the same module as plain UTF-8 with LF).
_MODULE = (
    "# -*- coding: {cookie} -*-\n"
    "from ropa import processing\n"
    "\n"
    "class Café:  # ropa: personal_data(subjects=['customer'], retention='P1Y')\n"
    "    note = 'Grüße'; email = None  # ropa: user.contact.email\n"
    "    # ropa: user.name\n"
    "    name = None\n"
    "\n"
    "# ropa: processing('Café {tag}', purpose='Serve coffee', legal_basis='contract',\n"
    "#   data=['user.contact.email'], subjects=['customer'], retention='P1Y')\n"
    "def brew():\n"
    "    return {long}\n"
)


def _module(tag: str, cookie: str = "utf-8", long: str = "'short'") -> str:
    return _MODULE.format(cookie=cookie, tag=tag, long=long)


VARIANTS: dict[str, tuple[bytes, bytes]] = {
    "enc/latin1.py": (
        _module("latin-1", "latin-1").encode("latin-1"),
        _module("latin-1", "latin-1").replace("latin-1 -*-", "utf-8 -*-", 1).encode(),
    ),
    "enc/bom.py": (b"\xef\xbb\xbf" + _module("bom").encode(), _module("bom").encode()),
    "enc/crlf.py": (_module("crlf").replace("\n", "\r\n").encode(), _module("crlf").encode()),
    "enc/lone_cr.py": (_module("cr").replace("\n", "\r").encode(), _module("cr").encode()),
    "enc/long_line.py": (
        _module("long", long="'" + "x" * 1_000_000 + "'").encode(),
        _module("long").encode(),
    ),
    "names/with space.py": (_module("space").encode(), _module("space").encode()),
}
#: A name that is not UTF-8 (POSIX file names are bytes).
ODD_NAME = b"names/caf\xe9.py"


def _junk_tree(root: Path, outside: Path) -> dict[str, str]:
    """Write CLEAN plus every junk file, link and special file; return rel path -> kind."""
    write_tree(root, {**CLEAN, **JUNK})
    kinds = {p: "rop001" for p in JUNK}
    kinds["junk/deep_blocks.py"] = "rop001-or-clean"  # 120 levels of blocks: too deep for Python
    with open(root / "junk" / "huge.py", "wb") as out:  # 20 MB: skipped by scan.max_file_size
        line = b"value = compute(alpha, beta=[1, 2, 3])  # ropa: user.name\n"
        out.write(line * (20_000_000 // len(line) + 1))
    kinds["junk/huge.py"] = "rop001"
    # A module outside the project with a declaration that must not be picked up.
    write_tree(outside, {"evil.py": _module("outside").replace("Café outside", "Outside")})
    os.symlink(root, root / "junk" / "loop")
    os.symlink(root / "junk", root / "junk" / "loop2")
    os.symlink(outside, root / "junk" / "outside_dir")
    os.symlink(outside / "evil.py", root / "junk" / "outside_file.py")
    os.symlink(root / "missing.py", root / "junk" / "dangling.py")
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "junk" / "fifo.py")
        kinds["junk/fifo.py"] = "rop001"
    (root / "junk" / "dir.py").mkdir()
    (root / "junk" / "dir.py" / "inside.py").write_text("INSIDE = 1\n")
    kinds["junk/dir.py/inside.py"] = "clean"
    (root / "junk" / "locked").mkdir()
    (root / "junk" / "locked" / "secret.py").write_text("SECRET = 1\n")
    (root / "junk" / "locked_file.py").write_text("LOCKED = 1\n")
    kinds["junk/locked_file.py"] = "rop001-or-clean"
    kinds["junk/locked"] = "rop001-or-clean"
    kinds["junk/locked/secret.py"] = "clean-or-absent"
    (root / ".venv").mkdir()
    (root / ".venv" / "lib.py").write_text(_module("venv"))
    (root / "venv2").mkdir()
    (root / "venv2" / "pyvenv.cfg").write_text("home = /usr\n")
    (root / "venv2" / "lib.py").write_text(_module("venv2"))
    return kinds


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    base = tmp_path_factory.mktemp("hostile")
    clean = write_tree(base / "clean", CLEAN)
    hostile = base / "hostile"
    kinds = _junk_tree(hostile, base / "outside")
    locked = [hostile / "junk" / "locked_file.py", hostile / "junk" / "locked"]
    if not AS_ROOT:
        for path in locked:
            path.chmod(0)
    yield {"clean": clean, "hostile": hostile, "kinds": kinds, "base": base}
    for path in locked:
        path.chmod(0o755)


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, permissions do not stop reads: simulate EACCES for the locked file and folder."""
    if not AS_ROOT:
        return
    real_scandir, real_read = os.scandir, scanner._read

    def scandir(path: Any = ".") -> Any:
        if str(path).endswith("junk/locked"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    def read(full: str, limit: int) -> Any:
        if full.endswith("locked_file.py"):
            raise PermissionError(errno.EACCES, "Permission denied", full)
        return real_read(full, limit)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(scanner, "_read", read)


def _canonical(outcome: Outcome) -> str:
    record = outcome.record.as_json()
    record.pop("generated")
    return dump_record(record)


def _by_path(outcome: Outcome) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in outcome.diagnostics:
        path = d.location.path if d.location else ""
        out.setdefault(path, []).append(f"{d.code} {d.message}")
    return out


@pytest.mark.parametrize("jobs", [1, 2])
def test_junk_gives_one_rop001_each_and_changes_nothing_else(
    trees: dict[str, Any], jobs: int, unreadable: None
) -> None:
    clean = run_scan([trees["clean"]], jobs=jobs, date=DATE, use_cache=False)
    hostile = run_scan([trees["hostile"]], jobs=jobs, date=DATE, use_cache=False)
    assert _canonical(hostile) == _canonical(clean)
    clean_diags, hostile_diags = _by_path(clean), _by_path(hostile)
    for path, found in hostile_diags.items():
        if path.startswith("junk/"):
            kind = trees["kinds"].get(path, "absent")
            assert kind != "absent", f"{path} should not have been read: {found}"
            assert len(found) <= 1, (path, found)
            # Where the running Python parses a deep file (3.10 and 3.13 take 5,000 unary
            # minuses, 3.11 and 3.12 do not), it is scanned correctly: its bare '# ropa:
            # ignore', there to send it through libcst, then silences nothing (ROPA004).
            assert all(f.startswith(("ROPA001 ", "ROPA004 unused")) for f in found), (path, found)
            if kind == "rop001":
                assert len(found) == 1, path
        else:
            assert sorted(found) == sorted(clean_diags.get(path, [])), path
    for path, kind in trees["kinds"].items():
        if kind == "rop001":
            assert path in hostile_diags, f"{path}: no ROPA001"
    scanned = {f.path for f in hostile.scan.files}
    assert "junk/dir.py/inside.py" in scanned
    assert not any("loop" in p or "outside" in p or "venv" in p for p in scanned)
    assert "junk/huge.py" in hostile_diags
    assert "max_file_size" in hostile_diags["junk/huge.py"][0]


def _variant_trees(base: Path) -> tuple[Path, Path]:
    odd, plain = base / "odd", base / "plain"
    write_tree(odd, {**CLEAN, **{p: v[0] for p, v in VARIANTS.items()}})
    write_tree(plain, {**CLEAN, **{p: v[1] for p, v in VARIANTS.items()}})
    for root, content in ((odd, _module("odd name")), (plain, _module("odd name"))):
        with open(os.path.join(os.fsencode(root), ODD_NAME), "wb") as out:
            out.write(content.encode())
    return odd, plain


@pytest.mark.parametrize("jobs", [1, 2])
def test_encodings_line_endings_and_names_are_read_correctly(tmp_path: Path, jobs: int) -> None:
    odd, plain = _variant_trees(tmp_path)
    got = run_scan([odd], jobs=jobs, date=DATE, use_cache=False)
    want = run_scan([plain], jobs=jobs, date=DATE, use_cache=False)
    assert _canonical(got) == _canonical(want)
    assert [str(d) for d in got.diagnostics] == [str(d) for d in want.diagnostics]
    record = got.record.as_json()
    names = {a["name"] for a in record["activities"]}
    for tag in ("latin-1", "bom", "crlf", "cr", "long", "space", "odd name"):
        assert f"Café {tag}" in names
    fields = {
        (f["location"]["path"], f["field"], f["location"]["line"]) for f in record["data_inventory"]
    }
    assert ("enc/lone_cr.py", "email", 5) in fields
    assert ("enc/lone_cr.py", "name", 7) in fields
    assert any(p == "names/caf\\xe9.py" for p, _, _ in fields)
    assert not [d for d in got.diagnostics if d.code == "ROPA001"]


def test_latin1_columns_count_characters(tmp_path: Path) -> None:
    odd, _ = _variant_trees(tmp_path)
    outcome = run_scan([odd], jobs=1, date=DATE, use_cache=False)
    email = next(
        f
        for f in outcome.record.as_json()["data_inventory"]
        if f["location"]["path"] == "enc/latin1.py" and f["field"] == "email"
    )
    # `    note = 'Grüße'; email = None`: email starts at character 21, byte 23 in UTF-8.
    assert email["location"] == {"path": "enc/latin1.py", "line": 5}
    scan = next(f for f in outcome.scan.files if f.path == "enc/latin1.py")
    assert {(x.field, x.location.column) for x in scan.fields} >= {("email", 21)}


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"x = 1\r\ny = 2\r\nz = 'ab\xffc'\r\n", (3, 8)),  # no cookie: UTF-8
        (b"# -*- coding: cp1252 -*-\nx = 1\ny = '\x81'\n", (3, 6)),  # 0x81 is not cp1252
        (b"\xff = 1\n", (1, 1)),  # the first line itself cannot be read for a cookie
    ],
)
def test_undecodable_bytes_are_located_the_same_on_every_python(
    scan_tree: Callable[[Mapping[str, str | bytes]], Outcome],
    data: bytes,
    where: tuple[int, int],
) -> None:
    """Python 3.10-3.11 and 3.12+ report different columns for a decoding error; ropa names
    the first byte that does not decode, so a baseline does not move with the interpreter."""
    outcome = scan_tree({"app/bad.py": data})
    (problem,) = [d for d in outcome.diagnostics if d.code == "ROPA001"]
    assert (problem.location.line, problem.location.column) == where


def _run_cli(
    cwd: Path, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    ropa = Path(sys.executable).with_name("ropa")
    argv = (
        [str(ropa)]
        if ropa.exists()
        else [sys.executable, "-I", "-c", "from ropa.cli import run; run()"]
    )
    return subprocess.run(
        [*argv, *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_cli_never_shows_a_traceback(trees: dict[str, Any], tmp_path: Path, jobs: str) -> None:
    done = _run_cli(
        trees["hostile"],
        "scan",
        ".",
        "--jobs",
        jobs,
        "--format",
        "json",
        env={"ROPA_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    diagnostics = json.loads(done.stdout)
    assert sum(1 for d in diagnostics if d["path"] == "junk/huge.py") == 1


def test_a_dead_worker_costs_only_its_file(
    trees: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed mid-scan (out of memory, a crash in native code) breaks the pool; the
    files left are scanned one per child, and only the file that kills its child fails."""
    real = scanner.scan_source

    def dies_on_one(rel: str, data: bytes, options: scanner.ScanOptions, **kwargs: Any) -> Any:
        if rel.endswith("mod07.py"):
            os._exit(9)
        return real(rel, data, options, **kwargs)

    monkeypatch.setattr(scanner, "scan_source", dies_on_one)
    outcome = run_scan([trees["clean"]], jobs=2, date=DATE, use_cache=False)
    by_path = _by_path(outcome)
    assert by_path["app/filler/mod07.py"] == [
        "ROPA001 the parser crashed on this file (nested too deeply?)"
    ]
    assert len(outcome.scan.files) == len(CLEAN) - 1  # ropa.yaml is not a module
    assert "Order emails" in {a["name"] for a in outcome.record.as_json()["activities"]}


# The cache is data from the project folder: a stranger may commit one. It is ignored unless
# ropa wrote it, with this user's key.


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ROPA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    return write_tree(tmp_path / "project", CLEAN)


def _activities(root: Path) -> set[str]:
    outcome = run_scan([root], jobs=1, date=DATE, use_cache=True)
    return {a["name"] for a in outcome.record.as_json()["activities"]}


def _poison(cache_file: Path) -> None:
    """Rewrite the cache so app/models.py seems to declare nothing, keeping the old MAC."""
    header, _, body = cache_file.read_bytes().partition(b"\n")
    entries = json.loads(body)
    entry = entries["app/models.py"]
    entry[3:6] = [[], [], []]
    cache_file.write_bytes(header + b"\n" + json.dumps(entries).encode())


CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    "forged": _poison,
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: p.stat().st_size // 2]),
    "random bytes": lambda p: p.write_bytes(os.urandom(4096)),
    "empty": lambda p: p.write_bytes(b""),
    "not json": lambda p: p.write_bytes(b"{" * 100_000),
    "foreign version": lambda p: p.write_bytes(
        p.read_bytes().replace(b'"version": 1', b'"version": 99', 1)
    ),
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_a_corrupt_or_foreign_cache_is_ignored_and_rewritten(
    project: Path, corruption: str
) -> None:
    assert "Order emails" in _activities(project)
    cache_file = project / cache.CACHE_DIR_NAME / cache.CACHE_FILE
    CORRUPTIONS[corruption](cache_file)
    assert "Order emails" in _activities(project)
    assert "Order emails" in _activities(project)  # and the rewritten cache is sound
    header = json.loads(cache_file.read_bytes().partition(b"\n")[0])
    assert header["format"] == cache.FORMAT


def test_a_cache_committed_by_someone_else_is_not_trusted(project: Path, tmp_path: Path) -> None:
    """Same files, same ropa, but written with another key (another machine or user)."""
    _activities(project)
    _poison_with_valid_mac(project, tmp_path / "elsewhere-home")
    assert "Order emails" in _activities(project)


def _poison_with_valid_mac(project: Path, key_folder: Path, cache_file: Path | None = None) -> None:
    """Rewrite the cache to claim app/models.py declares nothing, signed with the key kept
    in ``key_folder`` (another user's, this user's own, or one a pull request planted)."""
    cache_file = cache_file or project / cache.CACHE_DIR_NAME / cache.CACHE_FILE
    header_raw, _, body = cache_file.read_bytes().partition(b"\n")
    header = json.loads(header_raw)
    entries = json.loads(body)
    entries["app/models.py"][3:6] = [[], [], []]
    new_body = json.dumps(entries).encode()
    signer = cache.ScanCache(cache_file, cache._secret(key_folder), header["key"])
    header["mac"] = signer._mac(new_body)
    cache_file.write_bytes(json.dumps(header).encode() + b"\n" + new_body)


# The CI setup of docs/ci.md before issue 10: ROPA_CACHE_DIR in the workspace, which a pull
# request writes (it can commit files there, or fill a shared CI cache).


def _ci_workspace(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = project / ".ropa-ci-cache"
    monkeypatch.setenv("ROPA_CACHE_DIR", str(folder))
    return folder


def _cache_file_in(folder: Path) -> Path:
    (found,) = folder.glob("scan-*.json")
    return found


def _baseline_of_clean_tree(project: Path, tmp_path: Path) -> Path:
    """The record counsel reviewed: the project before app/models.py declared anything."""
    reviewed = write_tree(tmp_path / "reviewed", {**CLEAN, "app/models.py": "X = 1\n"})
    baseline = tmp_path / "baseline.json"
    record = run_scan([reviewed], jobs=1, date=DATE, use_cache=False).record
    baseline.write_text(dump_record(record))
    return baseline


def _baseline_exit(project: Path, baseline: Path) -> tuple[int, str]:
    from click.testing import CliRunner

    from ropa.cli import main

    result = CliRunner().invoke(main, ["scan", str(project), "--baseline", str(baseline), "-q"])
    return result.exit_code, result.output


def test_a_pull_request_cannot_sign_a_cache_entry_with_a_key_beside_the_cache(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pull request adds processing, and commits a cache claiming it adds none, signed
    with a key it also commits into the cache folder: the gate must still fail."""
    folder = _ci_workspace(project, monkeypatch)
    baseline = _baseline_of_clean_tree(project, tmp_path)
    clean_exit, clean_output = _baseline_exit(project, baseline)
    assert clean_exit == 1 and clean_output.count("ROPA301") >= 1
    assert not (folder / cache.KEY_FILE).exists(), "no key is kept beside the cache"
    _poison_with_valid_mac(project, folder, _cache_file_in(folder))  # plants folder/cache-key
    assert (folder / cache.KEY_FILE).exists()
    poisoned_exit, poisoned_output = _baseline_exit(project, baseline)
    assert (poisoned_exit, poisoned_output.count("ROPA301")) == (
        clean_exit,
        clean_output.count("ROPA301"),
    )


def test_a_key_file_in_the_project_is_never_trusted(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even the user's cache folder is not trusted when it lies inside the scanned tree."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / ".cache"))
    assert "Order emails" in _activities(project)
    _poison_with_valid_mac(project, project / ".cache" / "ropa")
    assert "Order emails" in _activities(project)


def test_a_ci_secret_key_reuses_the_cache_and_rejects_forgeries(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _ci_workspace(project, monkeypatch)
    monkeypatch.setenv(cache.KEY_ENV, "a CI secret of at least sixteen characters")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh-runner"))
    assert "Order emails" in _activities(project)
    entries = cache.ScanCache.open(project, {})
    assert entries is not None and entries.secret != cache._RUN_KEY
    # A fresh runner (new home, new process) with the same secret trusts the same entries...
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-runner"))
    again = cache.ScanCache(_cache_file_in(folder), cache.cache_secret(project, folder), "")
    assert again.secret == entries.secret
    # ...and an entry signed with a key the pull request could write is still refused.
    _poison_with_valid_mac(project, folder, _cache_file_in(folder))
    assert "Order emails" in _activities(project)


def test_a_short_ci_secret_turns_the_cache_off(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.KEY_ENV, "short")
    assert cache.ScanCache.open(project, {}) is None
    assert "Order emails" in _activities(project)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize("which", ["cache file", "cache key"])
def test_a_fifo_in_place_of_the_cache_or_its_key_does_not_block(project: Path, which: str) -> None:
    import threading

    key_folder = Path(os.environ["XDG_CACHE_HOME"]) / "ropa"
    if which == "cache file":
        (project / cache.CACHE_DIR_NAME).mkdir()
        fifo = project / cache.CACHE_DIR_NAME / cache.CACHE_FILE
    else:
        key_folder.mkdir(parents=True)
        fifo = key_folder / cache.KEY_FILE
    os.mkfifo(fifo)
    found: list[set[str]] = []
    worker = threading.Thread(target=lambda: found.append(_activities(project)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    if worker.is_alive():
        with open(fifo, "wb"):  # release the blocked reader so the test run can end
            pass
    assert found and "Order emails" in found[0]


def test_the_cache_folder_is_ignored_by_git_and_no_cache_leaves_none(project: Path) -> None:
    run_scan([project], jobs=1, date=DATE, use_cache=False)
    assert not (project / cache.CACHE_DIR_NAME).exists()
    _activities(project)
    folder = project / cache.CACHE_DIR_NAME
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (
        (folder / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )


def test_a_cache_folder_that_is_a_link_is_not_written_through(
    project: Path, tmp_path: Path
) -> None:
    target = tmp_path / "somewhere-else"
    target.mkdir()
    os.symlink(target, project / cache.CACHE_DIR_NAME)
    assert "Order emails" in _activities(project)
    assert list(target.iterdir()) == []


def test_an_unwritable_cache_folder_only_costs_speed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / cache.CACHE_DIR_NAME).write_text("a file where the folder should be")
    assert "Order emails" in _activities(project)
    monkeypatch.setenv("XDG_CACHE_HOME", str(project / "app" / "models.py" / "no"))
    assert "Order emails" in _activities(project)


def test_no_cache_neither_reads_nor_writes(project: Path) -> None:
    _activities(project)
    cache_file = project / cache.CACHE_DIR_NAME / cache.CACHE_FILE
    before = cache_file.read_bytes()
    _poison_with_valid_mac_for_this_user(project)
    poisoned = cache_file.read_bytes()
    outcome = run_scan([project], jobs=1, date=DATE, use_cache=False)
    assert "Order emails" in {a["name"] for a in outcome.record.as_json()["activities"]}
    assert cache_file.read_bytes() == poisoned != before


def _poison_with_valid_mac_for_this_user(project: Path) -> None:
    """A cache this user's key signs, but claiming nothing is declared: what --no-cache must
    not read (a cache that passes its MAC is trusted, which is why the key stays private)."""
    _poison_with_valid_mac(project, Path(os.environ["XDG_CACHE_HOME"]) / "ropa")
    assert "Order emails" not in _activities_cached_without_rewrite(project)


def _activities_cached_without_rewrite(project: Path) -> set[str]:
    """Read through the cache once (the poisoned entry is trusted by stat and MAC)."""
    snapshot = (project / cache.CACHE_DIR_NAME / cache.CACHE_FILE).read_bytes()
    names = _activities(project)
    (project / cache.CACHE_DIR_NAME / cache.CACHE_FILE).write_bytes(snapshot)
    return names


def test_shutil_copies_keep_working(project: Path, tmp_path: Path) -> None:
    """A copied project (new inodes and ctimes) reuses nothing by stat but everything by hash."""
    _activities(project)
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, symlinks=True)
    assert "Order emails" in _activities(copy)


# ---------------------------------------------------------------- the data-flow engine

LOGGED = "import logging\nlog = logging.getLogger(__name__)\n"
#: Code built to make a data-flow engine hang, recurse without end or run out of memory.
FLOW_HOSTILE: dict[str, str] = {
    "recursion": LOGGED + "def f(user):\n    log.info(user.email)\n    return f(f(user))\n",
    "mutual recursion": (
        LOGGED + "def f(x):\n    return g(x)\n\ndef g(x):\n    log.info(x)\n    return f(x)\n"
        "\ndef h(user):\n    return f(user.email)\n"
    ),
    "call chain of 3000 functions": "".join(
        f"def f{i}(x):\n    return f{i + 1}(x)\n" for i in range(3000)
    )
    + LOGGED
    + "def f3000(x):\n    log.info(x)\n\ndef start(user):\n    f0(user.email)\n",
    "a 30,000-statement function": LOGGED
    + "def f(user):\n    x0 = user.email\n"
    + "".join(f"    x{i} = x{i - 1} + user.phone\n" for i in range(1, 30000))
    + "    log.info(x29999)\n",
    "deep nesting": LOGGED
    + "def f(user):\n    log.info("
    + "[" * 150
    + "user.email"
    + "]" * 150
    + ")\n",
    "many origins": LOGGED
    + "def f(u):\n    x = "
    + " + ".join(f"u.email{i}" for i in range(400))
    + "\n    log.info(x)\n",
}


@pytest.mark.parametrize("name", list(FLOW_HOSTILE))
def test_hostile_code_never_hangs_or_crashes_the_flow_engine(tmp_path: Path, name: str) -> None:
    write_tree(tmp_path, {**CLEAN, "app/hostile.py": FLOW_HOSTILE[name]})
    outcome = run_scan([tmp_path], jobs=1, date=DATE, use_cache=False)
    assert not any(d.code == "ROPA001" and d.level.value != "info" for d in outcome.diagnostics)
    codes = {d.code for d in outcome.diagnostics}
    # Calls are followed to a bounded depth: the end of a 3000-deep chain is not reached.
    assert ("ROPA206" in codes) == (name != "call chain of 3000 functions"), outcome.diagnostics


def test_cyclic_imports_and_call_cycles_across_modules_end(tmp_path: Path) -> None:
    files = {
        **CLEAN,
        "app/a.py": LOGGED + "from app.b import g\n\ndef f(x):\n    log.info(x)\n    return g(x)\n",
        "app/b.py": "from app.a import f\n\ndef g(x):\n    return f(x)\n\n"
        "def start(user):\n    g(user.phone_number)\n",
    }
    write_tree(tmp_path, files)
    outcome = run_scan([tmp_path], jobs=1, date=DATE, use_cache=False)
    [d] = [d for d in outcome.diagnostics if d.code == "ROPA206"]
    assert d.location is not None and (d.location.path, d.location.line) == ("app/a.py", 6)
    assert d.flow[0].path == "app/b.py"


def test_a_100000_line_module_hits_the_budget_with_a_note(tmp_path: Path) -> None:
    from ropa.flow import summary

    body = "".join(f"log.info(user.email, x{i % 50})\n" for i in range(100_000))
    write_tree(tmp_path, {**CLEAN, "app/huge.py": LOGGED + body})
    outcome = run_scan([tmp_path], jobs=1, date=DATE, use_cache=False)
    notes = [d for d in outcome.diagnostics if d.code == "ROPA001"]
    assert [(n.level.value, n.location.path if n.location else "") for n in notes] == [
        ("info", "app/huge.py")
    ]
    assert f"{summary.MAX_NODES:,}" in notes[0].message
    # What was seen before the budget ran out is still reported.
    assert any(d.code == "ROPA206" for d in outcome.diagnostics)


def test_the_cache_key_covers_ropas_data_files_as_well_as_its_code() -> None:
    # A changed word table changes what ROPA201 and the flow pass find in an unchanged file.
    import ropa
    from ropa.cache import _code_files

    package = Path(ropa.__file__).parent
    hashed = {p.relative_to(package).as_posix() for p in _code_files(package)}
    assert {"data/pii_words.yaml", "data/vendors.yaml", "scanner.py", "flow/summary.py"} <= hashed
