"""Hostile ``--templates`` folders: templates may format, never execute, and never read outside.

In CI the templates folder can come from a pull request. Every payload below tries to run a
command that creates a marker file; none may, and each is a clear exit 2 naming the template.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from ropa.errors import RopaError
from ropa.pipeline import Outcome, dump_record
from ropa.render import render_documents

from .entry_point import run_ropa

# Ways into Python from a Jinja template, as published for server-side template injection;
# MARKER is replaced by the path of a file the command would create.
RUN = "touch MARKER"
PAYLOADS = {
    "cycler-globals": "{{ cycler.__init__.__globals__.os.popen('RUN').read() }}",
    "joiner-globals": "{{ joiner.__init__.__globals__.os.system('RUN') }}",
    "namespace-globals": "{{ namespace.__init__.__globals__.os.system('RUN') }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].system('RUN') }}",
    "self-builtins": (
        "{{ self.__init__.__globals__.__builtins__.__import__('os').system('RUN') }}"
    ),
    "subclasses": (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == 'Popen' %}{{ c(['sh', '-c', 'RUN']) }}{% endif %}{% endfor %}"
    ),
    "attr-filter": ("{{ (cycler|attr('__init__')|attr('__globals__'))['os'].system('RUN') }}"),
    "item-lookup": "{{ cycler['__init__']['__globals__']['os'].system('RUN') }}",
    "format-method": "{{ '{0.__init__.__globals__[os]}'.format(cycler) }}",
    "format-map": "{{ '{x.__class__}'.format_map({'x': record}) }}",
    "css-global": "{{ css.__globals__['os'].system('RUN') }}",
    "filter-globals": "{{ (record|attr('items')).__self__.__class__ }}",
    "record-class": "{{ record.__class__.__base__.__subclasses__() }}",
    "view-mutation": "{{ record.controller.update({'name': 'Evil Ltd'}) }}",
    "list-mutation": "{{ record.activities.clear() }}",
    "view-list-mutation": "{{ view.activities.append(view.activities[0]) }}",
    "set-attribute": "{% set c = record.controller %}{{ c.__setattr__('name', 'Evil Ltd') }}",
}


@pytest.fixture
def record_file(sample_outcome: Outcome, tmp_path: Path) -> Path:
    path = tmp_path / "record.json"
    path.write_text(dump_record(sample_outcome.record.as_json()))
    return path


def _render(record_file: Path, templates: Path, out: Path) -> tuple[int, str]:
    return run_ropa(
        "render", str(record_file), "--templates", str(templates), "--out-dir", str(out),
        "--formats", "html,md",
    )  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("template", ["notice.html.j2", "_macros.html.j2", "notice.md.j2"])
def test_no_payload_runs(record_file: Path, tmp_path: Path, payload: str, template: str) -> None:
    marker = tmp_path / "pwned"
    templates = tmp_path / "templates"
    templates.mkdir()
    text = payload.replace("RUN", RUN).replace("MARKER", str(marker))
    # _macros.html.j2 is imported by the built-in templates: a payload there would run when
    # the built-in notice loads its macros.
    (templates / template).write_text(text + "\n")
    out = tmp_path / "out"
    code, output = _render(record_file, templates, out)
    assert not marker.exists(), "the template ran a command"
    assert code == 2, output
    assert output.startswith(f"ropa: {template}"), output
    assert "template error" in output and "internal error" not in output
    assert not out.exists() or not any(out.iterdir())  # nothing is written


def test_a_format_string_cannot_reach_attributes(record_file: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "notice.html.j2").write_text("{{ '{0.__class__}'.format(record) }}\n")
    code, output = _render(record_file, templates, tmp_path / "out")
    assert code == 2 and "is unsafe" in output, output


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the templates folder, holding a template with a secret in it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.j2").write_text("SECRET-OUTSIDE\n")
    return folder


@pytest.mark.parametrize(
    "plant",
    [
        lambda t, o: (t / "notice.html.j2").symlink_to("/etc/passwd"),
        lambda t, o: (t / "notice.html.j2").symlink_to(o / "secret.j2"),
        lambda t, o: (t / "notice.html.j2").symlink_to("../outside/secret.j2"),
        lambda t, o: (
            (t / "sub").symlink_to(o),
            (t / "notice.html.j2").write_text('{% include "sub/secret.j2" %}\n'),
        ),
        lambda t, o: (
            (t / "inner").mkdir(),
            (t / "inner" / "up").symlink_to(o),
            (t / "notice.html.j2").write_text('{% include "inner/up/secret.j2" %}\n'),
        ),
        lambda t, o: (t / "print.css").symlink_to(o / "secret.j2"),
    ],
    ids=["to-etc-passwd", "to-a-file-outside", "relative-out", "subfolder", "nested", "css"],
)
def test_links_out_of_the_templates_folder_are_refused(
    record_file: Path, tmp_path: Path, outside: Path, plant: Any
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    plant(templates, outside)
    out = tmp_path / "out"
    code, output = run_ropa(
        "render", str(record_file), "--templates", str(templates), "--out-dir", str(out),
        "--formats", "html,pdf",
    )  # fmt: skip
    assert code == 2, output
    assert "a symbolic link out of the templates folder" in output, output
    assert "SECRET-OUTSIDE" not in output and "root:" not in output
    assert not out.exists()


@pytest.mark.parametrize(
    "include",
    ["../outside/secret.j2", "/etc/passwd", "sub/../../outside/secret.j2"],
)
def test_includes_cannot_climb_out(
    record_file: Path, tmp_path: Path, outside: Path, include: str
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "notice.html.j2").write_text(f'{{% include "{include}" %}}\n')
    code, output = _render(record_file, templates, tmp_path / "out")
    assert code == 2 and "template error" in output, output
    assert "SECRET-OUTSIDE" not in output and "root:" not in output


def test_a_fifo_or_a_huge_file_is_not_read(record_file: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    os.mkfifo(templates / "notice.html.j2")  # reading it would block forever
    code, output = _render(record_file, templates, tmp_path / "out")
    assert code == 2 and "not a regular file" in output, output
    (templates / "notice.html.j2").unlink()
    with open(templates / "notice.html.j2", "wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: costs no disk
    code, output = _render(record_file, templates, tmp_path / "out")
    assert code == 2 and "larger than" in output, output


def test_links_inside_the_folder_and_the_builtin_templates_still_work(
    sample_outcome: Outcome, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    (templates / "parts").mkdir(parents=True)
    (templates / "parts" / "children.j2").write_text(
        '{% extends "builtin/notice.html.j2" %}'
        "{% block children %}<p>Adults only, {{ record.controller.name }}.</p>{% endblock %}\n"
    )
    (templates / "notice.html.j2").symlink_to("parts/children.j2")
    (templates / "linked").symlink_to("parts")
    (templates / "notice.md.j2").write_text(
        '{% include "linked/children.j2" ignore missing %}{{ "{0}".format(1) }}\n'
    )
    out = tmp_path / "out"
    render_documents(sample_outcome.record, out, formats=["html", "md"], templates=templates)
    assert "Adults only, Kestrel Outfitters GmbH." in (out / "privacy-notice.html").read_text()
    assert "<h2" in (out / "ropa.html").read_text()  # the built-in record, under the sandbox


@pytest.mark.parametrize("make", ["missing", "file"])
def test_templates_must_name_a_folder(
    record_file: Path, tmp_path: Path, make: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    if make == "file":
        Path("tpl").write_text("not a folder")
    for command in (["render", str(record_file)], ["build", str(record_file.parent)]):
        code, output = run_ropa(*command, "--templates", "tpl", "--out-dir", "out")
        assert code == 2, output
        expected = "no such templates folder" if make == "missing" else "is not a folder"
        assert output.startswith(f"ropa: tpl: {expected}"), output
        assert not Path("out").exists()


def test_a_template_cannot_change_the_record(sample_outcome: Outcome, tmp_path: Path) -> None:
    """Templates get plain copies of the typed record, whose models are frozen: a template
    that tries to change what it sees fails (exit 2 in the CLI), and the record, from which
    the other documents and ropa.json are made, is as it was."""
    record = sample_outcome.record
    before = dump_record(record)
    with pytest.raises(ValidationError, match="frozen"):
        record.controller.name = "Evil Ltd"  # type: ignore[misc]
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "notice.html.j2").write_text(
        "{{ view.notice.activities.append(view.activities[0]) }}"
        "{{ record.controller.update({'name': 'Evil Ltd'}) }}\n"
    )
    out = tmp_path / "out"
    with pytest.raises(RopaError, match=r"notice\.html\.j2.*template error"):
        render_documents(record, out, formats=["html", "json"], templates=templates)
    assert not out.exists() or not any(out.iterdir())
    render_documents(record, out, formats=["json"])
    assert dump_record(record) == before == (out / "ropa.json").read_text("utf-8")
