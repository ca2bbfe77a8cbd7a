"""Frozen dataclasses and typed ids for interview scripts and the answers given to them.

Answer values are plain JSON so that storage, export and the engine share one encoding:

=============  ==========================================================================
kind           value
=============  ==========================================================================
note           ``True`` (read aloud)
gate           ``["checklist_id", ...]``: the checklist entries confirmed so far
single_choice  ``{"option": "value"}`` plus ``"specify": "text"`` for an option with specify
multi_choice   ``{"options": ["value", ...]}`` plus ``"specify": "text"`` as above
text           ``"text"``
narrative      ``{"original": "words as said"}`` plus optional ``"translation"`` and
               ``"translated_by"``
date           ``{"year": 2019}`` plus optional ``"month"``, ``"day"`` and ``"about": true``
number         ``int`` or ``float``
yes_no         ``True`` / ``False``
scale          ``int``
repeat         ``[{"instance": 1, "label": "Farm near the river"}, ...]``
=============  ==========================================================================

Every question may instead carry a :class:`NonResponse`; it is stored as such, never as a blank.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, NewType, TypeAlias

if TYPE_CHECKING:
    from interview_app.domain.conditions import Condition

QuestionId = NewType("QuestionId", str)
SectionId = NewType("SectionId", str)
FormId = NewType("FormId", str)

JsonValue: TypeAlias = bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"] | None


class ItemKind(StrEnum):
    """What an item asks for; decides its answer widget and its value encoding."""

    NOTE = "note"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    TEXT = "text"
    NARRATIVE = "narrative"
    DATE = "date"
    NUMBER = "number"
    YES_NO = "yes_no"
    SCALE = "scale"
    REPEAT = "repeat"
    GATE = "gate"


class GateKind(StrEnum):
    """The three kinds of gate; each blocks every item after it until it is completed."""

    CONSENT = "consent"
    RIGHTS = "rights"
    SAFETY = "safety"


class DataClass(StrEnum):
    """Who may see an answer: access rules and referral filters are keyed on this."""

    IDENTITY = "identity"
    ASSISTANCE = "assistance"
    STATEMENT = "statement"
    INTELLIGENCE = "intelligence"


class ConsentPurpose(StrEnum):
    """What a consent question asks permission for; one purpose per yes/no consent question."""

    INTERVIEW = "interview"
    KEEP_RECORD = "keep_record"
    SHARE_SHELTER = "share_shelter"
    SHARE_MEDICAL = "share_medical"
    SHARE_LEGAL_AID = "share_legal_aid"
    SHARE_CHILD_PROTECTION = "share_child_protection"
    SHARE_COORDINATOR = "share_coordinator"
    SHARE_POLICE = "share_police"
    SHARE_LABOUR_INSPECTORATE = "share_labour_inspectorate"
    SHARE_RETURN_PROGRAMME = "share_return_programme"
    CONTACT_ORIGIN_COUNTRY = "contact_origin_country"


class NonResponse(StrEnum):
    """Answers that are not answers, kept distinct because each means something different."""

    DECLINED = "declined"
    DONT_KNOW = "dont_know"
    NOT_ASKED = "not_asked"
    NOT_APPLICABLE = "not_applicable"


ALL_NON_RESPONSES: frozenset[NonResponse] = frozenset(NonResponse)
# What a required question still accepts: the person's own choices, never the interviewer's skip.
REQUIRED_NON_RESPONSES: frozenset[NonResponse] = frozenset(
    {NonResponse.DECLINED, NonResponse.DONT_KNOW}
)


@dataclass(frozen=True)
class Option:
    """One choice; ``low``/``high`` make it an inclusive numeric band (e.g. an age band).

    ``source_list`` names the shared option list it came from, so it is translated once.
    """

    value: str
    label: str
    line: int = 0
    source_list: str | None = None
    specify: bool = False
    exclusive: bool = False
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class ChecklistEntry:
    """One thing a gate needs confirmed: a right told, a consent point explained, a safety check."""

    id: str
    text: str
    line: int = 0


@dataclass(frozen=True)
class Item:
    """One step of a script: a note, a question, a repeat group or a gate.

    ``prompt`` is the text read to the person (for a note, the whole note). ``guidance`` is for
    the interviewer only and is never shown in the interviewee's window. ``group_id`` names the
    repeat group an item belongs to; ``items`` holds a repeat group's own questions.

    ``observation`` marks what the interviewer records or reads alone (never read aloud nor
    shown to the interviewee); ``urgent_if`` raises the safety prompt while it holds;
    ``consent`` names the purpose a yes/no consent question decides; ``reuse`` lists answers
    of earlier sessions (``form_id.question_id``) that may pre-fill this question.
    """

    id: QuestionId
    kind: ItemKind
    prompt: str
    section_id: SectionId
    line: int = 0
    group_id: QuestionId | None = None
    guidance: str | None = None
    sensitive: str | None = None
    data_class: DataClass = DataClass.STATEMENT
    indicators: tuple[str, ...] = ()
    htcds: str | None = None
    topic: str | None = None
    show_if: Condition | None = None
    require_if: Condition | None = None
    required: bool = False
    non_responses: frozenset[NonResponse] = ALL_NON_RESPONSES
    options: tuple[Option, ...] = ()
    checklist: tuple[ChecklistEntry, ...] = ()
    gate: GateKind | None = None
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    unit: str | None = None
    min_label: str | None = None
    max_label: str | None = None
    max_length: int | None = None
    instance_label: str | None = None
    items: tuple[Item, ...] = ()
    observation: bool = False
    urgent_if: Condition | None = None
    consent: ConsentPurpose | None = None
    reuse: tuple[str, ...] = ()

    @property
    def is_question(self) -> bool:
        """Counts towards progress: everything but notes and repeat-group headers."""
        return self.kind not in (ItemKind.NOTE, ItemKind.REPEAT)

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Section:
    """A titled run of items; ``topic`` lets the case page say what is already covered."""

    id: SectionId
    title: str
    items: tuple[Item, ...]
    line: int = 0
    topic: str | None = None
    guidance: str | None = None
    sensitive: str | None = None
    show_if: Condition | None = None


@dataclass(frozen=True)
class Form:
    """A validated interview script; ``path`` is where it was loaded from, for messages."""

    id: FormId
    version: str
    title: str
    purpose: str
    sections: tuple[Section, ...]
    path: str = ""
    sources: tuple[str, ...] = ()
    language: str = "en"
    _index: dict[QuestionId, Item] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {item.id: item for item in self.all_items()}
        object.__setattr__(self, "_index", index)

    def all_items(self) -> Iterator[Item]:
        """Every item in script order, a repeat group's questions right after the group."""
        for section in self.sections:
            for item in section.items:
                yield item
                yield from item.items

    def item(self, question_id: str) -> Item:
        """The item with this id; KeyError when the script has none."""
        return self._index[QuestionId(question_id)]

    def has_item(self, question_id: str) -> bool:
        return question_id in self._index

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)


@dataclass(frozen=True, order=True)
class ItemRef:
    """Where an answer goes: a question, and for questions inside a repeat group, the instance."""

    question_id: QuestionId
    instance: int | None = None

    def __str__(self) -> str:
        return self.question_id if self.instance is None else f"{self.question_id}#{self.instance}"


@dataclass(frozen=True)
class Answer:
    """The latest answer to one item: a value or a non-response, never both, never neither."""

    ref: ItemRef
    value: JsonValue = None
    non_response: NonResponse | None = None

    def __post_init__(self) -> None:
        if (self.value is None) == (self.non_response is None):
            raise ValueError("an answer has exactly one of a value and a non-response")

    @property
    def is_substantive(self) -> bool:
        return self.non_response is None
