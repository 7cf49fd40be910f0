"""The one Jinja environment: templates loaded from a confined folder, the filters, the errors."""

from __future__ import annotations

import os
import re
import stat
import traceback
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, cast

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from ropa import i18n
from ropa.checklist import gap_text
from ropa.errors import RopaError
from ropa.markup import (
    _unique,
    breakable,
    capfirst,
    css_counter,
    mailto,
    md_email,
    md_escape,
    md_link,
    prose,
    safe_url,
    short_commit,
    tel,
    url_text,
    visible_controls,
)
from ropa.wording import (
    ADM_EXCEPTION_LABELS,
    DPIA_LABELS,
    ENGLISH,
    LEGAL_BASIS_LABELS,
    LEGAL_BASIS_PLAIN,
    ROLE_LABELS,
    SAFEGUARD_LABELS,
    SOURCE_LABELS,
    SOURCE_PLAIN,
    SPECIAL_BASIS_LABELS,
    SPECIAL_LABELS,
    TextList,
    Wording,
    _label,
    _recase,
    basis_citation,
)


def builtin_templates() -> Path:
    """The built-in templates: inside the wheel, or at the repository root when editable."""
    packaged = resources.files("ropa") / "templates"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "templates"


def _template_error(exc: jinja2.TemplateError, name: str) -> RopaError:
    """A template problem as ``FILE:LINE: message``, the file being the template at fault."""
    where, line = name, getattr(exc, "lineno", None)
    filename = getattr(exc, "filename", None) or getattr(exc, "name", None)
    if filename:
        where = Path(filename).name
    if line is None:
        # Errors at render time (an undefined name) carry no position, but Jinja rewrites the
        # traceback so that template frames name the template file and line.
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".j2"):
                where, line = Path(frame.filename).name, frame.lineno
                break
    message = exc.message or ""
    if isinstance(exc, jinja2.TemplateNotFound):
        message = (
            f"no template {exc.name!r} (a name is relative to the templates folder, without '..')"
        )
    elif isinstance(exc, SecurityError):
        message += " Templates may format values, not reach Python internals or change data."
    message = message.removeprefix(f"{where}: ")
    return RopaError(f"{where}{f':{line}' if line else ''}: template error: {message}")


# A template is a page of markup; anything larger is not one (and would be read whole).
MAX_TEMPLATE_BYTES = 4 * 1024 * 1024


def check_templates(templates: Path) -> None:
    """Refuse a ``--templates`` argument that names no folder."""
    if not os.path.lexists(templates):
        raise RopaError(f"{templates}: no such templates folder")
    if not templates.is_dir():
        raise RopaError(f"{templates}: is not a folder (--templates names a folder of templates)")


