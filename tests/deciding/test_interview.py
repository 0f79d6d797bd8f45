"""The interactive walk, driven by a scripted prompter instead of a terminal."""

from __future__ import annotations

import pytest
from prompters import FakePrompter

from triage.deciding import interview
from triage.deciding.interview import Answer, Back, Help, Walk, interpret, view
from triage.errors import ExitStatus, InputEnded


def run(rules, lines, **options):
    prompter = FakePrompter(lines)
    result = interview.run(rules, prompter, **options)
    assert prompter.lines == [], "every scripted line must be read"
    return result, prompter


# ------------------------------------------------------------------ full walks


def test_a_full_walk_to_a_therapeutic_massage_with_a_caution(mini):
    result, prompter = run(mini, ["0", "n", "y", "2", "1"])
    assert prompter.ids == ["signs", "fever", "pain", "duration", "extras"]
    assert result.outcome.id == "therapeutic"
    assert dict(result.answers) == {
        "signs": (),
        "fever": False,
        "pain": True,
        "duration": "weeks",
        "extras": ("pregnancy",),
    }
    assert [c.id for c, _ in result.cautions] == ["pregnancy"]
    assert prompter.told == []


def test_a_walk_skips_hidden_questions(mini):
    result, prompter = run(mini, ["none", "no", "no", "0"])
    assert prompter.ids == ["signs", "fever", "pain", "extras"]
    assert result.outcome.id == "relaxation"


def test_an_emergency_sign_ends_the_walk_after_one_question(mini):
    result, prompter = run(mini, ["2"])
    assert prompter.ids == ["signs"]
    assert result.outcome.id == "emergency"
    assert [f.id for f in result.flags] == ["swollen_calf"]


def test_a_red_flag_ends_the_walk(mini):
    result, prompter = run(mini, ["0", "y"])
    assert prompter.ids == ["signs", "fever"]
    assert result.outcome.id == "see_doctor"


# ------------------------------------------------------------------ going back


def test_going_back_and_changing_an_answer(mini):
    # pain: yes -> at duration, go back -> pain: no -> duration is now hidden
    result, prompter = run(mini, ["0", "n", "y", "b", "n", "0"])
    assert prompter.ids == ["signs", "fever", "pain", "duration", "pain", "extras"]
    again = prompter.shown[4]
    assert again.previous == "yes"
    assert again.number == 3
    assert prompter.shown[2].previous is None
    assert result.outcome.id == "relaxation"
    assert dict(result.answers)["pain"] is False
    assert "duration" not in dict(result.answers)


def test_going_back_twice_shows_each_earlier_answer(mini):
    result, prompter = run(mini, ["0", "n", "b", "b", "1"])
    assert prompter.ids == ["signs", "fever", "pain", "fever", "signs"]
    assert prompter.shown[3].previous == "no"
    assert prompter.shown[4].previous == "none of these"
    assert prompter.shown[4].can_go_back is False
    assert result.outcome.id == "emergency"


def test_an_earlier_answer_is_shown_again_when_the_walk_returns_to_it(mini):
    # answer duration, go back twice to pain, keep yes: duration shows its earlier answer
    _result, prompter = run(mini, ["0", "n", "y", "1", "b", "b", "y", "3"])
    assert prompter.ids == [
        "signs",
        "fever",
        "pain",
        "duration",
        "extras",
        "duration",
        "pain",
        "duration",
    ]
    assert prompter.shown[-1].previous == "A few days"


def test_going_back_on_the_first_question_is_refused(mini):
    result, prompter = run(mini, ["b", "1"])
    assert prompter.told == [
        ("problem", "This is the first question: there is nothing to go back to.")
    ]
    assert prompter.ids == ["signs"]
    assert prompter.read_at == ["signs", "signs"]
    assert result.outcome.id == "emergency"


def test_walk_back_with_nothing_given_stays(mini):
    walk = Walk(mini)
    assert walk.back() == walk


# ------------------------------------------------------------------ help, errors


def test_a_question_mark_shows_the_help(mini):
    _result, prompter = run(mini, ["?", "0", "help", "y"])
    assert prompter.told == [
        ("help", "These signs need urgent care."),
        ("help", "No more help for this question."),
    ]
    assert prompter.ids == ["signs", "fever"]


def test_an_invalid_answer_is_explained_and_asked_again(mini):
    result, prompter = run(mini, ["0", "maybe", "7", "n", "n", "9", "0"])
    assert prompter.told == [
        ("problem", "Please answer y (yes) or n (no)."),
        ("problem", "Please answer y (yes) or n (no)."),
        (
            "problem",
            "Please type the numbers of all that apply (e.g. 1 3), or 0 for none of these.",
        ),
    ]
    assert prompter.read_at == ["signs", "fever", "fever", "fever", "pain", "extras", "extras"]
    assert prompter.ids == ["signs", "fever", "pain", "extras"]
    assert result.outcome.id == "relaxation"


def test_end_of_input_is_input_ended_naming_the_question(mini):
    prompter = FakePrompter(["0"])
    with pytest.raises(InputEnded) as caught:
        interview.run(mini, prompter)
    assert "'fever'" in str(caught.value)
    assert "before a recommendation was reached" in str(caught.value)
    assert caught.value.status == ExitStatus.INPUT_ENDED == 4


