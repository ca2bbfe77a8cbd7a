"""Finding glossary terms in text: words, word patterns with ``*``, and English simple plurals."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

Span = tuple[int, int]
"""Word indices ``[start, end)`` of a match in a list of words."""

WILDCARD = "*"

# Spelling variants that readers take as one word, folded the same way in texts and patterns:
# Arabic hamza seats, yeh and kaf (Persian keyboards type the Arabic letters too), Russian ё,
# Romanian s/t with cedilla (older keyboards) instead of comma below.
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ё": "е",
        "ş": "ș",
        "ţ": "ț",
    }
)
# Invisible or optional marks that do not change the word: Arabic vowel marks and tatweel,
# zero-width (non-)joiners of Persian, soft hyphens.
_DROP = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d\u00ad]")

# Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer,
# Myanmar): each character is a word of its own, so a pattern matches anywhere in a run of text.
_SPACELESS = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
)


def fold(text: str) -> str:
    """Text as it is compared: compatibility forms unified, case folded, variants merged."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _DROP.sub("", folded).translate(_FOLD)


def _is_word_char(char: str, *, wildcard: bool) -> bool:
    # Letters, marks (Thai vowels, Devanagari signs are marks) and digits make words.
    return unicodedata.category(char)[0] in "LMN" or (wildcard and char == WILDCARD)


@dataclass(frozen=True)
class Word:
    """A word as written (for messages) and as compared."""

    text: str
    folded: str

    @property
    def spaceless(self) -> bool:
        return bool(_SPACELESS.fullmatch(self.text))


def split_words(text: str, *, wildcard: bool = False) -> list[Word]:
    """The words of ``text``; any other character (space, hyphen, apostrophe) separates them.

    Invisible marks (zero-width joiners, Arabic vowel marks) stay inside the word they are in.
    """
    found: list[Word] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            written = "".join(current)
            found.append(Word(written, fold(written)))
            current.clear()

    for char in text:
        if _DROP.match(char):
            current.append(char)
        elif _SPACELESS.match(char):
            flush()
            found.append(Word(char, fold(char)))
        elif _is_word_char(char, wildcard=wildcard):
            current.append(char)
        else:
            flush()
    flush()
    return [word for word in found if word.folded]


def words(text: str, *, wildcard: bool = False) -> list[str]:
    """The folded words of ``text``, as :func:`split_words` cuts them."""
    return [word.folded for word in split_words(text, wildcard=wildcard)]


def join_words(found: Sequence[Word]) -> str:
    """Words as written, spaced as the script spaces them."""
    text = ""
    for i, word in enumerate(found):
        joined = i == 0 or (word.spaceless and found[i - 1].spaceless)
        text += ("" if joined else " ") + word.text
    return text


def _word_regex(word: str) -> re.Pattern[str]:
    return re.compile(".*".join(re.escape(part) for part in word.split(WILDCARD)))


@dataclass(frozen=True)
class WordPattern:
    """Consecutive words, each matched whole unless ``*`` stands for any letters.

    ``торговл* людьми`` matches "торговли людьми" and "торговлей людьми"; ``*اتجار *بشر``
    matches "الاتجار بالبشر"; a lone ``*`` between words stands for any one word. In scripts
    written without spaces every character is a word, so ``贩运`` matches inside "人口贩运案".
    """

    text: str
    parts: tuple[re.Pattern[str], ...]

    def find(self, text_words: Sequence[str]) -> list[Span]:
        size = len(self.parts)
        return [
            (start, start + size)
            for start in range(len(text_words) - size + 1)
            if all(part.fullmatch(text_words[start + i]) for i, part in enumerate(self.parts))
        ]


def pattern_words(text: str) -> list[str]:
    return words(text, wildcard=True)


def pattern_problem(text: str) -> str | None:
    """Why ``text`` cannot be a word pattern, or None."""
    parts = pattern_words(text)
    if not any(part.strip(WILDCARD) for part in parts):
        return "the pattern has no letters"
    if parts[0] == WILDCARD or parts[-1] == WILDCARD:
        return "a lone * may stand only between two words (Chinese and Thai need no *)"
    return None


@cache
def compile_pattern(text: str) -> WordPattern:
    """A :class:`WordPattern` for a checked pattern (see :func:`pattern_problem`)."""
    return WordPattern(text, tuple(_word_regex(word) for word in pattern_words(text)))


def _english_forms(word: str) -> frozenset[str]:
    """A word and its simple plural: -s, -es, and -y -> -ies."""
    forms = {word, f"{word}s", f"{word}es"}
    if word.endswith("y"):
        forms.add(f"{word[:-1]}ies")
    return frozenset(forms)


@dataclass(frozen=True)
class EnglishPhrase:
    """An English term found as whole words, case-insensitive, its last word also in the plural."""

    text: str
    parts: tuple[frozenset[str], ...]

    def find(self, text_words: Sequence[str]) -> list[Span]:
        if not self.parts:
            return []
        size, first, rest = len(self.parts), self.parts[0], self.parts[1:]
        last = len(text_words) - size
        # The first word rules out nearly every position: test it alone before the others.
        return [
            (start, start + size)
            for start, word in enumerate(text_words)
            if word in first
            and start <= last
            and all(text_words[start + i] in part for i, part in enumerate(rest, 1))
        ]


@cache
def english_phrase(text: str) -> EnglishPhrase:
    found = words(text)
    parts = [frozenset({word}) for word in found[:-1]]
    if found:
        parts.append(_english_forms(found[-1]))
    return EnglishPhrase(text, tuple(parts))


def overlaps(span: Span, others: Sequence[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def within(span: Span, others: Sequence[Span]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in others)
