"""A hostile or careless ``ropa.yaml``: it may raise protections, never lower them, never leave
the project, and every wrong value is a ``ropa.yaml:LINE:`` error (exit 2), never a crash."""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from ropa.cli import main
from ropa.config import _SCHEMA, load_config
from ropa.errors import ConfigError, RopaError
from ropa.pipeline import Outcome, run_scan
from ropa.retention import RetentionError, parse_retention

from .conftest import DATE, codes, write_tree

#: One line, so that the messages below can name the lines of what each test appends.
MINIMAL_YAML = "controller: {name: Example Ltd, email: privacy@example.com}\n"

HEALTH_CODE = (
    "from ropa import processing\n\n\n"
    '@processing("Checkups", purpose="Record checkups", legal_basis="contract",\n'
    '            data=["user.health_and_medical"], subjects=["patient"], retention="P1Y")\n'
    "def checkup():\n"
    "    pass\n"
)


def _project(tmp_path: Path, yaml_text: str, code: str = HEALTH_CODE) -> Path:
    return write_tree(tmp_path / "p", {"ropa.yaml": yaml_text, "app/health.py": code})


def _scan(root: Path) -> Outcome:
    return run_scan([root], jobs=1, date=DATE, use_cache=False)


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "ropa.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return info.value.problems


# Built-in protections may only be raised.


def test_redefining_a_special_category_keeps_its_art9_flag(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        MINIMAL_YAML + "categories:\n  user.health_and_medical:\n    name: Health notes\n",
    )
    outcome = _scan(root)
    assert "ROPA107" in codes(outcome)
    assert outcome.record.as_json()["vocabulary"]["categories"]["user.health_and_medical"][
        "special"
    ] == ("art9")


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        (
            "  user.health_and_medical:\n    name: Health\n    special: art10\n",
            "ropa.yaml:3: categories.user.health_and_medical would make "
            "'user.health_and_medical' art10 instead of art9",
        ),
        (
            "  user.criminal_history:\n    special: art9\n",
            "ropa.yaml:3: categories.user.criminal_history would make 'user.criminal_history' "
            "art9 instead of art10",
        ),
        (
            "  user.government_id:\n    name: IDs\n    ccpa_sensitive: false\n",
            "ropa.yaml:3: categories.user.government_id would make 'user.government_id' not "
            "CCPA sensitive",
        ),
        (
            "  user.government_id.birth_certificate:\n    parent: user.contact\n",
            "ropa.yaml:3: categories.user.government_id.birth_certificate would make "
            "'user.government_id.birth_certificate' not CCPA sensitive",
        ),
    ],
)
def test_lowering_a_built_in_flag_is_an_error(tmp_path: Path, category: str, expected: str) -> None:
    found = _problems(tmp_path, MINIMAL_YAML + "categories:\n" + category)
    assert any(p.startswith(expected) for p in found), found
    assert all("never lowered" in p for p in found), found


def test_raising_a_flag_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "ropa.yaml"
    path.write_text(
        MINIMAL_YAML + "categories:\n  user.contact.email:\n    special: art9\n"
        "    ccpa_sensitive: true\n",
        "utf-8",
    )
    term = load_config(path).categories["user.contact.email"]
    assert term.special == "art9" and term.ccpa_sensitive and term.name != "user.contact.email"


@pytest.mark.parametrize(
    ("categories", "expected"),
    [
        (
            "  user.loop:\n    name: Loop\n    parent: user.loop\n",
            "ropa.yaml:3: categories.user.loop: parent cycle user.loop -> user.loop",
        ),
        (
            "  user.a:\n    name: A\n    parent: user.b\n"
            "  user.b:\n    name: B\n    parent: user.a\n",
            "ropa.yaml:3: categories.user.a: parent cycle user.a -> user.b -> user.a",
        ),
        (
            "  user:\n    name: User\n    parent: user.contact\n",
            "ropa.yaml:3: categories.user: parent cycle user -> user.contact -> user",
        ),
    ],
)
def test_a_parent_cycle_is_an_error_not_a_hang(
    tmp_path: Path, categories: str, expected: str
) -> None:
    text = MINIMAL_YAML + "categories:\n" + categories
    code = HEALTH_CODE.replace("user.health_and_medical", "user.a").replace("user.a", "user.loop")
    root = _project(tmp_path, text, code)
    results: list[Any] = []
    worker = threading.Thread(
        target=lambda: results.append(CliRunner().invoke(main, ["scan", str(root), "--no-cache"])),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=30)
    assert results, "scan hung on a parent cycle"
    assert results[0].exit_code == 2, results[0].output
    # Shown from the working directory: ``../p/ropa.yaml:3: ...``.
    assert f"/{expected}" in results[0].output, results[0].output


