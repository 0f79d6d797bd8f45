"""One answer is one answer, in a real terminal: a word typed at a single-key question
and ended with Enter answers that question, whole, in English and in French; a word
that is no answer is refused there; keys typed ahead still answer one question each.
Then what a terminal can do to a single-key question: bytes that are not UTF-8, a
hang-up with SIGHUP ignored, and signals that end the program."""

from __future__ import annotations

import json
import os
import pty
import signal
import sys
import time
from pathlib import Path

import pexpect
import pytest
from calls import (
    C,
    answer,
    ask,
    background,
    lines,
    press,
    wait_for_single_key_mode,
    words,
)
from terminal_session import PROMPT, ROOT, environment, finish, spawn

from triage.cli.terminal.prompter import STRAY_ENTER


def result(out: str) -> dict[str, object]:
    return dict(json.loads(out[out.index("{") : out.rindex("}") + 1]))


def to_same_spot(child: pexpect.spawn, names: dict[str, str] = C, key: str = "y") -> None:
    answer(child, names["emergency_signs"], "0")
    answer(child, names["age"], "3")
    answer(child, names["cautions"], "0")
    answer(child, names["red_flags"], "0")
    press(child, names["discomfort"], key)
    answer(child, names["areas"], "1")
    press(child, names["duration"], "3")


def nothing_for_the_therapist(child: pexpect.spawn, text: str = C["therapist_note"]) -> None:
    """The last question of every walk that ends in a massage: Enter leaves it empty,
    pressed once the question could be read (an Enter within `STRAY_ENTER` of a
    single-key answer came with that key, and is dropped)."""
    ask(child, text)
    time.sleep(STRAY_ENTER + 0.2)
    child.sendline("")


def test_no_typed_as_a_word_at_a_yes_no_question_is_no_and_nothing_else() -> None:
    child = spawn("call", "--no-save", "--format", "json")
    answer(child, C["emergency_signs"], "0")
    answer(child, C["age"], "3")
    answer(child, C["cautions"], "0")
    answer(child, C["red_flags"], "0")
    press(child, C["discomfort"], "no\r")  # not "n", then "o" as the next answer
    nothing_for_the_therapist(child)
    out, status = finish(child)
    assert status == 0, out
    doc = result(out)
    assert doc["answers"]["discomfort"] is False
    assert doc["outcome"] == "relaxation"
    assert "Not understood" not in out


def test_non_typed_in_french_answers_one_question_only() -> None:
    child = spawn("call", "--no-save", "--format", "json", TRIAGE_LANG="fr")
    child.timeout = 30
    answer(child, "un de ces signes en ce moment", "0")
    answer(child, "Quel âge a la personne", "De 18 à 49 ans")
    answer(child, "changent la façon de masser", "aucune")
    answer(child, "concerne-t-elle la personne en ce moment", "non")
    press(child, "une douleur ou une gêne précise", "oui\r")
    answer(child, "Où la personne ressent-elle", "épaule")
    press(child, "Depuis combien de temps", "plus\r")
    press(child, "même endroit", "non\r")
    shown = ask(child, "certaines positions")  # asked, not answered by the word's other keys
    assert "positions" in words(shown)
    wait_for_single_key_mode(child, "certaines positions")
    child.send("Oui\r")
    press(child, "certains mouvements", "NON\r")
    press(child, "organiser son quotidien", "n")
    nothing_for_the_therapist(child, "Autre chose que le thérapeute devrait savoir")
    out, status = finish(child)
    assert status == 0, out
    answers = result(out)["answers"]
    assert (answers["age"], answers["areas"], answers["duration"]) == (
        "18_to_49",
        ["shoulder"],
        "months",
    )
    assert answers["same_spot"] is False
    assert answers["worse_in_positions"] is True
    assert answers["limits_movement"] is False
    assert answers["organises_around_it"] is False


