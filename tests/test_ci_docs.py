"""The CI configurations in docs/ci.md parse, and every ropa command in them is valid."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import yaml

from ropa.cli import main

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)


def _commands(node: object) -> list[str]:
    if isinstance(node, str):
        return [node] if node.lstrip().startswith("ropa ") else []
    if isinstance(node, dict):
        return [c for v in node.values() for c in _commands(v)]
    if isinstance(node, list):
        return [c for v in node for c in _commands(v)]
    return []


def _check(command: str) -> None:
    words = shlex.split(command.split(">")[0])
    assert words[0] == "ropa"
    ctx = main.make_context("ropa", words[1:], resilient_parsing=False)
    sub = main.get_command(ctx, words[1])
    assert sub is not None, command
    assert isinstance(sub, click.Command)
    sub.make_context(words[1], words[2:])


def test_every_yaml_block_parses_and_every_ropa_command_is_valid() -> None:
    text = (ROOT / "docs" / "ci.md").read_text()
    blocks = BLOCK.findall(text)
    assert len(blocks) >= 3
    commands = [c for block in blocks for c in _commands(yaml.safe_load(block))]
    assert len(commands) >= 6
    for command in commands:
        _check(command)


def test_pre_commit_hooks_run_valid_commands() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"ropa-scan", "ropa-drift"}
    for hook in hooks:
        _check(" ".join([hook["entry"], *hook.get("args", [])]))