class _FolderLoader(jinja2.BaseLoader):
    """The user's templates folder, confined: a name may not climb out of it with ``..`` or
    an absolute path, nor through a symbolic link (a file or a subfolder) that leads out of
    it, and only a regular file of bounded size is read. In CI the folder may come from a
    pull request."""

    def __init__(self, folder: Path) -> None:
        check_templates(folder)
        self.root = Path(os.path.realpath(folder))

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        candidate = self.root.joinpath(*split_template_path(template))
        if not os.path.lexists(candidate):
            raise jinja2.TemplateNotFound(template)
        real = Path(os.path.realpath(candidate))
        if self.root not in real.parents:
            raise jinja2.TemplateError(
                f"{template}: a symbolic link out of the templates folder; not read"
            )
        try:
            fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except OSError as error:
            raise jinja2.TemplateError(f"{template}: cannot read: {error.strerror}") from None
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise jinja2.TemplateError(f"{template}: not a regular file; not read")
            if info.st_size > MAX_TEMPLATE_BYTES:
                raise jinja2.TemplateError(
                    f"{template}: larger than {MAX_TEMPLATE_BYTES // 1024 // 1024} MiB; not read"
                )
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise jinja2.TemplateError(f"{template}: not UTF-8 ({error.reason})") from None
        return source, str(real), lambda: True


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory for the process, keyed by name and source checksum:
    the notice's environment for each language compiles the same templates as the record's,
    and compiling notice.html.j2 costs a third of a second."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def environment(
    templates: Path | None = None, wording: Wording | None = None
) -> jinja2.Environment:
    """The one Jinja environment: overrides first, then the built-in templates.

    Templates may format, not execute: the environment is Jinja's immutable sandbox, so a
    template cannot reach Python internals (``cycler.__init__.__globals__``, ``__class__``,
    ``str.format`` on attributes) nor change the values it is given; an attempt is a template
    error. Autoescaping is on for every template, Markdown included: there the ``md`` and
    ``md_cell`` filters escape for Markdown and mark the result safe, and a value a template
    forgets to filter still comes out HTML-escaped, which a Markdown renderer shows as text.
    ``builtin/NAME`` always reaches the shipped template, so an override can extend it.
    Templates speak through ``wording``'s catalog (``_()``, ``ngettext()``; newstyle, so
    values passed to a message are escaped) and its filters; English by default.
    """
    w = wording or ENGLISH
    builtin = jinja2.FileSystemLoader(str(builtin_templates()))
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        loaders.append(_FolderLoader(templates))
    loaders += [builtin, jinja2.PrefixLoader({"builtin": builtin})]
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=lambda value: visible_controls(w.show(value)),
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=_COMPILED,
    )
    env.install_gettext_translations(w.catalog, newstyle=True)  # type: ignore[attr-defined]
    # A project text passed to a message keeps its language tag and draft marker, as it does
    # printed on its own (Markdown templates pass values through ``md`` first).
    for name in ("_", "gettext", "ngettext", "pgettext", "npgettext"):
        env.globals[name] = _showing_values(cast(Callable[..., str], env.globals[name]), w)
    # French sets a (non-breaking) space before a semicolon too.
    env.globals.update(lang=w.lang, semicolon="\u00a0; " if w.lang == "fr" else "; ")
    env.globals.update(colon_sign="\u00a0:" if w.lang == "fr" else ":")
    # An article of the GDPR, cited as the language's lawyers cite it (ropa.i18n).
    env.globals.update(gdpr=lambda ref: i18n.gdpr_citation(ref, w.lang))
    env.filters.update(
        long_date=w.date,
        basis=lambda key: _label(LEGAL_BASIS_LABELS, key),
        basis_plain=lambda key: w.label(LEGAL_BASIS_PLAIN, key),
        basis_article=lambda key: basis_citation(key, w.lang),
        special_basis=lambda key: w.label(SPECIAL_BASIS_LABELS, key),
        adm_exception=lambda key: _label(ADM_EXCEPTION_LABELS, key),
        dpia=lambda key: _label(DPIA_LABELS, key),
        safeguard=lambda key: _label(SAFEGUARD_LABELS, key),
        role=lambda key: w.label(ROLE_LABELS, key),
        source=lambda key: _label(SOURCE_LABELS, key),
        source_plain=lambda key: w.label(SOURCE_PLAIN, key),
        special=lambda key: w.label(SPECIAL_LABELS, key),
        gap_item=gap_item,
        gap_text=lambda gap, markdown=False: checklist_text(gap, w, markdown),
        gap_part=gap_part,
        gap_ids=gap_ids,
        sentence=w.sentence,
        midsentence=w.midsentence,
        after_colon=w.after_colon,
        colon=w.colon,
        capfirst=lambda value: _recase(value, capfirst),
        breakable=breakable,
        url_text=url_text,
        prose=jinja2.pass_context(lambda context, value: w.tagged(value, prose(context, value))),
        short_commit=short_commit,
        css_counter=css_counter,
        url=safe_url,
        mailto=mailto,
        tel=tel,
        md=w.md,
        md_cell=partial(w.md, cell=True),
        md_link=md_link,
        md_email=md_email,
    )
    env.globals.update(css=lambda name, missing_ok=False: _css(env, name, missing_ok))

    @jinja2.pass_eval_context
    def join(
        context: jinja2.nodes.EvalContext, value: Iterable[Any], d: str = "", attribute: Any = None
    ) -> str:
        """Jinja's ``join``, but a list with untranslated project texts keeps each one's
        language tag and draft marker (``TextList``)."""
        items = list(value)
        if attribute is not None:
            get = jinja2.filters.make_attrgetter(env, attribute)
            items = [get(i) for i in items]
        from ropa.translate import Untranslated

        if any(isinstance(i, (Untranslated, TextList)) for i in items):
            return w.joined(items, str(d).join)
        joined: str = jinja2.filters.do_join(context, items, d)
        return joined

    env.filters["join"] = join
    return env


