"""ropa never runs the code it reads: modules that act when imported are scanned; nothing runs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ropa.pipeline import run_scan
from tests.conftest import DATE, MINIMAL_YAML, write_tree

REPO = Path(__file__).resolve().parent.parent


def _evil_tree(root: Path, marker: Path, *, code_in_markers: bool = True) -> Path:
    """Modules that would leave ``marker`` behind, exit, or phone home if anything ran them.

    ``code_in_markers`` adds a decorator whose arguments are code: a ROPA002 error, which
    stops ``ropa build``."""
    touch = f"open({str(marker)!r}, 'w').write('ran')\n"
    files = {
        "ropa.yaml": MINIMAL_YAML,
        "shop/__init__.py": touch,
        "shop/writes.py": touch + "# ropa: processing('Evil', purpose='p', legal_basis='contract',"
        " data=['user.name'], subjects=['customer'], retention='P1Y')\ndef f(): ...\n",
        "shop/exits.py": "import sys\nsys.exit(3)\n",
        "shop/hard_exit.py": "import os\nos._exit(4)\n",
        "shop/phones_home.py": (
            "import socket\n"
            "socket.create_connection(('203.0.113.1', 80), timeout=1)\n"
            "import urllib.request\nurllib.request.urlopen('http://203.0.113.1/')\n"
        ),
        "shop/spawns.py": "import subprocess\nsubprocess.run(['touch', "
        + repr(str(marker))
        + "])\n",
        "shop/browser.py": "import antigravity  # opens a web browser when imported\n",
        # Shadows of modules ropa imports: harmless unless the tree were put on sys.path.
        "yaml.py": touch,
        "click.py": touch,
        "libcst.py": touch,
        "sitecustomize.py": touch,
        "setup.py": touch,
        "conftest.py": touch,
        "requirements.txt": "stripe==1.0\n",
    }
    if code_in_markers:
        # Arguments that would run code if evaluated: literal-only parsing refuses them.
        files["shop/markers.py"] = (
            "from ropa import processing\n"
            f"@processing(__import__('os').system('touch {marker}'), purpose=open({str(marker)!r}"
            ", 'w').write('x'))\ndef g(): ...\n"
        )
    return write_tree(root, files)


def test_scanning_runs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    marker = tmp_path / "ran.txt"
    tree = _evil_tree(tmp_path / "tree", marker)
    connections: list[Any] = []
    commands: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        connections.append(args)
        raise OSError("network disabled by the test")

    real_popen = subprocess.Popen

    class Popen(real_popen):  # type: ignore[misc,valid-type]
        def __init__(self, args: Any, *rest: Any, **kwargs: Any) -> None:
            commands.append(args)
            if not (isinstance(args, (list, tuple)) and args and args[0] == "git"):
                raise OSError("only git may run")
            super().__init__(args, *rest, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(subprocess, "Popen", Popen)
    monkeypatch.setattr(os, "system", refuse)
    before = set(sys.modules)
    for jobs in (1, 2):
        outcome = run_scan([tree], jobs=jobs, date=DATE, use_cache=False)
        assert "Evil" in {a["name"] for a in outcome.record.as_json()["activities"]}
        assert any(d.code == "ROPA002" for d in outcome.diagnostics)  # the non-literal decorator
    assert not marker.exists()
    assert connections == []
    assert all(c[0] == "git" for c in commands)
    new = {m for m in set(sys.modules) - before if m.split(".")[0] in ("shop", "antigravity")}
    assert new == set()


def test_the_cli_runs_nothing_from_the_scanned_folder(tmp_path: Path) -> None:
    """Run from inside the tree (whose yaml.py, click.py and libcst.py would shadow ropa's
    imports if the working folder were on sys.path), scanning and building."""
    marker = tmp_path / "ran.txt"
    tree = _evil_tree(tmp_path / "tree", marker, code_in_markers=False)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["ROPA_CACHE_DIR"] = str(tmp_path / "cache")
    ropa = Path(sys.executable).with_name("ropa")
    commands = [
        ["scan", ".", "--jobs", "2"],
        ["build", ".", "--formats", "json", "--out-dir", "out"],
    ]
    for command in commands:
        if ropa.exists():
            argv = [str(ropa), *command]
        else:  # not installed as a script: the module entry point, from outside the tree
            argv = [sys.executable, "-I", "-c", "from ropa.cli import run; run()", *command]
        done = subprocess.run(
            argv, cwd=tree, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr
    assert (tree / "out" / "ropa.json").exists()
    assert not marker.exists()
