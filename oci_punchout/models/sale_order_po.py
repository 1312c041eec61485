# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    """The sales order's side of the PO intake: the received documents, the
    review of a held PO and the upload of UBL Orders."""

    _inherit = "sale.order"

    oci_po_review = fields.Boolean(
        "PO to review",
        copy=False,
        index=True,
        readonly=True,
        tracking=True,
        help="A purchase order arrived for this order that differs from it or "
        "matched nothing: accept or reject it.",
    )

    oci_po_differences = fields.Text("PO differences", copy=False, readonly=True)

    oci_po_ids = fields.One2many(
        "oci.purchase.order", "order_id", string="Purchase order documents", readonly=True
    )

    oci_po_count = fields.Integer("PO documents", compute="_compute_oci_po_count")

    def _compute_oci_po_count(self):
        data = self.env["oci.purchase.order"]._read_group(
            [("order_id", "in", self.ids)], ["order_id"], ["__count"]
        )
        counts = {order.id: count for order, count in data}
        for order in self:
            order.oci_po_count = counts.get(order.id, 0)

    def _oci_po_pending(self):
        self.ensure_one()
        return self.env["oci.purchase.order"]._po_pending_for(self)

    def action_oci_po_accept(self):
        self.ensure_one()
        self._oci_po_pending()._po_accept()
        return True

    def action_oci_po_reject(self):
        self.ensure_one()
        self._oci_po_pending()._po_reject()
        return True

    def action_view_oci_purchase_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oci_punchout.oci_purchase_order_action"
        )
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {}
        return action

    def action_oci_po_confirm_wizard(self):
        """Manual channel: confirm a transferred quotation with the PO the
        customer sent by e-mail or on paper."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Confirm with customer PO"),
            "res_model": "oci.po.confirm.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def _oci_po_frozen_reason(self):
        """Why a PO change or cancellation may not be applied automatically
        (a person must look at it), or False."""
        self.ensure_one()
        if self._oci_po_delivery_started():
            return self.env._("the delivery already started")
        if self.locked:
            return self.env._("the order is locked")
        if self.invoice_ids.filtered(lambda move: move.state == "posted"):
            return self.env._("it is already invoiced")
        return False

    def _oci_po_delivery_started(self):
        """Whether goods already left (a done picking or delivered quantity)."""
        self.ensure_one()
        if any(line.qty_delivered for line in self.order_line):
            return True
        return bool(
            "picking_ids" in self._fields
            and self.picking_ids.filtered(lambda picking: picking.state == "done")
        )

    @api.model
    def _create_order_from_attachment(self, attachment_ids):
        """UBL Orders of a punchout customer go through the PO intake (they
        match the transferred quotation); other files are imported as usual."""
        others = []
        orders = self.browse()
        for attachment in self.env["ir.attachment"].browse(attachment_ids):
            order = self.env["oci.po.intake"]._po_receive_ubl_attachment(attachment)
            if order is None:
                others.append(attachment.id)
            else:
                orders |= order
        if others:
            orders |= super()._create_order_from_attachment(others)
        return orders
