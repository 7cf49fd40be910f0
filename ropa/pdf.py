"""Turn a rendered HTML document into a tagged PDF (PDF/A-3a or PDF/UA-1), with WeasyPrint.

WeasyPrint is imported inside the functions, so ``import ropa`` never pays for it. Everything
that WeasyPrint would otherwise take from the clock (dates, attachment times, font timestamps) is
given from ``PdfMeta.date`` or the fonts themselves; the file identifier is a hash of the content,
so equal inputs give equal bytes.
Resources are read only from the templates folder or ``data:`` URIs; nothing goes to the network.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import logging
import mimetypes
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import DataHandler, Request

from ropa import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["FetchRefused", "PdfJob", "PdfMeta", "html_to_pdf", "render_job"]

_LOG = logging.getLogger(__name__)
#: Unicode's Bidi_Control characters. In a title a viewer shows, U+202E (right-to-left
#: override) turns "Shop\u202egpj.exe" into "Shopexe.jpg"; the metadata keeps none of them.
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)
_PACKAGED_TEMPLATES = Path(__file__).resolve().parent / "templates"
_DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@dataclass(frozen=True, slots=True, kw_only=True)
class PdfMeta:
    """What the PDF says about itself, in its info dictionary and its XMP packet."""

    title: str
    """Document title (``/Title``, ``dc:title``)."""
    author: str
    """Who answers for the document, the controller (``/Author``, ``dc:creator``)."""
    subject: str
    """One line on what the document is (``/Subject``, ``dc:description``)."""
    date: str
    """``YYYY-MM-DD``: the creation and modification date; never the clock."""
    lang: str = "en"
    """BCP 47 language of the text (catalog ``/Lang``)."""
    keywords: tuple[str, ...] = ()
    """``/Keywords``, ``pdf:Keywords``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PdfJob:
    """The arguments of `html_to_pdf`, as one picklable value for a worker process."""

    html: str
    meta: PdfMeta
    attachment: bytes | None = None
    templates_dir: Path | None = None
    variant: str = "pdf/a-3a"
    """WeasyPrint's ``pdf_variant``: both are tagged (a structure tree of headings, lists and
    table cells for screen readers); ``pdf/a-3a`` is also archival and may embed files."""


def render_job(job: PdfJob) -> bytes:
    """`html_to_pdf` of one `PdfJob`; a top-level function, so a worker process can run it."""
    return html_to_pdf(
        job.html,
        meta=job.meta,
        attachment=job.attachment,
        templates_dir=job.templates_dir,
        variant=job.variant,
    )


class FetchRefused(ValueError):
    """A resource the PDF renderer may not read: not ``data:`` and not inside the templates."""


@dataclass(frozen=True, slots=True)
class _Resource:
    """The bytes of one allowed resource and what they are."""

    url: str
    body: bytes
    content_type: str


def html_to_pdf(
    html: str,
    *,
    meta: PdfMeta,
    attachment: bytes | None = None,
    attachment_name: str = "ropa.json",
    templates_dir: Path | None = None,
    variant: str = "pdf/a-3a",
) -> bytes:
    """Render ``html`` to tagged PDF bytes of ``variant`` (PDF/A-3a by default), embedding
    ``attachment`` as the data it shows.

    Relative URLs in ``html`` resolve against ``templates_dir`` (default: the shipped templates),
    the only folder the renderer may read.
    """
    import weasyprint

    _fonts_keep_their_timestamps()
    root = _templates_root(templates_dir)
    fetcher = _make_fetcher(root)
    day = datetime.date.fromisoformat(meta.date)
    stamp = datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)
    w3c_date = f"{day.isoformat()}T00:00:00Z"

    with _collector_paused():
        document = weasyprint.HTML(
            string=html, base_url=root.as_uri() + "/", url_fetcher=fetcher, media_type="print"
        ).render(pdf_variant=variant)
    metadata = document.metadata
    metadata.title = _plain(meta.title)
    metadata.authors = [_plain(meta.author)]
    metadata.description = _plain(meta.subject)
    metadata.keywords = [_plain(keyword) for keyword in meta.keywords]
    metadata.generator = f"ropa {__version__}"
    metadata.created = w3c_date
    metadata.modified = w3c_date
    metadata.lang = meta.lang
    # Attachments the HTML itself links (<link rel=attachment>) would carry the clock's time.
    metadata.attachments = []

    attachments = []
    if attachment is not None:
        attachments.append(
            weasyprint.Attachment(
                string=attachment,
                url_fetcher=fetcher,
                name=attachment_name,
                description="The record of processing this document was rendered from",
                relationship="Source",
                created=stamp,
                modified=stamp,
            )
        )
    with _collector_paused():
        pdf: bytes = document.write_pdf(
            pdf_variant=variant, attachments=attachments, finisher=_dedupe_associated_files
        )
    return pdf


