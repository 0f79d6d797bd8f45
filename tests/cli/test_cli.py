"""The command line, end to end through the one runner (tests/cli_run.py): outputs and
exit statuses."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat

import pytest
import yaml
from cli_run import triage
from paths import ROOT
from scenarios import BACKGROUND_ARGS, PIPED_RELAXATION, RELAXATION_ARGS

from triage import __version__
from triage.cli import app as cli
from triage.deciding import interview
from triage.deciding.prove import PROPERTIES
from triage.errors import ExitStatus
from triage.rulesets.files import default_rules_path

ANSI = re.compile(r"\x1b\[")
SGR = re.compile(r"\x1b\[([0-9;]*)m")

BACKGROUND = BACKGROUND_ARGS
RELAXATION = RELAXATION_ARGS
THERAPEUTIC = {
    "emergency_signs": [],
    "age": "18_to_49",
    "cautions": ["pregnancy"],
    "pregnancy_warning_signs": False,
    "red_flags": [],
    "discomfort": True,
    "areas": ["neck", "shoulder"],
    "duration": "weeks",
    "same_spot": False,
    "worse_in_positions": False,
    "limits_movement": True,
    "organises_around_it": False,
    "cautions_details": "",  # free text, never required: reached, left empty
    "therapist_note": "",  # the same, on every walk ending in a massage
}
PIPED_SEE_DOCTOR = "0\n3\n0\n2 5\n"  # ... then a recent fall and night pain


def title(rules, outcome_id: str) -> str:
    return rules.outcome(outcome_id).title.get()


def asks(rules, question_id: str) -> str:
    return rules.question(question_id).text.get()


def label(rules, question_id: str, key: str) -> str:
    return next(c.label.get() for c in rules.question(question_id).choices if c.key == key)


def no_traceback(result) -> None:
    assert "Traceback" not in result.out
    assert "Traceback" not in result.err


def has_colour(text: str) -> bool:
    """Whether an SGR escape sets a foreground or background colour."""
    for params in SGR.findall(text):
        for param in params.split(";"):
            if param and (30 <= int(param) <= 49 or 90 <= int(param) <= 107):
                return True
    return False


# ------------------------------------------------------------------ version


def test_version_names_the_tool_and_the_rules(default_rules_file):
    data = yaml.safe_load(default_rules_file.read_text(encoding="utf-8"))
    result = triage("--version")
    assert result.code == ExitStatus.SUCCESS
    assert result.out == f"massage-triage {__version__}\nrules: {data['id']} {data['version']}\n"


# ------------------------------------------------------------------ assess


def test_assess_prints_plain_text_when_not_a_terminal(default_rules):
    result = triage("assess", *RELAXATION)
    assert result.code == 0, result.err
    assert result.out.startswith(f"Recommendation: {title(default_rules, 'relaxation')}\n")
    assert "No specific pain to address" in result.out
    assert result.err == ""
    assert not ANSI.search(result.out)


def test_assess_json_is_the_whole_result(default_rules_file):
    args = [f"-a{k}={','.join(v) if isinstance(v, list) else v}" for k, v in THERAPEUTIC.items()]
    result = triage("assess", "--format", "json", *args)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["outcome"] == "therapeutic"
    assert doc["flags"] == []
    assert doc["cautions"] == ["pregnancy"]
    assert doc["in_doubt"] is False
    assert doc["answers"] == THERAPEUTIC
    assert doc["ignored_answers"] == []
    assert doc["rules"]["id"] == "massage-triage-default"
    assert doc["rules"]["sha256"] == hashlib.sha256(default_rules_file.read_bytes()).hexdigest()


def test_assess_json_in_doubt_says_so():
    answers = {**THERAPEUTIC, "duration": "days", "limits_movement": False}
    args = [f"-a{k}={','.join(v) if isinstance(v, list) else v}" for k, v in answers.items()]
    doc = json.loads(triage("assess", "--format", "json", *args).out)
    assert (doc["outcome"], doc["in_doubt"]) == ("therapeutic", True)
    assert doc["advice"].startswith("In doubt, the assessment decides")


def test_assess_json_with_flags():
    result = triage("assess", "-f", "json", *BACKGROUND, "-a", "red_flags=recent_trauma,night_pain")
    doc = json.loads(result.out)
    assert doc["outcome"] == "see_doctor"
    assert doc["flags"] == ["recent_trauma", "night_pain"]


def test_assess_markdown(default_rules):
    result = triage("assess", "--format", "markdown", *RELAXATION)
    assert result.code == 0
    assert result.out.startswith(f"# Recommendation: {title(default_rules, 'relaxation')}\n")
    assert "\n## Why\n" in result.out
    assert "\n## What to do\n" in result.out


@pytest.mark.parametrize("suffix", ["yaml", "json"])
def test_assess_reads_an_answers_file(tmp_path, suffix):
    path = tmp_path / f"answers.{suffix}"
    text = json.dumps(THERAPEUTIC) if suffix == "json" else yaml.safe_dump(THERAPEUTIC)
    path.write_text(text, encoding="utf-8")
    result = triage("assess", "--answers", str(path), "-f", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["outcome"] == "therapeutic"


def test_assess_reads_answers_from_stdin():
    result = triage("assess", "--answers", "-", "-f", "json", input=json.dumps(THERAPEUTIC))
    assert result.code == 0, result.err
    assert json.loads(result.out)["answers"] == THERAPEUTIC


def test_answer_options_override_the_answers_file(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(THERAPEUTIC), encoding="utf-8")
    result = triage("assess", "--answers", str(path), "-a", "red_flags=night_pain", "-f", "json")
    doc = json.loads(result.out)
    assert doc["outcome"] == "see_doctor"
    walked = ("emergency_signs", "age", "cautions", "pregnancy_warning_signs", "red_flags")
    assert sorted(doc["ignored_answers"]) == sorted(k for k in THERAPEUTIC if k not in walked)


def test_a_saved_json_result_can_be_assessed_again(tmp_path):
    first = triage("assess", "-f", "json", *RELAXATION)
    path = tmp_path / "result.json"
    path.write_text(first.out, encoding="utf-8")
    again = triage("assess", "--answers", str(path), "-f", "json")
    assert again.code == 0, again.err
    assert json.loads(again.out)["answers"] == json.loads(first.out)["answers"]


def test_rules_from_a_folder(write_rules, tmp_path, mini_text):
    head, tail = mini_text.split("outcomes:\n")
    write_rules(head, "1-questions.yaml", "clinic")
    write_rules("outcomes:\n" + tail, "2-outcomes.yaml", "clinic")
    write_rules("cases: [broken\n", "clinic.cases.yaml", "clinic")
    result = triage(
        "assess", "--rules", str(tmp_path / "clinic"), "-f", "json", "-a", "signs=chest_pain"
    )
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["rules"]["id"] == "mini"
    assert doc["outcome"] == "emergency"


# ------------------------------------------------------------------ exit 2: rules


def test_broken_rules_exit_2_with_file_line_column(write_rules):
    path = write_rules('id: x\nversion: "1"\ntitle: X\nquestions: []\noutcomes: [\n')
    result = triage("assess", "--rules", str(path), expect=ExitStatus.RULES_INVALID)
    assert result.code == ExitStatus.RULES_INVALID == 2
    assert re.search(rf"^{re.escape(str(path))}:6:1: error: not valid YAML", result.err, re.M)
    assert result.err.rstrip().endswith("triage: error: the rule set has 1 error")
    assert result.out == ""
    no_traceback(result)


def test_invalid_rules_list_every_problem(write_rules, mini_text):
    text = mini_text.replace("    severity: 10\n", "    severity: 10\n    colour: green\n")
    text = text.replace("{question: pain, is: no}", "{question: pian, is: no}")
    path = write_rules(text)
    result = triage("assess", "--rules", str(path), expect=2)
    assert result.code == 2
    lines = text.splitlines()
    colour = next(i for i, line in enumerate(lines, 1) if "colour:" in line)
    pian = next(i for i, line in enumerate(lines, 1) if "pian" in line)
    assert result.err.splitlines() == [
        f"{path}:{colour}:5: error: unknown key 'outcomes[3].colour' "
        "(remove it, or check its spelling in docs/rules.md)",
        f"{path}:{pian}:12: error: unknown question 'pian' (did you mean 'pain'?)",
        "triage: error: the rule set has 2 errors",
    ]


def test_missing_rules_path_exits_2(tmp_path):
    missing = tmp_path / "nowhere.yaml"
    result = triage("assess", "--rules", str(missing), expect=2)
    assert result.code == 2
    assert f"{missing}: error: no such file or folder" in result.err
    no_traceback(result)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--bogus"], "no such option: --bogus (see 'triage --help')"),
        (["assess", "--bogus"], "no such option: --bogus (see 'triage assess --help')"),
        (["assess", "--format", "yaml"], "'yaml' is not one of 'text', 'json', 'markdown'"),
    ],
)
def test_bad_usage_exits_2_with_one_line_that_says_what_is_wrong(args, said):
    result = triage(*args, expect=2)
    (line,) = result.err.splitlines()
    assert line.startswith("triage: error: ") and said in line
    assert result.out == ""
    no_traceback(result)


def test_rules_given_before_the_subcommand_are_not_silently_ignored(tmp_path):
    missing = tmp_path / "nowhere.yaml"
    result = triage(
        "--rules", str(missing), "assess", "-a", "emergency_signs=swollen_calf", expect=2
    )
    assert result.err == (
        "triage: error: --rules must come after the command name (e.g. triage assess --rules ...)\n"
    )
    assert result.out == ""


def test_sha256_of_a_crlf_rules_file_equals_the_file_digest(tmp_path, mini_text):
    path = tmp_path / "crlf.yaml"
    path.write_bytes(mini_text.replace("\n", "\r\n").encode("utf-8"))
    result = triage("assess", "--rules", str(path), "-f", "json", "-a", "signs=chest_pain")
    assert result.code == 0, result.err
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert json.loads(result.out)["rules"]["sha256"] == digest


# ------------------------------------------------------------------ exit 3: answers


def test_a_missing_answer_exits_3_naming_the_question_and_accepted_values(default_rules):
    result = triage(
        "assess", *BACKGROUND, "-a", "red_flags=none", expect=ExitStatus.ANSWERS_INVALID
    )
    assert result.code == ExitStatus.ANSWERS_INVALID == 3
    assert result.err == (
        f"triage: error: no answer for 'discomfort' ({asks(default_rules, 'discomfort')}); "
        "accepted: yes, no\n"
    )
    assert result.out == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-a", "emergency_signs=sometimes"],
            "triage: error: 'sometimes' is not an answer to 'emergency_signs'; accepted: any of "
            "saddle_numbness_or_bladder, swollen_calf, chest_pain_or_breathless, stroke_signs, "
            "sudden_severe_headache, fever_with_headache_or_rash, neck_artery_signs, "
            "sudden_severe_pain, acutely_unwell, head_injury_danger, neck_injury_danger, "
            "fever_low_immunity, comma-separated, or none",
        ),
        (
            ["-a", "emergency_sign=none"],
            "triage: error: unknown question 'emergency_sign': did you mean 'emergency_signs'?",
        ),
        (["-a", "discomfort"], "triage: error: --answer takes ID=VALUE, got 'discomfort'"),
    ],
    ids=["wrong-value", "unknown-id", "bad-pair"],
)
def test_bad_answers_exit_3(args, message):
    result = triage("assess", *args, expect=3)
    assert result.code == 3
    assert result.err == message + "\n"
    no_traceback(result)


def test_an_unreadable_answers_file_exits_3(tmp_path):
    result = triage("assess", "--answers", str(tmp_path / "none.yaml"), expect=3)
    assert result.code == 3
    assert "cannot read the answers file" in result.err


def test_an_invalid_answers_document_exits_3():
    result = triage("assess", "--answers", "-", input="fever: [\n", expect=3)
    assert result.code == 3
    assert result.err.startswith("triage: error: <stdin>:2:1: not valid YAML: ")


# ------------------------------------------------------------------ exit 5: unverified

UNVERIFIED = """\
id: leaky
version: "1"
title: Leaky
questions:
  - {id: fever, type: yes_no, red_flag: doctor, text: "Fever?"}
