"""The project's own texts in other languages: its catalogs, their upkeep and their use."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from ropa import i18n
from ropa.checks import diag
from ropa.errors import RopaError
from ropa.markup import safe_url
from ropa.model import Diagnostic, Location
from ropa.output import write_files
from ropa.recordmodel import CodeLocation, Record, RecordBody
from ropa.registry import load_registry
from ropa.taxonomy import SOURCES

#: The gettext domain of a project's texts: ``locale/LANG/LC_MESSAGES/ropa-project.po``.
PROJECT_DOMAIN = "ropa-project"
CONFIG_PLACE = "ropa.yaml"


class Untranslated(str):
    """A project text shown in its original language, as no translation exists: documents
    tag it with that language (``lang="en"``) and mark it in drafts."""

    lang = i18n.DEFAULT_LANGUAGE


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectText:
    """One text the project writes and the notice shows, with where it is declared."""

    text: str
    path: str
    line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectCatalog:
    """A project's translations into one language (``msgid`` -> ``msgstr``), fuzzy and
    empty entries left out, and the path it was read from (for messages)."""

    lang: str
    path: str
    messages: Mapping[str, str]
    fuzzy: frozenset[str] = frozenset()

    def get(self, text: str) -> str | None:
        return self.messages.get(text) or None


def catalog_path(root: Path, lang: str) -> Path:
    """Where a project keeps its catalog for ``lang``."""
    return root / "locale" / lang / "LC_MESSAGES" / f"{PROJECT_DOMAIN}.po"


#: A catalog of a notice's texts is tens of kilobytes; anything far larger is not one.
MAX_CATALOG_BYTES = 4 * 1024 * 1024


def _read(path: Path, lang: str, display: str) -> Catalog:
    """The catalog at ``path``: a regular file of bounded size, never through a symbolic link
    (in CI the file may come from a pull request); its errors name the file and line."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        reason = "a symbolic link; not read" if os.path.islink(path) else error.strerror
        raise RopaError(f"{display}: cannot read: {reason}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise RopaError(f"{display}: not a regular file; not read")
        if info.st_size > MAX_CATALOG_BYTES:
            raise RopaError(f"{display}: larger than 4 MiB; not read")
        data = handle.read(MAX_CATALOG_BYTES + 1)
    try:
        return read_po(io.BytesIO(data), locale=lang, domain=PROJECT_DOMAIN, abort_invalid=True)
    except PoFileError as error:
        # Babel counts lines from 0 and words its message "... on N".
        reason = str(error).rpartition(" on ")[0] or str(error)
        raise RopaError(
            f"{display}:{error.lineno + 1}: not a valid gettext catalog: {reason.lower()}"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise RopaError(f"{display}: cannot read: {error}") from None


def load_project_catalog(root: Path, lang: str) -> ProjectCatalog | None:
    """The project's catalog for ``lang``, or None when it has none. A catalog that cannot be
    read is ropa's inability to go on (exit 2) with the file and line it stumbled on."""
    path = catalog_path(root, lang)
    display = path.relative_to(root).as_posix()
    if not os.path.lexists(path):
        return None
    catalog = _read(path, lang, display)
    messages = {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string
        if not m.fuzzy
    }
    fuzzy = frozenset(str(m.id) for m in catalog if m.id and m.fuzzy)
    return ProjectCatalog(lang=lang, path=display, messages=messages, fuzzy=fuzzy)


def project_texts(record: RecordBody, lines: Mapping[str, int] | None = None) -> list[ProjectText]:
    """Every text the project writes that the notice shows, in the order of the record,
    each once (at its first declaration)."""
    seen: dict[str, ProjectText] = {}

    def keep(text: str, where: tuple[str, int]) -> str:
        if text.strip() and text not in seen:
            seen[text] = ProjectText(text=text, path=where[0], line=where[1])
        return text

    _visit(record, keep, lines or {})
    return list(seen.values())


def _where(locations: Sequence[CodeLocation], default: tuple[str, int]) -> tuple[str, int]:
    """The first place of ``locations``, or ``default`` when there is none."""
    first = locations[0] if locations else None
    if first is None or not first.path:
        return default
    return first.path, first.line or 1


_ACTIVITY_TEXTS = (
    "name",
    "purpose",
    "legitimate_interest",
    "requirement",
    "automated_decision",
    "automated_decision_effects",
)

_Body = TypeVar("_Body", bound=RecordBody)


def _visit(
    record: _Body, fix: Callable[[str, tuple[str, int]], str], lines: Mapping[str, int]
) -> _Body:
    """The record with ``fix(text, where)`` in place of every project text the notice shows,
    visited in the record's order; ``lines`` are the lines of ``ropa.yaml``'s keys, where
    texts declared there are reported. The parts are already valid: they are copied with
    their new texts, not validated again."""

    def text(value: object) -> bool:
        # A web address is the same in every language.
        return isinstance(value, str) and bool(value.strip()) and safe_url(value) is None

    def one(value: str | None, where: tuple[str, int]) -> Any:
        return fix(value, where) if isinstance(value, str) and text(value) else value

    def each(values: Sequence[str], where: tuple[str, int]) -> tuple[str, ...]:
        return tuple(one(v, where) for v in values)

    def config(*keys: str) -> tuple[str, int]:
        return (CONFIG_PLACE, next((lines[k] for k in keys if k in lines), 1))

    def renamed(values: Sequence[str]) -> tuple[str, ...]:
        return tuple(names.get(n, n) for n in values)

    names: dict[str, str] = {}
    activities = []
    for a in record.activities:
        if not a.notice:
            activities.append(a)
            continue
        where = _where(a.locations, config("activities"))
        update: dict[str, Any] = {key: one(getattr(a, key), where) for key in _ACTIVITY_TEXTS}
        names[a.name] = update["name"]
        # "client" is the source the builder gives work done for a client; ropa words it.
        if a.source not in ("client", *SOURCES):
            update["source"] = one(a.source, where)
        update["withdrawal"] = one(a.withdrawal, where)
        if a.retention is not None and not a.retention.iso:
            update["retention"] = a.retention.model_copy(
                update={"text": one(a.retention.text, where)}
            )
        update["recipients"] = each(a.recipients, where)
        activities.append(a.model_copy(update=update))
    vendors = []
    registry = load_registry()
    for v in record.vendors:
        # A vendor only ropa.yaml declares is reported at its entry there.
        where = _where(v.locations, config(f"vendors.{v.key}", "vendors"))
        # The registry's description of a vendor and the place of its head office are ropa's:
        # the notice words them in each language (ropa.wording.registry_text, head_office).
        # What ropa.yaml writes instead is the project's.
        listed = registry.get(v.key)
        ours = listed.services if listed is not None else None
        services = v.services if v.services == ours else one(v.services, where)
        purposes = tuple(p if p == ours else one(p, where) for p in v.purposes)
        update = {"services": services, "purposes": purposes}
        if listed is None or listed.location != v.location:
            update["location"] = one(v.location, where)
        # Activity names as the vendor lists them: the same words as the activity's own.
        vendors.append(v.model_copy(update={**update, "activities": renamed(v.activities)}))
    joint = []
    for j in record.joint_controllers:
        at = config("joint_controllers")
        arrangement = one(j.arrangement, at)
        joint.append(
            j.model_copy(
                update={"arrangement": arrangement, "responsibilities": one(j.responsibilities, at)}
            )
        )
    security = each(record.security_measures, config("security_measures"))
    notice = record.notice.model_copy(
        update={"changes": one(record.notice.changes, config("notice.changes"))}
    )
    # Data categories, uses and subjects the project defines itself (``categories:`` in
    # ropa.yaml); ropa's own vocabulary comes from its catalogs.
    builtin = _builtin_vocabulary()
    vocabulary: dict[str, Any] = {}
    for kind in ("categories", "uses", "subjects"):
        terms: dict[str, Any] = {}
        for key, term in getattr(record.vocabulary, kind).items():
            update = {}
            for field in ("label", "description"):
                value = getattr(term, field)
                if text(value) and (kind, value) not in builtin:
                    update[field] = fix(value, config("categories"))
            terms[key] = term.model_copy(update=update) if update else term
        vocabulary[kind] = terms
    return record.model_copy(
        update={
            "activities": tuple(activities),
            "vendors": tuple(vendors),
            "transfers": tuple(
                t.model_copy(update={"activities": renamed(t.activities)}) for t in record.transfers
            ),
            "gaps": tuple(
                g.model_copy(update={"activity": names[g.activity]}) if g.activity in names else g
                for g in record.gaps
            ),
            "joint_controllers": tuple(joint),
            "security_measures": security,
            "notice": notice,
            "vocabulary": record.vocabulary.model_copy(update=vocabulary),
        }
    )


def _builtin_vocabulary() -> Mapping[tuple[str, str], str]:
    from ropa.taxonomy import load_taxonomy

    return _english_vocabulary(load_taxonomy())


def _english_vocabulary(taxonomy: Any) -> Mapping[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for kind in ("categories", "uses", "subjects"):
        for term in taxonomy.kind(kind).values():
            out[(kind, term.label)] = term.label
            out[(kind, term.description)] = term.description
    return out


def translate_record(record: Record, catalog: ProjectCatalog | None) -> Record:
    """``record`` with the project's texts from ``catalog``; a text it lacks stays as
    written, as ``Untranslated``."""

    def fix(text: str, where: tuple[str, int]) -> str:
        found = catalog.get(text) if catalog else None
        return found if found else Untranslated(text)

    return _visit(record, fix, {})


def missing_translations(
    record: RecordBody,
    root: Path,
    languages: Sequence[str],
    lines: Mapping[str, int] | None = None,
) -> list[Diagnostic]:
    """ROPA113 for each project text without a translation in a language the notice is built
    in (and one for a fuzzy entry, which is not used until confirmed)."""
    out: list[Diagnostic] = []
    texts = project_texts(record, lines)
    for lang in languages:
        if lang == i18n.DEFAULT_LANGUAGE:
            continue
        catalog = load_project_catalog(root, lang)
        file = catalog_path(root, lang).relative_to(root).as_posix()
        for t in texts:
            if catalog and catalog.get(t.text):
                continue
            fuzzy = catalog is not None and t.text in catalog.fuzzy
            state = "is marked fuzzy (not used until confirmed)" if fuzzy else "has no translation"
            out.append(
                diag(
                    "ROPA113",
                    f"{_quote(t.text)} {state} in {file} ({lang}); the notice shows it as written",
                    Location(path=t.path, line=t.line),
                    f"run 'ropa translate --lang {lang}' and translate it",
                )
            )
    return out


def _quote(text: str, limit: int = 60) -> str:
    short = text if len(text) <= limit else text[: limit - 1] + "\u2026"
    return f"'{short}'"


def update_catalog(
    record: RecordBody, root: Path, lang: str, lines: Mapping[str, int] | None = None
) -> tuple[Path, Catalog]:
    """The project's catalog for ``lang`` brought up to date with ``record``: every text the
    notice shows as a message (``#:`` its declaration), translations kept, texts no longer
    written kept as obsolete. Deterministic: the same record and catalog give the same file."""
    i18n.check_language(lang, [c for c in i18n.LANGUAGES if c != i18n.DEFAULT_LANGUAGE])
    path = catalog_path(root, lang)
    display = path.relative_to(root).as_posix()
    old = _read(path, lang, display) if os.path.lexists(path) else None
    template = Catalog(
        locale=lang,
        domain=PROJECT_DOMAIN,
        project=PROJECT_DOMAIN,
        fuzzy=False,
        header_comment=_HEADER.format(lang=lang),
    )
    for t in project_texts(record, lines):
        template.add(t.text, locations=[(t.path, t.line)])
    if old is None:
        catalog = template
        catalog.language_team = catalog.last_translator = ""
    else:
        catalog = old
        # No fuzzy matching: a guessed translation of a changed purpose would be published
        # as if someone had checked it.
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    # Fixed header dates: the file changes only when its messages do.
    catalog.creation_date = catalog.revision_date = _EPOCH
    return path, catalog


def write_catalog(path: Path, catalog: Catalog) -> None:
    """Write ``catalog`` to ``path`` atomically, as every other output."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, include_previous=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_files({path: buffer.getvalue()})


def _epoch() -> Any:
    import datetime as dt

    return dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


_EPOCH = _epoch()
_HEADER = """\
# The project's texts in its privacy notice, translated into '{lang}'.
# Written by 'ropa translate --lang {lang}': fill in each msgstr; a later run keeps them,
# adds new texts and marks texts no longer written as obsolete (#~)."""
