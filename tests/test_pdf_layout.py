"""Pagination and typography of both PDFs, read back from the PDFs of two fixtures.

Text, fonts and positions come from pypdf; which table rows a page carries comes from
WeasyPrint's own layout tree of the same HTML. Tagging (PDF/UA-1, PDF/A-3a) is checked by
reading the structure trees.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
import pytest

from ropa.pipeline import run_scan
from ropa.recordio import as_record
from ropa.render import _Documents, environment, render_documents
from tests.conftest import DATE, REPO, SAMPLE

SAAS = REPO / "tests" / "fixtures" / "saas"
# Declares everything the templates ask for but two requirements: a draft with gap markers.
COMPLETE = REPO / "tests" / "fixtures" / "complete"
# name: (path, --final, language of the notice); the German build checks hyphenation and
# long words (table headers, labels) in the language's own dictionary.
PROJECTS = {
    "complete": (COMPLETE, False, "en"),
    "sample": (SAMPLE, False, "en"),
    "saas": (SAAS, True, "en"),
    "sample-de": (SAMPLE, False, "de"),
}
DOCUMENTS = ("ropa", "privacy-notice")
# A4 in CSS pixels as WeasyPrint writes them (its content stream scales by 0.75 to points),
# and the page margins of print.css: 22 mm at the top, 20 mm at the bottom.
PAGE_PX = 841.89 / 0.75
TOP_PX = 22 / 25.4 * 96
BOTTOM_PX = PAGE_PX - 20 / 25.4 * 96
HYPHENS = "-\u2010\u00ad"


@dataclass(frozen=True)
class Built:
    out: Path
    record: dict[str, Any]
    final: bool
    lang: str = "en"


@pytest.fixture(scope="module", params=sorted(PROJECTS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    path, final, lang = PROJECTS[request.param]
    record = run_scan([path], jobs=1, date=DATE, use_cache=False).record
    out = tmp_path_factory.mktemp(request.param)
    render_documents(as_record(record), out, formats=("pdf", "json"), final=final, languages=[lang])
    return Built(out=out, record=record, final=final, lang=lang)


@dataclass(frozen=True)
class Fragment:
    text: str
    font: str
    size: float
    x: float
    y: float  # from the top of the page, in CSS pixels


def _reader(path: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(path.read_bytes()))


def _pages(path: Path) -> list[tuple[str, list[Fragment]]]:
    """Each page's text (lines as laid out) and its text fragments with font and position."""
    out = []
    for page in _reader(path).pages:
        fragments: list[Fragment] = []
        text = page.extract_text(visitor_text=_collector(fragments)).replace("\u200b", "")
        out.append((text, fragments))
    return out


def _collector(fragments: list[Fragment]) -> Any:
    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            name = str(font.get("/BaseFont", "")) if font else ""
            fragments.append(Fragment(text, name, float(size), float(tm[4]), float(tm[5])))

    return visit


def _lines(path: Path) -> Iterator[str]:
    for text, _ in _pages(path):
        yield from (line.strip() for line in text.splitlines() if line.strip())


def _print_html(built: Built, document: str) -> str:
    if document == "ropa":
        return _Documents(built.record, environment(), built.final).pdf_job("record").html
    documents = _Documents.notice_in(built.record, None, built.final, built.lang, None)
    return documents.pdf_job("notice").html


def _html_words(built: Built, document: str) -> set[str]:
    html = _print_html(built, document)
    text = re.sub(r"(?s)<style>.*?</style>|<[^>]+>", " ", html)
    return set(re.findall(r"[A-Za-zÀ-ÿ]+", text))


def _labels(built: Built, document: str) -> set[str]:
    html = _print_html(built, document)
    # A label whose value is a list (the record's "Declared at") stands above it, by design.
    return {m for m in re.findall(r"<dt>([^<]+)</dt><dd>(?!\s*<ul)", html) if " " in m}


@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_label_split_across_lines_or_from_its_value(built: Built, document: str) -> None:
    labels = _labels(built, document)
    assert labels
    for text, _ in _pages(built.out / f"{document}.pdf"):
        flat = " ".join(text.split())
        for label in labels:
            # As a label it ends in ":" (print.css); the same words may wrap as link text.
            assert text.count(label + ":") == flat.count(label + ":"), (document, label)
            assert not re.search(re.escape(label) + r":\s*\n", text), (document, label)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_labels_are_set_like_their_values(built: Built, document: str) -> None:
    """One type hierarchy: a fact's label is the bold of its value's face, at its size."""
    checked = 0
    for _, fragments in _pages(built.out / f"{document}.pdf"):
        for label, colon, value in zip(fragments, fragments[1:], fragments[2:]):
            if not colon.text.startswith(":") or label.text not in _labels(built, document):
                continue
            if abs(value.y - label.y) > 0.5 or value.text.startswith("("):
                continue
            checked += 1
            assert label.size >= value.size, (label, value)
            assert ("Sans" in label.font) == ("Sans" in value.font), (label, value)
    assert checked >= 5


