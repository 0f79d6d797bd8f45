"""The pages, each a small function: read the request, step the walk, render or redirect.

Every answer is sent with POST and followed by a redirect to a GET (POST/redirect/
GET), so the browser's Back and reload never ask to resubmit a form. A page's URL
holds its step number, never an answer: `/step/3` shows the question asked third,
with the answer given there, so the browser's Back returns to it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from triage import i18n
from triage.deciding.answers import accepted
from triage.deciding.interview import Walk
from triage.deciding.loaded import Loaded
from triage.errors import AnswerError
from triage.history.address import Address
from triage.i18n import _
from triage.rulesets.model import (
    AnswerValue,
    ChoiceQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    QuestionT,
    TextQuestion,
)
from triage.screening.stepping import Asked, Finished, OutOfStep, answer, replay, stored, where
from triage.web.forms import BadRequest, Form, read_form
from triage.web.language import chosen
from triage.web.pages import render
from triage.web.settings import Settings
from triage.web.site import Site
from triage.web.walks import Progress, Walks

COOKIE = "triage_walk"
NONE = "-"  # the value of "None of these": no choice key can be it


@dataclass(frozen=True)
class Service:
    """What every page needs: the settings, the verified rule set, the site, the store."""

    settings: Settings
    loaded: Loaded
    site: Site
    walks: Walks
    secret: bytes = b""  # signs the send form's token (see `sending`)
    history: Address | None = None  # where a screening sent to the clinic is stored


def _service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def begin(request: Request, progress: Progress | None = None) -> Service:
    """The service, with this request's language chosen (the switch, the walk, the browser)."""
    service = _service(request)
    lang = chosen(
        request.query_params.get("lang"),
        progress.lang if progress else None,
        request.headers.get("accept-language", ""),
        service.settings.lang,
    )
    i18n.use(lang)
    return service


def context(service: Service, **more: Any) -> dict[str, Any]:
    """What every page shows; on a kiosk, how long it waits before it starts again."""
    return {"site": service.site, "kiosk": service.settings.kiosk, **more}


def progress_of(request: Request) -> tuple[str | None, Progress | None]:
    token = request.cookies.get(COOKIE)
    return token, _service(request).walks.find(token)


def _switched(
    request: Request, service: Service, token: str | None, progress: Progress | None
) -> Progress | None:
    """The walk in the language its page's switch asked for, kept for the next pages."""
    if token and progress is not None and request.query_params.get("lang"):
        progress = progress.with_lang(i18n.language())
        service.walks.relabel(token, progress)
    return progress


