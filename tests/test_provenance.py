"""``generated``: the build date and the commit, read without running what the repository names."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.provenance import git_state, head_commit
from tests.conftest import MINIMAL_YAML, SAMPLE, write_tree

_SOURCE = '''\
"""Orders."""
from ropa import processing


@processing("Order confirmation", purpose="Confirm orders", legal_basis="contract",
    data=["user.contact.email"], subjects=["customer"], retention="P90D")
def confirm(order):
    return order
'''


def _git(repo: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """git as a test sets a repository up: this user's own, trusted, command."""
    done = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return done.stdout.strip()


def _repo(root: Path, files: dict[str, str] | None = None) -> tuple[Path, str]:
    """A committed project: ropa.yaml and one annotated module; returns it and its commit."""
    write_tree(root, files or {"ropa.yaml": MINIMAL_YAML, "shop/orders.py": _SOURCE})
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "init")
    return root, _git(root, "rev-parse", "HEAD")


def _cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def _source(record_path: Path) -> dict[str, object]:
    source: dict[str, object] = json.loads(record_path.read_text(encoding="utf-8"))["generated"][
        "source"
    ]
    return source


# --- Item: what ropa writes itself never makes the tree dirty ---------------------------------


def test_a_second_identical_build_is_as_clean_as_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, commit = _repo(tmp_path / "project")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("ROPA_CACHE_DIR", str(repo / "ci-cache"))  # a cache kept in the tree
    builds, scans = [], []
    for _ in range(2):  # as docs/ci.md runs them: the record saved, then the documents
        code, _, err = _cli("scan", "-q", "--output", "ropa.json", "--date", "2026-01-15")
        assert code == 0, err
        scans.append((repo / "ropa.json").read_bytes())
        code, _, err = _cli("build", "--formats", "json,html", "--date", "2026-01-15")
        assert code == 0, err
        builds.append((repo / "ropa-out" / "ropa.json").read_bytes())
    assert builds[0] == builds[1]
    assert scans[0] == scans[1]
    assert json.loads(builds[1])["generated"]["source"] == {"commit": commit, "dirty": False}
    assert _source(repo / "ropa.json") == {"commit": commit, "dirty": False}
    assert commit[:7] in (repo / "ropa-out" / "ropa.html").read_text(encoding="utf-8")

    # A real change to the source still counts, tracked or new.
    (repo / "shop" / "orders.py").write_text(_SOURCE + "# edited\n", encoding="utf-8")
    assert _cli("build", "--formats", "json", "--date", "2026-01-15")[0] == 0
    assert _source(repo / "ropa-out" / "ropa.json") == {"commit": commit, "dirty": True}
    _git(repo, "checkout", "-q", "--", "shop/orders.py")
    (repo / "shop" / "refunds.py").write_text('"""Refunds."""\n', encoding="utf-8")
    assert _cli("build", "--formats", "json", "--date", "2026-01-15")[0] == 0
    assert _source(repo / "ropa-out" / "ropa.json") == {"commit": commit, "dirty": True}


