"""Script strings: the one list of what a form translates, and the babel extractor built on it."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import IO, Any

from interview_app.domain.model import ChecklistEntry, Form, Item, ItemKind, Option, Section

MessageKey = tuple[str, str]
"""``(msgctxt, msgid)``: how a script string is found in a catalogue."""

# What each field is, named as in the YAML, and who sees it. Guidance is never shown to the
# interviewee, so it may stay technical; everything else is said to a person who may be afraid.
_INTERVIEWEE = "Said to or shown to the interviewee: plain, gentle words."
_INTERVIEWER_ONLY = "Interviewer only: never shown to the interviewee."
_COMMENTS: Mapping[str, str] = {
    "form.title": "title: name of the script, shown to the interviewer and on documents.",
    "form.purpose": f"purpose: what the script is for. {_INTERVIEWER_ONLY}",
    "section.title": f"section title: a heading. {_INTERVIEWEE}",
    "section.guidance": f"section guidance: advice to the interviewer. {_INTERVIEWER_ONLY}",
    "section.sensitive": f"sensitive: warning before a section. {_INTERVIEWEE}",
    "item.prompt": f"prompt: a question, read aloud. {_INTERVIEWEE}",
    "note.prompt": f"prompt: a note, read aloud. {_INTERVIEWEE}",
    "gate.prompt": f"prompt: said before a consent, rights or safety checklist. {_INTERVIEWEE}",
    "repeat.prompt": f"prompt: introduces a repeated group of questions. {_INTERVIEWEE}",
    "item.guidance": f"guidance: advice to the interviewer. {_INTERVIEWER_ONLY}",
    "item.sensitive": f"sensitive: warning before a question. {_INTERVIEWEE}",
    "item.unit": f"unit: shown after a number (e.g. years). {_INTERVIEWEE}",
    "item.min_label": f"min_label: the lowest point of a scale. {_INTERVIEWEE}",
    "item.max_label": f"max_label: the highest point of a scale. {_INTERVIEWEE}",
    "item.instance_label": f"instance_label: asks for a name for each entry. {_INTERVIEWEE}",
    "option.label": f"option label: an answer choice. {_INTERVIEWEE}",
    "checklist.text": (
        f"checklist: a point the interviewer confirms before going on. {_INTERVIEWEE}"
    ),
}


@dataclass(frozen=True)
class FormMessage:
    """One translatable string of a script: its catalogue key, where it is, translator notes.

    ``where`` names the field in words (``item age_years: unit``) for messages and reports;
    ``line`` is the source line of the item, option or checklist entry it belongs to.
    """

    msgctxt: str
    msgid: str
    where: str
    line: int
    comments: tuple[str, ...]

    @property
    def key(self) -> MessageKey:
        return (self.msgctxt, self.msgid)


@dataclass(frozen=True)
class Site:
    """Where a string sits in a form, handed to a :data:`Rewrite` with the string itself."""

    msgctxt: str
    where: str
    line: int
    field: str

    @property
    def comment(self) -> str:
        return _COMMENTS[self.field]


Rewrite = Callable[[str, Site], str]
"""Given a source string and its site, the string to put in its place."""


def form_context(form: Form) -> str:
    return form.id


def section_context(form: Form, section: Section) -> str:
    return f"{form.id}:{section.id}"


def item_context(form: Form, item: Item) -> str:
    return f"{form.id}:{item.id}"


def option_context(form: Form, item: Item, option: Option) -> str:
    """A shared list's option is translated once for the list, not once per question using it."""
    if option.source_list is not None:
        return f"{form.id}:@{option.source_list}.{option.value}"
    return f"{form.id}:{item.id}.{option.value}"


def checklist_context(form: Form, item: Item, entry: ChecklistEntry) -> str:
    return f"{form.id}:{item.id}.{entry.id}"


