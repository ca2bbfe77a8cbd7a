"""Placeholders and markup in message text: what a translation must keep, and must not add."""

from __future__ import annotations

import re
from collections import Counter

# str.format fields ({name}, {0}, {}, {n:>3}) and %-conversions (%(name)s, %s, %d). Only the
# common conversions count, so "50% of" or "100%off" in a script are not taken for one.
_FORMAT = re.compile(r"\{(?P<field>\w*)(?:![rsa])?(?::[^{}]*)?\}")
_PERCENT = re.compile(r"%(?:\((?P<name>\w+)\))?[-+#0]*(?:\d+|\*)?(?:\.\d+)?[sdifr]")
_ESCAPES = re.compile(r"\{\{|\}\}|%%")
_PLACEHOLDER = re.compile(f"{_ESCAPES.pattern}|{_FORMAT.pattern}|{_PERCENT.pattern}")

# Tags (<b>, </b>, <a href="…">, <img …/>, <br>) and character entities (&amp; &#8217; &#x2019;).
_MARKUP = re.compile(
    r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"
)


def placeholders(text: str) -> Counter[str]:
    """Each placeholder of ``text`` with how often it occurs (escaped braces and %% are text)."""
    return Counter(
        match.group(0) for match in _PLACEHOLDER.finditer(text) if not _ESCAPES.fullmatch(match[0])
    )


def is_anonymous(placeholder: str) -> bool:
    """``%s`` and ``{}`` take the next argument, so their number matters, not only their kind."""
    return placeholder == "{}" or (placeholder.startswith("%") and "(" not in placeholder)


def placeholder_problem(source: str, translation: str, *, may_omit: bool = False) -> str | None:
    """Why ``translation`` does not carry ``source``'s placeholders, or None.

    Named placeholders may repeat or move; anonymous ones must keep their number. With
    ``may_omit`` (a plural form, which may spell the number out: "one document") the
    translation may leave some out, but still adds none.
    """
    wanted, found = placeholders(source), placeholders(translation)
    added = sorted(set(found) - set(wanted))
    if added:
        return f"placeholder {', '.join(added)} is not in the English text"
    if not may_omit:
        missing = sorted(set(wanted) - set(found))
        if missing:
            return f"placeholder {', '.join(missing)} of the English text is missing"
    for name in sorted(set(found)):
        too_few = found[name] < wanted[name] and not may_omit
        if is_anonymous(name) and (found[name] > wanted[name] or too_few):
            return f"placeholder {name} occurs {found[name]} times, not {wanted[name]}"
    return None


def markup(text: str) -> Counter[str]:
    return Counter(match.group(0) for match in _MARKUP.finditer(text))


def markup_problem(source: str, translation: str) -> str | None:
    """Markup in ``translation`` that ``source`` lacks: text is shown as plain text, never HTML."""
    extra = markup(translation) - markup(source)
    if extra:
        return f"markup {', '.join(sorted(extra))} is not in the English text (shown as plain text)"
    return None


def protected_parts(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (part, is_placeholder) pieces; escapes count as placeholders here."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > position:
            parts.append((text[position : match.start()], False))
        parts.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        parts.append((text[position:], False))
    return parts
