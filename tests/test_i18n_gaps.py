"""A German or French draft with gaps: its "Missing declaration" markers, its checklist, its
vendors' places and the registry's descriptions of them are in the notice's language, not in
English."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from typing import Any

import jinja2
import pytest
from babel.messages.pofile import read_po

from ropa import i18n
from ropa.pipeline import run_scan
from ropa.registry import load_registry
from ropa.render import builtin_templates, render_documents
from ropa.translate import missing_translations, project_texts
from tests.conftest import BROKEN, DATE, REPO
from tests.test_i18n import english_sentences

SAAS = REPO / "tests" / "fixtures" / "saas"
LOCALE = REPO / "ropa" / "locale"
NBSP = "\u00a0"

# What the saas fixture's draft lacks once these are dropped from its ropa.yaml: the DPO, the
# supervisory authority, Hotjar's DPA, the retention of "Website analytics", the minimum age.
_DROPS = (
    r"(?ms)^dpo:.*?(?=^\S)",
    r"(?ms)^supervisory_authority:.*?(?=^\S)",
    r"(?m)^  hotjar:\n    dpa: .*\n",
    r"(?m)^    retention: P18M\n",
    r"(?m)^  children_min_age: 16\n",
)

# The English the markers and the checklist printed in every language before.
ENGLISH_GAPS = (
    "the supervisory authority responsible for us",
    "no supervisory authority declared",
    "data protection officer (",
    "no data protection officer declared",
    "retention period",
    "no retention period declared",
    "the minimum age for our services",
    "the notice does not say the minimum age",
    "data processing agreement",
    "activity '",
    "vendor '",
)
TRANSLATED_GAPS = {
    "de": (
        "Fehlende Angabe:",
        "die für uns zuständige Aufsichtsbehörde (",
        "Datenschutzbeauftragter (",
        "Speicherdauer",
        "das Mindestalter für unsere Dienste (",
        "Auftragsverarbeitungsvertrag (",
        "Verarbeitungstätigkeit „",
        "Anbieter „hotjar“:",
    ),
    "fr": (
        f"Déclaration manquante{NBSP}:",
        "l'autorité de contrôle compétente à notre égard (",
        "délégué à la protection des données (",
        "durée de conservation",
        "l'âge minimum pour nos services (",
        "contrat de sous-traitance (",
        f"activité de traitement «{NBSP}",
        f"prestataire «{NBSP}hotjar{NBSP}»{NBSP}:",
    ),
}


class _Reader(HTMLParser):
    """The text a reader of the notice sees as ropa's own wording: without code (ropa.yaml
    keys, paths), the project's untranslated texts (``lang="en"``) and their markers."""

    BLOCKS = frozenset("p li td th dt dd h1 h2 h3 div caption tr br".split())
    # The elements that may hide their text, each open one with whether it does.
    NESTING = frozenset("span code style script".split())

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = [""]
        self.open: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.lines.append("")
        if tag in self.NESTING:
            values = dict(attrs)
            self.open.append(
                tag != "span"
                or values.get("lang") == "en"
                or "untranslated-marker" in (values.get("class") or "")
            )

    def handle_endtag(self, tag: str) -> None:
        if tag in self.NESTING:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if not any(self.open):
            self.lines[-1] += data


def reader_text(html: str) -> str:
    parser = _Reader()
    parser.feed(html)
    return "\n".join(parser.lines)


def markdown_text(md: str) -> str:
    """The Markdown notice with its code spans as CODE and without the marks of untranslated
    project texts."""
    md = re.sub(r"`[^`]*`", "CODE", md)
    md = re.sub(r"\*\[(nicht übersetzt|non traduit)\]\*", " ", md)
    return re.sub(r"[*_>|#\\]", " ", md)


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


