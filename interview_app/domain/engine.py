"""The interview state machine: current item, gates, progress and navigation, from answers."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from interview_app.domain.answer_validation import (
    Instance,
    check_non_response,
    check_value,
    gate_complete,
    instances_value,
    parse_instances,
)
from interview_app.domain.conditions import evaluate
from interview_app.domain.model import (
    Answer,
    Form,
    Item,
    ItemKind,
    ItemRef,
    JsonValue,
    NonResponse,
    QuestionId,
    SectionId,
)
from interview_app.domain.script_index import ScriptIndex
from interview_app.domain.visibility import Visibility
from interview_app.errors import AnswerError, NavigationError

__all__ = ["Engine", "Instance", "ItemState", "Progress"]

# Script order of a row: (top-level index, instance position, child index). A repeat group's
# own row sorts before its instances; removed instances sort after the live ones.
Position = tuple[int, int, int]
_HEADER = -1
_GONE = 1 << 30
_Row = tuple[Position, ItemRef, Item]


@dataclass(frozen=True)
class Progress:
    """Answered over visible questions; notes and repeat-group headers do not count."""

    answered: int
    total: int

    @property
    def fraction(self) -> float:
        return self.answered / self.total if self.total else 1.0


@dataclass(frozen=True)
class ItemState:
    """What the interface needs to show one item at one moment."""

    ref: ItemRef
    item: Item
    visible: bool
    blocked: bool
    required: bool
    answer: Answer | None

    @property
    def not_applicable_kept(self) -> bool:
        """An answer that a later change made not applicable: kept, never deleted."""
        return self.answer is not None and not self.visible


class Engine:
    """Walks one script over the latest answer per item; never does I/O.

    Everything is derived from ``answers`` (plus ``today`` for ages), so an engine rebuilt from
    saved answers resumes at the same item. The one piece of extra state is the navigation
    cursor set by :meth:`back`, :meth:`go_to` and :meth:`go_to_section`; the next answer clears it.
    Operations return the :class:`Answer` to persist; the caller writes it before moving on.
    """

    def __init__(self, form: Form, answers: Mapping[ItemRef, Answer], today: dt.date) -> None:
        self.form = form
        self.today = today
        self._ix = ScriptIndex(form)
        self._answers: dict[ItemRef, Answer] = dict(answers)
        self._cursor: ItemRef | None = None
        # Derived from the answers and cached; an answer revises exactly what it can change.
        self._shown = Visibility(self._ix, self._answers, today)
        self._block: tuple[Position, ItemRef] | None = None
        self._block_known = False
        # No top-level row before this index holds anything left to ask.
        self._scan_from = 0
        # Top-level rows (with their instances) that still have something unrecorded or an
        # unfinished gate, in script order: the only rows the search for the next item visits.
        self._pending = [i for i in range(len(self._ix.top)) if self._has_pending(i)]

    # -- reading ---------------------------------------------------------------------------

    @property
    def answers(self) -> Mapping[ItemRef, Answer]:
        """The latest answer per item, including kept answers that are no longer applicable."""
        return MappingProxyType(self._answers)

    @property
    def cursor(self) -> ItemRef | None:
        """Where back/go_to put the interview, until the next answer; None when following it."""
        return self._cursor

    @property
    def current(self) -> ItemRef | None:
        """The item to show: the cursor while set and reachable, else :meth:`next_open`."""
        if self._cursor is not None and self._problem(self._cursor) is None:
            return self._cursor
        return self.next_open()

    def next_open(self) -> ItemRef | None:
        """The first visible, unblocked item with nothing recorded; None when done or refused."""
        pending = self._pending
        for k in range(bisect.bisect_left(pending, self._scan_from), len(pending)):
            for pos, ref, item in self._walk(pending[k], pending[k] + 1):
                if not self._shown(ref):
                    continue
                answer = self._answers.get(ref)
                if item.kind is ItemKind.GATE and not gate_complete(item, answer):
                    # An unfinished gate is asked; a refused one (a non-response) ends the walk.
                    self._scan_from = pos[0]
                    return ref if answer is None or answer.is_substantive else None
                if answer is None:
                    self._scan_from = pos[0]
                    return ref
        self._scan_from = len(self._ix.top)
        return None

    def state(self, ref: ItemRef) -> ItemState:
        return self._state(ref, self._known_item(ref))

    def states(self) -> Iterator[ItemState]:
        """Every row in script order, with kept answers of removed instances after the live ones."""
        gone: dict[QuestionId, list[ItemRef]] = {}
        for ref in self._answers:
            group = self._ix.group_of.get(ref.question_id)
            if group is not None and self._position(ref)[1] == _GONE:
                gone.setdefault(group.id, []).append(ref)
        for _pos, ref, item in self._walk():
            yield self._state(ref, item)
            if item.kind is ItemKind.REPEAT:
                for kept in sorted(gone.get(item.id, ()), key=self._gone_order):
                    yield self._state(kept, self.form.item(kept.question_id))

    def instances(self, group_id: str) -> tuple[Instance, ...]:
        """The live instances of a repeat group, in the order they were added."""
        return self._shown.instances(QuestionId(group_id))

    def blocking_gate(self) -> ItemRef | None:
        """The first visible gate that is not completed; everything after it is blocked."""
        block = self._gate_block()
        return None if block is None else block[1]

    def progress(self, section_id: str | None = None) -> Progress:
        """Answered over visible questions, for the whole script or one section."""
        start, stop = (0, len(self._ix.top)) if section_id is None else self._span(section_id)
        answered = total = 0
        for _pos, ref, item in self._walk(start, stop):
            if item.is_question and self._shown(ref):
                total += 1
                answered += self._settled(ref, item)
        return Progress(answered, total)

    def covered_topics(self) -> frozenset[str]:
        """Topics with at least one substantive, visible answer: what need not be asked again."""
        topics: set[str] = set()
        for _pos, ref, item in self._walk():
            topic = self._ix.topic_of[item.id]
            if topic is None or topic in topics or item.kind is ItemKind.NOTE:
                continue
            answer = self._answers.get(ref)
            substantive = answer is not None and answer.is_substantive
            if substantive and self._settled(ref, item) and self._shown(ref):
                topics.add(topic)
        return frozenset(topics)

    # -- recording -------------------------------------------------------------------------

    def answer(self, ref: ItemRef, value: JsonValue) -> Answer:
        """Check ``value`` strictly against the item and record it."""
        item = self._reachable_item(ref)
        clean = check_value(item, value, self.today)
        if item.kind is ItemKind.REPEAT:
            self._check_instances(item, parse_instances(Answer(ref, clean)))
        return self._record(Answer(ref, clean))

    def non_response(self, ref: ItemRef, kind: NonResponse | str) -> Answer:
        """Record declined / don't know / not asked / not applicable, if the item allows it now."""
        item = self._reachable_item(ref)
        chosen = check_non_response(item, kind, self._required(ref, item))
        return self._record(Answer(ref, non_response=chosen))

    def add_instance(self, group_id: str, label: str) -> tuple[int, Answer]:
        """Add an instance to a repeat group: its number (never a reused one) and the answer.

        Like every operation, it returns the group's new answer so the caller persists it.
        """
        ref, item = self._group(group_id)
        if not isinstance(label, str):
            raise AnswerError(f"{item.id}: an instance label must be text")
        number = self._highest_instance(item) + 1
        value = instances_value((*self.instances(item.id), Instance(number, label)))
        return number, self._record(Answer(ref, check_value(item, value, self.today)))

    def remove_instance(self, group_id: str, instance: int) -> Answer:
        """Remove an instance; its children's answers are kept and become not applicable."""
        ref, item = self._group(group_id)
        live = self.instances(item.id)
        if instance not in {i.number for i in live}:
            raise NavigationError(f"{item.id}: no such instance")
        rest = tuple(i for i in live if i.number != instance)
        if item.minimum is not None and len(rest) < item.minimum:
            raise AnswerError(f"{item.id}: needs at least {item.minimum:g} instances")
        return self._record(Answer(ref, instances_value(rest)))

    # -- navigation ------------------------------------------------------------------------

    def back(self) -> ItemRef | None:
        """Move the cursor to the previous visible answered item; None (and no move) if none."""
        here = self.current
        limit = None if here is None else self._position(here)
        previous = None
        for pos, ref, _item in self._walk():
            if limit is not None and pos >= limit:
                break
            if ref in self._answers and self._shown(ref) and not self._blocked_at(pos):
                previous = ref
        if previous is not None:
            self._cursor = previous
        return previous

    def go_to(self, ref: ItemRef) -> ItemRef:
        """Move the cursor to any visible, unblocked item (e.g. to change an answer)."""
        self._reachable_item(ref)
        self._cursor = ref
        return ref

    def go_to_section(self, section_id: str) -> ItemRef:
        """Cursor to the section's first unanswered visible item, else its first visible one."""
        start, stop = self._span(section_id)
        if not self._shown(SectionId(section_id)):
            raise NavigationError(f"section {section_id}: hidden by the script's conditions")
        rows = [(p, r, i) for p, r, i in self._walk(start, stop) if self._shown(r)]
        open_rows = [(r, i) for p, r, i in rows if not self._blocked_at(p)]
        if not open_rows:
            problem = "blocked until a gate is completed" if rows else "has nothing to ask now"
            raise NavigationError(f"section {section_id}: {problem}")
        target = next((r for r, i in open_rows if not self._settled(r, i)), open_rows[0][0])
        self._cursor = target
        return target

    def resume(self) -> ItemRef | None:
        """Drop the cursor and return to the first item still to be asked."""
        self._cursor = None
        return self.current

    # -- internals: rows and positions -----------------------------------------------------

    def _walk(self, start: int = 0, stop: int | None = None) -> Iterator[_Row]:
        top, refs = self._ix.top, self._ix.top_refs
        for i in range(start, len(top) if stop is None else stop):
            item = top[i]
            yield (i, _HEADER, _HEADER), refs[i], item
            if item.kind is ItemKind.REPEAT:
                for k, number in enumerate(self._shown.numbers(item.id)):
                    for j, child in enumerate(item.items):
                        yield (i, k, j), ItemRef(child.id, number), child

    def _position(self, ref: ItemRef) -> Position:
        group = self._ix.group_of.get(ref.question_id)
        if group is None:
            return (self._ix.top_index[ref.question_id], _HEADER, _HEADER)
        numbers = self._shown.numbers(group.id)
        k = numbers.index(ref.instance) if ref.instance in numbers else _GONE
        return (self._ix.top_index[group.id], k, self._ix.child_index[ref.question_id])

    def _gone_order(self, ref: ItemRef) -> tuple[int, int]:
        return (ref.instance or 0, self._ix.child_index[ref.question_id])

    def _span(self, section_id: str) -> tuple[int, int]:
        span = self._ix.section_span.get(SectionId(section_id))
        if span is None:
            raise NavigationError(f"section {section_id}: not in script {self.form.id}")
        return span

    def _known_item(self, ref: ItemRef) -> Item:
        """The item a ref names; NavigationError if the script has no such row shape."""
        qid = ref.question_id
        if not self.form.has_item(qid):
            raise NavigationError(f"{qid}: not in script {self.form.id}")
        in_group = qid in self._ix.group_of
        numbered = isinstance(ref.instance, int) and not isinstance(ref.instance, bool)
        if in_group != numbered:
            raise NavigationError(f"{qid}: an instance number is needed exactly inside a group")
        return self.form.item(qid)

    def _problem(self, ref: ItemRef) -> str | None:
        """Why ``ref`` cannot be answered or shown as current now; None if it can."""
        try:
            self._known_item(ref)
        except NavigationError as error:
            return str(error)
        if self._position(ref)[1] == _GONE:
            return f"{ref.question_id}: no such instance"
        if not self._shown(ref):
            return f"{ref}: hidden by the script's conditions"
        block = self._gate_block()
        if block is not None and self._position(ref) > block[0]:
            return f"{ref}: blocked until gate {block[1]} is completed"
        return None

    def _reachable_item(self, ref: ItemRef) -> Item:
        problem = self._problem(ref)
        if problem is not None:
            raise NavigationError(problem)
        return self.form.item(ref.question_id)

    def _group(self, group_id: str) -> tuple[ItemRef, Item]:
        ref = ItemRef(QuestionId(group_id))
        item = self._reachable_item(ref)
        if item.kind is not ItemKind.REPEAT:
            raise NavigationError(f"{group_id}: not a repeat group")
        return ref, item

    # -- internals: answers ----------------------------------------------------------------

    def _record(self, answer: Answer) -> Answer:
        qid = answer.ref.question_id
        self._answers[answer.ref] = answer
        first_touched = self._shown.update(qid)
        self._block_known = False
        self._scan_from = min(self._scan_from, first_touched)
        top = self._ix.top_position(qid)  # only this row's own pending state can change
        k = bisect.bisect_left(self._pending, top)
        listed = k < len(self._pending) and self._pending[k] == top
        if listed != self._has_pending(top):
            if listed:
                del self._pending[k]
            else:
                self._pending.insert(k, top)
        self._cursor = None
        return answer

    def _has_pending(self, top: int) -> bool:
        """Anything unrecorded in the row, or a gate not completed (a refused one stops the
        walk, so it stays pending)."""
        for _pos, ref, item in self._walk(top, top + 1):
            answer = self._answers.get(ref)
            if answer is None or (item.kind is ItemKind.GATE and not gate_complete(item, answer)):
                return True
        return False

    def _settled(self, ref: ItemRef, item: Item) -> bool:
        """Recorded, and not a gate still waiting for confirmations."""
        answer = self._answers.get(ref)
        if answer is None:
            return False
        if item.kind is ItemKind.GATE and answer.is_substantive:
            return gate_complete(item, answer)
        return True

    def _highest_instance(self, group: Item) -> int:
        # Kept answers of removed instances still hold their numbers, so those are never reused.
        children = {child.id for child in group.items}
        used = [r.instance for r in self._answers if r.question_id in children]
        numbers = [n for n in used if isinstance(n, int)]
        return max((*self._shown.numbers(group.id), *numbers), default=0)

    def _check_instances(self, item: Item, new: tuple[Instance, ...]) -> None:
        old = set(self._shown.numbers(item.id))
        fresh = [i.number for i in new if i.number not in old]
        if fresh and min(fresh) <= self._highest_instance(item):
            raise AnswerError(f"{item.id}: instance numbers are never reused; use add_instance")
        if item.minimum is not None and len(new) < item.minimum:
            raise AnswerError(f"{item.id}: needs at least {item.minimum:g} instances")

    def _required(self, ref: ItemRef, item: Item) -> bool:
        if item.required:
            return True
        condition = item.require_if
        return condition is not None and evaluate(condition, self._shown.lookup(ref), self.today)

    def _state(self, ref: ItemRef, item: Item) -> ItemState:
        return ItemState(
            ref=ref,
            item=item,
            visible=self._shown(ref),
            blocked=self._blocked_at(self._position(ref)),
            required=self._required(ref, item),
            answer=self._answers.get(ref),
        )

    # -- internals: gates ------------------------------------------------------------------

    def _gate_block(self) -> tuple[Position, ItemRef] | None:
        if not self._block_known:
            self._block = None
            for i in self._ix.gate_tops:
                for pos, ref, item in self._walk(i, i + 1):
                    if item.kind is not ItemKind.GATE or not self._shown(ref):
                        continue
                    if not gate_complete(item, self._answers.get(ref)):
                        self._block = (pos, ref)
                        break
                if self._block is not None:
                    break
            self._block_known = True
        return self._block

    def _blocked_at(self, pos: Position) -> bool:
        block = self._gate_block()
        return block is not None and pos > block[0]
