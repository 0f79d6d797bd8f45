"""The command line's own words: help pages, usage errors and completion, in both languages.

Help pages are rendered when asked for (triage.cli.help.pages), so the language of the
command line holds whatever was imported first; these tests run the program in a
fresh process, as a person would, and walk every command.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main
from babel.messages.pofile import read_po
from cli_run import process, triage
from paths import ROOT

from triage import i18n
from triage.cli import app as cli
from triage.cli.help.examples import EXAMPLES
from triage.output.typography import NBSP, typeset

EXAMPLE = ROOT / "rules" / "examples" / "back-screening.yaml"


def commands() -> Iterator[tuple[str, ...]]:
    """Every command line that has a help page: (), ("call",), ("history", "purge")..."""

    def walk(command: object, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        yield path
        for name, child in getattr(command, "commands", {}).items():
            yield from walk(child, (*path, name))

    yield from walk(typer.main.get_command(cli.app), ())


NO_LANGUAGE: dict[str, str | None] = {name: None for name in i18n.ENVIRONMENT}
COMMANDS = list(commands())
GROUPS = [(), ("rules",), ("history",)]


def fr(text: str) -> str:
    return typeset(text, "fr")


def page(path: tuple[str, ...], lang: str, columns: int) -> str:
    """A help page rendered in this process, for a terminal of `columns`."""
    ran = triage(*path, "--help", environ={"TRIAGE_LANG": lang}, width=columns)
    assert ran.code == 0, ran.output
    return ran.out


# ------------------------------------------------------------ help pages


# A fresh process for a few: the groups, a command of each (its module imported first).
FRESH = [(), ("history",), ("history", "list"), ("rules", "check"), ("call",)]


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "triage")
def test_every_help_page_is_french_with_a_french_locale(path: tuple[str, ...]):
    """Click's and Typer's words too, and the whole `history` group, whichever command."""
    if path in FRESH:
        out = process(*path, "--help", environ={**NO_LANGUAGE, "LANG": "fr_FR.UTF-8"}).out
    else:
        out = page(path, "fr", 80)
    assert out.startswith(fr("Utilisation : triage"))
    assert fr("Options :") in out
    assert fr("--help") in out and "Afficher cette aide et quitter." in out
    assert fr("Exemples :") in out
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "[default:"):
        assert english not in out, english
    if path in GROUPS:  # a group lists its commands
        assert fr("Commandes :") in out


def test_the_history_group_and_its_options_are_french():
    out = process("history", "list", "--help", environ={**NO_LANGUAGE, "LANG": "fr_CA.UTF-8"}).out
    assert "Seulement ce résultat, par exemple see_doctor." in out
    assert "--since AAAA-MM-JJ" in out
    assert fr("Langue : en ou fr") in out
    assert "The screening history file" not in out  # a shared option, French too


def test_french_from_lang_given_after_the_command_and_in_process():
    """`--lang fr` anywhere, and in a process that imported the app in English first."""
    ran = triage("history", "copy", "--help", "--lang", "fr")
    assert ran.code == 0
    assert fr("Utilisation : triage history copy") in ran.out
    assert fr("[obligatoire]") in ran.out
    english = triage("history", "copy", "--help")
    assert "Usage: triage history copy" in english.out


def test_every_help_text_is_in_the_catalog():
    """A text of a help page that is not a msgid would stay English in every language."""
    with (ROOT / "triage/locale/fr/LC_MESSAGES/triage.po").open("rb") as handle:
        known = {m.id for m in read_po(handle) if m.id}
    root = typer.main.get_command(cli.app)
    seen = []

    def walk(command: object) -> None:
        seen.append(command.help)  # type: ignore[attr-defined]
        ctx = command.make_context("triage", [], resilient_parsing=True)  # type: ignore[attr-defined]
        for param in command.get_params(ctx):  # type: ignore[attr-defined]
            seen.append(param.help)
        for child in getattr(command, "commands", {}).values():
            walk(child)

    walk(root)
    missing = [text for text in seen if text and text not in known]
    assert not missing
    examples = [said for rows in EXAMPLES.values() for _command, said in rows]
    assert not [text for text in examples if text not in known]


def test_a_bare_triage_is_said_to_start_the_questions():
    out = process("--help", environ=NO_LANGUAGE).out
    assert "Without a command, triage starts the questions" in out
    assert "Usage: triage [OPTIONS] [COMMAND [ARGS]...]" in out


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "triage")
def test_every_page_ends_with_two_or_three_examples(path: tuple[str, ...]):
    examples = EXAMPLES[" ".join(("triage", *path))]
    assert 2 <= len(examples) <= 3
    out = page(path, "en", 200)
    tail = out[out.index("Examples:") :]
    assert [line.strip()[2:] for line in tail.splitlines() if line.strip().startswith("$ ")] == [
        command for command, _said in examples
    ]


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        (("assess",), "--answers FILE"),
        (("assess",), "-a, --answer ID=VALUE"),
        (("assess",), "--lang en|fr"),
        (("assess",), "--rules PATH"),
        (("assess",), "-f, --format text|json|markdown"),
        (("call",), "--caller-ref REF"),
        ((), "--save / --no-save"),
        (("history", "export"), "-o, --output FILE"),
        (("history", "list"), "--limit N"),
        (("rules", "check"), "[PATH]"),
    ],
)
def test_option_values_are_named_for_what_they_are(path: tuple[str, ...], shown: str):
    out = page(path, "en", 80)
    assert shown in out
    assert "<bool>" not in out and "<str>" not in out


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("columns", [40, 80, 200])
@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "triage")
def test_help_fits_the_width_and_no_word_is_cut(path: tuple[str, ...], columns: int, lang: str):
    out = page(path, lang, columns)

    def words(text: str) -> list[str]:
        return [w for w in re.split(rf"[ \n{NBSP}]+", text) if w and w != "\\"]

    assert words(out) == words(page(path, lang, 400))  # every word whole, in the same order
    too_long = [
        line for line in out.splitlines() if len(line) > columns and " " in line.strip()
    ]  # only a single word longer than the line (a long path) may overflow, alone
    assert not too_long


# ------------------------------------------------------------ usage errors


@pytest.mark.parametrize(
    ("args", "english", "french"),
    [
        (
            ["assess", "--formt", "json"],
            "no such option: --formt (did you mean --format?)",
            "option inconnue : --formt (vouliez-vous dire --format ?)",
        ),
        (
            ["assess", "--format", "xml"],
            "invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json', 'markdown'",
            "valeur non valide pour '--format' / '-f' : 'xml' n'est pas une valeur possible",
        ),
        (
            ["histry"],
            "no such command 'histry' (did you mean 'history'?)",
            "commande inconnue : 'histry' (vouliez-vous dire 'history' ?)",
        ),
        (
            ["history", "copy"],
            "missing option '--to'",
            "option manquante : '--to'",
        ),
        (
            ["history", "list", "--limit", "0"],
            "invalid value for '--limit': the value must be 1 or more",
            "valeur non valide pour '--limit' : la valeur doit être supérieure ou égale à 1",
        ),
        (
            ["history", "list", "--limit", "many"],
            "invalid value for '--limit': a whole number is expected",
            "valeur non valide pour '--limit' : un nombre entier est attendu",
        ),
        (["history", "show"], "missing argument 'ID'", "argument manquant : 'ID'"),
        (["rules", "check", "a", "b"], "unexpected extra argument: b", "argument en trop : b"),
        (["assess", "--lang"], "option '--lang' needs a value", "l'option '--lang' attend une"),
    ],
)
def test_usage_errors_are_one_line_in_the_language(args: list[str], english: str, french: str):
    said = triage(*args, expect=2)
    assert said.code == 2
    assert said.err.count("\n") == 1, said.err
    assert said.err.startswith("triage: error: " + english)
    french_locale = {**{name: None for name in i18n.ENVIRONMENT}, "LANG": "fr_FR.UTF-8"}
    ran = triage(*args, environ=french_locale, expect=2)
    assert ran.code == 2
    assert ran.err.count("\n") == 1, ran.err
    assert ran.err.startswith(fr("triage : erreur : " + french)), ran.err
    for word in ("No such", "Invalid value", "Missing", "Got unexpected", "requires"):
        assert word not in ran.err


def test_a_usage_error_in_a_fresh_process_is_french_before_any_lang():
    ran = process("history", "list", "--limit", "0", "--lang", "fr", environ=NO_LANGUAGE, expect=2)
    assert ran.err == fr(
        "triage : erreur : valeur non valide pour '--limit' : la valeur doit être supérieure "
        "ou égale à 1 (voir « triage history list --help »)\n"
    )


def test_a_group_without_its_command_shows_its_help_in_french():
    ran = process("history", environ={**NO_LANGUAGE, "LANG": "fr_FR.UTF-8"}, expect=2)
    assert ran.err.startswith(fr("Utilisation : triage history [OPTIONS] COMMANDE"))


# ------------------------------------------------------------ completion


def complete(line: str) -> list[str]:
    """What zsh would offer after `line` (the values, without their descriptions)."""
    environ = {"_TRIAGE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    ran = process(environ={**NO_LANGUAGE, **environ})
    found = (re.match(r'[^"]*"([^"]*)"', line) for line in ran.out.splitlines())
    return [match[1] for match in found if match]


def test_completion_offers_the_languages_after_lang():
    assert complete("triage assess --lang ") == ["en", "fr"]
    assert complete("triage --lang f") == ["fr"]


def test_completion_offers_question_ids_then_their_values_after_answer():
    offered = complete("triage assess --answer ")
    assert "emergency_signs=" in offered and "cautions=" in offered
    assert complete("triage assess -a dur") == ["duration="]
    assert complete("triage assess -a duration=") == [
        "duration=days",
        "duration=weeks",
        "duration=months",
    ]
    assert complete("triage assess -a discomfort=") == ["discomfort=yes", "discomfort=no"]
    after_neck = complete("triage assess -a areas=neck,")
    assert "areas=neck,hip" in after_neck and "areas=neck,neck" not in after_neck


def test_completion_reads_the_rules_given():
    offered = complete(f"triage assess --rules {EXAMPLE} -a ")
    assert "heart_condition=" in offered and "emergency_signs=" not in offered


def test_completion_of_an_unreadable_rule_set_offers_nothing(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [\n", encoding="utf-8")
    assert complete(f"triage assess --rules {broken} -a ") == []