def test_the_fixture_has_the_gaps_the_tests_read(drafts: dict[str, Any]) -> None:
    items = {(g.item, g.activity, g.vendor) for g in drafts["record"].gaps}
    assert items == {
        ("art30_1_a_dpo", None, None),
        ("art13_2_d_supervisory_authority", None, None),
        ("art28_3_dpa", None, "hotjar"),
        ("art30_1_f_retention", "Website analytics", None),
        ("notice_children_min_age", None, None),
    }


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_gap_markers_and_checklist_are_in_the_notice_language(
    drafts: dict[str, Any], lang: str
) -> None:
    html, md = drafts["texts"][lang]["html"], drafts["texts"][lang]["md"]
    for kind, text in (("html", reader_text(html)), ("md", markdown_text(md))):
        for english in ENGLISH_GAPS:
            assert english not in text, (kind, english)
        for words in TRANSLATED_GAPS[lang]:
            assert words in text, (kind, words)
        # Nothing else English either, but the project's own words (marked by design).
        own = drafts["project_texts"]
        left = [s for s in english_sentences(text) if not any(t in s or s in t for t in own)]
        assert left == [], kind
    # The ropa.yaml key that resolves a gap stays as written, as code.
    assert "<code>supervisory_authority</code>" in html
    assert "`supervisory_authority`" in md


@pytest.mark.parametrize(
    ("lang", "words"), [("de", "Erstellt mit ropa"), ("fr", "Généré par ropa")]
)
def test_the_markdown_draft_says_who_made_it_in_its_language(
    drafts: dict[str, Any], lang: str, words: str
) -> None:
    md = drafts["texts"][lang]["md"]
    assert words in md and "Generated by" not in md
    assert "Generated by ropa" in drafts["texts"]["en"]["md"]


def test_the_english_draft_keeps_the_scan_messages(drafts: dict[str, Any]) -> None:
    """English checklist lines are the words `ropa scan` prints at the same place."""
    html, md = drafts["texts"]["en"]["html"], drafts["texts"]["en"]["md"]
    for text in (html, md):
        assert "ROPA120 no supervisory authority declared" in text
        assert "ROPA108 activity 'Website analytics': no retention period declared" in text
    assert "<strong>Missing declaration:</strong> the supervisory authority responsible" in html


def test_french_and_german_gap_texts_keep_their_typography(drafts: dict[str, Any]) -> None:
    for kind in ("html", "md"):
        fr = drafts["texts"]["fr"][kind]
        fr = reader_text(fr) if kind == "html" else markdown_text(fr)
        plain = re.sub(r"https?://\S+", " ", fr)
        assert not re.findall(r".{0,20}[ \t][;:!?]", plain), kind
        assert "« " not in plain and " »" not in plain, kind
        de = drafts["texts"]["de"][kind]
        de = reader_text(de) if kind == "html" else markdown_text(de)
        assert not re.search(r"Art\. \d|Abs\. \d", de), kind
        assert '"' not in (de if kind == "md" else ""), kind  # German quotes are „…“


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


def _catalog(lang: str) -> dict[str, Any]:
    with (LOCALE / lang / "LC_MESSAGES" / "ropa.po").open("rb") as handle:
        return {m.id: m for m in read_po(handle, locale=lang) if m.id}


def _marker_texts(name: str) -> list[jinja2.nodes.Node]:
    """The first argument of every "Missing declaration" marker a template prints."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    source = (builtin_templates() / name).read_text(encoding="utf-8")
    found = []
    for call in env.parse(source).find_all(jinja2.nodes.Call):
        callee = call.node
        named = callee.attr if isinstance(callee, jinja2.nodes.Getattr) else None
        named = callee.name if isinstance(callee, jinja2.nodes.Name) else named
        if named == "missing" and call.args:
            found.append(call.args[0])
    return found


@pytest.mark.parametrize("name", ["notice.html.j2", "notice.md.j2", "_macros.html.j2"])
def test_every_marker_of_the_notice_is_a_translated_message(name: str) -> None:
    """A marker's text is a message of ropa's catalog (``_("...")``) that German and French
    translate, or a contact block's (``contact_gap``); never English written into the template."""
    catalogs = {lang: _catalog(lang) for lang in ("de", "fr")}
    texts = _marker_texts(name)
    assert len(texts) > (3 if name.startswith("_") else 30)
    for node in texts:
        assert isinstance(node, jinja2.nodes.Call), (name, node.lineno)
        callee = node.node
        assert isinstance(callee, jinja2.nodes.Name), (name, node.lineno)
        if callee.name == "contact_gap":
            continue
        assert callee.name == "_", (name, node.lineno)
        message = node.args[0]
        assert isinstance(message, jinja2.nodes.Const), (name, node.lineno)
        for lang, catalog in catalogs.items():
            entry = catalog.get(message.value)
            assert entry is not None and entry.string and not entry.fuzzy, (lang, message.value)


