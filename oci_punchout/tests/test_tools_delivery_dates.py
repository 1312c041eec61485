# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Unit tests of the delivery-date rules (tools/delivery_dates.py, pure Python:
it imports nothing from Odoo). Odoo test classes without database use, so that
`odoo --test-enable` and pytest-odoo both run them. The generated cases are in
test_tools_delivery_dates_generated.py."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from odoo.tests import BaseCase

from ..tools import delivery_dates as dd
from .tools_delivery_dates_common import FRI, MON, SAT, THU, TUE, WED, D, ams, rules, utc


class TestCutoff(BaseCase):
    def test_boundary_second(self):
        r = rules()
        self.assertEqual(dd.earliest_date(r, ams(2026, 6, 1, 13, 59, 59), 1), D(2026, 6, 2))
        self.assertEqual(dd.earliest_date(r, ams(2026, 6, 1, 13, 59, 59, 999999), 1), D(2026, 6, 2))
        self.assertEqual(dd.earliest_date(r, ams(2026, 6, 1, 14, 0, 0), 1), D(2026, 6, 3))
        # the same instants given in UTC
        self.assertTrue(dd.is_possible(r, utc(2026, 6, 1, 11, 59, 59), D(2026, 6, 2), 1))
        self.assertFalse(dd.is_possible(r, utc(2026, 6, 1, 12, 0, 0), D(2026, 6, 2), 1))
        self.assertEqual(
            dd.check(r, utc(2026, 6, 1, 12, 0, 0), D(2026, 6, 2), 1),
            dd.DateRefusal(dd.TOO_EARLY, D(2026, 6, 3)),
        )

    def test_other_cutoff_and_none(self):
        r = rules(cutoff=time(9, 30))
        self.assertEqual(dd.earliest_date(r, ams(2026, 6, 1, 9, 29), 1), D(2026, 6, 2))
        self.assertEqual(dd.earliest_date(r, ams(2026, 6, 1, 9, 30), 1), D(2026, 6, 3))
        r = rules(cutoff=None)
        self.assertEqual(dd.earliest_date(r, ams(2026, 6, 1, 23, 59, 59), 1), D(2026, 6, 2))

    def test_ready_made_same_day(self):
        r = rules()
        self.assertEqual(dd.earliest_date(r, ams(2026, 6, 1, 10, 0), 0), D(2026, 6, 1))
        self.assertEqual(dd.earliest_date(r, ams(2026, 6, 1, 14, 0), 0), D(2026, 6, 2))


class TestWeekendsAndHolidays(BaseCase):
    def test_preparation_across_weekend(self):
        r = rules()
        fri_before, fri_after = ams(2026, 6, 5, 13, 0), ams(2026, 6, 5, 14, 0)
        self.assertEqual(dd.earliest_date(r, fri_before, 1), D(2026, 6, 8))  # Monday
        self.assertEqual(dd.earliest_date(r, fri_before, 2), D(2026, 6, 9))  # Fri+Mon
        self.assertEqual(dd.earliest_date(r, fri_before, 3), D(2026, 6, 10))
        self.assertEqual(dd.earliest_date(r, fri_after, 1), D(2026, 6, 9))
        # Saturday (not a working day) before the cut-off: preparation from Monday
        self.assertEqual(dd.earliest_date(r, ams(2026, 6, 6, 9, 0), 1), D(2026, 6, 9))
        self.assertEqual(dd.check(r, fri_before, D(2026, 6, 6), 1).reason, dd.NOT_DELIVERY_DAY)

    def test_saturday_delivery_and_calendar_day_preparation(self):
        sat = rules(delivery_weekdays={MON, TUE, WED, THU, FRI, SAT})
        self.assertEqual(dd.earliest_date(sat, ams(2026, 6, 5, 13, 0), 1), D(2026, 6, 6))
        self.assertEqual(dd.earliest_date(sat, ams(2026, 6, 5, 13, 0), 2), D(2026, 6, 9))
        every_day = rules(delivery_weekdays=range(7), preparation_weekdays=range(7))
        self.assertEqual(dd.earliest_date(every_day, ams(2026, 6, 5, 13, 0), 2), D(2026, 6, 7))

    def test_holidays(self):
        tue = D(2026, 6, 2)
        r = rules(closed_days={tue})
        mon = ams(2026, 6, 1, 10, 0)
        # delivery on the holiday is refused, with its own reason
        self.assertEqual(dd.check(r, mon, tue, 0), dd.DateRefusal(dd.CLOSED, D(2026, 6, 1)))
        # ready on the holiday, delivered the day after
        self.assertEqual(dd.earliest_date(r, mon, 1), D(2026, 6, 3))
        # preparation across the holiday: Mon, (Tue closed), Wed -> Thu
        self.assertEqual(dd.earliest_date(r, mon, 2), D(2026, 6, 4))
        # an order placed on the holiday is prepared from the next working day
        self.assertEqual(dd.earliest_date(r, ams(2026, 6, 2, 8, 0), 1), D(2026, 6, 4))
        self.assertNotIn(tue, dd.possible_dates(r, mon, 0))

    def test_christmas(self):
        r = rules(closed_days={D(2026, 12, 25), D(2026, 12, 26), D(2027, 1, 1)})
        wed = ams(2026, 12, 23, 15, 0)  # after the cut-off
        # Thu 24 prepared, Fri 25 holiday, weekend -> Monday 28
        self.assertEqual(dd.earliest_date(r, wed, 1), D(2026, 12, 28))
        self.assertEqual(dd.check(r, wed, D(2026, 12, 25), 1).reason, dd.CLOSED)
        self.assertEqual(dd.earliest_date(r, ams(2026, 12, 31, 10, 0), 1), D(2027, 1, 4))


