"""What each failure means to a person, in one place for every shell.

An error becomes a `Failure`: one line, its documented exit status, and the lines that
come before it (a rule set's problems). The terminal prints it and exits with the
status (`cli/guard.py`); the web shows it on a page with the HTTP status the same
exit status maps to (`http_status`). An error that is not a failure of the kind the
README documents is a bug (`None`): exit 70, or a 500 page.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

from triage.errors import ExitStatus, RulesError, TriageError, printable
from triage.i18n import _

# Errors of writing the output (not bugs): a full disk, a closed or broken stream...
OUTPUT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF", "EPIPE", "ENXIO", "EROFS")
    if hasattr(errno, name)
)

# A failure's exit status as a web page's status: what the visitor sent cannot be used
# (4xx), or the server cannot serve it now (5xx). Statuses a page never meets (the end
# of piped input, Ctrl-C, a reader gone) have no entry and are served as 500.
HTTP_STATUS: dict[ExitStatus, int] = {
    ExitStatus.USAGE: 400,  # also RULES_INVALID (the same code): a request the rules refuse
    ExitStatus.ANSWERS_INVALID: 400,
    ExitStatus.UNVERIFIED: 400,
    ExitStatus.STORAGE: 503,
    ExitStatus.ERROR: 500,
    ExitStatus.OUTPUT: 500,
}


@dataclass(frozen=True)
class Failure:
    """A failure as a person is told it: `problems` first (a line each), then `message`."""

    message: str
    status: ExitStatus
    problems: tuple[str, ...] = ()


def failure_of(error: BaseException) -> Failure | None:
    """The failure an error is, or None when it is a bug.

    Every file the tool reads or writes reports its own errors as a `TriageError`: an
    `OSError` that is not one comes from writing the output.
    """
    if isinstance(error, RulesError):
        problems = tuple(printable(str(problem)) for problem in error.problems)
        return Failure(str(error), error.status, problems)
    if isinstance(error, TriageError):
        return Failure(str(error), error.status)
    if isinstance(error, KeyboardInterrupt):
        return Failure(_("cancelled"), ExitStatus.CANCELLED)
    if isinstance(error, EOFError):
        return Failure(_("input ended before a recommendation was reached"), ExitStatus.INPUT_ENDED)
    if isinstance(error, OSError) and error.errno in OUTPUT_ERRNOS:
        if error.errno == errno.EPIPE:  # the reader went away (`| head`): nothing to say
            return Failure("", ExitStatus.READER_GONE)
        reason = error.strerror or str(error)
        message = _("cannot write the output: {reason}").format(reason=reason)
        return Failure(message, ExitStatus.OUTPUT)
    return None


def bug_message(error: BaseException) -> str:
    """The one line a bug is reported with (its traceback only when debugging)."""
    return _("unexpected {kind}: {error} (run with TRIAGE_DEBUG=1 for details)").format(
        kind=type(error).__name__, error=error
    )


def http_status(status: ExitStatus) -> int:
    """The HTTP status a page shows a failure with (see HTTP_STATUS)."""
    return HTTP_STATUS.get(status, 500)
