"""The walk: question order, hiding, early ends, the decision, flags, cautions, assess."""

from __future__ import annotations

import pytest
from problems import edit

from triage.deciding import engine
from triage.deciding.engine import (
    NoOutcome,
    RaisedFlag,
    assess,
    decide,
    next_question,
    remaining,
    settled_at,
)
from triage.errors import AnswerError, ExitStatus

NONE = ()
CALM = {"signs": NONE, "fever": False}  # past the two safety questions


def asked_ids(rules, answers):
    """The ids a walk asks with these answers (stops at the first unanswered one)."""
    ids = []
    given = {}
    while (question := next_question(rules, given)) is not None:
        ids.append(question.id)
        if question.id not in answers:
            break
        given[question.id] = answers[question.id]
    return ids


# ---------------------------------------------------------------- the walk


def test_questions_come_in_rule_order(mini):
    assert next_question(mini, {}).id == "signs"
    assert next_question(mini, {"signs": NONE}).id == "fever"
    assert next_question(mini, CALM).id == "pain"
    assert next_question(mini, {**CALM, "pain": True}).id == "duration"
    assert next_question(mini, {**CALM, "pain": True, "duration": "days"}).id == "extras"


def test_a_question_whose_when_fails_is_skipped(mini):
    assert next_question(mini, {**CALM, "pain": False}).id == "extras"
    assert asked_ids(mini, {**CALM, "pain": False, "extras": NONE}) == [
        "signs",
        "fever",
        "pain",
        "extras",
    ]


def test_the_walk_ends_after_the_last_question(mini):
    assert next_question(mini, {**CALM, "pain": False, "extras": NONE}) is None


def test_an_emergency_sign_ends_the_walk_at_once(mini):
    assert next_question(mini, {"signs": ("chest_pain",)}) is None


def test_a_yes_no_red_flag_ends_the_walk(mini):
    assert next_question(mini, {"signs": NONE, "fever": True}) is None


def test_a_choice_red_flag_ends_the_walk(mini):
    assert next_question(mini, {**CALM, "pain": True, "duration": "months"}) is None
    assert next_question(mini, {**CALM, "pain": True, "duration": "weeks"}).id == "extras"


RED_FLAG_FIRST = """\
id: order
version: "1"
title: Red flags before emergency signs
questions:
  - id: red_flags
    type: multi_choice
    red_flag: see_doctor
    text: Any red flag?
    choices:
      - {key: fever, label: Fever}
  - id: emergency_signs
    type: multi_choice
    red_flag: emergency
    text: Any emergency sign?
    choices:
      - {key: chest_pain, label: Chest pain}
  - id: pain
    type: yes_no
    text: Pain?
outcomes:
  - {id: emergency, kind: referral, severity: 40, ends_walk: true, title: E, advice: E.,
     if_worse: E.}
  - {id: see_doctor, kind: referral, severity: 30, ends_walk: true, title: D, advice: D.,
     if_worse: D.}
  - {id: relaxation, kind: massage, severity: 10, title: R, advice: R., if_worse: R.}
decisions:
  - outcome: see_doctor
    when: {question: red_flags, includes: fever}
    reason: Fever first.
  - outcome: emergency
    when: {question: emergency_signs, includes: chest_pain}
    reason: Chest pain is urgent.
  - outcome: relaxation
    when: {question: pain, answered: true}
    reason: Relax.
"""


def test_see_doctor_does_not_end_the_walk_while_an_emergency_is_still_possible(load_text):
    rules = load_text(RED_FLAG_FIRST)
    flagged = {"red_flags": ("fever",)}
    assert next_question(rules, flagged).id == "emergency_signs"
    # no emergency: the red flag is now certain and the most severe still possible
    assert next_question(rules, {**flagged, "emergency_signs": NONE}) is None
    result = decide(rules, {**flagged, "emergency_signs": NONE})
    assert result.outcome.id == "see_doctor"
    # an emergency sign after the red flag wins, and the red flag is overruled
    result = decide(rules, {**flagged, "emergency_signs": ("chest_pain",)})
    assert result.outcome.id == "emergency"
    assert result.overruled == ("see_doctor",)
    assert [f.id for f in result.flags] == ["fever", "chest_pain"]


