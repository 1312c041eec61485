# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Approval of shop orders over budget: the model (request, approve,
reject, approver per branch, who may decide) and the HTTP flow (checkout,
portal pages, other customers refused, CSRF)."""

import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged
from odoo.tools import mute_logger

from .test_business_common import BusinessCommon

_CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class ApprovalCommon(BusinessCommon):
    """Zorggroep Test accepts orders over budget for approval; Locatie Noord
    has a budget of 100 a month. Carl (orderer, no administrator) orders,
    Anna (the administrator) approves by default."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.oci_over_budget_policy = "approve"
        cls.branch.oci_budget_amount = 100.0
        cls.nl = cls.env.ref("base.nl")
        # Complete addresses, as the checkout demands.
        for partner in (cls.customer, cls.orderer, cls.colleague, cls.branch, cls.branch_south):
            partner.write(
                {
                    "street": partner.street or "Hoofdstraat 1",
                    "zip": "3511 AA",
                    "city": partner.city or "Utrecht",
                    "country_id": cls.nl.id,
                    "phone": "030-1234567",
                    "email": partner.email or "inkoop@zorg.example",
                }
            )
        cls.colleague_user = new_test_user(
            cls.env,
            login="carl@zorg.example",
            groups="base.group_portal",
            partner_id=cls.colleague.id,
        )
        # new_test_user names the partner after the login: the real names back.
        cls.orderer.name = "Anna Orderer"
        cls.colleague.name = "Carl Colleague"
        cls.carrier = cls.env.ref("delivery.free_delivery_carrier")

    @classmethod
    def _cart(cls, orderer, qty, shipping=None, **vals):
        """A website cart of ``orderer`` ready for checkout: ``qty`` cakes
        of 32.50 delivered to ``shipping`` (Locatie Noord)."""
        order = cls._order(
            orderer, [(cls.product_cake, qty, 32.5)], shipping=shipping or cls.branch, **vals
        )
        order.carrier_id = cls.carrier
        return order

    def _waiting(self, orderer=None, shipping=None):
        order = self._cart(orderer or self.colleague, 4, shipping=shipping)
        order._oci_request_approval()
        return order


