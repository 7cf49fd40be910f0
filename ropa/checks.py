"""Every diagnostic ropa can report: its stable code, level, documentation and examples."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ropa.model import Diagnostic, Level, Location


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    """A diagnostic code: the summary is one line, the doc is the user documentation.

    ``invalid`` examples are small projects (file name -> text) that must raise the code;
    ``valid`` ones are the same projects fixed, which must not. The tests run them all.
    """

    code: str
    level: Level
    summary: str
    doc: str
    invalid: tuple[Mapping[str, str], ...] = ()
    valid: tuple[Mapping[str, str], ...] = ()
    needs: str = ""
    """Extra CLI options its examples need (``baseline``)."""


CHECKS: dict[str, Check] = {}

# A project file with everything the documents need, so that a valid example reports nothing.
_YAML = """\
controller: {name: Acme Shop Ltd, email: privacy@acme-shop.test, address: "1 Main St, Dublin"}
dpo: {name: Dana Byrne, email: dpo@acme-shop.test}
supervisory_authority: {name: Data Protection Commission, url: "https://www.dataprotection.ie/"}
security_measures: [Encryption in transit and at rest]
notice: {effective_date: 2026-01-15, children_min_age: 16}
"""


def _check(
    code: str,
    level: Level,
    summary: str,
    *,
    invalid: tuple[Mapping[str, str], ...] = (),
    valid: tuple[Mapping[str, str], ...] = (),
    needs: str = "",
) -> Callable[[Callable[[], None]], Callable[[], None]]:
    def register(func: Callable[[], None]) -> Callable[[], None]:
        CHECKS[code] = Check(
            code=code,
            level=level,
            summary=summary,
            doc=inspect.cleandoc(func.__doc__ or ""),
            invalid=tuple({"ropa.yaml": _YAML, **i} for i in invalid),
            valid=tuple({"ropa.yaml": _YAML, **v} for v in valid),
            needs=needs,
        )
        return func

    return register


def diag(
    code: str, message: str, location: Location | None = None, hint: str | None = None
) -> Diagnostic:
    """A diagnostic at the level its code is registered with."""
    return Diagnostic(
        code=code, level=CHECKS[code].level, message=message, location=location, hint=hint
    )


def _act(extra: str = "", *, data: str = '["user.contact.email"]', lb: str = "contract") -> str:
    return (
        "from ropa import processing\n\n"
        f'@processing("Orders", purpose="Fulfil orders", legal_basis="{lb}",\n'
        f'            data={data}, subjects=["customer"], retention="P1Y",\n'
        f'            requirement="Needed to deliver the order"{extra})\n'
        "def fulfil(order): ...\n"
    )


# A function that sends the customer's e-mail address to Sentry: evidence for "sentry".
_SENT = '\n\ndef report(order):\n    sentry_sdk.set_user({"email": order.email})\n'


@_check(
    "ROPA001",
    Level.WARNING,
    "a file could not be read or parsed; scanning goes on",
    invalid=({"broken.py": "def broken(:\n", "app.py": _act()},),
    valid=({"app.py": _act(), "fine.py": "def fine(): ...\n"},),
)
def _ropa001() -> None:
    """A Python file in the scanned tree could not be read or parsed: a syntax error, bytes
    that are not valid in its encoding, NUL bytes, or a file over `scan.max_file_size`.
    ropa reports it once and scans the rest of the tree; markers in that file are not seen,
    so fix the file or exclude it with `scan.exclude`.

    Dependency files (requirements files, `pyproject.toml`, `setup.cfg`) are read for
    ROPA202 too: one that is not a regular file (a FIFO, a device, a link out of the
    project), is over `scan.max_file_size`, is not valid TOML or INI, or holds a value of the
    wrong type (`project = "x"`, `dependencies = 5`) is reported here at the file and line;
    what can still be read from it is read."""


@_check(
    "ROPA002",
    Level.ERROR,
    "malformed marker: bad syntax, non-literal or unknown argument, wrong type",
    invalid=(
        {"app.py": _act(extra=", purpose_text=1")},
        {"app.py": 'from ropa import processing\nNAME = "x"\n@processing(NAME)\ndef f(): ...\n'},
        {"app.py": '# ropa: processing("A", purpose=f"x{1}")\nx = 1\n'},
    ),
    valid=({"app.py": _act()},),
)
def _ropa002() -> None:
    """A marker could not be read. Markers are read without running your code, so every
    argument must be a literal: a string, number, boolean, None, or a list, tuple, set or
    dict of those. Variables, f-strings, calls and `**kwargs` are not allowed. Arguments
    must be the ones the marker takes (see `docs/annotations.md`) with the right types:
    `subjects=["customer"]`, not `subjects="customer"`. A comment call must balance its
    parentheses over consecutive comment lines.

    Each bad argument is reported at its own line and column; the other arguments are still
    read and checked. An argument that is written but unreadable is not asked for again (no
    "lacks purpose" or "has no retention period" beside this error): the record marks the item
    as missing, and its gap points here, until the argument is fixed."""


@_check(
    "ROPA003",
    Level.ERROR,
    "a marker that cannot attach where it stands",
    invalid=({"app.py": "# ropa: user.contact.email\ndef f(): ...\n"},),
    valid=({"app.py": _act() + "class C:\n    email = None  # ropa: user.contact.email\n"},),
)
def _ropa003() -> None:
    """A field-key comment (`# ropa: user.contact.email`) must stand at the end of an
    assignment's line or on its own line directly above the assignment. Anywhere else it
    declares nothing, so ropa refuses it instead of ignoring it."""


@_check(
    "ROPA004",
    Level.WARNING,
    "a suppression comment that silences nothing",
    invalid=({"app.py": _act() + "x = 1  # ropa: ignore[ROPA201]\n"},),
    valid=({"app.py": _act() + "x = 1\n"},),
)
def _ropa004() -> None:
    """A `# ropa: ignore` or `# ropa: ignore[CODE]` comment covers a line on which nothing
    is reported (any more). Remove it, so that suppressions do not outlive their reason and
    hide a later problem on the same line."""


@_check(
    "ROPA101",
    Level.ERROR,
    "unknown data category",
    invalid=({"app.py": _act(data='["user.contact.emial"]')},),
    valid=({"app.py": _act(data='["user.contact.email"]')},),
)
def _ropa101() -> None:
    """A data category key is not in the fideslang taxonomy nor in `categories:` of
    `ropa.yaml`. The message suggests the closest key. `ropa taxonomy categories QUERY`
    lists keys; define your own under `categories:` when none fits."""


@_check(
    "ROPA102",
    Level.ERROR,
    "unknown data use",
    invalid=({"app.py": _act(extra=', uses=["essential.servise"]')},),
    valid=({"app.py": _act(extra=', uses=["essential.service"]')},),
)
def _ropa102() -> None:
    """A `uses=` key is not a fideslang data use. `ropa taxonomy uses` lists them."""


@_check(
    "ROPA103",
    Level.ERROR,
    "unknown data subject",
    invalid=({"app.py": _act().replace('"customer"', '"custmer"')},),
    valid=({"app.py": _act()},),
)
def _ropa103() -> None:
    """A `subjects=` key is not a fideslang data subject. `ropa taxonomy subjects` lists
    them (customer, employee, job_applicant, visitor, ...)."""


@_check(
    "ROPA104",
    Level.ERROR,
    "unknown vendor key, or a region the vendor does not have",
    invalid=(
        {"app.py": _act(extra=', processors=["mailgnu"]')},
        {
            "app.py": _act(extra=', processors=["aws"]'),
            "ropa.yaml": _YAML + "vendors:\n  aws: {region: eu-centrl-1}\n",
        },
    ),
    valid=(
        {"app.py": _act(extra=', processors=["mailgun"]')},
        {
            "app.py": _act(extra=', processors=["aws"]'),
            "ropa.yaml": _YAML + "vendors:\n  aws: {region: eu-central-1}\n",
        },
    ),
)
def _ropa104() -> None:
    """A vendor key in `processors=` or `@processor(...)` is neither in the built-in
    registry nor under `vendors:` in `ropa.yaml`. `ropa vendors QUERY` searches the
    registry; declare a vendor of your own with all its fields under `vendors:`.

    Also reported for a `region=` (on `@processor(...)`, or `vendors: {KEY: {region: ...}}`
    in `ropa.yaml`) that names no place of that vendor: a region must be one of the
    vendor's cloud regions (`ropa vendors aws` lists them; AWS, Google Cloud and Azure
    have them) or an ISO 3166-1 country code such as `DE`. The message says whose region
    it is when it belongs to another provider; until it is fixed, the record takes the
    vendor's head office as the place of the data."""


