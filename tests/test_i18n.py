"""The tool's own texts in several languages: catalogs in sync, language choice, French.

English is the source language (the msgids are the English texts), so the rest of the
suite checks English output; these tests check that every text reaches the French
catalog, that the language is chosen as documented, and that switching it changes
the words and never the ids, outcomes or the structure of a result.
"""

from __future__ import annotations

import json
import string
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from cli_run import process, triage
from scenarios import RELAXATION_ARGS

from triage import i18n
from triage.authoring.cases import parse_cases
from triage.deciding import engine, interview
from triage.deciding.answers import from_mapping, from_typed
from triage.deciding.interview import Answer, Back, Help, QuestionView, interpret
from triage.deciding.loaded import Loaded
from triage.errors import AnswerError
from triage.history.store import Screening, Store
from triage.output import formats
from triage.output.document import document
from triage.output.typography import typeset
from triage.rulesets.files import Source

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "triage" / "locale"
TRANSLATED = [code for code in i18n.SUPPORTED if code != "en"]
LOCALE_VARIABLES = {name: None for name in i18n.ENVIRONMENT}  # the runner: unset them

BACKGROUND = {"emergency_signs": "none", "age": "18_to_49", "cautions": "none"}
RELAXATION = RELAXATION_ARGS
THERAPEUTIC = {
    "emergency_signs": "none",
    "age": "18_to_49",
    "cautions": "pregnancy,osteoporosis",
    "pregnancy_warning_signs": "no",
    "red_flags": "none",
    "discomfort": "yes",
    "areas": "shoulder,hip",
    "duration": "weeks",
    "same_spot": "yes",
    "worse_in_positions": "no",
    "limits_movement": "no",
    "organises_around_it": "no",
}
SEE_DOCTOR = {**BACKGROUND, "red_flags": "recent_trauma,night_pain"}
EMERGENCY = {"emergency_signs": "swollen_calf,chest_pain_or_breathless"}


@pytest.fixture(autouse=True)
def _english_before_and_after() -> Iterator[None]:
    """The chosen language is process-wide: no test leaves French behind for the others."""
    i18n.use("en")
    yield
    i18n.use("en")


def fr(text: str) -> str:
    """French as the tool prints it: its typography (no-break spaces, apostrophes)."""
    return typeset(text, "fr")


def locale(**variables: str) -> dict[str, str | None]:
    """An environment where only these locale variables are set (TRIAGE_LANG too)."""
    return {**LOCALE_VARIABLES, **variables}


def pairs(answers: dict[str, str]) -> list[str]:
    return [option for q, v in answers.items() for option in ("-a", f"{q}={v}")]


# ------------------------------------------------------------ the catalogs


Msgid = str | tuple[str, str]  # a text, or the singular and plural of a counted one


def extracted() -> dict[Msgid, list[str]]:
    """Every msgid in the code, as `pybabel extract -F babel.cfg` finds them.

    The keywords are babel.cfg's (`_` and `ngettext`), as the extract command reads them.
    """
    try:  # Babel 2.15+; parse_mapping before
        from babel.messages.frontend import parse_mapping_cfg as parse
    except ImportError:  # pragma: no cover - depends on Babel's version
        from babel.messages.frontend import parse_mapping as parse

    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse(config)
    found: dict[Msgid, list[str]] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords={"_": None}
    ):
        plural = isinstance(message, tuple) and len(message) == 2
        assert isinstance(message, str) or plural, f"{filename}:{line}: only literal texts"
        assert all(isinstance(m, str) for m in (message if plural else [message]))
        found.setdefault(message, []).append(f"{filename}:{line}")
    return found


def forms(text: object) -> tuple[str, ...]:
    """A msgid or msgstr as a tuple of its forms (one, or one per plural form)."""
    return tuple(text) if isinstance(text, list | tuple) else (str(text),)


def catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def fields(text: str) -> list[tuple[str, str | None, str | None]]:
    """The {placeholders} of a text: name, conversion and format spec, in order of name."""
    found = [
        (name, conversion, spec) for _, name, spec, conversion in string.Formatter().parse(text)
    ]
    return sorted((name, conversion, spec) for name, conversion, spec in found if name is not None)


