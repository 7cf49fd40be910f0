"""Languages: ropa's catalogs are complete, a translated project's notice has no English left,
project catalogs round-trip, and every way of asking for a language fails clearly."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from babel.messages import checkers
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from ropa import i18n
from ropa.cli import main
from ropa.errors import RopaError
from ropa.pipeline import Outcome
from ropa.recordio import as_record
from ropa.render import ENGLISH, Wording, duration_text, render_documents
from ropa.translate import Untranslated, load_project_catalog, translate_record
from tests.conftest import REPO, SAMPLE

COMPLETE = REPO / "tests" / "fixtures" / "complete"
CATALOGS = REPO / "tests" / "data" / "i18n"
LOCALE = REPO / "ropa" / "locale"
BUILD = ("build", "--date", "2026-12-01")

# Words no German or French sentence uses, but nearly every English one does.
ENGLISH_WORDS = frozenset("the and of to you your we our is are with for this that may".split())


# --- ropa's own catalogs ---------------------------------------------------------------


def _catalog(path: Path, lang: str | None = None) -> Any:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", ["de", "fr"])
@pytest.mark.parametrize("domain", ["ropa", "vocabulary"])
def test_every_message_is_translated_with_the_same_placeholders(domain: str, lang: str) -> None:
    template = _catalog(LOCALE / f"{domain}.pot")
    catalog = _catalog(LOCALE / lang / "LC_MESSAGES" / f"{domain}.po", lang)
    wanted = {(m.context, m.id) for m in template if m.id}
    have = {(m.context, m.id): m for m in catalog if m.id}
    assert wanted == set(have), "update the catalog from the .pot (docs/languages.md)"
    for key in wanted:
        message = have[key]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{lang}: untranslated {key}"
        assert not message.fuzzy, f"{lang}: fuzzy {key}"
        # Babel's own checkers: python-format placeholders identical, plural forms complete.
        for check in (checkers.python_format, checkers.num_plurals):
            check(catalog, message)


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_every_safeguard_sentence_of_the_notice_is_translated(lang: str) -> None:
    from ropa.wording import SAFEGUARD_PLAIN

    catalog = _catalog(LOCALE / lang / "LC_MESSAGES" / "ropa.po", lang)
    have = {m.id: m.string for m in catalog if m.id and not m.context}
    missing = [text for text, _ in SAFEGUARD_PLAIN.values() if not have.get(text)]
    assert missing == [], f"{lang}: mark with N_() and translate"


def test_every_module_that_marks_wording_is_extracted() -> None:
    """A module that marks a message (``N_("...")``, ``w("...")``) but is missing from
    babel.cfg would have its messages left out of the catalogs without a word."""
    listed = set(re.findall(r"^\[python: (\S+)\]$", (REPO / "babel.cfg").read_text(), re.M))
    marking = {
        f"ropa/{path.name}"
        for path in (REPO / "ropa").glob("*.py")
        if path.name != "i18n.py" and re.search(r'\b(?:N_|w)\(\s*"', path.read_text())
    }
    assert marking <= listed, sorted(marking - listed)


def test_the_template_is_what_pybabel_extracts(tmp_path: Path) -> None:
    """ropa.pot is reproducible from babel.cfg: no template string or label is left out."""
    out = tmp_path / "ropa.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            *("-k", "N_", "-k", "w", "-k", "plural:1,2"),
            "--no-wrap",
            "--sort-by-file",
            "--project",
            "ropa",
            "--omit-header",
            "-o",
            str(out),
            ".",
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    assert [m.id for m in _catalog(out)] == [m.id for m in _catalog(LOCALE / "ropa.pot")]


def test_the_vocabulary_template_is_generated_from_taxonomy_yaml() -> None:
    shipped = [(m.context, m.id) for m in _catalog(LOCALE / "vocabulary.pot") if m.id]
    assert shipped == [(m.context, m.id) for m in i18n.vocabulary_template() if m.id]


def test_the_catalogs_ship_inside_the_package() -> None:
    for lang in ("de", "fr"):
        for domain in ("ropa", "vocabulary"):
            assert resources.files("ropa") / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"
            assert i18n.translations(lang).gettext("Controller") != "Controller"


# --- locale formats --------------------------------------------------------------------


def test_dates_are_written_as_each_language_writes_them() -> None:
    assert i18n.long_date("2026-12-01", "en") == "1 December 2026"
    assert i18n.long_date("2026-12-01", "de") == "1. Dezember 2026"
    assert i18n.long_date("2026-12-01", "fr") == "1 décembre 2026"
    assert i18n.long_date("not a date", "de") == "not a date"


def test_durations_and_lists_in_each_language() -> None:
    de, fr = Wording("de"), Wording("fr")
    assert duration_text("P18M", "1 year and 6 months", de) == "18 Monate"
    assert duration_text("P1Y6M", "1 year and 6 months", fr) == "18 mois"
    assert duration_text("P2Y", "2 years", de) == "2 Jahre"
    assert duration_text("P30D", "30 days", fr) == "30 jours"
    assert duration_text("P18M", "18 months", ENGLISH) == "18 months"
    assert de.sentence(["A", "B", "C"]) == "A, B und C"
    assert fr.sentence(["A", "B", "C"]) == "A, B et C"
    assert de.country("US", "United States") == "Vereinigte Staaten"
    assert fr.country("DE", "Germany") == "Allemagne"


# --- a translated project's notice -----------------------------------------------------


class _Text(HTMLParser):
    """The text a reader sees, one block element per line, with each text's language."""

    BLOCKS = frozenset("p li td th dt dd h1 h2 h3 div caption tr br".split())

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = [""]
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "code"):
            self.hidden += 1
        if tag in self.BLOCKS:
            self.lines.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "code"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.lines[-1] += data


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?:;])\s+|\n", text)
    return [p.strip() for p in parts if p.strip()]


