# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shop's delivery-date rules, without Odoo.

One place decides which delivery dates are possible, so the date picker, the
server-side check of the cart, the OCI transfer (NEW_ITEM-LEADTIME) and the PO
intake all agree. Only the standard library is used.

The rules, all in the shop's time zone (:attr:`DeliveryRules.tz`):

- A *working day* is a day of :attr:`~DeliveryRules.preparation_weekdays`
  that is not in :attr:`~DeliveryRules.closed_days`.
- The *first preparation day* is today when today is a working day and the
  order is placed before the cut-off (13:59:59 is before 14:00, 14:00:00 is
  not), else the first working day after today.
- With ``n`` preparation days, a date ``d`` is ready when ``d`` is on or after
  the first preparation day and at least ``n`` working days lie between the
  first preparation day (included) and ``d`` (excluded). ``n = 0`` means
  ready-made: deliverable on the first preparation day itself.
- A date is possible when it is ready, not in the past, not closed, a delivery
  weekday of the shop, a weekday of the recipient's window (if any) and at
  most :attr:`~DeliveryRules.max_days_ahead` days after today.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = frozenset(range(7))  # Monday = 0 ... Sunday = 6, as date.weekday()
MON_FRI = frozenset(range(5))
MAX_PREPARATION_DAYS = 366
MAX_HORIZON_DAYS = 3660

# Reason codes of check(), in the order they are tested.
PAST = "past"
TOO_FAR = "too_far"
CLOSED = "closed"
NOT_DELIVERY_DAY = "not_delivery_day"
OUTSIDE_WINDOW = "outside_window"
TOO_EARLY = "too_early"
REASONS = (PAST, TOO_FAR, CLOSED, NOT_DELIVERY_DAY, OUTSIDE_WINDOW, TOO_EARLY)

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_MAX_INPUT = 32


def _weekdays(value, name):
    days = frozenset(value)
    if not days or not days <= WEEKDAYS or any(type(d) is not int for d in days):
        raise ValueError(f"{name} must be a non-empty set of weekdays 0..6")
    return days


def _count(value, name, maximum):
    if type(value) is not int or not 0 <= value <= maximum:
        raise ValueError(f"{name} must be an integer from 0 to {maximum}")
    return value


@dataclass(frozen=True)
class DeliveryWindow:
    """When a recipient (e.g. a branch) accepts deliveries.

    Only the weekdays restrict the possible dates; the times are carried for
    the delivery slip and the buyer's documents (the shop delivers within the
    day it promised).
    """

    weekdays: frozenset = WEEKDAYS
    time_from: time | None = None
    time_to: time | None = None

    def __post_init__(self):
        object.__setattr__(self, "weekdays", _weekdays(self.weekdays, "window weekdays"))
        for value in (self.time_from, self.time_to):
            if value is not None and (not isinstance(value, time) or value.tzinfo):
                raise ValueError("window times must be naive datetime.time values")
        if None not in (self.time_from, self.time_to) and self.time_from >= self.time_to:
            raise ValueError("the window must end after it starts")


@dataclass(frozen=True)
class DeliveryRules:
    """The shop's delivery rules (immutable, hashable)."""

    tz: str
    cutoff: time | None = time(14, 0)  # None: no cut-off, today counts all day
    delivery_weekdays: frozenset = MON_FRI
    preparation_weekdays: frozenset = MON_FRI
    closed_days: frozenset = field(default_factory=frozenset)
    max_days_ahead: int = 365

    def __post_init__(self):
        if not isinstance(self.tz, str) or not self.tz:
            raise ValueError("tz must be a time zone name such as 'Europe/Amsterdam'")
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("unknown time zone") from exc
        if self.cutoff is not None and (not isinstance(self.cutoff, time) or self.cutoff.tzinfo):
            raise ValueError("cutoff must be a naive datetime.time or None")
        setattr_ = object.__setattr__
        setattr_(self, "delivery_weekdays", _weekdays(self.delivery_weekdays, "delivery_weekdays"))
        setattr_(
            self,
            "preparation_weekdays",
            _weekdays(self.preparation_weekdays, "preparation_weekdays"),
        )
        closed = frozenset(self.closed_days)
        if any(type(d) is not date for d in closed):
            raise ValueError("closed_days must hold datetime.date values")
        setattr_(self, "closed_days", closed)
        _count(self.max_days_ahead, "max_days_ahead", MAX_HORIZON_DAYS)

    def local_now(self, now):
        """``now`` (an aware datetime) as wall-clock time of the shop."""
        if not isinstance(now, datetime) or now.utcoffset() is None:
            raise ValueError("now must be an aware datetime (e.g. in UTC)")
        return now.astimezone(ZoneInfo(self.tz))

    def today(self, now):
        """The shop's date at ``now``."""
        return self.local_now(now).date()

    def is_working_day(self, day):
        """True when the shop prepares orders on ``day``."""
        return day.weekday() in self.preparation_weekdays and day not in self.closed_days

    def is_delivery_day(self, day, window=None):
        """True when the shop, and the recipient's window if given, allow ``day``."""
        return (
            day not in self.closed_days
            and day.weekday() in self.delivery_weekdays
            and (window is None or day.weekday() in window.weekdays)
        )