@_check(
    "ROPA105",
    Level.ERROR,
    "activity without purpose, legal basis, data or subjects",
    invalid=({"app.py": _act().replace(' legal_basis="contract",', "")},),
    valid=({"app.py": _act()},),
)
def _ropa105() -> None:
    """Art. 30(1)(b)-(c) and Art. 13(1)(c) need, for every activity, its purpose, its legal
    basis under Art. 6(1), the categories of personal data and of data subjects. An activity
    may be declared in several places; together they must give all four. Legal bases:
    consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests."""


@_check(
    "ROPA106",
    Level.ERROR,
    "legitimate_interests without legitimate_interest",
    invalid=({"app.py": _act(lb="legitimate_interests")},),
    valid=(
        {
            "app.py": _act(
                lb="legitimate_interests",
                extra=', legitimate_interest="Fraud", lia="https://wiki.test/lia"',
            )
        },
    ),
)
def _ropa106() -> None:
    """Art. 13(1)(d) requires the notice to state the legitimate interest pursued. An
    activity on `legitimate_interests` must say which in `legitimate_interest="..."`."""


@_check(
    "ROPA107",
    Level.ERROR,
    "Art. 9 data without special_category_basis; Art. 10 data without basis",
    invalid=({"app.py": _act(data='["user.health_and_medical"]')},),
    valid=(
        {
            "app.py": _act(
                data='["user.health_and_medical"]',
                extra=', special_category_basis="explicit_consent", dpia="in_progress",\n'
                '            consent_record="Consent log table"',
            )
        },
        {
            "app.py": _act(
                data='["user.criminal_history"]',
                extra=', special_category_basis={"condition": "authorised_by_law",\n'
                '            "law": "DPA 2018 Sch. 1 para 10"}, dpia="not_required"',
            )
        },
    ),
)
def _ropa107() -> None:
    """Special categories of data (Art. 9: health, genetic, biometric identification,
    racial or ethnic origin, political opinions, religious or philosophical beliefs,
    trade-union membership, sex life or sexual orientation) may only be processed under one
    of the conditions of Art. 9(2): give it as `special_category_basis=` (explicit_consent,
    employment, vital_interests, not_for_profit, made_public, legal_claims,
    substantial_public_interest, health_care, public_health, archiving_research). Criminal
    convictions data (Art. 10) needs a basis in law: state it in `special_category_basis=`
    too (usually substantial_public_interest or legal_claims).

    Where national law supplies the condition, name it with a dict:
    `special_category_basis={"condition": "substantial_public_interest", "law": "DPA 2018
    Sch. 1 para 10"}`. For Art. 10 data only, the condition may also be `official_authority`
    or `authorised_by_law`, which must name the `law`."""


