"""The verdict: the short block that ends every result, so it is on the last screen.

A result's detail (why, what to do, where to call, cautions, the whole safety-net) can
run to thirty lines; a person reads the end of it first. So every format ends with
this block, at most five lines at 80 columns: a rule (saying WARNING when the rule set
failed verification), the outcome in words that match its urgency, what to book and
for how long or whom to call, and the safety-net in one line. Its words are the rule
set's (an outcome's `verdict:`), never written here.
"""

from __future__ import annotations

from triage.i18n import _
from triage.output.result import ResultDocument
from triage.output.typography import typeset

RULE = 30  # the length of the line that opens the block: it fits the narrowest terminal


def verdict_texts(doc: ResultDocument) -> list[str]:
    """The block's lines before wrapping, set in the language's typography: the headline,
    what to book or do (when the rule set says), the safety-net."""
    verdict = doc.verdict
    headline = verdict.headline
    if doc.in_doubt:
        headline = _("{headline} - in doubt: the assessment decides").format(headline=headline)
    texts = [headline, verdict.act, verdict.safety_net]
    return [typeset(text, doc.language) for text in texts if text]


def rule(doc: ResultDocument, ascii_only: bool = True) -> str:
    """The line that opens the block; it says WARNING when the rule set failed verification."""
    dash = "-" if ascii_only else "─"
    if not doc.unverified:
        return dash * RULE
    return dash * 2 + " " + typeset(_("WARNING: unverified rule set"), doc.language)