def test_a_label_typed_at_a_single_key_question_is_that_choice() -> None:
    child = spawn("call", "--no-save", "--format", "json")
    answer(child, C["emergency_signs"], "0")
    answer(child, C["age"], "18 to 49")
    answer(child, C["cautions"], "0")
    answer(child, C["red_flags"], "0")
    press(child, C["discomfort"], "yes\r")
    answer(child, C["areas"], "Neck, upper")
    press(child, C["duration"], "more\r")  # a start of "More than 3 months"
    press(child, C["same_spot"], "n")
    press(child, C["worse_in_positions"], "n")
    press(child, C["limits_movement"], "n")
    press(child, C["organises_around_it"], "n")
    nothing_for_the_therapist(child)
    out, status = finish(child)
    assert status == 0, out
    answers = result(out)["answers"]
    assert answers["age"] == "18_to_49"
    assert answers["areas"] == ["neck", "upper_back"]
    assert answers["duration"] == "months"


@pytest.mark.parametrize("word", ["nope", "nn", "yesno", "maybe"])
def test_a_word_that_is_no_answer_is_refused_and_the_question_asked_again(word: str) -> None:
    child = spawn("call", "--no-save", "--format", "json")
    to_same_spot(child)
    press(child, C["same_spot"], word + "\r")
    again = ask(child, "Not understood: Please answer y (yes) or n (no).")
    assert C["worse_in_positions"] not in again  # the next question is not reached
    wait_for_single_key_mode(child, "the same spot, asked again")
    child.send("y")
    for question in ("worse_in_positions", "limits_movement", "organises_around_it"):
        press(child, C[question], "n")
    nothing_for_the_therapist(child)
    out, status = finish(child)
    assert status == 0, out
    answers = result(out)["answers"]
    assert answers["same_spot"] is True
    assert answers["worse_in_positions"] is False


def test_keys_typed_ahead_without_enter_still_answer_a_question_each() -> None:
    child = spawn("call", "--no-save", "--format", "json")
    to_same_spot(child)
    press(child, C["same_spot"], "ynyn")  # four questions, typed at once
    nothing_for_the_therapist(child)
    out, status = finish(child)
    assert status == 0, out
    answers = result(out)["answers"]
    assert (answers["same_spot"], answers["worse_in_positions"]) == (True, False)
    assert (answers["limits_movement"], answers["organises_around_it"]) == (True, False)


def test_a_key_typed_ahead_then_a_line_for_a_list() -> None:
    """`n` for a yes/no question and `0⏎` for the list after it, typed at once."""
    child = spawn("call", "--no-save", "--format", "json")
    answer(child, C["emergency_signs"], "0")
    answer(child, C["age"], "3")
    answer(child, C["cautions"], "1")  # pregnancy: its warning signs (yes/no) come next
    press(child, "In this pregnancy", "n0\r")
    press(child, C["discomfort"], "n")
    answer(child, "What should the therapist know", "24 weeks")
    nothing_for_the_therapist(child)
    out, status = finish(child)
    assert status == 0, out
    answers = result(out)["answers"]
    assert answers["pregnancy_warning_signs"] is False
    assert answers["red_flags"] == []


def test_a_typed_byte_that_is_not_utf8_is_refused_at_a_single_key_question() -> None:
    child = spawn("call", "--no-save", "--format", "json")
    to_same_spot(child)
    ask(child, C["same_spot"])
    wait_for_single_key_mode(child, C["same_spot"])
    os.write(child.child_fd, b"\xff\r")  # what an encoding-confused terminal sends
    ask(child, "is not UTF-8 text")
    wait_for_single_key_mode(child, "the same spot, asked again")
    child.send("y")
    for question in ("worse_in_positions", "limits_movement", "organises_around_it"):
        press(child, C[question], "n")
    nothing_for_the_therapist(child)
    out, status = finish(child)
    assert status == 0, out
    assert result(out)["answers"]["same_spot"] is True
    assert "\ufffd" not in out


