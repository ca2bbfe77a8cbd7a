"""Case search by code, pseudonym and notes, showing only notes the user's role may read."""

from __future__ import annotations

import heapq
import unicodedata

from interview_app.domain.model import DataClass
from interview_app.storage.encoding import canonical_json
from interview_app.storage.repository.base import RepositoryBase
from interview_app.storage.repository.cases import Case, case_from_row

# Kinds of search document, as in the schema: rowid = case id * 8 + kind.
PSEUDONYM_KIND = 0
NOTE_KIND = {
    DataClass.IDENTITY: 1,
    DataClass.ASSISTANCE: 2,
    DataClass.STATEMENT: 3,
    DataClass.INTELLIGENCE: 4,
}
# The trigram index needs three characters. Two characters of an unspaced script (a Chinese
# word is often two) are looked for by scanning pseudonyms and notes with LIKE.
TRIGRAM_MIN = 3
_UNSPACED_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR")

# Fixed queries; only their parameters carry what was typed. Each returns case ids in index
# order, which FTS5 delivers fastest (asking it for newest-first is ten times slower); the
# newest ``limit`` of their union are picked in Python.
_BY_CODE = "SELECT id FROM cases WHERE code LIKE ? ESCAPE '\\'"
_BY_WORDS = (
    "SELECT rowid / 8 FROM case_search WHERE case_search MATCH ?"
    " AND rowid % 8 IN (SELECT value FROM json_each(?))"
)
_BY_TRIGRAMS = (
    "SELECT rowid / 8 FROM case_search_trigram WHERE case_search_trigram MATCH ?"
    " AND rowid % 8 IN (SELECT value FROM json_each(?))"
)
_BY_SUBSTRING = (
    "SELECT id FROM cases WHERE pseudonym LIKE ? ESCAPE '\\' UNION"
    " SELECT case_id FROM case_notes WHERE text LIKE ? ESCAPE '\\'"
    " AND data_class IN (SELECT value FROM json_each(?))"
)
_CASES_BY_ID = (
    "SELECT id, code, pseudonym, status, created_at, created_by FROM cases"
    " WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id DESC"
)


def _phrase(text: str) -> str:
    """An FTS5 string literal: whatever the person typed is searched for, never parsed."""
    return '"' + text.replace('"', '""') + '"'


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _unspaced(text: str) -> bool:
    return any(unicodedata.name(c, "").startswith(_UNSPACED_SCRIPTS) for c in text)


class SearchMixin(RepositoryBase):
    def search_cases(self, query: str, *, limit: int = 50) -> list[Case]:
        """Cases whose code contains ``query``, or whose pseudonym or readable notes match it.

        Words match by prefix with case and diacritics folded (``nguyen`` finds ``Nguyễn``);
        any run of three or more characters also matches inside words, which is how Thai and
        Chinese text (written without spaces) is found; so do two characters of such a script.
        Most recent cases first.
        """
        text = " ".join(query.split())
        if not text:
            return []
        kinds = canonical_json(
            [PSEUDONYM_KIND, *(NOTE_KIND[DataClass(c)] for c in self._readable())]
        )
        queries: list[tuple[str, tuple[object, ...]]] = [
            (_BY_CODE, (_like_pattern(text.upper()),))
        ]
        # A chunk of punctuation alone has no token and would be an FTS syntax error.
        chunks = [c for c in text.split() if any(ch.isalnum() for ch in c)]
        if chunks:
            words = " ".join(_phrase(c) + "*" for c in chunks)
            queries.append((_BY_WORDS, (words, kinds)))
        if len(text) >= TRIGRAM_MIN:
            queries.append((_BY_TRIGRAMS, (_phrase(text), kinds)))
        elif _unspaced(text):
            pattern = _like_pattern(text)
            queries.append((_BY_SUBSTRING, (pattern, pattern, self._readable_json())))
        found: set[int] = set()
        for sql, parameters in queries:
            found.update(int(row[0]) for row in self._read(sql, parameters))
        newest = heapq.nlargest(limit, found)
        return [case_from_row(r) for r in self._read(_CASES_BY_ID, (canonical_json(newest),))]