def english_sentences(text: str) -> list[str]:
    """Sentences with an English function word, once addresses and e-mails are taken out
    (vendor names such as 'Amazon Web Services' have none)."""
    found = []
    for sentence in _sentences(text):
        plain = re.sub(r"https?://\S+|\S+@\S+|<[^>]*>", " ", sentence)
        # A hyphenated compound is one word ("Denial-of-Service-Angriffen" is German).
        words = {w.lower() for w in re.findall(r"[A-Za-z'][A-Za-z'-]*", plain)}
        if words & ENGLISH_WORDS:
            found.append(sentence)
    return found


def _html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.lines)


def _md_text(md: str) -> str:
    return re.sub(r"[*_`>|#\\]", " ", md)


@pytest.fixture(scope="module", params=["complete", "sample"])
def translated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """A project with its German and French catalogs (the 'complete' fixture, and the sample
    with its California section), its record, and the final notice in both languages."""
    project = tmp_path_factory.mktemp("translated") / request.param
    shutil.copytree(SAMPLE if request.param == "sample" else COMPLETE, project)
    for lang in ("de", "fr") if request.param == "complete" else ():
        target = project / "locale" / lang / "LC_MESSAGES" / "ropa-project.po"
        target.parent.mkdir(parents=True)
        shutil.copy(CATALOGS / f"complete.{lang}.po", target)
    from ropa.pipeline import run_scan

    outcome = run_scan([project], use_cache=False)
    out = project / "out"
    # --final: the fixture still has gaps (its CLI build would refuse), but a final notice
    # is the publishable text, without the draft's markers and checklist.
    render_documents(
        outcome.record,
        out,
        formats=["html", "md"],
        final=True,
        languages=["de", "fr"],
        project_texts=lambda lang: load_project_catalog(project, lang),
    )
    yield {"project": project, "out": out, "outcome": outcome}


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_a_translated_notice_has_no_english_sentence(translated: dict[str, Any], lang: str) -> None:
    out: Path = translated["out"]
    html = (out / f"privacy-notice.{lang}.html").read_text(encoding="utf-8")
    md = (out / f"privacy-notice.{lang}.md").read_text(encoding="utf-8")
    assert english_sentences(_html_text(html)) == []
    assert english_sentences(_md_text(md)) == []
    assert f'<html lang="{lang}">' in html
    assert 'lang="en"' not in html


