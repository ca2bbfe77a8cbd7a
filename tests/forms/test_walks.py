"""Engine walks of the shipped scripts along realistic paths, end to end (issue 4, "done when")."""

from __future__ import annotations

import datetime as dt

from interview_app import paths
from interview_app.domain.alerts import urgent_items
from interview_app.domain.answer_validation import choice, choices, narrative
from interview_app.domain.consent import (
    ConsentEvent,
    ConsentState,
    Recipient,
    consent_events,
    consent_state,
    may_share,
    sharing_check,
)
from interview_app.domain.directory import OrganisationKind, load_directory
from interview_app.domain.engine import Engine
from interview_app.domain.indicators import (
    EvidenceSource,
    Observation,
    load_catalogue,
    observation_summary,
)
from interview_app.domain.model import ConsentPurpose, DataClass, ItemRef, NonResponse, QuestionId
from interview_app.domain.reuse import PriorAnswer, prefill
from tests.forms.walking import Instance, Walk, script, walk

SESSION_1 = dt.datetime(2026, 10, 5, 10, 0)
SESSION_2 = dt.datetime(2026, 10, 12, 14, 0)
NR = NonResponse

ADULT_FIRST_CONTACT = {
    "language_main": "Romanian",
    "language_dialect": "Moldovan",
    "interpreter_used": True,
    "danger_now": False,
    "hurt_or_ill": False,
    "medicine_needed": True,
    "food_drink": True,
    "rest_needed": False,
    "children_with_you": False,
    "safe_tonight": True,
    "companion_came": choice("work"),
    "companion_safe": True,
    "companion_behaviour": choices(["answered_for", "held_documents"]),
    "interviewer_gender": choice("man"),
    "interpreter_gender": choice("no_preference"),
    "language_other": "Russian",
    "reads_language": True,
    "age_years": 34,
    "age_doubt": False,
}

LABOUR_IDENTIFICATION = {
    "child_status": choice("adult"),
    "origin_country": "Moldova",
    "recruit_story": narrative(
        "Un om din sat mi-a oferit lucru.", "A man from my village offered work."
    ),
    "recruit_initiative": choice("known_person"),
    "offer_kind": choices(["job", "travel"]),
    "offer_job": "Building work, good pay",
    "offer_pay_told": True,
    "owed_at_start": True,
    "family_received": False,
    "made_to_go": False,
    "moved": True,
    "crossed_border": True,
    "travel_paid_by": choice("offerer"),
    "travel_papers": choice("own"),
    "papers_taken_on_way": True,
    "handed_over": False,
    "activities": choices(["construction"]),
    "work_hours": 14,
    "days_off": 0,
    "work_as_told": choice("different"),
    "contract": False,
    "could_refuse_work": False,
    "unpaid_overtime": True,
    "married_forced": False,
    "organ_asked": False,
    "paid": choice("late_or_partly"),
    "pay_kept": True,
    "money_access": False,
    "debt_owed": True,
    "debt_for": choices(["travel", "housing", "food"]),
    "debt_grew": True,
    "debt_see": False,
    "papers_now": choice("employer"),
    "free_to_leave": False,
    "locked_in": False,
    "escorted": True,
    "phone_free": False,
    "contact_family": False,
    "threatened": True,
    "family_threatened": False,
    "authorities_threat": True,
    "shaming_threat": False,
    "hurt_physically": NR.DECLINED,
    "sexual_violence": NR.DECLINED,
    "drugs_forced": False,
    "ritual": False,
    "moved_often": False,
    "sleep_where": choice("workplace"),
    "food_enough": False,
    "sleep_enough": False,
    "doctor_access": False,
    "how_left": narrative("Am fugit noaptea.", "I ran away at night."),
    "left_when": {"year": 2026, "month": 9},
    "how_met": choice("self_referred"),
    "legal_trouble": False,
    "own_view": narrative("Am fost păcălit.", "I was tricked."),
    "help_wanted": choices(["safe_place", "legal", "wages", "papers"]),
    "observed_signs": choices(["fear", "language_barrier"]),
    "exploitation_forms": choices(["forced_labour"]),
}