def test_the_code_has_texts_to_translate_and_babel_finds_them():
    found = extracted()
    assert len(found) > 200
    # a sample from each kind of text: prompts, results, errors, help, authoring
    for msgid in (
        "Question {n}, up to {more} more",
        "Why",
        "TRIAGE NOTE",
        "triage: error: {message}",
        "Show this message and exit.",  # Click's own words, marked with N_
        "unknown question {id!r}",
        "language {asked!r} is not supported (supported: {supported}); using English",
        ("{n} error", "{n} errors"),  # a counted text, through ngettext
    ):
        assert msgid in found, msgid


def test_no_text_counts_with_a_parenthesised_plural():
    """'screening(s)': a counted text goes through ngettext, in every language."""
    for msgid, where in extracted().items():
        assert not any("(s)" in form for form in forms(msgid)), where


def test_the_template_is_in_sync_with_the_code():
    template = {m.id for m in catalog(LOCALE / "triage.pot") if m.id}
    assert template == set(extracted()), "run pybabel extract (see docs/translating.md)"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_text_of_the_code_is_translated(code: str):
    po = catalog(LOCALE / code / "LC_MESSAGES" / "triage.po")
    translated = {m.id: m for m in po if m.id}
    found = extracted()
    missing = {msgid: where for msgid, where in found.items() if msgid not in translated}
    assert not missing, f"not in the {code} catalog (run pybabel update): {missing}"
    stale = sorted(set(translated) - set(found))
    assert not stale, f"no longer in the code: {stale}"
    assert not po.obsolete, f"obsolete entries left in the {code} catalog"
    for msgid, message in translated.items():
        strings = forms(message.string)
        assert all(s.strip() for s in strings), f"empty: {msgid!r}"
        assert len(strings) == len(forms(msgid)) or len(strings) == po.num_plurals, msgid
        assert not message.fuzzy, f"fuzzy: {msgid!r}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_every_placeholder(code: str):
    for message in catalog(LOCALE / code / "LC_MESSAGES" / "triage.po"):
        if not message.id:
            continue
        wanted = fields(forms(message.id)[-1])  # the plural names what both forms need
        for translated in forms(message.string):
            assert fields(translated) == wanted, message.id
            names = {name: 1 for name, _conversion, _spec in wanted}
            translated.format(**names)  # no stray brace


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalog_is_the_compiled_po(code: str, tmp_path: Path):
    folder = LOCALE / code / "LC_MESSAGES"
    fresh = tmp_path / "triage.mo"
    with fresh.open("wb") as handle:
        write_mo(handle, catalog(folder / "triage.po"), use_fuzzy=False)

    def parsed(path: Path) -> dict[object, object]:
        with path.open("rb") as handle:
            return {forms(m.id): forms(m.string) for m in read_mo(handle) if m.id}

    committed = folder / "triage.mo"
    # The messages, never the compiler's version stamp in the header.
    assert parsed(committed) == parsed(fresh), "run pybabel compile (see docs/translating.md)"


# ------------------------------------------------------------ choosing the language


def test_lang_flag_beats_every_variable():
    environ = {name: "fr_FR.UTF-8" for name in i18n.ENVIRONMENT}
    assert i18n.choose("en", environ) == ("en", None)
    assert i18n.choose("fr", {name: "en_GB.UTF-8" for name in i18n.ENVIRONMENT}) == ("fr", None)


@pytest.mark.parametrize("position", range(len(i18n.ENVIRONMENT)))
@pytest.mark.parametrize(("winner", "others"), [("fr_FR.UTF-8", "en_US.UTF-8"), ("en", "fr")])
def test_each_variable_beats_the_ones_after_it(position: int, winner: str, others: str):
    """TRIAGE_LANG, then LC_ALL, then LC_MESSAGES, then LANG."""
    names = i18n.ENVIRONMENT
    environ = {name: others for name in names[position + 1 :]}
    environ[names[position]] = winner
    assert i18n.choose(None, environ) == (i18n.normalise(winner), None)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("fr_CA.UTF-8", "fr"),
        ("fr_FR@euro", "fr"),
        ("fr-BE", "fr"),
        ("FR", "fr"),
        ("en_GB.UTF-8", "en"),
        ("C", "en"),
        ("POSIX", "en"),
        ("C.UTF-8", "en"),
    ],
)
def test_locale_names_mean_their_language(value: str, code: str):
    assert i18n.choose(None, {"LANG": value}) == (code, None)
    assert i18n.choose(value, {}) == (code, None)