class TestTimeZone(BaseCase):
    def test_late_utc_is_next_day_in_amsterdam(self):
        r = rules()
        for now in (utc(2026, 6, 1, 23, 30), utc(2026, 1, 5, 23, 30)):
            local_day = now.date() + timedelta(days=1)
            self.assertEqual(r.today(now), local_day)
            self.assertEqual(dd.earliest_date(r, now, 1), local_day + timedelta(days=1))
            self.assertEqual(dd.check(r, now, now.date(), 0).reason, dd.PAST)
        # the same instant for a shop on UTC is still Monday before midnight, past cut-off
        self.assertEqual(dd.DeliveryRules("UTC").today(utc(2026, 6, 1, 23, 30)), D(2026, 6, 1))

    def test_any_aware_zone_is_converted_and_naive_refused(self):
        r = rules()
        new_york = datetime(2026, 6, 1, 7, 59, 59, tzinfo=ZoneInfo("America/New_York"))
        self.assertEqual(dd.earliest_date(r, new_york, 1), D(2026, 6, 2))  # 13:59:59 here
        self.assertEqual(dd.earliest_date(r, new_york + timedelta(seconds=1), 1), D(2026, 6, 3))
        with self.assertRaises(ValueError):
            dd.earliest_date(r, datetime(2026, 6, 1, 10, 0), 1)

    def test_dst_march(self):
        every_day = rules(delivery_weekdays=range(7), preparation_weekdays=range(7))
        # Sat 28 March 2026, winter time: 12:59:59 UTC = 13:59:59 local, before
        self.assertEqual(
            dd.earliest_date(every_day, utc(2026, 3, 28, 12, 59, 59), 1), D(2026, 3, 29)
        )
        self.assertEqual(dd.earliest_date(every_day, utc(2026, 3, 28, 13, 0), 1), D(2026, 3, 30))
        # Sun 29 March, summer time since 01:00 UTC: 12:00 UTC is already 14:00
        self.assertEqual(
            dd.earliest_date(every_day, utc(2026, 3, 29, 11, 59, 59), 1), D(2026, 3, 30)
        )
        self.assertEqual(dd.earliest_date(every_day, utc(2026, 3, 29, 12, 0), 1), D(2026, 3, 31))
        self.assertEqual(every_day.today(utc(2026, 3, 28, 23, 30)), D(2026, 3, 29))

    def test_dst_october(self):
        every_day = rules(delivery_weekdays=range(7), preparation_weekdays=range(7))
        # Sat 24 October 2026, summer time: 12:00 UTC = 14:00 local, after
        self.assertEqual(
            dd.earliest_date(every_day, utc(2026, 10, 24, 11, 59, 59), 1), D(2026, 10, 25)
        )
        self.assertEqual(dd.earliest_date(every_day, utc(2026, 10, 24, 12, 0), 1), D(2026, 10, 26))
        # Sun 25 October, winter time since 01:00 UTC: 12:59:59 UTC = 13:59:59
        self.assertEqual(
            dd.earliest_date(every_day, utc(2026, 10, 25, 12, 59, 59), 1), D(2026, 10, 26)
        )
        self.assertEqual(dd.earliest_date(every_day, utc(2026, 10, 25, 13, 0), 1), D(2026, 10, 27))
        # the repeated hour 02:00-03:00 (fold) stays on the same day
        self.assertEqual(every_day.today(utc(2026, 10, 25, 0, 30)), D(2026, 10, 25))
        self.assertEqual(every_day.today(utc(2026, 10, 25, 1, 30)), D(2026, 10, 25))


