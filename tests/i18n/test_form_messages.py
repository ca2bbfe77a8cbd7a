"""What a script translates: every text field once, under a msgctxt that says whose it is."""

from __future__ import annotations

from dataclasses import replace

from interview_app.domain.model import Form
from interview_app.i18n.extract import form_messages, rewrite_form


def test_every_translatable_field_is_listed_once_in_script_order(form: Form) -> None:
    keys = [message.key for message in form_messages(form)]
    assert keys == [
        ("small", "Small interview"),
        ("small", "Test every translatable field."),
        ("small:work", "Your work"),
        ("small:work", "Go slowly."),
        ("small:work", "These questions are about your work."),
        ("small:hello", "You can stop at any time."),
        ("small:agree", "May I ask you some questions?"),
        ("small:agree.agrees", "The person agrees."),
        ("small:sector", "What kind of work did you do?"),
        ("small:sector", "Let the person choose; do not suggest."),
        ("small:@sectors.farm", "Farm"),
        ("small:@sectors.other", "Other work"),
        ("small:hours", "How many hours a day?"),
        ("small:hours", "This may be hard to remember."),
        ("small:hours", "hours"),
        ("small:rest", "How often could you rest?"),
        ("small:rest", "Never"),
        ("small:rest", "Whenever I wished"),
        ("small:places", "Tell me about each place."),
        ("small:places", "A short name for this place"),
        ("small:place_sector", "What work was done there?"),
        ("small:left", "Could you leave?"),
        ("small:left.yes", "Yes"),
        ("small:left.no", "No"),
    ]


def test_each_message_says_where_it_is_and_who_sees_it(form: Form) -> None:
    by_where = {message.where: message for message in form_messages(form)}
    guidance = by_where["item sector: guidance"]
    assert guidance.line == 16
    assert guidance.comments[0].startswith("guidance")
    assert "never shown to the interviewee" in guidance.comments[0]
    assert "never shown" in by_where["section work: guidance"].comments[0]
    assert by_where["item hours: unit"].comments[0].startswith("unit:")
    assert by_where["item rest: min_label"].comments[0].startswith("min_label:")
    assert by_where["item hello: prompt"].comments[0].startswith("prompt: a note")
    assert by_where["item agree: prompt"].comments[0].startswith("prompt: said before a consent")
    shared = by_where["option list sectors: option farm"]
    assert (shared.msgctxt, shared.line) == ("small:@sectors.farm", 4)
    assert by_where["item agree: checklist agrees"].line == 14
    for message in form_messages(form):
        if "guidance" not in message.where and "purpose" not in message.where:
            assert "Interviewer only" not in message.comments[0]


def test_identical_text_in_two_fields_of_one_item_is_one_entry_with_both_notes(
    form: Form,
) -> None:
    rest = form.item("rest")
    section = replace(form.sections[0], items=(replace(rest, max_label="Never"),))
    messages = form_messages(replace(form, sections=(section,)))
    never = [message for message in messages if message.msgid == "Never"]
    assert len(never) == 1
    assert [note.split(":")[0] for note in never[0].comments] == ["min_label", "max_label"]


def test_rewriting_with_the_identity_gives_an_equal_form(form: Form) -> None:
    assert rewrite_form(form, lambda text, _site: text) == form


def test_absent_fields_are_not_messages(form: Form) -> None:
    bare = replace(form.item("hello"), guidance=None, sensitive=None)
    section = replace(form.sections[0], items=(bare,), guidance=None, sensitive=None)
    messages = form_messages(replace(form, sections=(section,)))
    assert [message.where for message in messages] == [
        "form: title",
        "form: purpose",
        "section work: title",
        "item hello: prompt",
    ]
