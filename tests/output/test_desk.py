"""At the reception desk, without a terminal: the free-text question type's answers and
walk (its rules: tests/rulesets/test_free_text.py), the parts of the end of a call (To do,
Say, safety-net), the compact booking note, and wrapping at word boundaries."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from texted import TEXTED

from triage.cli.environment import Environment
from triage.deciding import engine, interview
from triage.deciding.answers import from_typed, from_value
from triage.deciding.interview import Walk, view
from triage.errors import AnswerError
from triage.output.booking_note import booking_note
from triage.output.call_end import call_lines
from triage.output.formats import to_plain
from triage.output.wrapping import GLUE, wrap


@pytest.fixture
def texted(load_text):
    return load_text(TEXTED)


# ------------------------------------------------------------ the answers


def test_a_free_text_is_one_line_without_control_characters(texted):
    question = texted.question("where_else")
    assert from_typed(question, "  left heel \n") == "left heel"
    assert from_typed(question, "\n") == ""  # Enter: nothing to note
    assert from_typed(question, "-\n") == ""
    assert from_typed(question, "côté gauche, près du talon"[:20]) == "côté gauche, près du"
    for bad in ("left\theel", "left\x1b[31mheel", "left\u202eheel", "a\u2028b", "a\x00b"):
        with pytest.raises(AnswerError, match="control character"):
            from_typed(question, bad)
    with pytest.raises(AnswerError, match="21 characters long: at most 20"):
        from_typed(question, "x" * 21)


def test_a_free_text_given_up_front(texted):
    question = texted.question("where_else")
    assert from_value(question, "left heel") == "left heel"
    assert from_value(question, None) == ""
    for bad in (True, 12, ["a"], "two\nlines"):
        with pytest.raises(AnswerError):
            from_value(question, bad)


def test_assess_records_a_free_text_left_out_as_empty(texted):
    result = engine.assess(texted, {"pain": True, "place": ("other",)})
    assert dict(result.answers)["where_else"] == ""
    assert result.outcome.id == "therapeutic"


# ------------------------------------------------------------ the walk


class Scripted:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.shown: list[interview.QuestionView] = []

    def show(self, question: interview.QuestionView) -> None:
        self.shown.append(question)

    def tell(self, message: str, kind: str = "info") -> None:
        pass

    def read(self, question: interview.QuestionView) -> str:
        return self.lines.pop(0) + "\n"


def test_after_going_back_enter_keeps_the_earlier_answer(texted):
    prompter = Scripted(["y", "2", "b", "", "left heel"])
    result = interview.run(texted, prompter)
    assert dict(result.answers) == {"pain": True, "place": ("other",), "where_else": "left heel"}
    again = prompter.shown[3]
    assert (again.id, again.previous) == ("place", "Somewhere else")
    assert [q.number for q in prompter.shown] == [1, 2, 3, 2, 3]


def test_after_going_back_a_free_text_shows_how_to_keep_or_clear_it(texted):
    walk = Walk(texted, (("pain", True), ("place", ("other",)), ("where_else", "heel"))).back()
    shown = view(walk, texted.question("where_else"), "en", "client")
    assert shown.previous == "heel"
    assert shown.hint.startswith("a line of text, Enter keeps, - for none")
    prompter = Scripted(["-"])
    command = interview.ask(prompter, shown, texted.question("where_else"), "en", "heel")
    assert command == interview.Answer("")  # "-" clears it


def test_the_counter_counts_what_can_still_be_asked(texted):
    prompter = Scripted(["y", "2", "heel"])
    interview.run(texted, prompter)
    assert [q.progress for q in prompter.shown] == [
        "Question 1, up to 2 more",
        "Question 2, up to 1 more",
        "Question 3, the last",
    ]
    assert [q.progress_short for q in prompter.shown][-1] == "3 · last"
    prompter = Scripted(["y", "1"])  # no "somewhere else": the walk ends before "up to 1"
    interview.run(texted, prompter)
    assert [q.number for q in prompter.shown] == [1, 2]


def test_a_free_text_question_is_shown_with_its_hint(texted):
    walk = Walk(texted, (("pain", True), ("place", ("other",))))
    shown = view(walk, texted.question("where_else"), "en", "reception")
    assert shown.text == "Where else does the caller feel it?"
    assert shown.hint == "a line of text, Enter for none · b back · s so far"  # on demand
    assert shown.progress == "Question 3, the last"


# ------------------------------------------------------------ the end of a call


@pytest.fixture
def call_doc(texted, make_doc):
    result = engine.assess(texted, {"pain": True, "place": ("other",), "where_else": "heel"})
    return make_doc(result, texted, audience="reception")


def test_to_do_and_say_are_apart(call_doc):
    assert call_doc.to_do == (
        "Book: Therapeutic massage (75 min)",
        "Note the place on the booking.",
    )
    assert call_doc.say == "I am booking you a therapeutic massage."
    assert call_doc.safety_net == "See a doctor if it gets worse."  # the caller's wording
    assert call_doc.if_worse == "A doctor if worse."  # unchanged: the receptionist's
    assert [(d.question, d.name, d.answer) for d in call_doc.details] == [
        ("where_else", "Other place", "heel")
    ]
    assert call_doc.trace[0].named_answers[0].name == "Pain"


def test_the_note_is_compact_and_says_when_and_by_whom(call_doc):
    note = booking_note(call_doc, "2026-12-07 15:35 +01:00", caller_ref="B-7", by="Anna")
    assert note.splitlines() == [
        "TRIAGE NOTE - 2026-12-07 15:35 +01:00",
        "Screened by: Anna",
        "Book: Therapeutic massage (75 min)",
        "Recommendation: Therapeutic",
        "Why: Pain (yes)",
        "Place: Somewhere else",
        "Cautions: none",
        "Other place: heel",
        "Caller ref: B-7",
    ]  # the script's version and the sha256 stay in the history and the JSON
    from dataclasses import replace

    doubt = booking_note(replace(call_doc, in_doubt=True)).splitlines()
    assert doubt[3] == "IN DOUBT: the assessment decides"  # under the recommendation


def test_a_typical_therapeutic_note_fits_in_600_characters(default_rules, make_doc):
    answers = {
        "emergency_signs": (),
        "age": "18_to_49",
        "pregnancy_warning_signs": False,
        "red_flags": (),
        "discomfort": True,
        "areas": ("neck", "shoulder", "other"),
        "areas_other": "between the shoulder blades",
        "duration": "months",
        "same_spot": True,
        "worse_in_positions": True,
        "limits_movement": False,
        "organises_around_it": True,
        "cautions": ("pregnancy", "blood_thinners"),
        "cautions_details": "24 weeks pregnant; takes warfarin",
    }
    for lang in ("en", "fr"):
        doc = make_doc(engine.assess(default_rules, answers), default_rules, lang=lang)
        note = booking_note(doc, when="2026-12-01 10:42 UTC", caller_ref="B-1042")
        assert len(note) <= 620, (lang, len(note), note)  # "about 600"
        assert note.count("therapeutic work") == 0  # no reason's sentence, five times over
        assert "24 weeks pregnant; takes warfarin" in note
        assert "between the shoulder blades" in note


def test_the_end_of_a_call_wraps_at_word_boundaries_and_the_note_never(call_doc):
    """Say, then To do (the receptionist's verdict), then the note exactly as pasted."""
    note = booking_note(call_doc, "2026-12-07 15:35 +01:00", by="Anna")
    shown = call_lines(call_doc, note, 24, "Saved as screening 7.")
    lines = [line for line, _style in shown]
    end = lines.index("Saved as screening 7.")
    assert lines[end + 1 :] == note.rstrip("\n").split("\n")  # never wrapped nor indented
    assert all(len(line) <= 24 for line in lines[:end])
    heading = [line for line, style in shown if style == "heading"]
    assert heading == ["Say to the caller:", "To do - Therapeutic", "Saved as screening 7."]
    words = " ".join(lines).split()
    parts = ["Say to the caller:", call_doc.say, "Safety-net (say it too):"]
    parts += [call_doc.verdict.safety_net, "To do - Therapeutic"]
    parts += ["-", call_doc.to_do[0], "-", call_doc.to_do[1], "Saved as screening 7.", note]
    assert words == " ".join(parts).split()


def test_plain_results_wrap_on_a_terminal_and_not_in_a_pipe(call_doc):
    assert all(len(line) <= 30 for line in to_plain(call_doc, 30).splitlines())
    assert to_plain(call_doc, 30).split() == to_plain(call_doc).split()
    assert "Details for the therapist:" in to_plain(call_doc)


def test_the_width_is_the_terminal_s_and_none_in_a_pipe():
    tty = Environment(stderr=io.StringIO(), stderr_isatty=True, environ={"COLUMNS": "57"})
    assert tty.columns(tty.stderr) == 57
    pipe = Environment(stderr=io.StringIO(), stderr_isatty=False, environ={"COLUMNS": "57"})
    assert pipe.columns(pipe.stderr) is None


# ------------------------------------------------------------ wrapping

WORD = st.text(alphabet="abcdéèàçôAB'-", min_size=1, max_size=14)


@given(st.lists(WORD, min_size=1, max_size=60), st.integers(min_value=20, max_value=200))
def test_wrapping_never_cuts_a_word_nor_a_hyphenated_one(words, width):
    text = " ".join(words)
    lines = wrap(text, width, "- ", "  ")
    assert " ".join(lines)[2:].split() == words  # the same words, none cut, none joined
    assert all(len(line) <= width for line in lines)  # no word here is longer than a line


def test_glue_keeps_a_number_with_its_label():
    lines = wrap(f"1){GLUE}Neck  2){GLUE}Shoulder  3){GLUE}Upper back", 14)
    assert lines == ["1) Neck", "2) Shoulder", "3) Upper back"]


def test_french_hyphenated_words_stay_whole():
    text = "L'une de ces situations concerne-t-elle la personne en ce moment ?"
    for width in range(20, 60):
        lines = wrap(text, width)
        assert any("concerne-t-elle" in line.split() for line in lines), (width, lines)
        assert not any(line.endswith("-") for line in lines)
