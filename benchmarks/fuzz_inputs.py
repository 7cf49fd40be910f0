"""Feeds mutated records to ``ropa render`` and ``ropa diff`` and mutated ``ropa.yaml`` files to
``ropa scan``, and counts internal errors and hangs (both must be zero).

Usage: python benchmarks/fuzz_inputs.py [--records 2000] [--configs 2000] [--seed 1]
       [--timeout 20] [--show 5]

Everything runs in this process through click's test runner, one case at a time, each under
an alarm of ``--timeout`` seconds (a case that trips it is a hang). A case is an internal
error when the command raises anything but ``SystemExit``; exit codes 0, 1 and 2 are answers.
The seed record is the one ``ropa scan`` builds for ``sample_project``; the seed ``ropa.yaml``
is that project's, plus custom categories. ``render`` writes html, json, csv and md (the PDF
is laid out from the same validated record, and would make the run last hours).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import copy
import json
import os
import random
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from ropa.cli import main  # noqa: E402
from ropa.pipeline import dump_record, run_scan  # noqa: E402


class Hang(Exception):
    """The case outlived its alarm."""


@contextlib.contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def ring(signum: int, frame: Any) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# Values of every kind that a careless or hostile hand could put anywhere.
def odd_values(rng: random.Random) -> list[Any]:
    return [
        None,
        True,
        0,
        -1,
        -(10**6),
        10**40,
        1.5,
        float("nan"),
        float("inf"),
        "",
        " ",
        "x" * 5000,
        "\ud800",
        "\u202e",
        "2023-02-30",
        "9999-99-99",
        "P" + "9" * 5000 + "Y",
        "P３٣Y",
        "../../../etc/passwd",
        "/etc",
        [],
        [1, 2],
        [None],
        [[]],
        {},
        {"x": 1},
        {"name": 5},
        rng.choice(["user.name", "user.health_and_medical", "customer", "stripe", "gdpr"]),
    ]


def paths_of(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if len(here) > 30:  # inside a nesting this file added: nothing new to reach there
        return out
    if isinstance(value, dict):
        for key, item in value.items():
            out += paths_of(item, (*here, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += paths_of(item, (*here, i))
    return out


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        doc = doc[part]
    return doc


def mutate_tree(doc: Any, rng: random.Random, rounds: int) -> Any:
    """Replace, delete, duplicate or rename what sits at random paths of ``doc``."""
    doc = copy.deepcopy(doc)
    for _ in range(rounds):
        paths = [p for p in paths_of(doc) if p]
        if not paths:
            break
        path = rng.choice(paths)
        parent = _parent(doc, path)
        key = path[-1]
        action = rng.random()
        if action < 0.55:
            parent[key] = rng.choice(odd_values(rng))
        elif action < 0.7:
            del parent[key]
        elif action < 0.8 and isinstance(parent, list):
            parent.append(parent[key])  # shared: YAML writes it as an anchor and alias
        elif action < 0.9 and isinstance(parent, dict):
            parent[rng.choice(["x", "", "name", "\ud800", "special", "parent"])] = parent.pop(key)
        else:
            nested: Any = parent[key]
            for _ in range(rng.choice([3, 60, 500])):
                nested = [nested]
            parent[key] = nested
    return doc


def mutate_text(text: str, rng: random.Random) -> str:
    """Byte-level damage: cut, splice, insert brackets, swap characters."""
    choice = rng.random()
    at = rng.randrange(len(text) + 1)
    if choice < 0.25:
        return text[:at]
    if choice < 0.5:
        return (
            text[:at]
            + rng.choice(["[" * 200_000, "{", '"', "\\", "\x00", "NaN", "1e999"])
            + text[at:]
        )
    if choice < 0.75:
        other = rng.randrange(len(text) + 1)
        return (
            text[: min(at, other)] + text[max(at, other) :] + text[min(at, other) : max(at, other)]
        )
    return (
        text[:at]
        + rng.choice(["-", "٣", "３", "\t", ":", "- ", "&a", "*a", "!!python/object:os.system"])
        + text[at + 1 :]
    )


def record_cases(seed: dict[str, Any], rng: random.Random, count: int) -> Iterator[str]:
    text = dump_record(seed)
    for i in range(count):
        if i % 4 == 3:
            yield mutate_text(text, rng)
        else:
            doc = mutate_tree(seed, rng, rng.choice([1, 1, 2, 3, 8]))
            yield json.dumps(doc, indent=1, ensure_ascii=rng.random() < 0.5)


#: Edits that are well-typed but mean harm: cycles, paths out, flags lowered, odd numbers.
SEMANTIC: list[Callable[[dict[str, Any], random.Random], None]] = [
    lambda d, r: d["categories"]["user.custom"].update(parent="user.custom"),
    lambda d, r: d["categories"]["user.custom"].update(parent="user.custom.deeper"),
    lambda d, r: d["categories"].update({"user": {"name": "U", "parent": "user.custom"}}),
    lambda d, r: d["categories"]["user.health_and_medical"].update(special="art10"),
    lambda d, r: d["categories"]["user.health_and_medical"].pop("special"),
    lambda d, r: d["categories"].update(
        {"user.government_id": {"name": "I", "ccpa_sensitive": False}}
    ),
    lambda d, r: d["scan"].update(paths=[r.choice(["/etc", "../../..", "app/../..", "C:/x"])]),
    lambda d, r: d["scan"].update(max_file_size=r.choice([-1, 0, 10**30])),
    lambda d, r: d["notice"].update(children_min_age=r.choice([-13, 0, 10**30, 131])),
    lambda d, r: d["activities"][0].update(
        retention=r.choice(["P３٣Y", "P" + "9" * 5000 + "Y", "P0D", "P1Y‮", "P"])
    ),
    lambda d, r: d.update(jurisdictions=r.choice([1, "gdpr", [1], [["gdpr"]], {"gdpr": 1}])),
    lambda d, r: d["activities"][0].update(data=[["user.name"]]),
]


def config_cases(seed: dict[str, Any], rng: random.Random, count: int) -> Iterator[str]:
    text = yaml.safe_dump(seed, allow_unicode=True, sort_keys=False)
    for i in range(count):
        if i % 4 == 3:
            yield mutate_text(text, rng)
        else:
            doc = copy.deepcopy(seed)
            for edit in rng.sample(SEMANTIC, rng.choice([0, 1, 1, 2])):
                edit(doc, rng)
            doc = mutate_tree(doc, rng, rng.choice([0, 1, 1, 2, 3, 8]))
            try:
                yield yaml.safe_dump(doc, allow_unicode=rng.random() < 0.5, sort_keys=False)
            except (yaml.YAMLError, RecursionError):  # nested too deep for PyYAML's emitter
                yield "controller: " + "[" * 500 + "]" * 500 + "\n"


SEED_CATEGORIES = {
    "user.health_and_medical": {"name": "Health", "special": "art9"},
    "user.custom": {"name": "Custom", "parent": "user", "ccpa": ["B"]},
    "user.custom.deeper": {"name": "Deeper", "parent": "user.custom", "ccpa_sensitive": True},
}
PROJECT = {
    "app/__init__.py": "",
    "app/models.py": (
        "from ropa import personal_data, processing\n\n\n"
        '@personal_data(subjects=["customer"], fields={"email": "user.contact.email",'
        ' "note": "user.custom.deeper"}, retention="P3Y")\n'
        "class Customer:\n"
        "    email = None\n"
        "    note = None\n\n\n"
        '@processing("Order emails", purpose="Confirm orders", legal_basis="contract",\n'
        '            data=["user.contact.email"], subjects=["customer"], retention="P90D")\n'
        "def send(order):\n"
        "    return order\n"
    ),
}


def run_cases(
    label: str,
    cases: Iterator[str],
    invoke: Callable[[Path], list[list[str]]],
    target: Callable[[], Path],
    timeout: int,
    show: int,
) -> dict[str, Any]:
    runner = CliRunner()
    exits: collections.Counter[str] = collections.Counter()
    crashes: list[str] = []
    hangs = 0
    count = 0
    start = time.perf_counter()
    for text in cases:
        path = target()
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        for args in invoke(path):
            count += 1
            try:
                with alarm(timeout):
                    result = runner.invoke(main, args, catch_exceptions=True)
            except Hang:
                hangs += 1
                exits["hang"] += 1
                continue
            if isinstance(result.exception, Hang):
                hangs += 1
                exits["hang"] += 1
            elif result.exception is not None and not isinstance(result.exception, SystemExit):
                exits["internal error"] += 1
                if len(crashes) < show:
                    exc = result.exception
                    crashes.append(f"{args[0]}: {type(exc).__name__}: {str(exc)[:200]}")
            else:
                exits[str(result.exit_code)] += 1
    return {
        "label": label,
        "cases": count,
        "internal errors": exits["internal error"],
        "hangs": hangs,
        "exit codes": dict(sorted(exits.items())),
        "seconds": round(time.perf_counter() - start, 1),
        "examples": crashes,
    }


def main_() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--configs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=20)
    parser.add_argument("--show", type=int, default=5, help="Internal errors to print.")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"
    with tempfile.TemporaryDirectory(prefix="ropa-fuzz-") as tmp:
        work = Path(tmp)
        os.environ["ROPA_CACHE_DIR"] = str(work / "cache")
        seed_record = run_scan([ROOT / "sample_project"], use_cache=False).record.as_json()
        base = work / "base.json"
        base.write_text(dump_record(seed_record), "utf-8")
        out = work / "out"

        def record_runs(path: Path) -> list[list[str]]:
            return [
                ["render", str(path), "--out-dir", str(out), "--formats", "html,json,csv,md"],
                ["diff", str(base), str(path)],
                ["diff", str(path), str(base), "--format", "markdown"],
            ]

        results = [
            run_cases(
                "records (render, diff old, diff new)",
                record_cases(seed_record, rng, args.records),
                record_runs,
                lambda: work / "ropa.json",
                args.timeout,
                args.show,
            )
        ]
        project = work / "project"
        for rel, text in PROJECT.items():
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / rel).write_text(text, "utf-8")
        seed_config = yaml.safe_load((ROOT / "sample_project" / "ropa.yaml").read_text("utf-8"))
        seed_config["scan"] = {"paths": ["app"], "max_file_size": 100000}
        seed_config["categories"] = SEED_CATEGORIES
        results.append(
            run_cases(
                "ropa.yaml (scan)",
                config_cases(seed_config, rng, args.configs),
                lambda path: [["scan", str(project), "--no-cache", "-j", "1", "--format", "json"]],
                lambda: project / "ropa.yaml",
                args.timeout,
                args.show,
            )
        )
    failed = False
    for r in results:
        print(f"{r['label']}: {r['cases']} cases in {r['seconds']} s")
        print(f"  internal errors: {r['internal errors']}, hangs: {r['hangs']}")
        print(f"  exit codes: {r['exit codes']}")
        for line in r["examples"]:
            print(f"  e.g. {line}")
        failed = failed or bool(r["internal errors"] or r["hangs"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main_())