outcomes:
  - {id: doctor, kind: referral, severity: 30, title: Doctor, advice: D., if_worse: D.}
  - {id: relax, kind: massage, severity: 10, title: Relax, advice: R., if_worse: R.}
decisions:
  - {outcome: relax, reason: Always.}
"""


def test_a_rule_set_failing_verification_exits_5(write_rules):
    path = write_rules(UNVERIFIED)
    result = triage("assess", "--rules", str(path), "-a", "fever=yes", expect=ExitStatus.UNVERIFIED)
    assert result.code == ExitStatus.UNVERIFIED == 5
    assert "fails verification" in result.err
    assert "--allow-unverified" in result.err
    assert result.out == ""


def test_allow_unverified_runs_with_a_warning(write_rules):
    path = write_rules(UNVERIFIED)
    result = triage("assess", "--rules", str(path), "--allow-unverified", "-a", "fever=yes")
    assert result.code == 0, result.err
    assert "WARNING" in result.out


DEAD_END = """\
id: dead
version: "1"
title: Dead end
questions:
  - {id: pain, type: yes_no, text: "Pain?"}
outcomes:
  - {id: relax, kind: massage, severity: 10, title: Relax, advice: R., if_worse: R.}
decisions:
  - {outcome: relax, when: {question: pain, is: no}, reason: No pain.}
