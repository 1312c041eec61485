# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shop staff reject an order waiting for the customer's budget approval with
a reason in the backend, as the customer's approver does on the portal."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user

from .test_business_approval import ApprovalCommon


class TestBusinessApprovalReject(ApprovalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="sales.reject",
            name="Sam Sales",
            groups="sales_team.group_sale_salesman_all_leads",
        )

    def _wizard(self, order, user):
        """The wizard as the order form's button opens it, for ``user``."""
        action = self.env.ref("oci_punchout.oci_approval_reject_wizard_action")
        Wizard = self.env[action.res_model].with_user(user)
        return Form(Wizard.with_context(default_order_id=order.id))

    def test_staff_reject_with_reason(self):
        order = self._waiting()
        arch = order.with_user(self.salesman).get_view(view_type="form")["arch"]
        action = self.env.ref("oci_punchout.oci_approval_reject_wizard_action")
        self.assertIn(f'name="{action.id}"', arch)
        form = self._wizard(order, self.salesman)
        self.assertEqual(form.order_id, order)
        # The reason is mandatory.
        with self.assertRaises(AssertionError):
            form.save()
        form.reason = "  \n "
        with self.assertRaisesRegex(UserError, "Give a reason"):
            form.save().action_reject()
        self.assertEqual((order.state, order.oci_approval_state), ("sent", "waiting"))
        form = self._wizard(order, self.salesman)
        form.reason = "  Not before the new budget year.  "
        result = form.save().action_reject()
        self.assertEqual(result, {"type": "ir.actions.act_window_close"})
        self.assertEqual((order.state, order.oci_approval_state), ("cancel", "rejected"))
        self.assertEqual(order.oci_approval_reason, "Not before the new budget year.")
        self.assertEqual(order.oci_approval_user_id, self.salesman)
        told = order.message_ids.filtered(lambda m: self.colleague in m.partner_ids)
        self.assertIn("rejected by Sam Sales: Not before the new budget year.", told[:1].body)
        self.assertFalse(order.picking_ids)
        # Decided once: a second rejection is refused.
        form = self._wizard(order, self.salesman)
        form.reason = "Again"
        with self.assertRaisesRegex(UserError, "no longer waiting"):
            form.save().action_reject()

    def test_orderer_told_in_their_language(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(["oci_punchout"], ["nl_NL"], overwrite=True)
        self.colleague.lang = "nl_NL"
        order = self._waiting()
        form = self._wizard(order, self.salesman)
        form.reason = "Niet deze maand"
        form.save().action_reject()
        told = order.message_ids.filtered(lambda m: self.colleague in m.partner_ids)
        self.assertIn("is afgewezen door Sam Sales: Niet deze maand", told[:1].body)

    def test_only_sales_staff(self):
        order = self._waiting()
        employee = new_test_user(self.env, login="no.sales", groups="base.group_user")
        # The customer's approver (portal) decides on the portal, not here.
        for user in (self.orderer_user, self.colleague_user, employee):
            with self.assertRaises(AccessError, msg=user.login):
                self.env["oci.approval.reject.wizard"].with_user(user).create(
                    {"order_id": order.id, "reason": "No"}
                )
        self.assertEqual(order.oci_approval_state, "waiting")
