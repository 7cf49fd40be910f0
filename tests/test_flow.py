"""The data-flow engine: sources, propagation, sinks, ROPA205-207 and their paths in each format."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from ropa.cli import main
from ropa.model import Diagnostic
from ropa.pipeline import Outcome

from .conftest import MINIMAL_YAML, write_tree

Scan = Callable[[Mapping[str, str | bytes]], Outcome]
REPO = Path(__file__).resolve().parent.parent


def flows(outcome: Outcome, code: str) -> list[Diagnostic]:
    return [d for d in outcome.diagnostics if d.code == code]


def lines(outcome: Outcome, code: str) -> list[int]:
    return [d.location.line for d in flows(outcome, code) if d.location]


LOGGER = "import logging\n\nlog = logging.getLogger(__name__)\n\n"


# ---------------------------------------------------------------- propagation, one kind each

PROPAGATION = {
    "direct attribute": "def f(user):\n    log.info(user.email)\n",
    "item read": 'def f(row):\n    log.info(row["email"])\n',
    "get call": 'def f(data):\n    log.info(data.get("email"))\n',
    "parameter named like a field": "def f(email):\n    log.info(email)\n",
    "assignment": "def f(user):\n    e = user.email\n    x = e\n    log.info(x)\n",
    "f-string": 'def f(user):\n    msg = f"hi {user.email}"\n    log.info(msg)\n',
    "percent": 'def f(user):\n    msg = "hi %s" % user.email\n    log.info(msg)\n',
    "format": 'def f(user):\n    msg = "hi {}".format(user.email)\n    log.info(msg)\n',
    "plus": 'def f(user):\n    msg = "hi " + user.email\n    log.info(msg)\n',
    "dict literal": 'def f(user):\n    d = {"to": user.email}\n    log.info(d)\n',
    "list literal": "def f(user):\n    d = [user.email]\n    log.info(d)\n",
    "tuple literal": "def f(user):\n    d = (1, user.email)\n    log.info(d)\n",
    "set literal": "def f(user):\n    d = {user.email}\n    log.info(d)\n",
    "comprehension": "def f(users):\n    d = [u.email for u in users]\n    log.info(d)\n",
    "dict comprehension": (
        "def f(users):\n    d = {u.id: u.email for u in users}\n    log.info(d)\n"
    ),
    "keyword argument": "def f(user):\n    log.info('x', extra={'e': user.email})\n",
    "method on value": "def f(user):\n    log.info(user.email.lower())\n",
    "container store": 'def f(user):\n    d = {}\n    d["to"] = user.email\n    log.info(d)\n',
    "loop variable": (
        "def f(user):\n    for part in user.email.split('@'):\n        log.info(part)\n"
    ),
    "return within file": (
        "def g(user):\n    return user.email\n\ndef f(u):\n    log.info(g(u))\n"
    ),
    "argument within file": "def g(x):\n    log.info(x)\n\ndef f(user):\n    g(user.email)\n",
    "method of same class": (
        "class C:\n    def g(self, x):\n        log.info(x)\n\n"
        "    def f(self, user):\n        self.g(user.email)\n"
    ),
    "walrus": "def f(user):\n    if (e := user.email):\n        log.info(e)\n",
    "await": "async def f(user):\n    e = await load(user.email)\n    log.info(e)\n",
}


@pytest.mark.parametrize("code", list(PROPAGATION.values()), ids=list(PROPAGATION))
def test_each_propagation_kind_reaches_the_log(scan_tree: Scan, code: str) -> None:
    outcome = scan_tree({"app.py": LOGGER + code})
    found = flows(outcome, "ROPA206")
    assert len(found) == 1, outcome.diagnostics
    d = found[0]
    assert d.flow[0].what.startswith(("reads", "parameter")), d.flow
    assert d.flow[-1].line == d.location.line if d.location else False
    assert "user.contact.email" in d.message


NON_FLOWS = {
    # Letta: 7 of its 11 ROPA206 were a Modal app's name.
    "a thing's name": "def f(cfg):\n    app_full_name = cfg.app\n    log.info(app_full_name)\n",
    # Synapse: the name of the app its e-mails are sent for (config.email.email_app_name).
    "a thing's name after another word": (
        "def f(cfg):\n    email_app_name = cfg.email_app_name\n    log.info(email_app_name)\n"
    ),
    # Synapse: ``fname`` is a file's name ("Stored local media in file %r"), 6 ROPA206.
    "a file's name": (
        "async def f(storage, info):\n    fname = await storage.store_file(info)\n"
        "    log.info('Stored local media in file %r', fname)\n"
    ),
    # Synapse's presence router: a map from users to their presence state, not a state
    # of a postal address.
    "a map named from one thing to another": (
        "def f(states):\n    user_to_current_state = dict(states)\n"
        "    log.warning('%s', user_to_current_state)\n"
    ),
    # Label Studio's label configs: a literal in the code is the code's, whatever its name.
    "literal under a person's word": "def f():\n    to_name = 'text'\n    log.info(to_name)\n",
    "identifier": "def f(user):\n    log.info(user.id)\n",
    "length": "def f(user):\n    log.info(len(user.email))\n",
    "comparison": "def f(user):\n    log.info(user.email == 'x')\n",
    "overwritten": "def f(user):\n    msg = user.email\n    msg = 'done'\n    log.info(msg)\n",
    "hashed": (
        "import hashlib\n\ndef f(user):\n"
        "    log.info(hashlib.sha256(user.email.encode()).hexdigest())\n"
    ),
    "settings constant": (
        "from django.conf import settings\n\ndef f():\n    log.info(settings.DEFAULT_EMAIL)\n"
    ),
    "unrelated names": "def f(order):\n    log.info('order %s total %s', order.id, order.total)\n",
    "address book": "def f(address_book):\n    log.info(address_book)\n",
    "socket address": "def f(client_address):\n    log.info('from %s', client_address)\n",
    "list append beside an SDK": (
        "import openai\n\ndef f(user, items):\n    items.append(user.email)\n"
    ),
    "not a logger": "import math\n\ndef f(user):\n    return math.log(user.age)\n",
    # ``os.write`` puts data into a file, not into the ``os`` module: later ``os`` calls
    # carry nothing.
    # Counting answers a number, whatever was counted (Django's ``queryset.count()``).
    "count of a container": "def f(user):\n    log.info('%d', user.emails.count())\n",
    "count in a string": "def f(user):\n    log.info('%d', user.email.count('.'))\n",
    "exists": "def f(user):\n    log.info('%s', user.emails.filter(x=1).exists())\n",
    # Django's ``last_login`` is when a person last logged in, not their login name.
    "last login": "def f(user):\n    log.info('last seen %s', user.last_login)\n",
    "last login in the session": (
        "def f(request):\n    last_login = request.session.get('last_login', 0)\n"
        "    log.info('idle %s', last_login)\n"
    ),
    "a module is no container": (
        "import os\n\ndef f(fd, user):\n    os.write(fd, user.email.encode())\n"
        "    log.info(os.getcwd())\n"
    ),
}


@pytest.mark.parametrize("code", list(NON_FLOWS.values()), ids=list(NON_FLOWS))
def test_non_flows_are_quiet(scan_tree: Scan, code: str) -> None:
    outcome = scan_tree({"app.py": LOGGER + code})
    assert flows(outcome, "ROPA206") == [], outcome.diagnostics


def test_a_sanitiser_named_in_ropa_yaml_stops_the_flow(scan_tree: Scan) -> None:
    code = (
        LOGGER
        + "from .masks import mask_email\n\ndef f(user):\n    log.info(mask_email(user.email))\n"
    )
    files = {
        "app/__init__.py": "",
        "app/views.py": code,
        "app/masks.py": "def mask_email(e):\n    return e\n",
    }
    assert lines(scan_tree(files), "ROPA206") == [8]
    yaml = MINIMAL_YAML + "scan: {sanitisers: [mask_email]}\n"
    assert lines(scan_tree({**files, "ropa.yaml": yaml}), "ROPA206") == []


# ---------------------------------------------------------------- sinks, one kind each

SINKS = {
    "print": ("ROPA206", "def f(user):\n    print(user.email)\n"),
    "logger module function": (
        "ROPA206",
        "import logging\ndef f(user):\n    logging.warning(user.email)\n",
    ),
    "self.logger": (
        "ROPA206",
        "class C:\n    def f(self, user):\n        self.logger.error('x %s', user.phone)\n",
    ),
    "structlog": (
        "ROPA206",
        "import structlog\nlogger = structlog.get_logger()\n"
        "def f(user):\n    logger.info('signup', email=user.email)\n",
    ),
    "stdout write": ("ROPA206", "import sys\ndef f(user):\n    sys.stdout.write(user.email)\n"),
    "sentry": (
        "ROPA205",
        "import sentry_sdk\ndef f(user):\n    sentry_sdk.set_user({'email': user.email})\n",
    ),
    "stripe": (
        "ROPA205",
        "import stripe\ndef f(user):\n    stripe.Customer.create(email=user.email)\n",
    ),
    "openai client": (
        "ROPA205",
        "from openai import OpenAI\nclient = OpenAI()\n"
        "def f(p):\n    client.chat.completions.create(model='gpt-4o', "
        "messages=[{'role': 'user', 'content': f'{p.medical_history}'}])\n",
    ),
    "openai client on self": (
        "ROPA205",
        "from openai import OpenAI\nclass Bot:\n    def __init__(self):\n"
        "        self.llm = OpenAI()\n"
        "    def ask(self, user):\n"
        "        return self.llm.embeddings.create(input=user.full_name)\n",
    ),
    "openai client passed in": (
        "ROPA205",
        "import openai\n"
        "def ask(client, user):\n"
        "    return client.chat.completions.create(messages=[{'content': user.full_name}])\n",
    ),
    "anthropic": (
        "ROPA205",
        "import anthropic\nc = anthropic.Anthropic()\n"
        "def f(user):\n    c.messages.create(messages=[{'content': user.email}])\n",
    ),
    "langchain": (
        "ROPA205",
        "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI()\n"
        "def f(user):\n    return llm.invoke(f'Write to {user.full_name}')\n",
    ),
    "litellm by model name": (
        "ROPA205",
        "import litellm\ndef f(user):\n"
        "    litellm.completion(model='claude-3-5-sonnet', messages=[user.email])\n",
    ),
    "twilio": (
        "ROPA205",
        "from twilio.rest import Client\nc = Client()\n"
        "def f(user):\n    c.messages.create(to=user.phone_number, body='hi')\n",
    ),
    "boto3 ses": (
        "ROPA205",
        "import boto3\nses = boto3.client('ses')\n"
        "def f(user):\n    ses.send_email(Destination={'ToAddresses': [user.email]})\n",
    ),
    "http to a vendor host": (
        "ROPA205",
        "import requests\ndef f(user):\n"
        "    requests.post('https://api.openai.com/v1/embeddings', json={'input': user.email})\n",
    ),
}


@pytest.mark.parametrize(("code", "text"), list(SINKS.values()), ids=list(SINKS))
def test_each_sink_kind_is_found(scan_tree: Scan, code: str, text: str) -> None:
    outcome = scan_tree({"app.py": text})
    found = flows(outcome, code)
    assert len(found) == 1, outcome.diagnostics
    assert found[0].flow[-1].what.startswith(("sent to", "logged by"))


def test_http_to_a_literal_unknown_host_names_the_host_as_recipient(scan_tree: Scan) -> None:
    text = (
        "import requests\ndef f(user):\n"
        "    requests.post('https://crm.example.com/x', json={'e': user.email})\n"
    )
    outcome = scan_tree({"app.py": text})
    [d] = flows(outcome, "ROPA205")
    assert "reaches 'crm.example.com'" in d.message and "no activity declares" in d.message
    assert d.location is not None and d.location.line == 3
    assert flows(outcome, "ROPA206") == []


LOCAL_URLS = {
    # Label Studio's usage statistics: ``url = 'https://tele.labelstud.io'`` on the line before.
    "local constant": "    url = 'https://crm.example.com/x'\n    requests.post(url=url, json=p)\n",
    "in a try block": (
        "    try:\n        url = 'https://crm.example.com/x'\n"
        "        requests.post(url, json=p)\n    except OSError:\n        pass\n"
    ),
    "f-string of one": (
        "    base = 'https://crm.example.com'\n    requests.post(f'{base}/x', json=p)\n"
    ),
}


@pytest.mark.parametrize("code", list(LOCAL_URLS.values()), ids=list(LOCAL_URLS))
def test_a_url_held_by_a_local_constant_names_its_host(scan_tree: Scan, code: str) -> None:
    text = "import requests\ndef f(user):\n    p = {'e': user.email}\n" + code
    outcome = scan_tree({"app.py": text})
    [d] = flows(outcome, "ROPA205")
    assert "reaches 'crm.example.com'" in d.message


@pytest.mark.parametrize(
    "code",
    [
        "    url = 'https://crm.example.com/x'\n    url = other\n",
        "    if other:\n        url = 'https://crm.example.com/x'\n"
        "    else:\n        url = 'https://api.example.org/x'\n",
    ],
    ids=["reassigned", "two hosts"],
)
def test_a_local_url_that_may_change_names_no_host(scan_tree: Scan, code: str) -> None:
    text = "import requests\ndef f(user, other):\n" + code
    text += "    requests.post(url, json={'e': user.email})\n"
    outcome = scan_tree({"app.py": text})
    assert flows(outcome, "ROPA205") == [], outcome.diagnostics


@pytest.mark.parametrize(
    "url",
    ["url", "'http://localhost:8000/x'", "'http://127.0.0.1/x'", "'http://10.0.0.2/x'"],
    ids=["non-literal", "localhost", "loopback", "private network"],
)
def test_http_to_no_third_party_host_is_evidence_only(scan_tree: Scan, url: str) -> None:
    text = (
        f"import requests\ndef f(user, url):\n    requests.post({url}, json={{'e': user.email}})\n"
    )
    outcome = scan_tree({"app.py": text})
    assert flows(outcome, "ROPA205") == [] and flows(outcome, "ROPA206") == []
    [entry] = outcome.record.as_json()["evidence"]
    assert entry["data"] == "user.contact.email" and entry["call"] == "requests.post()"
    assert entry["steps"][-1]["line"] == 3


def test_files_and_queues_are_record_evidence_and_shown_in_the_record(tmp_path: Path) -> None:
    code = (
        "import csv\n"
        "def export(users, handle, task):\n"
        "    w = csv.writer(handle)\n"
        "    for u in users:\n"
        "        w.writerow([u.email])\n"
        "        task.delay(to=u.phone_number)\n"
    )
    write_tree(tmp_path, {"ropa.yaml": MINIMAL_YAML, "app.py": code})
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(tmp_path), "--out-dir", str(out), "--formats", "json,html"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads((out / "ropa.json").read_text())
    got = {(e["sink"], e["data"], e["steps"][-1]["line"]) for e in record["evidence"]}
    assert got == {("file", "user.contact.email", 5), ("queue", "user.contact.phone_number", 6)}
    assert not [d for d in flows_in(result.output) if d]
    html = (out / "ropa.html").read_text()
    assert "Other places personal data leaves the program" in html
    section = html[html.index("Other places personal data leaves the program") :]
    assert "<strong>a file</strong>" in section and "<strong>a message queue</strong>" in section


def flows_in(output: str) -> list[str]:
    return [line for line in output.splitlines() if "ROPA205" in line or "ROPA206" in line]


def test_a_record_without_such_flows_has_no_evidence_key(scan_tree: Scan) -> None:
    outcome = scan_tree({"app.py": LOGGER + "def f(user):\n    log.info(user.email)\n"})
    assert "evidence" not in outcome.record
    assert flows(outcome, "ROPA206")


# ---------------------------------------------------------------- across modules

TWO_MODULES = {
    "app/__init__.py": "",
    "app/prompts.py": (
        "def build_prompt(patient):\n"
        '    history = f"History: {patient.medical_history}"\n'
        "    return history\n\n"
        "def wrap(text):\n"
        '    return [{"role": "user", "content": text}]\n'
    ),
    "app/views.py": (
        "from openai import OpenAI\n"
        "from app.prompts import build_prompt\n"
        "from . import prompts\n\n"
        "client = OpenAI()\n\n\n"
        "def advise(p):\n"
        "    prompt = build_prompt(p)\n"
        "    msgs = prompts.wrap(prompt)\n"
        '    return client.chat.completions.create(model="gpt-4o", messages=msgs)\n'
    ),
}


def test_a_flow_across_two_modules_lists_every_step(scan_tree: Scan) -> None:
    outcome = scan_tree(TWO_MODULES)
    [d] = flows(outcome, "ROPA205")
    assert d.location is not None and (d.location.path, d.location.line) == ("app/views.py", 11)
    places = [(s.path, s.line) for s in d.flow]
    assert places[0] == ("app/prompts.py", 2)
    assert ("app/views.py", 9) in places and ("app/views.py", 10) in places
    assert ("app/prompts.py", 6) in places
    assert "user.health_and_medical" in d.message


def test_a_suppression_on_a_middle_step_silences_the_flow(scan_tree: Scan) -> None:
    files = dict(TWO_MODULES)
    files["app/views.py"] = files["app/views.py"].replace(
        "    prompt = build_prompt(p)\n", "    prompt = build_prompt(p)  # ropa: ignore[ROPA205]\n"
    )
    outcome = scan_tree(files)
    assert flows(outcome, "ROPA205") == []
    assert flows(outcome, "ROPA004") == []


DECLARED = {
    **TWO_MODULES,
    "app/views.py": TWO_MODULES["app/views.py"].replace(
        "def advise(p):",
        '# ropa: processing("Advice", purpose="Advise patients", legal_basis="consent",\n'
        '#   data=["user.health_and_medical"], subjects=["patient"], processors=["openai"],\n'
        '#   special_category_basis="explicit_consent", retention="P1Y")\n'
        "def advise(p):",
    ),
}


def test_declared_recipient_gives_evidence_not_a_warning(scan_tree: Scan) -> None:
    outcome = scan_tree(DECLARED)
    assert flows(outcome, "ROPA205") == [] and flows(outcome, "ROPA207") == []
    [vendor] = [v for v in outcome.record.as_json()["vendors"] if v["key"] == "openai"]
    assert vendor["evidence"][0]["data"] == "user.health_and_medical"
    assert vendor["evidence"][0]["steps"][0] == {
        "path": "app/prompts.py",
        "line": 2,
        "what": "reads patient.medical_history",
    }
    [activity] = outcome.record.as_json()["activities"]
    assert activity["evidence"] and activity["evidence"][0]["sink"] == "openai"


def test_a_declared_processor_without_a_path_is_a_note(scan_tree: Scan) -> None:
    text = (
        "import sentry_sdk\n\n"
        '# ropa: processing("Errors", purpose="Fix errors", legal_basis="legitimate_interests",\n'
        '#   legitimate_interest="Working software", data=["user.contact.phone_number"],\n'
        '#   subjects=["customer"], processors=["sentry"], retention="P30D")\n'
        "def f(user):\n    sentry_sdk.capture_message('failed')\n"
    )
    outcome = scan_tree({"app.py": text})
    [d] = flows(outcome, "ROPA207")
    assert "user.contact.phone_number" in d.message
    [vendor] = [v for v in outcome.record.as_json()["vendors"] if v["key"] == "sentry"]
    assert vendor["evidence"] == []


def test_no_evidence_turns_everything_off(tmp_path: Path) -> None:
    from ropa.pipeline import run_scan

    write_tree(tmp_path, {"ropa.yaml": MINIMAL_YAML, **TWO_MODULES})
    outcome = run_scan([tmp_path], jobs=1, use_cache=False, evidence=False)
    assert not any(d.code in ("ROPA205", "ROPA206", "ROPA207") for d in outcome.diagnostics)
    assert all("evidence" not in v for v in outcome.record.as_json()["vendors"])
    write_tree(tmp_path, {"ropa.yaml": MINIMAL_YAML + "scan: {evidence: false}\n"})
    outcome = run_scan([tmp_path], jobs=1, use_cache=False)
    assert not any(d.code == "ROPA205" for d in outcome.diagnostics)


TEST_CODE = LOGGER + "def test_signup(user):\n    print(user.email)\n    log.info(user.phone)\n"


@pytest.mark.parametrize(
    "path",
    [
        "tests/test_views.py",
        "app/tests/helpers.py",
        "app/test/factories.py",
        "app/test_models.py",
        "app/models_test.py",
        "app/tests.py",
        "conftest.py",
    ],
)
def test_flows_are_not_followed_in_test_code_unless_asked(tmp_path: Path, path: str) -> None:
    from ropa.pipeline import run_scan

    app = LOGGER + "def signup(user):\n    log.info(user.email)\n"
    write_tree(tmp_path, {"ropa.yaml": MINIMAL_YAML, "app/views.py": app, path: TEST_CODE})
    outcome = run_scan([tmp_path], jobs=1, use_cache=True)
    paths = {d.location.path for d in flows(outcome, "ROPA206") if d.location}
    assert paths == {"app/views.py"}
    # Markers and ROPA201 are still read there: only the data-flow pass skips test code.
    # ``[]`` follows flows everywhere; the warm run must not reuse the scan made without them.
    write_tree(tmp_path, {"ropa.yaml": MINIMAL_YAML + "scan: {test_paths: []}\n"})
    outcome = run_scan([tmp_path], jobs=1, use_cache=True)
    paths = {d.location.path for d in flows(outcome, "ROPA206") if d.location}
    assert paths == {"app/views.py", path}


def test_test_paths_name_the_projects_own_test_code(scan_tree: Scan) -> None:
    files = {"spec/signup_spec.py": TEST_CODE, "app/tests/flows.py": TEST_CODE}
    yaml = MINIMAL_YAML + 'scan: {test_paths: ["spec/**"]}\n'
    outcome = scan_tree({**files, "ropa.yaml": yaml})
    paths = {d.location.path for d in flows(outcome, "ROPA206") if d.location}
    assert paths == {"app/tests/flows.py"}


# ---------------------------------------------------------------- output formats


def _cli(tmp_path: Path, fmt: str) -> str:
    write_tree(tmp_path, {"ropa.yaml": MINIMAL_YAML, **TWO_MODULES})
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(main, ["scan", "--no-cache", "--format", fmt, "--fail-on", "never"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_carries_the_flow_steps(tmp_path: Path) -> None:
    out = json.loads(_cli(tmp_path, "json"))
    [d] = [d for d in out if d["code"] == "ROPA205"]
    assert (d["path"], d["line"]) == ("app/views.py", 11)
    assert d["flow"][0] == {
        "path": "app/prompts.py",
        "line": 2,
        "what": "reads patient.medical_history",
    }
    assert all(set(step) == {"path", "line", "what"} for step in d["flow"])


def test_text_lists_the_steps_indented(tmp_path: Path) -> None:
    out = _cli(tmp_path, "text")
    assert "ROPA205 warning" in out
    assert "\n    app/prompts.py:2: reads patient.medical_history\n" in out


def test_github_puts_the_path_in_the_message(tmp_path: Path) -> None:
    out = _cli(tmp_path, "github")
    [line] = [x for x in out.splitlines() if "ROPA205" in x]
    assert "Path:%0A  app/prompts.py:2: reads patient.medical_history" in line


def test_sarif_code_flows_validate_against_the_schema(tmp_path: Path) -> None:
    log = json.loads(_cli(tmp_path, "sarif"))
    schema = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    [result] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "ROPA205"]
    [flow] = result["codeFlows"]
    [thread] = flow["threadFlows"]
    first = thread["locations"][0]["location"]
    assert first["physicalLocation"]["artifactLocation"]["uri"] == "app/prompts.py"
    assert first["physicalLocation"]["region"]["startLine"] == 2
    last = thread["locations"][-1]["location"]["physicalLocation"]
    assert (last["artifactLocation"]["uri"], last["region"]["startLine"]) == ("app/views.py", 11)


# ---------------------------------------------------------------- cache and drift


def test_a_warm_scan_reuses_the_cached_flow_summaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa.flow import summary
    from ropa.pipeline import run_scan

    write_tree(tmp_path, {"ropa.yaml": MINIMAL_YAML, **TWO_MODULES})
    cold = run_scan([tmp_path], jobs=1, use_cache=True)

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("a warm scan parsed the flow again")

    monkeypatch.setattr(summary, "summarize", fail)
    warm = run_scan([tmp_path], jobs=1, use_cache=True)
    assert warm.diagnostics == cold.diagnostics
    assert warm.record.as_json()["vendors"] == cold.record.as_json()["vendors"]
    assert any(d.code == "ROPA205" and d.flow for d in warm.diagnostics)


def test_diff_ignores_evidence_unless_asked(tmp_path: Path) -> None:
    from ropa.diff import diff_records
    from ropa.pipeline import run_scan

    write_tree(tmp_path, {"ropa.yaml": MINIMAL_YAML, **DECLARED})
    old = run_scan([tmp_path], jobs=1, use_cache=False).record
    views = tmp_path / "app" / "views.py"
    views.write_text("\n\n" + views.read_text())  # the same code, two lines lower
    moved = run_scan([tmp_path], jobs=1, use_cache=False).record
    assert diff_records(old, moved) == []
    assert diff_records(old, moved, evidence=True) == []
    views.write_text(
        views.read_text() + "\n\ndef more(user):\n    client.embeddings.create(input=user.email)\n"
    )
    grown = run_scan([tmp_path], jobs=1, use_cache=False).record
    assert diff_records(old, grown) == []
    changes = diff_records(old, grown, evidence=True)
    assert changes and all(c.key == "evidence" for c in changes), changes
    assert any("user.contact.email to openai" in str(c.new) for c in changes)


def test_diff_reports_the_records_own_evidence_only_when_asked(tmp_path: Path) -> None:
    from ropa.diff import diff_records
    from ropa.pipeline import run_scan

    code = "import csv\ndef export(users, handle):\n    w = csv.writer(handle)\n"
    write_tree(tmp_path, {"ropa.yaml": MINIMAL_YAML, "app.py": code})
    old = run_scan([tmp_path], jobs=1, use_cache=False).record
    (tmp_path / "app.py").write_text(code + "    w.writerow([u.email for u in users])\n")
    new = run_scan([tmp_path], jobs=1, use_cache=False).record
    assert diff_records(old, new) == []
    [change] = diff_records(old, new, evidence=True)
    assert change.kind == "added" and "user.contact.email to file by csv.writer.writerow()" in str(
        change.new
    )


def test_unchanged_files_reuse_the_flows_and_a_forged_flows_file_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa import pipeline
    from ropa.flow import engine

    folder = tmp_path / "cache"
    monkeypatch.setenv("ROPA_CACHE_DIR", str(folder))
    project = write_tree(tmp_path / "p", {"ropa.yaml": MINIMAL_YAML, **TWO_MODULES})
    first = pipeline.run_scan([project], jobs=1, use_cache=True)
    calls: list[int] = []
    real = engine.find_flows

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "find_flows", counted)
    again = pipeline.run_scan([project], jobs=1, use_cache=True)
    assert calls == [] and again.diagnostics == first.diagnostics
    # A flows file that a stranger rewrote (no valid HMAC) is recomputed, not believed.
    [side] = folder.glob("flows-*.json")
    header, _, _ = side.read_bytes().partition(b"\n")
    side.write_bytes(header + b"\n[]")
    forged = pipeline.run_scan([project], jobs=1, use_cache=True)
    assert calls == [1] and forged.diagnostics == first.diagnostics


def test_a_field_declared_in_another_module_is_a_source_on_a_typed_object(scan_tree: Scan) -> None:
    files = {
        "app/__init__.py": "",
        "app/models.py": (
            "from dataclasses import dataclass\n\n@dataclass\nclass Customer:\n"
            "    notes: str  # ropa: user.health_and_medical\n    title: str\n"
        ),
        "app/views.py": LOGGER
        + "from app.models import Customer\n\ndef show(c: Customer, d: 'Customer'):\n"
        + "    log.info(c.notes)\n    log.info(d.title)\n",
    }
    outcome = scan_tree(files)
    [d] = flows(outcome, "ROPA206")
    assert d.location is not None and d.location.line == 8
    assert "user.health_and_medical" in d.message


# ---------------------------------------------------------------- types, __str__, names

CLIENT_FACTORY = {
    "app/__init__.py": "",
    "app/clients.py": (
        "import openai\n\n"
        "def get_client(key: str, base: str) -> openai.OpenAI:\n"
        "    return openai.OpenAI(api_key=key, base_url=base)\n\n"
        "def get_plain(key):\n"
        "    client = openai.OpenAI(api_key=key)\n"
        "    return client\n"
    ),
    "app/chat.py": (
        "from app.clients import get_client, get_plain\n\n"
        "def ask(user, key, base):\n"
        "    client = get_client(key, base)\n"
        "    return client.chat.completions.create(messages=[{'content': user.email}])\n\n"
        "def ask_plain(user, key):\n"
        "    client = get_plain(key)\n"
        "    return client.beta.chat.completions.parse(messages=[user.phone_number])\n"
    ),
}


def test_a_client_built_by_a_factory_in_another_module_is_the_vendors(scan_tree: Scan) -> None:
    outcome = scan_tree(CLIENT_FACTORY)
    found = {(d.location.path, d.location.line) for d in flows(outcome, "ROPA205") if d.location}
    assert found == {("app/chat.py", 5), ("app/chat.py", 9)}, outcome.diagnostics
    assert all("'openai'" in d.message for d in flows(outcome, "ROPA205"))


def test_a_nested_function_is_not_read_as_an_attribute_of_what_its_parent_returns(
    scan_tree: Scan,
) -> None:
    # Chainlit's DynamoDB layer: ``convert_floats``, defined inside ``_serialize_item``, is no
    # method of the SDK call's result ``_serialize_item`` returns; the one call into boto3 on
    # the line is the one sink.
    code = (
        "import boto3\n\n"
        "class Layer:\n"
        "    def __init__(self):\n        self._client = boto3.client('dynamodb')\n\n"
        "    def _serialize_item(self, item):\n"
        "        def convert_floats(obj):\n            return obj\n\n"
        "        items = item.items()\n"
        "        return self._client.put_item(Item={k: convert_floats(v) for k, v in items})\n\n"
        "    def create_user(self, user):\n"
        "        return self._serialize_item({'email': user.email})\n"
    )
    outcome = scan_tree({"app.py": code})
    found = [(d.location.column, d.message) for d in flows(outcome, "ROPA205") if d.location]
    assert len(found) == 1, found
    assert found[0][0] == 16 and "put_item()" in found[0][1]


STR_CASES = {
    "f-string": "def f(c: Contact):\n    log.info(f'saved {c}')\n",
    "percent argument of a log call": "def f(c: Contact):\n    log.warning('card %s', c)\n",
    "str()": "def f(c: Contact):\n    text = str(c)\n    print(text)\n",
    "format": "def f(c: Contact):\n    print('moved {}'.format(c))\n",
    "percent operator": "def f(c: Contact):\n    print('moved %s' % (c,))\n",
    "returned by a constructor": "def f(x):\n    c = Contact(x)\n    print(f'{c}')\n",
    "annotated variable in a closure": (
        "def f(r):\n    c: Contact = r.obj\n    def g():\n        log.info(f'{c} left')\n    g()\n"
    ),
}
CONTACT = (
    "class Base:\n    def __str__(self):\n        return self.formatted_name\n\n"
    "class Contact(Base):\n    def __init__(self, x):\n        self.x = x\n\n"
)


@pytest.mark.parametrize("code", list(STR_CASES.values()), ids=list(STR_CASES))
def test_an_object_rendered_as_text_runs_its_inherited_str(scan_tree: Scan, code: str) -> None:
    outcome = scan_tree({"app.py": LOGGER + CONTACT + code})
    [d] = flows(outcome, "ROPA206")
    assert "read as 'formatted_name'" in d.message
    assert any("reads self.formatted_name" in s.what for s in d.flow)


def test_an_object_passed_but_not_rendered_does_not_run_its_str(scan_tree: Scan) -> None:
    code = "def f(c: Contact):\n    c.save()\n    log.info('saved one contact')\n"
    assert flows(scan_tree({"app.py": LOGGER + CONTACT + code}), "ROPA206") == []


NAMES = {
    "user.name": ("def f(user):\n    log.info(user.name)\n", True),
    "request.user.name": ("def f(request):\n    log.info(request.user.name)\n", True),
    "self.name of a Customer": (
        "class Customer:\n    def f(self):\n        log.info(self.name)\n",
        True,
    ),
    "typed speaker": ("def f(s: Speaker):\n    log.info(s.name)\n", True),
    "display name of anything": ("def f(x):\n    log.info(x.get_display_name())\n", True),
    "room.name": ("def f(room):\n    log.info(room.name)\n", False),
    "self.name of an Event": (
        "class Event:\n    def f(self):\n        log.info(self.name)\n",
        False,
    ),
}


@pytest.mark.parametrize(("code", "flow"), list(NAMES.values()), ids=list(NAMES))
def test_a_bare_name_is_personal_only_on_an_object_that_stands_for_a_person(
    scan_tree: Scan, code: str, flow: bool
) -> None:
    speaker = "class Speaker:\n    pass\n\n"
    found = flows(scan_tree({"app.py": LOGGER + speaker + code}), "ROPA206")
    assert bool(found) is flow, found
    assert all("user.name" in d.message for d in found)


def test_a_chat_messages_content_carries_what_it_was_built_from(scan_tree: Scan) -> None:
    code = (
        "class ChatMessage:\n    def __init__(self, content):\n        self.content = content\n\n"
        "def f(user):\n    m = ChatMessage(content=f'Hi {user.email}')\n"
        "    log.info(m.content)\n    log.info(m.role)\n"
    )
    outcome = scan_tree({"app.py": LOGGER + code})
    assert lines(outcome, "ROPA206") == [11]


def test_a_buffer_written_to_carries_what_was_written(scan_tree: Scan) -> None:
    code = (
        "import io\n\ndef f(comment):\n    rv = io.StringIO()\n"
        "    rv.write('IP: %s' % comment['remote_addr'])\n    rv.write('thanks')\n"
        "    body = rv.read()\n    log.info(body)\n\n"
        "def g(comment):\n    rv = io.StringIO()\n    rv.write('thanks')\n    log.info(rv.read())\n"
    )
    outcome = scan_tree({"app.py": LOGGER + code})
    assert lines(outcome, "ROPA206") == [12]


def test_format_with_locals_carries_every_variable(scan_tree: Scan) -> None:
    code = (
        "def f(comment):\n    email = comment.email or ''\n    when = 3\n"
        "    print('{email} {when}'.format(**locals()))\n\n"
        "def g(comment):\n    when = comment.created\n    print('{when}'.format(**locals()))\n"
    )
    outcome = scan_tree({"app.py": code})
    assert lines(outcome, "ROPA206") == [4]


def test_a_uwsgi_spooler_job_is_a_queue(scan_tree: Scan) -> None:
    code = "import uwsgi\n\ndef f(user):\n    uwsgi.spool({b'to': user.email.encode()})\n"
    outcome = scan_tree({"app.py": code})
    [entry] = outcome.record.as_json()["evidence"]
    assert (entry["sink"], entry["call"]) == ("queue", "uwsgi.spool()")


def test_the_city_of_a_location_object_is_an_imprecise_location(scan_tree: Scan) -> None:
    code = (
        "class LocationData:\n    def __str__(self):\n"
        "        return f'{self.city}, {self.country}'\n\n"
        "def f(loc: LocationData, customer):\n"
        "    log.info(f'at {loc}')\n    log.info(customer.city)\n"
    )
    outcome = scan_tree({"app.py": LOGGER + code})
    found = {d.location.line: d.message for d in flows(outcome, "ROPA206") if d.location}
    assert "user.location.imprecise" in found[10] and "address" not in found[10]
    assert "user.contact.address" in found[11]


ACTIVITY_AND_HTTP = (
    "import requests\n"
    '# ropa: processing("Newsletter", purpose="Send the newsletter", legal_basis="consent",\n'
    '#       data=["user.contact.email"], subjects=["customer"], retention="P1Y")\n'
    "def subscribe(user):\n"
    "    return user.id\n\n"
    "def report(user, url):\n"
    "    requests.post(url, json={'e': user.email})\n"
)


@pytest.mark.parametrize("with_flow", [True, False])
def test_an_activity_without_evidence_points_at_flows_no_activity_claims(
    tmp_path: Path, with_flow: bool
) -> None:
    """open-webui's "AI chat" read "No code path ... was found" while the record listed an
    HTTP POST of a user's name a page later: the activity now says where such flows are."""
    code = ACTIVITY_AND_HTTP if with_flow else ACTIVITY_AND_HTTP.split("\ndef report")[0] + "\n"
    write_tree(tmp_path, {"ropa.yaml": MINIMAL_YAML, "app.py": code})
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(tmp_path), "--out-dir", str(out), "--formats", "json,html"]
    )
    assert result.exit_code == 0, result.output
    html = (out / "ropa.html").read_text()
    activity = html[html.index("Evidence in code</dt>") :]
    activity = activity[: activity.index("</dd>")]
    assert "No code path was found carrying this activity" in activity
    assert ('href="#elsewhere"' in activity) is with_flow
    assert ('id="elsewhere"' in html) is with_flow


