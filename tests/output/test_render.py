"""Rendering a result: the document, plain text, Markdown and the Rich panel."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console

from triage.deciding.engine import assess
from triage.output import formats
from triage.output.booking_note import booking_note
from triage.output.document import document
from triage.output.result import Caution, Flag, NoteAnswer, RulesIdentity, TraceItem
from triage.output.verdict import verdict_texts

ANSI = re.compile(r"\x1b\[")
BOX = "│╭╮╰╯─┃━┏┓┗┛"

CALM = {"signs": (), "fever": False}
THERAPEUTIC = {**CALM, "pain": True, "duration": "weeks", "extras": ("pregnancy", "varicose")}

DEFAULT_THERAPEUTIC = {
    "emergency_signs": (),
    "age": "18_to_49",
    "cautions": ("pregnancy", "osteoporosis"),
    "pregnancy_warning_signs": False,
    "red_flags": (),
    "discomfort": True,
    "areas": ("neck",),
    "duration": "months",
    "same_spot": True,
    "worse_in_positions": True,
    "limits_movement": False,
    "organises_around_it": False,
}
BACKGROUND = {"emergency_signs": (), "age": "18_to_49", "cautions": ()}
DEFAULT_SEE_DOCTOR = {**BACKGROUND, "red_flags": ("recent_trauma", "night_pain")}
DEFAULT_EMERGENCY = {"emergency_signs": ("swollen_calf",)}


@pytest.fixture
def therapeutic(mini, make_doc):
    result = assess(mini, THERAPEUTIC)
    return make_doc(result, mini, "ab" * 32)


@pytest.fixture
def flagged(mini, make_doc):
    return make_doc(assess(mini, {"signs": ("chest_pain", "swollen_calf")}), mini)


# ------------------------------------------------------------------ document


def test_the_document_holds_the_result(therapeutic):
    doc = therapeutic
    assert doc.outcome == "therapeutic"
    assert doc.title == "A therapeutic massage"
    assert doc.severity == 20
    assert doc.advice == "Book a therapeutic massage with an assessment."
    assert doc.if_worse == "See a doctor before the session."
    assert doc.reasons == ("The pain has lasted for weeks.",)
    assert doc.trace == (
        TraceItem(
            reason="The pain has lasted for weeks.",
            answers={"duration": "weeks"},
            scores={},
            answers_in_words={"duration": "A few weeks"},
            named_answers=(NoteAnswer(question="duration", name="duration", answer="A few weeks"),),
        ),
    )
    assert doc.overruled == ()
    assert doc.flags == ()
    assert doc.cautions == ("pregnancy", "varicose")
    assert doc.caution_details == (
        Caution(
            id="pregnancy",
            title="Pregnancy",
            advice="Side-lying position.",
            to_do="Side-lying position.",  # no instruction of its own: its advice
        ),
        Caution(
            id="varicose",
            title="Varicose veins",
            advice="No deep pressure on them.",
            to_do="No deep pressure on them.",
        ),
    )
    # The steps: the booking (the mini rule set's therapeutic books nothing), then cautions.
    assert doc.to_do == (
        "Do not book a massage for now.",
        "Pregnancy. Side-lying position.",
        "Varicose veins. No deep pressure on them.",
    )
    assert doc.say == doc.advice  # no `say` in the rule set: the advice, as written
    assert doc.safety_net == doc.if_worse
    assert doc.details == ()
    assert doc.answers == {
        "signs": (),
        "fever": False,
        "pain": True,
        "duration": "weeks",
        "extras": ("pregnancy", "varicose"),
    }
    assert doc.answers_in_words["signs"] == "none of these"
    assert doc.answers_in_words["extras"] == "Pregnancy, Varicose veins"
    assert doc.ignored_answers == ()
    assert doc.rules == RulesIdentity(id="mini", version="1.2", sha256="ab" * 32)
    assert doc.language == "en"
    assert doc.tool.name == "massage-triage"


def test_the_document_lists_flags_and_ignored_answers(mini, make_doc):
    result = assess(mini, {"signs": ("swollen_calf",), "fever": True})
    doc = make_doc(result, mini)
    assert doc.outcome == "emergency"
    assert doc.flags == ("swollen_calf",)
    assert doc.flag_details == (
        Flag(id="swollen_calf", question="signs", at_least="emergency", label="A swollen calf"),
    )
    assert doc.ignored_answers == ("fever",)
    assert "fever" not in doc.answers


def test_a_yes_no_flag_is_labelled_by_its_question(mini, make_doc):
    doc = make_doc(assess(mini, {"signs": (), "fever": True}), mini)
    assert doc.flag_details[0].label == "Do you have a fever?"


def test_the_document_lists_overruled_outcomes(mini, make_doc):
    doc = make_doc(assess(mini, {**CALM, "pain": True, "duration": "months"}), mini)
    assert doc.outcome == "see_doctor"
    assert doc.overruled == ("therapeutic",)
    assert doc.reasons == ("Months of pain should be checked by a doctor.",)


def test_the_document_is_json(therapeutic):
    assert json.loads(formats.to_json(therapeutic)) == therapeutic.to_json()


def test_the_reception_wording(default_rules, make_doc):
    result = assess(default_rules, DEFAULT_EMERGENCY)
    doc = make_doc(result, default_rules, audience="reception")
    assert doc.advice.startswith("Tell the caller to hang up")


NO_SIGN = {"same_spot": False, "worse_in_positions": False, "limits_movement": False}
DEFAULT_IN_DOUBT = {
    **BACKGROUND,
    "age": "16_to_17",
    "red_flags": (),
    "discomfort": True,
    "areas": ("shoulder",),
    "duration": "days",
    **NO_SIGN,
    "organises_around_it": False,
}


def test_in_doubt_has_its_own_advice_a_json_field_and_a_line_on_the_note(default_rules, make_doc):
    result = assess(default_rules, DEFAULT_IN_DOUBT)
    doc = make_doc(result, default_rules)
    assert (doc.outcome, doc.in_doubt) == ("therapeutic", True)
    assert doc.to_json()["in_doubt"] is True
    assert doc.advice.startswith("In doubt, the assessment decides")
    assert "relaxation massage" in doc.advice and "would benefit" not in doc.advice
    call = make_doc(result, default_rules, audience="reception")
    assert call.advice.startswith("Book a therapeutic massage with a first assessment: in doubt")
    lines = booking_note(call).splitlines()
    assert lines[2:4] == [
        "Recommendation: A therapeutic massage, starting with an assessment",
        "IN DOUBT: the assessment decides",
    ]
    assert "Age: 16 or 17" in lines
    assert "Cautions: Under 18: a parent's or guardian's consent" in lines
    # What a therapist does not need stays in the history and the JSON, not in the paste.
    assert not [line for line in lines if "script" in line or "sha256" in line]


def test_a_result_with_a_history_is_not_in_doubt(default_rules, make_doc):
    doc = make_doc(assess(default_rules, DEFAULT_THERAPEUTIC), default_rules, audience="reception")
    assert doc.in_doubt is False
    assert doc.advice == default_rules.outcome("therapeutic").advice.get("en", "reception")
    assert "IN DOUBT" not in booking_note(doc)


# ------------------------------------------------------------------ plain text


def test_plain_text_says_everything_in_words(therapeutic):
    text = formats.to_plain(therapeutic)
    assert text.startswith("Recommendation: A therapeutic massage\n")
    assert "The pain has lasted for weeks. (answers: duration: A few weeks)" in text
    assert "Book a therapeutic massage with an assessment." in text
    assert "- Pregnancy: Side-lying position." in text
    assert "- Varicose veins: No deep pressure on them." in text
    assert "See a doctor before the session." in text
    assert "Rule set mini 1.2." in text
    assert "WARNING SIGNS" not in text
    assert not ANSI.search(text)


def test_plain_text_says_red_flag_in_words(flagged):
    text = formats.to_plain(flagged)
    assert "WARNING SIGNS:" in text
    assert "- Chest pain\n- A swollen calf\n" in text
    assert text.index("WARNING SIGNS") < text.index("Why:") < text.index("What to do:")


def test_plain_text_warns_about_an_unverified_rule_set(mini, make_doc):
    doc = make_doc(assess(mini, {"signs": ("chest_pain",)}), mini, violations=["a defect"])
    assert doc.unverified == ("a defect",)
    text = formats.to_plain(doc)
    assert "WARNING" in text
    assert "- a defect" in text


# ------------------------------------------------------------------ markdown


def test_markdown_headings(therapeutic, flagged):
    text = formats.to_markdown(therapeutic)
    assert text.startswith("# Recommendation: A therapeutic massage\n")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == ["Why", "What to do", "Cautions for the therapist", "If things get worse"]
    assert "- The pain has lasted for weeks." in text
    assert "- Pregnancy: Side-lying position." in text
    # The verdict ends it, after a rule: the headline in bold, then the safety-net.
    assert text.endswith("---\n\n**A therapeutic massage**  \nSee a doctor before the session.\n")
    flagged_headings = re.findall(r"^## (.+)$", formats.to_markdown(flagged), re.M)
    assert flagged_headings[0] == "WARNING SIGNS"
    assert "Cautions for the therapist" not in flagged_headings


# ------------------------------------------------------------------ rich


def rich_text(doc, width: int) -> str:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(formats.to_rich(doc))
    return out.getvalue()


def flat(text: str) -> str:
    """The words of a panel, borders removed and wrapped lines joined."""
    for char in BOX:
        text = text.replace(char, " ")
    return " ".join(text.split())


def said(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("width", [40, 200])
@pytest.mark.parametrize(
    "answers",
    [DEFAULT_THERAPEUTIC, DEFAULT_SEE_DOCTOR, DEFAULT_EMERGENCY],
    ids=["therapeutic", "see_doctor", "emergency"],
)
def test_the_panel_fits_the_width_and_cuts_no_advice(default_rules, make_doc, answers, width):
    doc = make_doc(assess(default_rules, answers), default_rules)
    output = rich_text(doc, width)
    lines = output.splitlines()
    assert max(len(line) for line in lines) <= width
    words = flat(output)
    for text in [doc.advice, doc.if_worse, *doc.reasons]:
        assert said(text) in words
    for caution in doc.caution_details:
        assert said(caution.advice) in words
    for flag in doc.flag_details:
        assert said(flag.label) in words
    assert ("WARNING SIGNS" in words) is bool(doc.flags)
    # The verdict ends the output, whole: the headline, what to do, the safety-net.
    assert words.endswith(flat(" ".join(verdict_texts(doc))))
    assert "…" not in output


def test_the_panel_title_is_whole_on_a_wide_terminal(default_rules, make_doc):
    doc = make_doc(assess(default_rules, DEFAULT_SEE_DOCTOR), default_rules)
    assert "Recommendation: See a doctor before any massage" in flat(rich_text(doc, 200))


@pytest.mark.parametrize(
    "answers", [DEFAULT_THERAPEUTIC, DEFAULT_SEE_DOCTOR], ids=["therapeutic", "see_doctor"]
)
def test_the_panel_title_is_whole_on_a_narrow_terminal(default_rules, make_doc, answers):
    doc = make_doc(assess(default_rules, answers), default_rules)
    assert said(doc.title) in flat(rich_text(doc, 40))


def test_a_terminal_without_unicode_gets_an_ascii_panel(default_rules):
    """Boxes and bullets fall back to ASCII when the terminal's encoding cannot show them."""
    from triage.cli.emit import emit
    from triage.cli.environment import Environment
    from triage.cli.options import Format
    from triage.deciding.loaded import load

    loaded = load(None)
    result = assess(default_rules, DEFAULT_SEE_DOCTOR)
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii", errors="strict")  # fails on any non-ASCII
    environ = {"TERM": "xterm", "NO_COLOR": "1"}
    env = Environment(stdout=out, stdout_isatty=True, environ=environ, width=60)
    emit(env, document(result, loaded), Format.text)
    out.flush()
    text = raw.getvalue().decode("ascii")
    assert text.startswith("+---") and "| " in text
    assert "- A recent fall, accident or knock" in text


