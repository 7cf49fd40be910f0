"""Measure ROPA205/ROPA206 against hand-labelled flows of personal data in real apps and cases.

Usage: python benchmarks/flow_quality.py [LABELS.yaml ...] [--cache DIR] [--app NAME=PATH]
                                         [--offline] [--check] [--markdown] [--ropa CMD]

Each file under benchmarks/flows/labels/ names one app (a PyPI sdist or wheel pinned by version
and sha256, or a folder of this repository) and its labelled flows: a sink (path relative to the
app's root, line, kind), a data category, whether personal data of that category really reaches
the sink there, and why. The labels were written by reading the code before any dataflow engine
existed; docs/evidence.md says how.

For each app the harness fetches the archive into the cache (default $ROPA_FLOW_CACHE, else
~/.cache/ropa-flows) unless --app gives an unpacked tree, checks its sha256, copies the tree to a
temporary folder (the cache is never modified), writes ropa.yaml from the label file's `config:`
there, runs `ropa scan COPY --format json --fail-on never --no-cache --output ropa.json` as a
subprocess and matches the ROPA205 (vendor, third-party host) and ROPA206 (logs, standard output)
diagnostics, and the entries of the record's own `evidence[]` (files, queues, HTTP), to the labels
by sink path and line. It prints precision and recall per sink kind and overall, then every miss,
every false alarm and the findings no label covers. --check only validates the labels against
the sources.
Exit status: 0 when it measured, 2 when it could not (a label file, a download or ropa failed).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "benchmarks" / "flows" / "labels"
TAXONOMY = REPO / "ropa" / "data" / "taxonomy.yaml"
VENDORS = REPO / "ropa" / "data" / "vendors.yaml"

# The sink kinds a label may name; `vendor:KEY` names a registry vendor.
PLAIN_KINDS = ("log", "stdout", "http", "file", "queue")
KIND_ORDER = ("vendor", *PLAIN_KINDS)
# A flow to an HTTP request, a file or a queue carries no diagnostic of its own (only a literal
# third-party host is ROPA205): the record's top-level ``evidence[]`` lists it, and the harness
# reads each entry as a finding of this pseudo-code at its sink call.
EVIDENCE_CODE = "evidence"
FLOW_CODES = ("ROPA205", "ROPA206", EVIDENCE_CODE)
# Which diagnostic codes may report a sink of each kind. HTTP, file and queue sinks are not tied
# to one code by DESIGN §10 (a host of a registry vendor is that vendor), so any counts there.
CODES_FOR_KIND = {
    "vendor": {"ROPA205"},
    "log": {"ROPA206"},
    "stdout": {"ROPA206"},
    "http": {"ROPA205", "ROPA206", EVIDENCE_CODE},
    "file": {"ROPA205", "ROPA206", EVIDENCE_CODE},
    "queue": {"ROPA205", "ROPA206", EVIDENCE_CODE},
}
# A project file for apps that bring none: the scan needs a controller to stay quiet about it, and
# a ropa.yaml in the copy keeps ropa from finding one further up.
DEFAULT_CONFIG: dict[str, Any] = {
    "controller": {"name": "Flow Benchmark", "email": "privacy@flow-benchmark.test"},
}
LABEL_KEYS = {"sink", "data", "flow", "reason", "source"}
FILE_KEYS = {
    "app",
    "version",
    "kind",
    "archive",
    "sdist",
    "sha256",
    "root",
    "local",
    "config",
    "exhaustive",
    "flows",
}
# The copy's folder name cannot be imported, so the scanned code never shadows a module.
COPY_NAME = "scanned-app"
CATEGORY_IN_TEXT = re.compile(r"\buser(?:\.[a-z0-9_]+)+")


class HarnessError(Exception):
    """The harness could not measure: a bad label file, a failed download or a failed scan."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Label:
    """One labelled place where personal data does, or only seems to, reach a sink."""

    app: str
    path: str
    line: int
    kind: str  # "vendor:KEY" or one of PLAIN_KINDS
    data: str
    flow: bool
    reason: str
    source: str

    @property
    def bucket(self) -> str:
        return "vendor" if self.kind.startswith("vendor:") else self.kind

    @property
    def vendor(self) -> str | None:
        return self.kind.partition(":")[2] if self.bucket == "vendor" else None

    def describe(self) -> str:
        return (
            f"{self.app}  {self.path}:{self.line}  {self.kind}  {self.data}  "
            f"(source {self.source})  {self.reason}"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class LabelSet:
    """The labels of one app and where its code comes from."""

    app: str
    version: str | None
    archive: str  # "sdist", "wheel" or "local"
    filename: str | None
    sha256: str | None
    root: str
    local: str | None
    config: Mapping[str, Any] | None
    exhaustive: bool
    labels: tuple[Label, ...]
    origin: Path

    @property
    def name(self) -> str:
        return f"{self.app} {self.version}" if self.version else self.app


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """A ROPA205/ROPA206 diagnostic reduced to what matching needs."""

    code: str
    path: str
    line: int | None
    vendor: str | None
    categories: tuple[str, ...]
    message: str

    def describe(self, app: str) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        what = f" {self.vendor}" if self.vendor else ""
        return f"{app}  {where}  {self.code}{what}  {self.message}"


@dataclass(slots=True)
class Tally:
    """Counts for one sink kind (or overall)."""

    true_labels: int = 0
    false_labels: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.true_labels += other.true_labels
        self.false_labels += other.false_labels
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


@dataclass(slots=True)
class Score:
    """What matching one app's findings against its labels gave."""

    by_kind: dict[str, Tally] = field(default_factory=dict)
    found: list[Label] = field(default_factory=list)
    misses: list[Label] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)

    def tally(self, kind: str) -> Tally:
        return self.by_kind.setdefault(kind, Tally())

    @property
    def overall(self) -> Tally:
        total = Tally()
        for tally in self.by_kind.values():
            total.add(tally)
        return total

    def add(self, other: Score) -> None:
        for kind, tally in other.by_kind.items():
            self.tally(kind).add(tally)
        self.found += other.found
        self.misses += other.misses
        self.false_alarms += other.false_alarms
        self.unlabelled += other.unlabelled


