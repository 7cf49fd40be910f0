"""Would a small learned scorer, combined with the ROPA201 rules, generalise to unseen projects?

Usage: python benchmarks/pii_learned.py [--corpus DIR] [--unseen SRC_DIR] [--rules-at COMMIT]
           [--features full|lean|nograms|norule] [--epochs N] [--l2 X] [--examples]

An experiment, not part of ropa. It enumerates every labelled field of every labelled set
(the tuning corpus under DIR, see pii_eval.py; the blind sets of tests/data/pii_sources; the
sets of tests/data/pii_unseen when their sources are unpacked under SRC_DIR, see
pii_unseen.py; whatever is absent is skipped), with what the heuristic knows of it: the
rules' guess, the field's type and the rules' context of its record (a person's, owned,
written, an organisation's...). Each field becomes a sparse binary feature vector (name
tokens, character 3- and 4-grams of the name, type kind and type name, class-name tokens,
context bits and their cross with the type kind, the rules' guess and its top-level
category), and an L2-regularised logistic regression, pure Python, scores it.

The measure is leave-one-project-out: for each project, train on all other projects, score
that project's fields, pool the scores. It prints TP / FP / FN, precision and recall, pooled
over every project and over the projects of blind sets 8, 9 and 10, for (a) the rules alone,
(b) the model alone at a few thresholds, (c) rules OR model above a threshold, (d) rules AND
NOT model very low, then the threshold a shipped version would use (the lowest one reaching
precision 0.9 on the projects labelled before set 8, applied unchanged to sets 8-10), the
largest weights of a model trained on every project, and (with --examples) new true and
false positives of (c).

Caveat: the rules were tuned on every labelled set, so the rule guess, as a feature and as
(a), is better on these projects than it would be on a new one. With --rules-at COMMIT the
guesses and contexts come from ropa as of that commit (extracted with `git archive` and run
in a subprocess): 0796cd2 (labels of set 8 committed, before any rule made from sets 8-10)
gives rules that never saw sets 8, 9 and 10, so the figures on those projects are honest
blind figures for rules and model together.

    python benchmarks/pii_learned.py --unseen ~/src/pii-unseen
    python benchmarks/pii_learned.py --unseen ~/src/pii-unseen --rules-at 0796cd2

What it found (45 projects, 4,886 fields, 787 personal; allauth and flask-appbuilder absent):
with the rules of 0796cd2, blind on sets 8-10, those nine projects score rules alone P 0.869 /
R 0.565 (113 / 17 / 87, the blind first runs' total), and rules OR model at the threshold chosen
on the older projects P 0.78-0.83 / R 0.60-0.65 over the four feature sets: some recall bought
with precision, far from P >= 0.9 and R >= 0.8. The largest weights of `full` are mostly one
project's type and class names. Not integrated into ropa.

Each run takes about 30 s on one core (one logistic regression per project, 8 epochs).
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import io
import json
import math
import random
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

LATEST = {
    "ckan": 8,
    "lnbits": 8,
    "hyperkitty": 8,
    "django-organizations": 8,
    "kotti": 9,
    "dispatch": 9,
    "shuup": 9,
    "pgadmin4": 10,
    "byro": 10,
}
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
CURVE = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


# --- enumerating the labelled fields, with whichever ropa is first on sys.path --------------


def _ropa_parts() -> tuple[Any, Any]:
    """The heuristic module and the module holding the model readers (moved in later commits)."""
    from ropa import heuristics as h

    try:
        from ropa.pii import models as m
    except ImportError:
        m = h
    return h, m


def _contexts(tree: ast.Module) -> dict[str, tuple[Any, dict[str, Any], str]]:
    """Each model class's context, fields and model kind, as find_candidates reads them."""
    h, m = _ropa_parts()
    out: dict[str, tuple[Any, dict[str, Any], str]] = {}
    known: dict[str, list[Any]] = {}
    kinds: dict[str, str] = {}
    for qualname, cls in m._classes(tree.body, ""):
        kind = m._model_kind(cls)
        names = [m._last(m._dotted(b)) for b in cls.bases]
        base = next((kinds[n] for n in names if n in kinds), None)
        if base is not None and (kind is None or (kind == "django" and base != kind)):
            kind = base
        if kind is None:
            continue
        kinds[cls.name] = kind
        fields = list(m._fields(cls, kind))
        inherited = [f for b in cls.bases for f in known.get(m._last(m._dotted(b)), [])]
        known[cls.name] = inherited + fields
        context = h._class_context(cls, inherited + fields)
        out[qualname] = (context, {f.name: f for f in fields}, kind)
    return out