def test_language_is_a_list_of_preferences_as_gettext_reads_it():
    """LANGUAGE=de:fr: German is not there, French is; LANGUAGE comes before LC_ALL."""
    assert i18n.choose(None, {"LANGUAGE": "de:fr_CA:en", "LANG": "en_US.UTF-8"}) == ("fr", None)
    assert i18n.choose(None, {"LANGUAGE": "fr", "LC_ALL": "en_US.UTF-8"}) == ("fr", None)
    assert i18n.choose(None, {"TRIAGE_LANG": "en", "LANGUAGE": "fr"}) == ("en", None)
    code, notice = i18n.choose(None, {"LANGUAGE": "de:nl", "LANG": "fr_FR.UTF-8"})
    assert code == "en" and notice is not None and "'de:nl'" in notice


def test_cli_honours_language():
    ran = triage("assess", *RELAXATION, environ=locale(LANGUAGE="de:fr", LANG="en_GB.UTF-8"))
    assert fr("Pourquoi :") in ran.out


def test_the_last_lang_of_a_command_line_wins():
    assert i18n.flag_in(["--lang", "en", "assess", "--lang=fr"]) == "fr"
    assert i18n.flag_in(["assess", "--", "--lang", "fr"]) is None
    assert i18n.flag_in(["assess", "--lang"]) is None


@pytest.mark.parametrize(("n", "said"), [(0, "0 erreur"), (1, "1 erreur"), (2, "2 erreurs")])
def test_a_count_is_said_in_the_language_plural(n: int, said: str):
    """French counts 0 and 1 in the singular; English says '0 errors'."""
    i18n.use("fr")
    assert i18n.ngettext("{n} error", "{n} errors", n).format(n=n) == said
    i18n.use("en")
    assert i18n.ngettext("{n} error", "{n} errors", n).format(n=n) == (
        "1 error" if n == 1 else f"{n} errors"
    )