class TestBusinessApproval(ApprovalCommon):
    def test_over_budget_waits_for_approval(self):
        order = self._cart(self.colleague, 4)  # 130 > 100
        self.assertTrue(order._oci_needs_approval())
        with self.assertRaisesRegex(UserError, "Submit it for approval"):
            order._check_cart_is_ready_to_be_paid()
        approvers = order._oci_request_approval()
        self.assertEqual(approvers, self.orderer)
        self.assertEqual(order.oci_approval_state, "waiting")
        self.assertEqual(order.state, "sent")
        self.assertTrue(order.oci_over_budget)
        self.assertEqual(order.oci_approver_partner_ids, self.orderer)
        self.assertTrue(order.oci_approval_requested_at)
        # The approver gets an e-mail with the link to their portal page.
        mail = self.env["mail.mail"].search(
            [("model", "=", "sale.order"), ("res_id", "=", order.id)], order="id desc"
        )
        mail = mail.filtered(lambda m: f"/my/approvals/{order.id}" in m.body_html)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.orderer)
        self.assertIn(order.name, mail.subject)
        self.assertIn("Carl Colleague", mail.body_html)
        # Nothing confirmed, paid, signed, reserved or invoiced before approval.
        with self.assertRaisesRegex(UserError, "waiting for the customer's budget approval"):
            order.action_confirm()
        self.assertFalse(order._has_to_be_paid())
        self.assertFalse(order._has_to_be_signed())
        self.assertEqual(order.state, "sent")
        self.assertFalse(order.picking_ids)
        self.assertFalse(order.invoice_ids)
        with self.assertRaises(UserError):
            order._create_invoices()
        # Waiting orders do not spend the budget.
        self.assertEqual(self.branch._oci_budget_spent()[self.branch.id], 0.0)

    def test_within_budget_and_refuse_policy_unchanged(self):
        order = self._cart(self.colleague, 3)  # 97.50 <= 100
        self.assertFalse(order._oci_needs_approval())
        order._check_cart_is_ready_to_be_paid()
        with self.assertRaisesRegex(UserError, "within budget"):
            order._oci_request_approval()
        self.assertFalse(order.oci_approval_state)
        self.assertEqual(order.state, "draft")
        # A customer refusing orders over budget: refused, no approval.
        self.customer.oci_over_budget_policy = "refuse"
        over = self._cart(self.colleague, 4)
        self.assertFalse(over._oci_needs_approval())
        with self.assertRaisesRegex(UserError, "exceeds the budget"):
            over._check_cart_is_ready_to_be_paid()
        with self.assertRaisesRegex(UserError, "cannot be submitted for approval"):
            over._oci_request_approval()

    def test_punchout_orders_keep_the_flag(self):
        order = self._cart(self.colleague, 4, oci_connection_id=self.connection.id)
        self.assertFalse(order._oci_needs_approval())
        order._oci_check_transfer()
        self.assertTrue(order.oci_over_budget)
        self.assertFalse(order.oci_approval_state)
        with self.assertRaisesRegex(UserError, "cannot be submitted for approval"):
            order._oci_request_approval()

    def test_approve_confirms_the_order(self):
        order = self._waiting()
        order.with_user(self.orderer_user)._oci_approve()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.oci_approval_state, "approved")
        self.assertEqual(order.oci_approval_user_id, self.orderer_user)
        self.assertTrue(order.oci_approval_date)
        self.assertTrue(order.picking_ids, "delivered once approved")
        told = order.message_ids.filtered(lambda m: self.colleague in m.partner_ids)
        self.assertIn("was approved by Anna Orderer", told[:1].body)
        # Decided once: a second decision is refused.
        with self.assertRaisesRegex(UserError, "no longer waiting"):
            order.with_user(self.orderer_user)._oci_reject("Too late")
        self.assertEqual(order.state, "sale")
        # An approved order counts in the budget.
        self.assertEqual(self.branch._oci_budget_spent()[self.branch.id], 130.0)

    def test_reject_needs_a_reason_and_cancels(self):
        order = self._waiting()
        approver = order.with_user(self.orderer_user)
        for reason in (None, "", "   \n "):
            with self.assertRaisesRegex(UserError, "Give a reason"):
                approver._oci_reject(reason)
        self.assertEqual(order.oci_approval_state, "waiting")
        approver._oci_reject("  Budget is for the Christmas party.  ")
        self.assertEqual(order.state, "cancel")
        self.assertEqual(order.oci_approval_state, "rejected")
        self.assertEqual(order.oci_approval_reason, "Budget is for the Christmas party.")
        told = order.message_ids.filtered(lambda m: self.colleague in m.partner_ids)
        self.assertIn("Budget is for the Christmas party.", told[:1].body)
        self.assertIn("rejected by Anna Orderer", told[:1].body)
        with self.assertRaisesRegex(UserError, "rejected by the customer's budget approver"):
            order.action_draft()
            order.action_confirm()
        self.assertFalse(order.picking_ids)

    def test_approver_per_branch(self):
        self.branch_south.write({"oci_budget_amount": 50.0, "oci_approver_id": self.colleague.id})
        order = self._waiting(orderer=self.orderer, shipping=self.branch_south)
        self.assertEqual(order.oci_approver_partner_ids, self.colleague)
        # The administrator is not this branch's approver, even for their own order.
        with self.assertRaises(AccessError):
            order.with_user(self.orderer_user)._oci_approve()
        self.assertEqual(order.oci_approval_state, "waiting")
        self.assertEqual(order.with_user(self.colleague_user)._oci_approvals_of_user(), order)
        self.assertFalse(order.with_user(self.orderer_user)._oci_approvals_of_user())
        order.with_user(self.colleague_user)._oci_approve()
        self.assertEqual(order.state, "sale")
        # Another customer's contact cannot be a branch's approver.
        with self.assertRaises(ValidationError):
            self.branch_south.oci_approver_id = self.other_orderer

    def test_orderer_and_other_customers_cannot_decide(self):
        order = self._waiting()
        for user in (self.colleague_user, self.other_user):
            with self.assertRaises(AccessError):
                order.with_user(user)._oci_approve()
            with self.assertRaises(AccessError):
                order.with_user(user)._oci_reject("No")
            self.assertFalse(order.with_user(user)._oci_approvals_of_user())
        self.assertEqual(order.oci_approval_state, "waiting")
        # The only administrator's own order: they are its approver.
        own = self._waiting(orderer=self.orderer)
        self.assertEqual(own.oci_approver_partner_ids, self.orderer)
        # With a second administrator, the orderer is no longer asked.
        self.colleague.oci_is_customer_admin = True
        second = self._waiting(orderer=self.orderer)
        self.assertEqual(second.oci_approver_partner_ids, self.colleague)

    def test_dutch_mail_and_message(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(["oci_punchout"], ["nl_NL"], overwrite=True)
        (self.orderer | self.colleague).write({"lang": "nl_NL"})
        order = self._waiting()
        mail = self.env["mail.mail"].search(
            [("model", "=", "sale.order"), ("res_id", "=", order.id)], order="id desc"
        )
        mail = mail.filtered(lambda m: self.orderer in m.recipient_ids)
        self.assertEqual(mail.subject, f"Goedkeuring nodig: order {order.name} boven budget")
        self.assertIn("Goedkeuren of afwijzen", mail.body_html)
        order.with_user(self.orderer_user)._oci_reject("Niet deze maand")
        told = order.message_ids.filtered(lambda m: self.colleague in m.partner_ids)
        self.assertIn("is afgewezen door Anna Orderer: Niet deze maand", told[:1].body)

    def test_branch_approver_without_account(self):
        """A branch approver who cannot log in: the administrators decide."""
        self.branch.oci_approver_id = self.colleague
        self.colleague_user.active = False
        order = self._waiting(orderer=self.colleague)
        self.assertEqual(order.oci_approver_partner_ids, self.orderer)

    def test_staff_approve_in_backend(self):
        order = self._waiting()
        salesman = new_test_user(
            self.env, login="sales.approval", groups="sales_team.group_sale_salesman_all_leads"
        )
        order.with_user(salesman).action_oci_approve()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.oci_approval_user_id, salesman)
        # Not for portal users who are no approver of the order.
        other = self._waiting()
        with self.assertRaises(AccessError):
            other.with_user(self.colleague_user).action_oci_approve()
        arch = self.env["sale.order"].get_view(view_type="form")["arch"]
        self.assertIn('name="action_oci_approve"', arch)
        self.assertIn('name="oci_approval_state"', arch)

    def test_no_approver_refused(self):
        self.orderer.oci_is_customer_admin = False
        order = self._cart(self.colleague, 4)
        with self.assertRaisesRegex(UserError, "Nobody at your company can approve"):
            order._oci_request_approval()
        self.assertFalse(order.oci_approval_state)
        self.assertEqual(order.state, "draft")


