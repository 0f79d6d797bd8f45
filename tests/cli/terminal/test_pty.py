"""The command line in a real pseudo-terminal, driven as a person would drive it.

Each test spawns `python -m triage` (the interpreter running pytest) in a pty of 40 x 120,
waits for each question, types an answer and checks what a person would see: the
questions (stderr), the recommendation panel (stdout), and the exit status. Questions
and the result share the terminal here, as they do for a person.

Rich wraps long lines at the terminal's width and draws a box around the result, so
checks on the result are made on `words()`: the transcript without escape sequences,
box characters or line breaks.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pexpect
import pytest
from terminal_session import ANSI, PROMPT, finish, spawn, transcript

BOX = re.compile(r"[\u2500-\u257f]")  # box-drawing characters (Rich panels)

# The questions of the default rule set, as a person sees them.
Q = {
    "emergency_signs": "Do you have any of these right now?",
    "age": "How old are you?",
    "cautions": "Does any of these apply to you? They usually change how the massage is done",
    "pregnancy_warning_signs": "In this pregnancy, do you have any of these right now",
    "red_flags": "Does any of these apply to you at the moment?",
    "discomfort": "Is there a specific pain or discomfort you would like to have addressed?",
    "areas": "Where do you feel it?",
    "duration": "How long have you had it?",
    "same_spot": "Does it keep coming back to the same spot?",
    "worse_in_positions": "Does it get worse in certain positions?",
    "limits_movement": "Does it stop you from making certain movements?",
    "organises_around_it": "Have you started organising your day around it?",
    "therapist_note": "Anything else your therapist should know?",
}
# The questions about the discomfort's history: never asked after a red flag.
HISTORY = ("discomfort", "areas", "duration", "same_spot", "worse_in_positions")

# The outcomes' titles; the result shows "Recommendation" with one of them (in the
# panel's border or first line, or as "Recommendation: TITLE" in plain text).
TITLE_THERAPEUTIC = "A therapeutic massage, starting with an assessment"
TITLE_RELAXATION = "A relaxation massage"
TITLE_SEE_DOCTOR = "See a doctor before any massage"
TITLE_URGENT_DOCTOR = "See a doctor today, before any massage"
TITLE_EMERGENCY = "Get emergency help now"
# The end of the see_doctor verdict: what to do, then the safety-net in one line.
SEE_DOCTOR_NEXT = (
    "See a doctor in the next few days (today if intense); then book the massage. "
    "Worse: a doctor today. Stroke signs, chest pain: the emergency number now."
)


# ------------------------------------------------------------------ helpers


def ask(child: pexpect.spawn, text: str) -> str:
    """Wait for a question (or message) `text`, then for the prompt; return what came between."""
    child.expect_exact(text)
    child.expect_exact(PROMPT)
    return str(child.before)


def answer(child: pexpect.spawn, text: str, reply: str) -> str:
    """Wait for `text` and its prompt, then type `reply` and Enter."""
    shown = ask(child, text)
    child.sendline(reply)
    return shown


def words(text: str) -> str:
    """The text as words only: no escape sequences, boxes, bullets or line breaks."""
    text = BOX.sub(" ", ANSI.sub("", text))
    return " ".join(text.replace("•", " ").split())


def recommends(said: str, title: str) -> bool:
    """Whether the words of a transcript give a recommendation with this title."""
    return "Recommendation" in said and title in said


def background(child: pexpect.spawn, cautions: str = "0") -> None:
    """No emergency sign, aged 18 to 49, these cautions: the questions before the red flags."""
    answer(child, Q["emergency_signs"], "0")
    answer(child, Q["age"], "3")
    answer(child, Q["cautions"], cautions)


def walk_to_relaxation(child: pexpect.spawn) -> None:
    background(child)
    answer(child, Q["red_flags"], "0")
    answer(child, Q["discomfort"], "n")
    answer(child, Q["therapist_note"], "")  # nothing to note


# -------------------------------------------------------------------- walks


def test_full_walk_to_therapeutic_with_a_caution() -> None:
    child = spawn()
    answer(child, "Question 1, up to 15 more", "0")
    answer(child, Q["age"], "3")
    answer(child, "Question 3, up to 13 more", "2")  # the cautions: blood thinners
    answer(child, Q["red_flags"], "none")
    answer(child, Q["discomfort"], "y")
    answer(child, Q["areas"], "1 2")
    answer(child, Q["duration"], "3")
    answer(child, Q["same_spot"], "n")
    answer(child, Q["worse_in_positions"], "n")
    answer(child, Q["limits_movement"], "n")
    answer(child, Q["organises_around_it"], "n")
    answer(child, "Question 12, up to 1 more", "on warfarin")  # the free-text details
    answer(child, "Question 13, the last", "desk work, prefers firm pressure")  # the note

    out, status = finish(child)

    assert status == 0
    said = words(out)
    assert recommends(said, TITLE_THERAPEUTIC)
    assert "Why" in said
    assert "The discomfort has lasted 2 weeks or more" in said
    assert "(answers: Duration: More than 3 months)" in said  # short names, never ids
    assert "Details for the therapist Caution details: on warfarin" in said
    assert "For the therapist: desk work, prefers firm pressure" in said
    assert "Cautions for the therapist" in said
    assert "Blood thinners or a bleeding disorder: Tell your therapist" in said
    assert "If things get worse" in said
    assert "Rule set massage-triage-default 1.2.0" in said
    assert "Traceback" not in out


def test_walk_to_relaxation() -> None:
    child = spawn()
    answer(child, Q["emergency_signs"], "0")
    answer(child, Q["age"], "3")
    shown = answer(child, "Question 3, up to 13 more", "0")  # the cautions, before the red flags
    assert "None of these" in shown
    answer(child, Q["red_flags"], "0")
    answer(child, Q["discomfort"], "no")  # no discomfort, no caution: only the note is left
    answer(child, Q["therapist_note"], "")

    out, status = finish(child)

    assert status == 0
    said = words(out)
    assert recommends(said, TITLE_RELAXATION)
    assert "No specific pain to address" in said
    assert "(answers: Discomfort: no)" in said
    assert "Cautions for the therapist" not in said
    for question in ("areas", "duration", "same_spot"):
        assert Q[question] not in out


def test_red_flag_ends_the_walk_before_any_history_question() -> None:
    child = spawn()
    background(child)
    answer(child, Q["red_flags"], "2 5")  # a recent fall, night pain
    mark = len(transcript(child))

    out, status = finish(child)

    assert status == 0
    after = out[mark:]
    for question in HISTORY:
        assert Q[question] not in after
    assert "Question 5" not in after
    assert "b back" not in after  # no prompt: nothing more is asked
    said = words(after)
    assert recommends(said, TITLE_SEE_DOCTOR)
    assert "WARNING SIGNS" in said
    assert said.endswith("SEE A DOCTOR FIRST: no massage for now " + SEE_DOCTOR_NEXT)
    assert "A recent fall, accident or knock (for example a sports impact)" in said
    assert "Pain at night that does not ease with rest" in said
    assert TITLE_THERAPEUTIC not in said and TITLE_RELAXATION not in said


def test_new_weakness_means_a_doctor_today_and_ends_the_walk() -> None:
    child = spawn()
    background(child)
    answer(child, Q["red_flags"], "6")  # a foot that drags, a hand that drops things
    mark = len(transcript(child))

    out, status = finish(child)

    assert status == 0
    said = words(out[mark:])
    assert recommends(said, TITLE_URGENT_DOCTOR)
    assert "a doctor should see it today" in said
    assert "Call your doctor's practice now and ask to be seen today" in said
    assert Q["discomfort"] not in out


def test_the_pregnancy_warning_signs_are_asked_only_in_pregnancy_and_are_an_emergency() -> None:
    child = spawn()
    background(child, cautions="1 3")  # pregnancy, varicose veins
    answer(child, "Question 4, up to 12 more", "y")
    mark = len(transcript(child))

    out, status = finish(child)

    assert status == 0
    assert Q["pregnancy_warning_signs"] in out
    after = out[mark:]
    assert Q["red_flags"] not in after
    said = words(after)
    assert recommends(said, TITLE_EMERGENCY)
    assert "the maternity unit or the emergency number, now" in said
    # no advice about a massage under an emergency: the cautions are only noted
    assert "Cautions noted Pregnancy Varicose veins" in said
    assert "Tell your therapist when you book" not in said


def test_emergency_sign_ends_the_walk_at_the_first_question() -> None:
    child = spawn()
    answer(child, Q["emergency_signs"], "3")
    mark = len(transcript(child))

    out, status = finish(child)

    assert status == 0
    after = out[mark:]
    assert Q["age"] not in after and Q["red_flags"] not in after
    assert "Question 2" not in after
    said = words(after)
    assert recommends(said, TITLE_EMERGENCY)
    assert "WARNING SIGNS" in said
    assert "EMERGENCY: get help now Call now: 15 or 112 in France" in said  # the verdict, last
    assert "Chest pain or sudden breathlessness needs urgent medical care" in said
    assert "Call your local emergency number now" in said


# ----------------------------------------------------------- moving around


def test_back_changes_an_earlier_answer() -> None:
    child = spawn()
    background(child)
    answer(child, Q["red_flags"], "0")
    answer(child, "Question 5, up to 8 more", "y")
    answer(child, Q["areas"], "b")
    shown = ask(child, "Question 5, up to 8 more")  # the same question, same place
    assert Q["discomfort"] in shown
    assert "(your earlier answer: yes; Enter keeps it)" in shown
    mark = len(transcript(child))
    child.sendline("n")  # no discomfort, no caution: only the note is left
    answer(child, Q["therapist_note"], "")

    out, status = finish(child)

    assert status == 0
    after = out[mark:]
    assert Q["areas"] not in after
    assert Q["duration"] not in after
    said = words(after)
    assert recommends(said, TITLE_RELAXATION)
    assert "(answers: Discomfort: no)" in said


def test_back_at_the_first_question_is_explained() -> None:
    child = spawn()
    shown = ask(child, Q["emergency_signs"])
    assert "b back" not in shown  # not offered on the first question
    child.sendline("b")
    ask(child, "Not understood: This is the first question: there is nothing to go back to.")
    child.sendline("0")
    ask(child, "Question 2, up to 14 more")
    child.sendintr()

    out, status = finish(child)

    assert status == 130
    assert out.count(Q["emergency_signs"]) == 1


def test_invalid_answer_is_explained_and_the_question_asked_again() -> None:
    child = spawn()
    answer(child, Q["emergency_signs"], "0")
    answer(child, Q["age"], "3")
    answer(child, "Question 3, up to 13 more", "9")  # the cautions have 8 choices
    ask(child, "Not understood: Please type the numbers of all that apply")
    child.expect_exact("9")  # the refused answer is back on the line, to be corrected
    child.sendline("\x7f0")  # Backspace, then 0
    answer(child, "Question 4, up to 11 more", "14")  # 13 red flags offered at 18 to 49
    ask(child, "Not understood: Please type the numbers of all that apply")
    child.expect_exact("14")
    child.sendline("\x15" + "0")  # Ctrl-U clears the line
    answer(child, Q["discomfort"], "maybe")
    between = ask(child, "Not understood: Please answer y (yes) or n (no).")
    assert "Question 6" not in between
    assert child.before.endswith("y/n · ? help · b back ")  # the same question's prompt
    child.expect_exact("maybe")
    child.sendline("\x17n")  # Ctrl-W deletes the word: no discomfort, no caution
    answer(child, Q["therapist_note"], "")  # only the note is left

    out, status = finish(child)

    assert status == 0
    assert recommends(words(out), TITLE_RELAXATION)
    assert out.count(Q["discomfort"]) == 1  # asked again at the prompt, not shown twice
    assert "Traceback" not in out


@pytest.mark.parametrize("typed", ["?", "help"])
def test_help_shows_the_questions_help(typed: str) -> None:
    child = spawn()
    background(child)
    answer(child, Q["red_flags"], "0")
    answer(child, Q["discomfort"], typed)
    helped = ask(child, "something bothers you in a particular place")
    assert "Not understood" not in helped
    assert "General aches after a move, a ski weekend or a heavy week" in words(helped)
    child.sendline("n")  # the same question is still waiting for its answer
    answer(child, Q["therapist_note"], "")

    out, status = finish(child)

    assert status == 0
    assert recommends(words(out), TITLE_RELAXATION)


# --------------------------------------------------------------- leaving


def test_ctrl_c_at_a_question_cancels() -> None:
    child = spawn()
    background(child)
    answer(child, Q["red_flags"], "0")
    ask(child, Q["discomfort"])
    child.sendintr()

    out, status = finish(child)

    assert status == 130
    assert "cancelled" in out
    assert "Traceback" not in out
    assert "Aborted" not in out
    assert "Recommendation" not in out


def test_ctrl_d_at_a_question_ends_input_clearly() -> None:
    child = spawn()
    background(child)
    ask(child, Q["red_flags"])
    child.sendeof()

    out, status = finish(child)

    assert status == 4
    said = words(out)
    assert "triage: error: input ended at question 'red_flags'" in said
    assert "before a recommendation was reached" in said
    assert "Traceback" not in out
    assert "Recommendation" not in out


def test_questions_in_the_terminal_while_json_goes_to_a_file(tmp_path: Path) -> None:
    result = tmp_path / "result.json"
    script = 'exec "$0" -m triage --format json > "$1"'
    child = spawn("-c", script, sys.executable, str(result), colour=True, program="/bin/sh")
    walk_to_relaxation(child)

    out, status = finish(child)

    assert status == 0
    assert "Question 5, up to 8 more" in words(out)
    assert "relaxation" not in out  # the result is in the file, not on the terminal
    doc = json.loads(result.read_text(encoding="utf-8"))
    assert doc["outcome"] == "relaxation"
    assert doc["answers"] == {
        "emergency_signs": [],
        "age": "18_to_49",
        "cautions": [],
        "red_flags": [],
        "discomfort": False,
        "therapist_note": "",
    }


# ------------------------------------------------------- colour and boxes


def test_colour_terminal_shows_colours_and_the_same_words() -> None:
    child = spawn(colour=True)
    walk_to_relaxation(child)

    out, status = finish(child)

    assert status == 0
    assert re.search(r"\x1b\[[0-9;]*3[0-9]m", out), "no colour escape in a colour terminal"
    assert "╭" in out and "╰" in out and "│" in out
    said = words(out)
    assert "Question 1, up to 15 more" in said
    assert recommends(said, TITLE_RELAXATION)
    assert "No specific pain to address" in said


def test_no_color_has_no_colour_but_keeps_the_words() -> None:
    child = spawn()
    walk_to_relaxation(child)

    out, status = finish(child)

    assert status == 0
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", out), "colour despite NO_COLOR"
    assert recommends(words(out), TITLE_RELAXATION)


ASSESS_THERAPEUTIC = (
    "assess",
    *("-a", "emergency_signs=none", "-a", "age=18_to_49", "-a", "cautions=varicose_veins"),
    *("-a", "red_flags=none", "-a", "discomfort=yes"),
    *(
        "-a",
        "areas=neck,shoulder",
        "-a",
        "duration=weeks",
        "-a",
        "same_spot=yes",
        "-a",
        "worse_in_positions=no",
    ),
    *("-a", "limits_movement=no", "-a", "organises_around_it=no"),
)


def test_assess_renders_the_rich_panel() -> None:
    child = spawn(*ASSESS_THERAPEUTIC, colour=True)

    out, status = finish(child)

    assert status == 0
    lines = ANSI.sub("", out).splitlines()
    assert lines[0].startswith("╭") and lines[0].rstrip().endswith("╮")
    assert any(line.startswith("╰") for line in lines)
    assert all(len(line) <= 120 for line in lines)
    assert any(line.startswith("│") and line.rstrip().endswith("│") for line in lines[1:])
    said = words(out)
    assert recommends(said, TITLE_THERAPEUTIC)
    assert "The discomfort has lasted 2 weeks or more" in said
    assert "The discomfort keeps coming back to the same spot" in said
    assert "Varicose veins: Tell your therapist where they are" in said
    assert "Question" not in said  # nothing asked


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--plain",), {}), ((), {"TERM": "dumb"})],
    ids=["--plain", "TERM=dumb"],
)
def test_assess_plain_has_no_boxes_and_no_escapes(
    args: tuple[str, ...], env: dict[str, str]
) -> None:
    child = spawn(*ASSESS_THERAPEUTIC, *args, colour=True, **env)

    out, status = finish(child)

    assert status == 0
    assert not BOX.search(out)
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0] == f"Recommendation: {TITLE_THERAPEUTIC}"
    assert set(lines[1]) == {"="}
