# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _oci_invoice_group_key(self):
        """Orders with the same key go on one invoice. Always a string (the
        keys are sorted). The PO number is always part of it: UBL allows one
        PO per invoice (EN 16931 BT-13), so two POs are never mixed."""
        self.ensure_one()
        commercial = self.partner_id.commercial_partner_id
        po_number = self.client_order_ref or ""
        if commercial.oci_invoice_policy == "collective":
            return f"C{commercial.id}|{po_number}"
        return f"B{self.partner_invoice_id.id}|{self.partner_shipping_id.id}|{po_number}"

    def _prepare_invoice(self):
        # EXTENDS sale
        vals = super()._prepare_invoice()
        if self.env.context.get("oci_einvoice_skip"):
            return vals
        commercial = self.partner_id.commercial_partner_id
        collective = commercial.oci_invoice_policy == "collective"
        vals.update(
            {
                "oci_group_key": self._oci_invoice_group_key(),
                "oci_po_number": self.client_order_ref or False,
                "oci_cost_center": self.oci_cost_center or False,
                "oci_buyer_reference": (
                    commercial._oci_default_buyer_reference()
                    if collective
                    else self.partner_shipping_id._oci_default_buyer_reference()
                    or self.partner_invoice_id._oci_default_buyer_reference()
                ),
                "oci_branch_id": False if collective else self.partner_shipping_id.id,
            }
        )
        if collective:
            invoice_partner = self.partner_id._oci_collective_invoice_partner()
            vals["partner_id"] = invoice_partner.id
            vals["partner_shipping_id"] = invoice_partner.id
        return vals

    def _get_invoice_grouping_keys(self):
        # EXTENDS sale
        keys = super()._get_invoice_grouping_keys()
        if self.env.context.get("oci_einvoice_skip"):
            return keys
        return keys + ["oci_group_key"]

    def _create_invoices(self, grouped=False, final=False, date=None):
        # EXTENDS sale
        moves = super()._create_invoices(grouped=grouped, final=final, date=date)
        if not self.env.context.get("oci_einvoice_skip"):
            moves._oci_settle_header_cost_center()
        return moves
