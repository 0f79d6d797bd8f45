"""Turning a `Result` into the result document (`result.ResultDocument`) every output reads.

`document` is the single source of every format: the text and Markdown renderings
only lay out what it holds, so no format can say something the others do not.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from triage import __version__
from triage.deciding.answers import display
from triage.deciding.engine import Result
from triage.deciding.loaded import Loaded
from triage.i18n import _
from triage.output.result import (
    Answer,
    Booking,
    Caution,
    Contact,
    Flag,
    NoteAnswer,
    ResultDocument,
    RulesIdentity,
    Screened,
    Tool,
    TraceItem,
    Verdict,
)
from triage.rulesets.model import (
    AnswerValue,
    Audience,
    Outcome,
    RuleSet,
    Text,
    TextQuestion,
)
from triage.rulesets.model import Booking as BookingRule
from triage.rulesets.model import Caution as CautionRule
from triage.rulesets.numbers import json_number, text


def document(
    result: Result, loaded: Loaded, lang: str = "en", audience: Audience = "client"
) -> ResultDocument:
    """The result as a document: ids stay language-neutral, texts are in `lang`."""
    rules = loaded.rules

    scores = {score.id: score for score in rules.scores}

    def words(key: str, value: AnswerValue) -> str:
        if key.startswith("score:"):  # a score's total, from a decision that compares it
            return text(value)  # type: ignore[arg-type]  # a total: an exact number
        return display(rules.question(key), value, lang)

    def answer_words(pairs: tuple[tuple[str, AnswerValue], ...]) -> dict[str, str]:
        return {_name(key): words(key, v) for key, v in pairs}

    def _name(key: str) -> str:
        score = scores.get(key.removeprefix("score:"))
        return score.title.get(lang, audience) if key.startswith("score:") and score else key

    def named(pairs: tuple[tuple[str, AnswerValue], ...]) -> tuple[NoteAnswer, ...]:
        """Each answer under its question's short name (a score under its title)."""
        return tuple(
            NoteAnswer(
                question=key,
                name=_name(key) if key.startswith("score:") else rules.question(key).name(lang),
                answer=words(key, value),
            )
            for key, value in pairs
        )

    outcome = result.outcome
    given = dict(result.answers)
    answers = {q: _plain(v) for q, v in result.answers}
    books = outcome.kind == "massage"
    return ResultDocument(
        outcome=outcome.id,
        title=outcome.title.get(lang, audience),
        severity=outcome.severity,
        advice=result.advice.get(lang, audience),
        in_doubt=result.in_doubt,
        if_worse=outcome.if_worse.get(lang, audience),
        contacts=tuple(
            Contact(id=c, text=rules.contact(c).text.get(lang, audience)) for c in outcome.contacts
        ),
        reasons=tuple(fired.reason.get(lang, audience) for fired in result.reasons),
        trace=tuple(
            TraceItem(
                reason=fired.reason.get(lang, audience),
                answers={q: _plain(v) for q, v in fired.evidence if ":" not in q},
                scores={
                    q.removeprefix("score:"): _number(v)
                    for q, v in fired.evidence
                    if q.startswith("score:")
                },
                answers_in_words=answer_words(fired.evidence),
                named_answers=named(fired.evidence),
            )
            for fired in result.reasons
        ),
        overruled=tuple(result.overruled),
        flags=tuple(flag.id for flag in result.flags),
        flag_details=tuple(
            Flag(
                id=f.id,
                question=f.question,
                at_least=f.outcome,
                label=_flag_label(rules, f.question, f.id, lang, audience),
            )
            for f in result.flags
        ),
        cautions=tuple(caution.id for caution, _fired in result.cautions),
        caution_details=tuple(
            Caution(
                id=caution.id,
                title=caution.title.get(lang, audience),
                # A result that books no massage gives no advice about one (no "tell
                # your therapist when you book" under "get emergency help now").
                advice=caution.advice.get(lang, audience) if books else "",
                to_do=_instruction(caution, answers).get(lang, audience) if books else "",
            )
            for caution, _fired in result.cautions
        ),
        answers=answers,
        answers_in_words=answer_words(result.answers),
        scores=dict(result.scores),
        ignored_answers=tuple(result.ignored),
        ignored_flags=tuple(
            Flag(
                id=f.id,
                question=f.question,
                at_least=f.outcome,
                label=_flag_label(rules, f.question, f.id, lang, audience),
            )
            for f in result.ignored_flags
        ),
        saved_disagreement=None,
        booking=Booking(
            appointment=outcome.booking.appointment.get(lang, audience),
            minutes=outcome.booking.minutes,
        )
        if outcome.booking
        else None,
        note_answers=tuple(
            NoteAnswer(
                question=q,
                name=rules.question(q).name(lang),
                answer=display(rules.question(q), given[q], lang),
            )
            for q in rules.note.answers
            if q in given
        ),
        language=lang,
        audience=audience,
        rules=RulesIdentity(id=rules.id, version=rules.version, sha256=loaded.sha256),
        unverified=tuple(loaded.violations),
        tool=Tool(name="massage-triage", version=__version__),
        to_do=_to_do(result, lang, audience),
        say=_said(result, lang, audience),
        safety_net=outcome.if_worse.get(lang, "client"),
        details=tuple(
            item
            for item in named(result.answers)
            if isinstance(rules.question(item.question), TextQuestion) and answers[item.question]
        ),
        verdict=_verdict(result, lang, audience),
        screened_none=_screened_none(rules, result, lang),
    )