def test_the_sample_notice_translates_its_california_section(translated: dict[str, Any]) -> None:
    if translated["project"].name != "sample":
        pytest.skip("only the sample lists ccpa")
    de = (translated["out"] / "privacy-notice.de.html").read_text(encoding="utf-8")
    fr = (translated["out"] / "privacy-notice.fr.html").read_text(encoding="utf-8")
    assert "Informationen für Einwohnerinnen und Einwohner Kaliforniens" in de
    assert "Recht auf Nichtdiskriminierung" in de
    assert "résidents de Californie" in fr and "non-discrimination" in fr
    assert "18 Monate" in de and "18 mois" in fr


def test_the_english_check_finds_english(translated: dict[str, Any]) -> None:
    """The checker itself: the English notice of the same project is full of English."""
    project: Path = translated["project"]
    render_documents(
        as_record(translated["outcome"].record), project / "en", formats=["html"], final=True
    )
    text = _html_text((project / "en" / "privacy-notice.html").read_text(encoding="utf-8"))
    assert len(english_sentences(text)) > 50


def test_gdpr_terms_of_the_official_versions(translated: dict[str, Any]) -> None:
    if translated["project"].name != "complete":
        pytest.skip("the terms are checked once, on the complete fixture")
    de = (translated["out"] / "privacy-notice.de.html").read_text(encoding="utf-8")
    fr = (translated["out"] / "privacy-notice.fr.html").read_text(encoding="utf-8")
    for term in (
        "Verantwortliche",
        "Datenschutzbeauftragte",
        "berechtigte",
        "Einwilligung",
        "Aufsichtsbehörde",
        "Empfänger",
        "Recht auf Auskunft",
        "Recht auf Berichtigung",
        "Recht auf Löschung",
        "Recht auf Einschränkung der Verarbeitung",
        "Recht auf Datenübertragbarkeit",
        "Widerspruchsrecht",
        "15. Januar 2026",
        "DSGVO",
        "Niedergelassen in: Vereinigtes Königreich",  # the controller's country, from CLDR
    ):
        assert term in de, term
    for term in (
        "responsable du traitement",
        "délégué à la protection des données",
        "intérêts légitimes",
        "consentement",
        "autorité de contrôle",
        "Droit d'accès",
        "Droit de rectification",
        "Droit à l'effacement",
        "Droit à la limitation du traitement",
        "Droit à la portabilité",
        "Droit d'opposition".lower(),
        "15 janvier 2026",
        "RGPD",
    ):
        assert term in fr or term in fr.lower(), term


def test_untranslated_project_text_is_tagged_and_marked_in_a_draft(tmp_path: Path) -> None:
    """Without a project catalog, the notice shows the text as written, in a lang="en"
    span; a draft marks it, a final notice does not."""
    from ropa.pipeline import run_scan

    record = run_scan([COMPLETE], use_cache=False).record
    render_documents(as_record(record), tmp_path / "d", formats=["html"], languages=["de"])
    render_documents(
        as_record(record), tmp_path / "f", formats=["html"], languages=["de"], final=True
    )
    draft = (tmp_path / "d" / "privacy-notice.html").read_text(encoding="utf-8")
    final = (tmp_path / "f" / "privacy-notice.html").read_text(encoding="utf-8")
    tagged = '<span lang="en">Practice accounts</span>'
    assert tagged + ' <span class="untranslated-marker">[nicht übersetzt]</span>' in draft
    assert tagged in final and "untranslated-marker" not in final


