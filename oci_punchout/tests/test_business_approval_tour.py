# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .test_business_approval import ApprovalCommon


@tagged("post_install", "-at_install")
class TestBusinessApprovalTour(ApprovalCommon, HttpCase):
    """Chromium tours of an approval (static/tests/tours/oci_approval_tour.js)."""

    def test_request_tour(self):
        order = self._cart(self.colleague, 4, website_id=self.website.id)
        self.start_tour(
            "/shop/payment", "oci_approval_request_tour", login=self.colleague_user.login
        )
        self.assertEqual(order.oci_approval_state, "waiting")
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.oci_approver_partner_ids, self.orderer)

    def test_approval_tour(self):
        first = self._waiting()
        second = self._waiting()
        self.start_tour("/my/home", "oci_approval_tour", login=self.orderer_user.login)
        # The list is newest first: the second order was rejected first.
        self.assertEqual(second.state, "cancel")
        self.assertEqual(second.oci_approval_reason, "Niet nodig deze maand")
        self.assertEqual(first.state, "sale")
        self.assertEqual(first.oci_approval_state, "approved")
