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