def _verdict(result: Result, lang: str, audience: Audience) -> Verdict:
    """The block that ends the result: the rule set's short wording, or its full one."""
    outcome = result.outcome
    short = outcome.verdict
    if outcome.booking and not result.flags:
        act = _booking_step(outcome.booking, lang, audience)
    else:
        act = short.act.get(lang, audience) if short and short.act else ""
    return Verdict(
        headline=(short.headline if short else outcome.title).get(lang, audience),
        act=act,
        # Said to the person, in the second person, as `safety_net` is.
        safety_net=(short.safety_net if short else outcome.if_worse).get(lang, "client"),
    )


def _screened_none(rules: RuleSet, result: Result, lang: str) -> tuple[Screened, ...]:
    """The questions that can raise a flag, answered without raising any: on the note, so
    the therapist knows these were asked."""
    screening = {flag.question for flag in rules.red_flags()}
    raised = {flag.question for flag in result.flags}
    answered = dict(result.answers)
    return tuple(
        Screened(question=q.id, name=q.name(lang))
        for q in rules.questions
        if q.id in screening and q.id in answered and q.id not in raised
    )


def _instruction(caution: CautionRule, answers: Mapping[str, object]) -> Text:
    """A caution's instruction; once its details were typed, one that does not ask for them."""
    noted = caution.once_noted
    if noted is not None and answers.get(noted.question):
        return noted.to_do
    return caution.to_do or caution.advice


def _booking_step(booking: BookingRule, lang: str, audience: Audience) -> str:
    return _("Book: {appointment} ({minutes} min)").format(
        appointment=booking.appointment.get(lang, audience), minutes=booking.minutes
    )


def _to_do(result: Result, lang: str, audience: Audience) -> tuple[str, ...]:
    """The steps: book (or do not), the outcome's own steps, then each caution's instruction
    (only when a massage is booked: a referral or a postponement gives none).

    The words said to the person are not steps: they are `say`, apart.
    """
    outcome: Outcome = result.outcome
    if outcome.booking and not result.flags:
        steps = [_booking_step(outcome.booking, lang, audience)]
    else:
        steps = [_("Do not book a massage for now.")]
    if outcome.to_do:
        steps.append(outcome.to_do.get(lang, audience))
    if outcome.kind != "massage":
        return tuple(steps)  # nothing booked: no instruction about the massage
    answers = dict(result.answers)
    for caution, _fired in result.cautions:
        instruction = _instruction(caution, answers).get(lang, audience)
        # TRANSLATORS: a caution's title, then its instruction (a sentence of its own).
        step = _("{title}. {instruction}")
        steps.append(step.format(title=caution.title.get(lang, audience), instruction=instruction))
    return tuple(steps)


def _number(value: AnswerValue) -> float:
    """A score total (exact in the engine; a JSON number here, for display)."""
    return (
        float(value) if isinstance(value, int | Fraction) and not isinstance(value, bool) else 0.0
    )


def _plain(value: AnswerValue) -> Answer:
    """An answer as the JSON carries it: an exact number as an int, a float that reads back
    the same, or else its exact decimal as a text (see `numbers.json_number`)."""
    return json_number(value) if isinstance(value, Fraction) else value


def _flag_label(rules: RuleSet, question_id: str, key: str, lang: str, audience: Audience) -> str:
    question = rules.question(question_id)
    for choice in getattr(question, "choices", ()):
        if choice.key == key:
            return str(choice.label.get(lang, audience))
    return question.text.get(lang, audience)


def _said(result: Result, lang: str, audience: Audience) -> str:
    """The words read to a caller: a deciding rule's own advice (in doubt, say) in the
    person's wording, else the outcome's `say`, else its advice in the person's wording."""
    if result.decided_advice is not None:
        return result.decided_advice.get(lang, "client")
    outcome = result.outcome
    return (outcome.say or outcome.advice).get(lang, audience if outcome.say else "client")