def test_without_red_flag_the_later_questions_are_asked(load_text):
    rules = load_text(RED_FLAG_FIRST)
    assert next_question(rules, {"red_flags": NONE, "emergency_signs": NONE}).id == "pain"


# ---------------------------------------------------------------- decide


def test_decide_picks_the_most_severe_outcome_and_its_reasons_only(mini):
    answers = {**CALM, "pain": True, "duration": "months"}
    result = decide(mini, answers)
    assert result.outcome.id == "see_doctor"
    assert [r.reason.get() for r in result.reasons] == [
        "Months of pain should be checked by a doctor."
    ]
    assert result.overruled == ("therapeutic",)


def test_every_reason_of_the_winning_outcome_is_kept(mini):
    result = decide(mini, {"signs": ("chest_pain", "swollen_calf")})
    assert result.outcome.id == "emergency"
    assert [r.reason.get() for r in result.reasons] == [
        "Chest pain needs urgent care.",
        "A swollen calf needs urgent care.",
    ]
    assert [r.evidence for r in result.reasons] == [
        (("signs", ("chest_pain", "swollen_calf")),),
        (("signs", ("chest_pain", "swollen_calf")),),
    ]
    assert result.overruled == ()


def test_a_reason_carries_the_answers_that_made_it_apply(mini):
    result = decide(mini, {**CALM, "pain": True, "duration": "days", "extras": NONE})
    assert result.outcome.id == "therapeutic"
    (fired,) = result.reasons
    assert fired.reason.get() == "A recent pain; the assessment decides."
    assert fired.evidence == (("pain", True), ("duration", "days"))


# A decision "in doubt": its own advice replaces the outcome's, and the result says so.
IN_DOUBT = """\
    reason: A recent pain; the assessment decides.
    in_doubt: true
    advice:
      en: The assessment decides; it may become a relaxation massage.
      reception: Book the assessment; it may become a relaxation massage.
"""
RECENT = {**CALM, "pain": True, "duration": "days", "extras": NONE}


def in_doubt_rules(load_text, mini_text, extra=""):
    text = edit(mini_text, "    reason: A recent pain; the assessment decides.\n", IN_DOUBT)
    return load_text(edit(text, "cautions:\n", extra + "cautions:\n"))


def test_a_decision_in_doubt_gives_its_own_advice_and_the_marker(load_text, mini_text):
    result = decide(in_doubt_rules(load_text, mini_text), RECENT)
    assert result.outcome.id == "therapeutic"
    assert result.in_doubt
    assert result.advice.get() == "The assessment decides; it may become a relaxation massage."
    assert result.advice.get("en", "reception").startswith("Book the assessment")
    assert result.outcome.advice.get() == "Book a therapeutic massage with an assessment."


def test_without_a_decision_advice_the_outcome_advice_is_given(mini):
    result = decide(mini, RECENT)
    assert not result.in_doubt
    assert result.advice is result.outcome.advice


def test_a_firm_reason_for_the_same_outcome_removes_the_doubt(load_text, mini_text):
    firm = "  - {outcome: therapeutic, when: {question: pain, is: yes}, reason: A pain.}\n"
    result = decide(in_doubt_rules(load_text, mini_text, firm), RECENT)
    assert [r.reason.get() for r in result.reasons] == [
        "A recent pain; the assessment decides.",
        "A pain.",
    ]
    assert not result.in_doubt
    assert result.advice.get().startswith("The assessment decides")  # the first advice given


def test_a_more_severe_outcome_takes_neither_the_doubt_nor_its_advice(load_text, mini_text):
    rules = in_doubt_rules(load_text, mini_text)
    result = assess(rules, {**RECENT, "fever": True})
    assert result.outcome.id == "see_doctor"
    assert not result.in_doubt
    assert result.advice.get() == "A doctor should look at this before any massage."


