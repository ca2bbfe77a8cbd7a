"""Urgent answers: the items whose ``urgent_if`` holds now, which raise the safety prompt."""

from __future__ import annotations

from interview_app.domain.conditions import evaluate
from interview_app.domain.engine import Engine
from interview_app.domain.model import Answer, ItemRef, QuestionId

__all__ = ["urgent_items"]


def urgent_items(engine: Engine) -> tuple[ItemRef, ...]:
    """Visible rows whose ``urgent_if`` holds under the current answers, in script order.

    While this is not empty the interface shows the safety prompt with the directory's
    emergency contacts; the item's guidance says what to do. A hidden row never alerts.
    """
    states = list(engine.states())
    shown: dict[ItemRef, Answer] = {
        s.ref: s.answer for s in states if s.visible and s.answer is not None
    }
    form = engine.form
    urgent: list[ItemRef] = []
    for state in states:
        condition = state.item.urgent_if
        if condition is None or not state.visible:
            continue
        group = state.item.group_id

        def lookup(
            question_id: QuestionId,
            group: QuestionId | None = group,
            instance: int | None = state.ref.instance,
        ) -> Answer | None:
            # A question of the same repeat group is read in the same instance.
            same_group = group is not None and form.item(question_id).group_id == group
            return shown.get(ItemRef(question_id, instance if same_group else None))

        if evaluate(condition, lookup, engine.today):
            urgent.append(state.ref)
    return tuple(urgent)