# Gaps of every kind the checklist words, as the record holds them (id, item, scope).
_GAPS = [
    ("art30_1_a_controller:name", "art30_1_a_controller", None, None),
    ("art30_1_a_dpo:placeholder", "art30_1_a_dpo", None, None),
    ("art27_representative", "art27_representative", None, None),
    ("art13_2_d_supervisory_authority:contact", "art13_2_d_supervisory_authority", None, None),
    ("art26_joint_controllers:acme-contact", "art26_joint_controllers", None, None),
    ("art26_joint_controllers:acme-responsibilities", "art26_joint_controllers", None, None),
    ("art26_joint_controllers:acme-arrangement", "art26_joint_controllers", None, None),
    ("art30_2_a_clients", "art30_2_a_clients", None, None),
    ("ccpa_categories", "ccpa_categories", None, None),
    ("art30_2_a_clients:orders", "art30_2_a_clients", "Orders", None),
    ("art30_2_a_clients:orders:acme", "art30_2_a_clients", "Orders", None),
    ("art26_joint_controllers:orders", "art26_joint_controllers", "Orders", None),
    ("art26_joint_controllers:orders:acme", "art26_joint_controllers", "Orders", None),
    ("art22_2_exception:orders", "art22_2_exception", "Orders", None),
    ("art13_2_f_automated_decision:orders", "art13_2_f_automated_decision", "Orders", None),
    ("art30_1_d_recipients:orders:sendgird", "art30_1_d_recipients", "Orders", "sendgird"),
    ("art30_1_e_transfers:orders:acme", "art30_1_e_transfers", "Orders", "acme"),
    ("art30_1_d_recipients:stripe:unlinked", "art30_1_d_recipients", None, "stripe"),
    ("art30_1_d_recipients:stripe:unknown-activity", "art30_1_d_recipients", None, "stripe"),
    ("art30_1_d_recipients:undeclared:sentry", "art30_1_d_recipients", None, "sentry"),
]


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_the_checklist_words_every_kind_of_gap(lang: str) -> None:
    from ropa.checklist import gap_text

    record = run_scan([BROKEN], date=DATE, use_cache=False).record
    gaps = [g.model_dump() for g in record.gaps]
    gaps += [
        {"id": i, "item": item, "activity": a, "vendor": v, "message": "", "code": "ROPA120"}
        for i, item, a, v in _GAPS
    ]
    texts = {}
    for g in gaps:
        text = gap_text(g, lang)
        assert text and "%(" not in text, g["id"]
        assert text != gap_text(g, "en"), g["id"]  # translated, not the English message
        texts[g["id"]] = text
    # The key a project chose is named; the article of the GDPR is cited as the language does.
    arrangement = texts["art26_joint_controllers:acme-arrangement"]
    assert "acme" in arrangement and ("DSGVO" in arrangement or "RGPD" in arrangement)
    assert "acme" in texts["art30_2_a_clients:orders:acme"]
    assert "sendgird" in texts["art30_1_d_recipients:orders:sendgird"]
    assert "dpo" in texts["art30_1_a_dpo"]


def test_french_checklist_lines_space_their_colon(drafts: dict[str, Any]) -> None:
    """A checklist line's location and code are joined by a colon with its no-break space in
    French (``ropa.yaml:1 : ROPA120``), in English and German with none; and no colon, semicolon,
    question or exclamation mark of the French draft outside code and the project's own texts
    follows a letter directly."""
    html, md = drafts["texts"]["fr"]["html"], drafts["texts"]["fr"]["md"]
    assert f"<code>ropa.yaml:1</code>{NBSP}: ROPA120 " in html
    assert f"- [ ] `ropa.yaml:1`{NBSP}: ROPA120 " in md
    for lang in ("en", "de"):
        assert "- [ ] `ropa.yaml:1`: ROPA120 " in drafts["texts"][lang]["md"]
    own = sorted(drafts["project_texts"], key=len, reverse=True)
    for kind, text in (("html", reader_text(html)), ("md", markdown_text(md))):
        for t in own:
            text = text.replace(t, " ")
        plain = re.sub(r"https?://\S+", " ", text)
        assert not re.findall(r".{0,20}\S[;:!?](?=\s).{0,20}", plain), kind


