"""Which imports reveal a vendor (ROPA202) and which are noise (no ROPA204): issue 9, item 8."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping

import pytest

from ropa.errors import ConfigError
from ropa.pipeline import Outcome
from ropa.registry import load_known_packages, load_registry, parse_known_packages
from ropa.yamlio import load_yaml

Scan = Callable[[Mapping[str, str | bytes]], Outcome]

_ACTIVITY = (
    "from ropa import processing\n"
    '@processing("Orders", purpose="Fulfil orders", legal_basis="contract",\n'
    '            data=["user.contact.email"], subjects=["customer"], retention="P1Y"{extra})\n'
    "def fulfil(order): ...\n"
)


def _app(imports: str, processors: str = "") -> str:
    extra = f", processors=[{processors}]" if processors else ""
    return imports + "\n" + _ACTIVITY.format(extra=extra)


def _found(outcome: Outcome, code: str) -> list[str]:
    return [d.message for d in outcome.diagnostics if d.code == code]


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("from langchain_openai import ChatOpenAI", "openai"),
        ("from langchain_anthropic import ChatAnthropic", "anthropic"),
        ("from llama_index.llms.openai import OpenAI", "openai"),
        ("from llama_index.embeddings.openai import OpenAIEmbedding", "openai"),
        ("from llama_index.llms.anthropic import Anthropic", "anthropic"),
        ("from llama_index.llms.mistralai import MistralAI", "mistral"),
        ("from langchain_mistralai import ChatMistralAI", "mistral"),
        ("from langchain_cohere import ChatCohere", "cohere"),
        ("from langchain_groq import ChatGroq", "groq"),
        ("from langchain_google_genai import ChatGoogleGenerativeAI", "google-gemini"),
        ("from langchain_google_vertexai import ChatVertexAI", "google-cloud"),
        ("from langchain_aws import ChatBedrock", "aws"),
        ("import google.generativeai as genai", "google-gemini"),
        ("from google import genai", "google-gemini"),
        ("from mistralai import Mistral", "mistral"),
        ("import cohere", "cohere"),
        ("from groq import Groq", "groq"),
        ("from mailgun.client import Client", "mailgun"),
        ("from google.analytics.data_v1beta import BetaAnalyticsDataClient", "google-analytics"),
        ("from ga4mp import GtagMP", "google-analytics"),
        ("from paypalhttp import HttpError", "paypal"),
        ("from sentry_dramatiq import SentryMiddleware", "sentry"),  # seen in fief-server
    ],
)
def test_wrappers_and_sdks_reveal_their_vendor(scan_tree: Scan, line: str, key: str) -> None:
    outcome = scan_tree({"app.py": _app(line)})
    (hit,) = _found(outcome, "ROPA202")
    assert f"'{key}' is not declared" in hit
    assert _found(outcome, "ROPA204") == []
    declared = scan_tree({"app.py": _app(line, processors=f'"{key}"')})
    assert _found(declared, "ROPA202") == [] and _found(declared, "ROPA204") == []


@pytest.mark.parametrize(
    ("requirement", "key"),
    [
        ("langchain-openai>=0.2", "openai"),
        ("llama-index-llms-anthropic", "anthropic"),
        ("google-analytics-data==0.18", "google-analytics"),
        ("mailgun", "mailgun"),
    ],
)
def test_wrapper_packages_in_requirements_reveal_their_vendor(
    scan_tree: Scan, requirement: str, key: str
) -> None:
    outcome = scan_tree({"app.py": "x = 1\n", "requirements.txt": f"flask\n{requirement}\n"})
    (hit,) = [d for d in outcome.diagnostics if d.code == "ROPA202"]
    assert f"'{key}' is not declared" in hit.message
    assert hit.location is not None
    assert (hit.location.path, hit.location.line) == ("requirements.txt", 2)


def test_a_router_is_rop202_until_a_vendor_of_its_kind_is_declared(scan_tree: Scan) -> None:
    outcome = scan_tree({"app.py": _app("import litellm")})
    (hit,) = _found(outcome, "ROPA202")
    assert "LiteLLM" in hit and "no 'ai' vendor is declared" in hit
    assert _found(outcome, "ROPA204") == []
    declared = scan_tree({"app.py": _app("import litellm", processors='"anthropic"')})
    assert _found(declared, "ROPA202") == [] and _found(declared, "ROPA204") == []
    # A vendor of another kind does not account for where the prompts go.
    other = scan_tree({"app.py": _app("import litellm", processors='"stripe"')})
    assert len(_found(other, "ROPA202")) == 1


def test_a_router_named_only_in_requirements_is_rop202_there(scan_tree: Scan) -> None:
    outcome = scan_tree({"app.py": "x = 1\n", "requirements.txt": "django\nlitellm==1.50\n"})
    (hit,) = [d for d in outcome.diagnostics if d.code == "ROPA202"]
    assert hit.location is not None and hit.location.line == 2 and "LiteLLM" in hit.message


def test_a_router_is_quiet_when_its_vendor_is_already_reported(scan_tree: Scan) -> None:
    """One warning per undeclared recipient: litellm adds nothing to the ROPA202 for openai."""
    outcome = scan_tree({"app.py": _app("import litellm\nimport openai")})
    assert len(_found(outcome, "ROPA202")) == 1 and "'openai'" in _found(outcome, "ROPA202")[0]


def test_django_haystack_is_not_the_ai_framework(scan_tree: Scan) -> None:
    """django-haystack and deepset's Haystack share the import name ``haystack``."""
    outcome = scan_tree({"app.py": _app("from haystack.query import SearchQuerySet")})
    assert _found(outcome, "ROPA202") == []
    ai = scan_tree({"app.py": "x = 1\n", "requirements.txt": "haystack-ai\n"})
    assert len(_found(ai, "ROPA202")) == 1


