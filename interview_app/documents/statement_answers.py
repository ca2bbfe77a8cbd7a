"""The questions and answers of a statement: words as said, translation, non-responses, history."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from interview_app.documents.answer_words import answer_words, has_free_words
from interview_app.documents.bidi import isolate_ltr
from interview_app.documents.bilingual import N_, Tongue, user_lines, user_text
from interview_app.documents.model import (
    BilingualBlock,
    Block,
    Heading,
    Paragraph,
    Style,
    Table,
    Text,
)
from interview_app.documents.statement_data import Entry, StatementData, clock, when
from interview_app.domain.model import Answer, JsonValue
from interview_app.storage.repository import AnswerRevision


@dataclass(frozen=True)
class Words:
    """The statement's two languages: record (the interviewer's) and interview (the person's)."""

    record: Tongue
    interview: Tongue

    @property
    def one_language(self) -> bool:
        return self.record.language == self.interview.language

    def tongues(self, message: str) -> list[Tongue]:
        """The languages that say ``message``: the record's, and the interview's when it has
        words of its own for it (an untranslated message would only repeat itself)."""
        second = (not self.one_language and self.interview.has(message)
                  and self.interview._(message) != self.record._(message))
        return [self.record, self.interview] if second else [self.record]

    def heading(self, message: str, level: int = 1) -> list[Block]:
        first, *rest = self.tongues(message)
        title = first.text(message)
        blocks: list[Block] = [Heading(title.text, level, title.direction)]
        blocks.extend(Paragraph(t.text(message).text, t.text(message).direction, Style.MUTED)
                      for t in rest)
        return blocks


def _said_and_translation(revision: AnswerRevision) -> tuple[str | None, str | None, str | None]:
    """The words as said, their translation, and a translator named inside the value."""
    value: JsonValue = revision.answer.value
    said, translation, by = revision.text, revision.translation, None
    if isinstance(value, dict):
        original, translated, name = (value.get(k) for k in ("original", "translation",
                                                               "translated_by"))
        said = original if isinstance(original, str) else said
        translation = translated if isinstance(translated, str) else translation
        by = name if isinstance(name, str) else None
    elif isinstance(value, str):
        said = value
    return said, translation, by


def _answer_blocks(data: StatementData, words: Words, entry: Entry,
                   revision: AnswerRevision) -> list[Block]:
    prompt = entry.prompt
    answer: Answer = revision.answer
    if answer.non_response is not None:
        first = answer_words(words.record, prompt.item, answer)
        second = answer_words(words.interview, prompt.spoken, answer)
        return _two(words, first, second, Style.LABEL)
    said, translation, translator = _said_and_translation(revision)
    blocks: list[Block] = []
    if has_free_words(prompt.item):
        if said:
            blocks.append(_said_label(words))
            blocks.extend(_lines(said, words.interview))
    else:
        first = answer_words(words.record, prompt.item, answer)
        second = answer_words(words.interview, prompt.spoken, answer)
        blocks.extend(_two(words, first, second))
        if said and said != answer.value:
            blocks.append(_said_label(words))
            blocks.extend(_lines(said, words.interview))
    if translation:
        participant = data.participant(revision.translated_by)
        name = translator or (participant.name if participant is not None else None)
        label = (words.record._("Translation by {name}:").format(name=isolate_ltr(name)) if name
                 else words.record._("Translation:"))
        blocks.append(Paragraph(label, words.record.direction, Style.MUTED))
        blocks.extend(_lines(translation, words.record))
    return blocks


def _said_label(words: Words) -> Paragraph:
    label = words.record.text(N_("Words as said:"), Style.MUTED)
    return Paragraph(label.text, label.direction, label.style)


def _lines(text: str, tongue: Tongue) -> list[Block]:
    return [Paragraph(line.text, line.direction) for line in user_lines(text, tongue)]


def _two(words: Words, first: str, second: str, style: Style = Style.NORMAL) -> list[Block]:
    if words.one_language or first == second:
        return [Paragraph(first, words.record.direction, style)]
    return [BilingualBlock(Text(first, words.record.direction, style),
                           Text(second, words.interview.direction, style))]


def _history(data: StatementData, words: Words, entry: Entry) -> list[Block]:
    """Every version of a changed answer, oldest first, with when, who and why: a change is
    shown as a change, never merged into the latest words."""
    r = words.record
    rows: list[tuple[Text, ...]] = []
    for revision in entry.history:
        said, _translation, _by = _said_and_translation(revision)
        shown = (said if has_free_words(entry.prompt.item) and said
                 else answer_words(r, entry.prompt.item, revision.answer))
        rows.append((
            Text(str(revision.revision), r.direction),
            Text(f"{when(revision.recorded_at)}\n{data.user(revision.recorded_by)}",
                 r.direction, Style.MUTED),
            user_text(shown, words.interview if said else r),
            user_text(revision.reason or "", r),
        ))
    header = (Text(r._("Version"), r.direction), Text(r._("Recorded"), r.direction),
              Text(r._("Answer"), r.direction), Text(r._("Reason for the change"), r.direction))
    return [
        Paragraph(r._("This answer was changed. Every version, oldest first:"), r.direction,
                  Style.LABEL),
        Table(header, tuple(rows), widths=(10, 22, 40, 28), direction=r.direction),
    ]


def entry_blocks(data: StatementData, words: Words, entry: Entry, *,
                 note: str | None = None) -> list[Block]:
    """One question and its answer, attributed; identity answers only named, never shown."""
    r, prompt, current = words.record, entry.prompt, entry.current
    first = entry.history[0]
    label = f"{r._('Question')} {entry.number}"
    if prompt.instance_label:
        label += f" · {prompt.instance_label}"
    label += f" · {clock(first.recorded_at)}"
    if prompt.item.observation:
        label += " · " + r._("recorded by the interviewer, not asked")
    if note:
        label += f" · {note}"
    spoken = prompt.spoken.prompt
    blocks: list[Block] = []
    if words.one_language or prompt.item.observation or spoken == prompt.item.prompt:
        blocks.append(Paragraph(label, r.direction, Style.MUTED))
        blocks.append(Paragraph(prompt.item.prompt, r.direction, Style.LABEL))
    else:
        blocks.append(BilingualBlock(
            Text(prompt.item.prompt, r.direction, Style.LABEL),
            Text(spoken, words.interview.direction, Style.LABEL),
            label=Text(label, r.direction, Style.MUTED),
        ))
    if entry.withheld:
        blocks.append(Paragraph(r._("Identity details are kept in the separate identity annex; "
                                    "they are not part of this statement."),
                                r.direction, Style.MUTED))
        return blocks
    blocks.extend(_answer_blocks(data, words, entry, current))
    attribution = r._("Recorded at {time} by {name}").format(
        time=isolate_ltr(when(current.recorded_at)),
        name=isolate_ltr(data.user(current.recorded_by)))
    blocks.append(Paragraph(attribution, r.direction, Style.MUTED))
    if len(entry.history) > 1:
        blocks.extend(_history(data, words, entry))
    return blocks


def answers_blocks(data: StatementData, words: Words,
                   entries: tuple[Entry, ...]) -> Iterator[Block]:
    """Section by section in script order, each section title in both languages."""
    section = None
    for entry in entries:
        if entry.prompt.section.id != section:
            section = entry.prompt.section.id
            yield Heading(entry.prompt.section.title, 2, words.record.direction)
            spoken = entry.prompt.spoken_section.title
            if not words.one_language and spoken != entry.prompt.section.title:
                yield Paragraph(spoken, words.interview.direction, Style.MUTED)
        yield from entry_blocks(data, words, entry)