def test_flags_from_a_multi_choice_red_flag(mini):
    result = decide(mini, {"signs": ("chest_pain", "swollen_calf")})
    assert result.flags == (
        RaisedFlag("chest_pain", "signs", "emergency"),
        RaisedFlag("swollen_calf", "signs", "emergency"),
    )


def test_flags_from_a_yes_no_red_flag(mini):
    assert decide(mini, {"signs": NONE, "fever": True}).flags == (
        RaisedFlag("fever", "fever", "see_doctor"),
    )
    assert engine.flags(mini, {"signs": NONE, "fever": False}) == ()


def test_flags_from_a_choice_level_red_flag(mini):
    answers = {**CALM, "pain": True, "duration": "months"}
    assert decide(mini, answers).flags == (RaisedFlag("months", "duration", "see_doctor"),)
    assert engine.flags(mini, {**CALM, "pain": True, "duration": "weeks"}) == ()


def test_no_flags_and_no_cautions_on_a_calm_walk(mini):
    result = decide(mini, {**CALM, "pain": False, "extras": NONE})
    assert result.outcome.id == "relaxation"
    assert result.flags == ()
    assert result.cautions == ()


def test_cautions_in_rule_order_with_their_evidence(mini):
    result = decide(mini, {**CALM, "pain": False, "extras": ("pregnancy", "varicose")})
    assert result.outcome.id == "relaxation"
    assert [c.id for c, _ in result.cautions] == ["pregnancy", "varicose"]
    assert [fired.evidence for _, fired in result.cautions] == [
        (("extras", ("pregnancy", "varicose")),),
        (("extras", ("pregnancy", "varicose")),),
    ]


def test_no_applying_decision_raises_no_outcome(mini):
    with pytest.raises(NoOutcome):
        decide(mini, {})
    with pytest.raises(NoOutcome):
        decide(mini, {**CALM, "extras": NONE})  # pain never answered


# ---------------------------------------------------------------- assess


def test_assess_walks_the_given_answers(mini):
    given = {"extras": ("pregnancy",), "pain": False, "fever": False, "signs": NONE}
    result = assess(mini, given)
    assert result.outcome.id == "relaxation"
    assert result.answers == (
        ("signs", NONE),
        ("fever", False),
        ("pain", False),
        ("extras", ("pregnancy",)),
    )
    assert result.ignored == ()
    assert [c.id for c, _ in result.cautions] == ["pregnancy"]


@pytest.mark.parametrize(
    ("given", "missing", "accepted"),
    [
        ({}, "'signs' (Do you have any of these right now?)", "any of chest_pain, swollen_calf"),
        ({"signs": NONE}, "'fever' (Do you have a fever?)", "yes, no"),
        ({**CALM, "pain": True}, "'duration' (Since when?)", "one of days, weeks, months"),
    ],
)
def test_assess_names_the_missing_question_and_its_accepted_values(mini, given, missing, accepted):
    with pytest.raises(AnswerError) as caught:
        assess(mini, given)
    message = str(caught.value)
    assert message.startswith(f"no answer for {missing}; accepted: ")
    assert accepted in message
    assert caught.value.status == ExitStatus.ANSWERS_INVALID


def test_assess_reports_answers_the_walk_never_reached(mini):
    hidden = assess(mini, {**CALM, "pain": False, "duration": "weeks", "extras": NONE})
    assert hidden.ignored == ("duration",)
    assert "duration" not in dict(hidden.answers)
    assert hidden.outcome.id == "relaxation"

    ended = assess(mini, {"signs": ("chest_pain",), "fever": True, "pain": False})
    assert ended.outcome.id == "emergency"
    assert ended.ignored == ("fever", "pain")
    assert ended.answers == (("signs", ("chest_pain",)),)
    # the unreached fever answer raises no flag
    assert [f.id for f in ended.flags] == ["chest_pain"]
    # ...but the person sees what it would have raised, had it been asked
    assert ended.ignored_flags == (RaisedFlag("fever", "fever", "see_doctor"),)
    assert hidden.ignored_flags == ()


