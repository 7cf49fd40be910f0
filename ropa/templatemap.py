"""Which record field answers each question of the ICO, CNIL and DPC record templates."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

RATINGS = ("full", "partial", "none")
_PARTS = {
    "roles": "per-activity roles, clients and joint controllers",
    "regions": "vendor regions and transfer documents",
    "account": "the accountability keywords and ropa.yaml keys",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    """What in ropa answers a question, and how fully."""

    key: str
    rating: str
    record: tuple[str, ...] = ()
    """The ropa.json fields that hold the answer."""
    declare: tuple[str, ...] = ()
    """Where a project declares it: marker keywords, ropa.yaml keys."""
    check: tuple[str, ...] = ()
    """What must be filled in the outputs of a project that declares everything."""
    pending: str | None = None
    """The part of issue 11 that builds the keys it needs, while that part is not merged."""
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    key: str
    required: bool
    text: str
    answer: Answer


@dataclass(frozen=True, slots=True, kw_only=True)
class Template:
    key: str
    name: str
    authority: str
    questions: tuple[Question, ...]

    def counts(self) -> dict[str, int]:
        """Questions per rating, and of the required ones how many are answered in full."""
        ratings = Counter(q.answer.rating for q in self.questions)
        required = [q for q in self.questions if q.required]
        return {
            **{r: ratings[r] for r in RATINGS},
            "questions": len(self.questions),
            "required": len(required),
            "required_full": sum(q.answer.rating == "full" for q in required),
        }


def load_templates() -> tuple[Template, ...]:
    """The map shipped in ``ropa/data/template_map.yaml``, checked as it is read."""
    text = resources.files("ropa").joinpath("data/template_map.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    answers = {}
    for key, raw in data["answers"].items():
        answer = Answer(
            key=key,
            rating=raw["rating"],
            record=tuple(raw.get("record") or ()),
            declare=tuple(raw.get("declare") or ()),
            check=tuple(raw.get("check") or ()),
            pending=raw.get("pending"),
            note=raw.get("note"),
        )
        if answer.rating not in RATINGS or (answer.pending and answer.pending not in _PARTS):
            raise ValueError(f"template_map.yaml: answers.{key}: bad rating or pending part")
        answers[key] = answer
    return tuple(
        Template(
            key=key,
            name=raw["name"],
            authority=raw["authority"],
            questions=tuple(
                Question(
                    key=q["key"],
                    required=bool(q["required"]),
                    text=q["text"],
                    answer=answers[q["answer"]],
                )
                for q in raw["questions"]
            ),
        )
        for key, raw in data["templates"].items()
    )


def templates_markdown() -> str:
    """The text of ``docs/templates.md`` (a test keeps the file in sync)."""
    templates = load_templates()
    out = [
        "# The record against the ICO, CNIL and DPC templates",
        "",
        "Supervisory authorities publish record-of-processing templates, and a DPO checks a",
        "record against the one they use. This page maps every question of three of them to the",
        "part of ropa that answers it. The map is data (`ropa/data/template_map.yaml`); this page",
        "is generated from it, and `tests/test_templates_map.py` builds a project that declares",
        "everything (`tests/fixtures/complete/`) and checks that each answer below is filled in",
        "its `ropa.json`, `ropa.csv` and `ropa.xlsx`.",
        "",
        "Ratings: **full**, the record answers the question; **partial**, it answers part of it",
        "(the note says which); **none**, the question is about facts code cannot show.",
        "`ropa.csv` and the Controller sheet of `ropa.xlsx` have every column of the ICO's",
        "documentation template for controllers, in its order, then a few of ropa's own; the",
        "Processor sheet has one row per client and activity done for it (Art. 30(2)).",
        "",
        "| template | questions | full | partial | none | required answered in full |",
        "|---|---|---|---|---|---|",
    ]
    for t in templates:
        c = t.counts()
        out.append(
            f"| {t.name} | {c['questions']} | {c['full']} | {c['partial']} | {c['none']} "
            f"| {c['required_full']} of {c['required']} |"
        )
    pending = sorted({q.answer.pending for t in templates for q in t.questions if q.answer.pending})
    if pending:
        parts = "; ".join(f"*{p}*, {_PARTS[p]}" for p in pending)
        out += [
            "",
            f"Some answers use keys that other parts of issue 11 are adding ({parts}); they are",
            "marked *(pending: part)* until that part is merged, and count as answered here.",
        ]
    for t in templates:
        out += [
            "",
            f"## {t.name}",
            "",
            f"{t.authority}. Required questions are marked **R**.",
            "",
            "| key | | question | rating | answered by (ropa.json) | declared in |",
            "|---|---|---|---|---|---|",
        ]
        for q in t.questions:
            a = q.answer
            rating = a.rating + (f" *(pending: {a.pending})*" if a.pending else "")
            record = ", ".join(f"`{r}`" for r in a.record) or "—"
            if a.note:
                record += f" ({a.note})"
            declare = ", ".join(_code(d) for d in a.declare) or "—"
            out.append(
                f"| {q.key} | {'**R**' if q.required else ''} | {_cell(q.text)} | {rating} "
                f"| {_cell(record)} | {_cell(declare)} |"
            )
    return "\n".join(out) + "\n"


def _code(text: str) -> str:
    """Keywords and keys as code; a sentence about them as text."""
    if text.startswith("ropa.yaml "):
        return f"`ropa.yaml` `{text.removeprefix('ropa.yaml ')}`"
    if text.startswith(("processing(", "processor(", "personal_data(", "# ropa:")):
        return f"`{text}`"
    return text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