# --------------------------------------------------------------------------- labels


def _vocabulary() -> tuple[set[str], set[str]]:
    categories = set(yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))["categories"])
    vendors = set(yaml.safe_load(VENDORS.read_text(encoding="utf-8")))
    return categories, vendors


def load_labels(path: Path) -> LabelSet:
    """Read and validate one label file; every error names the file and the flow."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise HarnessError(f"{path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise HarnessError(f"{path}: expected a mapping at the top")
    unknown = set(raw) - FILE_KEYS
    if unknown:
        raise HarnessError(f"{path}: unknown keys {sorted(unknown)}")
    app = raw.get("app")
    if not isinstance(app, str) or not app:
        raise HarnessError(f"{path}: `app` is required")
    local = raw.get("local")
    archive = "local" if local else str(raw.get("archive", "sdist"))
    if archive not in ("sdist", "wheel", "local"):
        raise HarnessError(f"{path}: archive must be sdist, wheel or local")
    if archive != "local":
        for key in ("version", "sdist", "sha256", "root"):
            if not isinstance(raw.get(key), str):
                raise HarnessError(f"{path}: `{key}` is required for a downloaded app")
    config = raw.get("config")
    if config is not None and not isinstance(config, dict):
        raise HarnessError(f"{path}: `config` must be a mapping (the ropa.yaml to write)")
    categories, vendors = _vocabulary()
    labels = []
    for index, item in enumerate(raw.get("flows") or (), 1):
        where = f"{path}: flow {index}"
        if not isinstance(item, dict) or set(item) != LABEL_KEYS:
            raise HarnessError(f"{where}: needs exactly the keys {sorted(LABEL_KEYS)}")
        sink = item["sink"]
        if not isinstance(sink, dict) or set(sink) != {"path", "line", "kind"}:
            raise HarnessError(f"{where}: sink needs path, line and kind")
        kind = str(sink["kind"])
        if kind.startswith("vendor:"):
            if kind.partition(":")[2] not in vendors:
                raise HarnessError(f"{where}: {kind} is not a registry vendor")
        elif kind not in PLAIN_KINDS:
            raise HarnessError(f"{where}: unknown sink kind {kind!r}")
        if item["data"] not in categories:
            raise HarnessError(f"{where}: unknown data category {item['data']!r}")
        if not isinstance(item["flow"], bool) or not isinstance(sink["line"], int):
            raise HarnessError(f"{where}: flow must be true or false and line a number")
        labels.append(
            Label(
                app=app,
                path=str(sink["path"]),
                line=sink["line"],
                kind=kind,
                data=str(item["data"]),
                flow=item["flow"],
                reason=str(item["reason"]),
                source=str(item["source"]),
            )
        )
    keys = [(label.path, label.line, label.kind, label.data) for label in labels]
    if len(set(keys)) != len(keys):
        raise HarnessError(f"{path}: a sink, kind and category is labelled twice")
    verdicts: dict[tuple[str, int], set[bool]] = {}
    for label in labels:
        verdicts.setdefault((label.path, label.line), set()).add(label.flow)
    mixed = sorted(f"{p}:{n}" for (p, n), seen in verdicts.items() if len(seen) > 1)
    if mixed:
        # flow: false says no personal data reaches the sink, so it cannot stand beside a true one.
        raise HarnessError(f"{path}: labelled both true and false at {', '.join(mixed)}")
    return LabelSet(
        app=app,
        version=str(raw["version"]) if raw.get("version") is not None else None,
        archive=archive,
        filename=raw.get("sdist"),
        sha256=raw.get("sha256"),
        root=str(raw.get("root", ".")),
        local=local,
        config=config,
        exhaustive=bool(raw.get("exhaustive", False)),
        labels=tuple(labels),
        origin=path,
    )


def check_against_source(labels: LabelSet, root: Path) -> list[str]:
    """Problems with labels that the code itself shows: a missing file, a line out of range or
    blank, a source that points nowhere."""
    problems = []
    lines_of: dict[str, list[str]] = {}

    def lines(rel: str) -> list[str] | None:
        if rel not in lines_of:
            file = root / rel
            if not file.is_file():
                return None
            lines_of[rel] = file.read_text(encoding="utf-8", errors="replace").splitlines()
        return lines_of[rel]

    for label in labels.labels:
        text = lines(label.path)
        if text is None:
            problems.append(f"{label.path}: no such file in {labels.name}")
        elif not 1 <= label.line <= len(text) or not text[label.line - 1].strip():
            problems.append(f"{label.path}:{label.line}: no code on that line")
        source_path, _, source_line = label.source.partition(":")
        source_text = lines(source_path)
        if source_text is None:
            problems.append(f"{label.path}:{label.line}: source {label.source} is not a file")
        elif source_line and not 1 <= int(source_line) <= len(source_text):
            problems.append(f"{label.path}:{label.line}: source {label.source} is out of range")
    return problems


# --------------------------------------------------------------------------- matching


def _location(diagnostic: Mapping[str, Any]) -> tuple[str, int | None]:
    # The engine puts the sink in "location"; older diagnostics have path and line at the top.
    where = diagnostic.get("location")
    if not isinstance(where, Mapping):
        where = diagnostic
    path = str(where.get("path") or "").replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    line = where.get("line")
    return path, line if isinstance(line, int) else None


def _vendor_of(diagnostic: Mapping[str, Any], vendors: Iterable[str]) -> str | None:
    for key in ("vendor", "recipient"):
        value = diagnostic.get(key)
        if isinstance(value, str):
            return value
        if isinstance(value, Mapping) and isinstance(value.get("key"), str):
            return str(value["key"])
    sink = diagnostic.get("sink")
    if isinstance(sink, Mapping) and isinstance(sink.get("vendor"), str):
        return str(sink["vendor"])
    message = str(diagnostic.get("message", ""))
    named = [key for key in vendors if re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", message)]
    # The longest key wins, so "google-gemini" is not read as "google-cloud" or a shorter key.
    return max(named, key=len) if named else None


def _categories_of(diagnostic: Mapping[str, Any]) -> tuple[str, ...]:
    for key in ("data", "categories", "category"):
        value = diagnostic.get(key)
        if isinstance(value, str):
            return (value,)
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
    return tuple(CATEGORY_IN_TEXT.findall(str(diagnostic.get("message", ""))))


def findings_from(
    diagnostics: Sequence[Mapping[str, Any]], vendors: Iterable[str] = ()
) -> list[Finding]:
    """The flow diagnostics (ROPA205, ROPA206) among everything a scan printed."""
    vendor_keys = sorted(vendors)
    found = []
    for diagnostic in diagnostics:
        code = diagnostic.get("code")
        if code not in FLOW_CODES:
            continue
        path, line = _location(diagnostic)
        found.append(
            Finding(
                code=str(code),
                path=path,
                line=line,
                vendor=_vendor_of(diagnostic, vendor_keys) if code == "ROPA205" else None,
                categories=_categories_of(diagnostic),
                message=str(diagnostic.get("message", "")),
            )
        )
    return found


def _related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _compatible(label: Label, finding: Finding, at_sink: Sequence[Label]) -> bool:
    if (finding.path, finding.line) != (label.path, label.line):
        return False
    if finding.code not in CODES_FOR_KIND[label.bucket]:
        return False
    if label.vendor is not None and finding.vendor is not None and finding.vendor != label.vendor:
        return False
    # A finding that names no category covers every category at its sink, and so does any
    # finding at a false label, which says that no personal data reaches the sink at all.
    if not finding.categories or not label.flow:
        return True
    if any(_related(label.data, c) for c in finding.categories):
        return True
    # A true label names the category the code shows most plainly; a finding that names another
    # still counts for it unless another label at the same sink is about that category.
    others = [other.data for other in at_sink if other is not label]
    return not any(_related(data, c) for data in others for c in finding.categories)


def _kind_of(finding: Finding) -> str:
    """The sink kind an unlabelled finding is counted under in an exhaustive set."""
    if finding.code == EVIDENCE_CODE:
        for kind in ("file", "queue"):
            if f" to {kind} by " in finding.message:
                return kind
        return "http"
    if finding.code == "ROPA205":
        return "vendor" if finding.vendor else "http"
    return "log"


def score(labels: Sequence[Label], findings: Sequence[Finding], *, exhaustive: bool) -> Score:
    """Count each true label as found or missed and each false label as quiet or a false alarm.

    A finding that matches no label is a false alarm when the set is exhaustive (every sink in
    it is labelled) and is listed as unlabelled otherwise, since nobody said whether it is right.
    """
    result = Score()
    used: set[int] = set()
    for label in labels:
        tally = result.tally(label.bucket)
        at_sink = [
            other for other in labels if (other.path, other.line) == (label.path, label.line)
        ]
        hits = [i for i, found in enumerate(findings) if _compatible(label, found, at_sink)]
        used.update(hits)
        if label.flow:
            tally.true_labels += 1
            if hits:
                tally.tp += 1
                result.found.append(label)
            else:
                tally.fn += 1
                result.misses.append(label)
        else:
            tally.false_labels += 1
            if hits:
                tally.fp += 1
                shown = "; ".join(findings[i].message for i in hits)
                result.false_alarms.append(f"{label.describe()}  -- reported: {shown}")
    app = labels[0].app if labels else ""
    for index, finding in enumerate(findings):
        if index in used:
            continue
        if exhaustive:
            kind = _kind_of(finding)
            result.tally(kind).fp += 1
            result.false_alarms.append(f"{finding.describe(app)}  -- no label at this sink")
        else:
            result.unlabelled.append(finding.describe(app))
    return result


# --------------------------------------------------------------------------- fetching and scanning


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(labels: LabelSet, cache: Path, *, offline: bool) -> Path:
    """The unpacked tree of a pinned app, downloaded and checked once, then kept in the cache."""
    assert labels.filename and labels.sha256 and labels.version
    unpacked = cache / "src" / f"{labels.app}-{labels.version}"
    if not (unpacked / ".complete").exists():
        archive = cache / "archives" / labels.filename
        if not archive.exists():
            if offline:
                raise HarnessError(f"{labels.name}: not in {cache} and --offline was given")
            archive.parent.mkdir(parents=True, exist_ok=True)
            wanted = "--only-binary" if labels.archive == "wheel" else "--no-binary"
            command = [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                wanted,
                ":all:",
                "--dest",
                str(archive.parent),
                f"{labels.app}=={labels.version}",
            ]
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode or not archive.exists():
                raise HarnessError(f"{labels.name}: pip download failed: {done.stderr.strip()}")
        if _sha256(archive) != labels.sha256:
            raise HarnessError(f"{labels.name}: {archive} does not have the pinned sha256")
        shutil.rmtree(unpacked, ignore_errors=True)
        unpacked.mkdir(parents=True)
        if labels.archive == "wheel":
            with zipfile.ZipFile(archive) as wheel:
                for member in wheel.namelist():
                    target = (unpacked / member).resolve()
                    if not target.is_relative_to(unpacked.resolve()):
                        raise HarnessError(f"{archive}: member {member} leaves the folder")
                wheel.extractall(unpacked)
        else:
            with tarfile.open(archive) as sdist:
                sdist.extractall(unpacked, filter="data")
        (unpacked / ".complete").touch()
    return unpacked / labels.root


def source_root(
    labels: LabelSet, cache: Path, overrides: Mapping[str, Path], *, offline: bool
) -> Path:
    if labels.app in overrides:
        return overrides[labels.app]
    if labels.local:
        return REPO / labels.local
    return fetch(labels, cache, offline=offline)


def _strip_copy(diagnostic: Any) -> Any:
    # ropa prints paths relative to its working folder, which is the copy's parent.
    if isinstance(diagnostic, dict):
        return {
            key: _strip_copy(value)
            if key != "path"
            else str(value).removeprefix(f"{COPY_NAME}/")
            if isinstance(value, str)
            else value
            for key, value in diagnostic.items()
        }
    if isinstance(diagnostic, list):
        return [_strip_copy(item) for item in diagnostic]
    return diagnostic


def run_ropa(root: Path, config: Mapping[str, Any] | None, ropa: Sequence[str]) -> list[Any]:
    """Scan a temporary copy of the app and return the diagnostics ropa printed as JSON.

    ropa runs in the copy's parent folder, so nothing in the scanned tree (a `yaml.py`, a
    `click.py`) sits on its import path, and the cache the harness downloaded is never touched.
    """
    with tempfile.TemporaryDirectory(prefix="ropa-flows-") as tmp:
        copy = Path(tmp) / COPY_NAME
        shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(".git"))
        project_file = copy / "ropa.yaml"
        if config is not None or not project_file.exists():
            project_file.write_text(
                yaml.safe_dump(dict(config) if config is not None else DEFAULT_CONFIG),
                encoding="utf-8",
            )
        # The record is written beside the copy, not in it, so it is never scanned itself.
        record_file = Path(tmp) / "ropa.json"
        command = [*ropa, "scan", COPY_NAME, "--format", "json", "--fail-on", "never"]
        command += ["--no-cache", "--output", str(record_file)]
        done = subprocess.run(command, cwd=tmp, capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):
            raise HarnessError(f"ropa scan failed ({done.returncode}): {done.stderr.strip()}")
        try:
            diagnostics = json.loads(done.stdout)
            record = json.loads(record_file.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise HarnessError(f"ropa scan printed no JSON or wrote no record: {exc}") from exc
    if not isinstance(diagnostics, list):
        raise HarnessError("ropa scan printed JSON that is not a list of diagnostics")
    return [_strip_copy(item) for item in diagnostics] + evidence_findings(record)


def evidence_findings(record: Any) -> list[dict[str, Any]]:
    """The record's own ``evidence[]`` (flows to HTTP requests, files and queues, which carry
    no diagnostic) as pseudo-diagnostics of code ``EVIDENCE`` at the sink call, the last step."""
    out: list[dict[str, Any]] = []
    entries = record.get("evidence") if isinstance(record, Mapping) else None
    for entry in entries if isinstance(entries, list) else ():
        steps = entry.get("steps") if isinstance(entry, Mapping) else None
        if not steps or not isinstance(steps[-1], Mapping):
            continue
        last = _strip_copy(steps[-1])
        out.append(
            {
                "code": EVIDENCE_CODE,
                "location": {"path": last.get("path"), "line": last.get("line")},
                "data": entry.get("data"),
                "message": f"evidence: {entry.get('data')} to {entry.get('sink')} by "
                f"{entry.get('call')}",
            }
        )
    return out


def measure(
    labels: LabelSet,
    root: Path,
    ropa: Sequence[str] = (sys.executable, "-m", "ropa"),
) -> tuple[Score, list[Finding], int]:
    """Scan one app and score its flow diagnostics against its labels; also say how many
    diagnostics of any code the scan printed, which shows the scan itself ran."""
    _, vendors = _vocabulary()
    diagnostics = run_ropa(root, labels.config, ropa)
    findings = findings_from(diagnostics, vendors)
    return score(labels.labels, findings, exhaustive=labels.exhaustive), findings, len(diagnostics)


# --------------------------------------------------------------------------- report


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def format_table(score: Score) -> list[str]:
    rows = [
        f"{'sink kind':<10}{'true':>6}{'false':>7}{'found':>7}{'false alarms':>14}"
        f"{'missed':>8}{'precision':>11}{'recall':>8}"
    ]
    kinds = [kind for kind in KIND_ORDER if kind in score.by_kind]
    for name, tally in [
        *((kind, score.by_kind[kind]) for kind in kinds),
        ("overall", score.overall),
    ]:
        rows.append(
            f"{name:<10}{tally.true_labels:>6}{tally.false_labels:>7}{tally.tp:>7}{tally.fp:>14}"
            f"{tally.fn:>8}{_ratio(tally.precision):>11}{_ratio(tally.recall):>8}"
        )
    return rows


def format_markdown(score: Score) -> list[str]:
    """The overall table in the shape of docs/evidence.md's results table, to paste there."""
    rows = [
        "| sink kind | true | false | found | false alarms | missed | precision | recall |",
        "|---|---|---|---|---|---|---|---|",
    ]
    kinds = [kind for kind in KIND_ORDER if kind in score.by_kind]
    for name, tally in [*((k, score.by_kind[k]) for k in kinds), ("**overall**", score.overall)]:
        rows.append(
            f"| {name} | {tally.true_labels} | {tally.false_labels} | {tally.tp} | {tally.fp} "
            f"| {tally.fn} | {_ratio(tally.precision)} | {_ratio(tally.recall)} |"
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", nargs="*", type=Path, help="label files (default: all)")
    parser.add_argument("--cache", type=Path, default=None, help="where apps are downloaded")
    parser.add_argument(
        "--app", action="append", default=[], metavar="NAME=PATH", help="use an unpacked tree"
    )
    parser.add_argument("--offline", action="store_true", help="never download")
    parser.add_argument("--check", action="store_true", help="only validate labels")
    parser.add_argument("--ropa", default=None, help="command that runs ropa (default: -m ropa)")
    parser.add_argument(
        "--markdown", action="store_true", help="also print the overall table as Markdown"
    )
    args = parser.parse_args(argv)
    cache = args.cache or Path(
        os.environ.get("ROPA_FLOW_CACHE") or Path.home() / ".cache" / "ropa-flows"
    )
    overrides = {}
    for item in args.app:
        name, sep, value = item.partition("=")
        if not sep:
            parser.error(f"--app wants NAME=PATH, not {item!r}")
        overrides[name] = Path(value)
    ropa = shlex.split(args.ropa) if args.ropa else [sys.executable, "-m", "ropa"]
    files = args.labels or sorted(LABELS.glob("*.yaml"))
    total = Score()
    try:
        for file in files:
            labels = load_labels(file)
            root = source_root(labels, cache, overrides, offline=args.offline)
            problems = check_against_source(labels, root)
            if problems:
                raise HarnessError(f"{file}:\n  " + "\n  ".join(problems))
            true_count = sum(label.flow for label in labels.labels)
            head = (
                f"{labels.name}: {len(labels.labels)} labels "
                f"({true_count} true, {len(labels.labels) - true_count} false)"
            )
            if args.check:
                print(f"{head}: labels match the code")
                continue
            started = time.perf_counter()
            result, findings, printed = measure(labels, root, ropa)
            elapsed = time.perf_counter() - started
            print(
                f"{head}; ropa printed {printed} diagnostics and evidence entries, "
                f"{len(findings)} of them flows (ROPA205/206, evidence[]), in {elapsed:.1f} s"
            )
            for row in format_table(result):
                print(f"    {row}")
            total.add(result)
    except HarnessError as exc:
        print(f"flow_quality: {exc}", file=sys.stderr)
        return 2
    if args.check:
        return 0
    print("\nAll apps")
    for row in format_table(total):
        print(f"    {row}")
    if args.markdown:
        print()
        print("\n".join(format_markdown(total)))
    for title, items in (
        ("Misses (true flows ropa did not report)", [m.describe() for m in total.misses]),
        ("False alarms", total.false_alarms),
        ("Findings at sinks no label covers (not counted)", total.unlabelled),
    ):
        print(f"\n{title}: {len(items)}")
        for item in items:
            print(f"  {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