def test_the_documented_ci_job_leaves_the_record_clean(tmp_path: Path) -> None:
    """docs/ci.md's jobs run in the checkout: SARIF and JSON diagnostics redirected into it,
    a record saved under another name than ropa.json, a Markdown diff. None of it is a change
    to the source, neither for the run whose output it is nor for the runs after it."""
    repo, commit = _repo(tmp_path / "project")
    (repo / "privacy").mkdir()
    ropa = [sys.executable, "-m", "ropa"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["ROPA_CACHE_DIR"] = str(tmp_path / "cache")

    def sh(*args: str, stdout: str | None = None) -> None:
        if stdout is None:
            subprocess.run([*ropa, *args], cwd=repo, env=env, capture_output=True, check=False)
            return
        with (repo / stdout).open("wb") as out:
            subprocess.run([*ropa, *args], cwd=repo, env=env, stdout=out, check=False)

    sh("scan", "-q", "--output", "privacy/ropa.json")
    _git(repo, "add", "privacy/ropa.json")
    _git(repo, "commit", "-q", "-m", "reviewed record")
    commit = _git(repo, "rev-parse", "HEAD")
    sh("scan", "--format", "sarif", "--fail-on", "never", stdout="ropa.sarif")
    sh(
        "scan",
        "--format",
        "json",
        "--fail-on",
        "never",
        "--output",
        "base.json",
        stdout="ropa-diagnostics.json",
    )
    sh("scan", "--format", "github", "--fail-on", "never", stdout="annotations.txt")
    sh("diff", "privacy/ropa.json", "base.json", "--format", "markdown", stdout="ropa-diff.md")
    sh("diff", "privacy/ropa.json", "base.json", "--format", "json", stdout="changes.json")
    module = repo / "shop" / "orders.py"
    module.write_text(  # an activity renamed: the text diff then has a line
        module.read_text(encoding="utf-8").replace('"Order confirmation"', '"Receipts"'),
        encoding="utf-8",
    )
    sh("scan", "-q", "--output", "renamed.json")  # dirty, rightly: made from an edit
    _git(repo, "checkout", "shop/orders.py")
    sh("diff", "privacy/ropa.json", "renamed.json", stdout="changes.txt")
    assert (repo / "changes.txt").read_text(encoding="utf-8") == (
        "~ activity 'Order confirmation' renamed to 'Receipts'\n"
    )
    sh("scan", "--baseline", "privacy/ropa.json", "--output", "new.json")
    sh("build", "--formats", "json", "--out-dir", "ropa-out")
    for name in ("base.json", "new.json", "ropa-out/ropa.json"):
        assert _source(repo / name) == {"commit": commit, "dirty": False}, name
    assert json.loads((repo / "ropa.sarif").read_text(encoding="utf-8"))["runs"]

    # The user's own untracked files still count, JSON or not.
    (repo / "notes.json").write_text('{"todo": ["ask counsel"]}\n', encoding="utf-8")
    sh("build", "--formats", "json", "--out-dir", "ropa-out")
    assert _source(repo / "ropa-out" / "ropa.json") == {"commit": commit, "dirty": True}


def test_only_untracked_files_with_ropas_content_are_its_own(tmp_path: Path) -> None:
    repo, commit = _repo(tmp_path / "project")
    clean = {"commit": commit, "dirty": False}
    own = {
        "saved.json": '{"generated": {"tool": "ropa"}, "schema_version": "1"}',
        "log.sarif": '{"runs": [{"tool": {"driver": {"name": "ropa"}}}]}',
        "diag.json": '[{"code": "ROPA201", "level": "warning", "message": "m", "hint": "h",'
        ' "path": "a.py", "line": 1, "column": 1}]',
        "scan.txt": "shop/a.py:3:1: ROPA201 warning: looks like personal data\n",
        "gh.txt": "::warning file=a.py,line=1,col=1,title=ROPA201::m\n",
        "diff.md": "### ropa: 1 change to the record of processing\n",
        "no-diagnostics.json": "[]\n",
        "diff.txt": "no changes in substance\n",
        "changes.txt": "~ activity 'Orders' renamed to 'Sales'\n- DPO removed\n"
        "~ controller: email changed from 'a@b.example' to 'c@b.example'\n"
        "+ security measure 'TLS 1.3' added\n~ vendor 'stripe': role changed from "
        "'processor' to 'controller'\n",
        "out/privacy-notice.de.html": "<html></html>",
    }
    for name, text in own.items():
        path = repo / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        assert git_state(repo) == clean, name
    others = {
        "notes.json": '{"generated": {"tool": "other"}, "schema_version": "1"}',
        "other.sarif": '{"runs": [{"tool": {"driver": {"name": "bandit"}}}]}',
        "list.json": '[{"code": "E501"}]',
        "__init__.py": "",
        "readme.txt": "ROPA201 warning: looks like personal data\n",
        "CHANGES.txt": "+ vendor support added\n- activity log\n",
        "half-diff.txt": "~ activity 'Orders' renamed to 'Sales'\nand a note of mine\n",
        "latin1.txt": "caf\xe9",
    }
    for name, text in others.items():
        (repo / name).write_bytes(text.encode("latin-1"))
        assert git_state(repo) == {"commit": commit, "dirty": True}, name
        (repo / name).unlink()
    # A link to a record is not read through, and a tracked record that changed is a change.
    (repo / "link.json").symlink_to(repo / "saved.json")
    assert git_state(repo) == {"commit": commit, "dirty": True}
    (repo / "link.json").unlink()
    _git(repo, "add", "saved.json")
    _git(repo, "commit", "-q", "-m", "saved record")
    (repo / "saved.json").write_text('{"generated": {"tool": "ropa"}, "schema_version": "2"}')
    assert git_state(repo)["dirty"] is True


def test_outputs_outside_the_project_or_the_project_itself_exclude_nothing(
    tmp_path: Path,
) -> None:
    repo, commit = _repo(tmp_path / "project")
    (repo / "new.py").write_text("x = 1\n", encoding="utf-8")
    for exclude in ([repo], [tmp_path], [tmp_path / "elsewhere"], [repo / ".." / "project"]):
        assert git_state(repo, exclude=exclude) == {"commit": commit, "dirty": True}
    assert git_state(repo, exclude=[repo / "new.py"]) == {"commit": commit, "dirty": False}


# --- Item: reading the commit and state runs nothing the repository names ---------------------


@dataclass(frozen=True)
class Hostile:
    """One way a repository's configuration could start a program; ``arm`` sets it up."""

    name: str
    arm: Callable[[Path, str], None]
    """Given the repository and a shell command that creates the marker file."""
    fires_in_plain_status: bool = False
    """Whether a plain ``git status --porcelain`` (what ropa ran before) runs the command."""


def _config(*pairs: tuple[str, str]) -> Callable[[Path, str], None]:
    def arm(repo: Path, command: str) -> None:
        for key, value in pairs:
            _git(repo, "config", key, value.replace("CMD", command))

    return arm


def _filter(variable: str, driver: str = "evil") -> Callable[[Path, str], None]:
    def arm(repo: Path, command: str) -> None:
        (repo / ".gitattributes").write_text(f"* filter={driver}\n", encoding="utf-8")
        _git(repo, "add", ".gitattributes")
        _git(repo, "commit", "-q", "-m", "attributes")
        value = f"{command}; cat" if variable == "clean" else f"{command}; false"
        _git(repo, "config", f"filter.{driver}.{variable}", value)
        _git(repo, "config", f"filter.{driver}.required", "true")

    return arm


def _textconv(repo: Path, command: str) -> None:
    (repo / ".git" / "info" / "attributes").write_text("* diff=evil\n", encoding="utf-8")
    _git(repo, "config", "diff.evil.textconv", f"{command}; cat")
    _git(repo, "config", "diff.evil.command", command)


def _hooks(where: str) -> Callable[[Path, str], None]:
    names = (
        "pre-commit",
        "post-checkout",
        "post-index-change",
        "fsmonitor-watchman",
        "reference-transaction",
        "pre-auto-gc",
        "post-rewrite",
    )

    def arm(repo: Path, command: str) -> None:
        folder = repo / where
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            hook = folder / name
            hook.write_text(f"#!/bin/sh\n{command}\n", encoding="utf-8")
            hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
        if where != ".git/hooks":
            _git(repo, "config", "core.hooksPath", str(folder))

    return arm


def _include(repo: Path, command: str) -> None:
    extra = repo.parent / "extra.gitconfig"
    extra.write_text(f'[core]\n\tfsmonitor = "{command}; false"\n', encoding="utf-8")
    _git(repo, "config", "include.path", str(extra))
    _git(repo, "config", f"includeIf.gitdir:{repo}/.path", str(extra))


def _included_filter(repo: Path, command: str) -> None:
    """A filter driver defined only in an included file, named by the repository's own info."""
    extra = repo.parent / "filters.gitconfig"
    extra.write_text(f'[filter "hidden"]\n\tprocess = "{command}; false"\n', encoding="utf-8")
    _git(repo, "config", "include.path", str(extra))
    (repo / ".git" / "info" / "attributes").write_text("* filter=hidden\n", encoding="utf-8")


def _submodule(repo: Path, command: str) -> None:
    inner, _ = _repo(repo.parent / "inner", {"x.py": "x = 1\n"})
    _git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner), "sub")
    _git(repo, "commit", "-q", "-m", "submodule")
    _git(repo / "sub", "config", "core.fsmonitor", f"{command}; false")
    (repo / "sub" / ".gitattributes").write_text("* filter=evil\n", encoding="utf-8")
    _git(repo / "sub", "config", "filter.evil.process", f"{command}; false")