def test_project_texts_cannot_inject_markup_through_the_fallback(sample_outcome: Outcome) -> None:
    record = sample_outcome.record
    first = record.activities[0].model_copy(update={"name": "<b>x</b>", "notice": True})
    record = record.model_copy(update={"activities": (first,)})
    translated = translate_record(record, None)
    text = translated.activities[0].name
    assert isinstance(text, Untranslated) and record.activities[0].name == "<b>x</b>"
    shown = str(Wording("de", marked=True).show(text))
    assert "<b>" not in shown and "&lt;b&gt;" in shown


# --- the command line ------------------------------------------------------------------


@pytest.fixture
def complete(tmp_path: Path) -> Path:
    project = tmp_path / "complete"
    shutil.copytree(COMPLETE, project)
    return project


def test_unknown_language_is_refused_with_the_ones_there_are(complete: Path) -> None:
    runner = CliRunner()
    for args in (
        (*BUILD, str(complete), "--lang", "xx"),
        ("render", str(complete / "ropa.json"), "--lang", "de,xx"),
        ("translate", str(complete), "--lang", "xx"),
    ):
        result = runner.invoke(main, list(args))
        assert result.exit_code == 2, (args, result.output)
        assert "unknown language 'xx' (available: en, de, fr)" in result.output


def test_the_record_stays_in_english(complete: Path) -> None:
    result = CliRunner().invoke(main, [*BUILD, str(complete), "--record-lang", "de"])
    assert result.exit_code == 2
    assert "--record-lang: unknown language 'de' (available: en)" in result.output
    assert "only en" in CliRunner().invoke(main, ["build", "--help"]).output


def test_build_lang_writes_the_notice_in_that_language(complete: Path) -> None:
    out = complete / "out"
    result = CliRunner().invoke(
        main,
        [*BUILD, str(complete), "--lang", "fr", "--formats", "html,json", "--out-dir", str(out)],
    )
    assert result.exit_code == 0, result.output
    assert '<html lang="fr">' in (out / "privacy-notice.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in (out / "ropa.html").read_text(encoding="utf-8")
    # No catalog yet: every project text is reported where it is declared.
    assert re.search(
        r"app/services\.py:\d+:\d+: ROPA113 warning: 'Practice accounts'", result.output
    )


def test_notice_languages_builds_one_notice_per_language(complete: Path) -> None:
    config = complete / "ropa.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^notice:\n", "notice:\n  languages: [de, en, fr]\n", text))
    assert "languages: [de, en, fr]" in config.read_text(encoding="utf-8")
    out = complete / "out"
    result = CliRunner().invoke(
        main, [*BUILD, str(complete), "--formats", "html,md", "--out-dir", str(out)]
    )
    assert result.exit_code == 0, result.output
    for lang in ("de", "en", "fr"):
        for ext in ("html", "md"):
            assert (out / f"privacy-notice.{lang}.{ext}").is_file()
    # The un-suffixed notice is the first language's, so links to it keep working.
    assert (out / "privacy-notice.html").read_bytes() == (
        out / "privacy-notice.de.html"
    ).read_bytes()
    assert '<html lang="en">' in (out / "privacy-notice.en.html").read_text(encoding="utf-8")


def test_notice_languages_is_validated_with_its_line(complete: Path) -> None:
    config = complete / "ropa.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^notice:\n", "notice:\n  languages: [en, xx, en]\n", text))
    line = config.read_text(encoding="utf-8").splitlines().index("  languages: [en, xx, en]") + 1
    result = CliRunner().invoke(main, ["scan", str(complete)])
    assert result.exit_code == 2
    assert f"ropa.yaml:{line}: notice.languages: unknown language 'xx' (available: en, de, fr)" in (
        result.output
    )
    assert f"ropa.yaml:{line}: notice.languages: 'en' is listed twice" in result.output


