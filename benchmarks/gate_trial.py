# ruff: noqa: E501  (the changes are quoted source lines, kept whole to be found verbatim)
"""Try the drift gate on a real application, as a new user would, through the real CLI.

    python benchmarks/gate_trial.py APP_COPY [--ropa PATH_TO_ropa] [--json report.json]

APP_COPY is a git checkout of fief-server 0.27.0 (the sdist from PyPI, unpacked and committed)
that this script annotates itself (`annotate`): four activities (a comment with
``processors=``, a ``@processing`` decorator with a ``processor`` comment in its body, a
module-level ``processor(..., activity=)``, an activity of ``ropa.yaml``), one model with
three fields, a filled ``ropa.yaml``. The annotated tree is committed, then every change of
`MUTATIONS` is applied alone: ``ropa scan --output base.json`` before, ``ropa scan
--baseline base.json --output new.json`` after, and ``ropa diff`` in its three formats. Each
is checked for exit codes, for no internal error, for the ROPA301 lines expected (their
number and the words they must hold) and for the three diff formats agreeing on the count.
Then broken inputs (`BROKEN`), and whether ``generated.source.dirty`` stays false across
the documented CI sequence in the clean checkout.

The copy is reset (``git checkout``/``git clean``) between changes; nothing is written into
this repository. Exit code 0 when every check passed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

Edit = tuple[str, str, str]
"""(file relative to the app, text to find, replacement); '' as the text to find appends."""


@dataclass(frozen=True)
class Mutation:
    name: str
    edits: tuple[Edit, ...]
    expect: int | None
    """How many ROPA301 lines the change must give (None: counted, then reviewed by eye)."""
    words: tuple[str, ...] = ()
    """Texts the ROPA301 lines, taken together, must hold."""
    extra_errors_ok: bool = False
    """Whether errors other than ROPA301 are expected (a change that breaks a declaration)."""


# --- The baseline annotations, as a new user writes them after reading docs/annotations.md --

ANNOTATE: tuple[Edit, ...] = (
    (
        "fief/models/user.py",
        "class User(UUIDModel, CreatedUpdatedAt, WorkspaceBase):\n",
        "class User(UUIDModel, CreatedUpdatedAt, WorkspaceBase):"
        '  # ropa: personal_data(subjects=["customer"], retention="P2Y")\n',
    ),
    (
        "fief/models/user.py",
        "    email: Mapped[str] = mapped_column(String(length=320), index=True, nullable=False)\n",
        "    email: Mapped[str] = mapped_column(String(length=320), index=True, nullable=False)"
        "  # ropa: user.contact.email\n",
    ),
    (
        "fief/models/user.py",
        "    email_lower: Mapped",
        "    # ropa: user.contact.email\n    email_lower: Mapped",
    ),
    (
        "fief/models/user.py",
        "    hashed_password: Mapped",
        "    # ropa: user.authorization.password\n    hashed_password: Mapped",
    ),
    (
        "fief/services/email/sendgrid.py",
        "    def send_email(\n",
        '    # ropa: processing("Account emails", purpose="Send users the emails their account needs",\n'
        '    #   legal_basis="contract", data=["user.contact.email", "user.name"], subjects=["customer"],\n'
        '    #   processors=["sendgrid"], retention="P30D")\n'
        "    def send_email(\n",
    ),
    (
        "fief/services/email/postmark.py",
        "from postmarker.core import PostmarkClient\n",
        "from postmarker.core import PostmarkClient\nfrom ropa import processing\n",
    ),
    (
        "fief/services/email/postmark.py",
        "    def send_email(\n",
        '    @processing("Account emails via Postmark", purpose="Send account emails through Postmark",\n'
        '                legal_basis="contract", data=["user.contact.email"], subjects=["customer"],\n'
        '                retention="P30D")\n'
        "    def send_email(\n",
    ),
    (
        "fief/services/email/postmark.py",
        "        try:\n            self._client.emails.send(",
        "        try:\n"
        '            # ropa: processor("postmark", data=["user.contact.email", "user.name"], purpose="Email delivery")\n'
        "            self._client.emails.send(",
    ),
    (
        "fief/services/posthog.py",
        "posthog = Posthog(\n",
        '# ropa: processing("Product telemetry", purpose="Measure how the server is used",\n'
        '#   legal_basis="legitimate_interests", legitimate_interest="Improving the product",\n'
        '#   data=["user.device.ip_address"], subjects=["customer"], retention="P1Y", lia="LIA-2026-01")\n'
        '# ropa: processor("posthog", data=["user.device.ip_address"], purpose="Product analytics",'
        ' activity="Product telemetry")\n'
        "posthog = Posthog(\n",
    ),
)

ROPA_YAML = """\
controller:
  name: Gate Test Identity GmbH
  address: Hauptstrasse 5, 10115 Berlin, Germany
  email: privacy@gate-test.example