def _all_yes_consents() -> dict[str, object]:
    form = script("consent_rights")
    return {item.id: True for item in form.all_items() if item.consent is not None}


def _events(walked: Walk, at: dt.datetime, source: str) -> list[ConsentEvent]:
    return consent_events(walked.engine.form, walked.engine.answers, at, source)


def _finished(walked: Walk) -> None:
    """Nothing left to ask, no gate refused, every visible question settled."""
    engine = walked.engine
    assert engine.next_open() is None
    assert engine.blocking_gate() is None
    assert engine.progress().fraction == 1.0


# -- an adult in labour exploitation who consents to everything -------------------------------


def test_adult_in_labour_exploitation_who_consents_to_everything() -> None:
    first = walk("first_contact", ADULT_FIRST_CONTACT)
    _finished(first)
    assert "adult_next" in first.asked_ids
    child_items = {"child_route", "place_type", "support_adult_role", "child_spontaneous"}
    assert child_items.isdisjoint(first.asked_ids)
    assert urgent_items(first.engine) == ()

    consents = walk("consent_rights", _all_yes_consents())
    _finished(consents)
    events = _events(consents, SESSION_1, "consent session 1")
    assert {consent_state(events, p) for p in ConsentPurpose} == {ConsentState.GIVEN}
    assert may_share(DataClass.STATEMENT, Recipient.POLICE, events)
    assert may_share(DataClass.INTELLIGENCE, Recipient.LABOUR_INSPECTORATE, events)

    identification = walk("identification", LABOUR_IDENTIFICATION)
    _finished(identification)
    asked = set(identification.asked_ids)
    # The labour path: questions on other forms of exploitation are not asked...
    assert asked.isdisjoint({"sex_knew_before", "lived_in_home", "beg_hand_over", "crime_quota"})
    # ...but every person is asked about marriage and organs, once, plainly.
    assert {"married_forced", "organ_asked", "debt_grew", "papers_now"} <= asked
    assert "marriage_agency" not in asked
    assert "child_check" not in asked

    # The interviewer notes what the answers point to; the summary counts, never concludes.
    form = identification.engine.form
    observations = [
        Observation(indicator, EvidenceSource.STATED)
        for question in ("work_hours", "free_to_leave", "debt_grew", "papers_now")
        for indicator in form.item(question).indicators
    ]
    summary = observation_summary(observations, load_catalogue(paths.INDICATOR_CATALOGUE))
    counted = {g.group.id: g.count for g in summary.identification}
    assert counted["labour_exploitation"] == 2
    assert counted["control_common"] == 1
    assert summary.unknown == ()

    statement = walk(
        "statement",
        {
            "child_status": choice("adult"),
            "people_present": choices(["interviewer", "note_taker", "interpreter"]),
            "recording_method": choice("typed_live"),
            "free_narrative": narrative(
                "Am lucrat pe șantier...", "I worked on a building site..."
            ),
            "transit_happened": True,
            "transit_means": choices(["bus"]),
            "expl_ended": True,
            "expl_end": {"year": 2026, "month": 9},
            "places_list": [
                Instance("Village", {"place_role": choice("recruitment")}),
                Instance("Building site", {"place_role": choice("work")}),
            ],
            "people_list": [
                Instance("Man from the village", {"person_role": choices(["recruiter"])}),
                Instance("Site boss", {"person_role": choices(["exploiter", "money"])}),
            ],
            "events_list": [Instance("Passport taken", {"event_hurt": False})],
            "leads_list": [
                Instance(
                    "Boss's phone", {"lead_type": choice("phone"), "lead_value": "+00 555 0199"}
                ),
                Instance("Minibus", {"lead_type": choice("vehicle")}),
            ],
            "injured": False,
            "unpaid_wages": True,
            "unpaid_amount": "About 3,000 euro",
            "paid_to_them": True,
            "property_taken": True,
            "proof_held": choices(["payslips_messages"]),
            "contacted_since": False,
            "threatened_since": False,
            "offered_something": False,
            "measures_wanted": choices(["video_link", "address_private"]),
            "read_back_done": True,
            "corrections": NR.NOT_APPLICABLE,
            "acknowledgement": choice("signed"),
        },
    )
    _finished(statement)
    engine = statement.engine
    assert [i.label for i in engine.instances("people_list")] == [
        "Man from the village",
        "Site boss",
    ]
    assert statement.answer("lead_value", 1) == "+00 555 0199"
    assert "exit_account" in statement.asked_ids  # the exit phase follows an ended situation
    assert urgent_items(engine) == ()

    risk = walk(
        "risk_assessment",
        {
            "assessment_for": choice("shelter"),
            "child_status": choice("adult"),
            "threatened_since": False,
            "watched": False,
            "feel_safe": 3,
            "know_where": choice("unlikely"),
            "family_threatened": False,
            "family_involved": False,
            "fear_return": False,
            "tracing_wanted": False,
            "plans": choice("stay"),
            "risk_level": choice("medium"),
        },
    )
    _finished(risk)
    assert {"shelter_known", "same_case_resident", "tracing_wanted"} <= set(risk.asked_ids)
    assert "travel_worries" not in risk.asked_ids  # only when travelling to give evidence