# ------------------------------------------------------------------ the verdict


VERDICT_CASES = [DEFAULT_THERAPEUTIC, DEFAULT_SEE_DOCTOR, DEFAULT_EMERGENCY, DEFAULT_IN_DOUBT]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("answers", VERDICT_CASES, ids=["therapeutic", "see", "emergency", "doubt"])
def test_the_verdict_ends_plain_text_in_five_lines_at_80_columns(
    default_rules, make_doc, answers, lang
):
    doc = make_doc(assess(default_rules, answers), default_rules, lang=lang)
    text = formats.to_plain(doc, 80)
    block = text.rstrip("\n").split("\n\n")[-1].split("\n")
    assert len(block) <= 5, block
    assert block[0] == "-" * 30  # the rule that opens it
    assert " ".join(" ".join(block[1:]).split()) == " ".join(" ".join(verdict_texts(doc)).split())
    assert formats.to_plain(doc, 40).rstrip("\n").endswith(block[-1].split()[-1])  # still last


def test_every_outcome_of_the_default_rules_has_a_verdict_that_fits(default_rules):
    """Headline, act and safety-net: each at most 80 characters set in every language (a
    booking's line is the tool's, and fits too)."""
    from triage.output.typography import typeset

    for outcome in default_rules.outcomes:
        assert outcome.verdict is not None, outcome.id
        texts = [outcome.verdict.headline, outcome.verdict.safety_net]
        texts += [outcome.verdict.act] if outcome.verdict.act else []
        for lang in default_rules.languages:
            for text in texts:
                assert len(typeset(text.get(lang), lang)) <= 80, (outcome.id, lang)
        assert (outcome.verdict.act is None) is (outcome.booking is not None), outcome.id