def test_empty_variables_are_skipped():
    environ = {"TRIAGE_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "fr_CA.UTF-8"}
    assert i18n.choose(None, environ) == ("fr", None)
    assert i18n.choose(None, {"TRIAGE_LANG": "", "LANG": ""}) == ("en", None)
    assert i18n.choose(None, {}) == ("en", None)


def test_an_unsupported_language_falls_back_to_english_with_a_notice():
    code, notice = i18n.choose(None, {"LC_ALL": "de_DE.UTF-8", "LANG": "fr_FR.UTF-8"})
    assert code == "en"
    assert notice is not None
    assert "'de_DE.UTF-8'" in notice
    assert "en, fr" in notice


def test_cli_unsupported_language_one_line_notice_then_english():
    ran = triage("assess", "--lang", "de", *RELAXATION)
    assert ran.code == 0
    assert ran.err == (
        "triage: language 'de' is not supported (supported: en, fr); using English\n"
    )
    assert "Recommendation: A relaxation massage" in ran.out


def test_cli_unsupported_language_from_the_environment():
    environ = locale(TRIAGE_LANG="xx_YY.UTF-8", LANG="fr_FR.UTF-8")
    ran = triage("assess", *RELAXATION, environ=environ)
    assert ran.code == 0
    notices = [line for line in ran.err.splitlines() if "not supported" in line]
    assert notices == [
        "triage: language 'xx_YY.UTF-8' is not supported (supported: en, fr); using English"
    ]
    assert "Why:" in ran.out


def test_cli_lang_beats_the_environment():
    french = triage("assess", *RELAXATION, environ=locale(TRIAGE_LANG="fr"))
    assert fr("Pourquoi :") in french.out
    english = triage("assess", "--lang", "en", *RELAXATION, environ=locale(TRIAGE_LANG="fr"))
    assert "Why:" in english.out
    assert "Pourquoi" not in english.out


def test_cli_environment_order():
    environ = locale(LC_ALL="", LC_MESSAGES="fr_CA.UTF-8", LANG="en")
    french = triage("assess", *RELAXATION, environ=environ)
    assert fr("Pourquoi :") in french.out
    environ = locale(LC_ALL="en_US.UTF-8", LANG="fr_FR.UTF-8")
    english = triage("assess", *RELAXATION, environ=environ)
    assert "Why:" in english.out


# ------------------------------------------------------------ French output


def test_assess_in_french_prints_french_labels_and_rule_texts(default_rules):
    ran = triage("assess", "--lang", "fr", *pairs(THERAPEUTIC))
    assert ran.code == 0, ran.err
    out = ran.out
    title = default_rules.outcome("therapeutic").title.get("fr")
    assert fr(f"Recommandation : {title}") in out
    for heading in ("Pourquoi :", "Que faire :", "Précautions pour le thérapeute :"):
        assert fr(heading) in out
    assert fr("Si cela s'aggrave :") in out
    assert "Cet outil ne pose pas de diagnostic" in out
    assert fr("(réponses : Durée : De 2 semaines à 3 mois)") in out  # the short name, not the id
    assert "duration" not in out
    english_title = default_rules.outcome("therapeutic").title.get("en")
    for english in ("Why", "What to do", "Recommendation", english_title):
        assert english not in out


def test_a_red_flag_in_french():
    ran = triage("assess", "--lang", "fr", "--format", "markdown", *pairs(SEE_DOCTOR))
    assert ran.code == 0, ran.err
    assert fr("## SIGNES D'ALERTE") in ran.out
    assert ran.out.endswith(
        fr("Aggravation : médecin le jour même. AVC, douleur thoracique : numéro d'urgence.\n")
    )
    assert fr("Une chute, un accident ou un choc récents (par exemple au sport)") in ran.out


def structure(value: Any) -> Any:
    """The shape of a JSON document: its keys, recursively (list items by their shape)."""
    if isinstance(value, dict):
        return {key: structure(item) for key, item in value.items()}
    if isinstance(value, list):
        return [structure(item) for item in value[:1]]
    return type(value).__name__


@pytest.mark.parametrize(
    "answers", [THERAPEUTIC, SEE_DOCTOR, EMERGENCY], ids=lambda a: a["emergency_signs"]
)
def test_json_ids_are_the_same_in_every_language_and_texts_are_not(answers: dict[str, str]):
    docs = {}
    for code in i18n.SUPPORTED:
        ran = triage("assess", "--lang", code, "--format", "json", *pairs(answers))
        assert ran.code == 0, ran.err
        docs[code] = json.loads(ran.out)
    en, fr = docs["en"], docs["fr"]
    assert structure(en) == structure(fr)
    for key in ("outcome", "severity", "flags", "cautions", "answers", "scores"):
        assert en[key] == fr[key], key
    for key in ("ignored_answers", "overruled", "rules", "audience"):
        assert en[key] == fr[key], key
    assert (en["booking"] or {}).get("minutes") == (fr["booking"] or {}).get("minutes")
    assert [f["id"] for f in en["flag_details"]] == [f["id"] for f in fr["flag_details"]]
    assert [c["id"] for c in en["caution_details"]] == [c["id"] for c in fr["caution_details"]]
    assert [t["answers"] for t in en["trace"]] == [t["answers"] for t in fr["trace"]]
    assert (en["language"], fr["language"]) == ("en", "fr")
    for key in ("title", "advice", "if_worse", "reasons"):
        assert en[key] != fr[key], key


def test_the_call_booking_note_in_french(tmp_path: Path, default_rules):
    ran = triage(
        "call",
        "--no-save",
        "--lang",
        "fr",
        "--caller-ref",
        "R-7",
        input="0\n3\n1\nn\n0\no\n1 2\n2\nn\nn\nn\nn\n24 semaines\n\n",
        environ={"TRIAGE_DB": str(tmp_path / "never.sqlite3")},
    )
    assert ran.code == 0, ran.err
    out = ran.out
    said = default_rules.outcome("therapeutic").say.get("fr", "reception")
    to_do = default_rules.outcome("therapeutic").to_do.get("fr", "reception")
    assert (
        out.index(fr("À dire à la personne :"))
        < out.index(fr("À faire - MASSAGE THÉRAPEUTIQUE"))
        < out.index(fr("NOTE D"))
    )
    assert fr(f"\n{said}\n") in out
    assert fr(f"- {to_do}\n") in out
    note = out[out.index(fr("NOTE D'ORIENTATION")) :]
    appointment = default_rules.outcome("therapeutic").booking.appointment.get("fr")
    assert fr(f"À réserver : {appointment} (75 min)") in note
    assert fr("Recommandation : Un massage thérapeutique") in note
    assert fr("Zones : Cou ou nuque, Épaule") in note
    assert fr("Précautions : Grossesse") in note
    assert fr("Précisions : 24 semaines") in note  # the free-text details
    assert fr("Réf. appel : R-7") in note
    assert fr("Posé, réponse « aucun » : Signes d'urgence") in note
    assert "sha256" not in note and "massage-triage-default" not in note
    assert "\ufffd" not in out
    for english in ("TRIAGE NOTE", "Book:", "Tell the caller", "Caller ref", "Screened"):
        assert english not in out
    assert fr("[6 · encore ") in ran.err  # the counter of a call
    assert fr("La personne a-t-elle une douleur ou une gêne précise à traiter ?") in ran.err
    assert fr("Pendant cette grossesse, la personne a-t-elle") in ran.err
    assert "o/n · ? aide · r retour · s synthèse >" in ran.err  # the summary: on demand
    assert not (tmp_path / "never.sqlite3").exists()


def default_rules_said_in_doubt() -> str:
    """The in-doubt decision's own words for a caller, in French."""
    from triage.deciding.loaded import load

    rules = load(None).rules
    doubt = next(d for d in rules.decisions if d.in_doubt)
    words = doubt.advice
    assert words is not None
    return " ".join(words.get("fr", "client").split())  # second person, said to the caller


def test_a_call_in_doubt_in_french_says_so_on_the_note(tmp_path: Path):
    # no sign, 16 or 17, no caution, no red flag, a shoulder for a few days, no history sign
    typed = "0\n2\n0\n0\no\n2\n1\nn\nn\nn\nn\n\n"
    environ = {"TRIAGE_DB": str(tmp_path)}
    ran = triage("call", "--no-save", "--lang", "fr", input=typed, environ=environ)
    assert ran.code == 0, ran.err
    note = ran.out[ran.out.index(fr("NOTE D'ORIENTATION")) :].splitlines()
    assert note[3] == fr("DANS LE DOUTE : le bilan tranchera")
    assert fr("Précautions : Moins de 18 ans : accord d'un parent ou d'un tuteur") in note
    said = default_rules_said_in_doubt()
    assert " ".join(fr(said).split()) in " ".join(ran.out.split())  # said to the caller


def test_a_call_with_a_red_flag_in_french(tmp_path: Path):
    ran = triage(
        "call",
        "--no-save",
        "--lang",
        "fr",
        input="0\n3\n0\n2\n",
        environ={"TRIAGE_DB": str(tmp_path / "h")},
    )
    assert ran.code == 0, ran.err
    assert fr("\nÀ dire à la personne :\n") in ran.out
    assert fr("- Ne réservez pas de massage pour l'instant.\n") in ran.out
    assert fr("À réserver : aucun massage pour l'instant") in ran.out
    assert fr("SIGNAL D'ALERTE : Une chute, un accident ou un choc récents") in ran.out


def test_scenario_cases_give_the_same_ids_in_every_language(default_loaded: Loaded):
    """Every case of the default rule set, rendered in each language: same outcome and ids."""
    rules = default_loaded.rules
    path = ROOT / "rules" / "default.cases.yaml"
    cases = parse_cases(Source(str(path), path.read_text(encoding="utf-8")))
    assert cases
    for case in cases:
        docs = {}
        for code in i18n.SUPPORTED:
            i18n.use(code)
            result = engine.assess(rules, from_mapping(rules, case.answers))
            docs[code] = document(result, default_loaded, code)
        i18n.use("en")
        en, fr = docs["en"], docs["fr"]
        for doc in (en, fr):
            assert doc.outcome == case.expect.outcome, case.name
            if case.expect.flags is not None:
                assert list(doc.flags) == case.expect.flags, case.name
            if case.expect.cautions is not None:
                assert list(doc.cautions) == case.expect.cautions, case.name
        for key in ("outcome", "flags", "cautions", "answers", "severity"):
            assert getattr(en, key) == getattr(fr, key), (case.name, key)
        assert en.title != fr.title, case.name
        assert formats.to_plain(en) != formats.to_plain(fr)


# ------------------------------------------------------------ words typed at a prompt


def yes_no(rules: Any) -> Any:
    return rules.question("discomfort")


@pytest.mark.parametrize("code", i18n.SUPPORTED)
def test_words_of_one_language_never_mean_two_things(code: str):
    kinds = ("yes", "no", "back", "help")
    for i, kind in enumerate(kinds):
        for other in kinds[i + 1 :]:
            assert not i18n.words(kind, code) & i18n.words(other, code), (code, kind, other)
        assert i18n.words(kind, "en") <= i18n.words(kind, code)  # English works everywhere


def test_french_yes_no_back_and_help(default_rules):
    question = yes_no(default_rules)
    i18n.use("fr")
    for typed in ("o", "oui", "OUI", " O ", "y", "yes"):
        assert from_typed(question, typed, "fr") is True, typed
        assert interpret(question, typed, "fr") == Answer(True)
    for typed in ("n", "non", "Non", "no"):
        assert from_typed(question, typed, "fr") is False, typed
    for typed in ("r", "retour", "b", "back"):
        assert interpret(question, typed, "fr") == Back(), typed
    for typed in ("?", "aide", "h", "help"):
        assert interpret(question, typed, "fr") == Help(), typed
    with pytest.raises(AnswerError, match=r"^Répondez o \(oui\) ou n \(non\)\.$"):
        from_typed(question, "peut-être", "fr")


def test_english_does_not_take_french_words(default_rules):
    question = yes_no(default_rules)
    for typed in ("o", "oui", "non", "aide", "retour", "r"):
        with pytest.raises(AnswerError, match="Please answer y"):
            interpret(question, typed)


def answer_views() -> list[QuestionView]:
    common: dict[str, Any] = {"number": 2, "total": 5, "text": "?", "help": "help"}
    common |= {"none_label": None, "previous": None, "can_go_back": True}
    return [
        QuestionView(id="q", kind="yes_no", choices=(), **common),
        QuestionView(id="q", kind="choice", choices=((1, "a", "A"), (2, "b", "B")), **common),
    ]


@pytest.mark.parametrize("code", i18n.SUPPORTED)
def test_the_hints_name_words_that_work(code: str):
    """The catalog's hints ("y/n", "b back", "? help") and i18n.WORDS agree."""
    i18n.use(code)
    yes_no_view, choice_view = answer_views()
    answer, help_hint, back_hint = yes_no_view.hint.split(" · ")
    yes, no = answer.split("/")
    assert yes in i18n.words("yes", code) and no in i18n.words("no", code), answer
    assert help_hint.split()[0] in i18n.words("help", code), help_hint
    assert back_hint.split()[0] in i18n.words("back", code), back_hint
    assert choice_view.hint.split(" · ")[0] == "1-2"


def test_french_hints_read_as_a_french_speaker_expects():
    i18n.use("fr")
    yes_no_view, _choice = answer_views()
    assert yes_no_view.hint == "o/n · ? aide · r retour"


def test_the_french_walk_with_piped_o_r_and_aide(default_rules):
    help_text = default_rules.question("discomfort").help.get("fr")
    ran = triage(
        "--lang",
        "fr",
        "--format",
        "json",
        input="0\n3\n0\n0\naide\no\nr\nn\n\n",
    )
    assert ran.code == 0, ran.err
    doc = json.loads(ran.out)
    assert doc["outcome"] == "relaxation"
    assert doc["answers"]["discomfort"] is False
    assert "areas" not in doc["answers"]
    assert doc["language"] == "fr"
    err = ran.err
    assert fr(help_text.splitlines()[0]) in err  # "aide" showed the question's help
    assert fr("[Question 6, encore ") in err and fr("Où ressentez-vous cette gêne ?") in err
    assert fr("(votre réponse précédente : oui ; Entrée pour la garder)") in err  # "r": back
    assert "Réponse non comprise" not in err


def test_the_french_walk_explains_a_wrong_answer_in_french():
    ran = triage("--lang", "fr", input="0\n3\n0\n0\npeut-être\nn\n\n")
    assert ran.code == 0
    assert fr("Réponse non comprise : Répondez o (oui) ou n (non).") in ran.err
    assert fr("Recommandation : ") in ran.out


def test_input_ending_early_is_said_in_french():
    ran = triage("--lang", "fr", input="0\n3\n0\n", expect=4)
    assert ran.code == 4
    assert ran.err.splitlines()[-1] == fr(
        "triage : erreur : la saisie s'est arrêtée à la question 'red_flags', "
        "avant d'arriver à une recommandation"
    )


def test_purge_confirms_with_a_french_yes(tmp_path: Path):
    db = tmp_path / "history.sqlite3"
    with Store.open(db) as store:
        for day in (1, 2):
            when = datetime(2026, 1, day, tzinfo=timezone.utc)
            store.save(
                Screening.new(
                    mode="client",
                    channel="walk",
                    outcome="relaxation",
                    flags=[],
                    cautions=[],
                    answers={},
                    rules=("r", "1", "0" * 64),
                    document={"outcome": "relaxation"},
                    language="en",
                    note="note",
                    now=when,
                )
            )
    argv = ["--lang", "fr", "history", "purge", "--before", "2026-06-01", "--db", str(db)]
    ran = triage(*argv, input="o\n", tty=True)
    assert ran.code == 0, ran.err
    assert ran.err == fr("Supprimer 2 fiches enregistrées avant le 2026-06-01 ? [o/N] ")
    assert ran.out == "2 fiches enregistrées avant le 2026-06-01 supprimées\n"


def test_rule_authoring_diagnostics_in_french(tmp_path: Path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "id: x\nversion: '1'\ntitle: T\nquestions:\n"
        "  - {id: pain, type: yes_no, text: 'Pain?'}\n"
        "outcomes:\n  - {id: ok, kind: massage, severity: 10, title: OK, advice: A, if_worse: W}\n"
        "decisions:\n  - {outcome: okk, reason: R}\n",
        encoding="utf-8",
    )
    ran = triage("--lang", "fr", "rules", "check", str(rules), expect=2)
    assert ran.code == 2
    assert ran.out.splitlines() == [
        f"{rules}:9:6: erreur : résultat inconnu 'okk' (vouliez-vous dire 'ok' ?)",
        f"{rules} : 1 erreur, 0 avertissement",
    ]


# ------------------------------------------------------------ help texts


def test_help_in_french_with_lang():
    out = process("--lang", "fr", "--help", environ=LOCALE_VARIABLES, columns=200).out
    assert (
        fr("Massage de détente ou massage thérapeutique ? Et quand voir d'abord un médecin.") in out
    )
    assert "Afficher les versions et quitter." in out
    assert "Orienter une demande au téléphone" in out  # the call command, in the list
    assert "Relaxation or therapeutic massage?" not in out


def test_help_in_french_from_the_environment_for_subcommands():
    environ = {**LOCALE_VARIABLES, "TRIAGE_LANG": "fr_CA.UTF-8"}
    ran = process("rules", "check", "--help", environ=environ, columns=200)
    assert fr("Signaler chaque problème d'un jeu de règles") in ran.out
    assert "Traiter les avertissements comme des erreurs." in ran.out
    environ = {**LOCALE_VARIABLES, "LANG": "fr_FR.UTF-8"}
    ran = process("history", "purge", "--help", environ=environ, columns=200)
    assert "AAAA-MM-JJ" in ran.out
    assert "Ne pas demander de confirmation." in ran.out


def test_help_stays_english_by_default():
    ran = process("--help", environ={**LOCALE_VARIABLES, "LANG": "C.UTF-8"}, columns=200)
    assert "Relaxation or therapeutic massage? And when to see a doctor first." in ran.out


def test_the_catalog_is_read_by_the_standard_library_only():
    """At run time, gettext reads the .mo: Babel is a tool for translators and tests."""
    code = "import sys, triage.cli.app; print('babel' in sys.modules)"
    ran = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert ran.stdout.strip() == "False"


def test_switching_back_to_english_restores_every_text():
    i18n.use("fr")
    assert i18n._("Why") == "Pourquoi"
    i18n.use("en")
    assert i18n._("Why") == "Why"
    assert i18n.language() == "en"


def test_view_of_a_question_in_french(default_rules):
    i18n.use("fr")
    walk = interview.Walk(default_rules).answer("emergency_signs", ())
    shown = interview.view(walk, default_rules.question("red_flags"), "fr", "client")
    assert shown.hint == "numéros, 0 pour aucun · ? aide · r retour"
