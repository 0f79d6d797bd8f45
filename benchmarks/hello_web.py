"""The baseline for the web figures: a hello-world Starlette app, served by uvicorn.

It does what a page needs at the least: `POST /form` reads a small form and redirects
(303), `GET /page` renders a Jinja2 template into a page of HELLO_PAGE_BYTES bytes
(the size of the questionnaire's page being compared), with no state, no rule set.

    HELLO_PAGE_BYTES=6000 python -m uvicorn hello_web:app --port 8001
"""

from __future__ import annotations

import os
from urllib.parse import parse_qsl

from jinja2 import Environment
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

SIZE = int(os.environ.get("HELLO_PAGE_BYTES", "6000"))
PAGE = Environment(autoescape=True).from_string(
    "<!DOCTYPE html><html lang=en><title>{{ title }}</title><p>{{ text }}</p></html>"
)
FILLER = "hello " * (SIZE // 6)


async def page(request: Request) -> Response:
    return HTMLResponse(PAGE.render(title="Hello", text=FILLER[: SIZE - 60]))


async def form(request: Request) -> Response:
    dict(parse_qsl((await request.body()).decode("ascii")))
    return RedirectResponse("/page", status_code=303)


app = Starlette(routes=[Route("/page", page), Route("/form", form, methods=["POST"])])