# -- a person who refuses sharing with the police ---------------------------------------------


def test_refusing_the_police_blocks_the_police_referral_and_allows_the_others() -> None:
    plan = {**_all_yes_consents(), "consent_share_police": False}
    consents = walk("consent_rights", plan)
    _finished(consents)  # the refusal ends nothing: every later question is still asked
    order = consents.asked_ids
    assert order.index("consent_share_police") < order.index("consent_contact_origin")
    events = _events(consents, SESSION_1, "consent session 1")
    assert consent_state(events, ConsentPurpose.SHARE_POLICE) is ConsentState.REFUSED

    directory = load_directory(paths.SAMPLE_DIRECTORY)
    police = directory.organisation("atu_north")
    assert police.recipient is not None
    check = sharing_check(DataClass.STATEMENT, police.recipient, events)
    assert not check.allowed
    assert check.reason == "the person refused sharing with police"
    for kind in (
        OrganisationKind.SHELTER,
        OrganisationKind.MEDICAL,
        OrganisationKind.LEGAL_AID,
        OrganisationKind.COORDINATOR,
        OrganisationKind.LABOUR_INSPECTORATE,
    ):
        for organisation in directory.of_kind(kind):
            assert organisation.recipient is not None
            assert may_share(DataClass.IDENTITY, organisation.recipient, events), organisation.id

    # Help goes on: the identification interview is still walked in full.
    identification = walk("identification", LABOUR_IDENTIFICATION)
    _finished(identification)

    # A later "yes" in another session reopens the referral: the latest decision wins.
    later = [*events, ConsentEvent(ConsentPurpose.SHARE_POLICE, True, SESSION_2, "session 2")]
    assert may_share(DataClass.STATEMENT, Recipient.POLICE, later)


def test_a_later_no_withdraws_a_consent_given_earlier() -> None:
    given = _events(walk("consent_rights", _all_yes_consents()), SESSION_1, "session 1")
    again = {**_all_yes_consents(), "consent_share_shelter": False}
    withdrawn = _events(walk("consent_rights", again), SESSION_2, "session 2")
    history = [*given, *withdrawn]
    assert consent_state(history, ConsentPurpose.SHARE_SHELTER) is ConsentState.WITHDRAWN
    assert not may_share(DataClass.ASSISTANCE, Recipient.SHELTER, history)
    assert may_share(DataClass.ASSISTANCE, Recipient.MEDICAL, history)


# -- an uncertain-age person routed to the child pathway --------------------------------------