def test_an_item_answered_where_the_walk_did_not_go_keeps_its_flag_for_the_person(mini):
    """A red-flag item of a hidden question: its key, its question and the outcome it
    allows are all kept (a list's item is not its question)."""
    given = {**CALM, "pain": False, "duration": "months", "extras": NONE}
    result = assess(mini, given)
    assert result.ignored == ("duration",)
    assert result.ignored_flags == (RaisedFlag("months", "duration", "see_doctor"),)
    assert result.flags == ()


def test_assess_does_not_need_answers_after_an_early_end(mini):
    assert assess(mini, {"signs": NONE, "fever": True}).outcome.id == "see_doctor"


def test_assess_raises_no_outcome_when_no_decision_applies(load_text):
    rules = load_text(
        """\
        id: gap
        version: "1"
        title: Gap
        questions:
          - {id: pain, type: yes_no, text: "Pain?"}
        outcomes:
          - {id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: R.}
        decisions:
          - {outcome: relax, when: {question: pain, is: no}, reason: No pain.}
        """
    )
    assert assess(rules, {"pain": False}).outcome.id == "relax"
    with pytest.raises(NoOutcome):
        assess(rules, {"pain": True})


# ---------------------------------------------------------------- remaining, reached


@pytest.mark.parametrize(
    ("answers", "count"),
    [
        ({}, 4),  # fever, pain, duration (may show), extras
        ({"signs": NONE}, 3),
        (CALM, 2),  # duration may still show
        ({**CALM, "pain": True}, 1),  # extras after duration
        ({**CALM, "pain": False}, 0),  # duration hidden: extras is the last
        ({"signs": NONE, "pain": False}, 2),  # pain and extras; duration known hidden
    ],
)
def test_remaining_counts_the_questions_that_may_still_come(mini, answers, count):
    assert remaining(mini, answers) == count


# ---------------------------------------------------------------- scores

SCORED = """\
id: scored
version: "1"
title: Scored
questions:
  - {id: tired, type: yes_no, text: "Tired?"}
  - {id: worried, type: yes_no, text: "Worried?"}
scores:
  - id: distress
    title: Distress
    sum:
      - {question: tired}
      - {question: worried, weights: {"yes": 2}}
outcomes:
  - {id: therapeutic, kind: massage, severity: 20, title: T, advice: T., if_worse: T.}
  - {id: relaxation, kind: massage, severity: 10, title: R, advice: R., if_worse: R.}
decisions:
  - {outcome: therapeutic, when: {score: distress, ">=": 2}, reason: High distress.}
  - {outcome: relaxation, when: {score: distress, "<": 2}, reason: Low distress.}
"""


@pytest.mark.parametrize(
    ("answers", "count"),
    [
        ({}, 3),  # worried, then "talk" (its score not known yet), then "end"
        ({"tired": False}, 2),  # the score can still reach 2: "talk" may come
        ({"tired": False, "worried": False}, 0),  # score 0: "talk" is hidden, "end" last
        ({"tired": True, "worried": True}, 1),  # score 3: "talk" shows, then "end"
    ],
)
def test_remaining_counts_a_question_shown_by_a_score_until_its_items_are_known(
    load_text, answers, count
):
    rules = load_text(
        SCORED.replace(
            "scores:",
            '  - {id: talk, type: yes_no, text: "Talk?", when: {score: distress, ">=": 2}}\n'
            "  - {id: end, type: yes_no, text: 'End?'}\n"
            "scores:",
        )
    )
    assert remaining(rules, answers) == count