def test_a_typed_line_that_is_not_utf8_is_refused_at_a_list(tmp_path: Path) -> None:
    """Read as the terminal gives it (without readline, which drops such a byte itself,
    before it is shown or taken), the line is refused, not replaced."""
    import codecs

    (tmp_path / "readline.py").write_text("raise ImportError('no readline here')\n")
    child = spawn("call", "--no-save", "--format", "json", PYTHONPATH=str(tmp_path))
    child._decoder = codecs.getincrementaldecoder("utf-8")("replace")  # the tty echoes it
    answer(child, C["emergency_signs"], "0")
    answer(child, C["age"], "3")
    ask(child, C["cautions"])
    os.write(child.child_fd, b"1\xe9\r")  # Latin-1 "é"
    answer(child, "is not UTF-8 text", "0")
    answer(child, C["red_flags"], "0")
    press(child, C["discomfort"], "n")
    nothing_for_the_therapist(child)
    out, status = finish(child)
    assert status == 0, out
    assert result(out)["answers"]["cautions"] == []


# ------------------------------------------------------- the terminal itself


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the call through /proc")
@pytest.mark.parametrize("name", ["SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGVTALRM"])
def test_a_signal_that_ends_the_call_leaves_the_terminal_as_it_was(name: str) -> None:
    number = getattr(signal, name)
    script = 'ulimit -c 0; "$0" -m triage call --no-save; echo "status=$?"; stty -a'
    child = spawn("-c", script, sys.executable, program="/bin/sh")
    background(child)
    answer(child, C["red_flags"], "0")
    ask(child, C["discomfort"])
    wait_for_single_key_mode(child, C["discomfort"])
    children = Path(f"/proc/{child.pid}/task/{child.pid}/children").read_text().split()
    (pid,) = (int(p) for p in children)
    os.kill(pid, number)
    out, _status = finish(child)
    assert f"status={128 + number}" in lines(out)
    modes = words(out.split(f"status={128 + number}", 1)[1]).split()
    assert "icanon" in modes and "-icanon" not in modes, "the terminal was left in single keys"
    assert "echo" in modes and "-echo" not in modes, "the terminal was left without echo"


@pytest.mark.parametrize("where", ["a single key", "a line"])
def test_the_terminal_going_away_with_sighup_ignored_is_the_end_of_input(
    tmp_path: Path, where: str
) -> None:
    """`nohup`-like: SIGHUP ignored, the terminal hangs up while the call waits. The
    call ends with its documented status for ended input (4) and one error line."""
    err, status = tmp_path / "err.txt", tmp_path / "status.txt"
    script = (
        f'trap "" HUP; "$0" -m triage call --no-save 2>"{err}"; echo $? >"{status}.part"; '
        f'mv "{status}.part" "{status}"'
    )
    pid, fd = pty.fork()
    if pid == 0:  # the child: a shell that ignores SIGHUP, around the call
        os.chdir(ROOT)
        os.execve("/bin/sh", ["/bin/sh", "-c", script, sys.executable], environment())
    deadline = time.monotonic() + 30

    def shown(text: str) -> None:  # the questions go to the file: read them there
        while not (said := err.read_text() if err.exists() else "").endswith("> ") or (
            text not in said
        ):
            assert time.monotonic() < deadline, said
            time.sleep(0.02)

    shown("Does the caller have any of these right now")
    if where == "a single key":
        for line, then in ((b"0\r", "How old is the caller"), (b"3\r", "They usually")):
            os.write(fd, line)
            shown(then)
        for line, then in ((b"0\r", "at the moment"), (b"0\r", "specific pain or discomfort")):
            os.write(fd, line)
            shown(then)
        time.sleep(0.3)  # in single-key mode by now
    os.close(fd)  # the terminal goes away
    while not status.exists():
        assert time.monotonic() < deadline + 30, "the call never ended"
        time.sleep(0.05)
    os.waitpid(pid, 0)
    assert status.read_text().strip() == "4", err.read_text()
    said = err.read_text()
    assert "Traceback" not in said
    assert said.count("triage: error:") == 1, said
    assert "triage: error: input ended at question" in said


def test_no_escape_sequence_typed_reaches_the_screen_in_an_error_line() -> None:
    child = spawn("--lang", "fr", "--formt\x1b]52;c;aGk=\x07", "call")
    out, status = finish(child)
    assert status == 2
    assert "\x1b]52" not in out and "\x07" not in out
    assert "option inconnue" in out


