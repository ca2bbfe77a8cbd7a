"""A session's script in both its languages, and which interview-language texts are drafts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_app.domain.model import Form, Item, ItemRef, Section
from interview_app.errors import CatalogError
from interview_app.i18n.catalogs import FORMS_DOMAIN, is_draft, load_catalog, script_in_language
from interview_app.i18n.extract import (
    checklist_context,
    item_context,
    option_context,
    section_context,
)
from interview_app.i18n.locales import is_rtl, normalise


@dataclass(frozen=True)
class Prompt:
    """One item as the interviewer sees it and as it is said to the person.

    ``item``/``section`` are in the interface language, ``spoken``/``spoken_section`` in the
    interview language. ``draft`` asks for a "draft translation" mark on the spoken text.
    ``instance_label`` is the label of the repeat-group instance a question belongs to.
    ``spoken_rtl``/``interface_rtl`` say which of the two texts run right to left.
    For an observation item (``item.observation``) nothing is said: ``spoken`` is ``item``.
    """

    ref: ItemRef
    item: Item
    spoken: Item
    section: Section
    spoken_section: Section
    draft: bool
    instance_number: int | None = None
    instance_label: str | None = None
    spoken_rtl: bool = False
    interface_rtl: bool = False


class ScriptText:
    """The script in the interface language and in the interview language, side by side.

    The interview language must translate the whole script (CatalogError otherwise): nobody
    reads English to a person who came for help in Tigrinya. The interface language may fall
    back to the script's own language, since only the interviewer reads it.
    """

    def __init__(
        self,
        form: Form,
        *,
        interface_language: str,
        interview_language: str,
        translations_root: Path | None = None,
    ) -> None:
        self.source = form
        self.interview_language = normalise(interview_language)
        self.interview = script_in_language(form, interview_language, translations_root)
        try:
            self.interface = script_in_language(form, interface_language, translations_root)
        except CatalogError:
            self.interface = form
        self.interview_rtl = is_rtl(self.interview_language)
        # The interface text may be the script's own language, whatever the interface's.
        self.interface_rtl = is_rtl(self.interface.language)
        self._drafts = self._draft_contexts(translations_root)
        self._sections: dict[str, str] = {
            item.id: section.id for section in form.sections for item in _items(section)
        }

    def _draft_contexts(self, root: Path | None) -> frozenset[str]:
        if self.interview_language == normalise(self.source.language):
            return frozenset()
        catalog = load_catalog(self.interview_language, FORMS_DOMAIN, root)
        return frozenset(
            message.context
            for message in catalog
            if message.id and message.context and is_draft(message)
        )

    @property
    def has_drafts(self) -> bool:
        return bool(self._drafts)

    def section_id(self, question_id: str) -> str:
        return self._sections[question_id]

    def sections(self) -> list[tuple[Section, Section]]:
        """Each section as (interface language, interview language), in script order."""
        return list(zip(self.interface.sections, self.interview.sections, strict=True))

    def item_is_draft(self, question_id: str) -> bool:
        """Whether any text of the item, or its section, is an unreviewed translation."""
        if not self._drafts:
            return False
        form = self.source
        item = form.item(question_id)
        section = form.section(self.section_id(question_id))
        contexts = {item_context(form, item), section_context(form, section)}
        contexts.update(option_context(form, item, option) for option in item.options)
        contexts.update(checklist_context(form, item, entry) for entry in item.checklist)
        return not contexts.isdisjoint(self._drafts)

    def prompt(self, ref: ItemRef, instance_label: str | None = None) -> Prompt:
        """``ref`` in both languages; an observation item is never said, so both are the
        interviewer's."""
        section_id = self.section_id(ref.question_id)
        item = self.interface.item(ref.question_id)
        spoken = self.interview if not item.observation else self.interface
        return Prompt(
            ref=ref,
            item=item,
            spoken=spoken.item(ref.question_id),
            section=self.interface.section(section_id),
            spoken_section=spoken.section(section_id),
            draft=not item.observation and self.item_is_draft(ref.question_id),
            instance_number=ref.instance,
            instance_label=instance_label,
            spoken_rtl=self.interview_rtl if not item.observation else self.interface_rtl,
            interface_rtl=self.interface_rtl,
        )


def _items(section: Section) -> list[Item]:
    found: list[Item] = []
    for item in section.items:
        found.append(item)
        found.extend(item.items)
    return found
