"""In French, end to end in a real terminal: the client walk and the phone script.

The language comes from the locale, as it would on a French-speaking desk
(LANG=fr_CA.UTF-8), with no --lang option.
"""

from __future__ import annotations

import re
from pathlib import Path

import pexpect
import terminal_session

from triage.output.typography import typeset


def spawn(*args: str, **extra: str) -> pexpect.spawn:
    """A session in French from the locale alone (TRIAGE_LANG empty is skipped)."""
    return terminal_session.spawn(*args, TRIAGE_LANG="", LANG="fr_CA.UTF-8", **extra)


def fr(text: str) -> str:
    """French as the tool prints it (no-break spaces, typographic apostrophes)."""
    return typeset(text, "fr")


def flat(text: str) -> str:
    """The words of a transcript, whatever the wrapping and box drawing."""
    return " ".join(re.sub(r"[│╭╮╰╯─\r]", " ", text).split())


def test_the_french_client_walk_to_a_therapeutic_massage() -> None:
    child = spawn()
    child.expect("Question 1, encore 15 au plus")
    child.expect(fr("Avez-vous l'un de ces signes en ce moment"))
    child.expect("Aucun de ces signes")
    child.expect(" > ")
    child.sendline("0")
    child.expect("Question 2, encore 14 au plus")
    child.expect(fr("Quel âge avez-vous ?"))
    child.expect(" > ")
    child.sendline("3")  # 18 to 49
    child.expect("Question 3, encore 13 au plus")  # the cautions, now before the red flags
    child.expect(" > ")
    child.sendline("aide")  # help, in French
    child.expect("changent la façon dont le massage se déroule")
    child.expect(" > ")
    child.sendline("1")  # pregnancy
    child.expect("Question 4, encore 12 au plus")
    child.expect("Pendant cette grossesse")
    child.expect(" > ")
    child.sendline("n")
    child.expect("Question 5, encore 11 au plus")
    child.expect(" > ")
    child.sendline("0")
    child.expect("Question 6, encore 9 au plus")
    child.expect("une douleur ou une gêne précise")
    child.expect("o/n")  # French yes/no
    child.sendline("o")
    child.expect("Question 7, encore 8 au plus")
    child.sendline("r")  # back, in French
    child.expect("Question 6, encore 9 au plus")
    child.expect("Entrée pour la garder")
    child.sendline("oui")
    child.expect("Question 7, encore 8 au plus")
    child.sendline("1")
    child.expect("Question 8, encore 6 au plus")
    child.sendline("3")
    for n in range(9, 13):
        child.expect(f"Question {n}, encore {14 - n} au plus")
        child.sendline("n")
    child.expect("Question 13, encore 1 au plus")
    child.expect(" > ")
    child.sendline("12 semaines")
    child.expect("Question 14, la dernière")  # the note for the therapist
    child.expect(fr("Autre chose que votre thérapeute devrait savoir ?"))
    child.expect(" > ")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    words = flat(child.before or "")
    assert "Recommandation : Un massage thérapeutique, qui commence par un bilan" in words
    assert "Pourquoi" in words
    assert "Grossesse" in words
    assert "Traceback" not in words


def test_the_french_phone_script_ends_with_a_french_booking_note(tmp_path: Path) -> None:
    child = spawn("call", "--caller-ref", "R-7", TRIAGE_DB=str(tmp_path / "h.sqlite3"))
    child.expect(fr(r"\[1 · encore 15 au plus\] La personne a-t-elle l'un de ces signes"))
    child.expect(" > ")
    child.sendline("0")
    child.expect(fr(r"\[2 · encore 14 au plus\] Quel âge a la personne"))
    child.expect(" > ")
    child.sendline("67")  # an age as said on the phone: 50 or over
    child.expect(fr(r"\[3 · encore 13 au plus\] L'une de ces situations concerne-t-elle"))
    child.expect(" > ")
    child.sendline("0")
    child.expect(
        fr(r"\[4 · encore 11 au plus\] L'une de ces situations concerne-t-elle la personne")
    )
    child.expect(" > ")
    child.sendline("0")
    child.expect(r"\[5 · encore 8 au plus\] La personne a-t-elle une douleur ou une gêne")
    child.expect("o/n")
    child.send("n")  # a single key, as on the phone
    child.expect(fr(r"\[6 · dernière\] Autre chose que le thérapeute devrait savoir"))
    child.expect(" > ")
    child.sendline("-")  # nothing to note: the last answer of this call
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = child.before or ""
    # Say, then To do under the verdict's headline, then the note, which ends the output.
    places = [
        text.index(fr("À dire à la personne :")),
        text.index(fr("Consignes en cas d'aggravation (à dire aussi) :")),
        text.index(fr("À faire - MASSAGE DE DÉTENTE")),
        text.index(fr("Enregistré sous la fiche 1 (triage history show 1).")),
        text.index(fr("NOTE D'ORIENTATION")),
    ]
    assert places == sorted(places)
    assert "\ufffd" not in text
    assert fr("À réserver : Massage de détente (60 min)") in text
    assert fr("Âge : 50 ans ou plus") in text
    assert "R-7" in text and "Traceback" not in text


def test_a_french_red_flag_ends_the_call_with_the_words_to_say(tmp_path: Path) -> None:
    child = spawn("call", "--no-save")
    child.expect(r"\[1 · encore 15 au plus\]")
    child.expect(" > ")
    child.sendline("0")
    child.expect(r"\[2 · encore 14 au plus\]")
    child.expect(" > ")
    child.sendline("3")
    child.expect(r"\[3 · encore 13 au plus\]")
    child.expect(" > ")
    child.sendline("0")
    child.expect(r"\[4 · encore 11 au plus\]")
    child.expect(" > ")
    child.sendline("2")  # a recent fall
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = child.before or ""
    assert fr("SIGNAL D'ALERTE") in text
    assert fr("À dire à la personne :") in text
    assert fr("Qui appeler :") in text  # where to call, for a referral
    assert fr("- Ne réservez pas de massage pour l'instant.") in text
    assert "[5 " not in text  # nothing is asked after a red flag
