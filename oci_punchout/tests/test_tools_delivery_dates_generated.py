# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generated cases of the delivery-date rules (tools/delivery_dates.py), seeded:
their invariants and a plain oracle (DELIVERY_DATES_SEED, DELIVERY_DATES_CASES)."""

import os
import random
from datetime import time, timedelta
from zoneinfo import ZoneInfo

from odoo.tests import BaseCase

from ..tools import delivery_dates as dd
from .tools_delivery_dates_common import (
    utc,
)

# --- generated input -----------------------------------------------------------------

ZONES = (
    "Europe/Amsterdam",
    "UTC",
    "America/New_York",
    "Asia/Kolkata",
    "Pacific/Auckland",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/St_Johns",
)
# instants near the 2026 DST changes of Europe, North America and New Zealand
DST_CHANGES = (
    utc(2026, 3, 29, 1),
    utc(2026, 10, 25, 1),
    utc(2026, 3, 8, 7),
    utc(2026, 11, 1, 6),
    utc(2026, 4, 4, 14),
    utc(2026, 9, 26, 14),
)


def _random_weekdays(rng):
    return frozenset(rng.sample(range(7), rng.randint(1, 7)))


def _random_case(rng):
    if rng.random() < 0.4:
        now = rng.choice(DST_CHANGES) + timedelta(seconds=rng.randint(-2 * 86400, 2 * 86400))
    else:
        now = utc(2025, 1, 1) + timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
    if rng.random() < 0.1:
        now = now.replace(second=0, microsecond=0)  # on a whole minute: boundary cases
    base = now.date()
    cutoff = rng.choice(
        [None, time(0, 0), time(23, 59, 59), time(rng.randint(0, 23), rng.choice([0, 30, 59]))]
    )
    closed = {base + timedelta(days=rng.randint(-5, 80)) for _ in range(rng.randint(0, 25))}
    rules_ = dd.DeliveryRules(
        rng.choice(ZONES),
        cutoff=cutoff,
        delivery_weekdays=_random_weekdays(rng),
        preparation_weekdays=_random_weekdays(rng),
        closed_days=closed,
        max_days_ahead=rng.choice([0, 1, 7, 30, 90, 365]),
    )
    window = None
    if rng.random() < 0.5:
        window = dd.DeliveryWindow(_random_weekdays(rng))
    return rules_, now, rng.randint(0, 8), window, rng.choice([0, 1, 14, 60, 120])


def _oracle_earliest(rules_, now, n, window):
    """The rules of the module docstring, written out naively: the first date d from
    today on that is deliverable, at or after the first preparation day, with at least
    n working days in [first preparation day, d)."""
    local = now.astimezone(ZoneInfo(rules_.tz))
    today = local.date()
    last = today + timedelta(days=rules_.max_days_ahead)

    def working(day):
        return day.weekday() in rules_.preparation_weekdays and day not in rules_.closed_days

    days = [today + timedelta(days=i) for i in range(rules_.max_days_ahead + 1)]
    if working(today) and (rules_.cutoff is None or local.time() < rules_.cutoff):
        start = today
    else:
        start = next((d for d in days if d > today and working(d)), None)
    if start is None:
        return None
    prepared = 0  # working days in [start, d)
    for d in days:
        if d > start and working(d - timedelta(days=1)):
            prepared += 1
        if (
            d >= start
            and prepared >= n
            and d not in rules_.closed_days
            and d.weekday() in rules_.delivery_weekdays
            and (window is None or d.weekday() in window.weekdays)
        ):
            return d
    assert last == days[-1]
    return None


class TestGenerated(BaseCase):
    SEED = int(os.environ.get("DELIVERY_DATES_SEED", "20260613"))
    CASES = int(os.environ.get("DELIVERY_DATES_CASES", "1500"))

    def test_invariants(self):
        rng = random.Random(self.SEED)
        found = refused = 0
        for case in range(self.CASES):
            rules_, now, n, window, horizon = _random_case(rng)
            where = f"seed {self.SEED} case {case}: {rules_} now={now} n={n} {window}"
            today = rules_.today(now)
            first = dd.earliest_date(rules_, now, n, window)
            dates = dd.possible_dates(rules_, now, n, window, horizon)
            self.assertEqual(first, _oracle_earliest(rules_, now, n, window), where)
            # earliest is the first of the picker's dates, or beyond the picker's horizon
            if dates:
                self.assertEqual(dates[0], first, where)
            else:
                self.assertTrue(first is None or (first - today).days > horizon, where)
            self.assertEqual(dates, sorted(set(dates)), where)
            last = today + timedelta(days=min(horizon, rules_.max_days_ahead))
            offsets = set(range(-3, horizon + 4)) | set(
                range(rules_.max_days_ahead - 3, rules_.max_days_ahead + 4)
            )
            for offset in sorted(offsets):
                day = today + timedelta(days=offset)
                refusal = dd.check(rules_, now, day, n, window)
                possible = refusal is None
                self.assertEqual(possible, dd.is_possible(rules_, now, day, n, window), where)
                if day <= last:  # the picker offers exactly the possible days
                    self.assertEqual(possible, day in dates, f"{where} day={day}")
                if first is None or day < first:  # nothing before the earliest date
                    self.assertFalse(possible, f"{where} day={day}")
                if possible:
                    found += 1
                    self.assertGreaterEqual(dd.working_days_until(rules_, now, day), 0)
                    continue
                refused += 1
                self.assertEqual(refusal.first_possible, first, where)
                self.assertIn(refusal.reason, dd.REASONS, where)
                self._check_reason(rules_, today, day, window, refusal.reason, where)
            # more preparation, or a later order, never gives an earlier date (a later
            # order also moves the horizon, so it may find a date where none was)
            later = dd.earliest_date(rules_, now, n + 1, window)
            self.assertTrue(later is None or (first is not None and later >= first), where)
            after = dd.earliest_date(rules_, now + timedelta(hours=rng.randint(1, 30)), n, window)
            self.assertTrue(None in (first, after) or after >= first, where)
        # the figures of this run, printed as the project's measurements are
        print(  # pylint: disable=print-used
            f"\ndelivery dates: {self.CASES} generated rule sets, "
            f"{found} possible and {refused} refused dates checked"
        )
        self.assertGreater(found, self.CASES // 2)
        self.assertGreater(refused, self.CASES // 2)

    def _check_reason(self, rules_, today, day, window, reason, where):
        """The reason given is true of the date."""
        facts = {
            dd.PAST: day < today,
            dd.TOO_FAR: (day - today).days > rules_.max_days_ahead,
            dd.CLOSED: day in rules_.closed_days,
            dd.NOT_DELIVERY_DAY: day.weekday() not in rules_.delivery_weekdays,
            dd.OUTSIDE_WINDOW: window is not None and day.weekday() not in window.weekdays,
            dd.TOO_EARLY: True,
        }
        self.assertTrue(facts[reason], f"{where} day={day} reason={reason}")
        for earlier in dd.REASONS[: dd.REASONS.index(reason)]:
            self.assertFalse(facts[earlier], f"{where} day={day} reason={reason}")

    def test_lead_time_generated(self):
        rng = random.Random(self.SEED + 1)
        for case in range(500):
            rules_, now, _n, _window, _horizon = _random_case(rng)
            today = rules_.today(now)
            previous = 0
            for offset in range(40):
                day = today + timedelta(days=offset)
                lead = dd.working_days_until(rules_, now, day)
                where = f"case {case}: {rules_} now={now} day={day}"
                # 0 today, 1 tomorrow, never more than the calendar days, never decreasing
                self.assertLessEqual(lead, offset, where)
                self.assertEqual(lead == 0, offset == 0, where)
                self.assertGreaterEqual(lead, previous, where)
                self.assertLessEqual(lead - previous, 1, where)
                previous = lead
