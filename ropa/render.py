"""The documents: the record and the privacy notice rendered from ``ropa.json`` alone."""

from __future__ import annotations

import enum
import logging
import pickle
import signal
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from ropa import i18n
from ropa.markup import (
    _unique,
    long_date,
    md_escape,
    midsentence,
    safe_url,
    single_stops,
    visible_controls,
)
from ropa.output import write_files
from ropa.pipeline import dump_record
from ropa.recordmodel import Record
from ropa.templating import (
    _template_error,
    builtin_templates,
    check_templates,
    environment,
    gap_item,
)
from ropa.views import document_view
from ropa.wording import (
    ENGLISH,
    LEGAL_BASIS_ARTICLES,
    LEGAL_BASIS_LABELS,
    LEGAL_BASIS_PLAIN,
    NOTICE_TITLE,
    RECORD_TITLE,
    RIGHT_LABELS,
    RIGHTS_BY_BASIS,
    ROLE_LABELS,
    SAFEGUARD_LABELS,
    SAFEGUARD_PLAIN,
    SOURCE_LABELS,
    SPECIAL_BASIS_LABELS,
    TextList,
    Wording,
    basis_citation,
    duration_text,
    place_text,
    safeguard_citation,
)

if TYPE_CHECKING:
    from ropa.pdf import PdfJob


# What callers import from here, some of it defined in the modules it was split into.
__all__ = [
    "ENGLISH",
    "LEGAL_BASIS_ARTICLES",
    "LEGAL_BASIS_LABELS",
    "LEGAL_BASIS_PLAIN",
    "RIGHTS_BY_BASIS",
    "RIGHT_LABELS",
    "ROLE_LABELS",
    "SAFEGUARD_LABELS",
    "SAFEGUARD_PLAIN",
    "SOURCE_LABELS",
    "SPECIAL_BASIS_LABELS",
    "OutputFormat",
    "TextList",
    "Wording",
    "basis_citation",
    "builtin_templates",
    "check_templates",
    "duration_text",
    "environment",
    "final_blockers",
    "long_date",
    "md_escape",
    "midsentence",
    "place_text",
    "render_documents",
    "safe_url",
    "safeguard_citation",
    "single_stops",
    "template_record",
    "visible_controls",
]


class OutputFormat(str, enum.Enum):
    """The values of ``--formats``; each names the files it writes."""

    HTML = "html"
    PDF = "pdf"
    JSON = "json"
    CSV = "csv"
    MD = "md"
    XLSX = "xlsx"

    def files(self) -> tuple[str, ...]:
        return tuple(name for name, fmt in _FILES if fmt is self)


# Every file ``render_documents`` can write, in the order it writes them.
_FILES: tuple[tuple[str, OutputFormat], ...] = (
    ("ropa.json", OutputFormat.JSON),
    ("ropa.html", OutputFormat.HTML),
    ("ropa.pdf", OutputFormat.PDF),
    ("ropa.csv", OutputFormat.CSV),
    ("ropa.xlsx", OutputFormat.XLSX),
    ("privacy-notice.html", OutputFormat.HTML),
    ("privacy-notice.pdf", OutputFormat.PDF),
    ("privacy-notice.md", OutputFormat.MD),
)

_LOG = logging.getLogger(__name__)


