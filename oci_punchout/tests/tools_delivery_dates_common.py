# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers shared by the unit tests of the delivery-date rules
(test_tools_delivery_dates*.py; no tests here)."""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from ..tools import delivery_dates as dd

UTC = timezone.utc
AMS = ZoneInfo("Europe/Amsterdam")
D = date
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def ams(*args):
    """An aware datetime given as Amsterdam wall-clock time."""
    return datetime(*args, tzinfo=AMS)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def rules(**kw):
    return dd.DeliveryRules("Europe/Amsterdam", **kw)


# 2026-06-01 is a Monday (summer time, UTC+2); 2026-01-05 a Monday (winter, UTC+1).
assert D(2026, 6, 1).weekday() == MON and D(2026, 1, 5).weekday() == MON
