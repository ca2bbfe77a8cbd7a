"""Glossary problems of translations: a key term not rendered as approved, or as forbidden."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from babel.messages.catalog import Catalog, Message

from interview_app.i18n.catalogs import CatalogKey, catalog_language
from interview_app.i18n.glossary import Glossary, Rendering, Term
from interview_app.i18n.termmatch import Span, join_words, overlaps, split_words, words


@dataclass(frozen=True)
class TermProblem:
    """One glossary problem of one translation; says what to use instead."""

    term: str
    kind: Literal["missing", "forbidden"]
    approved: str
    found: str | None = None

    def __str__(self) -> str:
        if self.kind == "missing":
            return f"the translation does not use the approved term '{self.approved}'"
        return f"'{self.found}' must not stand for '{self.term}'; use '{self.approved}'"


def check_translation(
    glossary: Glossary, language: str, english: Sequence[str], translations: Sequence[str]
) -> list[TermProblem]:
    """Problems of ``translations`` (each plural form, say) of the English texts ``english``.

    A term counts when its English wording occurs (whole words, any case, simple plural). Its
    translation must then match one of the approved stems, and must not use a forbidden
    rendering, unless those words render another term of the same text: "smuggling is not
    trafficking" needs the word for smuggling.
    """
    source = [word for text in english for word in [*words(text), ""]]  # "" keeps texts apart
    present = [(t, r) for t, r in glossary.for_language(language) if t.occurs_in(source)]
    problems: list[TermProblem] = []
    for text in translations:
        written = split_words(text)
        target = [word.folded for word in written]
        uses = {term.id: _spans(rendering, target) for term, rendering in present}
        for term, rendering in present:
            if not uses[term.id]:
                problems.append(TermProblem(term.id, "missing", rendering.approved))
            others = [span for t, spans in uses.items() if t != term.id for span in spans]
            for pattern in rendering.refused:
                for span in pattern.find(target):
                    if not overlaps(span, others):
                        found = join_words(written[span[0] : span[1]])
                        problems.append(
                            TermProblem(term.id, "forbidden", rendering.approved, found)
                        )
    return list(dict.fromkeys(problems))  # the same problem in several plural forms, once


def _spans(rendering: Rendering, target: Sequence[str]) -> list[Span]:
    return [span for pattern in rendering.accepted for span in pattern.find(target)]


@dataclass(frozen=True)
class EntryProblem:
    """A glossary problem located in a catalogue: ``file:line: msgctxt: term: problem``."""

    path: str
    line: int
    msgctxt: str | None
    msgid: str
    problem: TermProblem

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: {self.msgctxt or '-'}"
        return f"{where}: {self.problem.term}: {self.problem}"


def _texts(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _singular(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def check_catalog(
    glossary: Glossary, catalog: Catalog, path: str, keys: Collection[CatalogKey] | None = None
) -> list[EntryProblem]:
    """Glossary problems of every translated entry of ``catalog`` (of ``keys`` only, if given).

    Fuzzy and draft entries are checked too: they are on their way to being used.
    """
    language = catalog_language(catalog)
    if language is None or not glossary.for_language(language):
        return []
    wanted = set(keys) if keys is not None else None
    found: list[EntryProblem] = []
    for message in catalog:
        if not message.id:
            continue
        singular = _singular(message)
        if wanted is not None and (message.context, singular) not in wanted:
            continue
        translations = [text for text in _texts(message.string) if text]
        if not translations:
            continue
        english = _texts(message.id)
        found.extend(
            EntryProblem(path, message.lineno or 0, message.context, singular, problem)
            for problem in check_translation(glossary, language, english, translations)
        )
    return found


def terms_in(glossary: Glossary, english: str) -> list[Term]:
    """The glossary terms an English text uses (for translators' tools and tests)."""
    source = words(english)
    return [term for term in glossary.terms if term.occurs_in(source)]