@pytest.mark.parametrize(
    ("tired", "worried", "total", "outcome"),
    [
        (False, False, 0, "relaxation"),
        (True, False, 1, "relaxation"),
        (False, True, 2, "therapeutic"),
        (True, True, 3, "therapeutic"),
    ],
)
def test_a_score_sums_weighted_answers(load_text, tired, worried, total, outcome):
    rules = load_text(SCORED)
    result = assess(rules, {"tired": tired, "worried": worried})
    assert result.scores == {"distress": total}
    assert result.outcome.id == outcome
    assert result.reasons[0].evidence == (("score:distress", total),)


def test_a_yes_no_weight_can_be_written_as_documented(load_text):
    rules = load_text(SCORED.replace('{"yes": 2}', "{yes: 2}"))
    assert assess(rules, {"tired": False, "worried": True}).scores == {"distress": 2}


# ---------------------------------------------- what mutation testing found


FLAG_AFTER_GAPS = """
id: gaps
version: "1"
title: Gaps
questions:
  - {id: gate, type: yes_no, text: "Gate?"}
  - {id: hidden, type: yes_no, text: "Hidden?", when: {question: gate, is: yes}}
  - {id: pain, type: number, min: 0, max: 10, text: "Pain?"}
  - {id: late, type: yes_no, text: "Late?", red_flag: doctor}
outcomes:
  - {id: doctor, kind: referral, severity: 30, ends_walk: true, title: D, advice: D., if_worse: D.}
  - {id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: R.}
decisions:
  - {outcome: doctor, when: {question: late, is: yes}, reason: Late.}
  - {outcome: relax, when: {question: late, is: no}, reason: Fine.}
"""


def test_a_red_flag_after_an_unanswered_and_a_number_question_is_raised(load_text):
    rules = load_text(FLAG_AFTER_GAPS)
    result = engine.assess(rules, {"gate": False, "pain": 3, "late": True})
    assert [f.id for f in result.flags] == ["late"]
    assert result.outcome.id == "doctor"


TWO_READS = """
id: two
version: "1"
title: Two
questions:
  - {id: first, type: yes_no, text: "First?"}
  - {id: stop, type: yes_no, text: "Stop?"}
  - {id: second, type: yes_no, text: "Second?"}
scores:
  - {id: both, title: Both, sum: [{question: first}, {question: second}]}
outcomes:
  - {id: urgent, kind: referral, severity: 40, ends_walk: true, title: U, advice: U., if_worse: U.}
  - {id: doctor, kind: referral, severity: 30, ends_walk: true, title: D, advice: D., if_worse: D.}
  - {id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: R.}
decisions:
  - {outcome: urgent, when: WHEN, reason: Both.}
  - {outcome: doctor, when: {question: stop, is: yes}, reason: Stop.}
  - {outcome: relax, reason: Always.}
"""


@pytest.mark.parametrize(
    "when",
    ["{all: [{question: first, is: yes}, {question: second, is: yes}]}", '{score: both, ">=": 2}'],
    ids=["two questions", "a score"],
)
def test_a_decision_is_open_until_its_last_question_is_answered(load_text, when):
    """The walk may not end on a less severe outcome while a later answer could change it."""
    rules = load_text(TWO_READS.replace("WHEN", when))
    assert engine.next_question(rules, {"first": True, "stop": True}).id == "second"
    result = engine.assess(rules, {"first": True, "stop": True, "second": True})
    assert result.outcome.id == "urgent"
    assert engine.next_question(rules, {"first": False, "stop": True}).id == "second"


def test_an_unanswered_score_item_adds_nothing(load_text):
    rules = load_text(TWO_READS.replace("WHEN", '{score: both, ">=": 1}'))
    assert engine.decide(rules, {"first": False, "stop": False}).outcome.id == "relax"
    assert engine.decide(rules, {"first": False, "stop": False}).scores == {"both": 0}
    assert engine.decide(rules, {"first": True, "stop": False}).outcome.id == "urgent"


# ---------------------------------------------------------------- what a result carries

