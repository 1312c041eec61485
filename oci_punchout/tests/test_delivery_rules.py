# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shop's delivery rules wired into Odoo: settings, closed days,
preparation days, branch windows, the cart's date and recipient, the OCI
items, one delivery per recipient and date, the delivery slip."""

from datetime import UTC, date, datetime, timedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..tools import delivery_dates

try:  # pdf_tools moves to oci_einvoice (issue 9)
    from odoo.addons.oci_einvoice.tests.pdf_tools import one_line, pdf_text, use_real_pdf
except ImportError:
    from .pdf_tools import one_line, pdf_text, use_real_pdf
from .test_business_common import BusinessCommon

# Monday 3 June 2030; Amsterdam is at UTC+2 in summer.
MON = date(2030, 6, 3)
TUE, WED, THU, FRI, SAT, SUN = (MON + timedelta(days=n) for n in range(1, 7))


def amsterdam(day, hour, minute=0):
    """An aware moment at ``hour:minute`` Amsterdam summer time on ``day``."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC) - timedelta(hours=2)


class DeliveryCommon(BusinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Weekday = cls.env["oci.delivery.weekday"]
        cls.mon_fri = Weekday.search([("code", "<", 5)])
        cls.website.write(
            {
                "oci_delivery_tz": "Europe/Amsterdam",
                "oci_delivery_cutoff": 14.0,
                "oci_delivery_weekday_ids": [Command.set(cls.mon_fri.ids)],
                "oci_preparation_weekday_ids": [Command.set(cls.mon_fri.ids)],
                "oci_delivery_horizon": 60,
            }
        )
        cls.product_cake.oci_preparation_days = 1
        cls.product_logo.oci_preparation_days = 3
        cls.friday = Weekday.search([("code", "=", 4)])


@tagged("post_install", "-at_install")
class TestDeliveryRules(DeliveryCommon):
    def _cart(self, products, shipping=None):
        return self._order(
            self.orderer, [(product, 1, 10.0) for product in products], shipping=shipping
        )

    def test_settings_build_the_rules(self):
        self.env["oci.delivery.closed.day"].create(
            {"name": "Pinksteren", "date": date(2030, 6, 10)}
        )
        rules = self.website._oci_delivery_rules()
        self.assertEqual(rules.tz, "Europe/Amsterdam")
        self.assertEqual(rules.cutoff.hour, 14)
        self.assertEqual(rules.delivery_weekdays, frozenset(range(5)))
        self.assertIn(date(2030, 6, 10), rules.closed_days)
        self.assertEqual(rules.max_days_ahead, 60)
        # Settings (res.config.settings) write the website's rules.
        settings = self.env["res.config.settings"].create(
            {"website_id": self.website.id, "oci_delivery_cutoff": 11.5}
        )
        settings.execute()
        self.assertEqual(self.website._oci_delivery_rules().cutoff.minute, 30)
        with self.assertRaises(ValidationError):
            self.website.oci_delivery_cutoff = 25.0
        with self.assertRaises(ValidationError):
            self.product_cake.oci_preparation_days = -1

    def test_websites_without_weekdays_deliver_mon_fri(self):
        # Websites that existed before the module's update have no weekdays.
        self.env.cr.execute(
            "DELETE FROM website_oci_delivery_weekday_rel WHERE website_id = %s",
            [self.website.id],
        )
        self.env.cr.execute(
            "DELETE FROM website_oci_preparation_weekday_rel WHERE website_id = %s",
            [self.website.id],
        )
        self.website.invalidate_recordset()
        rules = self.website._oci_delivery_rules()
        self.assertEqual(rules.delivery_weekdays, delivery_dates.MON_FRI)
        self.assertEqual(rules.preparation_weekdays, delivery_dates.MON_FRI)

    def test_cutoff_on_the_boundary_minute(self):
        order = self._cart([self.product_cake])
        self.assertEqual(order._oci_possible_dates(now=amsterdam(TUE, 13, 59))[0], WED)
        self.assertEqual(order._oci_possible_dates(now=amsterdam(TUE, 14, 0))[0], THU)

    def test_closed_day_is_never_offered_nor_accepted(self):
        self.env["oci.delivery.closed.day"].create({"name": "Sluiting", "date": WED})
        order = self._cart([self.product_cake])
        dates = order._oci_possible_dates(now=amsterdam(TUE, 9))
        self.assertEqual(dates[0], THU)
        self.assertNotIn(WED, dates)
        with self.assertRaisesRegex(UserError, "the shop is closed that day"):
            order._oci_set_delivery(order_date=WED.isoformat(), now=amsterdam(TUE, 9))
        self.assertFalse(order.commitment_date)

    def test_preparation_across_the_weekend(self):
        order = self._cart([self.product_cake, self.product_logo])
        # Logo cake: 3 working days (Thu, Fri, Mon), deliverable Tuesday.
        dates = order._oci_possible_dates(now=amsterdam(THU, 10))
        self.assertEqual(dates[0], TUE + timedelta(days=7))
        self.assertNotIn(SAT, dates)
        # The standard cake alone: Friday.
        cake_line = order.order_line.filtered(lambda line: line.product_id == self.product_cake)
        self.assertEqual(order._oci_possible_dates(lines=cake_line, now=amsterdam(THU, 10))[0], FRI)
        with self.assertRaisesRegex(UserError, "cannot be ready by then"):
            order._oci_set_delivery(order_date=FRI.isoformat(), now=amsterdam(THU, 10))

    def test_shop_time_zone(self):
        order = self._cart([self.product_cake])
        now = datetime(2030, 6, 4, 12, 30, tzinfo=UTC)  # 14:30 in Amsterdam
        self.assertEqual(order._oci_possible_dates(now=now)[0], THU)
        self.website.oci_delivery_tz = "UTC"  # 12:30: before the cut-off
        self.assertEqual(order._oci_possible_dates(now=now)[0], WED)
        # The chosen date is kept as noon of that day in the shop's zone.
        order._oci_set_delivery(order_date=WED.isoformat(), now=now)
        self.assertEqual(order.commitment_date, datetime(2030, 6, 5, 12, 0))
        self.website.oci_delivery_tz = "Europe/Amsterdam"
        self.assertEqual(order._oci_delivery_day(), WED)

    def test_branch_window_and_recipients(self):
        self.branch.oci_delivery_weekday_ids = self.friday
        order = self._cart([self.product_cake], shipping=self.branch)
        dates = order._oci_possible_dates(now=amsterdam(MON, 9))
        self.assertTrue(dates)
        self.assertEqual({day.weekday() for day in dates}, {4})
        with self.assertRaisesRegex(UserError, "does not accept deliveries on that weekday"):
            order._oci_set_delivery(order_date=WED.isoformat(), now=amsterdam(MON, 9))
        # Another customer's branch is refused, as order and as line recipient.
        with self.assertRaisesRegex(UserError, "not one of your delivery addresses"):
            order._oci_set_delivery(recipient=str(self.other_branch.id), now=amsterdam(MON, 9))
        with self.assertRaisesRegex(UserError, "not one of your delivery addresses"):
            order._oci_set_delivery(
                line_values={order.order_line.id: ("", str(self.other_branch.id))},
                now=amsterdam(MON, 9),
            )
        self.assertEqual(order.partner_shipping_id, self.branch)
        self.assertFalse(order.order_line.oci_recipient_id)

    def test_one_off_recipient_is_no_branch(self):
        order = self._cart([self.product_cake])
        order._oci_set_delivery(
            recipient="new",
            new_recipient={
                "name": "Jan Jansen",
                "street": "Dorpsstraat 4",
                "zip": "4811 AA",
                "city": "Breda",
                "phone": "+31 6 1234 5678",
                "note": "Bel aan bij de buren",
            },
            order_date=FRI.isoformat(),
            now=amsterdam(MON, 9),
        )
        recipient = order.partner_shipping_id
        self.assertEqual(recipient.name, "Jan Jansen")
        self.assertTrue(recipient.oci_one_off)
        self.assertEqual(recipient.parent_id, self.customer)
        self.assertEqual(recipient.oci_delivery_instructions, "Bel aan bij de buren")
        self.assertNotIn(recipient, order._oci_branch_choices())
        self.assertIn(recipient, order._oci_recipient_choices())
        self.assertNotIn(recipient, self._cart([self.product_cake])._oci_recipient_choices())
        admin = self.env["res.partner"].with_user(self.orderer_user)
        self.orderer_user.groups_id += self.admin_group
        self.assertNotIn(recipient, admin._oci_admin_branches())
        self.assertIn(recipient, admin._oci_admin_one_off_recipients())
        recipient.with_user(self.orderer_user)._oci_admin_make_branch()
        self.assertFalse(recipient.oci_one_off)
        self.assertIn(recipient, admin._oci_admin_branches())
        # Incomplete or hostile addresses are refused, nothing is created.
        count = self.env["res.partner"].search_count([])
        for bad in ({"name": "X"}, {"name": "X", "street": "S", "city": "C\x00"}):
            with self.assertRaises(UserError):
                order._oci_set_delivery(recipient="new", new_recipient=bad, now=amsterdam(MON, 9))
        self.assertEqual(self.env["res.partner"].search_count([]), count)

    def test_crafted_dates_refused(self):
        order = self._cart([self.product_cake])
        now = amsterdam(MON, 9)
        for value, message in (
            ("2030-02-30", "yyyy-mm-dd"),
            ("03-06-2030", "yyyy-mm-dd"),
            ("2030-06-03\x00", "yyyy-mm-dd"),
            ("2030-05-31", "this day is past"),
            ("2030-06-09", "does not deliver on that weekday"),
            ("2031-06-03", "beyond the days the shop plans ahead"),
            ("2030-06-03", "cannot be ready by then"),
        ):
            with self.subTest(value=value), self.assertRaisesRegex(UserError, message):
                order._oci_set_delivery(order_date=value, now=now)
        self.assertFalse(order.commitment_date)

    def test_notice_between_its_dates(self):
        self.website.write(
            {
                "oci_delivery_notice": "Tot 24 december bezorgd tot 17:00",
                "oci_delivery_notice_start": date(2030, 12, 1),
                "oci_delivery_notice_end": date(2030, 12, 24),
            }
        )
        self.assertEqual(self.website._oci_delivery_notice_text(today=date(2030, 11, 30)), "")
        self.assertIn("17:00", self.website._oci_delivery_notice_text(today=date(2030, 12, 24)))
        self.assertEqual(self.website._oci_delivery_notice_text(today=date(2030, 12, 25)), "")


@tagged("post_install", "-at_install")
class TestDeliveryChain(DeliveryCommon):
    def setUp(self):
        super().setUp()
        use_real_pdf(self)

    def _dated_order(self):
        """Cake and fruit to Locatie Noord on the first possible date, the
        logo cake to a one-off recipient three weeks later."""
        order = self._order(
            self.orderer,
            [
                (self.product_cake, 1, 32.5),
                (self.product_fruit, 1, 39.95),
                (self.product_logo, 2, 55),
            ],
            shipping=self.branch,
            oci_card_text="Van harte!",
        )
        first = order._oci_possible_dates()[0]
        later = order._oci_possible_dates(lines=order.order_line[2])[10]
        order._oci_set_delivery(
            order_date=first.isoformat(),
            line_values={order.order_line[2].id: (later.isoformat(), "new")},
            new_recipient={"name": "Jan Jansen", "street": "Dorpsstraat 4", "city": "Breda"},
        )
        return order, first, later

    def test_cart_groups_and_oci_items(self):
        order, first, later = self._dated_order()
        groups = order._oci_delivery_groups()
        self.assertEqual(
            [(group["recipient"].name, group["date"], len(group["lines"])) for group in groups],
            [("Locatie Noord", first, 2), ("Jan Jansen", later, 1)],
        )
        order.oci_connection_id = self.connection
        items = order._oci_item_rows(self.connection)
        rules = order._oci_delivery_rules()
        now = datetime.now(UTC)
        self.assertEqual(
            [item["LEADTIME"] for item in items],
            [
                str(delivery_dates.working_days_until(rules, now, day))
                for day in (first, first, later)
            ],
        )
        self.assertGreater(int(items[2]["LEADTIME"]), int(items[0]["LEADTIME"]))
        self.assertIn("Recipient: Locatie Noord, Noordweg 1, Utrecht", items[0]["LONGTEXT"])
        self.assertIn("Delivery date: ", items[2]["LONGTEXT"])
        self.assertIn("Recipient: Jan Jansen, Dorpsstraat 4, Breda", items[2]["LONGTEXT"])
        # Dutch connection: Dutch text.
        self.env["res.lang"]._activate_lang("nl_NL")
        self.orderer.lang = "nl_NL"
        if "lang" in self.connection._fields:
            self.connection.lang = "nl_NL"
        longtext = order._oci_item_rows(self.connection)[2]["LONGTEXT"]
        self.assertIn("Ontvanger: Jan Jansen", longtext)
        # A date that became impossible blocks the transfer and the checkout.
        early = order._oci_possible_dates(lines=order.order_line[0])[0]
        self.assertLess(early, first)
        order.order_line[2].oci_delivery_date = early
        with self.assertRaisesRegex(UserError, "Jan Jansen"):
            order._oci_check_transfer()
        with self.assertRaisesRegex(UserError, "cannot be ready by then"):
            order._check_cart_is_ready_to_be_paid()

    def test_one_delivery_per_recipient_and_date_with_slip(self):
        order, first, later = self._dated_order()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("sale.action_report_saleorder", order.ids)[0]
            .decode()
        )
        self.assertIn("o_oci_order_deliveries", html)
        self.assertIn("Jan Jansen, Dorpsstraat 4, Breda", html)
        order.action_confirm()
        pickings = order.picking_ids.sorted("date_deadline")
        self.assertEqual(len(pickings), 2)
        noord, jan = pickings
        self.assertEqual(noord.partner_id, self.branch)
        self.assertEqual(jan.partner_id.name, "Jan Jansen")
        self.assertEqual(noord.move_ids.product_id, self.product_cake | self.product_fruit)
        self.assertEqual(jan.move_ids.product_id, self.product_logo)
        rules = order._oci_delivery_rules()
        self.assertEqual(noord.date_deadline, order._oci_day_to_datetime(first, rules))
        self.assertEqual(jan.date_deadline, order._oci_day_to_datetime(later, rules))
        self.assertEqual(jan.scheduled_date, order._oci_day_to_datetime(later, rules))
        pdf, __ = self.env["ir.actions.report"]._render_qweb_pdf(
            "stock.action_report_delivery", jan.ids
        )
        text = one_line(pdf_text(pdf))
        self.assertIn("Recipient: Jan Jansen, Dorpsstraat 4, Breda", text)
        self.assertIn("Delivery date:", text)
        self.assertIn(later.strftime("%m/%d/%Y"), text)
        self.assertIn("Van harte!", text)
        self.assertNotIn("Slagroomtaart", text)

    def test_plain_order_keeps_one_delivery(self):
        order = self._order(
            self.orderer, [(self.product_cake, 1, 32.5), (self.product_logo, 1, 55)]
        )
        order.action_confirm()
        self.assertEqual(len(order.picking_ids), 1)