# The registry's descriptions of the saas fixture's vendors, as each language words them.
REGISTRY_SERVICES = {
    "en": (
        "Payment processing",
        "CRM and marketing automation",
        "Behaviour analytics and session recording",
        "Customer messaging and support",
    ),
    "de": (
        "Zahlungsabwicklung",
        "Kundenbeziehungsmanagement (CRM) und Marketing-Automatisierung",
        "Verhaltensanalyse und Sitzungsaufzeichnung",
        "Kundenkommunikation und Support",
    ),
    "fr": (
        "Traitement des paiements",
        "Gestion de la relation client (CRM) et automatisation du marketing",
        "Analyse comportementale et enregistrement des sessions",
        "Messagerie et assistance clients",
    ),
}


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_registry_descriptions_are_in_the_notice_language(
    drafts: dict[str, Any], lang: str
) -> None:
    """A registry vendor's description is ropa's text: German and French notices word it in
    their language, unmarked, in HTML and Markdown alike."""
    html, md = unescape(drafts["texts"][lang]["html"]), drafts["texts"][lang]["md"]
    for text in REGISTRY_SERVICES[lang]:
        assert f'data-label="{"Zweck" if lang == "de" else "Finalité"}">{text}<br>' in html, text
        assert f"| {text} (" in md, text
    for english in REGISTRY_SERVICES["en"]:
        assert english not in html + md, english


def test_registry_descriptions_are_no_project_text(drafts: dict[str, Any]) -> None:
    """``ropa translate`` does not ask the project for the registry's descriptions, and a build
    in German or French reports no ROPA113 for them."""
    record = drafts["record"]
    assert not set(REGISTRY_SERVICES["en"]) & set(drafts["project_texts"])
    found = missing_translations(record, SAAS, ["de", "fr"])
    assert found  # the project's own texts are still reported
    reported = " ".join(d.message for d in found)
    for english in REGISTRY_SERVICES["en"]:
        assert f"'{english}'" not in reported, english


def test_a_description_the_project_writes_stays_its_own(tmp_path: Any) -> None:
    """A vendor whose description ``ropa.yaml`` overrides keeps it as the project's text: asked
    for in its catalog (ROPA113 until translated), and shown in a French draft as written."""
    project = tmp_path / "saas"
    shutil.copytree(SAAS, project)
    config = project / "ropa.yaml"
    text = config.read_text(encoding="utf-8")
    own = "vendors:\n  stripe:\n    services: Card payments for our invoices\n"
    config.write_text(text.replace("vendors:\n", own, 1), encoding="utf-8")
    outcome = run_scan([project], date=DATE, use_cache=False)
    assert "Card payments for our invoices" in [t.text for t in project_texts(outcome.record)]
    out = project / "out"
    render_documents(outcome.record, out, formats=["html", "md"], languages=["fr"])
    html = (out / "privacy-notice.html").read_text(encoding="utf-8")
    md = (out / "privacy-notice.md").read_text(encoding="utf-8")
    found = missing_translations(outcome.record, project, ["fr"])
    assert any("'Card payments for our invoices'" in d.message for d in found)
    assert "Card payments for our invoices" in html and "Card payments for our invoices" in md
    assert "Traitement des paiements" not in html + md
    # The other registry vendors are still described in French.
    assert "Messagerie et assistance clients" in unescape(html)


def test_every_registry_description_is_translated() -> None:
    """Each vendor of ropa's registry has its description in German and French: a new entry
    without one fails here (and its msgid comes from ``pybabel extract``, see babel.cfg)."""
    services = {v.services for v in load_registry().values()}
    assert len(services) > 50
    for lang in ("de", "fr"):
        with (LOCALE / lang / "LC_MESSAGES" / "ropa.po").open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        have = {
            m.id: m.string
            for m in catalog
            if m.context == i18n.VENDOR_SERVICES and m.string and not m.fuzzy
        }
        assert sorted(services - set(have)) == [], lang
        translations = i18n.translations(lang)
        for text in services:
            assert translations.pgettext(i18n.VENDOR_SERVICES, text) == have[text], text