dpo: {name: Dora Pohl, email: dpo@gate-test.example}
role: controller
jurisdictions: [gdpr]
security_measures:
  - Encryption of personal data in transit (TLS 1.2+) and at rest
  - Access to production data limited to named staff, with multi-factor authentication
activities:
  - name: Error monitoring
    purpose: Find and fix errors in the server
    legal_basis: legitimate_interests
    legitimate_interest: Keeping the service working
    data: [user.device.ip_address]
    subjects: [customer]
    processors: [sentry]
    retention: P90D
    lia: LIA-2026-02
vendors: {}
notice:
  effective_date: 2026-11-01
  children_min_age: 16
scan:
  paths: [.]
  exclude: ["tests/**"]
"""

SENDGRID = "fief/services/email/sendgrid.py"
POSTMARK = "fief/services/email/postmark.py"
POSTHOG = "fief/services/posthog.py"
USER = "fief/models/user.py"
YAML = "ropa.yaml"

MUTATIONS: tuple[Mutation, ...] = (
    # Activities.
    Mutation(
        "activity added (comment)",
        (
            (
                SENDGRID,
                "    def create_domain(",
                '    # ropa: processing("Domain set-up", purpose="Set up a sender domain",\n'
                '    #   legal_basis="contract", data=["user.contact.email"], subjects=["customer"], retention="P1Y")\n'
                "    def create_domain(",
            ),
        ),
        1,
        ("Domain set-up", "added"),
    ),
    Mutation(
        "activity added (ropa.yaml)",
        (
            (
                YAML,
                "vendors: {}",
                "  - {name: Payroll, purpose: Pay staff, legal_basis: legal_obligation,"
                " data: [user.name], subjects: [employee], retention: P6Y}\nvendors: {}",
            ),
        ),
        1,
        ("Payroll", "added"),
    ),
    Mutation(
        "activity removed (ropa.yaml, with its only vendor)",
        (
            (
                YAML,
                ROPA_YAML[ROPA_YAML.index("activities:") : ROPA_YAML.index("vendors:")],
                "activities: []\n",
            ),
        ),
        3,
        ("Error monitoring", "removed", "sentry"),
    ),
    Mutation(
        "activity renamed",
        ((SENDGRID, 'processing("Account emails",', 'processing("Account e-mails",'),),
        1,  # the vendor's and the transfer's lists of activities follow the new name
        ("Account e-mails", "renamed"),
    ),
    Mutation(
        "activity purpose changed",
        (
            (
                SENDGRID,
                "Send users the emails their account needs",
                "Send users their account emails",
            ),
        ),
        1,
        ("purpose", "Send users their account emails"),
    ),
    Mutation(
        "legal basis changed",
        (
            (
                SENDGRID,
                'legal_basis="contract", data=["user.contact.email", "user.name"]',
                'legal_basis="legal_obligation", data=["user.contact.email", "user.name"]',
            ),
        ),
        1,
        ("legal_basis", "legal_obligation"),
    ),
    Mutation(
        "activity retention changed",
        (
            (
                SENDGRID,
                'processors=["sendgrid"], retention="P30D"',
                'processors=["sendgrid"], retention="P60D"',
            ),
        ),
        1,
        ("retention", "P60D"),
    ),
    Mutation(
        "activity data category added",
        (
            (
                POSTMARK,
                'data=["user.contact.email"], subjects',
                'data=["user.contact.email", "user.name"], subjects',
            ),
        ),
        1,
        ("data_categories", "user.name"),
    ),
    Mutation(
        "activity subjects changed",
        (
            (
                YAML,
                "    subjects: [customer]\n    processors: [sentry]",
                "    subjects: [customer, prospect]\n    processors: [sentry]",
            ),
        ),
        1,
        ("data_subjects", "prospect"),
    ),
    Mutation(
        "activity source changed",
        ((YAML, "    lia: LIA-2026-02", "    lia: LIA-2026-02\n    source: third_party"),),
        1,
        ("source", "third_party"),
    ),
    # Vendors, four ways.
    Mutation(
        "vendor added through processors=",
        ((SENDGRID, 'processors=["sendgrid"]', 'processors=["sendgrid", "mailgun"]'),),
        3,
        ("mailgun",),
    ),
    Mutation(
        "vendor added through a processor comment in a decorated function",
        (
            (
                POSTMARK,
                "            self._client.emails.send(",
                '            # ropa: processor("mailgun", data=["user.contact.email"], purpose="Backup email delivery")\n'
                "            self._client.emails.send(",
            ),
        ),
        3,
        ("mailgun", "Account emails via Postmark"),
    ),
    Mutation(
        "vendor added through a processor decorator",
        (
            (POSTMARK, "from ropa import processing\n", "from ropa import processing, processor\n"),
            (
                POSTMARK,
                '    @processing("Account emails via Postmark"',
                '    @processor("mailgun", data=["user.contact.email"], purpose="Backup email delivery")\n'
                '    @processing("Account emails via Postmark"',
            ),
        ),
        3,
        ("mailgun", "Account emails via Postmark"),
    ),
    Mutation(
        "vendor added through ropa.yaml",
        (
            (
                YAML,
                "vendors: {}",
                "vendors:\n  pagerkite: {name: Pagerkite Ltd, location: 'Bangalore, India', country: IN,"
                " services: On-call alerting, kind: monitoring, role: processor,"
                " privacy_policy: https://pagerkite.example/privacy, safeguards: [sccs]}",
            ),
            (YAML, "    processors: [sentry]", "    processors: [sentry, pagerkite]"),
        ),
        3,
        ("pagerkite", "Error monitoring"),
    ),
    Mutation(
        "vendor removed (processor comment deleted)",
        (
            (
                POSTMARK,
                '            # ropa: processor("postmark", data=["user.contact.email", "user.name"], purpose="Email delivery")\n',
                "",
            ),
        ),
        3,
        ("postmark", "removed"),
    ),
    Mutation(
        "vendor renamed (key changed)",
        ((SENDGRID, 'processors=["sendgrid"]', 'processors=["mailgun"]'),),
        5,  # the activity's processors; each vendor and transfer added or removed
        (
            "vendor 'mailgun' added",
            "vendor 'sendgrid' removed",
            "transfer 'sendgrid to US' removed",
        ),
    ),
    Mutation(
        "what a vendor receives",
        (
            (
                POSTMARK,
                'processor("postmark", data=["user.contact.email", "user.name"]',
                'processor("postmark", data=["user.contact.email"]',
            ),
        ),
        1,
        ("postmark", "data_categories", "user.name"),
    ),
    Mutation(
        "vendor purpose changed",
        ((POSTMARK, 'purpose="Email delivery")', 'purpose="Delivery of account email")'),),
        1,
        ("postmark", "Delivery of account email"),
    ),
    Mutation(
        "vendor role",
        # An independent controller signs no DPA: the registry's is set aside (ROPA115 else).
        ((YAML, "vendors: {}", "vendors:\n  posthog: {role: controller, dpa: null}"),),
        2,
        ("posthog", "role", "controller", "dpa"),
    ),
    Mutation(
        "transfer: vendor region moved into the EEA",
        ((YAML, "vendors: {}", "vendors:\n  sentry: {region: DE}"),),
        None,  # counted, then reviewed by eye
        ("sentry", "transfer"),
    ),
    Mutation(
        "transfer: safeguard document",
        (
            (
                YAML,
                "vendors: {}",
                "vendors:\n  sendgrid: {transfer_document: https://gate-test.example/sccs.pdf}",
            ),
        ),
        None,
        ("sendgrid", "transfer_document"),
    ),
    # Fields.
    Mutation(
        "field category changed",
        (
            (
                USER,
                "    # ropa: user.contact.email\n    email_lower",
                "    # ropa: user.contact\n    email_lower",
            ),
        ),
        1,
        ("User.email_lower", "categories"),
    ),
    Mutation(
        "field added",
        (
            (
                USER,
                "    is_active: Mapped",
                "    # ropa: user.account.settings\n    is_active: Mapped",
            ),
        ),
        1,
        ("User.is_active", "added"),
    ),
    Mutation(
        "field removed",
        ((USER, "    # ropa: user.authorization.password\n", ""),),
        1,
        ("User.hashed_password", "removed"),
    ),
    Mutation(
        "field retention (class default)",
        ((USER, 'retention="P2Y")', 'retention="P3Y")'),),
        3,
        ("retention", "P3Y"),
    ),
    Mutation(
        "field subjects (class default)",
        (
            (
                USER,
                'personal_data(subjects=["customer"]',
                'personal_data(subjects=["customer", "employee"]',
            ),
        ),
        3,
        ("subjects", "employee"),
    ),
    Mutation(
        "field source (class default)",
        ((USER, 'retention="P2Y")', 'retention="P2Y", source="third_party")'),),
        3,
        ("source", "third_party"),
    ),
    Mutation(
        "model renamed (fields move to another name)",
        ((USER, "class User(UUIDModel", "class Person(UUIDModel"),),
        3,
        ("Person",),
    ),
    # The project file.
    Mutation(
        "controller detail",
        ((YAML, "email: privacy@gate-test.example", "email: dataprotection@gate-test.example"),),
        1,
        ("controller", "email"),
    ),
    Mutation(
        "DPO detail",
        ((YAML, "dpo: {name: Dora Pohl,", "dpo: {name: Dora Pohl-Weber,"),),
        1,
        ("DPO", "Dora Pohl-Weber"),
    ),
    Mutation(
        "representative added",
        (
            (
                YAML,
                "role: controller",
                "representative: {name: Rep Ltd, address: '1 Rue X, Paris', email: rep@gate-test.example}\nrole: controller",
            ),
        ),
        None,
        ("representative",),
    ),
    Mutation(
        "CCPA jurisdiction added",
        ((YAML, "jurisdictions: [gdpr]", "jurisdictions: [gdpr, ccpa]"),),
        None,
        ("ccpa",),
    ),
    Mutation(
        "security measure added",
        (
            (
                YAML,
                "  - Access to production",
                "  - Quarterly access reviews\n  - Access to production",
            ),
        ),
        1,
        ("security", "Quarterly access reviews"),
    ),
    Mutation(
        "security measure removed",
        ((YAML, "  - Encryption of personal data in transit (TLS 1.2+) and at rest\n", ""),),
        1,
        ("security", "Encryption"),
    ),
    Mutation(
        "moving code only (no change)",
        (
            (
                SENDGRID,
                "class DomainDoesNotExistError",
                "\n\n# moved\nclass DomainDoesNotExistError",
            ),
        ),
        0,
    ),
)

# A baseline saved with the CCPA section for the CCPA flag test is a different starting point:
# the flag is tried from a record that already has it.
CCPA_FLAG = Mutation(
    "CCPA sells flag flipped",
    ((YAML, "  ccpa: {sells: false, shares: false}", "  ccpa: {sells: true, shares: false}"),),
    1,
    ("sells",),
)
CCPA_BASE: tuple[Edit, ...] = (
    (YAML, "jurisdictions: [gdpr]", "jurisdictions: [gdpr, ccpa]"),
    (
        YAML,
        "  children_min_age: 16",
        "  children_min_age: 16\n  ccpa: {sells: false, shares: false}",
    ),
)


@dataclass
class Result:
    name: str
    ok: bool
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def apply(app: Path, edits: tuple[Edit, ...]) -> None:
    for rel, old, new in edits:
        path = app / rel
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise SystemExit(f"{rel}: text to replace not found: {old[:60]!r}")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def git(app: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(app), "-c", "user.name=gate", "-c", "user.email=gate@example.com", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def run(ropa: str, app: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([ropa, *args], cwd=app, capture_output=True, text=True, timeout=600)


def reset(app: Path, base: str) -> None:
    git(app, "checkout", "-q", "--force", base)
    git(app, "clean", "-q", "-fdx", "-e", ".ropa-cache")


def trial(
    ropa: str, app: Path, base: str, work: Path, m: Mutation, before: tuple[Edit, ...] = ()
) -> Result:
    start = time.perf_counter()
    result = Result(m.name, True)
    reset(app, base)
    apply(app, before)
    old, new = work / "base.json", work / "new.json"
    first = run(ropa, app, "scan", "-q", "--output", str(old))
    if first.returncode != 0:
        result.problems.append(f"baseline scan exit {first.returncode}: {first.stderr[-400:]}")
    apply(app, m.edits)
    second = run(
        ropa, app, "scan", "--fail-on", "never", "--baseline", str(old), "--output", str(new)
    )
    out = second.stdout + second.stderr
    result.lines = [line for line in out.splitlines() if "ROPA301" in line]
    errors = [ln for ln in out.splitlines() if " error: " in ln and "ROPA301" not in ln]
    if "internal error" in out.lower():
        result.problems.append("internal error in scan --baseline")
    if errors and not m.extra_errors_ok:
        result.problems.append(f"other errors: {errors[:3]}")
    gate = run(ropa, app, "scan", "-q", "--baseline", str(old))
    want_rc = 1 if (m.expect or result.lines) else 0
    if gate.returncode != want_rc:
        result.problems.append(f"scan --baseline exit {gate.returncode}, expected {want_rc}")
    if m.expect is not None and len(result.lines) != m.expect:
        result.problems.append(f"{len(result.lines)} ROPA301, expected {m.expect}")
    joined = "\n".join(result.lines)
    for word in m.words if m.expect != 0 else ():
        if word not in joined:
            result.problems.append(f"no ROPA301 names {word!r}")
    counts = {}
    for fmt in ("text", "json", "markdown"):
        d = run(ropa, app, "diff", str(old), str(new), "--format", fmt)
        if "internal error" in (d.stdout + d.stderr).lower() or d.returncode not in (0, 1):
            result.problems.append(f"diff --format {fmt}: exit {d.returncode} {d.stderr[-300:]}")
            continue
        if d.returncode != (1 if result.lines else 0):
            result.problems.append(f"diff --format {fmt}: exit {d.returncode}")
        if fmt == "json":
            counts[fmt] = len(json.loads(d.stdout))
        elif fmt == "text":
            counts[fmt] = len(
                [ln for ln in d.stdout.splitlines() if ln[:2] in ("+ ", "- ", "~ ", "> ")]
            )
        else:
            counts[fmt] = len(
                [
                    ln
                    for ln in d.stdout.splitlines()
                    if ln.startswith("| ") and "---" not in ln and "| What |" not in ln
                ]
            )
    if len(set(counts.values()) | {len(result.lines)}) != 1:
        result.problems.append(f"counts differ: scan {len(result.lines)}, diff {counts}")
    result.ok = not result.problems
    result.seconds = time.perf_counter() - start
    return result


BROKEN: tuple[tuple[str, tuple[Edit, ...], int, str], ...] = (
    (
        "ropa.yaml unknown key",
        ((YAML, "role: controller", "role: controller\nsecurity_measure: [x]"),),
        2,
        "ropa.yaml:",
    ),
    (
        "ropa.yaml wrong type",
        ((YAML, "jurisdictions: [gdpr]", "jurisdictions: gdpr"),),
        2,
        "ropa.yaml:",
    ),
    (
        "ropa.yaml duplicate key",
        ((YAML, "role: controller", "role: controller\nrole: processor"),),
        2,
        "ropa.yaml:",
    ),
    (
        "syntax error in a module",
        (("fief/services/broken.py", "", "def f(:\n    pass\n"),),
        0,
        "ROPA001",
    ),
    ("non-UTF-8 module", (("fief/services/latin1.py", "", 'name = "caf\udce9"\n'),), 0, "ROPA001"),
    (
        "non-literal retention",
        ((SENDGRID, 'retention="P30D")', "retention=RETENTION)"),),
        1,
        "ROPA002",
    ),
    (
        "placeholder controller",
        ((YAML, "name: Gate Test Identity GmbH", "name: Example Ltd"),),
        1,
        "ROPA112",
    ),
)


def broken(ropa: str, app: Path, base: str) -> list[Result]:
    results = []
    for name, edits, want, needle in BROKEN:
        reset(app, base)
        for rel, old, new in edits:
            path = app / rel
            if old == "":
                path.write_bytes(new.encode("utf-8", "surrogateescape"))
            else:
                apply(app, ((rel, old, new),))
        done = run(ropa, app, "scan", "--fail-on", "error")
        out = done.stdout + done.stderr
        r = Result(name, True, [ln for ln in out.splitlines() if needle in ln][:3])
        if done.returncode != want:
            r.problems.append(f"exit {done.returncode}, expected {want}: {out[-300:]}")
        if needle not in out:
            r.problems.append(f"no {needle!r} in output")
        if "internal error" in out.lower():
            r.problems.append("internal error")
        r.ok = not r.problems
        results.append(r)
    return results


def dirty_sequence(ropa: str, app: Path, base: str) -> Result:
    """docs/ci.md's GitHub Actions job, in the clean checkout: is the record still clean?"""
    reset(app, base)
    r = Result("CI sequence of docs/ci.md keeps dirty false", True)
    steps = [
        "ropa scan --format github --fail-on never",
        "ropa scan --format sarif --fail-on never > ropa.sarif",
        "ropa scan --baseline privacy/ropa.json --output ropa.json",
        "ropa diff privacy/ropa.json ropa.json --format markdown > ropa-diff.md",
        "ropa build --out-dir ropa-out --formats json,html",
        "ropa build --out-dir ropa-out --formats json,html",
    ]
    (app / "privacy").mkdir(exist_ok=True)
    run(ropa, app, "scan", "-q", "--output", "privacy/ropa.json")
    git(app, "add", "privacy/ropa.json")
    git(app, "commit", "-q", "-m", "baseline record")
    for step in steps:
        subprocess.run(
            step.replace("ropa ", f"{ropa} ", 1), shell=True, cwd=app, capture_output=True
        )
    for rel in ("ropa.json", "ropa-out/ropa.json"):
        source = json.loads((app / rel).read_text(encoding="utf-8"))["generated"]["source"]
        r.lines.append(f"{rel}: {source}")
        if source.get("dirty") is not False:
            r.problems.append(f"{rel}: dirty is {source.get('dirty')}")
    r.ok = not r.problems
    git(app, "reset", "-q", "--hard", base)
    return r


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("app", type=Path)
    parser.add_argument("--ropa", default=shutil.which("ropa") or "ropa")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--only", help="run only the changes whose name holds this text")
    args = parser.parse_args()
    app: Path = args.app.resolve()
    work = app.parent / (app.name + "-gate-work")
    work.mkdir(exist_ok=True)
    git(app, "checkout", "-q", "--force", "HEAD")
    if "ropa:" not in (app / USER).read_text(encoding="utf-8"):
        apply(app, ANNOTATE)
        (app / YAML).write_text(ROPA_YAML, encoding="utf-8")
        git(app, "add", "-A")
        git(app, "commit", "-q", "-m", "ropa annotations")
    base = git(app, "rev-parse", "HEAD").strip()
    results: list[Result] = []
    chosen = [m for m in MUTATIONS if not args.only or args.only in m.name]
    for m in chosen:
        results.append(trial(args.ropa, app, base, work, m))
    if not args.only or args.only in CCPA_FLAG.name:
        results.append(trial(args.ropa, app, base, work, CCPA_FLAG, before=CCPA_BASE))
    if not args.only:
        results.extend(broken(args.ropa, app, base))
        results.append(dirty_sequence(args.ropa, app, base))
    reset(app, base)
    for r in results:
        print(f"{'ok  ' if r.ok else 'FAIL'} {r.name} ({r.seconds:.1f}s)")
        for line in r.lines:
            print(f"       {line[line.find('ROPA301') :] if 'ROPA301' in line else line}")
        for p in r.problems:
            print(f"    !! {p}")
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=1), encoding="utf-8")
    failed = sum(not r.ok for r in results)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