def test_an_emergency_says_so_in_its_verdict_and_a_massage_what_to_book(default_rules, make_doc):
    emergency = make_doc(assess(default_rules, DEFAULT_EMERGENCY), default_rules)
    assert emergency.verdict.headline.startswith("EMERGENCY")
    assert "112" in emergency.verdict.act
    therapeutic = make_doc(assess(default_rules, DEFAULT_THERAPEUTIC), default_rules)
    assert therapeutic.verdict.act == (
        "Book: Therapeutic massage, first session with assessment (75 min)"
    )


def test_an_unverified_rule_set_says_so_in_the_verdict(mini, make_doc):
    doc = make_doc(assess(mini, {"signs": ("chest_pain",)}), mini, violations=["a defect"])
    assert "WARNING: unverified rule set" in formats.to_plain(doc).rstrip().split("\n")[-3]


def test_a_result_that_books_no_massage_gives_no_advice_about_one(default_rules, make_doc):
    """Cautions are noted on a referral, by title only: no 'tell your therapist when you
    book' under a doctor's or an emergency's advice, nor a step about the massage."""
    answers = {**DEFAULT_THERAPEUTIC, "red_flags": ("night_pain",)}
    result = assess(default_rules, answers)
    assert result.outcome.kind == "referral" and result.cautions
    for audience in ("client", "reception"):
        doc = make_doc(result, default_rules, audience=audience)
        assert [c.id for c in doc.caution_details] == ["pregnancy", "osteoporosis"]
        assert all(c.advice == "" and c.to_do == "" for c in doc.caution_details)
        assert not any("Pregnancy" in step for step in doc.to_do)
        text = formats.to_plain(doc)
        assert "Cautions noted:\n- Pregnancy\n- Osteoporosis" in text
        assert "therapist" not in text.lower().replace("cautions for the therapist", "")
    booked = make_doc(assess(default_rules, DEFAULT_THERAPEUTIC), default_rules)
    assert all(c.advice for c in booked.caution_details)
    assert "Cautions for the therapist" in formats.to_plain(booked)