def _records(root: Path, entries: list[dict[str, Any]], project: str) -> list[dict[str, Any]]:
    h, _ = _ropa_parts()
    cache: dict[Path, Any] = {}
    result = []
    for entry in entries:
        source = root / str(entry["project"]) / str(entry["path"])
        if source not in cache:
            tree = ast.parse(source.read_bytes())
            cache[source] = (h.find_candidates(tree), _contexts(tree))
        guesses, contexts = cache[source]
        cls = str(entry["class"])
        found = {g.field: g for g in guesses if g.model == cls}
        context, fields, kind = contexts.get(cls, (None, {}, None))
        flags = (
            None
            if context is None
            else sorted(
                f.name for f in dataclasses.fields(context) if getattr(context, f.name) is True
            )
        )
        for name, label in entry["fields"].items():
            field = fields.get(name)
            guess = found.get(name)
            result.append(
                {
                    "project": project,
                    "cls": cls,
                    "field": name,
                    "label": label,
                    "guess": guess.category if guess else None,
                    "type": field.type_name if field else None,
                    "pk": bool(field and field.primary_key),
                    "fk": bool(field and getattr(field, "foreign_key", False)),
                    "to_user": bool(field and getattr(field, "to_user", False)),
                    "kind": kind,
                    "ctx": flags,
                }
            )
    return result


def dump(corpus: Path, unseen: Path | None) -> list[dict[str, Any]]:
    """Every labelled field of every set whose sources are present."""
    import yaml

    from benchmarks.pii_eval import PROJECTS, SOURCES, blind_sets

    records: list[dict[str, Any]] = []
    labels = yaml.safe_load((REPO / "tests/data/pii_labels.yaml").read_text(encoding="utf-8"))
    for entry in labels:
        if not (corpus / str(entry["project"])).is_dir():
            continue
        project = str(entry["project"])
        group = "corpus" if project in PROJECTS else "heldout"
        records += [{**r, "group": group} for r in _records(corpus, [entry], project)]
    for project, entries in blind_sets().items():
        group = f"set{LATEST[project]}" if project in LATEST else "blind1-7"
        records += [{**r, "group": group} for r in _records(SOURCES, entries, project)]
    if unseen is not None:
        from benchmarks.pii_unseen import _archives, _check, load

        for project, (data, classes) in load(None, []).items():
            folders = [_check(unseen, archive) for archive in _archives(data)]
            entries = [{**e, "project": str(e.get("folder") or folders[0])} for e in classes]
            records += [{**r, "group": "unseen"} for r in _records(unseen, entries, project)]
    return records