def see(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def problem(message: str, status: int, service: Service | None = None) -> Response:
    """A clear page for a request no page of ours sends, with its 4xx (or 5xx) status."""
    site = service.site if service else Site()
    kiosk = service.settings.kiosk if service else 0
    return render("problem.html", status, message=message, code=status, site=site, kiosk=kiosk)


def gone(service: Service) -> Response:
    message = _(
        "Your answers are no longer here: they are deleted 30 minutes after the last one, "
        "or when you start again."
    )
    return render("gone.html", 410, **context(service, message=message))


# ------------------------------------------------------------------ pages


async def healthz(request: Request) -> Response:
    return PlainTextResponse("ok\n")


async def start_page(request: Request) -> Response:
    token, progress = progress_of(request)
    service = begin(request, progress)
    _switched(request, service, token, progress)
    send_offered = service.settings.send and service.history is not None
    return render("start.html", **context(service, kiosk=0, send_offered=send_offered))


async def start(request: Request) -> Response:
    service = begin(request)
    form = await read_form(request)
    service.walks.forget(request.cookies.get(COOKIE))  # a new walk: the last one goes
    lang = form.one("lang")
    token, _new = service.walks.start(lang if lang in i18n.SUPPORTED else i18n.language())
    response = see("/step/1")
    response.set_cookie(
        COOKIE,
        token,
        max_age=30 * 60,
        httponly=True,
        secure=service.settings.https,
        samesite="lax",
    )
    return response


def _walk_to(service: Service, progress: Progress, n: int) -> Walk:
    """The walk as it stood at step `n`: the answers before it, those after kept to show."""
    kept = (*progress.previous, *progress.given[n - 1 :])  # the latest last: it wins
    return replay(service.loaded.rules, progress.given[: n - 1], kept)


async def question_page(request: Request) -> Response:
    token, progress = progress_of(request)
    service = begin(request, progress)
    progress = _switched(request, service, token, progress)
    if progress is None:
        return gone(service)
    n = request.path_params["n"]
    if not 1 <= n <= len(progress.given) + 1:
        return see(f"/step/{len(progress.given) + 1}")
    walk = _walk_to(service, progress, n)
    if walk.current() is None:
        return see("/result")
    return _question(service, progress, n, walk, None, None)


async def answer_page(request: Request) -> Response:
    token, progress = progress_of(request)
    service = begin(request, progress)
    form = await read_form(request)
    if progress is None or token is None:
        return gone(service)
    if form.one("csrf") != progress.csrf:
        raise BadRequest(_("This form was not sent by this questionnaire's page."), 403)
    n = request.path_params["n"]
    if not 1 <= n <= len(progress.given) + 1:
        raise BadRequest(_("This page answers a question that has not been asked."), 409)
    walk = _walk_to(service, progress, n)
    question = walk.current()
    if question is None:
        raise BadRequest(_("This page answers a question that has not been asked."), 409)
    question_id = form.one("question") or ""
    if question_id != question.id:
        known = {q.id for q in service.loaded.rules.questions}
        status = 409 if question_id in known else 400
        raise BadRequest(
            _("This page is out of date: the question it answers is not asked here."), status
        )
    try:
        after = answer(walk, question_id, _raw(question, form))
    except _Missing as missing:
        return _question(service, progress, n, walk, str(missing), form)
    except OutOfStep as error:
        raise BadRequest(str(error), 409) from None
    except AnswerError as error:
        if isinstance(question, NumberQuestion | TextQuestion):
            return _question(service, progress, n, walk, _refused(question, error), form)
        raise BadRequest(_("This answer is not one of the question's choices."), 400) from None
    undone = tuple((q, v) for q, v in progress.given[n:] if q != question_id)
    progress = replace(
        progress,
        given=tuple((q, stored(v)) for q, v in after.given),
        previous=(*progress.previous, *undone)[-100:],
    )
    service.walks.save(token, progress)
    return see("/result" if after.current() is None else f"/step/{n + 1}")


async def result_page(request: Request) -> Response:
    token, progress = progress_of(request)
    service = begin(request, progress)
    progress = _switched(request, service, token, progress)
    if progress is None:
        return gone(service)
    walk = replay(service.loaded.rules, progress.given)
    place = where(walk, service.loaded, i18n.language())
    if isinstance(place, Asked):
        return see(f"/step/{len(progress.given) + 1}")
    link = service.site.booking_link(place.document.outcome) if place.bookable else None
    return render(
        "result.html",
        **context(
            service,
            finished=place,
            doc=place.document,
            answered=[
                (service.loaded.rules.question(q).name(i18n.language()), words)
                for q, words in place.document.answers_in_words.items()
            ],
            booking_link=link,
            csrf=progress.csrf,
            back=f"/step/{len(progress.given)}",
            here="/result",
            send=offered(service, place),
            sent=progress.sent,
        ),
    )


async def restart(request: Request) -> Response:
    token, progress = progress_of(request)
    service = begin(request, progress)
    form = await read_form(request)
    if progress is not None and form.one("csrf") != progress.csrf:
        raise BadRequest(_("This form was not sent by this questionnaire's page."), 403)
    return _forgotten(service, token, f"/?lang={i18n.language()}")


async def kiosk_reset(request: Request) -> Response:
    """Where a kiosk page goes by itself after its time without input: the walk is deleted
    here, on the server, and the screen shows the start page for the next person.

    A GET, as a `<meta http-equiv="refresh">` sends it (no script): it only ever
    deletes the walk of the browser that asks, which is what its Start again does.
    """
    service = _service(request)
    if not service.settings.kiosk:
        return problem(_("There is no such page."), 404, service)
    return _forgotten(service, request.cookies.get(COOKIE), "/")


def _forgotten(service: Service, token: str | None, then: str) -> Response:
    service.walks.forget(token)
    response = see(then)
    response.delete_cookie(COOKIE, httponly=True, secure=service.settings.https, samesite="lax")
    return response


def offered(service: Service, finished: Finished) -> bool:
    """Whether a result offers "Send to the clinic": never for an emergency."""
    return service.settings.send and service.history is not None and not finished.gravest


# ------------------------------------------------------------------ one question


class _Missing(Exception):
    """No answer where one is needed, or "None of these" with another: the person's slip."""


def _raw(question: QuestionT, form: Form) -> object:
    """The form's answer as `assess` reads answers (`from_value`)."""
    values = form.all("answer")
    if isinstance(question, MultiChoiceQuestion):
        if NONE in values and len(values) > 1:
            raise _Missing(
                _("{none} cannot be chosen with another answer: untick one of them.").format(
                    none=_none_label(question)
                )
            )
        if not values:
            raise _Missing(
                _("Select all that apply, or {none}.").format(none=_none_label(question))
            )
        return [] if values == [NONE] else values
    if len(values) > 1:
        raise BadRequest(_("The form holds the field {name} twice.").format(name=repr("answer")))
    value = values[0] if values else None
    if isinstance(question, TextQuestion):
        return value or ""
    if value is None or (isinstance(question, NumberQuestion) and not value.strip()):
        raise _Missing(_missing(question))
    return value


def _none_label(question: MultiChoiceQuestion) -> str:
    lang = i18n.language()
    return question.none_label.get(lang) if question.none_label else _("none of these")


def _missing(question: QuestionT) -> str:
    if isinstance(question, ChoiceQuestion):
        return _("Select one answer.")
    if isinstance(question, NumberQuestion):
        return _("Enter {accepted}.").format(accepted=accepted(question))
    return _("Select yes or no.")


def _refused(question: QuestionT, error: AnswerError) -> str:
    if isinstance(question, NumberQuestion):
        return _("Enter {accepted}.").format(accepted=accepted(question))
    return str(error)


def _question(
    service: Service,
    progress: Progress,
    n: int,
    walk: Walk,
    error: str | None,
    form: Form | None,
) -> Response:
    """The question page: as asked, with the earlier answer; or as sent, with its error."""
    lang = i18n.language()
    place = where(walk, service.loaded, lang)
    assert isinstance(place, Asked), "a question page is shown only where one is asked"
    question = place.question
    earlier = walk.previous_answer(question.id)
    chosen_now = form.all("answer") if form is not None else _as_form(earlier)
    choices = [
        {
            "id": f"answer-{i}",
            "key": c.key,
            "label": c.label.get(lang),
            "hint": c.help.get(lang) if c.help else None,
            "checked": c.key in chosen_now,
        }
        for i, c in enumerate(getattr(question, "choices", ()), 1)
    ]
    return render(
        "question.html",
        422 if error else 200,
        **context(
            service,
            view=place.view,
            question=question,
            kind=question.type,
            hint=question.help.get(lang) if question.help else None,
            choices=choices,
            none_value=NONE,
            none_label=_none_label(question) if isinstance(question, MultiChoiceQuestion) else "",
            none_checked=NONE in chosen_now,
            value=chosen_now[0] if chosen_now else "",
            error=error,
            csrf=progress.csrf,
            action=f"/step/{n}",
            here=f"/step/{n}",
            back=f"/step/{n - 1}" if n > 1 else "/",
            maxlength=getattr(question, "max_length", None),
            first_field="answer-1"
            if choices
            else ("answer-yes" if question.type == "yes_no" else "answer"),
        ),
    )


def _as_form(value: AnswerValue | None) -> list[str]:
    """An earlier answer as the form's fields hold it."""
    if value is None:
        return []
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, tuple):
        return list(value) or [NONE]
    if isinstance(value, float):
        return [f"{value:g}"]
    return [str(value)]