def test_ordinary_libraries_and_local_folders_are_not_rop204(scan_tree: Scan) -> None:
    """The 12-file app of the issue: 11 info lines before, only the unknown package now."""
    files: dict[str, str | bytes] = {
        "app/main.py": _app(
            "import numpy as np\nimport pandas as pd\nfrom sqlalchemy import select\n"
            "from flask import Flask\nfrom celery import Celery\nfrom PIL import Image\n"
            "import plotly.express as px\nfrom utils.helpers import slug\n"
            "from utils import text\nimport frobnicator\n"
        ),
        "app/utils/helpers.py": "def slug(x): return x\n",
        "app/utils/text.py": "import yaml, click, jinja2, pydantic, dateutil, pytz, attrs\n",
    }
    files.update({f"app/views/v{i}.py": "from utils.helpers import slug\n" for i in range(9)})
    outcome = scan_tree(files)
    assert _found(outcome, "ROPA204") == [
        "third-party package 'frobnicator' is not in the vendor registry"
    ]


def test_python_2_standard_library_is_not_rop204(scan_tree: Scan) -> None:
    """Seen on django-helpdesk: an old migration's ``import cPickle`` was a third-party package."""
    outcome = scan_tree(
        {
            "app/migrations/0002.py": "try:\n    import cPickle as pickle\nexcept ImportError:\n"
            "    import pickle\nimport urllib2, urlparse, StringIO, ConfigParser\n",
            "app/main.py": "import frobnicator\n",
        }
    )
    assert _found(outcome, "ROPA204") == [
        "third-party package 'frobnicator' is not in the vendor registry"
    ]


def test_http_clients_are_listed_with_their_own_note(scan_tree: Scan) -> None:
    outcome = scan_tree({"app.py": _app("import requests\nimport httpx")})
    found = _found(outcome, "ROPA204")
    assert len(found) == 2
    assert all(m.startswith("network client '") and "hosts the code names" in m for m in found)


