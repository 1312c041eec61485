# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .test_business_common import BusinessCommon


@tagged("post_install", "-at_install")
class TestBusinessTours(BusinessCommon, HttpCase):
    """Chromium tours (static/tests/tours/oci_business_*.js)."""

    def test_admin_tour(self):
        self.start_tour("/my/home", "oci_business_admin_tour", login=self.orderer_user.login)
        eva = self.env["res.partner"].search([("email", "=", "eva.tour@zorg.example")])
        self.assertEqual(eva.parent_id, self.customer)
        self.assertEqual(eva.phone, "06-99887766")
        self.assertEqual(eva.oci_cost_center, "KP-EVA")
        user = eva.with_context(active_test=False).user_ids
        self.assertTrue(user)
        self.assertFalse(user.active, "deactivated in the tour")
        branch = self.env["res.partner"].search([("name", "=", "Locatie Tour")])
        self.assertEqual(branch.parent_id, self.customer)
        self.assertEqual(branch.type, "delivery")
        self.assertEqual(branch.oci_cost_center, "KP-TOUR-2")
        self.assertEqual(branch.oci_delivery_instructions, "Achterom, bel bij de keuken")

    def test_cart_tour(self):
        self._set_assortment_cakes()
        self.branch.oci_budget_amount = 100.0
        self.start_tour("/shop", "oci_business_cart_tour", login=self.orderer_user.login)
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.orderer.id), ("state", "=", "draft")], limit=1
        )
        self.assertEqual(order.order_line.product_id, self.product_cake)
        self.assertEqual(order.order_line.product_uom_qty, 4)
        self.assertEqual(order.partner_shipping_id, self.branch)
        self.assertTrue(order._oci_budget_refusal())
        self.assertEqual(order.oci_card_text, "Beste Jan,\nVan harte beterschap!")
        self.assertTrue(order.oci_card_logo)
        self.assertEqual(order.order_line.oci_card_text, "Voor de afdeling")
