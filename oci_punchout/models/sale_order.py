# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    oci_session_id = fields.Many2one(
        "oci.session", string="Punchout session", copy=False, index=True, readonly=True
    )
    oci_connection_id = fields.Many2one(
        "oci.connection",
        string="Punchout connection",
        copy=False,
        index=True,
        readonly=True,
    )
    oci_transfer_state = fields.Selection(
        [
            ("cart", "In punchout cart"),
            ("transferred", "Transferred to procurement"),
            ("ordered", "Ordered by PO"),
            ("cancelled", "Cancelled"),
        ],
        string="Punchout status",
        copy=False,
        index=True,
        readonly=True,
        tracking=True,
    )
    oci_transferred_at = fields.Datetime("Transferred on", copy=False, readonly=True)
    oci_cost_center = fields.Char(
        "Cost center",
        compute="_compute_oci_cost_center",
        store=True,
        readonly=False,
        precompute=True,
        help="The customer's cost center: from the delivery branch, else the "
        "orderer, else the customer. Goes on the invoice.",
    )

    @api.depends("partner_shipping_id", "partner_id")
    def _compute_oci_cost_center(self):
        for order in self:
            order.oci_cost_center = (
                order.partner_shipping_id._oci_default_cost_center()
                if order.partner_shipping_id
                else False
            ) or (order.partner_id._oci_default_cost_center() if order.partner_id else False)

    def _oci_link_session(self, session):
        """Make this website cart the cart of a punchout session."""
        self.ensure_one()
        self.write(
            {
                "oci_session_id": session.id,
                "oci_connection_id": session.connection_id.id,
                "oci_transfer_state": "cart",
            }
        )
        session.order_id = self

    def _oci_check_transfer(self):
        """Hook: raise a UserError when this cart may not be transferred."""
        self.ensure_one()

    def _oci_item_rows(self, connection):
        """NEW_ITEM values of this cart, one dict per product line, in a fixed
        number of queries whatever the number of lines."""
        self.ensure_one()
        lines = self.order_line.filtered(lambda line: not line.display_type and line.product_id)
        # Prefetch in bulk what the rows read.
        lines.product_id.product_tmpl_id.categ_id.mapped("oci_customer_code")
        return connection._oci_items(
            [
                {
                    "product": line.product_id,
                    "quantity": line.product_uom_qty,
                    "price": line.price_reduce_taxexcl,
                    "currency": self.currency_id,
                    "uom": line.product_uom,
                    "quote_id": self.name,
                    "quote_item": str(line.id),
                    "longtext": line._oci_longtext(),
                }
                for line in lines
            ]
        )

    def _oci_mark_transferred(self):
        drafts = self.filtered(lambda order: order.state == "draft")
        drafts.action_quotation_sent()
        self.write(
            {
                "oci_transfer_state": "transferred",
                "oci_transferred_at": fields.Datetime.now(),
            }
        )

    # ------------------------------------------------------------------
    # Purchase order intake
    # ------------------------------------------------------------------
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
        pending = self.oci_po_ids.filtered(lambda po: po.state == "review")[:1]
        if not pending:
            raise UserError(self.env._("No purchase order of %s is waiting for review.", self.name))
        return pending

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
            order = self.env["oci.purchase.order"]._po_receive_ubl_attachment(attachment)
            if order is None:
                others.append(attachment.id)
            else:
                orders |= order
        if others:
            orders |= super()._create_order_from_attachment(others)
        return orders

    # ------------------------------------------------------------------
    # Purchase order intake
    # ------------------------------------------------------------------
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
            order = self.env["oci.purchase.order"]._po_receive_ubl_attachment(attachment)
            if order is None:
                others.append(attachment.id)
            else:
                orders |= order
        if others:
            orders |= super()._create_order_from_attachment(others)
        return orders