@pytest.mark.parametrize(
    "files",
    [
        # A namespace package (no __init__.py) beside the importing file.
        {"app/main.py": "from utils.helpers import x\n", "app/utils/helpers.py": "x = 1\n"},
        # A namespace package at the root, imported from a subfolder.
        {"bin/run.py": "import utils.helpers\n", "utils/helpers.py": "x = 1\n"},
        # A sibling module of a script.
        {"scripts/run.py": "import helpers\n", "scripts/helpers.py": "x = 1\n"},
        # ... even in a folder that is a package, run as a script (aider's benchmark/).
        {"bench/__init__.py": "", "bench/run.py": "import prompts\n", "bench/prompts.py": ""},
        # src layout, the imported package without __init__.py.
        {"src/shop/__init__.py": "", "src/shop/v.py": "import tools.x\n", "src/tools/x.py": ""},
        # A sub-project whose folder holds only folders.
        {"backend/app/main.py": "from core.config import x\n", "backend/core/config.py": "x=1\n"},
        # A package imported through its outermost name.
        {
            "lib/pkg/__init__.py": "",
            "lib/pkg/sub/__init__.py": "",
            "other/a.py": "import pkg.sub\n",
        },
    ],
)
def test_local_modules_are_never_rop204(scan_tree: Scan, files: dict[str, str | bytes]) -> None:
    assert _found(scan_tree(files), "ROPA204") == []


def test_a_module_inside_a_package_does_not_hide_a_third_party_namesake(scan_tree: Scan) -> None:
    """``shop/stores/weaviate.py`` is ``shop.stores.weaviate``; ``import weaviate`` in it is
    the third-party client, which may send data to a hosted service."""
    outcome = scan_tree(
        {
            "shop/__init__.py": "",
            "shop/stores/__init__.py": "",
            "shop/stores/weaviate.py": "import weaviate\n",
            "shop/stores/base.py": "from shop.stores import weaviate\n",
        }
    )
    assert _found(outcome, "ROPA204") == [
        "third-party package 'weaviate' is not in the vendor registry"
    ]


# --- The data: every list is consistent with the others and with the vendor registry. ---


def test_known_packages_are_consistent_with_the_registry() -> None:
    known, registry = load_known_packages(), load_registry()
    vendor_imports = {name for v in registry.values() for name in v.imports}
    for key, (imports, _) in known.integrations.items():
        assert key in registry, key
        assert not vendor_imports & set(imports), key
        vendor_imports |= set(imports)
    router_imports = {name for r in known.routers.values() for name in r.imports}
    sections = [set(known.libraries), set(known.clients), router_imports, vendor_imports]
    for i, a in enumerate(sections):
        for b in sections[i + 1 :]:
            assert not a & b, f"listed twice: {sorted(a & b)}"
    stdlib = set(sys.stdlib_module_names)
    assert not (set(known.libraries) | set(known.clients)) & stdlib
    kinds = {v.kind for v in registry.values()}
    for router in known.routers.values():
        assert set(router.kinds) <= kinds, router.key
    # Wrapper packages map to a vendor that offers AI models, not to anything else.
    for key, (imports, _) in known.integrations.items():
        for name in imports:
            if name.startswith(("langchain_", "llama_index.")):
                assert registry[key].kind in ("ai", "cloud", "hosting", "search"), (key, name)
    # The vendors' own entries keep only their SDKs: the notice lists those packages.
    for vendor in registry.values():
        assert not [n for n in vendor.imports if n.startswith(("langchain", "llama_index"))]


def test_requests_is_a_client_not_a_library() -> None:
    known = load_known_packages()
    assert "requests" in known.clients and "requests" not in known.libraries
    for name in ("numpy", "pandas", "sqlalchemy", "flask", "celery", "PIL", "plotly"):
        assert name in known.libraries, name


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("libraries: {numpy: 3}\nclients: {}\nrouters: {}\nintegrations: {}\n", 1),
        ("libraries: {}\nclients:\n  requests: ''\nrouters: {}\nintegrations: {}\n", 3),
        ("libraries: {}\nclients: {}\nrouters:\n  x:\n    name: X\nintegrations: {}\n", 4),
        (
            "libraries: {}\nclients: {}\nrouters:\n  x: {name: X, kinds: [], routes: r, "
            "imports: [], packages: [x]}\nintegrations: {}\n",
            4,
        ),
        ("libraries: {}\nclients: {}\nrouters: {}\nintegrations:\n  openai: [x]\n", 5),
    ],
)
def test_known_package_file_problems_name_the_line(text: str, line: int) -> None:
    with pytest.raises(ConfigError) as info:
        parse_known_packages(load_yaml(text, "libraries.yaml"), "libraries.yaml")
    assert any(p.startswith(f"libraries.yaml:{line}:") for p in info.value.problems)


