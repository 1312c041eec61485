# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Approval of over-budget orders placed directly in the shop by a business
customer's orderers (punchout orders keep their approval in the procurement
system and only carry the over-budget flag).

An order over a budget of its orderer or branch, of a customer whose policy
is to accept such orders for approval, is not paid nor confirmed at checkout:
it becomes a quotation waiting for approval. Its approvers (the branch's
approver, else the customer administrators) get an e-mail with a link to
their portal page; approving confirms the order as the checkout would have,
rejecting cancels it with the reason. The orderer is told either way. Until
then the order cannot be confirmed, paid or signed, so nothing is reserved,
delivered or invoiced."""

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

APPROVAL_STATES = [
    ("waiting", "Waiting for approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    oci_approval_state = fields.Selection(
        APPROVAL_STATES,
        string="Budget approval",
        copy=False,
        index=True,
        readonly=True,
        tracking=True,
    )
    oci_approver_partner_ids = fields.Many2many(
        "res.partner",
        "oci_sale_order_approver_rel",
        "order_id",
        "partner_id",
        string="Approvers",
        copy=False,
        readonly=True,
    )
    oci_approval_requested_at = fields.Datetime("Approval requested on", copy=False, readonly=True)
    oci_approval_user_id = fields.Many2one(
        "res.users", string="Approval decided by", copy=False, readonly=True
    )
    oci_approval_date = fields.Datetime("Approval decided on", copy=False, readonly=True)
    oci_approval_reason = fields.Text("Reason for rejection", copy=False, readonly=True)

    # ------------------------------------------------------------------
    # When an order needs approval
    # ------------------------------------------------------------------
    def _oci_approval_applies(self):
        """A shop order (not punchout) of a customer that accepts orders over
        budget for approval."""
        self.ensure_one()
        order = self.sudo()
        return (
            not order.oci_session_id
            and not order.oci_connection_id
            and order.partner_id.commercial_partner_id.oci_over_budget_policy == "approve"
        )

    def _oci_needs_approval(self):
        """This cart exceeds a budget and must be approved before it is
        placed (no lock: for display; the checkout checks under the lock)."""
        self.ensure_one()
        return (
            self.state == "draft"
            and self.oci_approval_state != "approved"
            and self._oci_approval_applies()
            and any(status["over"] for status in self._oci_budget_status())
        )

    def _oci_approval_message(self):
        """Why this cart needs approval, for the checkout page."""
        self.ensure_one()
        over = [status for status in self._oci_budget_status() if status["over"]]
        reason = self._oci_budget_message(over[0]) if over else ""
        return self.env._("%s Submit it for approval: it is placed once approved.", reason).strip()

    # EXTENDS sale_order (budget check under the budget holders' row locks)
    def _oci_check_budget(self):
        result = super()._oci_check_budget()
        if (
            not self.env.context.get("oci_approval_request")
            and self.oci_approval_state != "approved"
            and self.sudo().oci_over_budget
            and self._oci_approval_applies()
        ):
            raise UserError(self._oci_approval_message())
        return result

    # ------------------------------------------------------------------
    # Nothing is confirmed, paid or signed before approval
    # ------------------------------------------------------------------
    # EXTENDS sale
    def _confirmation_error_message(self):
        if self.oci_approval_state == "waiting":
            return self.env._("This order is waiting for the customer's budget approval.")
        if self.oci_approval_state == "rejected":
            return self.env._("This order was rejected by the customer's budget approver.")
        return super()._confirmation_error_message()

    # EXTENDS sale
    def _has_to_be_signed(self):
        if self.oci_approval_state in ("waiting", "rejected"):
            return False
        return super()._has_to_be_signed()

    # EXTENDS sale
    def _has_to_be_paid(self):
        if self.oci_approval_state in ("waiting", "rejected"):
            return False
        return super()._has_to_be_paid()

    # ------------------------------------------------------------------
    # Request
    # ------------------------------------------------------------------
    def _oci_approval_partners(self):
        """Who decides on this order: the delivery branch's approver (when
        they can log in), else the customer administrators."""
        self.ensure_one()
        order = self.sudo()
        branch = order.partner_shipping_id
        approver = branch.oci_approver_id if branch != order.partner_id else branch.browse()
        if approver.user_ids.filtered("share"):
            return approver
        customer = order.partner_id.commercial_partner_id
        return customer._oci_default_approvers(orderer=order.partner_id)

    def _oci_request_approval(self):
        """Submit this cart for approval instead of placing it. The whole
        checkout check runs first, the budget under its row locks."""
        self.ensure_one()
        if self.state != "draft" or self.oci_approval_state or not self._oci_approval_applies():
            raise UserError(self.env._("This order cannot be submitted for approval."))
        with self.env.cr.savepoint():
            return self._oci_submit_for_approval()

    def _oci_submit_for_approval(self):
        self.with_context(oci_approval_request=True)._check_cart_is_ready_to_be_paid()
        order = self.sudo()
        if not order.oci_over_budget:
            raise UserError(
                self.env._("This order is within budget: it needs no approval, you can pay it.")
            )
        approvers = order._oci_approval_partners()
        if not approvers:
            raise UserError(
                self.env._(
                    "Nobody at your company can approve orders over budget: please ask "
                    "your customer administrator or contact us."
                )
            )
        order.write(
            {
                "oci_approval_state": "waiting",
                "oci_approver_partner_ids": [(6, 0, approvers.ids)],
                "oci_approval_requested_at": fields.Datetime.now(),
            }
        )
        order.action_quotation_sent()
        order.message_post(
            body=self.env._("Submitted for approval to %s.", ", ".join(approvers.mapped("name")))
        )
        template = self.env.ref("oci_punchout.mail_template_oci_approval_request")
        template.sudo().send_mail(order.id, email_layout_xmlid="mail.mail_notification_light")
        return approvers

    # ------------------------------------------------------------------
    # Decision
    # ------------------------------------------------------------------
    def _oci_check_approver(self):
        """Raise AccessError unless the current user decides on this order:
        one of its approvers (portal) or shop staff in sales."""
        self.ensure_one()
        user = self.env.user
        if not user.share and user.has_group("sales_team.group_sale_salesman"):
            return
        order = self.sudo()
        if (
            not order.exists()
            or user.partner_id not in order.oci_approver_partner_ids
            or user.partner_id.commercial_partner_id != order.partner_id.commercial_partner_id
        ):
            raise AccessError(self.env._("You may not decide on this order."))

    def _oci_lock_waiting(self):
        """Lock this order's row and check it still waits (two approvers
        deciding at once: the second one is told)."""
        self.env.cr.execute(
            SQL("SELECT id FROM sale_order WHERE id = %s FOR NO KEY UPDATE", self.id)
        )
        self.invalidate_recordset(["oci_approval_state", "state"])
        if self.oci_approval_state != "waiting" or self.state not in ("draft", "sent"):
            raise UserError(self.env._("This order is no longer waiting for approval."))

    def _oci_approve(self):
        """Approve: the order is confirmed as the checkout would have done
        (confirmation e-mail to the orderer)."""
        self.ensure_one()
        self._oci_check_approver()
        order = self.sudo()
        with self.env.cr.savepoint():
            order._oci_lock_waiting()
            order._oci_decide_approved()
        return True

    def action_oci_approve(self):
        """Backend button: shop staff approve a waiting order for the
        customer (to refuse it, "Reject over budget" asks for the reason:
        wizard/oci_approval_reject_wizard.py)."""
        for order in self:
            order._oci_approve()
        return True

    def _oci_decide_approved(self):
        self.write(
            {
                "oci_approval_state": "approved",
                "oci_approval_user_id": self.env.user.id,
                "oci_approval_date": fields.Datetime.now(),
            }
        )
        self._validate_order()
        self._oci_tell_orderer(approved=True)

    def _oci_reject(self, reason):
        """Reject with a reason: the order is cancelled, the reason in its
        chatter and in the message to the orderer."""
        self.ensure_one()
        self._oci_check_approver()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give a reason for the rejection."))
        order = self.sudo()
        with self.env.cr.savepoint():
            order._oci_lock_waiting()
            order._oci_decide_rejected(reason)
        return True

    def _oci_decide_rejected(self, reason):
        self.write(
            {
                "oci_approval_state": "rejected",
                "oci_approval_user_id": self.env.user.id,
                "oci_approval_date": fields.Datetime.now(),
                "oci_approval_reason": reason,
            }
        )
        self._action_cancel()
        self._oci_tell_orderer(approved=False)

    def _oci_tell_orderer(self, approved):
        """Message to the orderer (e-mail through the chatter), in their
        language."""
        self.ensure_one()
        orderer = self.partner_id
        order = self.with_context(lang=orderer.lang or self.env.lang)
        decider = self.oci_approval_user_id.partner_id.name or ""
        if approved:
            body = order.env._(
                "Your order %(order)s over budget was approved by %(name)s and is now placed.",
                order=self.name,
                name=decider,
            )
        else:
            body = order.env._(
                "Your order %(order)s over budget was rejected by %(name)s: %(reason)s",
                order=self.name,
                name=decider,
                reason=self.oci_approval_reason,
            )
        self.message_post(
            body=body,
            partner_ids=orderer.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------
    def _oci_has_approvals(self):
        """Whether the current user approves (or approved) any order."""
        return bool(
            self.sudo().search_count(
                [("oci_approver_partner_ids", "in", self.env.user.partner_id.ids)], limit=1
            )
        )

    def _oci_approvals_of_user(self, waiting_only=False):
        """The orders the current (portal) user is an approver of, newest
        first."""
        partner = self.env.user.partner_id
        domain = [
            ("oci_approver_partner_ids", "in", partner.ids),
            ("oci_approval_state", "!=", False),
            ("partner_id", "child_of", partner.commercial_partner_id.id),
        ]
        if waiting_only:
            domain.append(("oci_approval_state", "=", "waiting"))
        return self.sudo().search(domain, order="oci_approval_requested_at desc, id desc")
