# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .test_delivery_rules import DeliveryCommon


@tagged("post_install", "-at_install")
class TestDeliveryTour(DeliveryCommon, HttpCase):
    """Chromium tour (static/tests/tours/oci_delivery_tour.js): the date
    picker, a cart with two recipients and dates, and a one-off recipient
    corrected in the cart."""

    def test_delivery_tour(self):
        self.branch.oci_delivery_weekday_ids = self.friday
        order = self._order(
            self.orderer, [(self.product_cake, 1, 32.5), (self.product_fruit, 1, 39.95)]
        )
        self.orderer.last_website_so_id = order
        first = order._oci_possible_dates()[0]
        fruit = order.order_line.filtered(lambda line: line.product_id == self.product_fruit)
        fridays = order._oci_possible_dates(recipient=self.branch, lines=fruit)
        self.start_tour("/shop/cart", "oci_delivery_tour", login=self.orderer_user.login)
        self.assertEqual(order._oci_delivery_day(), first)
        self.assertEqual(fruit.oci_recipient_id, self.branch)
        self.assertEqual(fruit.oci_delivery_date, fridays[1])
        groups = order._oci_delivery_groups()
        self.assertEqual(len(groups), 2)
        self.assertEqual(groups[-1]["recipient"], self.branch)
        # The order's one-off recipient, corrected after it was entered.
        one_off = order.partner_shipping_id
        self.assertTrue(one_off.oci_one_off)
        self.assertEqual(
            (one_off.name, one_off.street, one_off.city, one_off.oci_delivery_instructions),
            ("Carla Collega", "Thuisweg 7", "Breda", "Achterdeur"),
        )
        self.assertEqual(one_off.commercial_partner_id, self.customer)
