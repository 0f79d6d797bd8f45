"""Numbers held exactly: a rule set's bounds, thresholds and weights, and number answers.

A binary float cannot hold 0.1, loses integers above 2**53, and overflows to infinity
when two large numbers are added (the midpoint of -1e308 and 1e308). A number here is
a `Fraction` taken from the text as written, so every comparison the engine makes, and
every one the prover reasons about, is exact. The text is checked before it is turned
into a fraction, so an exponent of a billion costs nothing and is refused.

No pydantic here (the model's `Exact` type is in `model_conditions`), so output
modules may format numbers without loading it.
"""

from __future__ import annotations

import math
import re
import sys
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from triage.i18n import _

# The numbers a rule set may hold: within the range of a float (as before numbers were
# exact), and a non-zero one no smaller than 1e-400, so each is a fraction of bounded size.
LARGEST = Fraction(sys.float_info.max)
SMALLEST = Fraction(1, 10**400)
# A number as a rule set writes it: digits, an optional point and an optional exponent
# (YAML 1.1 reads `1.0e308`, without a sign after the e, as a text).
SYNTAX = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)

# Every number answer, however given, is one a person could type (`answers.DECIMAL`): at
# most 15 digits before the point and 15 after it. The prover reasons over exactly these
# numbers (`prove.space`), so what is proven is what can be answered, and the reverse.
PLACES = 15
STEP = Fraction(1, 10**PLACES)  # the smallest difference between two decimal answers
LIMIT = 10**PLACES  # every answer is smaller than this in size


def typeable(value: Fraction) -> bool:
    """Whether a number is one a person can type: at most 15 digits each side of the point."""
    return abs(value) < LIMIT and (value / STEP).denominator == 1


def answerable(low: Fraction, high: Fraction, integer: bool) -> tuple[int, int]:
    """The answers from `low` to `high` as a range of whole steps (of 1, or of `STEP`):
    (first, last), first > last when no number a person can type lies there."""
    step = Fraction(1) if integer else STEP
    most = LIMIT / step - 1  # the largest answer, in steps: 999...9 (.999...9)
    first = max(math.ceil(low / step), -most)
    last = min(math.floor(high / step), most)
    return int(first), int(last)


def _too_large() -> str:
    return _("a number must lie from -1.7976931348623157e308 to 1.7976931348623157e308")


def _too_small() -> str:
    return _("a number other than 0 must be at least 1e-400 in size")


def _decimal(value: Decimal) -> Fraction:
    """A decimal as a fraction, refused (before any large power is computed) when out of range."""
    if not value.is_finite():
        raise ValueError(_("must be a finite number, not .nan nor .inf"))
    if value and value.adjusted() > 309:
        raise ValueError(_too_large())
    if value and value.adjusted() < -401:
        raise ValueError(_too_small())
    return _checked(Fraction(value))


def _checked(number: Fraction) -> Fraction:
    if abs(number) > LARGEST:
        raise ValueError(_too_large())
    if number and abs(number) < SMALLEST:
        raise ValueError(_too_small())
    return number


def exact(value: object) -> Fraction:
    """A rule set's number, exactly as written (see the module's docstring).

    A float (from Python, not from a file: files give their text) is taken as the shortest
    decimal that reads back as it, which is what its writer typed.
    """
    if isinstance(value, bool):
        raise ValueError(_("a number is expected, not yes or no"))
    if isinstance(value, Fraction | int):
        return _checked(Fraction(value))
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(_("must be a finite number, not .nan nor .inf"))
        return _checked(Fraction(repr(value)))
    if isinstance(value, str):
        if not SYNTAX.fullmatch(value):
            raise ValueError(_("a number is expected, such as 10, 2.5 or 1.0e6"))
        try:
            value = Decimal(value)
        except InvalidOperation:  # pragma: no cover - SYNTAX only lets decimals through
            raise ValueError(_("a number is expected, such as 10, 2.5 or 1.0e6")) from None
    if isinstance(value, Decimal):
        return _decimal(value)
    raise ValueError(_("a number is expected, such as 10, 2.5 or 1.0e6"))


def terminating(number: Fraction) -> Decimal | None:
    """The fraction as an exact decimal with no trailing zeros, or None when its decimal
    expansion never ends. Built from its digits: no decimal context ever rounds it."""
    denominator, twos, fives = number.denominator, 0, 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return None
    places = max(twos, fives)
    digits = abs(number.numerator) * 10**places // number.denominator
    while places and digits % 10 == 0:
        digits //= 10
        places -= 1
    while places <= 0 and digits and digits % 10 == 0:
        digits //= 10
        places -= 1
    sign = 1 if number < 0 else 0
    return Decimal((sign, tuple(int(d) for d in str(digits)), -places))


def text(number: int | float | Fraction | Decimal) -> str:
    """A number as a person reads it, exactly: 10, 0.1, 1e+308, 9223372036854775809.

    Only a fraction whose decimals never end (a score of thirds) is rounded, to 6 digits.
    """
    if isinstance(number, float):
        number = Fraction(repr(number)) if math.isfinite(number) else Fraction(0)
    value = Fraction(number)
    if value.denominator == 1 and abs(value) < 10**21:
        return str(value.numerator)
    shown = terminating(value)
    if shown is None:
        return f"{float(value):g}"
    if -7 <= shown.adjusted() <= 20:
        return format(shown, "f")
    return format(shown, "e")


def positional(number: Fraction) -> str:
    """A terminating fraction as a decimal with no exponent, as `--answer` takes it: 0.1, -2."""
    shown = terminating(number)
    if shown is None:  # pragma: no cover - answers and rule-set numbers are all decimals
        raise ValueError(f"{number} has no decimal expansion")
    return format(shown, "f")


def json_number(number: Fraction) -> int | float | str:
    """A number for a JSON document: an int, a float when it reads back exactly, else the
    exact decimal as a text (a float would round it)."""
    if number.denominator == 1:
        return number.numerator
    approximate = float(number)
    if math.isfinite(approximate) and Fraction(repr(approximate)) == number:
        return approximate
    return positional(number)
