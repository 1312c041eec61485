# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One delivery (picking) per recipient and date of a sale order."""

from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _oci_split_delivery(self):
        """Whether this move's order sends lines to several recipients or dates."""
        order = self.sale_line_id.order_id
        return bool(
            order
            and (
                order.order_line.oci_recipient_id or order.order_line.filtered("oci_delivery_date")
            )
        )

    def _key_assign_picking(self):
        keys = super()._key_assign_picking()
        if self._oci_split_delivery():
            keys += (self.partner_id, self.date_deadline)
        return keys

    def _search_picking_for_assignation_domain(self):
        domain = super()._search_picking_for_assignation_domain()
        if self._oci_split_delivery():
            domain += [
                ("partner_id", "=", self.partner_id.id),
                ("date_deadline", "=", self.date_deadline),
            ]
        return domain
