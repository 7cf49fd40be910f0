"""The auditors' PDF: PDF/A-3b with the record attached, deterministic, and blind to the network."""

from __future__ import annotations

import datetime as dt
import gc
import io
import re
import socket
import subprocess
import sys
from html import unescape as _unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pypdf
import pytest

import ropa.pdf
from ropa.pdf import FetchRefused, PdfMeta, html_to_pdf
from ropa.pipeline import run_scan
from ropa.recordio import as_record
from ropa.render import duration_text, render_documents

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
PRINT_CSS = (TEMPLATES / "print.css").read_text(encoding="utf-8")
META = PdfMeta(
    title="Record of processing activities",
    author="Example Shop GmbH",
    subject="GDPR Art. 30 record of processing activities",
    date="2026-01-15",
    keywords=("GDPR", "Art. 30"),
)
RECORD = b'{"schema_version": 1, "controller": {"name": "Example Shop GmbH"}}\n'
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _page(body: str, head: str = "") -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
        f"<style>{PRINT_CSS}</style>{head}</head><body>"
        '<div class="running-header">Example Shop GmbH · Record of processing activities'
        " · commit 0123abc</div>"
        f"{body}</body></html>"
    )


SMALL = _page(
    "<h1>Record of processing activities</h1>"
    '<nav class="toc"><h2>Contents</h2><ol><li><a href="#activities">Activities</a></li>'
    '<li><a href="#vendors">Vendors</a></li></ol></nav>'
    '<section id="activities"><h2>Activities</h2><p>Order confirmation: 90 days.</p></section>'
    '<section id="vendors"><h2>Vendors</h2><table><thead><tr><th>Vendor</th><th>Location</th>'
    "</tr></thead><tbody><tr><td>Amazon Web Services</td><td>Seattle, Washington</td></tr>"
    "</tbody></table></section>"
)


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    return html_to_pdf(SMALL, meta=META, attachment=RECORD)


def _reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def _xmp(reader: pypdf.PdfReader) -> str:
    stream = reader.trailer["/Root"]["/Metadata"].get_object()
    return str(stream.get_data().decode("utf-8"))


def _text(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_import_ropa_does_not_load_weasyprint() -> None:
    code = "import sys, ropa, ropa.pdf; sys.exit('weasyprint' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_pdf_a3b_identification_and_output_intent(small_pdf: bytes) -> None:
    reader = _reader(small_pdf)
    assert small_pdf.startswith(b"%PDF-1.7")
    xmp = _xmp(reader)
    assert 'pdfaid:part="3"' in xmp
    assert 'pdfaid:conformance="A"' in xmp  # tagged: PDF/A-3a
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
    assert "/DestOutputProfile" in intents[0].get_object()
    assert len(reader.trailer["/ID"]) == 2


def test_fonts_are_embedded_dejavu(small_pdf: bytes) -> None:
    reader = _reader(small_pdf)
    fonts: dict[str, Any] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    assert fonts
    for name, font in fonts.items():
        assert "DejaVu" in name, name
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), name
    assert any("DejaVu-Serif" in name for name in fonts)
    assert any("DejaVu-Sans" in name for name in fonts)


def test_attachment_round_trips_as_associated_file(small_pdf: bytes) -> None:
    reader = _reader(small_pdf)
    assert reader.attachments["ropa.json"] == [RECORD]
    root = reader.trailer["/Root"]
    (filespec,) = (ref.get_object() for ref in root["/AF"])
    assert filespec["/UF"] == "ropa.json"
    assert filespec["/AFRelationship"] == "/Source"
    embedded = filespec["/EF"]["/F"].get_object()
    assert embedded["/Subtype"] == "/application/json"
    assert embedded["/Params"]["/ModDate"] == "D:20260115000000Z"
    assert embedded["/Params"]["/CreationDate"] == "D:20260115000000Z"


def test_other_attachment_name() -> None:
    pdf = html_to_pdf(SMALL, meta=META, attachment=b"a,b\n", attachment_name="ropa.csv")
    assert _reader(pdf).attachments == {"ropa.csv": [b"a,b\n"]}


def test_without_attachment() -> None:
    reader = _reader(html_to_pdf(SMALL, meta=META))
    assert reader.attachments == {}
    assert "/AF" not in reader.trailer["/Root"]