CHILD_FIRST_CONTACT = {
    **ADULT_FIRST_CONTACT,
    "age_years": NR.DONT_KNOW,
    "age_band": choice("not_sure"),
    "place_type": choice("police_station"),
    "place_reason": "Night time; the children's home sends a car in the morning.",
    "support_adult_role": choice("child_protection_worker"),
    "child_name": "Ana",
    "child_country": "Moldova",
    "child_worries": narrative("Mi-e frică.", "I am scared."),
    "child_others": False,
    "child_family_contact": False,
    "child_spontaneous": narrative("They took my phone.", None),
}


def test_uncertain_age_routes_to_the_child_pathway() -> None:
    child = walk("first_contact", CHILD_FIRST_CONTACT)
    _finished(child)
    asked = child.asked_ids
    assert "adult_next" not in asked
    for question in (
        "child_route",
        "place_type",
        "place_warning",
        "place_reason",
        "support_adult_role",
        "child_support_check",
        "child_spontaneous",
    ):
        assert question in asked, question
    assert child.engine.state(ItemRef(QuestionId("place_warning"))).visible
    # The uncertain age itself raises the safety prompt (call the guardianship duty line).
    assert ItemRef(QuestionId("age_band")) in urgent_items(child.engine)
    assert child.answer("child_spontaneous") == {"original": "They took my phone."}


def test_a_child_with_nobody_to_support_them_is_asked_nothing_more() -> None:
    plan = {
        **CHILD_FIRST_CONTACT,
        "support_adult_role": choice("nobody_yet"),
        "child_support_check": NR.DECLINED,
    }
    stopped = walk("first_contact", plan)
    assert stopped.asked_ids[-1] == "child_support_check"
    assert "child_name" not in stopped.asked_ids
    assert stopped.engine.next_open() is None  # the refused gate ends the walk


def test_a_stated_adult_whom_the_interviewer_doubts_is_presumed_a_child() -> None:
    plan = {**CHILD_FIRST_CONTACT, "age_years": 19, "age_doubt": True}
    doubted = walk("first_contact", plan)
    _finished(doubted)
    assert "age_band" not in doubted.asked_ids
    assert {"child_route", "child_spontaneous"} <= set(doubted.asked_ids)
    assert ItemRef(QuestionId("age_doubt")) in urgent_items(doubted.engine)


def test_a_child_police_station_warning_only_for_unsuitable_places() -> None:
    plan = {**CHILD_FIRST_CONTACT, "place_type": choice("child_friendly")}
    calm = walk("first_contact", plan)
    _finished(calm)
    assert "place_warning" not in calm.asked_ids
    assert "place_reason" not in calm.asked_ids


def test_later_scripts_put_a_presumed_child_behind_the_guardian_gate() -> None:
    plan = {**LABOUR_IDENTIFICATION, "child_status": choice("uncertain")}
    walked = walk("identification", plan)
    _finished(walked)
    assert walked.asked_ids[:3] == ["session_consent", "child_status", "child_check"]
    refused = walk("identification", {**plan, "child_check": NR.DECLINED})
    assert refused.asked_ids == ["session_consent", "child_status", "child_check"]


# -- fear of return ---------------------------------------------------------------------------


def test_fear_of_return_suggests_asylum_and_turns_off_family_tracing() -> None:
    afraid = walk(
        "risk_assessment",
        {
            "assessment_for": choice("return"),
            "child_status": choice("adult"),
            "fear_return": True,
            "fear_reasons": choices(["the_people_involved", "persecution"]),
            "asylum_advice_wanted": True,
            "risk_level": choice("high"),
        },
    )
    _finished(afraid)
    asked = set(afraid.asked_ids)
    assert {"asylum_note", "asylum_advice_wanted"} <= asked
    assert asked.isdisjoint({"tracing_wanted", "tracing_who"})


def test_a_child_at_risk_is_not_returned() -> None:
    child = walk(
        "risk_assessment",
        {
            "assessment_for": choice("return"),
            "child_status": choice("child"),
            "family_threatened": True,
            "fear_return": False,
            "risk_level": choice("high"),
        },
    )
    _finished(child)
    assert "child_return_note" in child.asked_ids
    assert ItemRef(QuestionId("family_threatened")) in urgent_items(child.engine)