class TestWindows(BaseCase):
    def test_branch_tuesday_thursday(self):
        r = rules()
        window = dd.DeliveryWindow({TUE, THU}, time(9, 0), time(12, 0))
        self.assertEqual(dd.earliest_date(r, ams(2026, 6, 1, 10, 0), 1, window), D(2026, 6, 2))
        tue_late = ams(2026, 6, 2, 14, 0)
        self.assertEqual(dd.earliest_date(r, tue_late, 1, window), D(2026, 6, 4))
        # Wednesday: outside the window is said before "too early"
        self.assertEqual(
            dd.check(r, tue_late, D(2026, 6, 3), 1, window),
            dd.DateRefusal(dd.OUTSIDE_WINDOW, D(2026, 6, 4)),
        )
        self.assertEqual(
            dd.check(r, tue_late, D(2026, 6, 3), 1), dd.DateRefusal(dd.TOO_EARLY, D(2026, 6, 4))
        )
        self.assertEqual(
            dd.check(r, tue_late, D(2026, 6, 5), 1, window),
            dd.DateRefusal(dd.OUTSIDE_WINDOW, D(2026, 6, 4)),
        )
        self.assertTrue(dd.is_possible(r, tue_late, D(2026, 6, 5), 1))  # without window
        self.assertEqual(
            dd.possible_dates(r, tue_late, 1, window, horizon_days=14),
            [D(2026, 6, 4), D(2026, 6, 9), D(2026, 6, 11), D(2026, 6, 16)],
        )

    def test_window_day_the_shop_does_not_deliver(self):
        r = rules()
        saturday_only = dd.DeliveryWindow({SAT})
        now = ams(2026, 6, 1, 10, 0)
        self.assertIsNone(dd.earliest_date(r, now, 1, saturday_only))
        self.assertEqual(dd.possible_dates(r, now, 1, saturday_only), [])
        self.assertEqual(
            dd.check(r, now, D(2026, 6, 6), 1, saturday_only),
            dd.DateRefusal(dd.NOT_DELIVERY_DAY, None),
        )
        self.assertEqual(
            dd.check(r, now, D(2026, 6, 5), 1, saturday_only).reason, dd.OUTSIDE_WINDOW
        )

    def test_window_validation(self):
        for bad in ({}, {7}, {-1}, {True}, {1.0}):
            with self.assertRaises(ValueError):
                dd.DeliveryWindow(bad)
        with self.assertRaises(ValueError):
            dd.DeliveryWindow({MON}, time(12, 0), time(12, 0))
        with self.assertRaises(ValueError):
            dd.DeliveryWindow({MON}, "09:00", None)
        self.assertEqual(dd.DeliveryWindow([TUE, THU, TUE]).weekdays, frozenset({TUE, THU}))
        self.assertEqual(hash(dd.DeliveryWindow({TUE})), hash(dd.DeliveryWindow([TUE])))


class TestHorizon(BaseCase):
    def test_max_days_ahead(self):
        r = rules(delivery_weekdays=range(7))
        now = ams(2026, 6, 1, 10, 0)
        self.assertTrue(dd.is_possible(r, now, D(2026, 6, 1) + timedelta(days=365), 1))
        self.assertEqual(
            dd.check(r, now, D(2026, 6, 1) + timedelta(days=366), 1),
            dd.DateRefusal(dd.TOO_FAR, D(2026, 6, 2)),
        )
        self.assertEqual(
            dd.check(r, now, D(2026, 5, 31), 1), dd.DateRefusal(dd.PAST, D(2026, 6, 2))
        )

    def test_picker_horizon(self):
        r = rules(delivery_weekdays=range(7))
        now = ams(2026, 6, 1, 10, 0)
        dates = dd.possible_dates(r, now, 1)
        self.assertEqual((dates[0], dates[-1], len(dates)), (D(2026, 6, 2), D(2026, 7, 31), 60))
        self.assertEqual(dd.possible_dates(r, now, 1, horizon_days=0), [])
        short = rules(delivery_weekdays=range(7), max_days_ahead=10)
        self.assertEqual(dd.possible_dates(short, now, 1)[-1], D(2026, 6, 11))
        # preparation longer than the horizon: nothing possible
        self.assertIsNone(dd.earliest_date(short, now, 30))
        self.assertEqual(
            dd.check(short, now, D(2026, 6, 5), 30), dd.DateRefusal(dd.TOO_EARLY, None)
        )


