"""The ``ropa`` command line: thin commands that call the core, print, and exit 0, 1 or 2."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

import ropa
from ropa import console
from ropa.console import EXIT_FAILURE, EXIT_FINDINGS, EXIT_OK
from ropa.formats import DiagnosticFormat, Report
from ropa.model import Diagnostic, Level

if TYPE_CHECKING:
    from ropa.pipeline import Outcome
    from ropa.recordmodel import Record


def _check_folder(folder: Path) -> None:
    """Refuse an unusable output folder before the work whose result it would receive."""
    from ropa.output import check_folder

    with console.errors():
        check_folder(folder)


def _check_templates(templates: Path | None) -> None:
    from ropa.templating import check_templates

    if templates is not None:
        with console.errors():
            check_templates(templates)


def _write_documents(
    record: Record,
    out_dir: Path,
    formats: tuple[str, ...],
    templates: Path | None,
    final: bool,
    jobs: int | None,
    languages: Sequence[str] = ("en",),
    project_root: Path | None = None,
) -> None:
    """Render the documents of ``record`` into ``out_dir`` and say which files were written.

    With ``final``, a record that still has gaps writes nothing (exit 1): each gap is listed
    as ``path:line: CODE message``, to be resolved before the notice is published.
    """
    from ropa.render import final_blockers, render_documents

    if final:
        blockers = final_blockers(record)
        if blockers:
            click.echo("\n".join(blockers))
            click.echo(
                f"ropa: {console.plural(len(blockers), 'gap')} to resolve; no --final documents "
                "written (build without --final for a draft that marks them)",
                err=True,
            )
            sys.exit(EXIT_FINDINGS)

    project_texts = None
    if project_root is not None:
        from ropa.translate import load_project_catalog

        root = project_root
        project_texts = lambda lang: load_project_catalog(root, lang)  # noqa: E731
    written = render_documents(
        record,
        out_dir,
        formats=formats,
        templates=templates,
        final=final,
        jobs=jobs or os.cpu_count() or 1,
        progress=console.rendering(),
        languages=languages,
        project_texts=project_texts,
    )
    for path in written:
        click.echo(f"wrote {path}")


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date written YYYY-MM-DD") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(ropa.__version__, prog_name="ropa")
@click.option(
    "--debug",
    is_flag=True,
    envvar="ROPA_DEBUG",
    help="On an internal error, print the traceback (also ROPA_DEBUG=1).",
)
def main(debug: bool) -> None:
    """Records of processing activities (GDPR Art. 30) and privacy notices from annotated
    Python code.

    \b
    Start with:  ropa init        (writes a commented ropa.yaml)
                 ropa scan .      (checks the annotations, prints file:line problems)
                 ropa build .     (writes the record and the notice to ropa-out/)
    """
    console.DEBUG["on"] = debug


_PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
_CONFIG = click.option(
    "--config", type=click.Path(path_type=Path), help="ropa.yaml to use (default: found upward)."
)
_JOBS = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of CPUs).",
)


@main.command()
@_PATHS
@_CONFIG
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in DiagnosticFormat]),
    default="text",
    show_default=True,
    help="How diagnostics are printed.",
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), help="Write the record (ropa.json) here."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help="Lowest level that makes the exit code 1.",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    help="Reviewed ropa.json; differences are ROPA301.",
)
@_JOBS
@click.option("--no-cache", is_flag=True, help="Do not read or write the scan cache.")
@click.option(
    "--no-evidence",
    is_flag=True,
    help="Do not follow personal data through the code (no ROPA205-207, no evidence[]).",
)
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="Date recorded in generated.date.")
@click.option("--quiet", "-q", is_flag=True, help="No summary line.")
def scan(
    paths: tuple[Path, ...],
    config: Path | None,
    fmt: str,
    output: Path | None,
    fail_on: str,
    baseline: Path | None,
    jobs: int | None,
    no_cache: bool,
    no_evidence: bool,
    date_text: str | None,
    quiet: bool,
) -> None:
    """Check the annotations under PATHS (default: the project of the current directory).

    Prints every problem as path:line:col: CODE level: message. Exit code 0 when nothing is
    at or above --fail-on, 1 when something is, 2 when the scan could not run.
    """
    from ropa.output import write_atomic
    from ropa.pipeline import dump_record, run_scan

    if output is not None:
        _check_folder(output.parent)
    with console.errors():
        with console.progress(fmt == "text") as progress:
            outcome = run_scan(
                list(paths),
                config_path=config,
                jobs=jobs or os.cpu_count() or 1,
                date=_date(date_text),
                progress=progress,
                use_cache=not no_cache,
                own_outputs=() if output is None else (output,),
                evidence=not no_evidence,
            )
        diagnostics = list(outcome.diagnostics)
        if baseline is not None:
            from ropa.diff import baseline_diagnostics

            diagnostics += baseline_diagnostics(baseline, outcome.record, outcome.config)
        if output is not None:
            write_atomic(output, dump_record(outcome.record))
    shown = console.relative(outcome.root, diagnostics)
    report = Report(diagnostics=shown, tool_version=ropa.__version__)
    click.echo(DiagnosticFormat(fmt).renderer()(report), nl=False)
    if not quiet and fmt == "text":
        sys.stdout.flush()
        click.echo(_summary(outcome, diagnostics), err=True)
    sys.exit(_exit_code(diagnostics, fail_on))


def _summary(outcome: Outcome, diagnostics: Sequence[Diagnostic]) -> str:
    record = outcome.record
    counts = {level: sum(1 for d in diagnostics if d.level is level) for level in Level}
    return (
        f"ropa: {console.plural(len(outcome.scan.files), 'file')} scanned, "
        f"{console.plural(len(record.activities), 'activity', 'activities')}, "
        f"{console.plural(len(record.data_inventory), 'field')}, "
        f"{console.plural(len(record.vendors), 'vendor')}; "
        f"{console.plural(counts[Level.ERROR], 'error')}, "
        f"{console.plural(counts[Level.WARNING], 'warning')}, {counts[Level.INFO]} info"
    )


def _exit_code(diagnostics: Sequence[Diagnostic], fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    threshold = Level(fail_on)
    return EXIT_FINDINGS if any(d.level.rank >= threshold.rank for d in diagnostics) else EXIT_OK


@main.command()
@click.argument("query", required=False)
@_CONFIG
def vendors(query: str | None, config: Path | None) -> None:
    """List the vendor registry (with vendors: from ropa.yaml), or those matching QUERY."""
    from ropa.pipeline import load_context, load_project
    from ropa.registry import load_countries, load_regions, transfer_safeguard

    with console.errors():
        _, cfg = load_project([Path.cwd()], config)
        registry = load_context(cfg).vendors
        regions = load_regions()
    countries = load_countries()
    needle = (query or "").lower()
    rows = [
        v
        for v in registry.values()
        if not needle
        or needle in " ".join([v.key, v.name, v.services, v.kind, *v.imports, *v.packages]).lower()
    ]
    if not rows:
        click.echo(f"no vendor matches '{query}'", err=True)
        sys.exit(EXIT_FINDINGS)
    for v in rows:
        safeguard = transfer_safeguard(v, countries) or "none"
        click.echo(f"{v.key:<20} {v.name} — {v.services} ({v.location}; {safeguard})")
        # Asked for by its key: also where it can keep the data (for region=).
        for r in regions.of(v.key).values() if v.key == needle else ():
            click.echo(f"    region {r.code:<24} {r.city}, {countries.name(r.country)}")


@main.command()
@click.argument("kind", type=click.Choice(["categories", "uses", "subjects"]), default="categories")
@click.argument("query", required=False)
def taxonomy(kind: str, query: str | None) -> None:
    """List data categories, uses or subjects (fideslang keys with ropa's labels)."""
    from ropa.taxonomy import load_taxonomy

    with console.errors():
        terms = load_taxonomy().kind(kind)
    needle = (query or "").lower()
    rows = [
        t
        for t in terms.values()
        if not needle or needle in f"{t.key} {t.label} {t.description}".lower()
    ]
    if not rows:
        click.echo(f"no {kind} key matches '{query}'", err=True)
        sys.exit(EXIT_FINDINGS)
    for t in rows:
        flag = f" [{t.special}]" if t.special else ""
        click.echo(f"{t.key:<48} {t.label}{flag}")


@main.command()
@click.option("--force", is_flag=True, help="Overwrite an existing ropa.yaml.")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=".")
def init(force: bool, directory: Path) -> None:
    """Write a commented ropa.yaml to DIRECTORY (default: here)."""
    from ropa.output import write_atomic
    from ropa.starter import starter_config

    target = directory / "ropa.yaml"
    if os.path.lexists(target) and not force:
        console.fail([f"{target} already exists (use --force to overwrite)"])
    with console.errors():
        write_atomic(target, starter_config())
    click.echo(f"wrote {target}: fill in the controller, then run 'ropa scan {directory}'")


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="markdown suits a pull-request comment.",
)
@click.option(
    "--evidence",
    is_flag=True,
    help="Also report evidence in code (data reaching a recipient) that appeared or went.",
)
def diff(old: Path, new: Path, fmt: str, evidence: bool) -> None:
    """Show what changed in substance from record OLD to record NEW.

    Compares every value except generated, gaps, code locations and the order of lists.
    Exit code 1 when something changed.
    """
    from ropa.changes import FORMATS
    from ropa.diff import diff_records, load_record

    with console.errors():
        changes = diff_records(load_record(old), load_record(new), evidence=evidence)
    click.echo(FORMATS[fmt](changes), nl=False)
    sys.exit(EXIT_FINDINGS if changes else EXIT_OK)


