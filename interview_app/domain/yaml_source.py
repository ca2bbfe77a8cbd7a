"""Safe YAML reading for scripts: plain data plus the line of every value, or located problems."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TypeAlias

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode
from yaml.reader import ReaderError
from yaml.resolver import Resolver

from interview_app.errors import FormError, Problem

# The C parser (libyaml) is several times faster; both yield the same events.
LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
    yaml, "CSafeLoader", yaml.SafeLoader
)

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_STRING_CHARS = 20_000
MAX_NUMBER_CHARS = 40

DataPath: TypeAlias = tuple[str | int, ...]
Data: TypeAlias = "str | int | float | bool | None | list[Data] | dict[str, Data]"
LineMap: TypeAlias = dict[DataPath, int]

_BOM = b"\xef\xbb\xbf"
_TAG = "tag:yaml.org,2002:"
_IMPLICIT = Resolver.yaml_implicit_resolvers
_WILDCARD = _IMPLICIT.get(None, [])
_CONSTRUCTOR = SafeConstructor()


@dataclass(frozen=True)
class Source:
    """A read script: its data and, per data path, the 1-based line a reader should look at.

    For a member of a mapping that is the line of its key; for a list element, where it starts.
    """

    path: str
    data: Data
    lines: LineMap

    def line(self, data_path: DataPath) -> int:
        """The line of the value at ``data_path``, or of its nearest located ancestor."""
        for end in range(len(data_path), -1, -1):
            line = self.lines.get(data_path[:end])
            if line is not None:
                return line
        return 1


class _StopError(Exception):
    """The first problem after which reading cannot sensibly go on."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_yaml(text: str | bytes, path: str) -> Source:
    """Parse one YAML document safely; raises FormError with a line for anything unacceptable.

    Anchors, aliases and tags are refused: a script needs none of them, aliases allow
    "billion laughs" expansion and tags can ask for arbitrary objects. Duplicate keys are
    refused too, since YAML would silently keep only the last one.
    """
    raw = _utf8(text, path)
    decoded = _decode(raw, path)
    if _OTHER_BREAKS.search(decoded):
        # YAML also breaks lines at CR, NEL, LS and PS; editors number lines by LF. One kind of
        # break keeps every reported line where an editor shows it.
        decoded = _OTHER_BREAKS.sub("\n", decoded)
        raw = decoded.encode("utf-8")
    # libyaml reports reader errors as byte offsets, the Python reader as character offsets.
    stream: str | bytes = raw if LOADER is not yaml.SafeLoader else decoded
    loader = None
    try:
        loader = LOADER(stream)  # the Python reader already checks every character here
        return _Composer(loader, path).run()
    except _StopError as stop:
        raise FormError([Problem(path, stop.line, stop.message)]) from None
    except yaml.MarkedYAMLError as error:
        raise FormError([_syntax_problem(error, decoded, path)]) from None
    except ReaderError as error:
        before = stream[: int(error.position)]
        line = (before.count("\n") if isinstance(before, str) else before.count(b"\n")) + 1
        message = "the file contains a character that YAML does not allow, such as a control code"
        raise FormError([Problem(path, line, message)]) from None
    except (yaml.YAMLError, RecursionError):
        raise FormError([Problem(path, 1, "the file cannot be read as YAML")]) from None
    finally:
        if loader is not None:
            loader.dispose()


_OTHER_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")


def _utf8(text: str | bytes, path: str) -> bytes:
    """The file's bytes without a byte-order mark, after the size limit is checked."""
    if len(text) > MAX_FILE_BYTES:  # characters never outnumber UTF-8 bytes
        raise FormError([_too_big(path)])
    if isinstance(text, bytes):
        raw = text
    else:
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError as error:  # a lone surrogate: only str input can carry one
            line = text.count("\n", 0, error.start) + 1
            message = "the text contains an invalid character (a lone surrogate)"
            raise FormError([Problem(path, line, message)]) from None
        if len(raw) > MAX_FILE_BYTES:
            raise FormError([_too_big(path)])
    return raw[3:] if raw.startswith(_BOM) else raw


def _too_big(path: str) -> Problem:
    return Problem(path, 1, "the file is larger than 2 MB, the most a script may be")


def _decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = "the file is not valid UTF-8 text; save it with the UTF-8 encoding"
        raise FormError([Problem(path, line, message)]) from None


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    lines = text.split("\n")
    # At the end of the stream libyaml points one line past the last one.
    line = min(mark.line + 1, len(lines)) if mark is not None else 1
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip(" \t"))]:
        return Problem(path, line, "this line is indented with a tab; YAML needs spaces")
    problem = (error.problem or "invalid YAML").strip()
    return Problem(path, line, f"YAML syntax error: {problem}")


