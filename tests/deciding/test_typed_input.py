"""What a person types, read as they mean it: labels and their starts, words for none,
case and accents folded but never a look-alike, commands only where they cannot be
text, and input that is not UTF-8 refused line by line, never replaced."""

from __future__ import annotations

import json

import pytest
from cli_run import process
from hypothesis import given
from hypothesis import strategies as st

from triage.deciding import interview
from triage.deciding.answers import from_typed
from triage.deciding.typed import fold
from triage.errors import AnswerError

LOOKALIKES = """\
id: lookalikes
version: "1"
title: Look-alikes
questions:
  - id: unit
    type: choice
    text: Which unit?
    choices:
      - {key: k, label: {en: Kelvin, fr: Kelvin}}
      - {key: c, label: {en: Celsius, fr: Celsius}}
      - {key: leg, label: {en: Left leg, fr: Jambe gauche}}
      - {key: lower, label: {en: Left arm, fr: Épaule}}
  - id: where
    type: multi_choice
    text: Where?
    choices:
      - {key: arm, label: {en: "Arm, elbow, wrist or hand", fr: "Bras, coude ou main"}}
      - {key: neck, label: {en: Neck, fr: Cou ou nuque}}
      - {key: shoulder, label: {en: Shoulder, fr: Épaule}}
      - {key: nose, label: {en: Nose, fr: Nez}}
    none_label: {en: "Not sure, or none of these", fr: "Difficile à dire, ou aucune de ces zones"}
  - id: note
    type: text
    text: Anything else?
  - id: ok
    type: yes_no
    text: All right?
outcomes:
  - {id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: R.}
decisions:
  - {outcome: relax, reason: Always.}
"""


@pytest.fixture
def q(load_text):
    return load_text(LOOKALIKES).question


@pytest.mark.parametrize(
    ("typed", "lang", "key"),
    [
        ("Celsius", "en", "c"),
        ("celsius", "en", "c"),
        ("CELS", "en", "c"),  # any start that fits one choice only
        ("c", "en", "c"),  # the key
        ("left l", "en", "leg"),
        ("Left  leg", "en", "leg"),  # spaces as typed
        ("épaule", "fr", "lower"),
        ("EPAULE", "fr", "lower"),  # accents and case folded
        ("e\u0301paule", "fr", "lower"),  # a combining accent too
        ("jambe", "fr", "leg"),
        ("2", "en", "c"),
    ],
)
def test_a_choice_is_its_number_key_label_or_a_start_of_one_label(q, typed, lang, key):
    assert from_typed(q("unit"), typed, lang) == key


@pytest.mark.parametrize(
    "typed",
    [
        "\u212a",  # the Kelvin sign: lower-cases to "k", but it is not the letter
        "\u212aelvin",
        "\uff43",  # fullwidth c
        "\uff12",  # fullwidth 2
        "²",
        "\u0421elsius",  # a Cyrillic Es
        "5",  # digits are a number, never a start ("5" of "50 or over")
        "",
    ],
)
def test_a_look_alike_or_a_number_out_of_range_names_no_choice(q, typed):
    with pytest.raises(AnswerError, match="Please type a number from 1 to 4"):
        from_typed(q("unit"), typed)


def test_an_ambiguous_start_names_the_choices_it_could_be(q):
    with pytest.raises(AnswerError) as caught:
        from_typed(q("unit"), "left")
    assert str(caught.value) == (
        "'left' starts several answers (Left leg, Left arm): type more of it, or its number"
    )


@pytest.mark.parametrize(
    ("typed", "lang", "keys"),
    [
        ("no", "en", ()),
        ("No", "en", ()),
        ("none", "en", ()),
        ("non", "fr", ()),
        ("aucun", "fr", ()),
        ("Aucune", "fr", ()),
        ("not sure, or none of these", "en", ()),  # the none label, commas and all
        ("Arm, elbow, wrist or hand", "en", ("arm",)),  # a label holding commas
        ("arm, elbow, wrist or hand, neck", "en", ("arm", "neck")),
        ("neck, shoulder", "en", ("neck", "shoulder")),
        ("neck shoulder", "en", ("neck", "shoulder")),
        ("sh 1", "en", ("arm", "shoulder")),
        ("nos", "en", ("nose",)),
        ("épaule, cou", "fr", ("neck", "shoulder")),
        ("1 2", "en", ("arm", "neck")),
    ],
)
def test_a_list_takes_labels_starts_numbers_and_words_for_none(q, typed, lang, keys):
    assert from_typed(q("where"), typed, lang) == keys


@pytest.mark.parametrize("typed", ["no, neck", "neck, none", "n\u212ack", "elbow", "neck,,"])
def test_a_list_refuses_none_with_a_choice_and_what_names_nothing(q, typed):
    with pytest.raises(AnswerError):
        from_typed(q("where"), typed)