def run() -> None:
    """The console entry point: ropa's own crashes become exit code 2 with a short report,
    Ctrl-C exit code 130 (click's own handling would exit 1, the code for findings)."""
    try:
        code = _outcome()
    except KeyboardInterrupt:
        console.interrupted()
    console.leave(code)


def _outcome() -> int | str | None:
    """Run the command line; the exit code it asks for."""
    try:
        code = main(standalone_mode=False)
    except SystemExit as exc:
        return exc.code
    except (KeyboardInterrupt, click.exceptions.Abort):
        console.interrupted()
    except click.exceptions.ClickException as exc:
        exc.show()
        return exc.exit_code
    except OSError as exc:
        if exc.filename is None:
            return console.internal_error(exc)
        # The system refused a file (too long a name, no permission, a full disk): a problem
        # of the machine or the command line, not a bug in ropa.
        click.echo(f"ropa: {console.shorten(f'{exc.filename}: {exc.strerror or exc}')}", err=True)
        return EXIT_FAILURE
    except Exception as exc:  # a bug in ropa, not a problem in the user's project
        return console.internal_error(exc)
    return code if isinstance(code, int) else EXIT_OK


_FORMATS_HELP = "Comma-separated: html, pdf, json, csv, md, xlsx (default: html,pdf,json,csv)."
_LANG_HELP = (
    "Language of the notice: en, de or fr; several, comma-separated, write "
    "privacy-notice.LANG.* each (default: notice.languages in ropa.yaml, else en)."
)
_RECORD_LANG_HELP = "Language of the record: only en (the record is for the DPO and auditors)."