def test_ctrl_c_is_not_swallowed(mini):
    with pytest.raises(KeyboardInterrupt):
        interview.run(mini, FakePrompter(["0", KeyboardInterrupt()]))


# ------------------------------------------------------------------ progress


def test_progress_numbers_move_sensibly(mini):
    _result, prompter = run(mini, ["0", "n", "y", "1", "0"])
    numbers = [q.number for q in prompter.shown]
    totals = [q.total for q in prompter.shown]
    assert numbers == [1, 2, 3, 4, 5]
    assert all(n <= t for n, t in zip(numbers, totals, strict=True))
    assert totals == sorted(totals, reverse=True), "the total never grows on the way"
    assert numbers[-1] == totals[-1] == 5


def test_progress_total_shrinks_when_questions_are_hidden(mini):
    _result, prompter = run(mini, ["0", "n", "n", "0"])
    assert [(q.number, q.total) for q in prompter.shown] == [(1, 5), (2, 5), (3, 5), (4, 4)]


def test_progress_after_going_back(mini):
    _result, prompter = run(mini, ["0", "b", "0", "n", "n", "0"])
    assert [q.number for q in prompter.shown] == [1, 2, 1, 2, 3, 4]


# ------------------------------------------------------------------ views, commands


def test_view_of_a_multi_choice_question(mini):
    shown = view(Walk(mini), mini.question("signs"), "en", "client")
    assert shown.kind == "multi_choice"
    assert shown.text == "Do you have any of these right now?"
    assert shown.choices == ((1, "chest_pain", "Chest pain"), (2, "swollen_calf", "A swollen calf"))
    assert shown.none_label == "None of these"
    assert shown.can_go_back is False
    assert shown.hint == "numbers, 0 for none · ? help"


def test_view_hints_per_type(mini):
    walk = Walk(mini, (("signs", ()),))
    assert view(walk, mini.question("fever"), "en", "client").hint == "y/n · b back"
    walk = walk.answer("fever", False).answer("pain", True)
    assert view(walk, mini.question("duration"), "en", "client").hint == "1-3 · b back"
    assert view(walk, mini.question("duration"), "en", "client").none_label is None


def test_view_hint_of_a_number_question(load_text):
    rules = load_text(
        """\
        id: n
        version: "1"
        title: N
        questions:
          - {id: age, type: number, min: 18, max: 99, text: "Age?"}
        outcomes:
          - {id: r, kind: massage, severity: 1, title: R, advice: R., if_worse: R.}
        decisions:
          - {outcome: r, reason: Always.}
        """
    )
    hint = view(Walk(rules), rules.question("age"), "en", "client").hint
    assert "none" not in hint


def test_the_reception_wording_is_shown_to_a_receptionist(default_rules):
    first = default_rules.questions[0]
    _result, prompter = run(default_rules, ["1"], audience="reception")
    assert prompter.shown[0].text == first.text.get("en", "reception")
    assert prompter.shown[0].text != first.text.get("en", "client")
    assert prompter.shown[0].help == first.help.get("en", "reception")


@pytest.mark.parametrize(
    ("line", "command"),
    [("b", Back()), (" BACK ", Back()), ("?", Help()), ("h", Help()), ("help", Help())],
)
def test_interpret_commands(mini, line, command):
    assert interpret(mini.question("fever"), line) == command


def test_interpret_answers(mini):
    assert interpret(mini.question("fever"), "y") == Answer(True)
    assert interpret(mini.question("signs"), "1 2") == Answer(("chest_pain", "swollen_calf"))


def _sample_answers(question):  # a few answers of each kind, enough to open every branch
    from triage.rulesets.model import (
        ChoiceQuestion,
        MultiChoiceQuestion,
        NumberQuestion,
        YesNoQuestion,
    )

    if isinstance(question, YesNoQuestion):
        return [True, False]
    if isinstance(question, ChoiceQuestion):
        return [c.key for c in question.choices]
    if isinstance(question, MultiChoiceQuestion):
        keys = [c.key for c in question.choices]
        return [(), (keys[0],), (keys[-1],), tuple(keys)]
    if isinstance(question, NumberQuestion):
        return [question.min, question.max]
    return ["", "x"]


@pytest.mark.parametrize("audience", ["client", "reception"])
def test_the_counter_never_goes_up_after_going_back_and_changing_an_answer(default_rules, audience):
    """At every question of every walk, whatever the answer (the first one, or another
    one after going back), the next question says fewer may still come."""
    seen = 0

    def walk(state: Walk) -> None:
        nonlocal seen
        question = state.current()
        if question is None or seen > 1500:  # enough walks to pass every question
            return
        shown = view(state, question, "en", audience)
        for value in _sample_answers(question):
            after = state.answer(question.id, value)
            following = after.current()
            if following is not None:
                back = after.back()  # going back shows the question as it was
                assert view(back, question, "en", audience).more == shown.more
                changed = back.answer(question.id, value)
                assert view(changed, following, "en", audience).more < shown.more
                seen += 1
            walk(after)

    walk(Walk(default_rules))
    assert seen > 100
