"""Shared fixtures: small projects written to tmp dirs, scanned through the real pipeline."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import jsonschema
import pytest

from ropa.pipeline import Outcome, dump_record, run_scan
from ropa.recordmodel import Record

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_project"
BROKEN = REPO / "tests" / "fixtures" / "broken"
DATE = dt.date(2026, 1, 15)

SCHEMA_VALIDATOR = jsonschema.Draft202012Validator(
    json.loads((REPO / "ropa" / "data" / "ropa.schema.json").read_text())
)
# Everything a project file must say for the documents to have no gap (no ROPA120).
MINIMAL_YAML = """\
controller: {name: Acme Shop Ltd, email: privacy@acme-shop.test}
dpo: {name: Dana Byrne, email: dpo@acme-shop.test}
supervisory_authority: {name: Data Protection Commission, url: "https://www.dataprotection.ie/"}
security_measures: [Encryption in transit and at rest]
notice: {effective_date: 2026-01-15, children_min_age: 16}
"""


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_the_repository(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """Scan caches of every test (and of the CLI runs they start) go to a temporary folder,
    not to ``.ropa-cache/`` inside sample_project or the fixtures. Tests of the default
    location unset the variable themselves."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ROPA_CACHE_DIR", str(tmp_path_factory.mktemp("ropa-cache")))
        # The cache key is kept in the user's cache folder, never beside the cache.
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("home-cache")))
        yield


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def scan_tree(tmp_path: Path) -> Callable[[Mapping[str, str | bytes]], Outcome]:
    """Write files (a ropa.yaml is added unless given) and scan them with one worker."""

    def scan(files: Mapping[str, str | bytes]) -> Outcome:
        tree = {"ropa.yaml": MINIMAL_YAML, **files}
        write_tree(tmp_path, tree)
        outcome = run_scan([tmp_path], jobs=1, date=DATE, use_cache=False)
        # Every record any test builds must validate against the schema that ships, and
        # with the model every record read back is parsed by.
        data = json.loads(dump_record(outcome.record))
        SCHEMA_VALIDATOR.validate(data)
        Record.model_validate(data)
        return outcome

    return scan


def codes(outcome: Outcome) -> list[str]:
    return [d.code for d in outcome.diagnostics]


@pytest.fixture(scope="session")
def sample_outcome() -> Outcome:
    return run_scan([SAMPLE], jobs=1, date=DATE, use_cache=False)