def test_metadata_comes_from_meta(small_pdf: bytes) -> None:
    reader = _reader(small_pdf)
    info = reader.metadata
    assert info is not None
    assert info.title == META.title
    assert info.author == META.author
    assert info.subject == META.subject
    assert info["/Keywords"] == "GDPR, Art. 30"
    assert info["/CreationDate"] == "D:20260115000000Z"
    assert info["/ModDate"] == "D:20260115000000Z"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    xmp = _xmp(reader)
    assert "<xmp:CreateDate>2026-01-15T00:00:00Z</xmp:CreateDate>" in xmp
    assert "<xmp:ModifyDate>2026-01-15T00:00:00Z</xmp:ModifyDate>" in xmp
    assert META.title in xmp and META.author in xmp
    # Nothing random or from the clock: no document/instance UUIDs, no other dates.
    assert "uuid" not in xmp and "DocumentID" not in xmp and "InstanceID" not in xmp


def test_same_input_same_bytes_whatever_the_clock(
    small_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    assert html_to_pdf(SMALL, meta=META, attachment=RECORD) == small_pdf


def test_the_date_is_in_the_bytes() -> None:
    later = PdfMeta(title=META.title, author=META.author, subject=META.subject, date="2026-02-01")
    reader = _reader(html_to_pdf(SMALL, meta=later, attachment=RECORD))
    assert reader.metadata is not None
    assert reader.metadata["/CreationDate"] == "D:20260201000000Z"


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_paused_then_left_as_it_was(
    enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []  # the collector's state whenever layout fetches the image
    real_fetch = ropa.pdf._fetch

    def fetch(url: str, root: Path) -> Any:
        seen.append(gc.isenabled())
        return real_fetch(url, root)

    monkeypatch.setattr(ropa.pdf, "_fetch", fetch)
    (gc.enable if enabled else gc.disable)()
    try:
        html_to_pdf(_page(f'<p><img src="{PIXEL}" alt=""></p>'), meta=META)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert seen and not any(seen)


def test_pages_footer_header_toc_and_bookmarks(small_pdf: bytes) -> None:
    reader = _reader(small_pdf)
    # The contents end the cover page; after it, sections follow one another (no forced
    # page break before a short section, which would leave the page before it empty).
    assert len(reader.pages) == 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    text = _text(reader)
    assert "Page 1 of" in text
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in text
    # The running header is on every page but the cover.
    assert "commit 0123abc" not in reader.pages[0].extract_text()
    for page in reader.pages[1:]:
        assert "Example Shop GmbH · Record of processing activities · commit 0123abc" in (
            page.extract_text()
        )
    # The table of contents shares the cover; each entry ends with its target's page.
    toc = reader.pages[0].extract_text()
    lines = {line.split(" ")[0]: line for line in toc.splitlines()}
    assert lines["Activities"].rstrip().endswith(" 2")
    assert lines["Vendors"].rstrip().endswith(" 2")
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == ["Record of processing activities"]
    nested = next(item for item in reader.outline if isinstance(item, list))
    assert [item.title for item in nested] == ["Contents", "Activities", "Vendors"]


class _Spy:
    """Records what the renderer asked the fetcher for and what it answered."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, str]] = []
        real = ropa.pdf._fetch

        def spy(url: str, root: Path) -> Any:
            try:
                resource = real(url, root)
            except FetchRefused:
                self.calls.append((url, "refused"))
                raise
            self.calls.append((url, "served"))
            return resource

        monkeypatch.setattr(ropa.pdf, "_fetch", spy)

    def outcome(self, fragment: str) -> set[str]:
        return {outcome for url, outcome in self.calls if fragment in url}


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail(f"a socket was opened while rendering: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.usefixtures("no_network")
def test_fetcher_refuses_network_and_foreign_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.css"
    outside.write_text("body { color: red }")
    link = tmp_path / "templates" / "linked.css"
    link.parent.mkdir()
    link.symlink_to(outside)
    head = (
        "<style>@import url('http://example.com/evil.css');"
        "@import url('https://example.com/evil2.css');"
        "body { background: url('http://example.com/bg.png') }</style>"
        '<link rel="stylesheet" href="file:///etc/passwd">'
        f'<link rel="stylesheet" href="{outside.as_uri()}">'
        '<link rel="stylesheet" href="linked.css">'
        '<link rel="stylesheet" href="../outside.css">'
    )
    body = (
        '<img alt="remote" src="http://example.com/x.png">'
        '<img alt="host" src="file:///etc/hostname">'
        '<img alt="ftp" src="ftp://example.com/x.png">'
        f'<img alt="pixel" src="{PIXEL}"><p>Body text</p>'
    )
    spy = _Spy(monkeypatch)
    pdf = html_to_pdf(_page(body, head), meta=META, templates_dir=link.parent)
    assert "Body text" in _text(_reader(pdf))
    for fragment in (
        "example.com/evil.css",
        "example.com/evil2.css",
        "example.com/x.png",
        "ftp://",
        "/etc/passwd",
        "/etc/hostname",
        "outside.css",
        "linked.css",
    ):
        assert spy.outcome(fragment) == {"refused"}, (fragment, spy.calls)
    assert spy.outcome("data:image/png") == {"served"}


@pytest.mark.usefixtures("no_network")
def test_fetcher_serves_the_templates_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "extra.css").write_text("p.marker { color: #123456 }", encoding="utf-8")
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "dot.png").write_bytes(b"not really a png")
    spy = _Spy(monkeypatch)
    html = _page(
        '<p class="marker">Hello</p><img alt="dot" src="img/dot.png">',
        '<link rel="stylesheet" href="extra.css">',
    )
    html_to_pdf(html, meta=META, templates_dir=tmp_path)
    assert spy.outcome("extra.css") == {"served"}
    assert spy.outcome("img/dot.png") == {"served"}


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/x.png",
        "ftp://example.com/x",
        "file:///etc/passwd",
        "file://otherhost/templates/print.css",
        "file:///templates/../etc/passwd",
        "gopher://example.com/",
        "javascript:alert(1)",
        "relative/path.css",
    ],
)
def test_fetch_refuses(url: str) -> None:
    with pytest.raises(FetchRefused):
        ropa.pdf._fetch(url, TEMPLATES)


def test_fetch_refuses_dotdot_even_when_it_lands_inside(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b.css").write_text("")
    with pytest.raises(FetchRefused):
        ropa.pdf._fetch((tmp_path / "a").as_uri() + "/../b.css", tmp_path)
    assert ropa.pdf._fetch((tmp_path / "b.css").as_uri(), tmp_path).body == b""


def test_fetch_serves_data_uris() -> None:
    resource = ropa.pdf._fetch("data:text/css;charset=utf-8,p%7Bcolor:red%7D", TEMPLATES)
    assert resource.body == b"p{color:red}"
    assert resource.content_type.startswith("text/css")


def test_markup_in_text_stays_text() -> None:
    hostile = "&lt;script&gt;alert(1)&lt;/script&gt; &lt;/td&gt; &quot;quoted&quot;"
    reader = _reader(html_to_pdf(_page(f"<p>{hostile}</p>"), meta=META))
    text = _text(reader)
    assert '<script>alert(1)</script> </td> "quoted"' in text


# The sample project, built twice through the real pipeline and renderer.

SAMPLE = Path(__file__).resolve().parent.parent / "sample_project"
DOCUMENTS = ("ropa", "privacy-notice")


class _Headings(HTMLParser):
    """The text of every h1-h3 of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3"):
            self._open = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3") and self._open is not None:
            self.headings.append(" ".join("".join(self._open).split()))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def _squeeze(text: str) -> str:
    """Text without any whitespace: PDF lines wrap where the HTML had spaces."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def sample_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    """Two builds of the sample: PDFs laid out in this process, then with a worker (jobs=2)."""
    dirs = []
    record: dict[str, Any] = {}
    for n in (1, 2):
        outcome = run_scan([SAMPLE], jobs=1, date=dt.date(2026, 1, 15), use_cache=False)
        record = outcome.record.as_json()
        out = tmp_path_factory.mktemp(f"build{n}")
        here: list[str] = []
        with pytest.MonkeyPatch.context() as patch:
            real = ropa.pdf.render_job

            def spy(job: ropa.pdf.PdfJob, real: Any = real, here: list[str] = here) -> bytes:
                here.append(job.meta.title)
                return bytes(real(job))

            patch.setattr(ropa.pdf, "render_job", spy)
            render_documents(as_record(record), out, formats=("html", "pdf", "json"), jobs=n)
        # With a worker, only the record's PDF is laid out here: the notice's went elsewhere.
        assert len(here) == (2 if n == 1 else 1), here
        dirs.append(out)
    return dirs[0], dirs[1], record


def test_sample_pdfs_are_byte_identical(sample_builds: tuple[Path, Path, dict[str, Any]]) -> None:
    """Equal bytes from two runs, one laying out both PDFs here, one with a worker process."""
    first, second, _ = sample_builds
    for name in DOCUMENTS:
        assert (first / f"{name}.pdf").read_bytes() == (second / f"{name}.pdf").read_bytes(), name


def test_sample_record_pdf_carries_ropa_json(
    sample_builds: tuple[Path, Path, dict[str, Any]],
) -> None:
    out, _, _ = sample_builds
    reader = _reader((out / "ropa.pdf").read_bytes())
    assert reader.attachments["ropa.json"] == [(out / "ropa.json").read_bytes()]
    xmp = _xmp(reader)
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    # The public notice is tagged for accessibility first (PDF/UA-1) and attaches nothing.
    notice = _reader((out / "privacy-notice.pdf").read_bytes())
    assert 'pdfuaid:part="1"' in _xmp(notice)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_sample_pdf_text_matches_html(
    sample_builds: tuple[Path, Path, dict[str, Any]], name: str
) -> None:
    out, _, record = sample_builds
    reader = _reader((out / f"{name}.pdf").read_bytes())
    text = _squeeze(_text(reader))
    controller = record["controller"]["name"]
    assert reader.metadata is not None
    assert controller in (reader.metadata.title or "")
    assert reader.metadata["/CreationDate"] == "D:20260115000000Z"

    pages = len(reader.pages)
    assert _squeeze(f"Page 1 of {pages}") in text
    assert _squeeze(f"Page {pages} of {pages}") in text
    assert _squeeze(controller) in _squeeze(reader.pages[1].extract_text())  # running header

    # The notice speaks as controller: work done for clients, and the sub-processors only it
    # uses, are in the clients' notices.
    ours = {a["name"] for a in record["activities"] if a["role"] != "processor"}
    for vendor in record["vendors"]:
        if name == "ropa" or ours & set(vendor["activities"]):
            assert _squeeze(vendor["name"]) in text, vendor["key"]
    for activity in record["activities"]:
        shown = activity["notice"] and activity["name"] in ours
        if (shown or name == "ropa") and activity["retention"]:
            period = duration_text(activity["retention"]["iso"], activity["retention"]["text"])
            assert _squeeze(period) in text, activity["name"]
    headings = _Headings()
    headings.feed((out / f"{name}.html").read_text(encoding="utf-8"))
    assert len(headings.headings) > 10
    missing = [h for h in headings.headings if _squeeze(h) not in text]
    assert not missing, f"headings of {name}.html missing from the PDF: {missing}"
    if name == "privacy-notice":
        for right in ("access", "rectification", "erasure", "restriction", "portability"):
            assert any(right in h.lower() for h in headings.headings), right


@pytest.mark.parametrize("name", DOCUMENTS)
def test_sample_toc_numbers_and_bookmarks(
    sample_builds: tuple[Path, Path, dict[str, Any]], name: str
) -> None:
    out, _, _ = sample_builds
    reader = _reader((out / f"{name}.pdf").read_bytes())
    html = (out / f"{name}.html").read_text(encoding="utf-8")
    toc_html = html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    entries = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', toc_html)
    assert entries
    toc_text = _squeeze(_text(reader))
    for _anchor, title in entries:
        title = _unescape(title)
        found = re.search(re.escape(_squeeze(title)) + r"\.{3,}(\d+)", toc_text)
        assert found, title
        page = int(found.group(1))
        assert _squeeze(title) in _squeeze(reader.pages[page - 1].extract_text()), (title, page)

    def titles(items: list[Any]) -> list[str]:
        flat: list[str] = []
        for item in items:
            flat += titles(item) if isinstance(item, list) else [item.title]
        return flat

    bookmarks = {_squeeze(t) for t in titles(reader.outline)}
    for _, title in entries:
        assert any(b.startswith(_squeeze(_unescape(title))) for b in bookmarks), title