# scan.paths stay inside the project.


@pytest.mark.parametrize("path", ["/etc", "../../..", "app/../../x", "..\\\\x", "C:/x"])
def test_scan_paths_may_not_leave_the_project(tmp_path: Path, path: str) -> None:
    found = _problems(tmp_path, MINIMAL_YAML + f"scan:\n  paths: ['{path}']\n")
    assert any(
        p.startswith("ropa.yaml:3: scan.paths: ") and "leaves the project" in p for p in found
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_scan_paths_may_not_follow_a_link_out(tmp_path: Path) -> None:
    outside = write_tree(tmp_path / "outside", {"evil.py": HEALTH_CODE})
    root = _project(tmp_path, MINIMAL_YAML + "scan:\n  paths: [app, out]\n")
    os.symlink(outside, root / "out")
    with pytest.raises(RopaError, match="leads outside the project"):
        _scan(root)


def test_a_path_outside_given_on_the_command_line_is_scanned(tmp_path: Path) -> None:
    _project(tmp_path, MINIMAL_YAML + "scan:\n  paths: [app]\n")
    other = write_tree(tmp_path / "other", {"x.py": HEALTH_CODE})
    result = CliRunner().invoke(
        main, ["scan", str(other), "--config", str(tmp_path / "p" / "ropa.yaml"), "--no-cache"]
    )
    assert result.exit_code in (0, 1), result.output


# Numbers and durations.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("scan:\n  max_file_size: -1\n", "ropa.yaml:3: scan.max_file_size must be a number of"),
        ("scan:\n  max_file_size: 0\n", "ropa.yaml:3: scan.max_file_size must be a number of"),
        (
            "scan:\n  max_file_size: 1000000000000000000000000000000\n",
            "ropa.yaml:3: scan.max_file_size must be a number of bytes from 1 to 2,000,000,000",
        ),
        ("notice:\n  children_min_age: -13\n", "ropa.yaml:3: notice.children_min_age must be an"),
        ("notice:\n  children_min_age: 1000\n", "ropa.yaml:3: notice.children_min_age must be"),
        (
            "categories:\n  user.x:\n    name: X\n    special: art99\n",
            "ropa.yaml:5: categories.user.x.special must be one of: art9, art10",
        ),
    ],
)
def test_out_of_range_numbers_are_errors(tmp_path: Path, text: str, expected: str) -> None:
    found = _problems(tmp_path, MINIMAL_YAML + text)
    assert any(p.startswith(expected) for p in found), found


@pytest.mark.parametrize(
    "value", ["P３٣Y", "P٣Y", "P3Y٣M", "P" + "9" * 5000 + "Y", "P0000000001D", "P𝟑Y"]
)
def test_durations_accept_only_short_ascii_numbers(value: str) -> None:
    with pytest.raises(RetentionError) as info:
        parse_retention(value)
    assert len(str(info.value)) < 300


@pytest.mark.parametrize("where", ["yaml", "code"])
def test_a_bad_retention_is_rop111_not_a_crash(tmp_path: Path, where: str) -> None:
    long = "P" + "9" * 5000 + "Y"
    if where == "yaml":
        text = (
            MINIMAL_YAML + "activities:\n  - name: Keep\n    purpose: Keep\n"
            "    legal_basis: contract\n    data: [user.name]\n    subjects: [customer]\n"
            f"    retention: {long}\n  - name: Digits\n    purpose: Keep\n"
            "    legal_basis: contract\n    data: [user.name]\n    subjects: [customer]\n"
            "    retention: P３٣Y\n"
        )
        root = _project(tmp_path, text, "x = 1\n")
    else:
        root = _project(tmp_path, MINIMAL_YAML, HEALTH_CODE.replace("P1Y", long))
    found = [d for d in _scan(root).diagnostics if d.code == "ROPA111"]
    assert len(found) == (2 if where == "yaml" else 1), found
    assert all(len(d.message) < 300 for d in found)


# Every key of ropa.yaml with every wrong type: generated from the shape ropa.yaml is read with.