class _Frame:
    """A mapping or list being built, with where it sits in the data."""

    __slots__ = ("container", "key", "key_line", "path", "seen")

    def __init__(self, container: dict[str, Data] | list[Data], path: DataPath) -> None:
        self.container = container
        self.path = path
        self.key: str | None = None  # in a mapping: the key read, its value still to come
        self.key_line = 0
        self.seen: dict[str, int] = {}

    def attach(self, value: Data) -> None:
        container, key = self.container, self.key
        if isinstance(container, list):
            container.append(value)
        elif key is not None:
            container[key] = value
            self.key = None


class _Composer:
    """Builds the data from parser events: one pass, no recursion, every refusal located."""

    def __init__(self, loader: yaml.SafeLoader | yaml.CSafeLoader, path: str) -> None:
        self.loader = loader
        self.path = path
        self.lines: LineMap = {}
        self.duplicates: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: Data = None

    def run(self) -> Source:
        get_event = self.loader.get_event
        documents = 0
        while True:
            event = get_event()
            if isinstance(event, NodeEvent):
                self._node(event)
            elif isinstance(event, CollectionEndEvent):
                done = self.stack.pop()
                if self.stack:
                    self.stack[-1].attach(done.container)
                else:
                    self.root = done.container
            elif isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    message = "a script file holds one YAML document; remove this '---'"
                    raise _StopError(_line(event), message)
            elif isinstance(event, StreamEndEvent):
                break
        if documents == 0:
            raise _StopError(1, "the file is empty; a script needs 'form' and 'sections'")
        if self.duplicates:
            raise FormError(self.duplicates)
        return Source(self.path, self.root, self.lines)

    def _node(self, event: NodeEvent) -> None:
        line = _line(event)
        if isinstance(event, AliasEvent):
            raise _StopError(line, "aliases (*name) are not allowed in a script; write it out")
        if event.anchor is not None:
            raise _StopError(line, "anchors (&name) are not allowed in a script; write it out")
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.tag is not None:
            tag = event.tag.replace(_TAG, "!!")
            message = f"YAML tags such as '{tag}' are not allowed in a script"
            raise _StopError(line, message)
        frame = self.stack[-1] if self.stack else None
        if frame is None:
            here: DataPath = ()
            self.lines[here] = line
        elif isinstance(frame.container, list):
            here = (*frame.path, len(frame.container))
            self.lines[here] = line
        elif frame.key is None:
            frame.key = self._key(event, frame, line)
            frame.key_line = line
            return
        else:
            here = (*frame.path, frame.key)
            self.lines[here] = frame.key_line
        if isinstance(event, ScalarEvent):
            value = _scalar(event, line)
            if frame is None:
                self.root = value
            else:
                frame.attach(value)
            return
        if len(self.stack) >= MAX_DEPTH:
            raise _StopError(line, f"the script is nested more than {MAX_DEPTH} levels deep")
        container: dict[str, Data] | list[Data] = {} if isinstance(event, MappingStartEvent) else []
        self.stack.append(_Frame(container, here))

    def _key(self, event: NodeEvent, frame: _Frame, line: int) -> str:
        # Keys stay the text written: a script's keys are names, never numbers or booleans.
        if not isinstance(event, ScalarEvent):
            raise _StopError(line, "a key must be plain text, not a list or a mapping")
        key = _checked(event.value, line)
        first = frame.seen.get(key)
        if first is not None:
            message = f"duplicate key '{key}' (first at line {first})"
            self.duplicates.append(Problem(self.path, line, message))
        frame.seen[key] = line
        return key


def _line(event: Event) -> int:
    return event.start_mark.line + 1 if event.start_mark is not None else 1


def _checked(value: str, line: int) -> str:
    if len(value) > MAX_STRING_CHARS:
        message = f"this text is {len(value)} characters long; at most {MAX_STRING_CHARS} fit"
        raise _StopError(line, message)
    return value


def _scalar(event: ScalarEvent, line: int) -> Data:
    value = _checked(event.value, line)
    if not event.implicit[0]:
        return value  # quoted or block text is always a string
    resolvers = _IMPLICIT.get(value[0] if value else "", [])
    for tag, regexp in (*resolvers, *_WILDCARD):
        if regexp.match(value):
            return _construct(tag, value, line)
    return value


def _construct(tag: str, value: str, line: int) -> Data:
    # Same meaning as yaml.safe_load for null, bool, int and float; dates and merge keys stay
    # text, since a script has no use for them and JSON has no date type.
    node = ScalarNode(tag, value)
    if tag == _TAG + "null":
        return None
    if tag in (_TAG + "int", _TAG + "float") and len(value) > MAX_NUMBER_CHARS:
        # Python refuses to convert very long digit strings; no script needs such numbers.
        raise _StopError(line, f"a number may have at most {MAX_NUMBER_CHARS} characters")
    if tag == _TAG + "bool":
        return bool(_CONSTRUCTOR.construct_yaml_bool(node))
    if tag == _TAG + "int":
        number: int = _CONSTRUCTOR.construct_yaml_int(node)
        return number
    if tag == _TAG + "float":
        real: float = _CONSTRUCTOR.construct_yaml_float(node)
        if not math.isfinite(real):
            raise _StopError(line, f"'{value}' is not a usable number; write an ordinary number")
        return real
    return value
