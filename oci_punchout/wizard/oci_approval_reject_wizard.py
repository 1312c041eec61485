# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OciApprovalRejectWizard(models.TransientModel):
    """Shop staff reject an order waiting for the customer's budget approval,
    with a reason, as the customer's approver does on the portal: the same
    model method cancels the order, notes the reason and tells the orderer
    in their language."""

    _name = "oci.approval.reject.wizard"
    _description = "Reject an order over budget"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    reason = fields.Text(
        "Reason for rejection",
        required=True,
        help="Noted on the order and sent to the orderer.",
    )

    def action_reject(self):
        self.ensure_one()
        self.order_id._oci_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
