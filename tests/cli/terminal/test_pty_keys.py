"""Single-key questions in a real terminal: keys that are not answers, and signals.

Delete, Insert, F5, an arrow, Alt+n or a terminal's reply to a query must not answer a
question of a call; a SIGTERM or SIGHUP while a key is awaited must leave the terminal
as it was (echo and line mode on) when the program has gone.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest
from calls import C, answer, ask, lines, press, wait_for_single_key_mode, words
from terminal_session import finish, spawn

pytest.importorskip("pexpect")
NOT_ANSWERS = (
    "\x1b[3~"  # Delete
    "\x1b[2~"  # Insert
    "\x1b[15~"  # F5
    "\x1b[B"  # Down
    "\x1bn"  # Alt+n
    "\x1b]11;rgb:0000/0000/0000\x07"  # a background-colour reply
    "\x1b[?62;c"  # a device-attributes reply
)


def test_keys_that_are_not_answers_answer_nothing(tmp_path: Path) -> None:
    child = spawn("call", "--no-save", "--format", "json")
    answer(child, C["emergency_signs"], "0")
    answer(child, C["age"], "3")  # a line: the age may be said as a number
    answer(child, C["cautions"], "0")
    answer(child, C["red_flags"], "0")
    press(child, C["discomfort"], NOT_ANSWERS + "y")
    answer(child, C["areas"], "1")
    press(child, C["duration"], NOT_ANSWERS)
    time.sleep(0.3)  # each sequence read and dropped: still the same question
    wait_for_single_key_mode(child, C["duration"])
    child.send("1")
    for question in ("same_spot", "worse_in_positions", "limits_movement"):
        press(child, C[question], NOT_ANSWERS + "n")
    press(child, C["organises_around_it"], "n")
    answer(child, C["therapist_note"], "-")  # nothing to note
    out, status = finish(child)
    assert status == 0, out
    doc = json.loads(out[out.index("{") : out.rindex("}") + 1])
    assert doc["answers"]["discomfort"] is True
    assert doc["answers"]["duration"] == "days"
    assert doc["answers"]["same_spot"] is False
    assert "Not understood" not in out


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the call through /proc")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_at_a_single_key_question_restores_the_terminal(name: str) -> None:
    number = getattr(signal, name)
    # A shell around the call: after it, `stty -a` shows the terminal's mode.
    script = '"$0" -m triage call --no-save; echo "status=$?"; stty -a'
    child = spawn("-c", script, sys.executable, program="/bin/sh")
    answer(child, C["emergency_signs"], "0")
    answer(child, C["age"], "3")  # a line: the age may be said as a number
    answer(child, C["cautions"], "0")
    answer(child, C["red_flags"], "0")
    ask(child, C["discomfort"])
    wait_for_single_key_mode(child, C["discomfort"])
    children = Path(f"/proc/{child.pid}/task/{child.pid}/children").read_text().split()
    (pid,) = (int(p) for p in children)  # the call, started by the shell
    os.kill(pid, number)
    out, _status = finish(child)
    assert f"status={128 + number}" in lines(out)
    assert "Traceback" not in out
    modes = words(out.split(f"status={128 + number}", 1)[1]).split()
    assert "icanon" in modes and "-icanon" not in modes, "the terminal was left in single keys"
    assert "echo" in modes and "-echo" not in modes, "the terminal was left without echo"


@pytest.mark.skipif(not Path("/bin/bash").exists(), reason="needs bash for job control")
def test_ctrl_z_then_fg_at_a_single_key_question_reads_single_keys_again() -> None:
    """At a desk: Ctrl-Z gives the shell back its terminal, `fg` resumes the call, and
    the question still takes one key (the shell's own line mode is not kept)."""
    import pexpect

    child = spawn("--norc", "--noprofile", "-i", program="/bin/bash", PS1="$ ")
    child.expect_exact("$ ")
    child.sendline(f"{sys.executable} -m triage call --no-save --format json")
    answer(child, C["emergency_signs"], "0")
    answer(child, C["age"], "3")  # a line: the age may be said as a number
    answer(child, C["cautions"], "0")
    answer(child, C["red_flags"], "0")
    ask(child, C["discomfort"])
    wait_for_single_key_mode(child, C["discomfort"])
    child.sendcontrol("z")
    child.expect("Stopped")
    child.expect_exact("$ ")
    child.sendline("fg")
    wait_for_single_key_mode(child, C["discomfort"] + " (after fg)")
    child.send("n")
    answer(child, C["therapist_note"], "-")  # nothing to note
    child.expect('"outcome": "relaxation"')
    child.expect_exact("$ ")
    child.sendline("exit")
    child.expect(pexpect.EOF)