def render_documents(
    record: Record,
    out_dir: Path,
    *,
    formats: Collection[str],
    templates: Path | None = None,
    final: bool = False,
    jobs: int = 1,
    progress: Callable[[str], None] | None = None,
    languages: Sequence[str] = (i18n.DEFAULT_LANGUAGE,),
    project_texts: Callable[[str], Any] | None = None,
) -> list[Path]:
    """Render every requested document in memory, then switch in the new files as one set.

    Nothing is written until everything has rendered, and the files are then written in
    full before any replaces its predecessor (see ``ropa.output.write_files``), so a failure
    or an interrupt leaves the files of the previous build as they were. Returns the paths
    written, in the order of ``_FILES``.
    With ``jobs`` above 1 and both PDFs to lay out, the notice's PDF is laid out in a second
    process while this one lays out the record's; the bytes are the same either way.
    ``progress`` hears the name of each file (or pair of PDFs) as its rendering starts.

    The notice is written in each of ``languages``: with one, as ``privacy-notice.*``; with
    several, as ``privacy-notice.LANG.*`` each, and ``privacy-notice.*`` is the first
    language's (the default one, so links to it keep working). ``project_texts(lang)`` gives
    the project's catalog in a language (``ropa.translate``); the record stays in English.

    ``record`` is the typed record: a scan's ``Outcome.record``, or a saved ``ropa.json`` read
    by ``ropa.recordio.load_record`` (which validates it). A dict is refused, not guessed at.
    """
    if not isinstance(record, Record):
        raise TypeError(
            f"render_documents takes a Record, not {type(record).__name__}: read a saved "
            "ropa.json with ropa.recordio.load_record"
        )
    wanted = {OutputFormat(f) for f in formats}
    documents = _Documents(record, environment(templates), final)
    names = [name for name, fmt in _FILES if fmt in wanted]
    langs = list(dict.fromkeys(languages)) or [i18n.DEFAULT_LANGUAGE]
    plan: dict[str, _Documents] = {}
    aliases: dict[str, str] = {}
    wants_notice = any(_document_of(name) == "notice" for name in names)
    notices = {
        lang: _Documents.notice_in(record, templates, final, lang, project_texts)
        for lang in (langs if wants_notice else [])
    }
    for name in names:
        if _document_of(name) == "record":
            plan[name] = documents
        elif len(langs) == 1:
            plan[name] = notices[langs[0]]
        else:
            stem, _, ext = name.rpartition(".")
            aliases[name] = f"{stem}.{langs[0]}.{ext}"
            plan.update({f"{stem}.{lang}.{ext}": notices[lang] for lang in langs})
    outputs = _render_plan(plan, parallel=jobs > 1, progress=progress or _quiet)
    # The un-suffixed notice is the first language's, byte for byte.
    outputs.update({alias: outputs[own] for alias, own in aliases.items()})
    order = [*names, *plan]
    files = {out_dir / name: outputs[name] for name in dict.fromkeys(order)}
    write_files(files)
    return list(files)


def final_blockers(record: Record) -> list[str]:
    """Why ``record`` cannot give a publishable (``--final``) notice: one line per gap,
    ``path:line: CODE message``. A published notice may not carry a "missing declaration"
    marker, and leaving the item out silently would break the rule that none is omitted."""
    lines = []
    for g in record.gaps:
        owner = (
            f"activity '{g.activity}': "
            if g.activity
            else f"vendor '{g.vendor}': "
            if g.vendor
            else ""
        )
        message = g.message or gap_item(g.item)
        lines.append(f"{g.where or '.'}: {g.code} {owner}{message}")
    return sorted(_unique(lines))


def template_record(record: Record) -> dict[str, Any]:
    """The record as templates see it: plain data (``model_dump``, so a translated text keeps
    its ``Untranslated`` mark), with every key of a contact block present (null when not
    declared), so a template can test ``record.dpo.phone`` under StrictUndefined."""
    out = record.model_dump()
    for key in ("controller", "dpo", "representative", "supervisory_authority"):
        block = getattr(record, key)
        if block is not None:
            out[key] = {**dict.fromkeys(type(block).model_fields), **out[key]}
    return out