# -- an intake that reuses earlier answers ----------------------------------------------------


def _prior_answers(*walks: tuple[Walk, dt.datetime, str]) -> dict[str, PriorAnswer]:
    prior: dict[str, PriorAnswer] = {}
    for walked, at, session in walks:
        form = walked.engine.form
        for ref, answer in walked.engine.answers.items():
            if ref.instance is None:
                item = form.item(ref.question_id)
                source = f"{form.id}.{item.id}"
                prior[source] = PriorAnswer(source, answer, item.data_class, session, at)
    return prior


def test_an_intake_reuses_what_earlier_sessions_recorded_and_shows_it() -> None:
    first = walk("first_contact", ADULT_FIRST_CONTACT)
    identification = walk("identification", LABOUR_IDENTIFICATION)
    consents = _events(walk("consent_rights", _all_yes_consents()), SESSION_1, "consent")
    prior = _prior_answers(
        (first, SESSION_1, "first contact"), (identification, SESSION_2, "identification")
    )
    intake = script("shelter_intake")
    today = dt.date(2026, 10, 20)
    filled = prefill(intake, prior, consents, recipient=Recipient.SHELTER, today=today)
    reused = {r.ref.question_id: (r.source, r.session) for r in filled.reused}
    assert reused == {
        "child_status": ("identification.child_status", "identification"),
        "age_years": ("first_contact.age_years", "first contact"),
        "origin_country": ("identification.origin_country", "identification"),
        "language_main": ("first_contact.language_main", "first contact"),
        "language_dialect": ("first_contact.language_dialect", "first contact"),
        "language_other": ("first_contact.language_other", "first contact"),
        "staff_gender": ("first_contact.interviewer_gender", "first contact"),
        "interpreter_gender": ("first_contact.interpreter_gender", "first contact"),
        "medicine_needed": ("first_contact.medicine_needed", "first contact"),
        "children_with_you": ("first_contact.children_with_you", "first contact"),
    }
    # An adult was never asked the child's name, so there is nothing to reuse or explain.
    assert "preferred_name" not in {n.ref.question_id for n in filled.not_reused}

    walked = walk(
        "shelter_intake",
        {"interpreter_needed": True, "unwell_now": False, "worried_found": False},
        prefilled=filled.answers,
        today=today,
    )
    _finished(walked)
    assert set(reused).isdisjoint(walked.asked_ids)  # not asked again
    assert "interpreter_needed" in walked.asked_ids  # today's need is asked, not assumed
    assert walked.answer("language_main") == "Romanian"
    assert walked.answer("staff_gender") == {"option": "man"}


def test_without_consent_to_share_with_a_shelter_the_intake_asks_everything_again() -> None:
    first = walk("first_contact", ADULT_FIRST_CONTACT)
    plan = {**_all_yes_consents(), "consent_share_shelter": False}
    consents = _events(walk("consent_rights", plan), SESSION_1, "consent")
    prior = _prior_answers((first, SESSION_1, "first contact"))
    filled = prefill(
        script("shelter_intake"),
        prior,
        consents,
        recipient=Recipient.SHELTER,
        today=dt.date(2026, 10, 20),
    )
    assert filled.answers == {}
    assert {n.reason for n in filled.not_reused} == {"the person refused sharing with shelter"}
    walked = walk("shelter_intake", {"unwell_now": False, "worried_found": False})
    _finished(walked)
    assert {"language_main", "staff_gender", "age_years"} <= set(walked.asked_ids)


def test_every_script_can_be_walked_with_plain_answers() -> None:
    """A smoke walk of each script with default answers: no dead ends, no refused values."""
    for form_id in (
        "first_contact",
        "consent_rights",
        "identification",
        "statement",
        "shelter_intake",
        "risk_assessment",
    ):
        walked = walk(form_id, {"safe_tonight": True, "child_status": choice("adult")})
        assert walked.engine.next_open() is None, form_id
        assert isinstance(walked.engine, Engine)