"""


def test_a_dead_end_used_anyway_exits_5_in_one_line(write_rules):
    """With --allow-unverified, the answers that reach the dead end stop as unverified."""
    path = write_rules(DEAD_END)
    result = triage(
        "assess",
        "--rules",
        str(path),
        "--allow-unverified",
        "-a",
        "pain=yes",
        expect=ExitStatus.UNVERIFIED,
    )
    assert result.code == ExitStatus.UNVERIFIED
    assert result.err.splitlines()[-1].startswith(
        "triage: error: no decision applies to these answers: the rule set has a dead end"
    )
    assert "unexpected" not in result.err and result.out == ""


# ------------------------------------------------------------------ exit 4: input ended


def test_input_ending_early_exits_4():
    result = triage(input="0\n3\n0\n", expect=ExitStatus.INPUT_ENDED)
    assert result.code == ExitStatus.INPUT_ENDED == 4
    assert "input ended at question 'red_flags'" in result.err
    assert result.out == ""
    no_traceback(result)


def test_no_input_at_all_exits_4_naming_the_first_question():
    result = triage(input="", expect=4)
    last = result.err.splitlines()[-1]
    assert last == (
        "triage: error: input ended at question 'emergency_signs', "
        "before a recommendation was reached"
    )
    assert result.out == ""


# ------------------------------------------------------------------ unexpected errors


def boom(*_args, **_kwargs):
    raise RuntimeError("boom")


def test_an_unexpected_error_is_one_line(monkeypatch):
    monkeypatch.setattr("triage.deciding.engine.assess", boom)
    result = triage("assess", *RELAXATION, expect=ExitStatus.ERROR)
    assert result.code == ExitStatus.ERROR
    assert result.err == (
        "triage: error: unexpected RuntimeError: boom (run with TRIAGE_DEBUG=1 for details)\n"
    )
    no_traceback(result)


def test_an_unexpected_error_in_the_walk_is_one_line(monkeypatch):
    monkeypatch.setattr(interview, "run", boom)
    result = triage(input=PIPED_RELAXATION, expect=ExitStatus.ERROR)
    assert result.code == ExitStatus.ERROR
    assert result.err.splitlines()[-1].startswith("triage: error: unexpected RuntimeError")
    no_traceback(result)


def test_triage_debug_lets_an_unexpected_error_through(monkeypatch):
    monkeypatch.setattr("triage.deciding.engine.assess", boom)
    result = triage("assess", *RELAXATION, environ={"TRIAGE_DEBUG": "1"}, bugs=False, expect=1)
    assert isinstance(result.exception, RuntimeError)
    assert str(result.exception) == "boom"
    assert "unexpected" not in result.err


# ------------------------------------------------------------------ exit 130: Ctrl-C


def interrupt(*_args, **_kwargs):
    raise KeyboardInterrupt


def test_ctrl_c_during_the_walk_exits_130(monkeypatch):
    monkeypatch.setattr(interview, "run", interrupt)
    result = triage(input=PIPED_RELAXATION, expect=ExitStatus.CANCELLED)
    assert result.code == ExitStatus.CANCELLED == 130
    assert result.err.strip() == "cancelled"
    no_traceback(result)


def test_ctrl_c_at_a_prompt_exits_130(monkeypatch):
    monkeypatch.setattr("triage.cli.terminal.prompter.TerminalPrompter.read", interrupt)
    result = triage(input=PIPED_RELAXATION, expect=130)
    assert result.code == 130
    assert result.err.rstrip().endswith("cancelled")
    assert result.out == ""


def test_ctrl_c_before_a_command_runs_exits_130(monkeypatch, capsys):
    monkeypatch.setattr(cli, "app", interrupt)
    with pytest.raises(SystemExit) as caught:
        cli.main()
    assert caught.value.code == 130
    assert capsys.readouterr().err.strip() == "cancelled"


# ------------------------------------------------------------------ the interactive walk


def test_the_walk_from_piped_answers_to_a_relaxation(default_rules):
    result = triage(input=PIPED_RELAXATION)
    assert result.code == 0, result.err
    assert result.out.startswith(f"Recommendation: {title(default_rules, 'relaxation')}\n")
    assert "[Question 1, up to " in result.err
    for question in ("emergency_signs", "age", "cautions", "red_flags", "discomfort"):
        assert asks(default_rules, question) in result.err
        assert asks(default_rules, question) not in result.out
    assert asks(default_rules, "duration") not in result.err
    assert asks(default_rules, "pregnancy_warning_signs") not in result.err  # not pregnant


def test_the_walk_from_piped_answers_to_see_a_doctor(default_rules):
    result = triage(input=PIPED_SEE_DOCTOR)
    assert result.code == 0, result.err
    assert result.out.startswith(f"Recommendation: {title(default_rules, 'see_doctor')}\n")
    assert "WARNING SIGNS" in result.out
    assert label(default_rules, "red_flags", "recent_trauma") in result.out
    assert label(default_rules, "red_flags", "night_pain") in result.out
    assert asks(default_rules, "discomfort") not in result.err  # the walk ended


def test_the_walk_explains_an_invalid_answer_and_goes_on():
    result = triage(input="0\n3\n0\n0\nmaybe\nn\n\n")
    assert result.code == 0, result.err
    assert "Please answer y (yes) or n (no)." in result.err
    assert "relaxation" in result.out


def test_the_walk_keeps_stdout_pure_json():
    result = triage("--format", "json", input=PIPED_RELAXATION)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["outcome"] == "relaxation"
    assert doc["answers"] == {
        "emergency_signs": [],
        "age": "18_to_49",
        "cautions": [],
        "red_flags": [],
        "discomfort": False,
        "therapist_note": "",
    }
    assert "Question 1, up to 15 more" in result.err


def test_the_walk_with_rules_from_a_folder(write_rules, tmp_path, mini_text):
    head, tail = mini_text.split("outcomes:\n")
    write_rules(head, "a.yaml", "clinic")
    write_rules("outcomes:\n" + tail, "b.yaml", "clinic")
    result = triage("--rules", str(tmp_path / "clinic"), "-f", "json", input="0\nn\nn\n1\n")
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert (doc["outcome"], doc["cautions"]) == ("relaxation", ["pregnancy"])


# ------------------------------------------------------------------ colour


def test_output_that_is_not_a_terminal_has_no_escape_codes():
    for result in (triage(input=PIPED_SEE_DOCTOR), triage("assess", *RELAXATION)):
        assert result.code == 0
        assert not ANSI.search(result.out)
        assert not ANSI.search(result.err)


def test_no_color_on_a_terminal_has_no_colour():
    environ = {"NO_COLOR": "1", "TERM": "xterm"}
    result = triage(input=PIPED_SEE_DOCTOR, tty=True, environ=environ)
    assert result.code == 0, result.err
    out, err = result.out, result.err
    assert "See a doctor before any massage" in out
    assert "WARNING SIGNS" in out
    assert not has_colour(out)
    assert not has_colour(err)


def test_a_colour_terminal_gets_colour():
    """The counterpart of the NO_COLOR test: without it, the same run is coloured."""
    result = triage(input=PIPED_SEE_DOCTOR, tty=True, environ={"TERM": "xterm-256color"})
    assert result.code == 0, result.err
    assert has_colour(result.out)


def test_force_color_colours_a_pipe():
    """FORCE_COLOR: a log or a pager that shows colour gets the panel and coloured prompts."""
    environ = {"FORCE_COLOR": "1", "TERM": "xterm"}
    result = triage(input=PIPED_SEE_DOCTOR, tty=False, environ=environ)
    assert result.code == 0, result.err
    assert has_colour(result.out)
    assert ANSI.search(result.err)  # the questions in bold, the progress dim


@pytest.mark.parametrize(
    ("option", "environ"),
    [("--plain", {"FORCE_COLOR": "1"}), (None, {"FORCE_COLOR": "1", "NO_COLOR": "1"})],
)
def test_plain_and_no_color_win_over_force_color(option, environ):
    args = [option] if option else []
    result = triage(*args, input=PIPED_SEE_DOCTOR, tty=False, environ=environ)
    assert result.code == 0, result.err
    assert not ANSI.search(result.out)
    assert not ANSI.search(result.err)


@pytest.mark.parametrize(
    ("option", "environ"), [("--plain", {"TERM": "xterm"}), (None, {"TERM": "dumb"})]
)
def test_plain_on_a_terminal_has_no_escape_codes(option, environ):
    args = [option] if option else []
    result = triage(*args, input=PIPED_SEE_DOCTOR, tty=True, environ=environ)
    assert result.code == 0, result.err
    out, err = result.out, result.err
    assert out.startswith("Recommendation: ")
    assert "WARNING SIGNS" in out
    assert not ANSI.search(out)
    assert not ANSI.search(err)


# ------------------------------------------------------- verification cache


def test_a_proven_rule_set_is_remembered_and_not_proven_again(tmp_path, monkeypatch):
    from triage.deciding.prove import report as verify_module

    cache = tmp_path / "cache"
    args = ["assess", *_assess_relaxation_args()]
    first = triage(*args, environ={"TRIAGE_CACHE": str(cache)})
    assert first.code == 0, first.err
    (stamp,) = cache.iterdir()
    assert stamp.name.endswith(".verified")

    record = json.loads(stamp.read_text())
    assert record["sha256"] == hashlib.sha256(default_rules_path().read_bytes()).hexdigest()
    assert record["version"] == __version__
    assert record["properties"] == sorted(PROPERTIES)
    assert stat.S_IMODE(stamp.stat().st_mode) & 0o022 == 0

    def must_not_run(rules, reachability=True, units=0):  # the stamp makes a proof needless
        raise AssertionError("verified again")

    monkeypatch.setattr(verify_module, "run_proof", must_not_run)
    again = triage(*args, environ={"TRIAGE_CACHE": str(cache)})
    assert again.code == 0
    stamp.unlink()
    without = triage(*args, environ={"TRIAGE_CACHE": str(cache)}, expect=70)
    assert without.code == 70 and "verified again" in without.err


def test_a_failing_rule_set_is_never_remembered(tmp_path):
    broken = write_unverified(tmp_path)
    cache = tmp_path / "cache"
    for _ in range(2):
        result = triage(
            *["assess", "--rules", str(broken), "-a", "flags=none", "-a", "pain=no"],
            environ={"TRIAGE_CACHE": str(cache)},
            expect=5,
        )
        assert result.code == 5
    assert not cache.exists() or not any(cache.iterdir())


def _plant(folder, rules_file, text: str = "", mode: int = 0o600):
    """A stamp for `rules_file`, as someone who can write into `folder` could leave it."""
    folder.mkdir(exist_ok=True)
    sha256 = hashlib.sha256(rules_file.read_bytes()).hexdigest()
    stamp = folder / f"{sha256}-{__version__}.verified"
    stamp.write_text(text)
    stamp.chmod(mode)
    return stamp


def _refused(rules_file, cache):
    args = ["assess", "--rules", str(rules_file), "-a", "flags=none", "-a", "pain=no"]
    return triage(*args, environ={"TRIAGE_CACHE": str(cache)}, expect=(0, 5)).code == 5


def _record(rules_file, properties=PROPERTIES):
    sha256 = hashlib.sha256(rules_file.read_bytes()).hexdigest()
    return json.dumps(
        {"format": 1, "sha256": sha256, "version": __version__, "properties": sorted(properties)}
    )


def test_a_stamp_planted_in_a_shared_cache_is_not_trusted(tmp_path):
    broken = write_unverified(tmp_path)
    shared = tmp_path / "shared"
    _plant(shared, broken, _record(broken))
    shared.chmod(0o777)  # anyone may write here: a stamp here proves nothing
    assert _refused(broken, shared)
    shared.chmod(0o775)
    assert _refused(broken, shared)


def test_a_stamp_that_anyone_may_write_or_that_someone_else_owns_is_not_trusted(tmp_path):
    broken = write_unverified(tmp_path)
    cache = tmp_path / "cache"
    stamp = _plant(cache, broken, _record(broken), mode=0o666)
    cache.chmod(0o700)
    assert _refused(broken, cache)
    stamp.chmod(0o600)
    if os.getuid() == 0:  # only root can give a file away; elsewhere this part is moot
        os.chown(stamp, 12345, 12345)
        assert _refused(broken, cache)
        os.chown(stamp, 0, 0)
        os.chown(cache, 12345, 12345)
        assert _refused(broken, cache)
        os.chown(cache, 0, 0)
    else:
        assert not _refused(broken, cache)  # the same stamp, the user's own: trusted


def test_a_stamp_must_record_what_was_proven(tmp_path):
    broken = write_unverified(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    for text in ("", "{}", _record(broken, ["outcome_always"]), "not json"):
        _plant(cache, broken, text)
        assert _refused(broken, cache), text
    _plant(cache, broken, _record(broken))
    assert not _refused(broken, cache)  # the user's own record of this exact proof


def test_a_proof_is_never_written_into_a_shared_folder(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    args = ["assess", *_assess_relaxation_args()]
    result = triage(*args, environ={"TRIAGE_CACHE": str(shared)})
    assert result.code == 0
    assert list(shared.iterdir()) == []


def _assess_relaxation_args():
    return RELAXATION


def write_unverified(tmp_path):
    path = tmp_path / "unverified.yaml"
    path.write_text(
        """
