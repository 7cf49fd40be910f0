"""The vocabulary: fideslang's data categories, uses and subjects, plus ropa's legal data."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ropa.errors import ConfigError
from ropa.yamlio import load_yaml

LEGAL_BASES = (
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
)
SPECIAL_CATEGORY_BASES = (
    "explicit_consent",
    "employment",
    "vital_interests",
    "not_for_profit",
    "made_public",
    "legal_claims",
    "substantial_public_interest",
    "health_care",
    "public_health",
    "archiving_research",
)
#: Conditions for Art. 10 data that are not Art. 9(2) keys; each needs the ``law`` it rests on.
ART10_CONDITIONS = ("official_authority", "authorised_by_law")
#: A DPIA decision that is not a link or reference to the completed assessment.
DPIA_DECISIONS = ("not_required", "required", "in_progress")
#: Art. 22(2) exceptions that allow a solely automated decision with significant effects.
ADM_EXCEPTIONS = ("contract", "law", "explicit_consent")
SOURCES = ("data_subject", "third_party", "public")


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    """One key of a vocabulary with its plain-language label and description."""

    key: str
    name: str
    label: str
    description: str
    parent: str | None = None
    special: str | None = None
    """``art9`` (special category), ``art10`` (criminal data) or None."""
    ccpa: tuple[str, ...] = ()
    ccpa_sensitive: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Taxonomy:
    """Categories, uses and subjects by key, and the CCPA category names."""

    categories: Mapping[str, Term]
    uses: Mapping[str, Term]
    subjects: Mapping[str, Term]
    ccpa_categories: Mapping[str, tuple[str, str]]

    def kind(self, kind: str) -> Mapping[str, Term]:
        return {"categories": self.categories, "uses": self.uses, "subjects": self.subjects}[kind]

    def special(self, key: str) -> str | None:
        """``art9``/``art10`` when the key or one of its ancestors is flagged so."""
        term = self.categories.get(key)
        seen: set[str] = set()
        while term is not None and term.key not in seen:  # ropa.yaml refuses cycles; still
            if term.special:
                return term.special
            seen.add(term.key)
            term = self.categories.get(term.parent) if term.parent else None
        return None

    def with_categories(self, extra: Mapping[str, Term]) -> Taxonomy:
        merged = dict(self.categories)
        merged.update(extra)
        return Taxonomy(
            categories=dict(sorted(merged.items())),
            uses=self.uses,
            subjects=self.subjects,
            ccpa_categories=self.ccpa_categories,
        )


def suggest(key: str, known: Iterable[str]) -> str | None:
    """The closest known key, for a "did you mean" hint."""
    matches = difflib.get_close_matches(key, list(known), n=1, cutoff=0.75)
    return matches[0] if matches else None


def _fideslang() -> dict[str, list[tuple[str, str, str, str | None]]]:
    from fideslang.default_taxonomy import DEFAULT_TAXONOMY

    def rows(items: Any) -> list[tuple[str, str, str, str | None]]:
        return [
            (
                i.fides_key,
                i.name or i.fides_key,
                i.description or "",
                getattr(i, "parent_key", None),
            )
            for i in items
        ]

    return {
        "categories": rows(DEFAULT_TAXONOMY.data_category),
        "uses": rows(DEFAULT_TAXONOMY.data_use),
        "subjects": rows(DEFAULT_TAXONOMY.data_subject),
    }


@functools.cache
def load_taxonomy() -> Taxonomy:
    """fideslang's default taxonomy merged with ``ropa/data/taxonomy.yaml``."""
    text = resources.files("ropa").joinpath("data/taxonomy.yaml").read_text("utf-8")
    extra = load_yaml(text, "taxonomy.yaml", shipped=True)
    base = _fideslang()
    out: dict[str, dict[str, Term]] = {}
    for kind in ("categories", "uses", "subjects"):
        own: Mapping[str, Any] = extra.get(kind) or {}
        terms: dict[str, Term] = {}
        for key, name, description, parent in base[kind]:
            info = own.get(key) or {}
            terms[key] = _term(key, name, description, parent, info)
        for key, info in own.items():
            if key not in terms:
                if "parent" not in info:
                    raise ConfigError(f"taxonomy.yaml:{info.line}: '{key}' is not in fideslang")
                terms[key] = _term(key, info["name"], info["description"], info["parent"], info)
        out[kind] = dict(sorted(terms.items()))
    ccpa = {
        letter: (str(v["name"]), str(v["description"]))
        for letter, v in (extra.get("ccpa_categories") or {}).items()
    }
    return Taxonomy(
        categories=out["categories"],
        uses=out["uses"],
        subjects=out["subjects"],
        ccpa_categories=ccpa,
    )


def _term(
    key: str, name: str, description: str, parent: str | None, info: Mapping[str, Any]
) -> Term:
    return Term(
        key=key,
        name=str(name),
        label=str(info.get("label") or name),
        description=str(info.get("description") or description),
        parent=parent,
        special=info.get("special"),
        ccpa=tuple(info.get("ccpa") or ()),
        ccpa_sensitive=bool(info.get("ccpa_sensitive", False)),
    )