def test_translate_round_trip_keeps_translations_and_is_deterministic(complete: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["translate", str(complete), "--lang", "de"])
    assert result.exit_code == 0, result.output
    path = complete / "locale" / "de" / "LC_MESSAGES" / "ropa-project.po"
    first = path.read_bytes()
    catalog = _catalog(path, "de")
    ids = [m.id for m in catalog if m.id]
    assert "Practice accounts" in ids and "All traffic encrypted with TLS 1.2 or later" in ids
    # Each message names where the text is declared.
    assert ("app/services.py", 6) in catalog["Practice accounts"].locations
    # Nothing is translated from the web address of the joint controllers' arrangement.
    assert not any(str(i).startswith("https://") for i in ids)
    assert runner.invoke(main, ["translate", str(complete), "--lang", "de"]).exit_code == 0
    assert path.read_bytes() == first, "a second run changes nothing"
    # A translation is kept; a text the project no longer writes becomes obsolete.
    catalog["Practice accounts"].string = "Praxiskonten"
    catalog.add("A purpose nobody writes any more", "Ein alter Zweck")
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    path.write_bytes(buffer.getvalue())
    assert runner.invoke(main, ["translate", str(complete), "--lang", "de"]).exit_code == 0
    again = _catalog(path, "de")
    assert again["Practice accounts"].string == "Praxiskonten"
    assert "A purpose nobody writes any more" in again.obsolete
    assert "A purpose nobody writes any more" not in [m.id for m in again]


def test_a_broken_project_catalog_is_an_error_with_its_line(complete: Path) -> None:
    path = complete / "locale" / "de" / "LC_MESSAGES" / "ropa-project.po"
    path.parent.mkdir(parents=True)
    path.write_text('msgid "Practice accounts"\nmsgstr "Praxiskonten"\nthis is not po\n')
    result = CliRunner().invoke(main, [*BUILD, str(complete), "--lang", "de", "--formats", "html"])
    assert result.exit_code == 2, result.output
    assert (
        "ropa: locale/de/LC_MESSAGES/ropa-project.po:3: not a valid gettext catalog: "
        "unknown or misformatted keyword"
    ) in result.output
    assert "Traceback" not in result.output