class TestLeadTime(BaseCase):
    def test_working_days_until(self):
        r = rules()
        mon, fri = ams(2026, 6, 1, 10, 0), ams(2026, 6, 5, 10, 0)
        self.assertEqual(dd.working_days_until(r, mon, D(2026, 6, 1)), 0)
        self.assertEqual(dd.working_days_until(r, mon, D(2026, 5, 20)), 0)
        self.assertEqual(dd.working_days_until(r, mon, D(2026, 6, 2)), 1)
        self.assertEqual(dd.working_days_until(r, mon, D(2026, 6, 3)), 2)
        self.assertEqual(dd.working_days_until(r, mon, D(2026, 6, 8)), 5)
        self.assertEqual(dd.working_days_until(r, fri, D(2026, 6, 6)), 1)
        self.assertEqual(dd.working_days_until(r, fri, D(2026, 6, 8)), 1)
        self.assertEqual(dd.working_days_until(r, fri, D(2026, 6, 9)), 2)
        # the cut-off does not matter, the shop's date does
        self.assertEqual(dd.working_days_until(r, ams(2026, 6, 1, 23, 0), D(2026, 6, 2)), 1)
        self.assertEqual(dd.working_days_until(r, utc(2026, 6, 1, 23, 30), D(2026, 6, 3)), 1)
        holiday = rules(closed_days={D(2026, 6, 2)})
        self.assertEqual(dd.working_days_until(holiday, mon, D(2026, 6, 4)), 2)
        with self.assertRaises(TypeError):
            dd.working_days_until(r, mon, datetime(2026, 6, 4, 0, 0))
        with self.assertRaises(ValueError):
            dd.working_days_until(r, mon, D(2999, 1, 1))


class TestParseDate(BaseCase):
    def test_iso_only(self):
        self.assertEqual(dd.parse_date("2026-12-24"), D(2026, 12, 24))
        self.assertEqual(dd.parse_date(" 2026-12-24\t"), D(2026, 12, 24))
        self.assertEqual(dd.parse_date("2000-01-01"), D(2000, 1, 1))
        self.assertEqual(dd.parse_date("2999-12-31"), D(2999, 12, 31))

    def test_hostile_input(self):
        bad = [
            "",
            " ",
            "24-12-2026",
            "2026/12/24",
            "2026-2-4",
            "20261224",
            "2026-12-24T10:00",
            "2026-12-24\n",
            "\n2026-12-24",
            "2026-12-24\x00",
            "\x00",
            "2026-\x0012-24",
            "1999-12-31",
            "3000-01-01",
            "0000-01-01",
            "2026-02-29",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-12-00",
            "+2026-12-24",
            "-2026-12-24",
            "２０２６-１２-２４",
            "٢٠٢٦-١٢-٢٤",
            "2026-12-24" + " " * 40,
            "9" * 10_000,
            "x" * 5_000_000,
            "2026-12-24; DROP TABLE",
            "<script>",
            "NaN",
            "today",
            None,
            b"2026-12-24",
            20261224,
            ["2026-12-24"],
            D(2026, 12, 24),
        ]
        for value in bad:
            with self.subTest(value=repr(value)[:40]):
                with self.assertRaises(ValueError) as ctx:
                    dd.parse_date(value)
                if isinstance(value, str) and len(value) > 3:
                    self.assertNotIn(value.strip(), str(ctx.exception))


class TestValidation(BaseCase):
    def test_rules(self):
        for kw in (
            {"tz": "Mars/Olympus"},
            {"tz": "../../etc/passwd"},
            {"tz": ""},
            {"tz": None},
            {"delivery_weekdays": set()},
            {"preparation_weekdays": {7}},
            {"delivery_weekdays": {False}},
            {"closed_days": {datetime(2026, 6, 1)}},
            {"closed_days": {"2026-06-01"}},
            {"max_days_ahead": -1},
            {"max_days_ahead": 10**6},
            {"cutoff": "14:00"},
        ):
            with self.subTest(kw=kw), self.assertRaises(ValueError):
                dd.DeliveryRules(**{"tz": "Europe/Amsterdam", **kw})
        r = rules(closed_days=[D(2026, 6, 2)])
        self.assertEqual(r.closed_days, frozenset({D(2026, 6, 2)}))
        self.assertEqual(r, rules(closed_days={D(2026, 6, 2)}))
        with self.assertRaises(AttributeError):
            r.cutoff = time(15, 0)

    def test_arguments(self):
        r, now = rules(), ams(2026, 6, 1, 10, 0)
        for n in (-1, 367, 10**9, True, 1.5, None, "1"):
            with self.subTest(n=n), self.assertRaises(ValueError):
                dd.earliest_date(r, now, n)
        with self.assertRaises(TypeError):
            dd.check(r, now, datetime(2026, 6, 3, 0, 0), 1)
        with self.assertRaises(TypeError):
            dd.check(r, now, "2026-06-03", 1)
        with self.assertRaises(ValueError):
            dd.possible_dates(r, now, 1, horizon_days=-1)