FULL: dict[str, Any] = {
    "controller": {
        "name": "Example Ltd",
        "address": "1 Road",
        "email": "p@example.com",
        "phone": "+1",
        "website": "https://example.com",
    },
    "dpo": {"name": "D", "email": "d@example.com", "required": True, "reason": "Art. 37(1)(b)"},
    "representative": {"name": "R", "address": "2 Road"},
    "supervisory_authority": {"name": "SA", "url": "https://sa.example", "address": "3 Road"},
    "role": "controller",
    "clients": [
        {
            "key": "c",
            "name": "C",
            "contact": "c@example.com",
            "representative": "R, r@example.com",
            "dpo": "D, d@example.com",
        }
    ],
    "joint_controllers": {
        "partner": {
            "name": "P",
            "contact": "p@example.com",
            "address": "4 Road",
            "responsibilities": "They answer requests",
            "arrangement": "We decide together",
        }
    },
    "jurisdictions": ["gdpr", "ccpa"],
    "security_measures": ["TLS"],
    "activities": [
        {
            "name": "Payroll",
            "purpose": "Pay staff",
            "legal_basis": "legitimate_interests",
            "legitimate_interest": "Run the firm",
            "special_category_basis": "employment",
            "data": ["user.name", "user.health_and_medical"],
            "subjects": ["employee"],
            "uses": ["employment"],
            "processors": ["stripe"],
            "recipients": ["Tax office"],
            "retention": "P6Y",
            "source": "data_subject",
            "automated_decision": "none",
            "profiling": False,
            "requirement": "Needed by law",
            "notice": True,
            "role": "joint_controller",
            "on_behalf_of": ["c"],
            "joint_controllers": ["partner"],
            "description": "Monthly payroll",
            "owner": "Finance",
            "lia": "LIA 1",
            "dpia": "not_required",
            "consent_record": "Consent log",
            "withdrawal": "Email HR",
            "automated_decision_exception": "law",
            "automated_decision_effects": "None for the person",
            "retention_policy": "Schedule 2",
        }
    ],
    "vendors": {"stripe": {"dpa": "https://example.com/dpa.pdf"}},
    "categories": {
        "user.custom": {
            "name": "Custom",
            "label": "Custom data",
            "description": "Ours",
            "parent": "user",
            "special": "art9",
            "ccpa": ["B"],
            "ccpa_sensitive": True,
        }
    },
    "notice": {
        "effective_date": dt.date(2026, 1, 15),
        "children_min_age": 16,
        "contact_url": "https://example.com/privacy",
        "changes": "Emailed",
        "ccpa": {"sells": False, "shares": False},
    },
    "scan": {
        "paths": ["app"],
        "exclude": ["tests/**"],
        "marker_modules": ["m"],
        "max_file_size": 9,
    },
    "breach": {"procedure": "https://example.com/breach", "register": "Register"},
    "review": {"date": dt.date(2026, 1, 10), "by": "DPO"},
    "privacy_policy_url": "https://example.com/privacy",
}
WRONG: list[Any] = [1, -1, 10**30, 2.5, "x", True, None, [1], [[]], {"a": 1}, dt.date(2020, 1, 1)]


