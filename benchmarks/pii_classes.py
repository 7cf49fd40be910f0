"""Measure ROPA201 on every labelled set at once and sort its mistakes into structural classes.

Usage: python benchmarks/pii_classes.py [--corpus DIR] [--unseen SRC_DIR] [--details]

Reads every set this repository labels: the tuning corpus and its held-out projects (under
DIR, see pii_eval.py), the blind sets whose sources are committed (tests/data/pii_sources),
and the sets of tests/data/pii_unseen when their sdists are unpacked under SRC_DIR (see
pii_unseen.py). Prints one line of precision and recall per set, then, with --details, every
false negative and false positive with what the heuristic knew of its record (the field's
type, whether the record is a person's, owned by one, written by one, an organisation's) and
the structural class it falls in. docs/pii-detection.md gives the table these counts make.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.pii_eval import BLIND_GROUPS, SOURCES, blind_sets, default_corpus  # noqa: E402
from benchmarks.pii_unseen import _archives, _check, load  # noqa: E402
from ropa import heuristics as h  # noqa: E402
from ropa.pii import models, rules, words  # noqa: E402

# The groups of tests/data/pii_unseen, in the order they were labelled.
UNSEEN_GROUPS = {
    "unseen training (axes, postman)": ("django-axes", "django-postman"),
    "unseen A (mailman, newsletter)": ("mailman", "django-newsletter"),
    "unseen B (user-accounts, piccolo)": ("django-user-accounts", "piccolo"),
    "unseen C (pinax, invitations, authlib, fastapi-users)": (
        "pinax-messages",
        "django-invitations",
        "authlib",
        "fastapi-users",
    ),
    "unseen D (django-otp, social-auth)": ("django-otp", "social-auth-storage-sqlalchemy"),
    "unseen E (two-factor, continuum)": ("django-two-factor-auth", "sqlalchemy-continuum"),
}


@dataclass(frozen=True)
class Outcome:
    where: str
    label: str | None
    guess: str | None
    type_name: str | None
    context: rules._Context | None

    @property
    def kind(self) -> str:
        if self.label and self.guess:
            return "tp"
        if self.guess:
            return "fp"
        return "fn" if self.label else "tn"


def _contexts(tree: ast.Module) -> dict[str, tuple[rules._Context, dict[str, models._Field]]]:
    """What find_candidates knows of each model class of a module: its context and fields."""
    out: dict[str, tuple[rules._Context, dict[str, models._Field]]] = {}
    known: dict[str, list[models._Field]] = {}
    kinds: dict[str, str] = {}
    for qualname, cls in models._classes(tree.body, ""):
        kind = models._model_kind(cls)
        names = [models._last(models._dotted(b)) for b in cls.bases]
        base = next((kinds[n] for n in names if n in kinds), None)
        if base is not None and (kind is None or (kind == "django" and base != kind)):
            kind = base  # type: ignore[assignment]
        if kind is None:
            continue
        kinds[cls.name] = kind
        fields = list(models._fields(cls, kind))
        inherited = [f for b in cls.bases for f in known.get(models._last(models._dotted(b)), [])]
        known[cls.name] = inherited + fields
        out[qualname] = (h._class_context(cls, inherited + fields), {f.name: f for f in fields})
    return out


def outcomes(root: Path, entries: list[dict[str, object]]) -> list[Outcome]:
    result: list[Outcome] = []
    cache: dict[Path, tuple[list[h.FieldGuess], dict[str, tuple[rules._Context, dict]]]] = {}
    for entry in entries:
        project, path, cls = str(entry["project"]), str(entry["path"]), str(entry["class"])
        source = root / project / path
        if source not in cache:
            tree = ast.parse(source.read_bytes())
            cache[source] = (h.find_candidates(tree), _contexts(tree))
        guesses, contexts = cache[source]
        found = {g.field: g for g in guesses if g.model == cls}
        context, fields = contexts.get(cls, (None, {}))
        assert isinstance(entry["fields"], dict)
        for name, label in entry["fields"].items():
            guess = found.get(name)
            field = fields.get(name)
            result.append(
                Outcome(
                    where=f"{project} {cls}.{name}",
                    label=label,
                    guess=guess.category if guess else None,
                    type_name=field.type_name if field else None,
                    context=context,
                )
            )
    return result


def score(items: list[Outcome]) -> str:
    kinds = Counter(o.kind for o in items)
    tp, fp, fn = kinds["tp"], kinds["fp"], kinds["fn"]
    p = f"{tp / (tp + fp):.3f}" if tp + fp else "n/a"
    r = f"{tp / (tp + fn):.3f}" if tp + fn else "n/a"
    return f"TP {tp:3} FP {fp:2} FN {fn:3}  P {p}  R {r}"


_LONG_TEXT = frozenset(
    {"TextField", "Text", "UnicodeText", "TEXT", "SAUnicodeXL", "SAUnicodeLarge"}
)
_BLOBS = frozenset({"JSONField", "JSON", "JSONB", "HStoreField", "PickleType", "as_mutable"})
_SECRETS = frozenset({"key", "secret", "hash", "token", "code", "verifier", "handle", "ukey"})
_IDS = frozenset({"uid", "id", "identifier", "fingerprint", "uuid"})
_BLOB_WORDS = frozenset({"data", "value", "info", "metadata", "rows", "contacts"})


def structural_class(o: Outcome) -> str:
    """The structural class of a mistake: what kind of field on what kind of record. The
    first matching line wins; docs/pii-detection.md tabulates the counts."""
    name = o.where.rsplit(".", 1)[1].lstrip("_")
    tokens = words._tokens(name)
    c = o.context or rules._NEUTRAL
    type_class = words._type_class(o.type_name)
    persons = c.person or c.named
    if o.kind == "fp":
        if o.guess in {"user.authorization.password", "user.account.username"}:
            return "FP: a shared or service account's login on a thing's record"
        if not c.named and (o.guess or "").startswith(("user.contact", "user.name")):
            return "FP: an organisation's or thing's record read as a person's"
        if c.content:
            return "FP: staff or generated text on a record with an author"
        return "FP: a word read in the wrong sense"
    if o.context is None:
        return "FN: not read as a field (descriptor, unknown base)"
    if c.org:
        return "FN: personal data on a record read as an organisation's or a list's"
    if tokens and (tokens[-1] in _SECRETS or "".join(tokens[-2:]) in {"pubkey", "publickey"}):
        return "FN: a secret on a credential's record (key, token, hash, code)"
    if type_class == "file" or (tokens and tokens[-1] in {"file", "path", "filepath", "image"}):
        return "FN: an uploaded file or image"
    if o.type_name in _BLOBS or (tokens and tokens[-1] in _BLOB_WORDS):
        return "FN: an opaque blob (JSON, pickle, key-value) holding a person's data"
    if tokens and (tokens[-1] in _IDS or "".join(tokens[-2:]) in {"cartid", "seriesid"}):
        return "FN: a person's id under a generic name"
    if o.type_name in _LONG_TEXT and persons:
        return "FN: long free text on a person's own record"
    if o.type_name in _LONG_TEXT:
        return "FN: long free text on a record about or owned by a person"
    if type_class in {"number", "time"}:
        return "FN: a number about a person's body or habits"
    if persons or c.owned or c.subject or c.content:
        return "FN: a short string under a domain word on a person's or owned record"
    return "FN: a short string under a domain word on a record of no known person"


def describe(o: Outcome) -> str:
    c = o.context
    flags = (
        "not a model"
        if c is None
        else ",".join(
            name
            for name in ("person", "named", "owned", "content", "subject", "org", "request")
            if getattr(c, name)
        )
        or "-"
    )
    return f"{o.where} [{o.type_name}] ({flags}) label={o.label} guess={o.guess}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--unseen", type=Path)
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    groups: dict[str, list[Outcome]] = {}
    labels = yaml.safe_load((REPO / "tests/data/pii_labels.yaml").read_text(encoding="utf-8"))
    if (args.corpus / "pretix").is_dir():
        groups["tuning corpus (v2 labels)"] = outcomes(
            args.corpus, [e for e in labels if not e.get("heldout")]
        )
        groups["held-out (allauth, FAB)"] = outcomes(
            args.corpus, [e for e in labels if e.get("heldout")]
        )
    sets = blind_sets()
    for number, projects in enumerate(BLIND_GROUPS.values(), 1):
        entries = [e for p in projects for e in sets.get(p, [])]
        groups[f"set {number} ({', '.join(projects)})"] = outcomes(SOURCES, entries)
    if args.unseen is not None:
        unseen = load(None, [])
        for title, projects in UNSEEN_GROUPS.items():
            items: list[Outcome] = []
            for project in projects:
                data, classes = unseen[project]
                folders = [_check(args.unseen, archive) for archive in _archives(data)]
                entries = [{**e, "project": str(e.get("folder") or folders[0])} for e in classes]
                items += outcomes(args.unseen, entries)
            groups[title] = items
    for title, items in groups.items():
        print(f"{title:<58} {score(items)}")
    everything = [o for items in groups.values() for o in items]
    print(f"{'all sets':<58} {score(everything)}")
    classes = Counter(structural_class(o) for o in everything if o.kind in {"fn", "fp"})
    print("\nMistakes by structural class (all sets):")
    for name, count in sorted(classes.items(), key=lambda item: (item[0][:2], -item[1])):
        print(f"  {count:4}  {name}")
    if args.details:
        for kind in ("fn", "fp"):
            print(f"\n{kind.upper()}:")
            for o in everything:
                if o.kind == kind:
                    print(f"  {describe(o)}  <{structural_class(o)[4:]}>")
    return 0


if __name__ == "__main__":
    sys.exit(main())