def test_a_fuzzy_translation_is_reported_and_not_used(complete: Path) -> None:
    path = complete / "locale" / "de" / "LC_MESSAGES" / "ropa-project.po"
    path.parent.mkdir(parents=True)
    path.write_text('#, fuzzy\nmsgid "Practice accounts"\nmsgstr "Praxiskonten"\n')
    out = complete / "out"
    result = CliRunner().invoke(
        main, [*BUILD, str(complete), "--lang", "de", "--formats", "html", "--out-dir", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert re.search(
        r"app/services\.py:6:\d+: ROPA113 warning: 'Practice accounts' is marked fuzzy",
        result.output,
    )
    assert "Praxiskonten" not in (out / "privacy-notice.html").read_text(encoding="utf-8")


def test_markdown_summary_items_stay_on_their_own_lines(tmp_path: Path) -> None:
    """English output is unchanged by the catalogs except here: a notice with neither
    vendors nor recipients printed "Who receives it" and "How long" as one list item."""
    from ropa.pipeline import run_scan

    record = run_scan([REPO / "tests" / "fixtures" / "flows"], use_cache=False).record
    render_documents(as_record(record), tmp_path, formats=["md"], final=True)
    md = (tmp_path / "privacy-notice.md").read_text(encoding="utf-8")
    assert re.search(r"(?m)^- \*\*How long:\*\* ", md)
    assert ".- **How long" not in md


@pytest.mark.parametrize("kind", ["symlink", "fifo", "huge"])
def test_a_project_catalog_is_read_only_as_a_bounded_regular_file(
    complete: Path, kind: str
) -> None:
    """In CI, locale/ may come from a pull request: ropa reads no link, device or giant."""
    import os

    path = complete / "locale" / "de" / "LC_MESSAGES" / "ropa-project.po"
    path.parent.mkdir(parents=True)
    secret = complete / "secret.txt"
    secret.write_text('msgid "Practice accounts"\nmsgstr "SECRET"\n')
    if kind == "symlink":
        path.symlink_to(secret)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    out = complete / "out"
    result = CliRunner().invoke(
        main, [*BUILD, str(complete), "--lang", "de", "--formats", "html", "--out-dir", str(out)]
    )
    assert result.exit_code == 2, result.output
    assert "locale/de/LC_MESSAGES/ropa-project.po: " in result.output
    assert "SECRET" not in result.output and not out.exists()


def test_render_takes_the_project_catalogs_and_marks_markdown_drafts(complete: Path) -> None:
    """``ropa render --lang de --project DIR``: a saved record's notice takes the texts of
    the project's catalog; in a Markdown draft an untranslated text is marked."""
    runner = CliRunner()
    record = complete / "ropa.json"
    assert runner.invoke(main, ["scan", str(complete), "--output", str(record)]).exit_code in (0, 1)
    out = complete / "out"
    args = ["render", str(record), "--lang", "de", "--formats", "md", "--out-dir", str(out)]
    result = runner.invoke(main, [*args, "--project", str(complete)])
    assert result.exit_code == 0, result.output
    assert "### Practice accounts *[nicht übersetzt]*" in (out / "privacy-notice.md").read_text()
    target = complete / "locale" / "de" / "LC_MESSAGES" / "ropa-project.po"
    target.parent.mkdir(parents=True)
    shutil.copy(CATALOGS / "complete.de.po", target)
    result = runner.invoke(main, [*args, "--project", str(complete)])
    assert result.exit_code == 0, result.output
    md = (out / "privacy-notice.md").read_text()
    assert "### Praxiskonten" in md and "nicht übersetzt" not in md


def test_a_translation_is_text_never_markup(complete: Path) -> None:
    """A msgstr comes from whoever edits the project's catalog: it is escaped like any
    other text the project writes, in HTML and in Markdown."""
    path = complete / "locale" / "de" / "LC_MESSAGES" / "ropa-project.po"
    path.parent.mkdir(parents=True)
    path.write_text(
        'msgid "Practice accounts"\nmsgstr "<img src=x onerror=alert(1)> [Link](javascript:x)"\n'
    )
    out = complete / "out"
    result = CliRunner().invoke(
        main, [*BUILD, str(complete), "--lang", "de", "--formats", "html,md", "--out-dir", str(out)]
    )
    assert result.exit_code == 0, result.output
    html = (out / "privacy-notice.html").read_text(encoding="utf-8")
    md = (out / "privacy-notice.md").read_text(encoding="utf-8")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    # Markdown escapes with a backslash: CommonMark shows the text, builds no tag or link.
    assert not re.search(r"(?<!\\)<img", md) and "\\<img src=x" in md
    assert "\\[Link\\](javascript:x)" in md


# --- read as a German and a French data-protection lawyer would read it ---------------

NBSP = "\u00a0"


def _texts(translated: dict[str, Any], lang: str) -> dict[str, str]:
    """The reader's text of the final notice in ``lang``: its HTML and its Markdown."""
    out: Path = translated["out"]
    return {
        "html": _html_text((out / f"privacy-notice.{lang}.html").read_text(encoding="utf-8")),
        "md": (out / f"privacy-notice.{lang}.md").read_text(encoding="utf-8"),
    }


def test_gdpr_citation_in_each_language() -> None:
    cite = i18n.gdpr_citation
    assert cite("6(1)(f)", "en") == "Art. 6(1)(f) GDPR"
    assert cite("6(1)(f)", "de") == f"Art.{NBSP}6 Abs.{NBSP}1 lit.{NBSP}f DSGVO"
    assert cite("6(1)(f)", "fr") == (f"article{NBSP}6, paragraphe{NBSP}1, point{NBSP}f), du RGPD")
    assert cite("21(1)", "de") == f"Art.{NBSP}21 Abs.{NBSP}1 DSGVO"
    assert cite("21(1)", "fr") == f"article{NBSP}21, paragraphe{NBSP}1, du RGPD"
    assert cite("Art. 45 GDPR", "fr") == f"article{NBSP}45 du RGPD"
    assert cite("45", "de") == f"Art.{NBSP}45 DSGVO"
    assert cite("45") == "Art. 45 GDPR"
    assert (
        cite("Art. 49(1)(b) and (c)", "de") == f"Art.{NBSP}49 Abs.{NBSP}1 lit.{NBSP}b und c DSGVO"
    )
    assert cite("49(1)(b) and (c)", "fr") == (
        f"article{NBSP}49, paragraphe{NBSP}1, points{NBSP}b) et c), du RGPD"
    )
    with pytest.raises(ValueError):
        cite("9 and 10", "de")
    with pytest.raises(RopaError):
        cite("45", "es")


def test_legal_bases_and_safeguards_are_cited_through_the_helper() -> None:
    from ropa.render import basis_citation, safeguard_citation

    assert basis_citation("consent", "de") == f"Art.{NBSP}6 Abs.{NBSP}1 lit.{NBSP}a DSGVO"
    assert basis_citation("contract", "en") == "Art. 6(1)(b) GDPR"
    assert safeguard_citation("Art. 46(2)(c)", Wording("fr")) == (
        f"article{NBSP}46, paragraphe{NBSP}2, point{NBSP}c), du RGPD"
    )
    assert safeguard_citation("UK GDPR Art. 46", Wording("de")) == "UK GDPR Art. 46"


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_translated_notices_cite_the_gdpr_as_their_lawyers_do(
    translated: dict[str, Any], lang: str
) -> None:
    for kind, text in _texts(translated, lang).items():
        # Neither the English "Art. 6(1)(f)" nor the English name of the Regulation...
        assert not re.search(r"Art\.\s?\d+\(\d+\)", text), kind
        assert "GDPR" not in text.replace("UK GDPR", ""), kind
        # ...nor the informal French "art. 6.1.f" / a citation split from its number.
        assert not re.search(r"\b[Aa]rt\. \d", text), kind
    both = "\n".join(_texts(translated, lang).values())
    if lang == "de":
        assert f"(Art.{NBSP}6 Abs.{NBSP}1 lit.{NBSP}" in both
        assert f"(Art.{NBSP}15 DSGVO)" in both
    else:
        assert f"(article{NBSP}6, paragraphe{NBSP}1, point{NBSP}" in both
        assert f"(article{NBSP}15 du RGPD)" in both


def test_french_punctuation_has_its_no_break_space(translated: dict[str, Any]) -> None:
    for kind, text in _texts(translated, "fr").items():
        plain = re.sub(r"https?://\S+", " ", text)
        assert not re.findall(r".{0,20}[ \t][;:!?]", plain), kind
        assert not re.findall(r".{0,20}[^\s(][;!?](?=\s)", plain), kind
        assert "« " not in plain and " »" not in plain, kind
    assert f"Qui les reçoit{NBSP}:" in _texts(translated, "fr")["md"]


def test_german_keeps_citations_abbreviations_and_quotes_together(
    translated: dict[str, Any],
) -> None:
    for kind, text in _texts(translated, "de").items():
        for loose in (r"Art\. \d", r"Abs\. \d", r"lit\. [a-z]\b", r"z\. B\."):
            assert not re.search(loose, text), (kind, loose)
    md = _texts(translated, "de")["md"]
    assert '"' not in md  # German quotes are „…“
    assert "„Software in unserem Dienst“" in md


def test_no_notice_ends_a_sentence_with_two_full_stops(translated: dict[str, Any]) -> None:
    """'Twilio Inc.' at the end of a sentence printed 'Twilio Inc..'."""
    project: Path = translated["project"]
    render_documents(
        translated["outcome"].record, project / "en2", formats=["html", "md"], final=True
    )
    notices = [project / "en2" / "privacy-notice.html", project / "en2" / "privacy-notice.md"]
    notices += sorted(translated["out"].glob("privacy-notice.*.*"))
    for path in notices:
        text = path.read_text(encoding="utf-8")
        assert not re.findall(r".{0,30}[^.]\.\.(?!\.).{0,10}", text), path.name
    if project.name == "complete":
        assert "Twilio Inc.</dd>" in notices[0].read_text(encoding="utf-8")


def test_single_stops_leaves_ellipses_and_paths() -> None:
    from ropa.render import single_stops

    assert single_stops("Twilio Inc..") == "Twilio Inc."
    assert single_stops("<dd>Twilio Inc..</dd>") == "<dd>Twilio Inc.</dd>"
    assert single_stops("Wait... and ../app/x.py") == "Wait... and ../app/x.py"


def test_gdpr_terms_replace_the_loose_ones(translated: dict[str, Any]) -> None:
    de = "\n".join(_texts(translated, "de").values())
    fr = "\n".join(_texts(translated, "fr").values()).lower()
    for term in ("Einwilligung", "Verantwortliche", "Auftragsverarbeiter", "berechtigte"):
        assert term in de, term
    for term in (
        "consentement",
        "responsable du traitement",
        "sous-traitant",
        "intérêts légitimes",
    ):
        assert term in fr, term
    assert "Zustimmung" not in de and "zustimm" not in de.lower()
    assert "contrôleur" not in fr and "votre accord" not in fr
    if translated["project"].name == "sample":
        assert "Für uns zuständig ist die Aufsichtsbehörde" in de
        assert "gewöhnlichen Aufenthaltsorts" in de
        assert "droit d'opposition" in fr and "autorité de contrôle" in fr


def test_german_names_people_in_paired_forms(translated: dict[str, Any]) -> None:
    de = "\n".join(_texts(translated, "de").values())
    loose = re.findall(
        r".{0,30}(?<!innen und )\b(?:Besucher|Bewerber|Nutzer|Einwohner)\b.{0,10}", de
    )
    assert loose == []
    if translated["project"].name == "sample":
        for paired in (
            "Kundinnen und Kunden",
            "Besucherinnen und Besucher",
            "Nutzerinnen und Nutzer",
        ):
            assert paired in de, paired


def test_french_in_short_continues_in_lower_case(translated: dict[str, Any]) -> None:
    html = (translated["out"] / "privacy-notice.fr.html").read_text(encoding="utf-8")
    after = re.findall(r"En bref\u00a0:</strong> (\w+)", html)
    assert after and "nous" in after
    assert not {"Nous", "Les", "Lorsque", "Certaines", "Voici", "Vous"} & set(after)


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_markdown_paragraphs_do_not_run_together(tmp_path: Path, lang: str) -> None:
    """A paragraph line followed directly by another ran both into one paragraph (the
    Art. 22(3) review sentence joined the consequences of an automated decision)."""
    from ropa.pipeline import run_scan

    record = run_scan([COMPLETE], use_cache=False).record
    render_documents(record, tmp_path, formats=["md"], final=True, languages=[lang])
    lines = (tmp_path / "privacy-notice.md").read_text(encoding="utf-8").splitlines()
    blocks = ("|", "-", "#", ">", " ", "[")
    joined = [
        (a, b)
        for a, b in itertools.pairwise(lines)
        if a and b and not a.startswith(blocks) and not b.startswith(blocks)
    ]
    assert joined == []
    review = [i for i, line in enumerate(lines) if "(Art. 22(3) GDPR)." in line]
    assert lang != "en" or (review and lines[review[0] - 1] == "")


def test_markdown_keeps_no_break_spaces() -> None:
    from ropa.render import md_escape

    assert md_escape(f"Stripe, Inc.{NBSP}; Twilio") == f"Stripe, Inc.{NBSP}; Twilio"
    assert md_escape("a \n\t b") == "a b"