class _Documents:
    """Renders each output file of one record, with one environment and one view, in the
    language of ``wording`` (the record: English)."""

    def __init__(
        self,
        record: Record,
        env: jinja2.Environment,
        final: bool,
        wording: Wording | None = None,
    ) -> None:
        self.record = record
        self.env = env
        self.final = final
        self.wording = wording or ENGLISH
        self.context = {
            "record": template_record(record),
            "view": document_view(record, self.wording),
            "final": final,
        }

    @classmethod
    def notice_in(
        cls,
        record: Record,
        templates: Path | None,
        final: bool,
        lang: str,
        project_texts: Callable[[str], Any] | None,
    ) -> _Documents:
        """The documents of ``record`` with the notice's texts in ``lang``: ropa's wording
        from its catalog, the project's from its own (untranslated ones kept, and marked)."""
        wording = Wording(lang, marked=not final)
        if lang != i18n.DEFAULT_LANGUAGE:
            from ropa import translate

            catalog = project_texts(lang) if project_texts else None
            record = translate.translate_record(record, catalog)
            controller = record.controller
            if controller.country_name:
                country = wording.country(controller.country, controller.country_name)
                update = {"country_name": country}
                record = record.model_copy(
                    update={"controller": controller.model_copy(update=update)}
                )
        return cls(record, environment(templates, wording), final, wording)

    def render(self, name: str) -> str | bytes:
        if name == "ropa.json":
            return dump_record(self.record)
        if name == "ropa.csv":
            from ropa import csvout

            return csvout.render_csv(self.record)
        if name == "ropa.xlsx":
            from ropa import xlsxout

            return xlsxout.render_xlsx(self.record)
        ext = name.rpartition(".")[2]
        document = _document_of(name)
        if ext == "pdf":
            return self.pdf(document)
        return self.template(f"{document}.{ext}.j2")

    def template(self, name: str, *, for_print: bool = False) -> str:
        try:
            text = self.env.get_template(name).render(self.context, for_print=for_print)
        except jinja2.TemplateError as exc:
            raise _template_error(exc, name) from None
        return single_stops(text)

    def render_all(
        self,
        names: list[str],
        *,
        parallel: bool,
        progress: Callable[[str], None],
    ) -> dict[str, str | bytes]:
        """Every file of ``names``; the second PDF in another process when ``parallel``."""
        return _render_plan(dict.fromkeys(names, self), parallel=parallel, progress=progress)

    def pdf(self, document: str) -> bytes:
        from ropa import pdf

        return pdf.render_job(self.pdf_job(document))

    def pdf_job(self, document: str) -> PdfJob:
        """All a process needs to make the PDF of ``document``: its HTML, metadata, data."""
        from ropa import pdf

        html = self.template(f"{document}.html.j2", for_print=True)
        controller = str(self.record.controller.name or "")
        w = self.wording
        title = RECORD_TITLE if document == "record" else w(NOTICE_TITLE)
        meta = pdf.PdfMeta(
            title=f"{title}: {controller}" if controller else title,
            author=controller or "ropa",
            subject=(
                "Record of processing activities under Art. 30 GDPR"
                if document == "record"
                else w("Information to data subjects under Art. 13 and 14 GDPR")
            ),
            lang=w.lang,
            date=self.record.generated.date,
            keywords=("GDPR", "Art. 30", "ropa")
            if document == "record"
            else (w("GDPR"), "Art. 13", *(() if self.final else ("ropa",))),
        )
        # Only the record carries ropa.json: the public notice must not publish what the
        # record keeps internal (code locations, activities left out of the notice).
        attachment = dump_record(self.record).encode("utf-8") if document == "record" else None
        # Both are tagged for screen readers; the record is also archival (PDF/A-3a, which
        # may carry ropa.json), the public notice is PDF/UA-1 (accessibility first).
        return pdf.PdfJob(
            html=html,
            meta=meta,
            attachment=attachment,
            templates_dir=builtin_templates(),
            variant="pdf/a-3a" if document == "record" else "pdf/ua-1",
        )


