"""Random operations: only AnswerError/NavigationError escape; a rebuilt engine always agrees."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from interview_app.domain.answer_validation import approximate_date, choice, choices, narrative
from interview_app.domain.engine import Engine
from interview_app.domain.model import Form, Item, ItemKind, ItemRef, JsonValue, NonResponse
from interview_app.errors import AnswerError, NavigationError
from tests.domain.test_engine_support import TODAY, form, item, sample_form, section

SAMPLE = sample_form()
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 300),
    st.floats(),
    st.text(max_size=5),
    st.lists(st.integers(0, 3), max_size=3),
    st.dictionaries(
        st.sampled_from(["option", "options", "year", "original", "x"]),
        st.one_of(st.integers(0, 13), st.text(max_size=3)),
        max_size=2,
    ),
)


def values_for(it: Item) -> st.SearchStrategy[Any]:
    """Mostly plausible values for the item's kind, so the walk gets somewhere."""
    options = [o.value for o in it.options]
    plausible: st.SearchStrategy[Any]
    if it.kind is ItemKind.NOTE:
        plausible = st.just(True)
    elif it.kind is ItemKind.GATE:
        plausible = st.permutations([c.id for c in it.checklist]).flatmap(
            lambda ids: st.integers(0, len(ids)).map(lambda n: ids[n:])
        )
    elif it.kind is ItemKind.SINGLE_CHOICE:
        plausible = st.builds(
            choice, st.sampled_from(options), st.one_of(st.none(), st.just("spec"))
        )
    elif it.kind is ItemKind.MULTI_CHOICE:
        plausible = st.builds(
            choices, st.lists(st.sampled_from(options), min_size=1, max_size=2, unique=True)
        )
    elif it.kind is ItemKind.TEXT:
        plausible = st.text(min_size=1, max_size=8)
    elif it.kind is ItemKind.NARRATIVE:
        plausible = st.builds(narrative, st.text(min_size=1, max_size=8))
    elif it.kind is ItemKind.DATE:
        plausible = st.builds(
            approximate_date,
            st.integers(1990, 2026),
            st.one_of(st.none(), st.integers(1, 12)),
            st.none(),
            st.booleans(),
        )
    elif it.kind in (ItemKind.NUMBER, ItemKind.SCALE):
        plausible = st.integers(-1, 30)
    elif it.kind is ItemKind.YES_NO:
        plausible = st.booleans()
    else:
        plausible = st.lists(
            st.fixed_dictionaries({"instance": st.integers(1, 6), "label": st.text(max_size=3)}),
            max_size=3,
        )
    return st.one_of(*[plausible] * 7, JUNK)


def refs_of(f: Form) -> list[ItemRef]:
    rows = []
    for it in f.all_items():
        numbers = [1, 2, 3, 7] if it.group_id else [None]
        rows += [ItemRef(it.id, n) for n in numbers]
    return rows


def step(e: Engine, data: st.DataObject, f: Form) -> None:
    op = data.draw(
        st.sampled_from(
            [
                "current",
                "current",
                "current",
                "answer",
                "non_response",
                "back",
                "section",
                "go_to",
                "resume",
                "add",
                "remove",
            ]
        )
    )
    target = data.draw(st.sampled_from(refs_of(f)))
    if op in ("current", "skip"):
        target = e.current or target
    it = f.item(target.question_id)
    if op in ("current", "answer"):
        recorded = e.answer(target, data.draw(values_for(it)))
        assert e.answers[target] == recorded
    elif op in ("non_response", "skip"):
        kind = data.draw(st.sampled_from([*NonResponse, "nonsense"]))
        recorded = e.non_response(target, kind)
        assert e.answers[target] == recorded
    elif op == "back":
        e.back()
    elif op == "section":
        e.go_to_section(data.draw(st.sampled_from([*(s.id for s in f.sections), "nowhere"])))
    elif op == "go_to":
        e.go_to(target)
    elif op == "resume":
        e.resume()
    else:
        groups = [i.id for i in f.all_items() if i.kind is ItemKind.REPEAT] * 4 + ["story"]
        group = data.draw(st.sampled_from(groups))
        if op == "add":
            e.add_instance(group, data.draw(st.text(max_size=4)))
        else:
            e.remove_instance(group, data.draw(st.integers(0, 5)))