id: unverified
version: "1"
title: T
questions:
  - id: flags
    type: multi_choice
    text: F?
    red_flag: see_doctor
    choices: [{key: fever, label: F}]
  - {id: pain, type: yes_no, text: "P?"}
outcomes:
  - {id: see_doctor, kind: referral, severity: 30, title: D, advice: A, if_worse: W,
     ends_walk: true}
  - {id: relaxation, kind: massage, severity: 10, title: R, advice: A, if_worse: W}
decisions:
  - {outcome: relaxation, reason: always}
"""
    )
    return path


def test_version_loads_neither_pydantic_yaml_nor_rich():
    """--version must start as fast as a bare Typer app: the heavy modules stay unloaded."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "sys.argv = ['triage', '--version']\n"
        "from triage.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = {'pydantic', 'yaml', 'rich', 'z3', 'rapidfuzz'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "[]", done.stdout + done.stderr
    assert "rules: massage-triage-default" in done.stdout


def test_the_solver_is_imported_only_to_verify(tmp_path):
    """The engine and loading never import z3; a rule set proven once runs without it."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from triage.deciding import engine, interview, loaded\n"
        "from triage.screening import cache, loading\n"
        "from triage.cli.commands import assess, walk\n"
        "before = 'z3' in sys.modules\n"
        "from triage.cli.app import main\n"
        "sys.argv = ['triage', 'assess', '-a', 'emergency_signs=swollen_calf']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(before, 'z3' in sys.modules)\n"
    )
    env = {**os.environ, "TRIAGE_CACHE": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert first.stdout.splitlines()[-1] == "False True"  # proven, then remembered
    again = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert again.stdout.splitlines()[-1] == "False False"


def test_version_of_a_rule_set_in_flow_style_falls_back_to_yaml(tmp_path):
    from triage.rulesets.files import rules_identity

    flow = tmp_path / "flow.yaml"
    flow.write_text('{id: flow-style, version: "3.1", title: T}\n')
    assert rules_identity(flow) == ("flow-style", "3.1")
    block = tmp_path / "block.yaml"
    block.write_text('# comment\nid: block-style  # the id\nversion: "2.0"\n')
    assert rules_identity(block) == ("block-style", "2.0")


@pytest.mark.parametrize(
    "args",
    [
        ["--rules", "{path}", "--version"],
        ["--version", "--rules", "{path}"],
        ["--rules={path}", "--lang", "fr", "--version"],
        ["--rules", "{other}", "--version", "--rules", "{path}"],
    ],
    ids=["before", "after", "joined", "the-last-one"],
)
def test_version_names_the_rule_set_given_wherever_it_sits(tmp_path, args):
    path = tmp_path / "clinic.yaml"
    path.write_text('id: my-clinic\nversion: "4.2"\n')
    other = tmp_path / "other.yaml"
    other.write_text('id: other\nversion: "1"\n')
    given = [a.format(path=path, other=other) for a in args]
    result = triage(*given)
    assert (result.code, result.out) == (0, f"massage-triage {__version__}\nrules: my-clinic 4.2\n")


# ------------------------------------------------------------------ one way to each exit code


def test_the_readme_exit_code_table_is_the_enum():
    """Every documented code is a status of the enum, and every status is documented."""

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.M)}
    assert documented == {int(status) for status in ExitStatus}


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["assess", "--bogus"],
        ["assess", "--format", "yaml"],
        ["--rules", "x.yaml", "assess"],
        ["history", "list", "--since", "2026-11-23", "--until", "2026-11-20"],
        ["history", "list", "--since", "yesterday"],
    ],
)
def test_every_usage_error_is_one_line_and_exit_2(args, tmp_path):
    result = (
        triage(*args, "--db", str(tmp_path / "h.sqlite3"), expect=2)
        if "history" in args
        else triage(*args, expect=2)
    )
    assert result.code == ExitStatus.USAGE == 2
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("triage: error: "), result.err
    assert result.out == ""


def test_a_language_chosen_by_one_command_line_does_not_outlive_it():
    from triage import i18n

    assert triage("--lang", "fr", "assess", *RELAXATION).code == 0
    assert i18n.language() == "en"
    assert i18n._("Why") == "Why"


def test_a_broken_rule_file_exits_2_in_every_command(write_rules):
    path = str(write_rules('id: x\nversion: "1"\ntitle: X\nquestions: []\noutcomes: [\n'))
    for args in (
        ["assess", "--rules", path],
        ["rules", "check", path],
        ["rules", "verify", path],
        ["rules", "test", path],
        ["rules", "show", path],
        ["rules", "graph", path],
    ):
        assert triage(*args, expect=ExitStatus.RULES_INVALID).code == ExitStatus.RULES_INVALID


def test_the_runner_stops_at_a_status_the_test_did_not_name():
    """The one way in: a run that ends otherwise than the test said is stopped there."""
    from cli_run import UnexpectedStatus

    with pytest.raises(UnexpectedStatus, match="exit 2, expected 0"):
        triage("assess", "--no-such-option")
    assert triage("assess", "--no-such-option", expect=ExitStatus.USAGE).code == 2