def dump_at(commit: str, corpus: Path, unseen: Path | None) -> list[dict[str, Any]]:
    """The same records with the ropa of an older commit, run in a subprocess."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit, "ropa"], check=True, capture_output=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        command = [sys.executable, __file__, "--dump-with", tmp, "--corpus", str(corpus)]
        if unseen is not None:
            command += ["--unseen", str(unseen)]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


# --- features ------------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_BOOL = {"bool", "Boolean", "BooleanField", "NullBooleanField", "Bool", "StrictBool", "BOOLEAN"}
_JSON = {"JSONField", "JSON", "JSONB", "HStoreField", "PickleType", "as_mutable", "dict", "Dict"}
_JSON |= {"TaggedJSONField", "JsonField", "ArrayField", "Any"}
_TEXT = {"TextField", "Text", "UnicodeText", "TEXT", "SAUnicodeXL", "SAUnicodeLarge"}
_FILE = {"FileField", "ImageField", "BinaryField", "bytes", "LargeBinary", "BLOB", "UploadFile"}
_FILE |= {"FilerFileField", "FilerImageField", "Binary"}
_TIME = ("date", "time", "timestamp", "duration", "interval")
_NUMBER = ("int", "float", "decimal", "numeric", "number", "autofield", "money", "serial")
_RELATION = ("foreignkey", "onetoone", "manytomany", "relationship", "parentalkey", "related")


def tokens(name: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(name)]


def type_kind(r: dict[str, Any]) -> str:
    t = r["type"]
    if r["fk"] or r["to_user"]:
        return "fk"
    if t is None:
        return "none"
    low = t.lower()
    if t in _BOOL:
        return "bool"
    if t in _JSON:
        return "json"
    if t in _FILE or low.endswith(("filefield", "imagefield")):
        return "file"
    if t in _TEXT:
        return "text"
    if any(low.startswith(p) or low.endswith(p + "field") for p in _RELATION):
        return "fk"
    if any(w in low for w in _TIME):
        return "time"
    if any(w in low for w in _NUMBER):
        return "number"
    return "char"


FEATURE_SETS = ("full", "lean", "nograms", "norule")


def features(r: dict[str, Any], which: str = "full") -> list[str]:
    """Binary features of a field. `lean` drops the raw type name and the class-name tokens
    (the likeliest carriers of one project's quirks); `nograms` also the character n-grams;
    `norule` is `lean` without the rules' guess (a model of names, types and contexts only)."""
    name = r["field"].lstrip("_")
    words = tokens(name)
    out = [f"tok={w}" for w in set(words)]
    if words:
        out.append(f"last={words[-1]}")
    joined = "^" + "".join(words) + "$"
    grams = {joined[i : i + n] for n in (3, 4) for i in range(len(joined) - n + 1)}
    if which != "nograms":
        out += [f"g={g}" for g in grams]
    kind = type_kind(r)
    out.append(f"kind={kind}")
    if which == "full":
        out.append(f"type={(r['type'] or '-').lower()}")
    if r["pk"]:
        out.append("pk")
    cls_words = tokens(r["cls"].rsplit(".", 1)[-1])
    if which == "full":
        out += [f"cls={w}" for w in set(cls_words)]
        if cls_words:
            out.append(f"head={cls_words[-1]}")
    flags = ["none"] if r["ctx"] is None else r["ctx"] or ["neutral"]
    out += [f"ctx={f}" for f in flags]
    out += [f"ctx={f}&kind={kind}" for f in flags]
    if which == "norule":
        return out
    if r["guess"]:
        top = ".".join(r["guess"].split(".")[:2])
        out += ["rule", f"rule={top}", f"rule&kind={kind}"]
    else:
        out.append("norule")
    return out


# --- logistic regression, pure Python --------------------------------------------------------


def train(
    xs: list[list[str]], ys: list[int], epochs: int, l2: float, seed: int = 0
) -> dict[str, float]:
    """Logistic regression by AdaGrad SGD with L2 on the touched weights; 'bias' is the bias."""
    w: dict[str, float] = defaultdict(float)
    g2: dict[str, float] = defaultdict(lambda: 1e-8)
    order = list(range(len(xs)))
    rng = random.Random(seed)
    rate = 0.5
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            x = xs[i]
            z = w["bias"] + sum(w[f] for f in x)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            err = p - ys[i]
            for f in x:
                grad = err + l2 * w[f]
                g2[f] += grad * grad
                w[f] -= rate * grad / math.sqrt(g2[f])
            g2["bias"] += err * err
            w["bias"] -= rate * err / math.sqrt(g2["bias"])
    return dict(w)


def predict(w: dict[str, float], x: list[str]) -> float:
    z = w.get("bias", 0.0) + sum(w.get(f, 0.0) for f in x)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def lopo(records: list[dict[str, Any]], epochs: int, l2: float, which: str) -> list[float]:
    xs = [features(r, which) for r in records]
    ys = [int(r["label"] is not None) for r in records]
    scores = [0.0] * len(records)
    for project in sorted({r["project"] for r in records}):
        train_idx = [i for i, r in enumerate(records) if r["project"] != project]
        w = train([xs[i] for i in train_idx], [ys[i] for i in train_idx], epochs, l2)
        for i, r in enumerate(records):
            if r["project"] == project:
                scores[i] = predict(w, xs[i])
    return scores


# --- reporting -------------------------------------------------------------------------------


def tally(labels: list[bool], flagged: list[bool]) -> tuple[int, int, int]:
    tp = sum(1 for y, f in zip(labels, flagged) if y and f)
    fp = sum(1 for y, f in zip(labels, flagged) if f and not y)
    fn = sum(1 for y, f in zip(labels, flagged) if y and not f)
    return tp, fp, fn


def line(title: str, counts: tuple[int, int, int]) -> str:
    tp, fp, fn = counts
    p = f"{tp / (tp + fp):.3f}" if tp + fp else "  n/a"
    r = f"{tp / (tp + fn):.3f}" if tp + fn else "  n/a"
    return f"  {title:<34} TP {tp:4} FP {fp:3} FN {fn:4}  P {p}  R {r}"


def decisions(records: list[dict[str, Any]], scores: list[float]) -> dict[str, list[bool]]:
    rules = [r["guess"] is not None for r in records]
    out = {"(a) rules alone": rules}
    for t in THRESHOLDS:
        out[f"(b) model >= {t}"] = [s >= t for s in scores]
    for t in CURVE:
        out[f"(c) rules OR model >= {t}"] = [g or s >= t for g, s in zip(rules, scores)]
    for t in (0.02, 0.05, 0.1):
        out[f"(d) rules AND model >= {t}"] = [g and s >= t for g, s in zip(rules, scores)]
    for t in (0.5, 0.6, 0.7):
        out[f"(c+d) rules&m>=0.05 OR m>={t}"] = [
            (g and s >= 0.05) or s >= t for g, s in zip(rules, scores)
        ]
    return out


def report(title: str, records: list[dict[str, Any]], scores: list[float]) -> None:
    labels = [r["label"] is not None for r in records]
    projects = len({r["project"] for r in records})
    print(f"\n== {title}: {projects} projects, {len(records)} fields, {sum(labels)} personal")
    for name, flagged in decisions(records, scores).items():
        print(line(name, tally(labels, flagged)))


def choose(records: list[dict[str, Any]], scores: list[float], target: float = 0.9) -> float:
    """The lowest threshold of (c) whose pooled precision reaches the target."""
    labels = [r["label"] is not None for r in records]
    for t in [x / 100 for x in range(5, 100)]:
        tp, fp, _ = tally(
            labels, [r["guess"] is not None or s >= t for r, s in zip(records, scores)]
        )
        if tp + fp and tp / (tp + fp) >= target:
            return t
    return 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--unseen", type=Path)
    parser.add_argument("--rules-at", help="take guesses and contexts from ropa at this commit")
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--features", choices=FEATURE_SETS, default="full")
    parser.add_argument("--examples", action="store_true")
    parser.add_argument("--dump-with", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump_with:
        sys.path.insert(0, args.dump_with)
        sys.path.insert(1, str(REPO))
        json.dump(dump(args.corpus, args.unseen), sys.stdout)
        return 0
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from benchmarks.pii_eval import default_corpus

    corpus = args.corpus or default_corpus()
    if args.rules_at:
        records = dump_at(args.rules_at, corpus, args.unseen)
    else:
        records = dump(corpus, args.unseen)
    print(f"rules from {args.rules_at or 'the working tree'}; features {args.features}, ", end="")
    print(f"l2 {args.l2}, {args.epochs} epochs; groups: ", end="")
    print(", ".join(f"{g} {n}" for g, n in sorted(Counter(r["group"] for r in records).items())))
    scores = lopo(records, args.epochs, args.l2, args.features)
    latest = [i for i, r in enumerate(records) if r["project"] in LATEST]
    older = [i for i, r in enumerate(records) if r["project"] not in LATEST]
    report("all projects, leave-one-project-out", records, scores)
    for number in (8, 9, 10):
        idx = [i for i in latest if LATEST[records[i]["project"]] == number]
        report(f"set {number}", [records[i] for i in idx], [scores[i] for i in idx])
    report("sets 8, 9 and 10", [records[i] for i in latest], [scores[i] for i in latest])
    t = choose([records[i] for i in older], [scores[i] for i in older])
    print(f"\nThreshold chosen on the projects before set 8 (lowest with P >= 0.9 for (c)): {t}")
    for title, idx in (
        ("before set 8", older),
        ("sets 8-10", latest),
        ("all", range(len(records))),
    ):
        labels = [records[i]["label"] is not None for i in idx]
        flagged = [records[i]["guess"] is not None or scores[i] >= t for i in idx]
        print(line(f"(c) at {t}, {title}", tally(labels, flagged)))
    print("\nPer project, sets 8-10, (a) rules and (c) at the chosen threshold:")
    for project in LATEST:
        idx = [i for i in latest if records[i]["project"] == project]
        labels = [records[i]["label"] is not None for i in idx]
        rules = [records[i]["guess"] is not None for i in idx]
        both = [g or scores[i] >= t for g, i in zip(rules, idx)]
        print(line(f"{project} (a)", tally(labels, rules)))
        print(line(f"{project} (c)", tally(labels, both)))
    weights = train(
        [features(r, args.features) for r in records],
        [int(r["label"] is not None) for r in records],
        args.epochs,
        args.l2,
    )
    print(f"\nLargest weights of the model trained on every project ({len(weights)} features):")
    for name, value in sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:30]:
        print(f"  {value:+7.3f}  {name}")
    if args.examples:
        for kind, want in (("New true positives", True), ("New false positives", False)):
            found = [
                (scores[i], records[i])
                for i in range(len(records))
                if records[i]["guess"] is None
                and scores[i] >= t
                and (records[i]["label"] is not None) == want
            ]
            print(f"\n{kind} of (c) at {t} ({len(found)}):")
            for s, r in sorted(found, key=lambda x: -x[0]):
                print(
                    f"  {s:.2f} {r['group']:<9} {r['project']} {r['cls']}.{r['field']} "
                    f"[{r['type']}] ({','.join(r['ctx'] or ['-'])}) label={r['label']}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
