"""A German or French draft with gaps: its vendors' places are in the notice's language, not
in English."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest

from ropa.pipeline import run_scan
from ropa.render import render_documents
from ropa.translate import project_texts
from tests.conftest import BROKEN, DATE, REPO

SAAS = REPO / "tests" / "fixtures" / "saas"

# What the saas fixture's draft lacks once these are dropped from its ropa.yaml: the DPO, the
# supervisory authority, Hotjar's DPA, the retention of "Website analytics", the minimum age.
_DROPS = (
    r"(?ms)^dpo:.*?(?=^\S)",
    r"(?ms)^supervisory_authority:.*?(?=^\S)",
    r"(?m)^  hotjar:\n    dpa: .*\n",
    r"(?m)^    retention: P18M\n",
    r"(?m)^  children_min_age: 16\n",
)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The saas fixture with five gaps, its draft notices in English, German and French."""
    project = tmp_path_factory.mktemp("gaps") / "saas"
    shutil.copytree(SAAS, project)
    config = project / "ropa.yaml"
    text = config.read_text(encoding="utf-8")
    for drop in _DROPS:
        text, count = re.subn(drop, "", text)
        assert count == 1, drop
    config.write_text(text, encoding="utf-8")
    outcome = run_scan([project], date=DATE, use_cache=False)
    out = project / "out"
    render_documents(outcome.record, out, formats=["html", "md"], languages=["en", "de", "fr"])
    texts = {
        lang: {
            "html": (out / f"privacy-notice.{lang}.html").read_text(encoding="utf-8"),
            "md": (out / f"privacy-notice.{lang}.md").read_text(encoding="utf-8"),
        }
        for lang in ("en", "de", "fr")
    }
    own = [t.text for t in project_texts(outcome.record)]
    yield {"record": outcome.record, "texts": texts, "project_texts": own}


@pytest.mark.parametrize(
    ("lang", "places"),
    [
        ("de", ("St Julian's, Malta", "Cambridge, Massachusetts, Vereinigte Staaten")),
        ("fr", ("St Julian's, Malte", "Cambridge, Massachusetts, États-Unis")),
    ],
)
def test_vendor_places_name_their_country_in_the_notice_language(
    drafts: dict[str, Any], lang: str, places: tuple[str, ...]
) -> None:
    """The registry's place of a head office is ropa's text, not the project's: the country is
    named in the notice's language, and nothing marks it untranslated."""
    html, md = unescape(drafts["texts"][lang]["html"]), drafts["texts"][lang]["md"]
    for place in places:
        assert f">{place}</td>" in html, place
        assert f"| {place} |" in md, place
    assert "United States" not in html + md
    assert ", Malta *[" not in md and ", Malta</span>" not in html


def test_registry_places_are_no_project_text_but_the_project_places_are() -> None:
    """``ropa translate`` asks the project for its own texts only: a vendor ropa.yaml declares
    keeps its place in the catalog, a registry vendor's place is not asked for (nor ROPA113)."""
    record = run_scan([BROKEN], date=DATE, use_cache=False).record
    texts = {t.text for t in project_texts(record)}
    assert "Bengaluru, India" in texts  # offshore-support, declared in ropa.yaml
    registry = {v.location for v in record.vendors if v.key != "offshore-support"}
    assert registry and not registry & texts