@dataclass(frozen=True)
class DateRefusal:
    """Why a date is not possible, and the first possible date (None: none)."""

    reason: str
    first_possible: date | None


def _first(day, last, predicate):
    """The first date from ``day`` to ``last`` (included) meeting ``predicate``."""
    while day <= last:
        if predicate(day):
            return day
        day += timedelta(days=1)
    return None


def _check_date(day):
    if type(day) is not date:  # a datetime is a date too: refuse it
        raise TypeError("expected a datetime.date")
    return day


def earliest_date(rules, now, preparation_days, window=None):
    """The first possible delivery date of an order placed at ``now``.

    ``preparation_days`` is the longest preparation time of the cart's lines.
    Returns None when no date within :attr:`DeliveryRules.max_days_ahead` is
    possible (e.g. the window's weekdays are never delivery days).
    """
    _count(preparation_days, "preparation_days", MAX_PREPARATION_DAYS)
    local = rules.local_now(now)
    today = local.date()
    last = today + timedelta(days=rules.max_days_ahead)
    before_cutoff = rules.cutoff is None or local.time() < rules.cutoff
    if before_cutoff and rules.is_working_day(today):
        ready = today
    else:
        ready = _first(today + timedelta(days=1), last, rules.is_working_day)
    for _ in range(preparation_days):  # ready the day after each working day prepared
        prepared = ready and _first(ready, last, rules.is_working_day)
        if prepared is None:
            return None
        ready = prepared + timedelta(days=1)
    if ready is None:
        return None
    return _first(ready, last, lambda day: rules.is_delivery_day(day, window))


def check(rules, now, day, preparation_days, window=None):
    """None when ``day`` is a possible delivery date, else a :class:`DateRefusal`.

    The reason is the first that applies, in the order of :data:`REASONS`:
    ``past``, ``too_far`` (beyond ``max_days_ahead``), ``closed`` (closed day
    or holiday), ``not_delivery_day`` (weekday the shop does not deliver),
    ``outside_window`` (weekday the recipient does not accept), ``too_early``
    (before the earliest date: preparation time and cut-off).
    """
    _check_date(day)
    today = rules.today(now)
    first = earliest_date(rules, now, preparation_days, window)
    if day < today:
        reason = PAST
    elif day > today + timedelta(days=rules.max_days_ahead):
        reason = TOO_FAR
    elif day in rules.closed_days:
        reason = CLOSED
    elif day.weekday() not in rules.delivery_weekdays:
        reason = NOT_DELIVERY_DAY
    elif window is not None and day.weekday() not in window.weekdays:
        reason = OUTSIDE_WINDOW
    elif first is None or day < first:
        reason = TOO_EARLY
    else:
        return None
    return DateRefusal(reason, first)


def is_possible(rules, now, day, preparation_days, window=None):
    """True when ``day`` can be chosen as delivery date for an order at ``now``."""
    return check(rules, now, day, preparation_days, window) is None


def possible_dates(rules, now, preparation_days, window=None, horizon_days=60):
    """The possible dates from today to ``horizon_days`` ahead, for a date picker.

    The horizon is capped by :attr:`DeliveryRules.max_days_ahead`.
    """
    _count(horizon_days, "horizon_days", MAX_HORIZON_DAYS)
    first = earliest_date(rules, now, preparation_days, window)
    if first is None:
        return []
    last = rules.today(now) + timedelta(days=min(horizon_days, rules.max_days_ahead))
    dates = []
    day = first
    while day <= last:
        if rules.is_delivery_day(day, window):
            dates.append(day)
        day += timedelta(days=1)
    return dates


def working_days_until(rules, now, day):
    """The lead time in days for OCI NEW_ITEM-LEADTIME.

    0 when ``day`` is today or past; else 1 for the delivery day itself plus
    the shop's working days strictly between today and ``day``. So delivery
    tomorrow is 1 (also Friday to Saturday, and Friday to Monday when the shop
    works Mon-Fri), Monday to Wednesday is 2, and holidays are not counted.
    """
    _check_date(day)
    today = rules.today(now)
    if day <= today:
        return 0
    if (day - today).days > MAX_HORIZON_DAYS:
        raise ValueError("date too far ahead")
    between = (today + timedelta(days=i) for i in range(1, (day - today).days))
    return 1 + sum(1 for d in between if rules.is_working_day(d))


def parse_date(value):
    """A date typed in a form: ISO ``yyyy-mm-dd`` only, year 2000-2999.

    Surrounding spaces are ignored; anything else (other formats, NUL bytes,
    huge or non-text input, impossible days like 2026-02-30) raises
    ValueError, whose message never repeats the input.
    """
    if not isinstance(value, str) or len(value) > _MAX_INPUT:
        raise ValueError("a date must be given as yyyy-mm-dd")
    match = _ISO_DATE.fullmatch(value.strip(" \t"))
    if not match:
        raise ValueError("a date must be given as yyyy-mm-dd")
    year, month, day = (int(part) for part in match.groups())
    if not 2000 <= year <= 2999:
        raise ValueError("the year must be from 2000 to 2999")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("this day does not exist") from None