def _key_paths(shape: Any, doc: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = [here] if here else []
    if isinstance(shape, dict) and isinstance(doc, dict):
        for key in shape:
            if key in doc:
                out += _key_paths(shape[key], doc[key], (*here, key))
    elif isinstance(shape, list) and isinstance(doc, list):
        out += _key_paths(shape[1], doc[0], (*here, 0))
    elif isinstance(shape, tuple) and isinstance(doc, dict):
        first = next(iter(doc))
        out += _key_paths(shape[1], doc[first], (*here, first))
    return out


KEY_PATHS = _key_paths(_SCHEMA, FULL)


def test_the_generated_cases_cover_every_key_of_the_schema() -> None:
    assert len(KEY_PATHS) >= 60
    assert {p[0] for p in KEY_PATHS} == set(_SCHEMA)


def test_the_full_file_is_valid(tmp_path: Path) -> None:
    root = _project(tmp_path, yaml.safe_dump(FULL), "x = 1\n")
    (root / "app").mkdir(exist_ok=True)
    record = _scan(root).record.as_json()
    assert [a["name"] for a in record["activities"]] == ["Payroll"]
    assert record["vocabulary"]["categories"]["user.health_and_medical"]["special"] == "art9"


@pytest.mark.parametrize("path", KEY_PATHS, ids=lambda p: ".".join(map(str, p)))
def test_every_key_with_a_wrong_type_is_an_error_not_a_crash(
    tmp_path: Path, path: tuple[Any, ...]
) -> None:
    root = _project(tmp_path, "", "x = 1\n")
    for i, wrong in enumerate(WRONG):
        doc = copy.deepcopy(FULL)
        target = doc
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = wrong
        (root / "ropa.yaml").write_text(yaml.safe_dump(doc), "utf-8")
        try:
            _scan(root)
        except RopaError as exc:
            assert all(p.startswith("ropa.yaml") for p in exc.problems), exc.problems
        else:
            # Accepted: only where the wrong value is still a valid one for that key.
            assert _still_valid(path, wrong), f"{path} = {wrong!r} was accepted (case {i})"


def _shape(path: tuple[Any, ...]) -> Any:
    shape: Any = _SCHEMA
    for part in path:
        shape = shape[part] if isinstance(shape, dict) else shape[1]
    return shape


_VALID: dict[str, Callable[[Any], bool]] = {
    "str": lambda v: isinstance(v, str) and bool(v.strip()),
    "bool": lambda v: isinstance(v, bool),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "age": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 130,
    "size": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 < v <= 2_000_000_000,
    "date": lambda v: isinstance(v, dt.date),
    "special": lambda v: v in ("art9", "art10"),
    "list": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "vendors": lambda v: isinstance(v, dict),
    "role": lambda v: v in ("controller", "processor", "joint_controller"),
    "key": lambda v: isinstance(v, str) and bool(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", v)),
    # A condition key, or {condition, law}: no wrong value below is such a mapping.
    "basis": lambda v: isinstance(v, str) and bool(v.strip()),
}


def _still_valid(path: tuple[Any, ...], value: Any) -> bool:
    """Whether ``value`` is one a correct ropa.yaml may hold at ``path``."""
    if value is None or value == [] or value == {}:
        return True  # an empty value is the same as leaving the key out
    shape = _shape(path)
    return isinstance(shape, str) and _VALID[shape](value)


# Files that are not regular files, and paths the system refuses.


def _within(seconds: float, call: Callable[[], Any]) -> Any:
    results: list[Any] = []
    worker = threading.Thread(target=lambda: results.append(call()), daemon=True)
    worker.start()
    worker.join(timeout=seconds)
    return results[0] if results else None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX special files")
@pytest.mark.parametrize("how", ["found", "--config"])
def test_a_fifo_named_ropa_yaml_is_refused_without_blocking(tmp_path: Path, how: str) -> None:
    root = write_tree(tmp_path / "p", {"app/x.py": "x = 1\n"})
    os.mkfifo(root / "ropa.yaml")
    args = ["scan", str(root), "--no-cache"]
    if how == "--config":
        args += ["--config", str(root / "ropa.yaml")]
    result = _within(20, lambda: CliRunner().invoke(main, args))
    if result is None:
        with open(root / "ropa.yaml", "wb"):  # release the blocked reader
            pass
    assert result is not None, "scan blocked on a FIFO"
    assert result.exit_code == 2 and "/ropa.yaml: cannot read: not a regular file" in (
        result.output
    ), result.output


def test_a_folder_named_ropa_yaml_is_refused(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", {"app/x.py": "x = 1\n", "ropa.yaml/inner": "x"})
    result = CliRunner().invoke(main, ["scan", str(root), "--no-cache"])
    assert result.exit_code == 2 and "ropa.yaml: cannot read: a folder" in result.output


@pytest.mark.parametrize("option", ["path", "--config", "--baseline"])
def test_a_100000_character_path_is_a_short_exit_2(tmp_path: Path, option: str) -> None:
    root = write_tree(tmp_path / "p", {"ropa.yaml": MINIMAL_YAML, "app/x.py": "x = 1\n"})
    long = str(tmp_path / ("x" * 100_000))
    args = {
        "path": ["scan", long],
        "--config": ["scan", str(root), "--config", long],
        "--baseline": ["scan", str(root), "--baseline", long],
    }[option]
    result = CliRunner().invoke(main, [*args, "--no-cache"])
    assert result.exit_code == 2 and result.output.startswith("ropa: "), result.output
    assert "internal error" not in result.output and len(result.output) < 400


@pytest.mark.parametrize(
    "text", ['controller: {name: "\\ud800"}\n', 'controller: {"\\udfff": x}\n']
)
def test_a_lone_surrogate_in_ropa_yaml_is_an_error(tmp_path: Path, text: str) -> None:
    found = _problems(tmp_path, text)
    assert found == ["ropa.yaml:1: a lone surrogate (\\ud800-\\udfff) is not text"]
