# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delivery date and recipient over real HTTP: crafted impossible dates and
another customer's recipients are refused with a message and change nothing;
a date that became impossible blocks the OCI transfer; the picker and the
multi-recipient cart in the browser (tour)."""

from datetime import UTC, datetime, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from ..tools import delivery_dates, oci_format
from .http_common import _CSRF_RE
from .shop_http_common import ShopHttpMixin, hidden_inputs
from .test_delivery_rules import DeliveryCommon


@tagged("post_install", "-at_install")
class TestDeliveryHttp(ShopHttpMixin, DeliveryCommon, HttpCase):
    def _post(self, csrf, **data):
        response = self.url_open("/shop/cart/oci_delivery", data=dict(data, csrf_token=csrf))
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_crafted_dates_refused(self):
        csrf, order = self._shop_cart()
        cart = self.url_open("/shop/cart").text
        self.assertIn("o_oci_delivery_form", cart)
        first = order._oci_possible_dates()[0]
        self.assertIn(f'value="{first.isoformat()}"', cart)
        sunday = next(
            first + timedelta(days=n)
            for n in range(7)
            if (first + timedelta(days=n)).weekday() == 6
        )
        self.assertNotIn(f'value="{sunday.isoformat()}"', cart)
        for value, message in (
            (sunday.isoformat(), "the shop does not deliver on that weekday"),
            ("2026-02-30", "yyyy-mm-dd"),
            ("2030-1-1", "yyyy-mm-dd"),
            ("x" * 5000, "yyyy-mm-dd"),
            ("2000-01-03", "this day is past"),
            ((first + timedelta(days=400)).isoformat(), "beyond the days the shop plans ahead"),
        ):
            with self.subTest(value=value[:20]):
                page = self._post(csrf, delivery_date=value)
                self.assertIn("o_oci_delivery_error", page)
                self.assertIn(message, page)
                self.assertFalse(order.commitment_date)
        self.assertIn("The first possible date is", self._post(csrf, delivery_date="2000-01-03"))
        # A line date of a line of another cart.
        page = self._post(csrf, **{"line_date_999999999": first.isoformat()})
        self.assertIn("This line is not in your cart.", page)
        # A possible date is kept.
        page = self._post(csrf, delivery_date=first.isoformat(), recipient_id=self.branch.id)
        self.assertNotIn("o_oci_delivery_error", page)
        self.assertEqual(order._oci_delivery_day(), first)
        self.assertEqual(order.partner_shipping_id, self.branch)
        self.assertIn("Locatie Noord, Noordweg 1, Utrecht", page)
        # The orderer sees the delivery in the portal's order page.
        portal = self.url_open(f"/my/orders/{order.id}?access_token={order._portal_ensure_token()}")
        self.assertEqual(portal.status_code, 200)
        self.assertIn("o_oci_order_deliveries", portal.text)
        self.assertIn("Locatie Noord, Noordweg 1, Utrecht", portal.text)

    def test_recipients_of_another_customer_refused(self):
        csrf, order = self._shop_cart()
        line = order.order_line
        shipping = order.partner_shipping_id
        page = self._post(csrf, recipient_id=self.other_branch.id)
        self.assertIn("This recipient is not one of your delivery addresses.", page)
        page = self._post(
            csrf,
            **{f"line_date_{line.id}": "", f"line_recipient_{line.id}": self.other_branch.id},
        )
        self.assertIn("This recipient is not one of your delivery addresses.", page)
        self.assertEqual(order.partner_shipping_id, shipping)
        self.assertFalse(line.oci_recipient_id)
        self.assertNotIn("Ander Oost", page)
        result = self.make_jsonrpc_request(
            "/shop/cart/oci_delivery/dates", {"recipient_id": self.other_branch.id}
        )
        self.assertEqual(result["dates"], [])
        self.assertIn("not one of your delivery addresses", result["error"])
        result = self.make_jsonrpc_request(
            "/shop/cart/oci_delivery/dates", {"recipient_id": self.branch.id}
        )
        self.assertEqual(result["dates"][0]["value"], order._oci_possible_dates()[0].isoformat())
        # Another customer's one-off recipient cannot be made a branch.
        foreign = self.env["res.partner"].create(
            {
                "name": "Eenmalig Ander",
                "type": "delivery",
                "parent_id": self.other_customer.id,
                "oci_one_off": True,
            }
        )
        self.orderer_user.groups_id += self.admin_group
        response = self.url_open(
            f"/my/account/recipients/{foreign.id}/make_branch", data={"csrf_token": csrf}
        )
        self.assertEqual(response.status_code, 404)
        self.assertTrue(foreign.oci_one_off)
        # A one-off recipient of the order: kept on it, not a branch, until
        # the administrator makes it one.
        page = self._post(
            csrf,
            recipient_id="new",
            new_name="Jan Jansen",
            new_street="Dorpsstraat 4",
            new_zip="4811 AA",
            new_city="Breda",
            new_phone="+31 6 1234 5678",
            new_note="Achterom",
        )
        jan = order.partner_shipping_id
        self.assertEqual(jan.name, "Jan Jansen")
        self.assertTrue(jan.oci_one_off)
        self.assertNotIn(jan, order._oci_branch_choices())
        self.assertIn("Jan Jansen, Dorpsstraat 4, 4811 AA Breda", page)
        branches = self.url_open("/my/account/branches").text
        self.assertIn("o_oci_one_off_recipients", branches)
        self.assertIn(f"/my/account/recipients/{jan.id}/make_branch", branches)
        self.assertNotIn("Eenmalig Ander", branches)
        response = self.url_open(
            f"/my/account/recipients/{jan.id}/make_branch", data={"csrf_token": csrf}
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(jan.oci_one_off)
        self.assertIn("o_oci_branch_row", response.text)
        self.assertNotIn("o_oci_one_off_recipients", response.text)

    def test_notice_in_cart_and_banner(self):
        today = fields.Date.today()
        self.website.write(
            {
                "oci_delivery_notice": "Tot 24 december bezorgd tot 17:00",
                "oci_delivery_notice_start": today - timedelta(days=2),
                "oci_delivery_notice_end": today + timedelta(days=2),
            }
        )
        params = self._login_params(HOOK_URL="http://127.0.0.1/sap/hook?x=1")
        page = self.url_open(f"/oci/{self.connection.code}/login", data=params).text
        self.assertIn("o_oci_banner_notice", page)
        self.assertIn("Tot 24 december bezorgd tot 17:00", page)
        csrf = _CSRF_RE.search(page).group(1)
        self._cart_add(csrf, self.product_cake)
        cart = self.url_open("/shop/cart").text
        self.assertIn("o_oci_delivery_notice", cart)
        self.website.oci_delivery_notice_end = today - timedelta(days=1)
        self.assertNotIn("Tot 24 december", self.url_open("/shop/cart").text)

    def test_transfer_checks_the_date_again(self):
        params = self._login_params(HOOK_URL="http://127.0.0.1/sap/hook?x=1")
        page = self.url_open(f"/oci/{self.connection.code}/login", data=params).text
        csrf = _CSRF_RE.search(page).group(1)
        self._cart_add(csrf, self.product_cake)
        session = self.env["oci.session"].search(
            [("connection_id", "=", self.connection.id)], order="id desc", limit=1
        )
        order = session.order_id
        first = order._oci_possible_dates()[0]
        self._post(csrf, delivery_date=first.isoformat())
        self.assertEqual(order._oci_delivery_day(), first)
        # The shop closes that day after the buyer chose it: no transfer.
        closed = self.env["oci.delivery.closed.day"].create({"name": "Storing", "date": first})
        response = self.url_open("/oci/transfer", data={"csrf_token": csrf})
        self.assertLess(response.status_code, 500)
        self.assertIn("o_oci_error", response.text)
        self.assertIn("the shop is closed that day", response.text)
        self.assertEqual(order.oci_transfer_state, "cart")
        closed.unlink()
        response = self.url_open("/oci/transfer", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        items = oci_format.parse_cart_form(hidden_inputs(response.text))
        rules = order._oci_delivery_rules()
        self.assertEqual(
            items[0]["LEADTIME"],
            str(delivery_dates.working_days_until(rules, datetime.now(UTC), first)),
        )
        self.assertIn("Delivery date: ", items[0]["LONGTEXT"])
        self.assertIn("Recipient: ", items[0]["LONGTEXT"])
        self.assertEqual(order.oci_transfer_state, "transferred")