def _languages(value: str | None) -> tuple[str, ...] | None:
    """The languages ``--lang`` names, checked (exit 2 with the ones there are)."""
    from ropa.i18n import language_list

    if value is None:
        return None
    with console.errors():
        return language_list(value)


def _record_language(value: str) -> None:
    """Refuse a ``--record-lang`` other than English: the record is not translated."""
    from ropa.i18n import RECORD_LANGUAGES, check_language

    with console.errors():
        check_language(value.strip().lower(), RECORD_LANGUAGES, "--record-lang")


def _formats(value: str) -> tuple[str, ...]:
    from ropa.render import OutputFormat

    names = tuple(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    known = [f.value for f in OutputFormat]
    bad = [n for n in names if n not in known]
    if bad or not names:
        raise click.BadParameter(f"unknown format {', '.join(bad)} (expected {', '.join(known)})")
    return names


@main.command()
@_PATHS
@_CONFIG
@click.option(
    "--out-dir", type=click.Path(path_type=Path), default=Path("ropa-out"), show_default=True
)
@click.option("--formats", "formats_text", default="html,pdf,json,csv", help=_FORMATS_HELP)
@click.option(
    "--templates",
    type=click.Path(path_type=Path),
    help="Folder whose templates override the built-in ones by file name.",
)
@click.option(
    "--date",
    "date_text",
    metavar="YYYY-MM-DD",
    help="Document date (default: SOURCE_DATE_EPOCH or today).",
)
@click.option(
    "--final",
    is_flag=True,
    help="Publishable documents: no DRAFT banner or tool text; refuses while gaps remain.",
)
@click.option("--lang", "lang_text", metavar="LANG[,LANG]", help=_LANG_HELP)
@click.option("--record-lang", default="en", show_default=True, help=_RECORD_LANG_HELP)
@_JOBS
@click.option("--no-cache", is_flag=True, help="Do not read or write the scan cache.")
def build(
    paths: tuple[Path, ...],
    config: Path | None,
    out_dir: Path,
    formats_text: str,
    templates: Path | None,
    date_text: str | None,
    final: bool,
    lang_text: str | None,
    record_lang: str,
    jobs: int | None,
    no_cache: bool,
) -> None:
    """Scan PATHS, check, and write the record and the privacy notice to --out-dir.

    Refuses to write documents (exit 1) while the scan reports errors, and lists them.
    """
    from ropa.pipeline import run_scan

    formats = _formats(formats_text)
    languages = _languages(lang_text)
    _record_language(record_lang)
    _check_folder(out_dir)
    _check_templates(templates)
    with console.errors():
        with console.progress(True) as progress:
            outcome = run_scan(
                list(paths),
                config_path=config,
                jobs=jobs or os.cpu_count() or 1,
                date=_date(date_text),
                progress=progress,
                use_cache=not no_cache,
                own_outputs=(out_dir,),
            )
        shown = console.relative(outcome.root, outcome.diagnostics)
        errors = [d for d in shown if d.level is Level.ERROR]
        if errors:
            click.echo(
                DiagnosticFormat.TEXT.renderer()(
                    Report(diagnostics=errors, tool_version=ropa.__version__)
                ),
                nl=False,
            )
            click.echo(
                f"ropa: {console.plural(len(errors), 'error')}; no documents written "
                "(fix them, then build again)",
                err=True,
            )
            sys.exit(EXIT_FINDINGS)
        langs = languages or tuple(outcome.config.notice.get("languages") or ("en",))
        _untranslated(outcome, langs)
        _write_documents(
            outcome.record, out_dir, formats, templates, final, jobs, langs, outcome.root
        )
        _unseen(outcome, shown)


def _unseen(outcome: Outcome, diagnostics: Sequence[Diagnostic]) -> None:
    """After a build, one line on what the scan found but the build does not print: the
    warnings, and the gaps the documents mark as missing declarations."""
    warnings = sum(1 for d in diagnostics if d.level is Level.WARNING)
    gaps = len(outcome.record.gaps)
    if not warnings and not gaps:
        return
    marked = f"{console.plural(gaps, 'gap')} marked in the documents as missing; " if gaps else ""
    click.echo(
        f"ropa: {marked}{console.plural(warnings, 'warning')} "
        "('ropa scan' lists them with file:line)",
        err=True,
    )


def _untranslated(outcome: Outcome, languages: Sequence[str]) -> None:
    """Print ROPA113 for project texts without a translation in ``languages``: the scan
    reports them for ``notice.languages``, a --lang given on the command line here."""
    from ropa.translate import missing_translations

    configured = set(outcome.config.notice.get("languages") or ())
    extra = [lang for lang in languages if lang not in configured]
    found = [d for d in outcome.diagnostics if d.code == "ROPA113"]
    found += missing_translations(outcome.record, outcome.root, extra, outcome.config.lines)
    if found:
        click.echo(
            DiagnosticFormat.TEXT.renderer()(
                Report(
                    diagnostics=console.relative(outcome.root, found), tool_version=ropa.__version__
                )
            ),
            nl=False,
            err=True,
        )


@main.command()
@click.argument("record", type=click.Path(path_type=Path))
@click.option(
    "--out-dir", type=click.Path(path_type=Path), default=Path("ropa-out"), show_default=True
)
@click.option("--formats", "formats_text", default="html,pdf,json,csv", help=_FORMATS_HELP)
@click.option(
    "--templates",
    type=click.Path(path_type=Path),
    help="Folder whose templates override the built-in ones by file name.",
)
@click.option(
    "--final",
    is_flag=True,
    help="Publishable documents: no DRAFT banner or tool text; refuses while gaps remain.",
)
@click.option("--lang", "lang_text", metavar="LANG[,LANG]", help=_LANG_HELP.split(" (")[0] + ".")
@click.option("--record-lang", default="en", show_default=True, help=_RECORD_LANG_HELP)
@click.option(
    "--project",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Project whose locale/ holds the translations of its texts (ropa translate).",
)
@_JOBS
def render(
    record: Path,
    out_dir: Path,
    formats_text: str,
    templates: Path | None,
    final: bool,
    lang_text: str | None,
    record_lang: str,
    project: Path,
    jobs: int | None,
) -> None:
    """Write the documents from a saved RECORD (ropa.json) alone, without scanning."""
    from ropa.diff import load_record

    formats = _formats(formats_text)
    languages = _languages(lang_text) or ("en",)
    _record_language(record_lang)
    _check_folder(out_dir)
    _check_templates(templates)
    with console.errors():
        # Validated as it is read: the documents render from the same typed record a scan
        # hands over, byte for byte.
        data = load_record(record)
        _write_documents(data, out_dir, formats, templates, final, jobs, languages, project)


@main.command()
@_PATHS
@_CONFIG
@click.option("--lang", "lang_text", required=True, metavar="LANG", help="de or fr.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the scan cache.")
def translate(paths: tuple[Path, ...], config: Path | None, lang_text: str, no_cache: bool) -> None:
    """Write or update locale/LANG/LC_MESSAGES/ropa-project.po with the project's texts.

    Every text the project writes that the notice shows (purposes, interests, descriptions,
    sources, recipients, security measures) becomes a message, with the declaration's
    file:line; existing translations are kept, texts no longer written become obsolete.
    """
    from ropa.pipeline import run_scan
    from ropa.translate import update_catalog, write_catalog

    languages = _languages(lang_text) or ()
    with console.errors():
        outcome = run_scan(list(paths), config_path=config, use_cache=not no_cache)
        for lang in languages:
            path, catalog = update_catalog(outcome.record, outcome.root, lang, outcome.config.lines)
            write_catalog(path, catalog)
            texts = [m for m in catalog if m.id]
            missing = sum(1 for m in texts if not m.string)
            click.echo(
                f"wrote {_shown(path)}: {console.plural(len(texts), 'text')}, "
                f"{missing} to translate"
            )


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