@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_page_under_a_quarter_full_except_the_last(built: Built, document: str) -> None:
    pages = _pages(built.out / f"{document}.pdf")
    for number, (_, fragments) in enumerate(pages[:-1], start=1):
        body = [f.y for f in fragments if TOP_PX + 5 < f.y < BOTTOM_PX - 5]
        filled = (max(body) - TOP_PX) / (BOTTOM_PX - TOP_PX) if body else 0
        assert filled >= 0.25, f"{document} page {number} of {len(pages)}: {filled:.0%} full"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_table_rows_carried_to_a_page_come_at_least_three(built: Built, document: str) -> None:
    import weasyprint
    from weasyprint.formatting_structure import boxes

    html = _print_html(built, document)
    laid_out = weasyprint.HTML(string=html, media_type="print").render()
    seen: dict[Any, tuple[int, int, int, int]] = {}

    def tables(box: Any) -> Iterator[Any]:
        if isinstance(box, boxes.TableBox):
            yield box
        for child in getattr(box, "children", ()):
            yield from tables(child)

    for number, page in enumerate(laid_out.pages, start=1):
        for table in tables(page._page_box):
            body_rows = [
                row
                for group in table.children
                if isinstance(group, boxes.TableRowGroupBox) and not group.is_header
                for row in group.children
            ]
            key = table.element.get("id") or table.element.sourceline
            total = len(table.element.findall(".//tbody/tr"))
            # (first page, rows on the page the table ends on, rows in all)
            first = seen[key][0] if key in seen else number
            seen[key] = (first, len(body_rows), total, number)
    # The rows carried onto the page where a table ends come three or more (or all). A page
    # in the middle of a long table is filled by the rows that fit it, however tall they are.
    for key, (first, rows, total, last) in seen.items():
        if last != first:
            assert rows >= min(3, total), (document, key, last)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_words_break_with_a_hyphen_only(built: Built, document: str) -> None:
    words = _html_words(built, document)
    lines = list(_lines(built.out / f"{document}.pdf"))
    hyphenated = 0
    for line, following in itertools.pairwise(lines):
        head, tail = line.split()[-1], following.split()[0]
        if head[-1] in HYPHENS and head[:-1].isalpha() and tail.rstrip(".,;:)").isalpha():
            hyphenated += (head[:-1] + tail.rstrip(".,;:)")) in words
        elif head.isalpha() and tail.rstrip(".,;:)").isalpha():
            joined = head + tail.rstrip(".,;:)")
            split = joined in words and head not in words
            assert not split, f"{document}: {head!r} / {tail!r} broken without a hyphen"
    assert hyphenated, "hyphens: auto should hyphenate some long words in narrow columns"


@pytest.mark.parametrize("document", DOCUMENTS)
def test_addresses_break_only_where_a_reader_expects(built: Built, document: str) -> None:
    lines = list(_lines(built.out / f"{document}.pdf"))
    text = "\n".join(lines)
    assert "<https://" not in text and "<http://" not in text
    for line in lines:
        assert not re.search(r"https?:/*$", line), line
    contacts = [built.record.as_json()["controller"], built.record.as_json().get("dpo") or {}]
    for contact in contacts:
        email, phone = contact.get("email"), contact.get("phone")
        if email:
            user = email.partition("@")[0]
            for line, following in itertools.pairwise(lines):
                joined = line.rstrip(HYPHENS) + following
                if email in joined and email not in line and email not in following:
                    assert line.endswith(user + "@"), (email, line, following)
        if phone:
            assert re.sub(r"\s+", " ", text).count(phone) == text.count(phone), phone


def test_summary_is_in_the_contents(built: Built) -> None:
    reader = _reader(built.out / "privacy-notice.pdf")
    summary = {"en": "Summary", "de": "Zusammenfassung"}[built.lang]
    assert summary in reader.pages[0].extract_text()

    def titles(items: list[Any]) -> Iterator[str]:
        for item in items:
            yield from titles(item) if isinstance(item, list) else [item.title]

    assert summary in list(titles(reader.outline))


def test_pdfs_declare_the_document_language(built: Built) -> None:
    """The notice in its language (hyphenation follows it too); the record stays English."""
    assert _reader(built.out / "ropa.pdf").trailer["/Root"]["/Lang"] == "en"
    assert _reader(built.out / "privacy-notice.pdf").trailer["/Root"]["/Lang"] == built.lang


def test_page_numbers_are_in_the_notice_language(built: Built) -> None:
    """The footer comes from CSS, which the HTML checks for English never see."""
    reader = _reader(built.out / "privacy-notice.pdf")
    last = len(reader.pages)
    footer = {"en": f"Page 2 of {last}", "de": f"Seite 2 von {last}"}[built.lang]
    assert footer in reader.pages[1].extract_text()
    assert f"Page 1 of {len(_reader(built.out / 'ropa.pdf').pages)}" in (
        _reader(built.out / "ropa.pdf").pages[0].extract_text()
    )


def _roles(reader: pypdf.PdfReader) -> dict[str, int]:
    roles: dict[str, int] = {}

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.ArrayObject):
            for child in node:
                walk(child)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            role = node.get("/S")
            if role is not None:
                roles[str(role)] = roles.get(str(role), 0) + 1
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return roles


