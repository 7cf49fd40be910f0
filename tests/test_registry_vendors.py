"""Speech, voice, search-model and vector-database services that open-source LLM apps call
(Deepgram, ElevenLabs, Perplexity, Qdrant Cloud): each is found by its SDK, its integrations,
its requirement lines, its API addresses and its SDK calls, and declaring it quiets ROPA202."""

from __future__ import annotations

import pytest

from ropa.registry import load_countries, load_registry
from ropa.transfers import transfer_safeguard

# The same one-activity app and diagnostics reader as the detection tests.
from . import test_vendor_detection as detection
from .test_vendor_detection import Scan, _app
from .test_vendor_detection import _found as _messages

# The detection tests' checks, run on the registry's new vendors.
reveals_vendor = detection.test_wrappers_and_sdks_reveal_their_vendor
requirement_reveals_vendor = detection.test_wrapper_packages_in_requirements_reveal_their_vendor


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("from deepgram import DeepgramClient", "deepgram"),
        ("from elevenlabs.client import ElevenLabs", "elevenlabs"),
        ("from perplexity import Perplexity", "perplexity"),
        ("from langchain_perplexity import ChatPerplexity", "perplexity"),
        ("from llama_index.llms.perplexity import Perplexity", "perplexity"),
        # Letta's Bedrock client: aioboto3 wraps boto3 for asyncio (it was ROPA204).
        ("import aioboto3", "aws"),
    ],
)
def test_sdks_and_integrations_reveal_their_vendor(scan_tree: Scan, line: str, key: str) -> None:
    reveals_vendor(scan_tree, line, key)


@pytest.mark.parametrize(
    ("requirement", "key"),
    [
        ("deepgram-sdk>=4", "deepgram"),
        ("elevenlabs==2.78.0", "elevenlabs"),
        ("perplexityai", "perplexity"),
        ("langchain-perplexity", "perplexity"),
        ("llama-index-llms-perplexity>=0.6", "perplexity"),
    ],
)
def test_their_packages_in_requirements_reveal_them(
    scan_tree: Scan, requirement: str, key: str
) -> None:
    requirement_reveals_vendor(scan_tree, requirement, key)


_HOSTS = {
    "deepgram": "https://api.deepgram.com/v1/listen",
    "elevenlabs": "https://api.eu.residency.elevenlabs.io/v1/text-to-speech/abc",
    "perplexity": "https://api.perplexity.ai/chat/completions",
    "qdrant-cloud": "https://1a2b-3c4d.eu-central.aws.cloud.qdrant.io:6333/collections/memo/points",
    # Elastic Cloud had no hosts at all: a deployment called by address went unnoticed.
    "elastic-cloud": "https://shop-search.es.europe-west3.gcp.cloud.es.io/users/_doc",
}


@pytest.mark.parametrize(("key", "url"), list(_HOSTS.items()), ids=list(_HOSTS))
def test_their_apis_called_by_address_are_rop202(scan_tree: Scan, key: str, url: str) -> None:
    """open-webui calls Deepgram, ElevenLabs and Perplexity with requests/aiohttp and literal
    addresses; a Qdrant Cloud cluster is a subdomain of cloud.qdrant.io."""
    host = url.split("/")[2].split(":")[0]
    code = f"import requests\ndef send(data):\n    return requests.post('{url}', json=data)\n"
    outcome = scan_tree({"app/voice.py": _app(code)})
    (hit,) = _messages(outcome, "ROPA202")
    assert f"code calls its API at {host}" in hit and f"'{key}' is not declared" in hit
    declared = scan_tree({"app/voice.py": _app(code, processors=f'"{key}"')})
    assert _messages(declared, "ROPA202") == []


_SDK_CALLS = {
    "deepgram": (
        "from deepgram import DeepgramClient\nclient = DeepgramClient()\n"
        "def f(user):\n    client.listen.v1.media.transcribe_url(url=user.email)\n"
    ),
    "elevenlabs": (
        "from elevenlabs.client import ElevenLabs\nclient = ElevenLabs()\n"
        "def f(user):\n    client.text_to_speech.convert('v1', text=f'Hello {user.full_name}')\n"
    ),
    "perplexity": (
        "from perplexity import Perplexity\nclient = Perplexity()\n"
        "def f(user):\n"
        "    client.chat.completions.create(messages=[{'content': user.email}], model='sonar')\n"
    ),
}


@pytest.mark.parametrize(("key", "code"), list(_SDK_CALLS.items()), ids=list(_SDK_CALLS))
def test_personal_data_sent_through_their_sdk_reaches_them(
    scan_tree: Scan, key: str, code: str
) -> None:
    outcome = scan_tree({"app.py": code})
    (flow,) = _messages(outcome, "ROPA205")
    assert f"'{key}'" in flow


def test_the_qdrant_driver_alone_does_not_name_qdrant_cloud(scan_tree: Scan) -> None:
    """qdrant-client also talks to a self-hosted Qdrant (the project's own database): only a
    cloud cluster's address reveals Qdrant Cloud, as only Elastic Cloud's does for elastic."""
    outcome = scan_tree({"app.py": _app("from qdrant_client import QdrantClient")})
    assert not any("qdrant-cloud" in m for m in _messages(outcome, "ROPA202"))


def test_their_facts_and_transfer_safeguards() -> None:
    registry, countries = load_registry(), load_countries()
    assert registry["qdrant-cloud"].country == "DE" and registry["qdrant-cloud"].imports == ()
    assert transfer_safeguard(registry["qdrant-cloud"], countries) == "eea"
    assert transfer_safeguard(registry["perplexity"], countries) == "sccs"
    for key in ("deepgram", "elevenlabs", "perplexity", "qdrant-cloud"):
        assert registry[key].role == "processor", key
        assert registry[key].hosts, key


#: Keys that abbreviate the company's own name, which the name therefore shows.
_OWN_ABBREVIATIONS = {"aws": "Amazon", "aws-ses": "Amazon", "azure": "Microsoft", "ovhcloud": "OVH"}


def test_a_reader_can_tell_the_service_behind_every_legal_name() -> None:
    """The Chainlit trial's notice listed 'Functional Software, Inc.' and no reader knows
    that is Sentry: where the legal name does not show the service's name, the services text
    does ('Error tracking and performance monitoring (Sentry)')."""

    def squeezed(text: str) -> str:
        return "".join(ch for ch in text.lower() if ch.isalnum())

    hidden = []
    for key, vendor in load_registry().items():
        brand = _OWN_ABBREVIATIONS.get(key, key.split("-")[0])
        if squeezed(brand) not in squeezed(vendor.name + vendor.services):
            hidden.append(f"{key}: {vendor.name} / {vendor.services}")
    assert hidden == []