def test_a_known_package_file_with_other_sections_is_refused() -> None:
    with pytest.raises(ConfigError):
        parse_known_packages(load_yaml("libraries: {}\n", "libraries.yaml"), "libraries.yaml")


def test_test_code_reveals_a_vendor_last_and_its_libraries_not_at_all(scan_tree: Scan) -> None:
    """Weblate: Sentry's ROPA202 pointed at shop/tests/test_middleware.py, and six ROPA204
    named libraries only its tests use."""
    files: dict[str, str | bytes] = {
        "shop/tests/test_middleware.py": "import sentry_sdk\nimport responses\nimport moto\n",
        "shop/views.py": _app("import sentry_sdk\nimport frobnicator\n"),
        "shop/conftest.py": "import stripe\nimport selenium\n",
    }
    outcome = scan_tree(files)
    by_code = {
        code: [(str(d.location), d.message) for d in outcome.diagnostics if d.code == code]
        for code in ("ROPA202", "ROPA204")
    }
    sentry = [(where, m) for where, m in by_code["ROPA202"] if "'sentry'" in m]
    assert [where for where, _ in sentry] == ["shop/views.py:1:1"]
    # Imported only in test code: still reported (the code under test may load it by name),
    # there, and said to be test code.
    (stripe,) = [(where, m) for where, m in by_code["ROPA202"] if "'stripe'" in m]
    assert stripe[0] == "shop/conftest.py:1:1" and "in test code" in stripe[1]
    assert [m for _, m in by_code["ROPA204"]] == [
        "third-party package 'frobnicator' is not in the vendor registry"
    ]


_CALLS = (
    "import requests, httpx\n"
    "BASE = 'https://api.deepl.com/v2'\n"
    "def ask(prompt):\n"
    "    return requests.post('https://api.mistral.ai/v1/chat', json={'q': prompt})\n"
    "def translate(text):\n"
    "    return httpx.post(f'{BASE}/translate', data={'text': text})\n"
    "def other(text):\n"
    "    return httpx.post('https://api.unknown-llm.example/v1', data={'text': text})\n"
)


def test_a_vendors_api_called_by_its_address_is_rop202(scan_tree: Scan) -> None:
    """open-webui and Weblate call Mistral, DeepL, Slack ... with requests/httpx and literal
    addresses the registry knows (`hosts:`); no SDK import, so no ROPA202 told of them."""
    outcome = scan_tree({"app/llm.py": _app(_CALLS)})
    found = sorted((str(d.location), d.message) for d in outcome.diagnostics if d.code == "ROPA202")
    assert [(where, m.split(" (")[0]) for where, m in found] == [
        ("app/llm.py:4:12", "code calls its API at api.mistral.ai"),
        ("app/llm.py:6:12", "code calls its API at api.deepl.com"),
    ]
    assert "'mistral' is not declared" in found[0][1] and "'deepl'" in found[1][1]
    declared = scan_tree({"app/llm.py": _app(_CALLS, processors='"mistral", "deepl"')})
    assert not _found(declared, "ROPA202")
    # Test code is not summarised: a request there reveals nothing.
    assert not _found(scan_tree({"app/tests/test_llm.py": _CALLS}), "ROPA202")


def test_literals_are_read_from_packed_summaries_as_unpacked() -> None:
    import ast

    from ropa.flow.pack import literals, packed, unpack
    from ropa.flow.summary import summarize

    text = _CALLS + (
        "import openai\n"
        "def chat(user):\n"
        "    return openai.chat.completions.create(model='gpt-\\\\\"4o', messages=[user.email])\n"
    )
    summary = summarize(ast.parse(text), "app/llm.py", "app.llm", packed=True)
    assert summary.packed is not None
    expected = [
        (c.literal, c.line, c.column)
        for fn in unpack(summary.packed)
        for c in fn.calls
        if c.literal is not None
    ]
    assert ('gpt-\\"4o', 11, 12) in expected and len(expected) == 4
    assert list(literals(summary)) == expected
    unpacked = summarize(ast.parse(text), "app/llm.py", "app.llm")
    assert list(literals(unpacked)) == expected and packed(unpacked).packed == summary.packed
