"""The translation glossary (``translations/glossary.yaml``): key terms, approved renderings."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from interview_app.domain.yaml_source import Data, DataPath, Source, read_yaml
from interview_app.errors import CatalogError, FormError, Problem
from interview_app.i18n.locales import SOURCE_LANGUAGE, is_supported, normalise
from interview_app.i18n.termmatch import (
    WILDCARD,
    EnglishPhrase,
    WordPattern,
    compile_pattern,
    english_phrase,
    pattern_problem,
    words,
)

GLOSSARY_FILE = "glossary.yaml"
VERSION = 1
_TERM_FIELDS = ("source", "ignore", "note")
_RENDERING_FIELDS = ("approved", "stems", "forbidden", "reviewed", "note")
_TERM_ID = re.compile(r"[a-z][a-z0-9_]*")


class GlossaryError(CatalogError):
    """The glossary file cannot be used; carries every problem found, each with its line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Rendering:
    """How one language renders a term: the approved wording, what counts as using it, and the
    renderings that must never stand for it. ``reviewed`` is False until a qualified person
    who speaks the language has confirmed it."""

    language: str
    approved: str
    stems: tuple[str, ...]
    forbidden: tuple[str, ...]
    reviewed: bool
    note: str | None = None
    line: int = 0

    @property
    def accepted(self) -> tuple[WordPattern, ...]:
        """Patterns any of which shows the approved term is used (its inflections included)."""
        texts = self.stems or (self.approved,)
        return tuple(compile_pattern(text) for text in texts)

    @property
    def refused(self) -> tuple[WordPattern, ...]:
        return tuple(compile_pattern(text) for text in self.forbidden)


@dataclass(frozen=True)
class Term:
    """A key term: the English wordings that call for it and each language's rendering."""

    id: str
    source: tuple[str, ...]
    renderings: tuple[Rendering, ...]
    ignore: tuple[str, ...] = ()
    note: str | None = None
    line: int = 0

    @property
    def phrases(self) -> tuple[EnglishPhrase, ...]:
        return tuple(english_phrase(text) for text in self.source)

    def rendering(self, language: str) -> Rendering | None:
        """The rendering for ``language``, else for its base language (``fa_AF`` -> ``fa``)."""
        code = normalise(language)
        for candidate in (code, code.split("_")[0]):
            for rendering in self.renderings:
                if rendering.language == candidate:
                    return rendering
        return None

    def occurs_in(self, english: Sequence[str]) -> bool:
        """Whether the English words use this term outside its ``ignore`` phrases."""
        ignored = [span for text in self.ignore for span in english_phrase(text).find(english)]
        return any(
            not any(start <= s and e <= end for start, end in ignored)
            for phrase in self.phrases
            for s, e in phrase.find(english)
        )


@dataclass(frozen=True)
class Glossary:
    path: str
    terms: tuple[Term, ...]

    def for_language(self, language: str) -> list[tuple[Term, Rendering]]:
        found = [(term, term.rendering(language)) for term in self.terms]
        return [(term, rendering) for term, rendering in found if rendering is not None]

    @property
    def unreviewed(self) -> int:
        return sum(not r.reviewed for term in self.terms for r in term.renderings)

    @property
    def renderings(self) -> int:
        return sum(len(term.renderings) for term in self.terms)


def glossary_path(translations: Path) -> Path:
    return translations / GLOSSARY_FILE