HOSTILE = (
    Hostile("fsmonitor", _config(("core.fsmonitor", "CMD; false")), fires_in_plain_status=True),
    Hostile("filter-process", _filter("process"), fires_in_plain_status=True),
    Hostile("filter-clean", _filter("clean"), fires_in_plain_status=True),
    Hostile("filter-odd-name", _filter("clean", "e.v=i!l"), fires_in_plain_status=True),
    Hostile("include-fsmonitor", _include, fires_in_plain_status=True),
    Hostile("include-filter", _included_filter, fires_in_plain_status=True),
    Hostile("submodule-config", _submodule, fires_in_plain_status=True),
    Hostile("pager", _config(("core.pager", "CMD"), ("pager.status", "CMD"))),
    Hostile("diff-external", _config(("diff.external", "CMD"))),
    Hostile("textconv", _textconv),
    Hostile("hooks", _hooks(".git/hooks"), fires_in_plain_status=True),
    Hostile("hooks-path", _hooks("githooks"), fires_in_plain_status=True),
    Hostile("alias", _config(("alias.status", "!CMD"), ("alias.rev-parse", "!CMD"))),
    Hostile(
        "ssh-credential",
        _config(("core.sshCommand", "CMD"), ("credential.helper", "!CMD"), ("core.askPass", "CMD")),
    ),
    Hostile("editor", _config(("core.editor", "CMD"), ("sequence.editor", "CMD"))),
)