@_check(
    "ROPA108",
    Level.WARNING,
    "activity without retention",
    invalid=({"app.py": _act().replace(', retention="P1Y"', "")},),
    valid=({"app.py": _act()},),
)
def _ropa108() -> None:
    """Art. 30(1)(f) asks for the envisaged time limits for erasure "where possible", and
    Art. 13(2)(a) for the storage period or the criteria that decide it. Give
    `retention="P2Y"` or a criterion such as `retention="Until the account is deleted"`."""


@_check(
    "ROPA109",
    Level.ERROR,
    "third-country transfer without a safeguard",
    invalid=(
        {
            "app.py": _act(extra=', processors=["acme"]'),
            "ropa.yaml": _YAML
            + 'vendors:\n  acme: {name: Acme, location: "Pune, India", country: IN,\n'
            "    services: Support, kind: support, role: processor,\n"
            "    privacy_policy: https://acme.example/privacy, safeguards: [],\n"
            "    dpa: https://acme.example/dpa}\n",
        },
    ),
    valid=(
        {
            "app.py": _act(extra=', processors=["acme"]'),
            "ropa.yaml": _YAML
            + 'vendors:\n  acme: {name: Acme, location: "Pune, India", country: IN,\n'
            "    services: Support, kind: support, role: processor,\n"
            "    privacy_policy: https://acme.example/privacy, safeguards: [sccs],\n"
            "    dpa: https://acme.example/dpa}\n",
        },
    ),
)
def _ropa109() -> None:
    """A processor outside the EEA receives personal data, and nothing makes that transfer
    lawful under Chapter V: the country has no adequacy decision (for the United States,
    the vendor is not certified under the EU-US Data Privacy Framework) and the vendor entry
    lists no `safeguards`. Add the safeguard you rely on to the vendor under `vendors:` in
    `ropa.yaml`: `sccs`, `bcrs`, `public_authority_instrument`, `code_of_conduct`,
    `certification`, `ad_hoc_clauses`, `administrative_arrangement`, the UK's `uk_idta`
    and `uk_addendum`, or an Art. 49 derogation (`derogation_consent`,
    `derogation_contract`, `derogation_public_interest`, `derogation_legal_claims`,
    `derogation_vital_interests`, `derogation_public_register`,
    `derogation_compelling_interests`, which needs `transfer_document:`).

    With a `region`, the transfer follows it: storage in a region outside the EEA needs a
    safeguard for that country, and a head office outside the EEA (possible access to data
    kept in the region) needs one for its own country."""


@_check(
    "ROPA110",
    Level.ERROR,
    "conflicting declarations of one activity",
    invalid=(
        {"app.py": _act() + '\n@processing("Orders", legal_basis="consent")\ndef other(): ...\n'},
    ),
    valid=({"app.py": _act() + '\n@processing("Orders", processors=["aws"])\ndef other(): ...\n'},),
)
def _ropa110() -> None:
    """Declarations with the same activity name merge: lists are joined, but a scalar such
    as `legal_basis` or `retention` declared twice with different values cannot be merged.
    The message names both locations; make them agree or rename one activity."""


@_check(
    "ROPA111",
    Level.ERROR,
    "invalid retention value",
    invalid=({"app.py": _act().replace('"P1Y"', '"P1"')},),
    valid=({"app.py": _act()},),
)
def _ropa111() -> None:
    """Retention is an ISO 8601 duration in years, months, weeks and days (`P30D`, `P6M`,
    `P2Y`, `P1Y6M`) or a phrase that states the criterion ("Until the account is deleted").
    Something that looks like a broken duration (`P1`, `3Y`, `P-1Y`) is refused."""


@_check(
    "ROPA112",
    Level.ERROR,
    "ropa.yaml lacks what Art. 30(1)(a) needs (controller name and contact)",
    invalid=(
        {"app.py": _act(), "ropa.yaml": "role: controller\n"},
        {"app.py": _act(), "ropa.yaml": _YAML.replace("Acme Shop Ltd", "Example Ltd")},
        {"app.py": _act(), "ropa.yaml": _YAML.replace("acme-shop.test", "example.com")},
        {"app.py": _act(), "ropa.yaml": _YAML.replace('"1 Main St, Dublin"', "NYC, country: US")},
    ),
    valid=(
        {"app.py": _act()},
        {
            "app.py": _act(),
            "ropa.yaml": _YAML.replace('"1 Main St, Dublin"', "NYC, country: US")
            + "representative: {name: Acme EU Rep, email: rep@acme-eu.test}\n",
        },
    ),
)
def _ropa112() -> None:
    """The record must name the controller and how to contact it (Art. 30(1)(a)), and the
    notice must give its identity and contact details (Art. 13(1)(a)). Add `controller:`
    with `name` and at least one of `email`, `phone`, `address` to `ropa.yaml`. Without a
    `ropa.yaml` at all, the diagnostic points at the project root: run `ropa init` there.
    The values `ropa init` writes (`Example Ltd`, `1 Example Street, ...`, `Jane Doe`) and
    e-mail addresses or websites at `example.com`, `example.org` or `example.net` are
    placeholders, reported at their line until you replace them: a notice must not name a
    controller nobody can reach.

    A controller established outside the EEA (`controller: {country: US}`) must also name
    its representative in the Union (Art. 27, 30(1)(a)): add `representative:` with a name
    and a contact. The record then states its own processing as a transfer to that
    country, and the notice names no lead supervisory authority unless
    `supervisory_authority:` declares one."""


