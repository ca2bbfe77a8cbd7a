"""Static facts about a script that the engine consults on every step, computed once per form."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from interview_app.domain.conditions import Condition, referenced_questions
from interview_app.domain.model import Form, Item, ItemKind, ItemRef, QuestionId, Section, SectionId

# A node of the visibility graph: ("q", question id) or ("s", section id). Sections and
# questions may share an id, hence the tag.
Node = tuple[str, str]


@dataclass(frozen=True)
class Reads:
    """The questions a condition reads: top-level ones, and siblings in the same repeat group."""

    top: tuple[QuestionId, ...] = ()
    siblings: tuple[QuestionId, ...] = ()


class ScriptIndex:
    """Script order, parents, sections and the condition dependency graph of one form.

    Conditions form a graph "answer of Q -> visibility of X" (plus section -> its items and
    repeat group -> its children). Answering Q can only change what Q reaches in that graph,
    so the engine revisits only that, in ``rank`` order, instead of the whole script.
    """

    def __init__(self, form: Form) -> None:
        self.form = form
        self.top: tuple[Item, ...] = tuple(i for s in form.sections for i in s.items)
        self.top_refs: tuple[ItemRef, ...] = tuple(ItemRef(i.id) for i in self.top)
        self.top_index: dict[QuestionId, int] = {i.id: n for n, i in enumerate(self.top)}
        self.group_of: dict[QuestionId, Item] = {}
        self.child_index: dict[QuestionId, int] = {}
        self.section_of: dict[QuestionId, Section] = {}
        self.section_span: dict[SectionId, tuple[int, int]] = {}
        self.topic_of: dict[QuestionId, str | None] = {}
        start = 0
        for section in form.sections:
            self.section_span[section.id] = (start, start + len(section.items))
            start += len(section.items)
            for item in section.items:
                self.section_of[item.id] = section
                self.topic_of[item.id] = item.topic or section.topic
                for n, child in enumerate(item.items):
                    self.group_of[child.id] = item
                    self.child_index[child.id] = n
                    self.section_of[child.id] = section
                    self.topic_of[child.id] = child.topic or self.topic_of[item.id]
        # Top-level rows that hold a gate (directly or in a repeat group), in script order.
        self.gate_tops: tuple[int, ...] = tuple(
            n
            for n, item in enumerate(self.top)
            if ItemKind.GATE in (item.kind, *(child.kind for child in item.items))
        )
        self.sections: dict[SectionId, Section] = {s.id: s for s in form.sections}
        self.item_reads: dict[QuestionId, Reads] = {
            item.id: self._reads(item.show_if, self.group_of.get(item.id))
            for item in form.all_items()
        }
        self.section_reads: dict[SectionId, Reads] = {
            s.id: self._reads(s.show_if, None) for s in form.sections
        }
        self._edges: dict[Node, list[Node]] = {}
        self._build_edges()
        self.rank: dict[Node, int] = {}
        self.tangled: frozenset[Node] = self._order()

    def _reads(self, condition: Condition | None, group: Item | None) -> Reads:
        if condition is None:
            return Reads()
        names = sorted(referenced_questions(condition))
        siblings = tuple(q for q in names if group is not None and self.group_of.get(q) is group)
        # A top-level condition cannot name one instance of a repeat child: it reads nothing.
        top = tuple(q for q in names if q in self.top_index)
        return Reads(top, siblings)

    def _edge(self, source: Node, target: Node) -> None:
        self._edges.setdefault(source, []).append(target)

    def _build_edges(self) -> None:
        for section in self.form.sections:
            for q in self.section_reads[section.id].top:
                self._edge(("q", q), ("s", section.id))
        for item in self.form.all_items():
            group = self.group_of.get(item.id)
            parent: Node = ("s", self.section_of[item.id].id) if group is None else ("q", group.id)
            self._edge(parent, ("q", item.id))
            reads = self.item_reads[item.id]
            for q in (*reads.top, *reads.siblings):
                self._edge(("q", q), ("q", item.id))

    def _order(self) -> frozenset[Node]:
        """Rank every node in a topological order; return those on or after a cycle.

        Those are never visible, so the result is defined: a valid script has no cycles (the
        loader rejects them), this only keeps the engine total if one slips through.
        """
        nodes: list[Node] = []
        for section in self.form.sections:
            nodes.append(("s", section.id))
            nodes += [("q", i.id) for i in section.items]
            nodes += [("q", c.id) for i in section.items for c in i.items]
        indegree = dict.fromkeys(nodes, 0)
        for targets in self._edges.values():
            for target in targets:
                indegree[target] += 1
        ready = deque(n for n in nodes if indegree[n] == 0)
        while ready:
            node = ready.popleft()
            self.rank[node] = len(self.rank)
            for target in self._edges.get(node, ()):
                indegree[target] -= 1
                if indegree[target] == 0:
                    ready.append(target)
        tangled = frozenset(n for n in nodes if indegree[n] > 0)
        for node in tangled:
            self.rank[node] = len(self.rank)
        return tangled

    def top_position(self, question_id: QuestionId) -> int:
        """Index in script order of the item, or of the repeat group holding it."""
        group = self.group_of.get(question_id)
        return self.top_index[question_id if group is None else group.id]

    def dependents(self, node: Node) -> list[Node]:
        """The nodes whose visibility reads ``node`` directly."""
        return self._edges.get(node, [])

    def node_position(self, node: Node) -> int:
        """Index in script order of the first top-level row a node's visibility decides."""
        kind, name = node
        if kind == "s":
            return self.section_span[SectionId(name)][0]
        return self.top_position(QuestionId(name))