# ------------------------------------------------------------- line editing

LEFT, HOME, END, CTRL_W = "\x1b[D", "\x1b[H", "\x1b[F", "\x17"


@pytest.mark.parametrize(
    ("lang", "typed", "wanted"),
    [
        ("en", f"weeks{HOME}24 {END}; warfarin x{CTRL_W}", "24 weeks; warfarin"),
        ("en", f"4 weeks{LEFT * 7}2", "24 weeks"),
        ("fr", f"semaines{HOME}24 {END} ; warfarine", "24 semaines ; warfarine"),
    ],
)
def test_a_text_answer_is_edited_with_arrows_home_end_and_word_delete(
    lang: str, typed: str, wanted: str
) -> None:
    """Not "contains a control character (U+001B)": the keys edit the line."""
    child = spawn("call", "--no-save", "--format", "json", TRIAGE_LANG=lang)
    child.expect_exact(PROMPT)  # the emergency signs: a line
    child.sendline("0")
    child.expect_exact(PROMPT)  # the age: a line (a number or a bracket)
    child.sendline("3")
    child.expect_exact(PROMPT)  # the cautions
    child.sendline("1")
    child.expect_exact(PROMPT)  # the pregnancy warning signs: one key
    wait_for_single_key_mode(child, "the pregnancy warning signs")
    child.send("n")
    child.expect_exact(PROMPT)  # the red flags
    child.sendline("0")
    child.expect_exact(PROMPT)  # the discomfort: one key
    wait_for_single_key_mode(child, "the discomfort")
    child.send("n")
    child.expect_exact(PROMPT)  # the details, free text
    time.sleep(0.3)
    child.send(typed + "\r")
    child.expect_exact(PROMPT)  # anything else for the therapist: nothing
    child.sendline("")
    out, status = finish(child)
    assert status == 0, out
    assert result(out)["answers"]["cautions_details"] == wanted
    assert "U+001B" not in out


def test_without_readline_the_lines_are_read_as_before(tmp_path: Path) -> None:
    """A Python without readline (or Windows): no editing, nothing else changes."""
    (tmp_path / "readline.py").write_text("raise ImportError('no readline here')\n")
    child = spawn("call", "--no-save", "--format", "json", PYTHONPATH=str(tmp_path))
    answer(child, C["emergency_signs"], "0")
    answer(child, C["age"], "3")
    answer(child, C["cautions"], "9")  # refused: asked again, on an empty line
    answer(child, "Not understood", "0")
    answer(child, C["red_flags"], "none")
    press(child, C["discomfort"], "no\r")
    nothing_for_the_therapist(child)
    out, status = finish(child)
    assert status == 0, out
    assert result(out)["answers"]["cautions"] == []


@pytest.mark.parametrize(
    ("lang", "age_question", "typed"),
    [("en", C["age"], "65"), ("fr", "Quel âge a la personne", "72")],
)
def test_an_age_typed_as_a_number_picks_its_bracket(
    lang: str, age_question: str, typed: str
) -> None:
    """At a real terminal, in a call: the age as the caller says it, a number, picks the
    bracket that holds it; the over-50 headache is then offered among the red flags."""
    child = spawn("call", "--no-save", "--format", "json", TRIAGE_LANG=lang)
    child.timeout = 30
    answer(child, C["emergency_signs"] if lang == "en" else "un de ces signes", "0")
    answer(child, age_question, typed)
    answer(child, "massage" if lang == "en" else "masser", "0")
    flags = ask(child, "at the moment" if lang == "en" else "en ce moment")
    assert ("Over 50" if lang == "en" else "Après 50 ans") in words(flags)
    child.sendline("0")
    press(child, C["discomfort"] if lang == "en" else "une douleur ou une gêne précise", "n")
    nothing_for_the_therapist(
        child, C["therapist_note"] if lang == "en" else "Autre chose que le thérapeute"
    )
    out, status = finish(child)
    assert status == 0, out
    assert result(out)["answers"]["age"] == "50_or_over"
