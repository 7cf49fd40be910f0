"""Strict YAML reading: safe loader only, line numbers kept, no duplicates, anchors or tabs."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ropa.errors import ConfigError

#: Project and vendor files are small; anything larger is refused before parsing.
MAX_YAML_BYTES = 2_000_000
MAX_DEPTH = 50
# The line breaks of YAML 1.1 as PyYAML counts them; str.splitlines() also breaks at form
# feeds and other separators, which would shift the line numbers of the messages.
_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class YMap(dict[str, Any]):
    """A mapping read from YAML that remembers its line and each key's line."""

    line: int
    key_lines: dict[str, int]


class YList(list[Any]):
    """A sequence read from YAML that remembers its line and each item's line."""

    line: int
    item_lines: list[int]


def line_of(value: Any, default: int = 0) -> int:
    return int(getattr(value, "line", default))


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []
        self._constructor = yaml.SafeLoader("")

    def err(self, line: int, message: str) -> None:
        self.problems.append(f"{self.name}:{line}: {message}")

    def convert(self, node: yaml.Node, depth: int = 0) -> Any:
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise ConfigError(f"{self.name}:{line}: nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            out = YMap()
            out.line = line
            out.key_lines = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode):
                    self.err(key_line, "a key must be a plain string")
                    continue
                key = str(key_node.value)
                if not _encodable(key):
                    self.err(key_line, "a lone surrogate (\\ud800-\\udfff) is not text")
                    continue
                if key == "<<":
                    self.err(key_line, "merge keys ('<<') are not allowed")
                    continue
                if key in out:
                    self.err(
                        key_line,
                        f"duplicate key '{key}' (first at line {out.key_lines[key]})",
                    )
                    continue
                out[key] = self.convert(value_node, depth + 1)
                out.key_lines[key] = key_line
            return out
        if isinstance(node, yaml.SequenceNode):
            seq = YList()
            seq.line = line
            seq.item_lines = []
            for item in node.value:
                seq.append(self.convert(item, depth + 1))
                seq.item_lines.append(item.start_mark.line + 1)
            return seq
        try:
            value = self._constructor.construct_object(node, deep=True)
        except ValueError as exc:
            self.err(line, f"invalid value '{node.value}': {exc}")
            return None
        if isinstance(value, str) and not _encodable(value):
            # "\ud800" is valid YAML, but no document or JSON output can hold it.
            self.err(line, "a lone surrogate (\\ud800-\\udfff) is not text")
            return None
        return value


def load_yaml(text: str | bytes, name: str, *, shipped: bool = False) -> Any:
    """Parse YAML text into plain values (``YMap``/``YList`` keep lines); raise ConfigError.

    ``shipped``: the text is one of ropa's own data files (the registry, the vocabularies).
    """
    if len(text) > MAX_YAML_BYTES:
        raise ConfigError(f"{name}:1: file is larger than {MAX_YAML_BYTES // 1_000_000} MB")
    if isinstance(text, bytes):
        raw = text
        if b"\0" in raw:
            raise ConfigError(f"{name}:1: binary file (contains NUL bytes), expected YAML text")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ConfigError(f"{name}:{line}: not valid UTF-8") from None
    problems = [
        f"{name}:{n}: tab used for indentation; indent with spaces"
        for n, raw in enumerate(_YAML_LINE_BREAK.split(text), 1)
        if raw[: len(raw) - len(raw.lstrip())].count("\t")
    ]
    if problems:
        raise ConfigError(problems)
    deep = _flow_too_deep(text)
    if deep:
        raise ConfigError(f"{name}:{deep}: nested more than {MAX_DEPTH} levels deep")
    # ropa's own data files are read with libyaml's parser when PyYAML has it (in the
    # pure-Python one they cost a warm scan a quarter of its time); a user's file always
    # with the pure-Python parser, so that what is accepted and every message is the same
    # however PyYAML was built.
    loader = _FAST_LOADER if shipped and _FAST_LOADER is not None else yaml.SafeLoader
    root = _compose(text, loader, name)
    if root is None:
        return None
    reader = _Reader(name)
    try:
        value = reader.convert(root)
    except yaml.constructor.ConstructorError as exc:
        line = _line(exc.problem_mark)
        raise ConfigError(f"{name}:{line}: {exc.problem}") from None
    if reader.problems:
        raise ConfigError(reader.problems)
    return value


#: libyaml's SafeLoader, or None where PyYAML was built without it.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None)


def _compose(text: str, loader: Any, name: str) -> yaml.Node | None:
    """The document's node tree; anchors, aliases and invalid YAML are ConfigErrors."""
    # Anchors and aliases are refused at the event level, before anything is expanded,
    # so a billion-laughs document costs nothing.
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = _line(event.start_mark)
                raise ConfigError(f"{name}:{line}: anchors and aliases are not allowed")
        root: yaml.Node | None = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        line = _line(exc.problem_mark or exc.context_mark)
        raise ConfigError(f"{name}:{line}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name}:1: invalid YAML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{name}:1: nested too deeply") from None
    return root


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _line(mark: Any) -> int:
    return int(mark.line) + 1 if mark is not None else 1


def _flow_too_deep(text: str) -> int:
    """The line where ``[``/``{`` nesting passes MAX_DEPTH, or 0.

    PyYAML's scanner is quadratic in flow nesting, so this cheap count runs first. Quoted
    scalars and comments are skipped; a miscount only ever refuses absurd input.
    """
    depth = 0
    line = 1
    quote = ""
    comment = False
    for ch in text:
        if ch == "\n":
            line += 1
            comment = False
            quote = ""  # an apostrophe in a plain scalar must not hide what follows
            continue
        if comment:
            continue
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#":
            comment = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif ch in "]}":
            depth = max(0, depth - 1)
    return 0


def comma_hint(key: object, value: object) -> str:
    """For an unknown key: when it has no value and is no name a key would have (``Inc.``),
    it is most likely the rest of a text cut at a comma inside ``{...}``; say how to quote."""
    if value is not None or not isinstance(key, str) or re.fullmatch(r"[a-z_][a-z0-9_-]*", key):
        return ""
    return (
        f"; if '{key}' is the end of a text cut at its comma inside {{...}}, put that text in "
        'quotes: name: "Acme, Inc."'
    )
