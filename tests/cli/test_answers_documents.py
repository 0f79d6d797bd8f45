"""Answers documents through `triage assess`: a saved result given back, and answers the
walk never reached that would have raised a red flag."""

from __future__ import annotations

import json
import os

import pytest
from cli_run import ANY, process, triage

CALM = ["-a", "emergency_signs=none", "-a", "age=18_to_49", "-a", "cautions=none"]
CALM += ["-a", "red_flags=none", "-a", "discomfort=no"]
WARNING = "WARNING - answers not used, to questions not asked, would raise a red flag"


def saved(*extra: str) -> dict[str, object]:
    ran = triage("assess", *CALM, *extra, "--format", "json")
    assert ran.code == 0, ran.err
    return json.loads(ran.out)  # type: ignore[no-any-return]


def again(document: dict[str, object], *args: str) -> tuple[int, dict[str, object], str]:
    ran = triage(
        "assess",
        "--answers",
        "-",
        "--format",
        "json",
        *args,
        input=json.dumps(document),
        expect=ANY,
    )
    return ran.code, json.loads(ran.out) if ran.out else {}, ran.err


def test_a_saved_result_given_back_unchanged_agrees():
    code, data, err = again(saved())
    assert (code, data["saved_disagreement"], err) == (0, None, "")


@pytest.mark.parametrize(
    ("edit", "recorded"),
    [
        ({"outcome": "therapeutic"}, {"outcome": "therapeutic", "flags": []}),
        ({"flags": ["fever"]}, {"outcome": "relaxation", "flags": ["fever"]}),
        (
            {"outcome": "see_doctor", "flags": ["fever"]},
            {"outcome": "see_doctor", "flags": ["fever"]},
        ),
    ],
    ids=["outcome", "flags", "both"],
)
def test_an_edited_saved_result_is_reported(edit, recorded):
    code, data, err = again({**saved(), **edit})
    assert code == 0
    assert data["outcome"] == "relaxation"  # the answers decide, as before
    assert data["saved_disagreement"] == recorded
    [line] = err.splitlines()
    assert line.startswith("triage: warning: the saved result records ")
    assert "but its answers give relaxation (flags: -) under the same rule set" in line
    assert "\x1b" not in line and "\x07" not in line


@pytest.mark.parametrize(
    "edit",
    [{"flags": "fever"}, {"cautions": "pregnancy"}, {"outcome": ["see_doctor"]}, {"pain": "yes"}],
)
def test_a_key_that_a_result_does_not_hold_so_is_refused_at_its_place(edit):
    """`cautions: pregnancy` is an answer (a list of ids in a result): refused, not dropped."""
    code, _data, err = again({**saved(), **edit})
    assert code == 3
    [key] = edit
    assert f"{key!r} beside a saved result" in err
    assert err.startswith("triage: error: <stdin>:1:")


def test_a_saved_result_holding_an_escape_sequence_is_refused():
    code, _data, err = again({**saved(), "outcome": "\x1b]52;c;eA==\x07x"})
    assert code == 3
    assert "control character (U+001B)" in err and "\x1b" not in err


def test_a_saved_result_of_other_rules_is_not_compared():
    document = {**saved(), "outcome": "therapeutic", "rules": {"sha256": "0" * 64}}
    code, data, err = again(document)
    assert (code, data["saved_disagreement"], err) == (0, None, "")


def test_an_answer_given_on_the_command_line_changes_the_answers_on_purpose():
    code, data, err = again({**saved(), "outcome": "therapeutic"}, "-a", "discomfort=no")
    assert (code, data["saved_disagreement"], err) == (0, None, "")


UNUSED = ["-a", "pregnancy_warning_signs=yes"]  # asked only with cautions=pregnancy


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_an_unused_answer_that_would_raise_a_flag_is_a_warning_in_every_format(fmt):
    ran = triage("assess", *CALM, *UNUSED, "--format", fmt)
    assert ran.code == 0
    if fmt == "json":
        data = json.loads(ran.out)
        assert data["ignored_answers"] == ["pregnancy_warning_signs"]
        [flag] = data["ignored_flags"]
        assert (flag["id"], flag["question"], flag["at_least"]) == (
            "pregnancy_warning_signs",
            "pregnancy_warning_signs",
            "emergency",
        )
        assert "bleeding" in flag["label"]
    else:
        assert WARNING in ran.out.replace("\n", " ").replace("## ", "")
        assert "bleeding" in ran.out