# A project whose notice is also built in German, and its catalog with every text translated.
_YAML_DE = _YAML.replace("children_min_age: 16}", "children_min_age: 16, languages: [en, de]}")
_PO_DE = """\
msgid ""
msgstr "Content-Type: text/plain; charset=utf-8\\n"

msgid "Orders"
msgstr "Bestellungen"

msgid "Fulfil orders"
msgstr "Bestellungen ausführen"

msgid "Needed to deliver the order"
msgstr "Für die Lieferung der Bestellung erforderlich"

msgid "Encryption in transit and at rest"
msgstr "Verschlüsselung bei der Übertragung und im Ruhezustand"
"""


@_check(
    "ROPA113",
    Level.WARNING,
    "a project text has no translation in a language the notice is built in",
    invalid=({"ropa.yaml": _YAML_DE, "app.py": _act()},),
    valid=(
        {
            "ropa.yaml": _YAML_DE,
            "app.py": _act(),
            "locale/de/LC_MESSAGES/ropa-project.po": _PO_DE,
        },
    ),
)
def _ropa113() -> None:
    """The notice is built in another language (`notice.languages` in `ropa.yaml`, or
    `ropa build --lang de`), and a text the project writes that the notice shows (an
    activity's name, purpose, legitimate interest, requirement, source, recipients, a
    retention criterion, a vendor's purposes, a security measure, `notice.changes`) has no
    translation in `locale/LANG/LC_MESSAGES/ropa-project.po`. The notice shows the text as
    written, tagged with its language; a draft also marks it "not translated". Reported at
    the declaration of the text. Run `ropa translate --lang LANG` to add the missing texts to
    the catalog, translate them, and build again. A translation marked fuzzy is not used
    until the mark is removed (it may be a guess). See docs/languages.md."""


@_check(
    "ROPA114",
    Level.ERROR,
    "activity= names an activity that no declaration defines",
    invalid=(
        {
            "app.py": _act()
            + '\n# ropa: processor("mailgun", data=["user.contact.email"], activity="Ordres")\n'
            "x = 1\n"
        },
    ),
    valid=(
        {
            "app.py": _act()
            + '\n# ropa: processor("mailgun", data=["user.contact.email"], activity="Orders")\n'
            "x = 1\n"
        },
    ),
)
def _ropa114() -> None:
    """A `processor(..., activity="...")` links the disclosure to an activity by its name,
    and no `processing` declaration in the code or under `activities:` in `ropa.yaml` has
    that name (a typo, or an activity renamed). The record cannot say for which purpose the
    vendor receives the data. The message suggests the closest name."""


def _for_client(extra: str = "") -> str:
    """A processor activity: what we do for a client, with no legal basis of our own."""
    return (
        "from ropa import processing\n\n"
        '@processing("Client mailings", purpose="Send the newsletters a client writes",\n'
        '            role="processor", data=["user.contact.email"], subjects=["customer"]'
        f"{extra})\n"
        "def send(batch): ...\n"
    )


_CLIENTS = (
    "clients:\n  - {key: acme-retail, name: Acme Retail Ltd, contact: dpo@acme-retail.test}\n"
)
_JOINT = (
    "joint_controllers:\n  alpine-club:\n    name: Alpine Club e.V.\n"
    "    contact: privacy@alpine-club.test\n"
    "    responsibilities: The club answers requests; we run the booking system\n"
    "    arrangement: We decide together which course data is collected and why\n"
)


@_check(
    "ROPA117",
    Level.ERROR,
    "a processor activity without on_behalf_of, or naming an unknown client / joint controller",
    invalid=(
        {"app.py": _for_client(), "ropa.yaml": _YAML + _CLIENTS},
        {"app.py": _for_client(', on_behalf_of=["acme-retial"]'), "ropa.yaml": _YAML + _CLIENTS},
        {
            "app.py": _act(extra=', role="joint_controller", joint_controllers=["alpine"]'),
            "ropa.yaml": _YAML + _JOINT,
        },
        {
            "app.py": _for_client(', on_behalf_of=["acme-retail"], legal_basis="contract"'),
            "ropa.yaml": _YAML + _CLIENTS,
        },
    ),
    valid=(
        {"app.py": _for_client(', on_behalf_of=["acme-retail"]'), "ropa.yaml": _YAML + _CLIENTS},
        {
            "app.py": _act(extra=', role="joint_controller", joint_controllers=["alpine-club"]'),
            "ropa.yaml": _YAML + _JOINT,
        },
    ),
)
def _ropa117() -> None:
    """An activity's `role` says who decides about it (Art. 4(7), 26, 28): `controller` (the
    default, or the project's `role:`), `processor` (we do it on a client's instructions) or
    `joint_controller` (we decide it together with another organisation). Each role needs
    its counterpart, declared in `ropa.yaml`:

    - a processor activity names the clients it is done for in `on_behalf_of=["KEY"]`, each
      a `key` under `clients:`. The record's Art. 30(2) part lists, per client, only these
      activities, so an activity without a client is in nobody's part;
    - a joint controller activity names its partners in `joint_controllers=["KEY"]`, each a
      key under `joint_controllers:` (with the essence of the arrangement, Art. 26(2));
    - `on_behalf_of` on an activity that is not a processor's, or `joint_controllers` on one
      that is not a joint controller's, is reported too: the role is probably missing.

    An unknown key is reported with the closest declared one. A processor activity states no
    Art. 6 legal basis: the client, as controller, chooses it. A `legal_basis`,
    `legitimate_interest` or `special_category_basis` on it, or the papers that follow from
    them (`lia`, `consent_record`, `withdrawal`), is reported under this code as a
    **warning** and left out of the record, the CSV and the notice; ROPA116 asks none of the
    accountability papers of it. It needs a `purpose`
    (what we do for the client), `data` and `subjects` (ROPA105); a retention period and
    the Art. 13 items (`requirement=`) are not asked of it."""