@pytest.mark.parametrize(
    ("typed", "lang", "value"),
    [("OUI", "fr", True), ("Non", "fr", False), ("yes", "fr", True), ("NO", "en", False)],
)
def test_yes_and_no_in_any_case(q, typed, lang, value):
    assert from_typed(q("ok"), typed, lang) is value


# fullwidth y and n, fullwidth "yes", a Cyrillic u, "no" with a Cyrillic o
@pytest.mark.parametrize("typed", ["\uff59", "\uff4e", "\uff59\uff45\uff53", "\u0443", "n\u043e"])
def test_yes_and_no_refuse_look_alikes(q, typed):
    with pytest.raises(AnswerError, match="Please answer y"):
        from_typed(q("ok"), typed, "en")


def test_fold_is_case_and_accents_only():
    assert fold("  Épaule  Gauche ") == "epaule gauche"
    assert fold("l\u2019épaule") == "l'epaule"  # the apostrophe the terminal shows
    for lookalike in ["\u212a", "\u2126", "\u212b", "\ufb01", "\uff4b", "²", "\u1d2c"]:
        assert fold(lookalike).isascii() is False, lookalike


@given(st.text(max_size=12))
def test_fold_never_turns_what_is_not_ascii_into_ascii_letters_it_does_not_carry(text):
    """Whatever is typed, folding only lowers ASCII-able letters and drops accents: no
    character outside Latin letters with marks becomes an ASCII letter."""
    import unicodedata

    for char in text:
        folded = fold(char)
        if folded.isascii() and folded.isalpha():
            base = unicodedata.normalize("NFD", char)[0]
            assert base.lower() == folded and len(unicodedata.normalize("NFD", char)) >= 1
            assert base.isascii(), (char, folded)


@pytest.mark.parametrize(
    ("typed", "command"),
    [
        ("back", interview.Answer("back")),
        ("help", interview.Answer("help")),
        ("retour", interview.Answer("retour")),
        ("  Back pain ", interview.Answer("Back pain")),
        ("b", interview.Back()),
        ("B", interview.Back()),
        ("?", interview.Help()),
        ("h", interview.Help()),
    ],
)
def test_at_a_free_text_question_a_word_is_text_and_only_keys_are_commands(q, typed, command):
    assert interview.interpret(q("note"), typed, "en") == command


@pytest.mark.parametrize(
    ("typed", "command"),
    [("back", interview.Back()), ("help", interview.Help()), ("r", interview.Back())],
)
def test_elsewhere_the_words_still_are_commands(q, typed, command):
    assert interview.interpret(q("ok"), typed, "fr") == command


# ------------------------------------------------------------- not UTF-8


@pytest.mark.parametrize(
    "bad",
    [b"\xff", b"caf\xe9", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"3\xf8"],
)
@pytest.mark.parametrize("command", [["call", "--no-save"], []])
def test_a_piped_line_that_is_not_utf8_is_refused_and_the_others_are_kept(command, bad):
    """In one chunk: the bad line costs itself, every other answer is read."""
    done = process(*command, "--format", "json", input=b"0\n3\n" + bad + b"\n0\n0\nn\n\n")
    err = done.err
    assert json.loads(done.out)["outcome"] == "relaxation"
    assert err.count("is not UTF-8 text") == 1, err
    assert "\ufffd" not in json.loads(done.out)["answers"].values()


def test_a_free_text_line_that_is_not_utf8_is_refused_not_stored():
    typed = b"0\n3\n1\nn\n0\nn\n24 weeks \xe9\n24 weeks\n\n"
    done = process("call", "--no-save", "--format", "json", input=typed)
    doc = json.loads(done.out)
    assert doc["answers"]["cautions_details"] == "24 weeks"
    assert "\ufffd" not in done.out  # no U+FFFD anywhere in the result


def test_only_bad_lines_end_in_too_many_refusals():
    done = process("call", "--no-save", input=b"\xff\n" * 150, expect=3)
    assert done.err.count("triage: error:") == 1


@pytest.mark.parametrize("command", [["call", "--no-save"], []])
def test_input_that_ends_at_a_free_text_question_leaves_it_empty(command):
    """As `assess` records an unanswered free-text question as empty: the note for the
    therapist is never required, so answers piped for the questions that decide do."""
    done = process(*command, "--format", "json", input=b"0\n3\n0\n0\nn\n")
    doc = json.loads(done.out)
    assert doc["outcome"] == "relaxation"
    assert doc["answers"]["therapist_note"] in ("", None)


def test_input_that_ends_at_a_question_that_decides_is_still_an_error():
    done = process("--format", "json", input=b"0\n3\n0\n0\n", expect=4)
    assert "input ended at question 'discomfort'" in done.err
