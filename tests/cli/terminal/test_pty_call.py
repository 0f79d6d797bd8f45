"""Phone screening (`triage call`) in a real pseudo-terminal, typed as a receptionist would.

Each test spawns `python -m triage call ...` (the interpreter running pytest) in a pty of
40 x 120. Yes/no questions and short choices take one key press, sent with `child.send`
and no Enter; lists take a line. Before pressing a single key the tests wait until the
program has switched the terminal out of line mode (ICANON off), exactly when a person
could press the key: so a yes/no read as a line fails here (the key is never read)
instead of passing by accident.

The end of a call (Say to the caller, To do, then the booking note) and the questions
are wrapped to the terminal's width at word boundaries, so texts are checked on
`words()`; the booking note is never wrapped, so it is checked line by line. Calls are
stored in the history at TRIAGE_DB (a temporary file), then read back with
`triage history` and with sqlite3 directly.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import pexpect
import pytest
from calls import (
    BOOK_RELAXATION,
    BOOK_THERAPEUTIC,
    CLIENT,
    RULES_SHA256,
    SCREENED,
    YES_NO_HINT,
    C,
    answer,
    ask,
    background,
    booking_note,
    call_end,
    headline,
    lines,
    press,
    progress,
    safety_net,
    say,
    so_far,
    spaced,
    stored,
    therapeutic_note,
    to_do,
    undated,
    wait_for_single_key_mode,
    words,
)
from cli_run import process
from terminal_session import PROMPT, finish, spawn, transcript

# ---------------------------------------------------------- a full call


# (question, how it is answered, what is typed, what the summary then says)
THERAPEUTIC_CALL = [
    ("emergency_signs", "line", "0", "Emergency signs: none of these"),
    ("age", "line", "3", "Age: 18 to 49"),  # a line: an age may be said as a number
    ("cautions", "line", "1", "Cautions: Pregnancy"),
    ("pregnancy_warning_signs", "key", "n", "Pregnancy warning signs: no"),
    ("red_flags", "line", "0", "Red flags: none of these"),
    ("discomfort", "key", "y", "Discomfort: yes"),
    ("areas", "line", "1 2", "Areas: Neck, Shoulder"),
    ("duration", "key", "3", "Duration: More than 3 months"),
    ("same_spot", "key", "n", "Same spot: no"),
    ("worse_in_positions", "key", "n", "Worse in positions: no"),
    ("limits_movement", "key", "n", "Limits movement: no"),
    ("organises_around_it", "key", "n", "Life organised around it: no"),
    ("cautions_details", "line", "24 weeks", "Caution details: 24 weeks"),  # free text
    ("therapist_note", "line", "-", "For the therapist: nothing to note"),  # free text
]
KEY_HINTS = {"duration": "1-3 · ? help · b back · s so far"}
# No emergency sign, 18 to 49, no caution: what every shorter call answers first
# (`background()` types it), as the summary then says it.
BACKGROUND = "Emergency signs: none of these | Age: 18 to 49 | Cautions: none of these"


def test_full_call_to_a_therapeutic_booking_is_stored(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    child = spawn("call", "--caller-ref", "B-1042", TRIAGE_DB=str(db))

    said_so_far: list[str] = []
    counted: list[tuple[int, int]] = []
    for number, (question, how, typed, said) in enumerate(THERAPEUTIC_CALL, 1):
        text = C[question]
        shown = ask(child, text)
        counted.append(progress(shown))
        assert f"] {text}" in words(shown)  # third person
        assert counted[-1][0] == number  # the counter never jumps
        assert "so far:" not in shown  # not read out at every question: on demand
        if question in ("age", "same_spot", "cautions_details"):
            assert so_far(child, how == "key") == " | ".join(said_so_far)
        if how == "key":
            hint = KEY_HINTS.get(question, YES_NO_HINT)
            assert words(shown).endswith(f"{hint} >")
            wait_for_single_key_mode(child, text)
            child.send(typed)
        else:
            child.sendline(typed)
        said_so_far.append(said)

    out, status = finish(child)

    assert status == 0
    assert "Traceback" not in out
    mores = [more for _number, more in counted]
    assert mores == sorted(mores, reverse=True) and mores[-1] == 0, counted  # then "last"
    for text in CLIENT:  # never the client's wording
        assert text not in out
    assert "Question 1" not in out
    assert [  # one choice a line
        line for line in lines(out) if line.startswith(("1) Neck", "2) Sh", "3) Up"))
    ] == ["1) Neck", "2) Shoulder", "3) Upper back"]
    assert "1-3 · ? help · b back · s so far > 3" in words(out)  # the key pressed is shown
    steps, spoken, net = call_end(out)
    # "24 weeks" was typed: To do does not ask for it again.
    assert steps == words(
        f"- {BOOK_THERAPEUTIC} - {to_do('therapeutic')} - Pregnancy. Check the weeks in the"
        " details, and the clinic's policy (some ask for the midwife's or doctor's agreement)."
    )
    assert "Ask how many weeks" not in out
    assert spoken == words(say("therapeutic"))  # second person, read aloud
    assert net == words(safety_net("therapeutic"))
    note = booking_note(out)
    assert note == therapeutic_note("B-1042")
    assert len("\n".join(note)) <= 600

    # The history, through the tool: the list, then the note again.
    listed = process("history", "list", "--db", str(db))
    assert listed.code == 0, listed.err
    header, *rows = listed.out.splitlines()
    assert header.split()[:2] == ["id", "time"]
    assert len(rows) == 1
    row_id, when, mode, outcome, flags, ref = re.split(r"\s{2,}", rows[0].strip())
    assert (row_id, mode, outcome, flags, ref) == (
        "1",
        "call",
        "THERAPEUTIC MASSAGE",
        "-",
        "B-1042",
    )
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d [+-]\d\d:\d\d", when)  # local, with offset
    shown_again = process("history", "show", "1", environ={"TRIAGE_DB": str(db)})
    assert shown_again.code == 0, shown_again.err
    assert "Mode:       call" in shown_again.out
    assert "Caller ref: B-1042" in shown_again.out
    again = shown_again.out.split("\n\n", 1)[1].splitlines()
    assert undated(again) == note  # the note as shown

    # And in the file itself.
    (row,) = stored(db)
    assert row["mode"] == "reception"
    assert row["outcome"] == "therapeutic"
    assert row["caller_ref"] == "B-1042"
    assert row["rules_sha256"] == RULES_SHA256
    assert json.loads(row["answers"]) == {
        "emergency_signs": [],
        "age": "18_to_49",
        "cautions": ["pregnancy"],
        "pregnancy_warning_signs": False,
        "red_flags": [],
        "discomfort": True,
        "areas": ["neck", "shoulder"],
        "duration": "months",
        "same_spot": False,
        "worse_in_positions": False,
        "limits_movement": False,
        "organises_around_it": False,
        "cautions_details": "24 weeks",  # the free text, in the history
        "therapist_note": "",
    }
    assert json.loads(row["flags"]) == []
    assert json.loads(row["cautions"]) == ["pregnancy"]


# ------------------------------------------------- calls ended early


def test_red_flag_ends_the_call_with_the_words_to_say_and_is_stored(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    child = spawn("call", "--caller-ref", "R-7", TRIAGE_DB=str(db))
    background(child)
    answer(child, C["red_flags"], "2 5")  # a recent fall, night pain
    mark = len(transcript(child))

    out, status = finish(child)

    assert status == 0
    after = out[mark:]
    for question in ("discomfort", "areas", "duration"):
        assert C[question] not in after
    assert "[5 " not in after
    assert "so far:" not in after
    assert "b back" not in after  # no prompt: nothing more is asked
    flags = (
        "A recent fall, accident or knock (for example a sports impact), "
        "Pain at night that does not ease with rest or a change of position"
    )
    assert words(after).startswith("2 5 Say to the caller:")
    steps, spoken, net = call_end(after)
    assert f"To do - {headline('see_doctor')} - Signs: {flags} - " in words(after)
    assert steps == words(
        f"- Signs: {flags} - Do not book a massage for now. - {to_do('see_doctor')}"
    )
    said, where = spoken.split(" Where to call: ")  # then the numbers to call
    assert said == words(say("see_doctor"))
    assert "15 (SAMU) or 112 in France" in where
    assert net == words(safety_net("see_doctor"))
    assert booking_note(after) == [
        "TRIAGE NOTE",
        "Book: no massage for now",
        "Recommendation: See a doctor before any massage",
        f"RED FLAG: {flags}",  # the flags' answers: not repeated on a "Why" line
        "Age: 18 to 49",
        "Cautions: none",
        "Asked, answered none: Emergency signs",
        "Caller ref: R-7",
    ]
    (row,) = stored(db)
    assert (row["mode"], row["outcome"], row["caller_ref"]) == ("reception", "see_doctor", "R-7")
    assert json.loads(row["flags"]) == ["recent_trauma", "night_pain"]
    assert "RED FLAG: A recent fall, accident or knock" in row["note"]


def test_emergency_at_the_first_question_says_to_hang_up_and_call_now(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    child = spawn("call", TRIAGE_DB=str(db))
    shown = answer(child, C["emergency_signs"], "3")  # chest pain or sudden breathlessness
    assert progress(shown) == (1, 15)
    mark = len(transcript(child))

    out, status = finish(child)

    assert status == 0
    after = out[mark:]
    assert C["red_flags"] not in after
    assert "[2 " not in after
    steps, spoken, net = call_end(after)
    # What to do for the caller, apart from the words read to them.
    assert f"To do - {headline('emergency')} - Signs: " in words(after)
    assert steps == words(
        f"- Signs: Chest pain or sudden breathlessness - Do not book a massage for now."
        f" - {to_do('emergency')}"
    )
    assert "call it for them and stay on the line" in steps
    said, where = spoken.split(" Where to call: ")  # then the numbers to call
    assert said == words(say("emergency"))
    assert "15 (SAMU) or 112 in France" in where
    assert "Please hang up now and call the emergency number" in spoken
    assert net == words(safety_net("emergency"))
    assert "Call your local emergency number now" not in out  # not the written advice
    note = booking_note(after)
    assert note[:4] == [
        "TRIAGE NOTE",
        "Book: no massage for now",
        "Recommendation: Get emergency help now",
        "RED FLAG: Chest pain or sudden breathlessness",
    ]
    assert note[-1] == "Cautions: none"  # nothing asked after the emergency sign
    (row,) = stored(db)
    assert (row["mode"], row["outcome"]) == ("reception", "emergency")
    assert json.loads(row["flags"]) == ["chest_pain_or_breathless"]


# ----------------------------------------------------------- moving around


def test_going_back_to_discomfort_and_answering_no_books_relaxation() -> None:
    child = spawn("call", "--no-save")
    background(child)
    answer(child, C["red_flags"], "0")
    press(child, C["discomfort"], "y")
    answer(child, C["areas"], "1")
    press(child, C["duration"], "b")  # one key: back to the areas

    shown = ask(child, C["areas"])
    assert progress(shown) == (6, 7)  # the same place as before
    assert "(earlier answer: Neck; Enter keeps it)" in words(shown)
    assert so_far(child, False) == f"{BACKGROUND} | Red flags: none of these | Discomfort: yes"
    child.sendline("b")  # a list takes a line, "b" included: back to the discomfort

    shown = ask(child, C["discomfort"])
    assert progress(shown) == (5, 8)
    assert "(earlier answer: yes" in words(shown)
    assert so_far(child, True) == f"{BACKGROUND} | Red flags: none of these"
    wait_for_single_key_mode(child, C["discomfort"])
    child.send("n")  # no more questions about the pain: only the note is left
    shown = answer(child, C["therapist_note"], "-")
    assert progress(shown) == (6, 0)
    mark = len(transcript(child))

    out, status = finish(child)

    assert status == 0
    after = out[mark:]
    # No more questions about the pain (nor any other: no caution, so no details): the
    # call ends at the note, with no 7th question and no prompt.
    assert "[7 " not in after
    assert "so far:" not in after
    assert "b back" not in after
    assert C["areas"] not in after
    assert C["duration"] not in after
    assert call_end(after)[1] == words(say("relaxation"))
    note = booking_note(after)
    assert note[:4] == [
        "TRIAGE NOTE",
        BOOK_RELAXATION,
        "Recommendation: A relaxation massage",
        "Why: Discomfort (no)",
    ]
    assert not any(line.startswith(("Areas:", "Duration:")) for line in note)


# ------------------------------------------------- mistakes and leaving


def to_duration(child: pexpect.spawn) -> None:
    """Through the background and the red flags to the duration, with pain in the neck."""
    background(child)
    answer(child, C["red_flags"], "0")
    press(child, C["discomfort"], "y")
    answer(child, C["areas"], "1")


def test_after_going_back_enter_keeps_the_earlier_key() -> None:
    child = spawn("call", "--no-save")
    to_duration(child)
    press(child, C["duration"], "2")  # 2 weeks to 3 months
    before = ask(child, C["same_spot"])
    said_before = so_far(child, True)
    wait_for_single_key_mode(child, C["same_spot"])
    child.send("b")  # one key: back to the duration

    shown = ask(child, C["duration"])
    assert "(earlier answer: 2 weeks to 3 months; Enter keeps it)" in words(shown)
    wait_for_single_key_mode(child, C["duration"])
    time.sleep(0.6)  # read the question, then keep the answer
    child.send("\r")

    again = ask(child, C["same_spot"])
    assert progress(again) == progress(before)
    said_again = so_far(child, True)
    assert said_again == said_before
    assert said_again.endswith("Duration: 2 weeks to 3 months")
    child.sendintr()
    child.expect(pexpect.EOF)


def test_after_a_back_key_enter_keeps_the_earlier_line() -> None:
    child = spawn("call", "--no-save")
    to_duration(child)
    press(child, C["duration"], "b")  # one key: back to the areas, a list

    ask(child, C["areas"])
    time.sleep(0.6)
    child.sendline("")  # Enter keeps "Neck"

    shown = ask(child, C["duration"])
    assert so_far(child, True).endswith("Discomfort: yes | Areas: Neck")
    assert "Not understood" not in words(shown)
    child.sendintr()
    child.expect(pexpect.EOF)


def test_an_enter_right_after_the_back_key_keeps_nothing() -> None:
    """ "b" and Enter out of habit: the Enter does not undo going back."""
    child = spawn("call", "--no-save")
    to_duration(child)
    press(child, C["duration"], "2")
    press(child, C["same_spot"], "b\r")

    ask(child, C["duration"])
    with pytest.raises(pexpect.TIMEOUT):  # still at the duration, waiting for a key
        child.expect(spaced(C["same_spot"]), timeout=1.5)
    wait_for_single_key_mode(child, C["duration"])
    child.send("1")  # less than 2 weeks: the answer changes
    ask(child, C["same_spot"])
    assert so_far(child, True).endswith("Duration: Less than 2 weeks (from a few hours)")
    child.sendintr()
    child.expect(pexpect.EOF)


def test_a_whole_call_typed_ahead_at_once_loses_no_key(tmp_path: Path) -> None:
    """Lines and single keys typed before any of them is asked: each answers its own."""
    child = spawn("call", "--no-save", TRIAGE_DB=str(tmp_path / "h.sqlite3"))
    child.expect("Does the caller have any of these right now")
    child.expect_exact(PROMPT)
    child.send("0\r3\r" + "0\r0\rn")  # list, age, list, list, key
    # A line typed straight after `n` would make one word of them ("n-"): a word ended
    # with Enter is one answer. The note is typed once it is asked.
    child.expect_exact(C["therapist_note"])
    child.send("-\r")
    out, status = finish(child)
    assert status == 0
    assert BOOK_RELAXATION in out
    assert "Not understood" not in out


def test_an_invalid_key_is_explained_and_the_same_question_asked_again() -> None:
    child = spawn("call", "--no-save")
    answer(child, C["emergency_signs"], "0")
    answer(child, C["age"], "200")  # a choice's number, or an age from 0 to 130
    ask(child, "Not understood: Please type a number from 1 to 4, or a number from 0 to 130")
    child.expect_exact("200")  # the refused answer is back on the line, to be corrected
    child.sendline("\x15" + "3")  # Ctrl-U clears it
    answer(child, C["cautions"], "0")
    answer(child, C["red_flags"], "0")
    press(child, C["discomfort"], "x")

    between = ask(child, "Not understood: Please answer y (yes) or n (no).")
    assert "[6 " not in between  # not the next question: the same one, asked again
    assert child.before.endswith(YES_NO_HINT + " ")  # the same question's prompt again
    wait_for_single_key_mode(child, "the discomfort, asked again")
    child.send("?")  # help, in the receptionist's wording
    ask(child, '"Yes" for a particular pain or stiffness')
    wait_for_single_key_mode(child, "the discomfort, after its help")
    child.send("y")
    answer(child, C["areas"], "2")
    press(child, C["duration"], "7")  # only 1-3
    ask(child, "Not understood: Please type a number from 1 to 3")
    wait_for_single_key_mode(child, "the duration, asked again")
    child.send("1")
    ask(child, C["same_spot"])
    assert so_far(child, True).endswith("Duration: Less than 2 weeks (from a few hours)")
    child.sendintr()  # hang on: the caller has gone

    out, status = finish(child)

    assert status == 130
    assert out.count(C["discomfort"]) == 1  # asked again at its prompt, not shown twice
    assert out.count(C["duration"]) == 1
    assert out.count(C["age"]) == 1
    assert lines(out)[-2:] == ["cancelled", ""]
    assert "Traceback" not in out


def test_ctrl_c_at_a_single_key_question_cancels_stores_nothing_and_restores_the_terminal(
    tmp_path: Path,
) -> None:
    db = tmp_path / "history.sqlite3"
    # A shell around the call, as at a desk: after the call, `stty` shows the terminal's
    # mode (single-key mode must not outlive the call). The shell's trap only keeps the
    # shell alive through Ctrl-C; the call gets the default signal handling.
    script = 'trap "true" INT; "$0" -m triage call --caller-ref C-1; echo "status=$?"; stty -a'
    child = spawn("-c", script, sys.executable, program="/bin/sh", TRIAGE_DB=str(db))
    background(child)
    answer(child, C["red_flags"], "0")
    press(child, C["discomfort"], "y")
    answer(child, C["areas"], "4")
    ask(child, C["duration"])
    wait_for_single_key_mode(child, C["duration"])
    child.sendintr()

    out, status = finish(child)

    assert status == 0, out  # the shell's, i.e. stty's
    assert "status=130" in lines(out)
    assert "cancelled" in lines(out)
    assert "Traceback" not in out
    assert "Aborted" not in out
    assert "TRIAGE NOTE" not in out
    assert "Tell the caller" not in out
    assert "Say to the caller" not in out
    assert not db.exists(), "a cancelled call was stored"
    modes = words(out.split("status=130", 1)[1]).split()
    assert "icanon" in modes and "-icanon" not in modes, "the terminal was left in single keys"
    assert "echo" in modes and "-echo" not in modes, "the terminal was left without echo"


# ------------------------------------------------------- other ways in


def test_for_reception_is_the_same_call(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    child = spawn("--for", "reception", "--caller-ref", "F-5", TRIAGE_DB=str(db))
    shown = answer(child, C["emergency_signs"], "0")
    assert f"[1 · up to 15 more] {C['emergency_signs']}" in words(shown)
    answer(child, C["age"], "3")
    shown = ask(child, "[3 · up to 13 more]")
    assert C["cautions"] in words(shown)
    assert so_far(child, False) == "Emergency signs: none of these | Age: 18 to 49"
    child.sendline("0")
    answer(child, C["red_flags"], "0")
    press(child, C["discomfort"], "n")
    answer(child, C["therapist_note"], "prefers firm pressure")

    out, status = finish(child)

    assert status == 0
    for text in CLIENT:
        assert text not in out
    assert "Question 1" not in out
    assert call_end(out) == (
        words(f"- {BOOK_RELAXATION} - {to_do('relaxation')}"),
        words(say("relaxation")),
        words(safety_net("relaxation")),
    )
    assert booking_note(out) == [
        "TRIAGE NOTE",
        BOOK_RELAXATION,
        "Recommendation: A relaxation massage",
        "Why: Discomfort (no)",
        "Age: 18 to 49",
        "Cautions: none",
        "For the therapist: prefers firm pressure",  # the note, typed as said
        SCREENED,
        "Caller ref: F-5",
    ]
    (row,) = stored(db)
    assert (row["mode"], row["outcome"], row["caller_ref"]) == ("reception", "relaxation", "F-5")


# ------------------------------------------------- storage failure


def test_storage_failure_after_the_note_is_one_line_and_exit_6(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("keep me\n", encoding="utf-8")
    db = blocker / "history.sqlite3"
    child = spawn("call", "--caller-ref", "S-3", TRIAGE_DB=str(db))
    background(child)
    answer(child, C["red_flags"], "0")
    press(child, C["discomfort"], "n")
    answer(child, C["therapist_note"], "-")

    out, status = finish(child)

    assert status == 6
    assert "Traceback" not in out
    assert booking_note(out) == [  # the whole note, before anything goes wrong
        "TRIAGE NOTE",
        BOOK_RELAXATION,
        "Recommendation: A relaxation massage",
        "Why: Discomfort (no)",
        "Age: 18 to 49",
        "Cautions: none",
        SCREENED,
        "Caller ref: S-3",
    ]
    said = lines(out)
    rest = [line for line in said[said.index("Caller ref: S-3") + 1 :] if line.strip()]
    assert len(rest) == 1, rest  # one line, after the note
    (error,) = rest
    assert error.startswith(f"triage: error: cannot create the screening history at {db}: ")
    assert f"{blocker} is a file, not a folder" in error
    assert "--db or TRIAGE_DB" in error
    assert blocker.read_text(encoding="utf-8") == "keep me\n"


def test_keys_typed_ahead_are_kept_and_a_stray_enter_is_no_answer(tmp_path: Path) -> None:
    """A receptionist who types ahead, or presses Enter after a key, loses nothing."""
    child = spawn("call", "--no-save", TRIAGE_DB=str(tmp_path / "h.sqlite3"))
    child.expect("Does the caller have any of these right now")
    child.send("0\r3\r")  # a list and the age, typed before the age is shown
    child.expect("They usually change how the massage")
    child.expect(" > ")
    child.send("0\r0\rn\r")  # two lists, a yes/no and a stray Enter, before they are shown
    # "no" to discomfort was kept, and the Enter after its key is no answer to the note.
    ask(child, C["therapist_note"])
    time.sleep(0.6)
    child.send("\r")  # nothing to note: the call ends
    child.expect_exact(BOOK_RELAXATION)
    child.expect(pexpect.EOF)
    assert "Not understood" not in (child.before or "")
    assert "[7 " not in words(transcript(child))  # no question after the note
    assert "Not understood" not in transcript(child)  # nor anywhere in the call
    child.close()
    assert child.exitstatus == 0


def test_an_enter_after_a_key_is_not_taken_as_the_next_answer(tmp_path: Path) -> None:
    child = spawn("call", "--no-save", TRIAGE_DB=str(tmp_path / "h.sqlite3"))
    child.expect("Does the caller have any of these right now")
    child.sendline("0")
    child.expect("How old is the caller")
    child.expect(" > ")
    child.sendline("3")
    child.expect("They usually change how the massage")
    child.sendline("0")
    child.expect("Does any of these apply to the caller at the moment")
    child.sendline("0")
    child.expect("specific pain or discomfort")
    child.send("y\r")  # the key answers; the Enter after it must not answer the areas
    child.expect("Where does the caller feel it")
    child.expect(" > ")
    child.sendline("1")
    child.expect("How long")
    assert "Not understood" not in (child.before or "")
    # Hang up once the question waits for its key, as the other calls here do: a Ctrl-C
    # sent while the question is still being written raced its printing.
    wait_for_single_key_mode(child, "the duration")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