@_check(
    "ROPA115",
    Level.ERROR,
    "the record is inconsistent: two of its statements contradict each other",
    invalid=(
        {"app.py": _act(lb="consent", extra=', consent_record="Consent table"')},
        {
            "app.py": _act(extra=', processors=["acme"]'),
            "ropa.yaml": _YAML
            + 'vendors:\n  acme: {name: Acme, location: "Dublin, Ireland", country: IE,\n'
            "    services: Delivery, kind: logistics, role: controller,\n"
            "    privacy_policy: https://acme.test/privacy, dpa: https://acme.test/dpa}\n",
        },
        {
            "app.py": _act()
            + '\nclass C:  # ropa: personal_data(subjects=["customer"], retention="P10Y")\n'
            "    email = None  # ropa: user.contact.email\n"
        },
        {"app.py": _act(extra=', processors=["sendgrid"]')},
        {
            "app.py": _act(extra=', processors=["sendgrid"], uses=["marketing.communications"]'),
            "ropa.yaml": _YAML.replace("2026-01-15", "2023-01-15"),
        },
    ),
    valid=(
        {
            "app.py": _act(
                lb="consent",
                extra=', consent_record="Consent table", withdrawal="https://shop.test/unsub"',
            )
        },
        {
            "app.py": _act(extra=', processors=["acme"]'),
            "ropa.yaml": _YAML
            + 'vendors:\n  acme: {name: Acme, location: "Dublin, Ireland", country: IE,\n'
            "    services: Delivery, kind: logistics, role: controller,\n"
            "    privacy_policy: https://acme.test/privacy}\n",
        },
        {
            "app.py": _act()
            + '\nclass C:  # ropa: personal_data(subjects=["customer"], retention="P1Y")\n'
            "    email = None  # ropa: user.contact.email\n"
        },
        {"app.py": _act(extra=', processors=["sendgrid"], uses=["marketing.communications"]')},
    ),
)
def _ropa115() -> None:
    """Two statements of the record contradict each other, so a reader cannot tell which
    holds. Reported as an error:

    - a vendor declared in `ropa.yaml` as an independent controller (`role: controller`)
      with a `dpa:`: an Art. 28 agreement is what a processor signs. Set `role: processor`
      if it acts on your instructions, else remove the DPA.

    As a warning:

    - consent-based processing with no way to withdraw (`withdrawal=`, Art. 7(3)); the
      notice shows the withdrawal where consent is the basis;
    - a data-inventory field kept longer than every activity using it allows, or shorter than
      every one of them keeps it (ISO durations only; a criterion is not compared);
    - a vendor whose `services` name marketing or advertising while no activity it serves has
      that purpose or a `marketing` data use: declare that activity, or set the vendor's
      `services:` to what you use it for under `vendors:` in `ropa.yaml`;
    - a notice `effective_date` older than an adequacy decision (or the EU-US Data Privacy
      Framework) that the notice cites for a transfer."""


@_check(
    "ROPA116",
    Level.WARNING,
    "an accountability item is missing (LIA, consent record, DPIA decision, ADM exception)",
    invalid=(
        {"app.py": _act(lb="legitimate_interests", extra=', legitimate_interest="Fraud"')},
        {"app.py": _act(lb="consent", extra=', withdrawal="https://shop.test/unsub"')},
        {
            "app.py": _act(
                data='["user.health_and_medical"]',
                extra=', special_category_basis="health_care"',
            )
        },
        {
            "app.py": _act(
                extra=', automated_decision="Scores the order", dpia="https://wiki.test/dpia"'
            )
        },
        {"app.py": _act(extra=', profiling=True, dpia="not-required"')},
    ),
    valid=(
        {
            "app.py": _act(
                lb="legitimate_interests",
                extra=', legitimate_interest="Fraud", lia="https://wiki.test/lia"',
            )
        },
        {
            "app.py": _act(
                lb="consent",
                extra=', withdrawal="https://shop.test/unsub", consent_record="Consent table"',
            )
        },
        {
            "app.py": _act(
                data='["user.health_and_medical"]',
                extra=', special_category_basis="health_care", dpia="https://wiki.test/dpia"',
            )
        },
        {
            "app.py": _act(
                extra=', automated_decision="Scores the order", dpia="https://wiki.test/dpia",\n'
                '            automated_decision_exception="contract",\n'
                '            automated_decision_effects="A refused order is not shipped"'
            )
        },
    ),
)
def _ropa116() -> None:
    """An accountable controller (Art. 5(2)) keeps papers that the ICO, CNIL and DPC record
    templates ask for. Each missing one is a gap the documents mark, reported here:

    - `legal_basis="legitimate_interests"` without `lia=` (where the legitimate interests
      assessment is);
    - consent (`legal_basis="consent"` or `special_category_basis="explicit_consent"`)
      without `consent_record=` (where each consent given is recorded, Art. 7(1));
    - Art. 9 or Art. 10 data, `profiling=True` or `automated_decision=` without `dpia=`:
      `not_required`, `required`, `in_progress`, or the URL or reference of the completed
      DPIA (Art. 35); a bare word that is none of these is taken for a typo;
    - `automated_decision=` without `automated_decision_exception=` (Art. 22(2): `contract`,
      `law` or `explicit_consent`) or, for an activity in the notice, without
      `automated_decision_effects=` (the significance and envisaged consequences for the
      person, Art. 13(2)(f)).

    Each is reported at the declaration that raises the need (the legal basis, the
    automated decision) or at the activity."""


