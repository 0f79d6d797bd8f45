"""`triage serve`: the questionnaire as web pages, for a clinic's website.

Only the options are read here; the web shell (`triage.web`) is imported when the
command runs, so the command line's start-up does not grow with it.
"""

from __future__ import annotations

from typing import Annotated

import typer

from triage import i18n
from triage.cli.guard import guard
from triage.cli.options import DbOption, RulesOption, environment
from triage.i18n import _
from triage.screening.saving import history_address


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option("--host", help=_("The address to listen on."), show_default=True)
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help=_("The port to listen on."))
    ] = 8000,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help=_("Worker processes."))
    ] = 1,
    public_url: Annotated[
        str | None,
        typer.Option(
            "--public-url",
            metavar="URL",
            help=_(
                "The address visitors open (e.g. https://triage.example.org/); "
                "other hosts are refused."
            ),
            show_default=False,
        ),
    ] = None,
    forwarded_allow_ips: Annotated[
        str,
        typer.Option(
            "--forwarded-allow-ips",
            metavar="IPS",
            help=_(
                "The proxies trusted for X-Forwarded-For and X-Forwarded-Proto (comma-separated)."
            ),
        ),
    ] = "127.0.0.1",
    frame_ancestors: Annotated[
        str | None,
        typer.Option(
            "--frame-ancestors",
            metavar="ORIGINS",
            help=_("The https:// origins allowed to embed the pages (default: none)."),
            show_default=False,
        ),
    ] = None,
    site: Annotated[
        str | None,
        typer.Option(
            "--site",
            metavar="FILE",
            help=_("The clinic's site file: its name, phone, emergency numbers, booking links."),
            show_default=False,
        ),
    ] = None,
    kiosk: Annotated[
        bool,
        typer.Option(
            "--kiosk",
            help=_(
                "A shared screen (a waiting room's tablet): pages return to the start after "
                "--kiosk-timeout seconds without input, keeping nothing."
            ),
        ),
    ] = False,
    kiosk_timeout: Annotated[
        int,
        typer.Option(
            "--kiosk-timeout",
            min=10,
            max=1800,
            metavar="SECONDS",
            help=_("How long a kiosk page waits for input before it returns to the start."),
        ),
    ] = 180,
    kiosk_send: Annotated[
        bool,
        typer.Option(
            "--kiosk-send",
            help=_('Offer "Send to the clinic" on a kiosk too (off by default there).'),
        ),
    ] = False,
    secret_file: Annotated[
        str | None,
        typer.Option(
            "--secret-file",
            metavar="FILE",
            help=_(
                "The secret that signs the send form's token, shared by every worker "
                "(else TRIAGE_WEB_SECRET, else one made at start-up)."
            ),
            show_default=False,
        ),
    ] = None,
    keep_days: Annotated[
        int,
        typer.Option(
            "--keep-days",
            min=1,
            max=3650,
            metavar="DAYS",
            help=_("Days a screening sent to the clinic, and its contact, is kept."),
        ),
    ] = 30,
    db: DbOption = None,
    rules: RulesOption = None,
) -> None:
    """Serve the questionnaire (help: where it is registered, so that it is translated)."""
    env = environment(ctx)
    with guard(env):
        from triage.web.server import Asked, run

        asked = Asked(
            host=host,
            port=port,
            workers=workers,
            public_url=public_url,
            forwarded_allow_ips=forwarded_allow_ips,
            frame_ancestors=frame_ancestors,
            site=site,
            rules=str(rules) if rules else None,
            lang=i18n.language(),
            kiosk=kiosk,
            kiosk_timeout=kiosk_timeout,
            kiosk_send=kiosk_send,
            secret_file=secret_file,
            db=str(history_address(db, env.environ)) if db else None,
            keep_days=keep_days,
        )
        run(asked, env.environ, lambda line: (env.stdout.write(line + "\n"), env.stdout.flush()))