@tagged("post_install", "-at_install")
class TestBusinessApprovalHttp(ApprovalCommon, HttpCase):
    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _csrf(self, url="/shop"):
        match = _CSRF_RE.search(self.url_open(url).text)
        self.assertTrue(match, f"no csrf_token on {url}")
        return match.group(1)

    def _fill_cart(self, qty):
        csrf = self._csrf()
        self.url_open(
            "/shop/cart/update",
            data={"csrf_token": csrf, "product_id": self.product_cake.id, "add_qty": qty},
        )
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.colleague.id), ("state", "=", "draft")],
            order="id desc",
            limit=1,
        )
        order._oci_set_branch(self.branch.id)
        order.carrier_id = self.carrier
        return order, csrf

    @mute_logger("odoo.http")
    def test_checkout_submits_for_approval(self):
        self._login(self.colleague_user)
        order, csrf = self._fill_cart(4)
        payment = self.url_open("/shop/payment")
        self.assertEqual(payment.status_code, 200)
        self.assertIn("Approval needed", payment.text)
        self.assertIn("o_oci_request_approval", payment.text)
        self.assertNotIn('name="o_payment_radio"', payment.text)
        # Paying anyway (a crafted transaction request) is refused.
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                f"/shop/payment/transaction/{order.id}",
                {"access_token": order._portal_ensure_token(), "amount": order.amount_total},
            )
        # No CSRF token: refused.
        response = self.url_open("/shop/approval/request", data={"x": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(order.oci_approval_state)
        response = self.url_open(
            "/shop/approval/request", data={"csrf_token": csrf}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(order.oci_approval_state, "waiting")
        self.assertIn(f"/my/orders/{order.id}", response.headers["Location"])
        page = self.url_open(response.headers["Location"])
        self.assertIn("waiting for the approval of", page.text)
        self.assertIn("Anna Orderer", page.text)
        self.assertNotIn("o_portal_sign", page.text)
        # The cart is empty again; the orderer cannot approve their own order.
        self.assertNotIn(order.name, self.url_open("/shop/cart").text)
        self.assertEqual(self.url_open(f"/my/approvals/{order.id}").status_code, 404)

    def test_within_budget_checkout_has_no_approval(self):
        self._login(self.colleague_user)
        self._fill_cart(2)
        payment = self.url_open("/shop/payment").text
        self.assertNotIn("o_oci_request_approval", payment)
        self.assertNotIn("Approval needed", payment)

    def test_approver_pages_approve_and_reject(self):
        order = self._waiting()
        second = self._waiting()
        self._login(self.orderer_user)
        self.assertIn("/my/approvals", self.url_open("/my/home").text)
        listing = self.url_open("/my/approvals").text
        self.assertIn(order.name, listing)
        self.assertIn(second.name, listing)
        page = self.url_open(f"/my/approvals/{order.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Carl Colleague", page.text)
        self.assertIn("o_oci_approval_budget", page.text)
        csrf = _CSRF_RE.search(page.text).group(1)
        # Reject without a reason: told, nothing changed.
        response = self.url_open(
            f"/my/approvals/{second.id}/reject", data={"csrf_token": csrf, "reason": " "}
        )
        self.assertIn("Give a reason", response.text)
        self.assertEqual(second.oci_approval_state, "waiting")
        response = self.url_open(
            f"/my/approvals/{second.id}/reject",
            data={"csrf_token": csrf, "reason": "Not this month"},
        )
        self.assertIn("was rejected", response.text)
        self.assertEqual(second.state, "cancel")
        self.assertEqual(second.oci_approval_reason, "Not this month")
        # Without CSRF token: refused.
        response = self.url_open(f"/my/approvals/{order.id}/approve", data={"x": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(order.oci_approval_state, "waiting")
        response = self.url_open(f"/my/approvals/{order.id}/approve", data={"csrf_token": csrf})
        self.assertIn("was approved and placed", response.text)
        self.assertEqual(order.state, "sale")
        # The orderer sees the rejection and its reason.
        self._login(self.colleague_user)
        page = self.url_open(second.get_portal_url()).text
        self.assertIn("This order was rejected", page)
        self.assertIn("Not this month", page)

    def test_admin_names_branch_approver(self):
        self._login(self.orderer_user)
        url = f"/my/account/branches/{self.branch_south.id}"
        form = self.url_open(url).text
        self.assertIn('name="oci_approver_id"', form)
        self.assertIn("Carl Colleague", form)
        self.assertNotIn("Bob Other", form)
        csrf = _CSRF_RE.search(form).group(1)
        base = {"csrf_token": csrf, "name": "Locatie Zuid"}
        # Another customer's contact or a crafted value: told, nothing saved.
        for value in (str(self.other_orderer.id), "abc", str(self.branch.id)):
            response = self.url_open(url, data=dict(base, oci_approver_id=value))
            self.assertIn("must be one of your orderers", response.text)
            self.assertFalse(self.branch_south.oci_approver_id)
        response = self.url_open(
            url, data=dict(base, oci_approver_id=str(self.colleague.id)), allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.branch_south.oci_approver_id, self.colleague)
        self.assertRegex(self.url_open(url).text, r'selected="[^"]+">Carl Colleague')
        # Empty again: the administrators approve.
        self.url_open(url, data=dict(base, oci_approver_id=""))
        self.assertFalse(self.branch_south.oci_approver_id)

    @mute_logger("odoo.http")
    def test_other_customer_refused(self):
        order = self._waiting()
        self._login(self.other_user)
        csrf = self._csrf()
        self.assertNotIn("/my/approvals", self.url_open("/my/home").text)
        self.assertNotIn(order.name, self.url_open("/my/approvals").text)
        self.assertEqual(self.url_open(f"/my/approvals/{order.id}").status_code, 404)
        for decision in ("approve", "reject"):
            response = self.url_open(
                f"/my/approvals/{order.id}/{decision}",
                data={"csrf_token": csrf, "reason": "Hijack"},
            )
            self.assertEqual(response.status_code, 404)
        self.assertEqual(self.url_open("/my/approvals/999999999").status_code, 404)
        self.assertEqual(order.oci_approval_state, "waiting")
        self.assertEqual(order.state, "sent")