@_check(
    "ROPA120",
    Level.WARNING,
    "an item the documents need is missing (a gap of the record)",
    invalid=(
        {"app.py": _act().replace(',\n            requirement="Needed to deliver the order"', "")},
        {"app.py": _act(), "ropa.yaml": _YAML.replace("dpo: {name: Dana Byrne", "# dpo: {x")},
        {"app.py": _act() + '\n# ropa: processor("mailgun", data=["user.contact.email"])\nx = 1\n'},
    ),
    valid=(
        {"app.py": _act()},
        {
            "app.py": _act()
            + '\n# ropa: processor("mailgun", data=["user.contact.email"], activity="Orders")\n'
            "x = 1\n"
        },
    ),
)
def _ropa120() -> None:
    """Every item the record or the notice lists as a gap ("Missing declaration" in the
    documents) is reported: by its own code when one exists (ROPA104-109, ROPA112, ROPA114-117,
    ROPA202), else by ROPA120, at the place where it should be declared. ROPA120 covers:

    - a processor not linked to any activity: at the processor marker;
    - `requirement=` missing (Art. 13(2)(e)) for data the person gives: at the activity;
    - a processor without a DPA (`dpa:`): at the vendor's first declaration;
    - no `dpo:`, or one without name or contact: `ropa.yaml` at `dpo:`;
    - a `representative:` without name or contact: `ropa.yaml` at `representative:`;
    - no `supervisory_authority:`, or one without name or contact: `ropa.yaml` at it;
    - no `security_measures:` (Art. 30(1)(g)): `ropa.yaml` at it;
    - no `notice.effective_date` or `notice.children_min_age`: `ropa.yaml` at `notice:`;
    - `role: processor` or a processor activity without `clients:`, or a client without
      name or contact: `ropa.yaml` at `clients:` or `role:`;
    - a joint controller without contact or address, without `responsibilities` or without
      the essence of the `arrangement` (Art. 26): `ropa.yaml` at its key under
      `joint_controllers:`;
    - `ccpa` listed but no data the notice lists falls in a CCPA category: `ropa.yaml` at
      `jurisdictions:`.

    A key `ropa.yaml` does not have is reported at its line 1.
    Without a `ropa.yaml`, the location is the project root. The gaps list of `ropa.json`
    carries the same code, level and location, and the documents print exactly these gaps as
    "Missing declaration" markers (each with `data-gap="ID"` in the HTML). A warning of
    this code in the code can be accepted with `# ropa: ignore[ROPA120]`; the documents then
    say "Not declared" without a marker."""


@_check(
    "ROPA201",
    Level.WARNING,
    "a field that looks like personal data is not annotated",
    invalid=(
        {
            "app.py": _act() + "\nfrom django.db import models\n\nclass Customer(models.Model):\n"
            "    email = models.EmailField()\n"
        },
    ),
    valid=(
        {
            "app.py": _act() + "\nfrom django.db import models\n\nclass Customer(models.Model):\n"
            "    email = models.EmailField()  # ropa: user.contact.email\n"
        },
    ),
)
def _ropa201() -> None:
    """A field of a model class (Django, SQLAlchemy, pydantic, dataclasses, attrs,
    TypedDict, marshmallow) has a name or type that usually holds personal data (email,
    phone_number, date_of_birth, ip_address, `EmailField`, ...) and no annotation. The hint
    gives the comment to add. When the field is not personal data, add
    `# ropa: ignore[ROPA201]` to its line."""


@_check(
    "ROPA202",
    Level.WARNING,
    "a registry vendor's SDK is imported but not declared as a processor",
    invalid=({"app.py": "import sentry_sdk\n" + _act()},),
    valid=({"app.py": "import sentry_sdk\n" + _act(extra=', processors=["sentry"]') + _SENT},),
)
def _ropa202() -> None:
    """The code imports a package that sends data to a vendor in the registry (or a
    requirements file, `pyproject.toml` or `setup.cfg` names it, or the code calls the vendor's
    API by a literal address, `requests.post("https://api.mistral.ai/v1/...")`, a base URL in a
    constant included), but no activity or `@processor` declares that vendor. Add the vendor
    to `processors=` of the activity that sends it data, or declare what it receives and why,
    linked to that activity:
    `# ropa: processor("sentry", data=["user.device.ip_address"], purpose="Error tracking",
    activity="Checkout")`. A `processor` marker inside the body of a function (or on a method
    of a class) that has a `processing` declaration joins that activity without `activity=`,
    so it can stand just above the SDK call.

    Framework integrations that call one vendor count as that vendor: `langchain_openai` and
    `llama_index.llms.openai` are OpenAI, `langchain_anthropic` is Anthropic. A router, a
    package that picks the vendor at run time (`litellm`, `langchain_community`, `pydantic_ai`,
    `django-anymail`, `apprise`), is reported until some vendor of a kind it can reach (`ai`,
    `email`, ...) is declared or already reported. See docs/vendors.md."""


