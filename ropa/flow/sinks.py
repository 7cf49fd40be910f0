"""Where personal data leaves the program: vendor SDK calls (from the registry), logs, standard
output, HTTP clients, files and message queues."""

from __future__ import annotations

import fnmatch
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ropa.registry import KnownPackages, Vendor

#: Kinds of sink; ``log`` and ``stdout`` are ROPA206, ``vendor`` is ROPA205.
KINDS = ("vendor", "log", "stdout", "http", "file", "queue")


@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class Sink:
    """What a call sends data to."""

    kind: str
    callee: str
    vendor: str | None = None
    host: str | None = None

    @property
    def shown(self) -> str:
        """The call as a reader knows it: its last four dotted parts."""
        parts = self.callee.split(".")
        return ".".join(parts[-4:])

    def describe(self) -> str:
        target = {
            "vendor": f"vendor '{self.vendor}'",
            "log": "a log",
            "stdout": "standard output",
            "http": f"an HTTP request to {self.host}" if self.host else "an HTTP request",
            "file": "a file",
            "queue": "a message queue",
        }[self.kind]
        return f"{target} ({self.shown}())"


_LOG_METHODS = frozenset(
    "debug info warning warn error exception critical fatal log msg trace success".split()
)
_LOGGER_NAME = re.compile(r"(?i)^_*(log|logger|logging|log_\w+|\w+_log|\w*logger)$")
_LOG_PREFIXES = ("logging", "structlog", "loguru.logger", "logbook", "eliot")
_STDOUT = frozenset(
    {
        "print",
        "sys.stdout.write",
        "sys.stderr.write",
        "sys.stdout.writelines",
        "sys.stderr.writelines",
        "pprint.pprint",
        "pprint.pp",
        "click.echo",
        "click.secho",
        "typer.echo",
        "rich.print",
    }
)
_HTTP_METHODS = "get post put patch delete head options request stream send"
_HTTP = frozenset(
    f"{client}.{method}"
    for client in (
        "requests",
        "requests.Session",
        "requests.session",
        "requests.sessions.Session",
        "httpx",
        "httpx.Client",
        "httpx.AsyncClient",
        "aiohttp.ClientSession",
        "urllib3.PoolManager",
        "urllib3",
        "http.client.HTTPSConnection",
        "http.client.HTTPConnection",
    )
    for method in _HTTP_METHODS.split()
) | {"urllib.request.urlopen", "urllib.request.Request", "aiohttp.request"}
_FILE = frozenset(
    {
        "open.write",
        "open.writelines",
        "io.open.write",
        "codecs.open.write",
        "csv.writer.writerow",
        "csv.writer.writerows",
        "csv.DictWriter.writerow",
        "csv.DictWriter.writerows",
        "json.dump",
        "pickle.dump",
        "pathlib.Path.write_text",
        "pathlib.Path.write_bytes",
    }
)
_QUEUE = (
    "*.delay",
    "*.apply_async",
    "*.send_task",
    "kafka.KafkaProducer.send",
    "confluent_kafka.Producer.produce",
    "aiokafka.AIOKafkaProducer.send*",
    "pika.*.basic_publish",
    "*.basic_publish",
    "redis.*.publish",
    "redis.*.xadd",
    "redis.*.lpush",
    "redis.*.rpush",
    "google.cloud.pubsub*.publish",
    "nats.*.publish",
    "uwsgi.spool",
    "uwsgi.send_to_spooler",
)
_QUEUE_RE = re.compile("|".join(fnmatch.translate(p) for p in _QUEUE))
# Model routers: the vendor is the one the literal model name belongs to.
_ROUTED = frozenset(
    {
        "litellm.completion",
        "litellm.acompletion",
        "litellm.embedding",
        "litellm.aembedding",
        "litellm.text_completion",
        "litellm.Router.completion",
        "litellm.Router.acompletion",
    }
)
_MODEL_VENDORS = (
    ("openai/", "openai"),
    ("gpt", "openai"),
    ("o1", "openai"),
    ("o3", "openai"),
    ("o4", "openai"),
    ("text-embedding", "openai"),
    ("anthropic/", "anthropic"),
    ("claude", "anthropic"),
    ("gemini", "google-gemini"),
    ("mistral", "mistral"),
    ("cohere/", "cohere"),
    ("command", "cohere"),
    ("groq/", "groq"),
    ("bedrock/", "aws"),
)
# Calls that set an SDK up rather than send it anything.
_SETUP = frozenset({"init", "configure", "setup", "set_api_key", "Client", "from_env"})
# Parts of an SDK that only convert or describe data on this machine: DynamoDB's type
# (de)serialisers and condition builders turn a dict into DynamoDB's shape, sending nothing.
_LOCAL_PARTS = ("boto3.dynamodb.types.", "boto3.dynamodb.conditions.")
# An SDK's ``types`` module (``google.genai.types.Part.from_text``, ``openai.types.chat``,
# ``anthropic.types``) builds request and response objects: nothing is sent from there.
_LOCAL_MODULES = frozenset({"types"})