def test_two_steps_on_one_line_are_shown_once_in_the_record(tmp_path: Path) -> None:
    """Label Studio's record read 'contextlog.py:331 -> contextlog.py:331'."""
    code = (
        "import requests\n"
        "def report(user):\n"
        "    payload = {'e': user.email}; requests.post('https://x.example/a', json=payload)\n"
    )
    write_tree(tmp_path, {"ropa.yaml": MINIMAL_YAML, "app.py": code})
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(tmp_path), "--out-dir", str(out), "--formats", "json,html"]
    )
    assert result.exit_code == 0, result.output
    [entry] = json.loads((out / "ropa.json").read_text())["evidence"]
    assert [s["line"] for s in entry["steps"]].count(3) >= 2  # the record keeps every step
    html = (out / "ropa.html").read_text()
    start = html.index('id="elsewhere"')
    shown = html[start : html.index("</ul>", start)]
    assert shown.count("py:3</code>") == 1


def test_dynamodbs_serialiser_sends_nothing_but_the_table_call_does(scan_tree: Scan) -> None:
    """Chainlit's DynamoDB layer got a ROPA205 'through dynamodb.types.TypeSerializer.
    serialize()': the serialiser turns a dict into DynamoDB's shape on this machine."""
    local = (
        "from boto3.dynamodb.types import TypeSerializer\n\ndef f(user):\n"
        "    s = TypeSerializer()\n    return s.serialize(user.email)\n"
    )
    assert flows(scan_tree({"app.py": local}), "ROPA205") == []
    sent = (
        "import boto3\n\ndef f(user):\n"
        "    boto3.client('sqs').send_message(MessageBody=user.email)\n"
    )
    assert flows(scan_tree({"app.py": sent}), "ROPA205")


def test_a_map_is_read_by_what_it_maps() -> None:
    """A name ``KEYS_to_VALUES`` holds personal data when its keys or its values do; Synapse's
    ``user_to_current_state`` holds neither."""
    from ropa.flow.words import _guess

    assert _guess("user_id_to_email") == "user.contact.email"
    assert _guess("phone_to_user") == "user.contact.phone_number"
    assert _guess("user_to_current_state") is None
    assert _guess("user_to_email_template") is None