@_check(
    "ROPA203",
    Level.WARNING,
    "a declared personal-data field whose category no activity processes",
    invalid=(
        {"app.py": _act() + "\nclass C:\n    phone = None  # ropa: user.contact.phone_number\n"},
    ),
    valid=({"app.py": _act() + "\nclass C:\n    email = None  # ropa: user.contact.email\n"},),
)
def _ropa203() -> None:
    """Purpose limitation (Art. 5(1)(b)) and data minimisation (Art. 5(1)(c)): a field is
    declared to hold personal data, but no activity lists its category (or a parent of it),
    so the record cannot say why it is kept. Add the category to the activity that uses
    it, or stop storing the field."""


@_check(
    "ROPA204",
    Level.INFO,
    "an import of a third-party package the registry does not know",
    invalid=({"app.py": "import frobnicator\n" + _act()},),
    valid=({"app.py": "import json\n" + _act()},),
)
def _ropa204() -> None:
    """The code imports a third-party package (not the standard library, not the project's
    own modules) that the vendor registry does not know. Listed once per package for
    review: if it sends personal data to a service, declare that service as a vendor.

    Libraries that send nothing by themselves (numpy, pandas, django, flask, sqlalchemy,
    celery, ...) are not listed: `ropa/data/libraries.yaml` names them. General network
    clients (requests, httpx, aiohttp, ...) are listed with their own message, since they
    send whatever the code gives them to whichever host it names. A module of the project
    itself, with or without `__init__.py`, beside the importing file, at the root, under
    `src/` or in a top-level folder, is never listed, and neither is a package only test code
    imports (`scan.test_paths`). See docs/vendors.md."""


@_check(
    "ROPA205",
    Level.WARNING,
    "personal data reaches a vendor that no activity declares as its recipient",
    invalid=({"app.py": "import sentry_sdk\n" + _act() + _SENT},),
    valid=({"app.py": "import sentry_sdk\n" + _act(extra=', processors=["sentry"]') + _SENT},),
)
def _ropa205() -> None:
    """The code passes personal data of a category (read from a field named like personal
    data, or declared with `# ropa: CATEGORY`) to a vendor's SDK, or in an HTTP request to a
    host the vendor's API answers on, but no activity lists that vendor in `processors=`
    together with the category in `data=`, and no `processor(...)` declares it. The
    diagnostic stands at the call that sends the data and lists each step from where the
    data is read to that call (`--format json`: `"flow"`, SARIF: `codeFlows`).

    Declare the disclosure: add the vendor to the activity that sends the data, or write
    `# ropa: processor("VENDOR", data=["CATEGORY"], purpose="...", activity="...")`. When a
    masking or hashing function makes the data anonymous on the way, name it under
    `scan.sanitisers` in `ropa.yaml` (hashlib and hmac count already). `# ropa:
    ignore[ROPA205]` on any line of the path silences it. The calls that count as sending to
    a vendor are its `sinks:` in the registry (`ropa/data/vendors.yaml`), any other call into
    its SDK but set-up calls and constructors, and LangChain, LlamaIndex and litellm calls
    of its models. An HTTP request to a literal host that no vendor owns (not this machine
    or a private network) is reported the same way, naming the host as the recipient;
    declare it under `vendors:` in `ropa.yaml` with `hosts:`. See docs/evidence.md."""


@_check(
    "ROPA206",
    Level.WARNING,
    "personal data is written to logs or standard output",
    invalid=(
        {
            "app.py": _act() + "\nimport logging\n\nlog = logging.getLogger(__name__)\n\n"
            "def notify(user):\n    log.info('mailed %s', user.email)\n"
        },
    ),
    valid=(
        {
            "app.py": _act() + "\nimport logging\n\nlog = logging.getLogger(__name__)\n\n"
            "def notify(user):\n    log.info('mailed user %s', user.id)\n"
        },
    ),
)
def _ropa206() -> None:
    """A value read from personal data reaches a logging call (`logging`, `logger.*`,
    `structlog`, `loguru`) or standard output (`print`, `sys.stdout.write`, `click.echo`).
    Logs are copied to log services, kept longer than the data itself and read by people who
    need not see it (Art. 5(1)(c), 5(1)(f), 32). Log an identifier, or mask the value with a
    function named under `scan.sanitisers` in `ropa.yaml`. The diagnostic stands at the call
    and lists the steps from the read; `# ropa: ignore[ROPA206]` on any of their lines
    silences it. Test code is not followed (`scan.test_paths`, docs/evidence.md)."""


@_check(
    "ROPA207",
    Level.INFO,
    "a declared processor that no code path carrying its data was found to reach",
    invalid=({"app.py": "import sentry_sdk\n" + _act(extra=', processors=["sentry"]')},),
    valid=({"app.py": "import sentry_sdk\n" + _act(extra=', processors=["sentry"]') + _SENT},),
)
def _ropa207() -> None:
    """A vendor whose SDK the code imports is declared to receive a category of personal
    data, but ropa found no call into the SDK (or request to its hosts) that carries data
    of that category. Often the SDK collects the data itself (an error tracker reading the
    request's IP address), or the code builds the value in a way ropa does not follow: then
    this note needs no action. It can also mean that a declaration outlived the code that
    sent the data: check it. The record shows each vendor's "Evidence in code", and marks
    a declared vendor that has none."""


