"""The Markdown notice built into a real MkDocs site keeps its vendor and retention tables."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from ropa.pipeline import run_scan
from ropa.render import duration_text, render_documents

SAMPLE = Path(__file__).resolve().parent.parent / "sample_project"


class _Tables(HTMLParser):
    """The text of every <table> in a page, one string per table."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[str] = []
        self._depth = 0
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._depth += 1
            if self._depth == 1:
                self._text = []
        elif tag in ("td", "th") and self._depth:
            self._text.append(" | ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._depth:
            self._depth -= 1
            if not self._depth:
                self.tables.append(" ".join("".join(self._text).split()))

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._text.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("mkdocs")
    outcome = run_scan([SAMPLE], jobs=1, date=dt.date(2026, 1, 15), use_cache=False)
    written = render_documents(
        outcome.record, root / "ropa-out", formats=("md",), templates=None, final=True
    )
    notice = root / "ropa-out" / "privacy-notice.md"
    assert notice in [Path(p) for p in written]

    docs = root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Example Shop\n\nSee the [privacy notice](privacy.md).\n")
    (docs / "privacy.md").write_bytes(notice.read_bytes())  # the copy step of docs-builds.md
    (root / "mkdocs.yml").write_text(
        "site_name: Example Shop\n"
        "docs_dir: docs\n"
        "site_dir: site\n"
        "nav:\n  - Home: index.md\n  - Privacy notice: privacy.md\n"
        "markdown_extensions:\n  - tables\n  - toc:\n      permalink: true\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return root / "site", outcome.record.as_json()


def _tables(site: Path) -> list[str]:
    parser = _Tables()
    parser.feed((site / "privacy" / "index.html").read_text(encoding="utf-8"))
    return parser.tables


def test_vendor_table_is_published(site: tuple[Path, dict[str, Any]]) -> None:
    path, record = site
    tables = _tables(path)
    vendor_tables = [t for t in tables if "Vendor" in t and "Privacy policy" in t]
    assert vendor_tables, tables
    in_tables = " ".join(tables)
    # The notice speaks as controller: vendors only work done for clients uses are not in it.
    ours = {a["name"] for a in record["activities"] if a["role"] != "processor"}
    for vendor in record["vendors"]:
        if not ours & set(vendor["activities"]):
            assert vendor["name"] not in in_tables, vendor["key"]
            continue
        assert vendor["name"] in in_tables, vendor["key"]
        assert vendor["privacy_policy"] in (path / "privacy" / "index.html").read_text()
    # One vendor table: an SDK's provider is marked in its row, not repeated in a second table.
    assert not [t for t in tables if t.startswith("| SDK")]
    joined = " ".join(vendor_tables)
    for vendor in record["vendors"]:
        if not ours & set(vendor["activities"]):
            continue
        marked = re.escape(vendor["name"]) + r" \([^)|]*software in our service\)"
        assert bool(re.search(marked, joined)) == vendor["sdk"], vendor["key"]


def test_retention_table_is_published(site: tuple[Path, dict[str, Any]]) -> None:
    path, record = site
    tables = _tables(path)
    texts = {
        duration_text(a["retention"]["iso"], a["retention"]["text"])
        for a in record["activities"]
        if a["notice"] and a["role"] != "processor"
    }
    assert texts
    retention = [t for t in tables if sum(text in t for text in texts) >= len(texts) // 2]
    assert retention, tables
    joined = " ".join(retention)
    missing = sorted(text for text in texts if text not in joined)
    assert not missing, missing