def agrees_with_a_rebuilt_engine(e: Engine, f: Form) -> None:
    again = Engine(f, dict(e.answers), TODAY)
    assert again.next_open() == e.next_open()
    if e.cursor is None:
        assert again.current == e.current
    assert list(again.states()) == list(e.states())
    assert again.progress() == e.progress()
    assert [again.progress(s.id) for s in f.sections] == [e.progress(s.id) for s in f.sections]
    assert again.covered_topics() == e.covered_topics()
    assert again.blocking_gate() == e.blocking_gate()
    here = e.current
    if here is not None:
        state = e.state(here)
        assert state.visible
        assert not state.blocked


def run(f: Form, data: st.DataObject, steps: int, start: Engine | None = None) -> None:
    e = start or Engine(f, {}, TODAY)
    for _ in range(steps):
        before = set(e.answers)
        with contextlib.suppress(AnswerError, NavigationError):
            step(e, data, f)
        assert before <= set(e.answers), "an answer is never deleted"
        agrees_with_a_rebuilt_engine(e, f)


def opened() -> Engine:
    """The sample with its note read and every gate completed: where most questions are."""
    e = Engine(SAMPLE, {}, TODAY)
    while (here := e.current) is not None and here.question_id != "birth_date":
        it = SAMPLE.item(here.question_id)
        e.answer(here, [c.id for c in it.checklist] if it.kind is ItemKind.GATE else True)
    return e


@given(st.data())
def test_fuzz_random_operations_on_the_sample(data: st.DataObject) -> None:
    start = opened() if data.draw(st.booleans()) else None
    run(SAMPLE, data, data.draw(st.integers(1, 60)), start)


# -- random scripts: random conditions, forward references and cycles included ----------------

NAMES = [f"q{i}" for i in range(8)]


@st.composite
def conditions(draw: st.DrawFn, names: list[str], depth: int = 0) -> JsonValue:
    q = draw(st.sampled_from(names))
    leaf = draw(st.sampled_from(["answered", "equals", "gt", "lt", "in"]))
    if depth < 2 and draw(st.integers(0, 3)) == 0:
        op = draw(st.sampled_from(["all", "any", "not"]))
        if op == "not":
            return {"not": draw(conditions(names, depth + 1))}
        return {op: draw(st.lists(conditions(names, depth + 1), min_size=1, max_size=2))}
    if leaf == "answered":
        return {"answered": q}
    if leaf == "in":
        return {"in": {"question": q, "values": [1, 2, True]}}
    value: Any = draw(st.sampled_from([True, False, 1, 2])) if leaf == "equals" else 1
    return {leaf: {"question": q, "value": value}}


@st.composite
def random_forms(draw: st.DrawFn) -> Form:
    n = draw(st.integers(2, len(NAMES)))
    names = NAMES[:n] + ["c0", "c1"]
    maybe = st.one_of(st.none(), conditions(names))
    items = []
    for i in range(n):
        kind = draw(st.sampled_from(["yes_no", "number", "yes_no", "gate"]))
        extra: dict[str, Any] = {"checklist": ["a"]} if kind == "gate" else {}
        items.append(item(NAMES[i], kind, show_if=draw(maybe), **extra))
    group = item(
        "g",
        "repeat",
        show_if=draw(maybe),
        items=[
            item("c0", "number", show_if=draw(maybe)),
            item("c1", "yes_no", show_if=draw(maybe)),
        ],
    )
    cut = draw(st.integers(1, n))
    return form(
        section("one", items[:cut], show_if=draw(maybe))
        if draw(st.booleans())
        else section("one", items[:cut]),
        section("two", [*items[cut:], group], show_if=draw(maybe)),
    )


@given(random_forms(), st.data())
def test_fuzz_random_scripts_keep_the_caches_honest(f: Form, data: st.DataObject) -> None:
    run(f, data, data.draw(st.integers(1, 30)))