@_check("ROPA301", Level.ERROR, "the record differs from --baseline", needs="baseline")
def _ropa301() -> None:
    """`ropa scan --baseline privacy/ropa.json` compares the scanned record with the one
    privacy counsel last reviewed; `ropa diff OLD NEW` prints the same comparison. Every
    value of the record is compared, except:

    - `generated` (tool, version, date, commit, dirty): it changes on every build;
    - code locations: the `locations` (path, line) of activities and vendors and the
      `location` of data-inventory fields, so moving or reformatting code is no change
      (a vendor's `location` is its address and is compared);
    - `gaps`: the list of what is missing is derived from the items compared (and names
      code lines);
    - the order of any list, and vocabulary labels of a term only one record uses (the
      use that added or dropped it is the change).

    Each change is one ROPA301 that names it: an activity (by name), a data-inventory field
    (`model.field`), a vendor (by key), a transfer (by vendor and country, and for storage in a
    region or access from a head office by its kind and region too: `aws to US (storage,
    us-east-1)`, `aws to US (access)`), a client, a joint controller (by
    key) or a client's Art. 30(2) record (by client key) added, removed, or renamed (the same
    content under another name), or one of its keys changed, old value to new (a vendor's keys
    include what it receives: `data_categories`, `activities`, `purposes`, and its `role`,
    `country`, `safeguards`, `dpa`...); each key of the controller, DPO, representative,
    supervisory authority, notice (`ccpa.sells`), `breach`, `review` and `dpo_requirement` that
    changed; each jurisdiction or security measure added or removed; `role`; a label or an
    Art. 9/10 flag of a category, subject or use.

    The record repeats some facts for its readers, and a fact is reported once, where it is
    stated, not again where the record repeats it: a vendor's and a transfer's `activities`
    (each activity states its `processors`), an activity's `transfers` (the record's
    `transfers`), a joint controller's `activities`, a storage transfer's `region` and `city` (the
    vendor's storage), a vendor's `safeguard` (its transfer's), its `data_categories` when they
    are exactly those of the activities using it, its `country_name` beside a changed
    `country`, and all of a client's Art. 30(2) record (the client's details, the activities
    done for it, the security measures). A repeated copy is still reported when it disagrees
    with what it repeats in either record, as in a hand-edited baseline, so no change in
    substance goes unreported. So removing a security measure is one ROPA301, not one more per
    client, and changing a client's `dpo` is one. One edit can still state several facts:
    adding a US vendor not used before to an activity changes the activity's `processors`,
    adds the vendor and adds a transfer to the United States, three ROPA301. An activity
    renamed and otherwise unchanged is one ROPA301. Changing the record's `role` from
    `controller` to `processor` is one ROPA301 for the role and one for each key of each
    activity that the role decides (its `role`, `source`, and the legal basis and what goes
    with it, which a processor does not state). Two items of one name in a
    hand-edited record are compared in order (the second is `NAME (duplicate 2)`). Control and
    bidi characters in names and values are shown escaped (`\\n`, `\\u202e`); in
    `--format markdown` every name and value is set in code and escaped, so none renders as
    HTML, an image, a web link or a mention (GitHub still links an e-mail address to `mailto:`).
    Each ROPA301 is placed at the line that states the value, in the code or in `ropa.yaml`;
    something removed, where the baseline had it (an activity removed from `ropa.yaml`, at its
    `activities:` key; a security measure, at `security_measures:`).
    Review the change and update the baseline with `ropa scan --output privacy/ropa.json`."""


@dataclass(slots=True)
class Tally:
    """Diagnostics counted by level, for summary lines."""

    counts: dict[Level, int] = field(default_factory=lambda: dict.fromkeys(Level, 0))

    @classmethod
    def of(cls, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> Tally:
        tally = cls()
        for d in diagnostics:
            tally.counts[d.level] += 1
        return tally


def diagnostics_markdown() -> str:
    """The text of ``docs/diagnostics.md``, generated from the checks (a test keeps it in sync)."""
    out = [
        "# Diagnostics",
        "",
        "Every problem ropa reports has a stable code. Text output reads",
        "`path:line:col: CODE level: message (hint)`. Silence one on its line with",
        "`# ropa: ignore[CODE]` (on the line, or on its own line above). Exit codes: 0 when",
        "nothing is at or above `--fail-on` (default `error`), 1 when something is, 2 when ropa",
        "could not run. This page is generated from `ropa/checks.py`.",
        "",
        "| code | level | summary |",
        "|---|---|---|",
    ]
    out += [f"| [{c.code}](#{c.code.lower()}) | {c.level.value} | {c.summary} |" for c in _sorted()]
    for check in _sorted():
        out += ["", f"## {check.code}", "", f"**{check.level.value}**: {check.summary}.", ""]
        out += [check.doc]
        if check.invalid:
            example = check.invalid[0]
            name = next((n for n in example if n.endswith(".py")), None)
            if name:
                out += ["", "Reported for:", "", "```python", example[name].rstrip(), "```"]
    return "\n".join(out) + "\n"


def _sorted() -> list[Check]:
    return [CHECKS[c] for c in sorted(CHECKS)]