def _xmp(reader: pypdf.PdfReader) -> str:
    data: bytes = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    return data.decode("utf-8")


def test_notice_is_tagged_pdf_ua(built: Built) -> None:
    reader = _reader(built.out / "privacy-notice.pdf")
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert 'pdfuaid:part="1"' in _xmp(reader)
    roles = _roles(reader)
    for role in ("/H1", "/H2", "/H3", "/L", "/LI", "/Table", "/TH", "/TD"):
        assert roles.get(role), (role, roles)
    assert not reader.attachments  # the public notice does not publish the record


def test_record_is_tagged_pdf_a3a_with_its_json(built: Built) -> None:
    reader = _reader(built.out / "ropa.pdf")
    xmp = _xmp(reader)
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"] == True  # noqa: E712
    roles = _roles(reader)
    for role in ("/H1", "/H2", "/L", "/LI", "/Table", "/TH", "/TD"):
        assert roles.get(role), (role, roles)
    attached = reader.attachments["ropa.json"][0]
    assert json.loads(attached) == json.loads((built.out / "ropa.json").read_text())


@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_text_runs_out_of_the_page_margins(built: Built, document: str) -> None:
    """A long call or path in a narrow column (evidence steps in the vendor table) must wrap,
    not print over the cell border and into the margin."""
    import weasyprint
    from weasyprint.formatting_structure import boxes

    laid_out = weasyprint.HTML(string=_print_html(built, document), media_type="print").render()

    def texts(box: Any) -> Iterator[Any]:
        if isinstance(box, boxes.TextBox):
            yield box
        for child in getattr(box, "children", ()):
            yield from texts(child)

    out = []
    for number, page in enumerate(laid_out.pages, start=1):
        page_box = page._page_box
        right = page.width - page_box.margin_right + 1  # a pixel of rounding
        out += [
            (number, box.text[:40])
            for box in texts(page_box)
            if box.position_x + box.width > right and box.text.strip()
        ]
    assert not out, out


def test_a_long_list_of_other_outlets_starts_under_its_heading(tmp_path: Path) -> None:
    """open-webui's record had 20 entries under "Other places personal data leaves the
    program": the list, kept whole like a short one, moved to the next page and left the
    heading alone on an otherwise empty page."""
    record = run_scan([SAMPLE], jobs=1, date=DATE, use_cache=False).record
    steps = [
        {"path": f"backend/app/utils/module_{i}.py", "line": 80 + i, "what": "assigned to headers"}
        for i in range(8)
    ]
    data = record.model_dump(mode="json")
    data["evidence"] = [
        {"call": "aiohttp.ClientSession.post()", "data": key, "sink": "http", "steps": steps}
        for key in ("user.contact.email", "user.name", "user.device.ip_address") * 7
    ]
    render_documents(as_record(data), tmp_path, formats=("pdf",), languages=["en"])
    pages = _pages(tmp_path / "ropa.pdf")
    heading = next(
        n for n, (text, _) in enumerate(pages) if "Other places personal data leaves" in text
    )
    body = [f.y for f in pages[heading][1] if TOP_PX + 5 < f.y < BOTTOM_PX - 5]
    filled = (max(body) - TOP_PX) / (BOTTOM_PX - TOP_PX)
    assert filled >= 0.5, f"page {heading + 1}: {filled:.0%} full"
    assert "assigned to headers" not in pages[heading][0] or "aiohttp" in pages[heading][0]


def test_a_gap_marker_breaks_between_words(tmp_path: Path) -> None:
    """FitTrackee's German notice: the "Fehlende Angabe" marker listing activities without a
    requirement broke "Workout weather" as "Workou" / "t weather", without a hyphen: the
    marker inherited overflow-wrap: break-word, which WeasyPrint applied to a word that
    fitted on the next line."""
    from .conftest import MINIMAL_YAML

    project = tmp_path / "app"
    (project / "app").mkdir(parents=True)
    (project / "ropa.yaml").write_text(MINIMAL_YAML, "utf-8")
    names = ("Location search", "Moderation of reports", "Workout weather")
    (project / "app" / "jobs.py").write_text(
        "".join(
            f'# ropa: processing("{name}", purpose="Run the {name.lower()}",\n'
            '#   legal_basis="contract", data=["user.location.imprecise"],\n'
            '#   subjects=["customer"], retention="P1D")\n'
            f"def job_{n}(): ...\n\n\n"
            for n, name in enumerate(names)
        ),
        "utf-8",
    )
    record = run_scan([project], jobs=1, date=DATE, use_cache=False).record
    out = tmp_path / "out"
    render_documents(as_record(record), out, formats=("pdf",), languages=["de"])
    lines = list(_lines(out / "privacy-notice.pdf"))
    words = {w for name in names for w in name.split()}
    for line, following in itertools.pairwise(lines):
        head, tail = line.split()[-1], following.split()[0]
        joined = head + tail
        assert not (joined in words and head not in words), (line, following)