def rewrite_form(form: Form, rewrite: Rewrite) -> Form:
    """A copy of ``form`` with every translatable string passed through ``rewrite``.

    This walk is the single definition of what a script translates: extraction records what it
    is given and translation substitutes it, so the two can never disagree about a field.
    Empty and absent strings are left alone (an empty msgid is the catalogue header).
    """

    def text(value: str, site: Site) -> str:
        return rewrite(value, site) if value else value

    def optional(value: str | None, site: Site) -> str | None:
        return None if value is None else text(value, site)

    def item_sites(item: Item) -> Callable[[str], Site]:
        context = item_context(form, item)
        return lambda name: Site(context, f"item {item.id}: {name}", item.line, f"item.{name}")

    def rewrite_item(item: Item) -> Item:
        site = item_sites(item)
        prompt_kind = {ItemKind.NOTE: "note", ItemKind.GATE: "gate", ItemKind.REPEAT: "repeat"}
        prompt_site = replace(site("prompt"), field=f"{prompt_kind.get(item.kind, 'item')}.prompt")
        return replace(
            item,
            prompt=text(item.prompt, prompt_site),
            guidance=optional(item.guidance, site("guidance")),
            sensitive=optional(item.sensitive, site("sensitive")),
            unit=optional(item.unit, site("unit")),
            min_label=optional(item.min_label, site("min_label")),
            max_label=optional(item.max_label, site("max_label")),
            instance_label=optional(item.instance_label, site("instance_label")),
            options=tuple(rewrite_option(item, option) for option in item.options),
            checklist=tuple(rewrite_entry(item, entry) for entry in item.checklist),
            items=tuple(rewrite_item(child) for child in item.items),
        )

    def rewrite_option(item: Item, option: Option) -> Option:
        owner = f"option list {option.source_list}" if option.source_list else f"item {item.id}"
        site = Site(
            option_context(form, item, option),
            f"{owner}: option {option.value}",
            option.line or item.line,
            "option.label",
        )
        return replace(option, label=text(option.label, site))

    def rewrite_entry(item: Item, entry: ChecklistEntry) -> ChecklistEntry:
        site = Site(
            checklist_context(form, item, entry),
            f"item {item.id}: checklist {entry.id}",
            entry.line or item.line,
            "checklist.text",
        )
        return replace(entry, text=text(entry.text, site))

    def rewrite_section(section: Section) -> Section:
        context = section_context(form, section)

        def site(name: str) -> Site:
            return Site(context, f"section {section.id}: {name}", section.line, f"section.{name}")

        return replace(
            section,
            title=text(section.title, site("title")),
            guidance=optional(section.guidance, site("guidance")),
            sensitive=optional(section.sensitive, site("sensitive")),
            items=tuple(rewrite_item(item) for item in section.items),
        )

    context = form_context(form)
    return replace(
        form,
        title=text(form.title, Site(context, "form: title", 0, "form.title")),
        purpose=text(form.purpose, Site(context, "form: purpose", 0, "form.purpose")),
        sections=tuple(rewrite_section(section) for section in form.sections),
    )


def form_messages(form: Form) -> list[FormMessage]:
    """Every translatable string of ``form`` once, in script order.

    A string met again under the same key (a shared option list used by two questions, or two
    fields of one item with the same text) is listed once, with each distinct translator note.
    """
    found: dict[MessageKey, FormMessage] = {}

    def record(value: str, site: Site) -> str:
        key = (site.msgctxt, value)
        earlier = found.get(key)
        if earlier is None:
            found[key] = FormMessage(site.msgctxt, value, site.where, site.line, (site.comment,))
        elif site.comment not in earlier.comments:
            found[key] = replace(earlier, comments=(*earlier.comments, site.comment))
        return value

    rewrite_form(form, record)
    return list(found.values())


def _load(fileobj: IO[bytes]) -> Form:
    # Only the extractor needs the loader (YAML, JSON Schema): `import _` stays light.
    from interview_app.domain.forms import load_form_text  # noqa: PLC0415

    name = getattr(fileobj, "name", None)
    return load_form_text(fileobj.read(), name if isinstance(name, str) else "<script>")


def extract_form(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """babel extractor for ``forms/*.yaml`` (registered as ``interview_form``).

    Each string is yielded as a ``pgettext`` call so babel's keyword spec for ``pgettext``
    (``(1, 'c'), 2``) turns the pair into msgctxt and msgid. That spec is in babel's default
    keywords; passing ``-k pgettext`` without ``:1c,2`` would overwrite it and lose the context,
    so that keyword must be left at its default. A broken script raises the loader's
    FormError, whose message names ``file:line``: extraction must never skip a script quietly.
    """
    del comment_tags, options  # every string carries its own note; no options are defined
    if "pgettext" not in keywords:
        raise ValueError("the interview_form extractor needs babel's default 'pgettext' keyword")
    form = _load(fileobj)
    for message in form_messages(form):
        yield message.line, "pgettext", message.key, list(message.comments)