# Lists of the project's texts in the saas draft, each text with its own tag and marker: a
# vendor's activities, the other recipients of the summary and of the recipients section; the
# words before each in HTML and in Markdown.
_LISTED = {
    "de": (
        "nicht übersetzt",
        ("Für: ", "Weitere Empfänger: ", "(für: "),
        ("(für: ", "Weitere Empfänger: ", "(für: "),
        ("Billing", "Tax authorities, on request during an audit", "Recruitment"),
    ),
    "fr": (
        "non traduit",
        (f"Pour{NBSP}: ", f"Autres destinataires{NBSP}: ", f"(pour{NBSP}: "),
        (f"(pour{NBSP}: ", f"Autres destinataires{NBSP}: ", f"(pour{NBSP}: "),
        ("billing", "Tax authorities, on request during an audit", "recruitment"),
    ),
}


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_listed_project_texts_keep_their_language_and_marker(
    drafts: dict[str, Any], lang: str
) -> None:
    """A project text joined into a list keeps ``lang="en"`` (screen readers pronounce it as
    English) and its draft marker, in HTML and in Markdown, as a text on its own does."""
    marker, in_html, in_md, texts = _LISTED[lang]
    html, md = drafts["texts"][lang]["html"], drafts["texts"][lang]["md"]
    for text, before_html, before_md in zip(texts, in_html, in_md, strict=True):
        tagged = (
            f'<span lang="en">{text}</span> <span class="untranslated-marker">[{marker}]</span>'
        )
        assert before_html + tagged in html, text
        assert f"{before_md}{text} *[{marker}]*" in md, text


def test_a_list_with_a_project_text_escapes_it_and_stays_its_text() -> None:
    """The list is still its joined text (a sentence of items in the language), escaped as
    one when printed: the project's text in it cannot become markup."""
    from markupsafe import escape

    from ropa.render import TextList, Wording
    from ropa.translate import Untranslated

    french = Wording("fr", marked=True)
    joined = french.sentence(["Tarif", Untranslated("<b>Bold</b> & co"), "Autre"])
    assert isinstance(joined, TextList) and joined == "Tarif, <b>Bold</b> & co et Autre"
    assert str(escape(joined)) == (
        'Tarif, <span lang="en">&lt;b&gt;Bold&lt;/b&gt; &amp; co</span> '
        '<span class="untranslated-marker">[non traduit]</span> et Autre'
    )
    assert french.md(joined) == "Tarif, \\<b\\>Bold\\</b\\> & co *[non traduit]* et Autre"
    assert french.midsentence(joined).pieces[0] == "tarif"
    assert french.sentence(["a", "b"]) == "a et b" and type(french.sentence(["a"])) is str


class _Tagged(HTMLParser):
    """Each text of the page's body, with whether it is inside an element of ``lang="en"``."""

    VOID = frozenset("br wbr img hr meta link input col".split())

    def __init__(self) -> None:
        super().__init__()
        self.open: list[bool] = []
        self.body = False
        self.texts: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.body = self.body or tag == "body"
        if tag not in self.VOID:
            self.open.append(dict(attrs).get("lang") == "en")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.body:
            self.texts.append((data, any(self.open)))


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_every_untranslated_project_text_is_tagged_english(
    drafts: dict[str, Any], lang: str
) -> None:
    """Wherever a German or French draft prints one of the project's untranslated texts (on its
    own, in a list, in one of ropa's sentences, as a named source, as a way to withdraw
    consent), it is inside ``lang="en"``."""
    parser = _Tagged()
    parser.feed(drafts["texts"][lang]["html"])
    own = [re.compile(f"(?i:{re.escape(t[0])}){re.escape(t[1:])}") for t in drafts["project_texts"]]
    bare = [(text, data) for data, tagged in parser.texts if not tagged for text in own]
    assert [(t.pattern, data) for t, data in bare if t.search(data)] == []


def test_the_untranslated_marker_is_never_hyphenated_in_the_pdf(
    drafts: dict[str, Any], tmp_path: Any
) -> None:
    """In the French vendor table's narrow columns WeasyPrint split the marker as
    "[non tra-duit]", which reads as two words; print.css keeps it on one line."""
    import pypdf

    out = tmp_path / "pdf"
    render_documents(drafts["record"], out, formats=["pdf"], languages=["fr"])
    reader = pypdf.PdfReader(out / "privacy-notice.pdf")
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert text.count("[non traduit]") >= 10
    assert not re.search(r"\[non\s*tra[-\u2010\u00ad]", text), "the marker was hyphenated"