WEIGHTED = """\
id: weighted
version: "1"
title: {en: Weighted, fr: Pondéré}
languages: [en, fr]
questions:
  - id: where
    type: multi_choice
    text: {en: "Where?", fr: "Où ?"}
    choices:
      - {key: back, label: {en: Back, fr: Dos}}
      - {key: neck, label: {en: Neck, fr: Cou}}
  - {id: details, type: text, text: {en: "Details?", fr: "Détails ?"}}
scores:
  - id: load
    title: {en: Load, fr: Charge}
    sum:
      - {question: where, weights: {back: 2, neck: 0.5}}
outcomes:
  - {id: therapeutic, kind: massage, severity: 20, title: {en: T, fr: T}, advice: {en: T., fr: T.},
     if_worse: {en: T., fr: T.}}
  - {id: relaxation, kind: massage, severity: 10, title: {en: R, fr: R}, advice: {en: R., fr: R.},
     if_worse: {en: R., fr: R.}}
decisions:
  - {outcome: therapeutic, when: {score: load, ">=": 2}, reason: {en: High., fr: Haut.}}
  - {outcome: relaxation, when: {score: load, "<": 2}, reason: {en: Low., fr: Bas.}}
cautions:
  - id: heavy
    when: {score: load, ">": 2}
    title: {en: Heavy load, fr: Charge lourde}
    advice: {en: Go gently., fr: Doucement.}
"""


def test_a_multi_choice_score_adds_each_chosen_item_s_weight(load_text):
    rules = load_text(WEIGHTED)
    assert assess(rules, {"where": ("neck",)}).scores == {"load": 0.5}
    both = assess(rules, {"where": ("back", "neck")})
    assert both.scores == {"load": 2.5}
    assert both.outcome.id == "therapeutic"
    (caution, fired) = both.cautions[0]
    assert caution.id == "heavy"
    assert fired.reason == caution.title
    assert fired.evidence == (("score:load", 2.5),)


def test_an_unanswered_free_text_is_recorded_empty(load_text):
    result = assess(load_text(WEIGHTED), {"where": ()})
    assert result.answers == (("where", ()), ("details", ""))


def test_a_missing_answer_is_named_in_the_person_s_language(load_text):
    with pytest.raises(AnswerError, match=r"^no answer for 'where' \(Où \?\)"):
        assess(load_text(WEIGHTED), {}, lang="fr")


def test_a_dead_end_says_to_verify_the_rule_set(load_text):
    rules = load_text(
        WEIGHTED.replace('">=": 2}, reason: {en: High', '">=": 3}, reason: {en: High')
    )
    with pytest.raises(NoOutcome, match=r"dead end \(run 'triage rules verify' on it\)$"):
        assess(rules, {"where": ("back",)})


def test_a_decision_is_settled_after_every_question_it_reads_scores_included(load_text):
    rules = load_text(
        SCORED.replace("scores:", "  - {id: extra, type: yes_no, text: 'Extra?'}\nscores:").replace(
            'when: {score: distress, ">=": 2}, reason',
            'when: {all: [{score: distress, ">=": 2}, {question: extra, is: yes}]}, reason',
        )
        + "  - {outcome: relaxation, reason: Always.}\n"
    )
    # tired (0) and worried (1) through the score, extra (2) itself; none for "always"
    assert settled_at(rules) == (2, 1, -1)


def test_an_ending_decision_that_reads_nothing_ends_the_walk_before_any_question(load_text):
    rules = load_text(
        SCORED.replace("if_worse: T.}", "if_worse: T., ends_walk: true}").replace(
            'when: {score: distress, ">=": 2}, reason', "reason"
        )
    )
    assert next_question(rules, {}) is None
    result = assess(rules, {})
    assert (result.outcome.id, result.answers, result.ignored) == ("therapeutic", (), ())
    assert decide(rules, {}).ignored == ()


# ---------------------------------------------------------------- the plan, once per rule set