def load_glossary(path: Path) -> Glossary:
    """Read and check the glossary; GlossaryError lists every problem as ``file:line: message``."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GlossaryError([Problem(str(path), 1, f"cannot read ({error.strerror})")]) from error
    return parse_glossary(data, str(path))


# The YAML reader speaks of scripts; here the same problems are about the glossary.
_REWORDED = (
    ("aliases (*name) are not allowed in a script; write it out", "a pattern that starts with * "
     "must be in quotes, e.g. '*word' (YAML reads a bare *word as an alias)"),
    ("the file is empty; a script needs 'form' and 'sections'",
     "the file is empty; the glossary needs 'version' and 'terms'"),
    ("a script file", "the glossary file"),
    ("in a script", "in the glossary"),
    ("a script may be", "the glossary may be"),
    ("the script is nested", "the glossary is nested"),
)  # fmt: skip


def _reworded(problem: Problem) -> Problem:
    message = problem.message
    for old, new in _REWORDED:
        message = message.replace(old, new)
    return Problem(problem.path, problem.line, message)


def parse_glossary(data: str | bytes, path: str) -> Glossary:
    try:
        source = read_yaml(data, path)
    except FormError as error:
        raise GlossaryError([_reworded(problem) for problem in error.problems]) from None
    return _Reader(source).glossary()


class _Reader:
    """Checks the YAML data field by field, collecting problems instead of stopping at one."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, where: DataPath, message: str) -> None:
        self.problems.append(Problem(self.source.path, self.source.line(where), message))

    def glossary(self) -> Glossary:
        data = self.source.data
        terms: list[Term] = []
        if not isinstance(data, dict):
            self.problem((), "the glossary must be a mapping with 'version' and 'terms'")
        else:
            for key in data:
                if key not in ("version", "terms"):
                    message = f"unknown key '{key}'; the glossary has 'version' and 'terms'"
                    self.problem((key,), message)
            if data.get("version") != VERSION:
                self.problem(("version",), f"'version' must be {VERSION}")
            entries = data.get("terms")
            if not isinstance(entries, dict) or not entries:
                self.problem(("terms",), "'terms' must map each term's id to its entry")
            else:
                terms = [
                    term
                    for key, value in entries.items()
                    if (term := self.term(key, value, ("terms", key))) is not None
                ]
                self.check_unique_sources(terms)
        if self.problems:
            raise GlossaryError(self.problems)
        return Glossary(self.source.path, tuple(terms))

    def texts(self, value: Data, where: DataPath, name: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.problem(where, f"'{name}' must be a list of texts")
            return ()
        return tuple(str(v) for v in value)

    def note(self, value: Data, where: DataPath) -> str | None:
        if value is not None and not isinstance(value, str):
            self.problem(where, "'note' must be a text")
            return None
        return value

    def term(self, key: str, value: Data, where: DataPath) -> Term | None:
        if not _TERM_ID.fullmatch(key):
            self.problem(where, f"term id '{key}' must be lower-case letters, digits and _")
        if not isinstance(value, dict):
            self.problem(where, f"term '{key}' must be a mapping with 'source' and languages")
            return None
        source = self.texts(value.get("source"), (*where, "source"), "source")
        if not source:
            self.problem(where, f"term '{key}' needs 'source': the English wordings to look for")
        ignore = self.texts(value.get("ignore"), (*where, "ignore"), "ignore")
        for name, texts in (("source", source), ("ignore", ignore)):
            for i, text in enumerate(texts):
                if WILDCARD in text or not words(text):
                    self.problem((*where, name, i), f"'{text}' must be plain English words")
        renderings: dict[str, Rendering] = {}
        for field, item in value.items():
            if field in _TERM_FIELDS:
                continue
            code = normalise(field)
            if not is_supported(code) or code == SOURCE_LANGUAGE:
                self.problem(
                    (*where, field),
                    f"'{field}' is neither a field of a term ({', '.join(_TERM_FIELDS)}) "
                    "nor a language code of a translation",
                )
            elif code in renderings:
                self.problem((*where, field), f"language '{code}' is given twice")
            elif (rendering := self.rendering(code, item, (*where, field))) is not None:
                renderings[code] = rendering
        return Term(
            key,
            source,
            tuple(renderings.values()),
            ignore=ignore,
            note=self.note(value.get("note"), (*where, "note")),
            line=self.source.line(where),
        )

    def rendering(self, code: str, value: Data, where: DataPath) -> Rendering | None:
        if not isinstance(value, dict):
            self.problem(where, f"'{code}' must be a mapping with 'approved' and 'reviewed'")
            return None
        for field in value:
            if field not in _RENDERING_FIELDS:
                known = ", ".join(_RENDERING_FIELDS)
                self.problem((*where, field), f"unknown field '{field}' (known: {known})")
        approved = value.get("approved")
        reviewed = value.get("reviewed")
        if not isinstance(approved, str) or not words(approved):
            self.problem(where, f"'{code}' needs 'approved': the term to use")
            return None
        if not isinstance(reviewed, bool):
            # No default: a rendering is unreviewed until someone says otherwise, in the file.
            self.problem(where, f"'{code}' needs 'reviewed: true' or 'reviewed: false'")
            return None
        stems = self.texts(value.get("stems"), (*where, "stems"), "stems")
        forbidden = self.texts(value.get("forbidden"), (*where, "forbidden"), "forbidden")
        for name, texts in (("stems", stems), ("forbidden", forbidden)):
            for i, text in enumerate(texts):
                if (why := pattern_problem(text)) is not None:
                    self.problem((*where, name, i), f"'{text}': {why}")
                    return None
        rendering = Rendering(
            code,
            approved,
            stems,
            forbidden,
            reviewed,
            note=self.note(value.get("note"), (*where, "note")),
            line=self.source.line(where),
        )
        approved_words = words(approved)
        if not any(p.find(approved_words) for p in rendering.accepted):
            self.problem((*where, "stems"), f"'{approved}' matches none of its own stems")
        for pattern in rendering.refused:
            if pattern.find(approved_words):
                self.problem((*where, "forbidden"), f"'{approved}' matches '{pattern.text}'")
        return rendering

    def check_unique_sources(self, terms: Sequence[Term]) -> None:
        seen: dict[tuple[str, ...], Term] = {}
        for term in terms:
            for i, text in enumerate(term.source):
                key = tuple(words(text))
                first = seen.setdefault(key, term)
                if first is not term:
                    self.problem(
                        ("terms", term.id, "source", i),
                        f"'{text}' is already a source of term '{first.id}' (line {first.line})",
                    )
