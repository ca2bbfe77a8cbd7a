"""What the conditions show, computed lazily from the answers and invalidated per answer."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Mapping

from interview_app.domain.answer_validation import Instance, parse_instances
from interview_app.domain.conditions import Lookup, evaluate
from interview_app.domain.model import Answer, ItemRef, QuestionId, SectionId
from interview_app.domain.script_index import Node as GraphNode
from interview_app.domain.script_index import ScriptIndex

Node = ItemRef | SectionId  # a visibility to compute: one item row or one section


class Visibility:
    """Visibility of every row and section, and the live instances of repeat groups.

    Reads the engine's answers (never writes them). A hidden question's answer is invisible to
    conditions; a repeat child's condition reads its siblings in the same instance. Values are
    cached, and :meth:`update` revises them when the answer to a question changes.
    """

    def __init__(self, index: ScriptIndex, answers: Mapping[ItemRef, Answer], today: dt.date):
        self._ix = index
        self._answers = answers
        self._today = today
        self._items: dict[QuestionId, dict[int | None, bool]] = {}
        self._sections: dict[SectionId, bool] = {}
        self._instances: dict[QuestionId, tuple[Instance, ...]] = {}
        self._numbers: dict[QuestionId, tuple[int, ...]] = {}

    def update(self, question_id: QuestionId) -> int:
        """Bring cached visibilities up to date after the answer to ``question_id`` changed.

        Dependents are recomputed in topological order, and only a changed visibility goes on
        to its own dependents: correcting a value that a later section only checks is
        "answered" costs one evaluation, not the rest of the script. What was never computed
        is skipped: a cached visibility always has its inputs cached, so nothing beyond it is
        cached either. Returns the first top-level row whose visibility changed (or the row
        of the question itself).
        """
        self._instances.pop(question_id, None)
        self._numbers.pop(question_id, None)
        first = self._ix.top_position(question_id)
        rank = self._ix.rank
        queue = [(rank[n], n) for n in self._ix.dependents(("q", question_id))]
        heapq.heapify(queue)
        queued = {node for _rank, node in queue}
        while queue:
            _rank, node = heapq.heappop(queue)
            if not self._refresh(node):
                continue
            first = min(first, self._ix.node_position(node))
            for dependent in self._ix.dependents(node):
                if dependent not in queued:
                    queued.add(dependent)
                    heapq.heappush(queue, (rank[dependent], dependent))
        return first

    def _refresh(self, node: GraphNode) -> bool:
        """Recompute a node's cached values; whether any of them changed."""
        kind, name = node
        if kind == "s":
            section = SectionId(name)
            old = self._sections.get(section)
            if old is None:
                return False
            self._sections[section] = new = self._compute(section)
            return new != old
        qid = QuestionId(name)
        row = self._items.get(qid)
        changed = False
        for instance, old in list((row or {}).items()):
            # Computed into a fresh variable: _compute may fill other cache rows meanwhile.
            value = self._compute(ItemRef(qid, instance))
            self._items[qid][instance] = value
            changed = changed or value != old
        return changed

    def instances(self, group_id: QuestionId) -> tuple[Instance, ...]:
        known = self._instances.get(group_id)
        if known is None:
            known = parse_instances(self._answers.get(ItemRef(group_id)))
            self._instances[group_id] = known
        return known

    def numbers(self, group_id: QuestionId) -> tuple[int, ...]:
        known = self._numbers.get(group_id)
        if known is None:
            known = tuple(i.number for i in self.instances(group_id))
            self._numbers[group_id] = known
        return known

    def __call__(self, node: Node) -> bool:
        """Whether the row (or section) is shown under the current answers."""
        known = self._cached(node)
        return self._settle(node) if known is None else known

    def lookup_top(self, question_id: QuestionId) -> Answer | None:
        i = self._ix.top_index.get(question_id)
        if i is None:
            return None
        ref = self._ix.top_refs[i]
        return self._answers.get(ref) if self(ref) else None

    def lookup(self, ref: ItemRef) -> Lookup:
        """What conditions of ``ref`` see: siblings of the same instance, else top-level answers."""
        group = self._ix.group_of.get(ref.question_id)
        if group is None:
            return self.lookup_top
        group_of, instance = self._ix.group_of, ref.instance

        def lookup(question_id: QuestionId) -> Answer | None:
            if group_of.get(question_id) is not group:
                return self.lookup_top(question_id)
            sibling = ItemRef(question_id, instance)
            return self._answers.get(sibling) if self(sibling) else None

        return lookup

    def _cached(self, node: Node) -> bool | None:
        if isinstance(node, ItemRef):
            row = self._items.get(node.question_id)
            return None if row is None else row.get(node.instance)
        return self._sections.get(node)

    def _settle(self, target: Node) -> bool:
        """Compute a visibility whose inputs may be stale, without recursion: chains can be long."""
        stack = [target]
        while stack:
            node = stack[-1]
            if self._cached(node) is not None:
                stack.pop()
                continue
            missing = [n for n in self._inputs(node) if self._cached(n) is None]
            if missing:
                stack.extend(missing)
                continue
            value = self._compute(node)
            if isinstance(node, ItemRef):
                self._items.setdefault(node.question_id, {})[node.instance] = value
            else:
                self._sections[node] = value
            stack.pop()
        return bool(self._cached(target))

    def _inputs(self, node: Node) -> list[Node]:
        """The visibilities that ``node``'s own visibility reads (acyclic: see ScriptIndex)."""
        ix = self._ix
        if isinstance(node, str):
            if ("s", node) in ix.tangled:
                return []
            return [ix.top_refs[ix.top_index[q]] for q in ix.section_reads[node].top]
        qid = node.question_id
        if ("q", qid) in ix.tangled:
            return []
        reads = ix.item_reads[qid]
        inputs: list[Node] = [ix.top_refs[ix.top_index[q]] for q in reads.top]
        group = ix.group_of.get(qid)
        if group is None:
            inputs.append(ix.section_of[qid].id)
        elif node.instance in self.numbers(group.id):
            inputs.append(ix.top_refs[ix.top_index[group.id]])
            inputs += [ItemRef(q, node.instance) for q in reads.siblings]
        return inputs

    def _compute(self, node: Node) -> bool:
        ix = self._ix
        if isinstance(node, str):
            condition = ix.sections[node].show_if
            if ("s", node) in ix.tangled:
                return False
            return condition is None or evaluate(condition, self.lookup_top, self._today)
        qid = node.question_id
        if ("q", qid) in ix.tangled:
            return False
        group = ix.group_of.get(qid)
        if group is None:
            if not self(ix.section_of[qid].id):
                return False
        elif node.instance not in self.numbers(group.id):
            return False  # a removed instance: its answers are kept but not applicable
        elif not self(ix.top_refs[ix.top_index[group.id]]):
            return False
        condition = ix.form.item(qid).show_if
        return condition is None or evaluate(condition, self.lookup(node), self._today)