def test_a_walk_computes_its_rule_set_s_plan_once_not_at_every_step(default_rules, monkeypatch):
    """The plan (where each decision is settled) costs a pass over every decision:
    a walk must pay it once, not at each of its questions."""
    computed = []
    real = engine.settled_at
    monkeypatch.setattr(engine, "settled_at", lambda rules: computed.append(rules) or real(rules))
    monkeypatch.setattr(engine, "_plans", {})
    rules = default_rules.model_copy()  # a rule set this process has not walked yet
    answers = {"emergency_signs": (), "age": "18_to_49", "cautions": (), "red_flags": ()}
    result = assess(rules, {**answers, "discomfort": False})
    assert result.outcome.id == "relaxation" and len(result.answers) > 4
    assert computed == [rules]
    assess(rules, {**answers, "discomfort": False})
    assert computed == [rules]  # and not again for the next walk of the same rules


def test_a_process_that_loads_many_rule_sets_keeps_a_few_plans_only(default_rules, monkeypatch):
    monkeypatch.setattr(engine, "_plans", {})
    kept = [default_rules.model_copy() for _ in range(40)]  # alive: no id is reused
    for rules in kept:
        next_question(rules, {"emergency_signs": ()})
        assert 1 <= len(engine._plans) <= 16
    assert engine._plans[id(kept[-1])][0] is kept[-1]


# ---------------------------------------------------------------- items offered where they apply

OFFERED = """\
id: offered
version: "1"
title: Offered
questions:
  - {id: tired, type: yes_no, text: "Tired?"}
  - {id: worried, type: yes_no, text: "Worried?"}
  - {id: sport, type: yes_no, text: "Sport?", when: {question: tired, is: no}}
  - id: helps
    type: multi_choice
    text: What helps?
    choices:
      - {key: rest, label: Rest, when: {score: load, ">=": 2}}
      - {key: run, label: A run, when: {question: sport, is: yes}}
    none_label: Nothing
scores:
  - {id: load, title: Load, sum: [{question: tired}, {question: worried}]}
outcomes:
  - {id: relaxation, kind: massage, severity: 10, title: R, advice: R., if_worse: R.}
decisions:
  - {outcome: relaxation, reason: Always.}
"""
REFUSED = "the item does not apply to these answers; leave it out, or check the answers before it"


@pytest.mark.parametrize(
    ("answers", "keys"),
    [
        ({"tired": True, "worried": True}, ["rest"]),  # a score of 2; "sport" never asked
        ({"tired": False, "worried": True, "sport": True}, ["run"]),  # a score of 1
        ({"tired": False, "worried": False, "sport": False}, []),
    ],
)
def test_a_list_whose_every_item_has_a_condition_offers_those_that_hold(load_text, answers, keys):
    """Items offered by a score's total, or by an answer; none is offered unconditionally."""
    rules = load_text(OFFERED)
    shown = engine.offered(rules, rules.question("helps"), answers)
    assert [c.key for c in shown.choices] == keys
    assert engine.not_offered(rules, rules.question("helps"), answers, tuple(keys)) == ""


def test_assess_refuses_an_item_a_score_hides_naming_every_answer_the_score_reads(load_text):
    rules = load_text(OFFERED)
    given = {"tired": False, "worried": False, "sport": False, "helps": ("rest",)}
    with pytest.raises(AnswerError) as refused:
        assess(rules, given)
    assert str(refused.value) == f"helps=rest is not offered after tired=no, worried=no: {REFUSED}"


def test_assess_refuses_an_item_whose_question_was_never_asked(load_text):
    """The item reads an answer that does not exist: the message says so in general words."""
    rules = load_text(OFFERED)
    given = {"tired": True, "worried": False, "helps": ("run",)}
    with pytest.raises(AnswerError) as refused:
        assess(rules, given)
    assert str(refused.value) == f"helps=run is not offered after the answers given: {REFUSED}"
    assert refused.value.status == ExitStatus.ANSWERS_INVALID