def _plain(text: str) -> str:
    """``text`` for a metadata field: without bidi controls, other control characters as spaces.

    Info fields are one line of plain text with no markup to isolate a name, so a controller
    name could reorder or forge what a viewer's title bar and document properties show.
    """
    return "".join(
        " " if unicodedata.category(ch) == "Cc" else ch for ch in text.translate(_BIDI_CONTROLS)
    )


@functools.cache
def _fonts_keep_their_timestamps() -> None:
    """Make every font WeasyPrint rewrites with fontTools keep its own ``head.modified``.

    fontTools stamps the clock (or ``SOURCE_DATE_EPOCH``) into ``head.modified`` whenever it
    saves a font it opened with the default ``recalcTimestamp=True``, and WeasyPrint saves
    with fontTools when it subsets without libharfbuzz-subset, and on every path when it
    flattens a variable font or blanks a colour font. Two builds a second apart then embed
    different fonts (the timestamp, ``head.checkSumAdjustment`` and the table checksum) and
    differ in bytes. HarfBuzz keeps the font's own timestamp, so this makes both paths agree.
    WeasyPrint opens every font through the name ``TTFont`` of its ``pdf.fonts`` module; only
    that name is replaced, once per process, by a subclass that never recalculates the time.
    tests/test_reproducible.py builds in two processes with each subsetting path forced.
    """
    from fontTools.ttLib import TTFont
    from weasyprint.pdf import fonts

    class _TimestampKeepingTTFont(TTFont):  # type: ignore[misc]
        """A fontTools font that saves with the timestamp it was read with."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["recalcTimestamp"] = False
            super().__init__(*args, **kwargs)

    if getattr(fonts, "TTFont", None) is TTFont:
        fonts.TTFont = _TimestampKeepingTTFont
    else:  # a WeasyPrint that opens fonts some other way; the reproducibility test will say
        _LOG.warning("cannot pin font timestamps in this WeasyPrint: PDFs may not be reproducible")


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Run without Python's cyclic garbage collector, then collect once.

    Layout allocates hundreds of thousands of long-lived boxes and styles, and the collector
    kept walking them all: a tenth of the CPU time of a 322-page record (38.7 s against
    35.1 s), a third before its print markup was slimmed. Peak memory was the same either
    way (about 1 GB, the laid-out pages); the collection at the end frees what layout left.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.collect()


def _dedupe_associated_files(document: object, pdf: Any) -> None:
    """List each associated file once: WeasyPrint 70 puts the record's filespec in /AF twice."""
    import pydyf

    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))


def _templates_root(templates_dir: Path | None) -> Path:
    """The folder resources may come from, symlinks resolved."""
    if templates_dir is not None:
        return templates_dir.resolve()
    if _PACKAGED_TEMPLATES.is_dir():  # an installed wheel carries them inside the package
        return _PACKAGED_TEMPLATES
    return _DEFAULT_TEMPLATES  # a source checkout keeps them at the repository root


def _make_fetcher(root: Path) -> Callable[[str], Any]:
    """A WeasyPrint URL fetcher that serves `_fetch(url, root)` and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class _TemplatesFetcher(URLFetcher):  # type: ignore[misc]
        """Reads the templates folder and data: URIs; every other URL is refused."""

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            try:
                resource = _fetch(url, root)
            except FetchRefused as refusal:
                _LOG.debug("%s", refusal)
                raise
            return URLFetcherResponse(
                resource.url, resource.body, {"Content-Type": resource.content_type}
            )

    return _TemplatesFetcher(timeout=0, allowed_protocols=("data", "file"))


def _fetch(url: str, root: Path) -> _Resource:
    """Read ``url`` when it is a ``data:`` URI or a file inside ``root``; else `FetchRefused`."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        with DataHandler().data_open(Request(url)) as response:
            body = response.read()
            content_type = response.headers.get("Content-Type", "text/plain")
        return _Resource(url, body, content_type)
    if scheme != "file" or parts.netloc not in ("", "localhost"):
        raise FetchRefused(f"not fetched while rendering a PDF (only templates and data:): {url}")
    raw = unquote(parts.path)
    if ".." in PurePosixPath(raw).parts or "\x00" in raw:
        raise FetchRefused(f"not fetched while rendering a PDF (path with '..'): {url}")
    try:
        path = Path(raw).resolve(strict=True)
    except (OSError, RuntimeError) as error:
        raise FetchRefused(f"not fetched while rendering a PDF ({error}): {url}") from error
    if not path.is_relative_to(root) or not path.is_file():
        raise FetchRefused(f"not fetched while rendering a PDF (outside {root}): {url}")
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return _Resource(path.as_uri(), path.read_bytes(), content_type)