def _local(callee: str) -> bool:
    """Whether a call into an SDK only builds or converts values on this machine."""
    return callee.startswith(_LOCAL_PARTS) or not _LOCAL_MODULES.isdisjoint(callee.split(".")[1:-1])


class SinkTable:
    """Matches a call (its resolved dotted name and literal host or model) to a sink."""

    def __init__(self, vendors: Mapping[str, Vendor], known: KnownPackages | None = None) -> None:
        self.patterns: list[tuple[str, str]] = []
        self.prefixes: dict[str, str] = {}
        self.hosts: list[tuple[str, str]] = []
        self.vendors = vendors
        for vendor in vendors.values():
            self.patterns += [(p, vendor.key) for p in vendor.sinks]
            self.hosts += [(h.lower().lstrip("."), vendor.key) for h in vendor.hosts]
            for name in vendor.imports:
                self.prefixes.setdefault(name, vendor.key)
        if known is not None:
            for key, (imports, _) in known.integrations.items():
                if key in vendors:
                    for name in imports:
                        self.prefixes.setdefault(name, key)
        self.patterns.sort()
        # Every pattern starts with a module name: only those of the call's module are tried.
        self.by_head: dict[str, list[tuple[str, str]]] = {}
        for pattern, key in self.patterns:
            self.by_head.setdefault(pattern.split(".", 1)[0], []).append((pattern, key))
        self.hosts.sort(key=lambda h: (-len(h[0]), h))
        self._match = lru_cache(maxsize=16384)(self._compute)

    def fingerprint(self) -> str:
        """What the table matches, as a hash: cached flows hold only for the same table."""
        data = [self.patterns, sorted(self.prefixes.items()), self.hosts, sorted(self.vendors)]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()

    @staticmethod
    @lru_cache(maxsize=1)
    def builtin() -> SinkTable:
        """The built-in sinks alone: logs, standard output, HTTP, files and queues."""
        return SinkTable({})

    def match(self, callee: str, literal: str | None) -> Sink | None:
        return self._match(callee, literal)

    def match_pattern(self, callee: str) -> str | None:
        """The vendor whose ``sinks:`` patterns (only those) match ``callee``."""
        for pattern, key in self.by_head.get(callee.split(".", 1)[0], ()):
            if fnmatch.fnmatchcase(callee, pattern):
                return key
        return None

    def vendor_of_import(self, module: str) -> str | None:
        """The vendor whose SDK (or an integration of it) an import names."""
        parts = module.split(".")
        for n in range(len(parts), 0, -1):
            key = self.prefixes.get(".".join(parts[:n]))
            if key is not None:
                return key
        return None

    def vendor_of_host(self, host: str | None) -> str | None:
        if not host:
            return None
        host = host.lower()
        for suffix, key in self.hosts:
            if host == suffix or host.endswith("." + suffix):
                return key
        return None

    def _compute(self, callee: str, literal: str | None) -> Sink | None:
        head = callee.split(".", 1)[0]
        for pattern, key in self.by_head.get(head, ()):
            if fnmatch.fnmatchcase(callee, pattern):
                return Sink(kind="vendor", callee=callee, vendor=key)
        if callee in _ROUTED and literal:
            for prefix, key in _MODEL_VENDORS:
                if literal.lower().startswith(prefix) and key in self.vendors:
                    return Sink(kind="vendor", callee=callee, vendor=key)
        parts = callee.split(".")
        last = parts[-1]
        for n in range(len(parts) - 1, 0, -1) if not _local(callee) else ():
            owner = self.prefixes.get(".".join(parts[:n]))
            if owner is not None:
                if last in _SETUP or last[:1].isupper() or last.startswith("_"):
                    break
                return Sink(kind="vendor", callee=callee, vendor=owner)
        if callee in _HTTP:
            vendor = self.vendor_of_host(literal)
            if vendor is not None:
                return Sink(kind="vendor", callee=callee, vendor=vendor, host=literal)
            return Sink(kind="http", callee=callee, host=literal)
        if last in _LOG_METHODS and len(parts) > 1:
            holder = parts[-2]
            if (
                callee.startswith(_LOG_PREFIXES)
                or _LOGGER_NAME.match(holder)
                or holder in ("getLogger", "get_logger", "getChild", "bind")
            ):
                return Sink(kind="log", callee=callee)
        if callee in _STDOUT:
            return Sink(kind="stdout", callee=callee)
        if callee in _FILE:
            return Sink(kind="file", callee=callee)
        if _QUEUE_RE.match(callee):
            return Sink(kind="queue", callee=callee)
        return None
