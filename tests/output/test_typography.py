"""French typography, set by the renderer: what it changes, what it never touches."""

from __future__ import annotations

import io

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from triage.output.typography import (
    APOSTROPHE,
    EN_DASH,
    NBSP,
    NNBSP,
    can_show,
    degrade,
    for_stream,
    typeset,
)

# Texts made of what rule sets and catalogs hold: letters (accented too), digits,
# spaces, punctuation, quotes, hyphens, and the typographic characters themselves.
ALPHABET = st.sampled_from(
    [*"aeéiouxyzAÉ0129 :;!?'«»-()[].,/_\n", APOSTROPHE, EN_DASH, NBSP, NNBSP]
)
TEXTS = st.text(ALPHABET, max_size=60)
SENTENCES = st.lists(
    st.sampled_from(
        [
            "Pourquoi :",
            "Où ressentez-vous cette gêne ?",
            "l'épaule",
            "aujourd'hui",
            "« urgences »",
            "(voir 'triage --help')",
            "FICHE - 2026-11-23",
            "a:1:2",
            "https://example.org/?q=1",
            "o/n · ? aide",
            "--yes",
            "Attention !",
            "oui ; non",
        ]
    ),
    max_size=6,
).map(" ".join)


def skeleton(text: str) -> str:
    """The text without its spacing, apostrophes and dashes told apart: what must not change."""
    for typographic, plain in ((APOSTROPHE, "'"), (EN_DASH, "-")):
        text = text.replace(typographic, plain)
    return "".join(text.split()).replace(NBSP, "").replace(NNBSP, "")


@given(TEXTS | SENTENCES)
@example("Pourquoi : « ici » ; l'épaule ? - oui !")
@example("a - - b")
@example("a ? ? : :")
def test_typesetting_is_idempotent(text: str):
    once = typeset(text, "fr")
    assert typeset(once, "fr") == once


@given(TEXTS | SENTENCES, st.sampled_from(["en", "de", ""]))
def test_typesetting_never_changes_another_language(text: str, lang: str):
    assert typeset(text, lang) == text


@given(TEXTS | SENTENCES)
def test_typesetting_only_changes_spaces_apostrophes_and_dashes(text: str):
    assert skeleton(typeset(text, "fr")) == skeleton(text)


@given(TEXTS | SENTENCES)
def test_degrading_leaves_nothing_an_ascii_terminal_cannot_show(text: str):
    shown = degrade(typeset(text, "fr"))
    assert not set(shown) & {NBSP, NNBSP, APOSTROPHE, "«", "»", EN_DASH}


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("Pourquoi :", f"Pourquoi{NBSP}:"),
        ("triage : erreur : x", f"triage{NBSP}: erreur{NBSP}: x"),
        ("Où ressentez-vous cette gêne ?", f"Où ressentez-vous cette gêne{NNBSP}?"),
        ("Profitez-en bien !", f"Profitez-en bien{NNBSP}!"),
        ("un repas ; un bilan", f"un repas{NNBSP}; un bilan"),
        ("« triage --help »", f"«{NBSP}triage --help{NBSP}»"),
        ("«urgences»", f"«{NBSP}urgences{NBSP}»"),
        ("d'abord l'épaule", f"d{APOSTROPHE}abord l{APOSTROPHE}épaule"),
        ("FICHE - 2026-11-23", f"FICHE {EN_DASH} 2026-11-23"),
        ("dire 'ok' ?)", f"dire 'ok'{NNBSP}?)"),
        ("le 116 117 ou le 15", f"le 116{NBSP}117 ou le 15"),  # ids keep their straight quotes
    ],
)
def test_french_is_set_as_print_sets_it(written: str, printed: str):
    assert typeset(written, "fr") == printed


@pytest.mark.parametrize(
    "left_alone",
    [
        "rules.yaml:9:6: erreur",  # a location: no space before the colons
        "https://example.org/a?b=1",
        "o/n · ? aide · r retour",  # the key "?" is not a question mark
        "1-3 · ? aide",
        "triage history purge --yes",
        "- une puce en début de ligne",
        "  - une puce en retrait",
        "de -5 à 5",
        "Pourquoi:",  # a missing space is not invented
    ],
)
def test_what_is_not_prose_punctuation_is_left_alone(left_alone: str):
    assert typeset(left_alone, "fr") == left_alone


def test_an_ascii_terminal_gets_plain_punctuation():
    ascii_stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    utf8_stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    text = "Voir « triage --help » : l'aide ?"
    assert not can_show(ascii_stream) and can_show(utf8_stream)
    assert for_stream(text, "fr", ascii_stream) == 'Voir "triage --help" : l\'aide ?'
    assert for_stream(text, "fr", utf8_stream) == typeset(text, "fr")


# ------------------------------------------------------------ in the rendered result

THERAPEUTIC = {
    "emergency_signs": "none",
    "age": "18_to_49",
    "pregnancy_warning_signs": "no",
    "cautions_details": "24 semaines",
    "red_flags": "none",
    "discomfort": "yes",
    "areas": "neck,hip",
    "duration": "weeks",
    "same_spot": "yes",
    "worse_in_positions": "no",
    "limits_movement": "no",
    "organises_around_it": "no",
    "cautions": "pregnancy,osteoporosis",
}


@pytest.mark.parametrize(
    "answers",
    [
        THERAPEUTIC,
        {
            "emergency_signs": "none",
            "age": "18_to_49",
            "cautions": "none",
            "red_flags": "night_pain",
        },
    ],
    ids=["therapeutic", "see_doctor"],
)
def test_no_french_line_of_the_panel_starts_with_a_lone_mark(default_loaded, answers):
    """Rich breaks at a no-break space; the panel's lines are broken before it sees them."""
    from triage import i18n
    from triage.cli.emit import emit
    from triage.cli.environment import Environment
    from triage.cli.options import Format
    from triage.deciding import engine
    from triage.deciding.answers import from_mapping
    from triage.output.document import document

    rules = default_loaded.rules
    i18n.use("fr")
    try:
        doc = document(
            engine.assess(rules, from_mapping(rules, answers), "fr"), default_loaded, "fr"
        )
        for width in range(40, 121):
            out = io.StringIO()
            environ = {"TERM": "xterm", "NO_COLOR": "1"}
            emit(
                Environment(stdout=out, stdout_isatty=True, environ=environ, width=width),
                doc,
                Format.text,
            )
            starts = [line.strip("│ ")[:1] for line in out.getvalue().splitlines()]
            assert not set(starts) & set(":;!?»"), width
    finally:
        i18n.use("en")