def _showing_values(message: Callable[..., str], w: Wording) -> Callable[..., str]:
    """Jinja's new-style ``message`` function with each value it is passed shown as
    ``w.show`` shows a printed one."""

    @jinja2.pass_context
    def call(context: jinja2.runtime.Context, *args: Any, **values: Any) -> str:
        return message(context, *args, **{k: w.show(v) for k, v in values.items()})

    return call


def _css(env: jinja2.Environment, name: str, missing_ok: bool) -> Markup:
    """A stylesheet's text, read through the loader (so it can be overridden) but not run as
    a template: CSS may contain ``{#`` and needs no Jinja."""
    assert env.loader is not None
    try:
        source, _, _ = env.loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        if missing_ok:
            return Markup("")
        raise
    return Markup(source.replace("</", "<\\/"))


_GAP_LABELS = {
    "art28_3_dpa": "Art. 28(3): data processing agreement",
    "lia": "Art. 6(1)(f), 5(2): legitimate interests assessment",
    "consent_record": "Art. 7(1): record of consent",
    "art13_2_c_withdrawal": "Art. 7(3), 13(2)(c): how to withdraw consent",
    "art35_dpia": "Art. 35: DPIA decision",
    "art22_2_exception": "Art. 22(2): exception allowing the automated decision",
    "art30_1_a_dpo": "Art. 30(1)(a), 37: data protection officer",
    "notice_effective_date": "Notice: effective date",
    "notice_children_min_age": "Notice: minimum age",
    "ccpa_categories": "CCPA: categories of personal information",
}
_GAP_ITEM = re.compile(r"^art(\d+)_(\d+)_([a-z])_(.+)$")


def gap_item(item: str) -> str:
    """``art30_1_b_purpose`` -> ``Art. 30(1)(b): purpose``."""
    if item in _GAP_LABELS:
        return _GAP_LABELS[item]
    match = _GAP_ITEM.match(item)
    if match:
        return f"Art. {match[1]}({match[2]})({match[3]}): {match[4].replace('_', ' ')}"
    head, _, rest = item.partition("_")
    if head.startswith("art") and head[3:].isdigit():
        return f"Art. {head[3:]}: {rest.replace('_', ' ')}"
    return item.replace("_", " ")


def checklist_text(
    gap: Mapping[str, Any], wording: Wording | None = None, markdown: bool = False
) -> Markup:
    """A gap as the draft notice's checklist says what it lacks, as HTML (or ``markdown``):
    in English, the scan's own message (the words ``ropa scan`` prints at the same place); in
    another language, what the item lacks from ropa's catalog, as the message is English."""
    w = wording or ENGLISH
    quote: Callable[[str], Markup] = md_escape if markdown else escape
    text = None
    if w.lang != i18n.DEFAULT_LANGUAGE:
        text = gap_text(gap, w.lang, quote, partial(_code, markdown=markdown))
    return Markup(text) if text is not None else quote(gap.get("message") or gap_item(gap["item"]))


def _code(text: str, markdown: bool = False) -> Markup:
    """A ``ropa.yaml`` key or a declaration argument, shown as code."""
    return Markup(f"`{text}`") if markdown else Markup(f"<code>{escape(text)}</code>")


def gap_part(gaps: Iterable[Mapping[str, Any]], part: str = "") -> list[Mapping[str, Any]]:
    """The gaps of a project-level item whose id ends in ``:part`` (``""``: the bare item)."""
    return [g for g in gaps if str(g["id"]).partition(":")[2] == part]


def gap_ids(gaps: Iterable[Mapping[str, Any]]) -> str:
    """The ``data-gap`` attribute value of a marker: the ids of the gaps it shows."""
    return " ".join(_unique(str(g["id"]) for g in gaps))


def gap_lookup(
    gaps: list[dict[str, Any]],
) -> Callable[..., list[dict[str, Any]]]:
    """``gap(item, activity=, vendor=)``: the record's gaps of one or several items; a scope
    left out matches any. Templates print a "Missing declaration" marker only for these."""

    def gap(
        item: str | Iterable[str],
        activity: str | Iterable[str] | None = None,
        vendor: str | None = None,
    ) -> list[dict[str, Any]]:
        items = {item} if isinstance(item, str) else set(item)
        acts = (
            None if activity is None else {activity} if isinstance(activity, str) else set(activity)
        )
        return [
            g
            for g in gaps
            if g["item"] in items
            and (acts is None or g["activity"] in acts)
            and (vendor is None or g["vendor"] == vendor)
        ]

    return gap