def _render_plan(
    plan: Mapping[str, _Documents], *, parallel: bool, progress: Callable[[str], None]
) -> dict[str, str | bytes]:
    """Every file of ``plan`` by the documents that render it; a second PDF in another
    process when ``parallel``."""
    outputs: dict[str, str | bytes] = {}
    todo = {
        name: docs.pdf_job(_document_of(name))
        for name, docs in plan.items()
        if name.endswith(".pdf")
    }
    if parallel and len(todo) > 1:
        progress(" and ".join(todo))
        outputs.update(_pdfs_in_parallel(todo))
    for name, docs in plan.items():
        if name not in outputs:
            progress(name)
            outputs[name] = _render_pdf(todo[name]) if name in todo else docs.render(name)
    return outputs


def _render_pdf(job: PdfJob) -> bytes:
    """Lay out one PDF; module-level, so a worker process can be handed it by name."""
    from ropa import pdf

    return pdf.render_job(job)


def _pdfs_in_parallel(jobs: dict[str, PdfJob]) -> dict[str, bytes]:
    """Lay out the first job here and the others in one worker process meanwhile.

    Layout is single-threaded pure Python in WeasyPrint, so a second core halves the time
    of a build whose two PDFs are of similar length. The worker is spawned, never forked:
    Pango and fontconfig may already hold threads and locks in this process. When no
    process can be started, or the worker dies, everything is laid out here.

    The worker is a plain process with a pipe, read in this thread, not a process pool: a
    pool's manager thread waits for a result the worker was sending when Ctrl-C stopped it,
    and the interpreter then waits for that thread at exit, for ever (seen once in CI). Here
    the worker's end of the pipe closes when it dies, so a read ends, and an interrupt
    stops the worker and leaves at once.
    """
    from multiprocessing import get_context

    first, *others = jobs
    results: dict[str, bytes] = {}
    context = get_context("spawn")
    reader, writer = context.Pipe(duplex=False)
    worker = context.Process(
        target=_pdf_worker, args=([(n, jobs[n]) for n in others], writer), daemon=True
    )
    started = True
    try:
        with _interrupts_blocked():
            worker.start()
    except OSError as error:
        started = False
        _LOG.info("no worker process for the PDFs (%s); laying them out here", error)
    writer.close()  # the worker holds the only writing end: its death ends a read
    try:
        results[first] = _render_pdf(jobs[first])
        while started and len(results) < len(jobs):
            name, ok, value = reader.recv()
            if not ok:
                raise value
            results[name] = value
    except (EOFError, OSError) as error:
        _LOG.info("the PDF worker stopped (%s); laying the rest out here", error)
    finally:
        reader.close()
        if started:
            if worker.is_alive():
                worker.kill()
            worker.join()
    for name, job in jobs.items():
        if name not in results:
            results[name] = _render_pdf(job)
    return results


def _pdf_worker(todo: list[tuple[str, PdfJob]], writer: Any) -> None:
    """The PDF worker process: lays out each job and sends ``(name, ok, bytes or error)``."""
    _worker_interrupts()
    for name, job in todo:
        try:
            message: tuple[str, bool, Any] = (name, True, _render_pdf(job))
        except Exception as error:  # reported by the main process, as a local error would be
            message = (name, False, error)
        try:
            writer.send(message)
        except (TypeError, AttributeError, pickle.PicklingError):
            writer.send((name, False, RuntimeError(f"PDF worker: {message[2]!r}")))
    writer.close()


@contextmanager
def _interrupts_blocked() -> Iterator[None]:
    """Start the PDF worker with Ctrl-C blocked (a blocked signal stays blocked across exec)
    so that it is not stopped while it imports, printing a traceback of its own; pending
    interrupts reach this process when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _worker_interrupts() -> None:
    """In the PDF worker, once started: Ctrl-C ends it quietly; the main process reports it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _quiet(name: str) -> None:
    """The default ``progress``: says nothing."""


def _document_of(name: str) -> str:
    """``record`` for ropa.*, ``notice`` for privacy-notice.* (and privacy-notice.LANG.*)."""
    return "record" if name.partition(".")[0] == "ropa" else "notice"
