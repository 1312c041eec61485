# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""OCI numbers: how a number is written into a NEW_ITEM field and how a
number sent by a buyer is read. Pure Python (no Odoo import)."""

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def format_number(value, decimals=3):
    """OCI number: a dot as decimal separator, at most ``decimals`` decimals,
    no thousands separator, never negative, at most 11 integer digits.

    Trailing zeros are dropped ("12.5", "3"), which every OCI parser reads
    (they all do a plain float conversion)."""
    try:
        number = Decimal(str(value if value is not None else 0))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc
    if not number.is_finite():
        raise ValueError(f"not a number: {value!r}")
    if number < 0:
        raise ValueError("OCI numbers cannot be negative")
    if number >= Decimal(10) ** 11:
        raise ValueError("OCI numbers have at most 11 integer digits")
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP).copy_abs()
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if len(text.split(".")[0]) > 11:
        raise ValueError("OCI numbers have at most 11 integer digits")
    return text or "0"


def parse_number(text):
    """Read a number the way a lenient buyer would: accept a comma as the
    decimal separator (some SRMs send QUANTITY=1,5). Numbers a float cannot
    hold (1E+400) are refused like junk."""
    number = float(parse_decimal(text))
    if not math.isfinite(number):
        raise ValueError(f"number out of range: {text!r}")
    return number


def parse_decimal(text):
    """:func:`parse_number` as an exact Decimal."""
    if text is None:
        raise ValueError("missing number")
    text = str(text).strip().replace(" ", "")
    if "," in text and "." in text:
        # 1.234,5 (European) or 1,234.5 (English): the last one is decimal.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc
    if not number.is_finite():
        raise ValueError(f"not a number: {text!r}")
    return number