def _touch_everything(repo: Path) -> None:
    """Make every tracked file's stat differ from the index, so git must read (filter) it."""
    for path in repo.rglob("*"):
        if ".git" not in path.parts and path.is_file():
            os.utime(path, (1_600_000_000, 1_600_000_000))


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda h: h.name)
def test_a_hostile_repository_runs_nothing(
    hostile: Hostile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, _ = _repo(tmp_path / "project")
    marker = tmp_path / "ran"
    hostile.arm(repo, f"touch '{marker}'")
    commit = _git(repo, "rev-parse", "HEAD")  # rev-parse runs no configured program
    _touch_everything(repo)
    assert not marker.exists()
    monkeypatch.chdir(repo)

    code, _, err = _cli("scan", "-q", "--output", str(tmp_path / "record.json"))
    assert code == 0, err
    assert not marker.exists(), "ropa scan ran a program the repository configured"
    assert _source(tmp_path / "record.json")["commit"] == commit
    code, _, err = _cli("build", "--formats", "json", "--out-dir", str(tmp_path / "out"))
    assert code == 0, err
    assert not marker.exists(), "ropa build ran a program the repository configured"
    assert _source(tmp_path / "out" / "ropa.json")["commit"] == commit
    assert head_commit(repo) == commit

    if hostile.fires_in_plain_status:  # the door is real: what ropa ran before walks through it
        _touch_everything(repo)
        subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], capture_output=True)
        assert marker.exists()


def test_git_variables_of_the_environment_are_not_inherited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, commit = _repo(tmp_path / "project")
    other, _ = _repo(tmp_path / "other", {"o.py": "o = 1\n"})
    marker = tmp_path / "ran"
    _touch_everything(repo)
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "index"))
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", f"'core.fsmonitor'='touch {marker}; false'")
    monkeypatch.setenv("GIT_EXTERNAL_DIFF", f"touch {marker}")
    monkeypatch.setenv("GIT_PAGER", f"touch {marker}")
    assert git_state(repo) == {"commit": commit, "dirty": False}
    assert not marker.exists()


# --- Reading HEAD from the files of .git ------------------------------------------------------


