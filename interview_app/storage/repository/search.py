"""Case search by code, pseudonym and notes, showing only notes the user's role may read."""

from __future__ import annotations

import unicodedata

from interview_app.storage.repository.base import RepositoryBase
from interview_app.storage.repository.cases import _CASE, Case, case_from_row

# The trigram index needs three characters. Two characters of an unspaced script (a Chinese
# word is often two) are looked for by scanning the same index with LIKE.
TRIGRAM_MIN = 3
_UNSPACED_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR")

# Fixed sub-queries; only their parameters carry what was typed. A pseudonym has no
# data class (NULL) and is visible to every role.
_BY_CODE = "SELECT id FROM cases WHERE code LIKE ? ESCAPE '\\'"
_BY_WORDS = (
    "SELECT case_id FROM case_search WHERE case_search MATCH ?"
    " AND (data_class IS NULL OR data_class IN (SELECT value FROM json_each(?)))"
)
_BY_SUBSTRING = (
    "SELECT case_id FROM case_search_trigram WHERE text LIKE ? ESCAPE '\\'"
    " AND (data_class IS NULL OR data_class IN (SELECT value FROM json_each(?)))"
)
_BY_TRIGRAMS = (
    "SELECT case_id FROM case_search_trigram WHERE case_search_trigram MATCH ?"
    " AND (data_class IS NULL OR data_class IN (SELECT value FROM json_each(?)))"
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
        readable = self._readable_json()
        parts = [_BY_CODE]
        parameters: list[object] = [_like_pattern(text.upper())]
        # A chunk of punctuation alone has no token and would be an FTS syntax error.
        chunks = [c for c in text.split() if any(ch.isalnum() for ch in c)]
        if chunks:
            parts.append(_BY_WORDS)
            parameters += [" ".join(_phrase(c) + "*" for c in chunks), readable]
        if len(text) >= TRIGRAM_MIN:
            parts.append(_BY_TRIGRAMS)
            parameters += [_phrase(text), readable]
        elif _unspaced(text):
            parts.append(_BY_SUBSTRING)
            parameters += [_like_pattern(text), readable]
        sql = _CASE + " WHERE id IN (" + " UNION ".join(parts) + ") ORDER BY id DESC LIMIT ?"
        return [case_from_row(r) for r in self._read(sql, (*parameters, limit))]