@pytest.mark.parametrize(
    "unused",
    [
        ["-a", "pregnancy_warning_signs=no"],  # given, but raises nothing
        ["-a", "areas=neck"],  # a question without a flag
    ],
)
def test_an_unused_answer_that_raises_nothing_is_no_warning(unused):
    ran = triage("assess", *CALM, *unused)
    assert ran.code == 0
    assert "WARNING" not in ran.out
    assert json.loads(triage("assess", *CALM, *unused, "-f", "json").out)["ignored_flags"] == []


def test_which_unused_answer_raises_a_flag_comes_from_the_rule_set(tmp_path):
    """Not from ids in the code: a clinic's own flag on a choice, in its own rule set."""
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "id: r\nversion: '1'\ntitle: R\nquestions:\n"
        "  - {id: pain, type: yes_no, text: 'Pain?'}\n"
        "  - id: signs\n    type: multi_choice\n    text: Signs\n"
        "    when: {question: pain, is: yes}\n"
        "    choices:\n      - {key: numb, label: Numbness, red_flag: doctor}\n"
        "      - {key: ache, label: Ache}\n"
        "outcomes:\n"
        "  - {id: doctor, kind: referral, severity: 30, ends_walk: true, title: D, advice: D,"
        " if_worse: D}\n"
        "  - {id: relax, kind: massage, severity: 10, title: R, advice: R, if_worse: R}\n"
        "decisions:\n  - {outcome: relax, reason: Always.}\n"
        "  - {outcome: doctor, when: {question: signs, includes: numb}, reason: Numb.}\n",
        encoding="utf-8",
    )
    ran = triage("assess", "--rules", str(rules), "-a", "pain=no", "-a", "signs=numb,ache",
                 "-f", "json", "--allow-unverified")  # fmt: skip
    assert ran.code == 0, ran.err
    flags = json.loads(ran.out)["ignored_flags"]
    assert [(f["id"], f["at_least"], f["label"]) for f in flags] == [("numb", "doctor", "Numbness")]


# ------------------------------------------------------------------ text that is not UTF-8

LATIN1 = os.fsdecode(b"caf\xe9")  # as Python hands over a command-line byte that is not UTF-8


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "-a", f"areas_other={LATIN1}"],
        ["assess", "-a", f"{LATIN1}=1"],
        ["assess", "-a", f"duration={LATIN1}"],
        ["assess", "-a", f"red_flags=fever,{LATIN1}"],
    ],
    ids=["a-text", "a-question-id", "a-choice", "in-a-list"],
)
def test_an_answer_that_is_not_utf8_is_refused_never_replaced(args):
    ran = triage(*args, expect=3)
    assert ran.code == 3
    assert ran.err.startswith("triage: error: --answer ")
    assert "caf\\xe9" in ran.err and "not UTF-8 text" in ran.err


def test_a_caller_reference_that_is_not_utf8_is_refused():
    ran = triage("call", "--no-save", "--caller-ref", LATIN1, expect=2)
    assert ran.code == 2
    assert "a caller reference must be UTF-8 text" in ran.err


NOT_UTF8 = [b"red_flags: caf\xe9\n", b"\xff\xfe" + "a: 1".encode("utf-16-le"), b"a: 1\n\xc0\x80"]


@pytest.mark.parametrize("data", NOT_UTF8)
def test_an_answers_file_that_is_not_utf8_is_refused(tmp_path, data):
    path = tmp_path / "a.yaml"
    path.write_bytes(data)
    ran = triage("assess", "--answers", str(path), expect=3)
    assert ran.code == 3
    assert f"cannot read the answers file {path}: it is not UTF-8 text" in ran.err


@pytest.mark.parametrize("data", NOT_UTF8)
def test_answers_piped_that_are_not_utf8_are_refused(data):
    ran = process("assess", "--answers", "-", input=data, expect=3)
    assert ran.err == "triage: error: cannot read the answers file <stdin>: it is not UTF-8 text\n"