def test_the_commit_is_read_from_loose_packed_and_worktree_refs(tmp_path: Path) -> None:
    repo, commit = _repo(tmp_path / "project")
    assert head_commit(repo / "shop") == commit  # from a folder below the top
    _git(repo, "pack-refs", "--all")
    assert not (repo / ".git" / "refs" / "heads" / "main").exists()
    assert head_commit(repo) == commit
    _git(repo, "worktree", "add", "-q", "-b", "side", str(tmp_path / "side"))
    (tmp_path / "side" / "more.py").write_text("m = 1\n", encoding="utf-8")
    _git(tmp_path / "side", "add", "more.py")
    _git(tmp_path / "side", "commit", "-q", "-m", "more")
    side = _git(tmp_path / "side", "rev-parse", "HEAD")
    assert head_commit(tmp_path / "side") == side != commit
    assert git_state(tmp_path / "side") == {"commit": side, "dirty": False}
    _git(repo, "checkout", "-q", "--detach")
    assert head_commit(repo) == commit


@pytest.mark.parametrize(
    "head",
    ["ref: ../../../etc/passwd\n", "ref: refs/heads/../../config\n", "garbage\n", "", "x" * 9000],
)
def test_a_strange_head_names_no_commit(tmp_path: Path, head: str) -> None:
    repo, _ = _repo(tmp_path / "project")
    (repo / ".git" / "HEAD").write_text(head, encoding="utf-8")
    assert head_commit(repo) is None


def test_a_fifo_for_head_does_not_block(tmp_path: Path) -> None:
    repo, _ = _repo(tmp_path / "project")
    (repo / ".git" / "HEAD").unlink()
    os.mkfifo(repo / ".git" / "HEAD")
    assert head_commit(repo) is None


def test_no_repository_no_commit(tmp_path: Path) -> None:
    write_tree(tmp_path / "plain", {"a.py": "a = 1\n"})
    assert git_state(tmp_path / "plain") == {"commit": None, "dirty": None}


def test_without_git_the_commit_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, commit = _repo(tmp_path / "project")
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    assert shutil.which("git") is None
    assert git_state(repo) == {"commit": commit, "dirty": None}


# --- Item: SOURCE_DATE_EPOCH is a date or an error --------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "abc",
        "-1",
        "1.5",
        "1e9",
        "0x10",
        " 86400",
        "86400\n",
        "\uff11\uff12\uff13",  # fullwidth digits: str.isdigit() said yes
        "\u0663\u0663",  # Arabic-Indic digits
        "253402300800",  # 10000-01-01
        "9" * 30,
        "9" * 5000,
        "1\u202e2",
    ],
)
def test_a_bad_source_date_epoch_is_exit_2(value: str) -> None:
    code, _, err = _cli("scan", str(SAMPLE), "-q", env={"SOURCE_DATE_EPOCH": value})
    assert code == 2
    assert err.startswith("ropa: SOURCE_DATE_EPOCH=")
    assert "\u202e" not in err and len(err) < 300


@pytest.mark.parametrize(
    ("value", "date"), [("0", "1970-01-01"), ("1768435200", "2026-01-15"), ("253402300799", None)]
)
def test_a_good_source_date_epoch_is_the_date(value: str, date: str | None, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    code, _, err = _cli(
        "scan", str(SAMPLE), "-q", "--output", str(out), env={"SOURCE_DATE_EPOCH": value}
    )
    assert code == 0, err
    expected = date or "9999-12-31"
    assert json.loads(out.read_text(encoding="utf-8"))["generated"]["date"] == expected


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_repository_of_another_owner_stays_untrusted(tmp_path: Path) -> None:
    """git refuses a repository another user owns; its own ``safe.directory`` cannot say yes."""
    repo, commit = _repo(tmp_path / "project")
    marker = tmp_path / "ran"
    _git(repo, "config", "safe.directory", "*")
    _git(repo, "config", "core.fsmonitor", f"touch '{marker}'; false")
    _touch_everything(repo)
    for path in (repo, *repo.rglob("*")):
        os.chown(path, 65534, 65534, follow_symlinks=False)
    assert git_state(repo) == {"commit": commit, "dirty": None}
    assert not marker.exists()
