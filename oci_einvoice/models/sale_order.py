# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

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
                # Collective: settled in _create_account_invoices once grouped.
                "oci_branch_id": self.partner_shipping_id.id,
            }
        )
        if collective:
            # Sent to the collective invoice address; the delivery address
            # stays the branch the goods went to.
            vals["partner_id"] = self.partner_id._oci_collective_invoice_partner().id
        return vals

    def _get_invoice_grouping_keys(self):
        # EXTENDS sale
        return super()._get_invoice_grouping_keys() + ["oci_group_key"]

    def _create_account_invoices(self, invoice_vals_list, final):
        # EXTENDS sale: grouped values hold the first order's delivery address.
        for invoice_vals in invoice_vals_list:
            self._oci_settle_delivery_address(invoice_vals)
        return super()._create_account_invoices(invoice_vals_list, final)

    def _oci_settle_delivery_address(self, invoice_vals):
        """An invoice covering one branch is that branch's (delivery address
        and branch); one covering several has no single branch and is
        delivered "to the customer" (its invoice address): the UBL then
        writes no street address (see account.edi.xml.ubl_21)."""
        if not str(invoice_vals.get("oci_group_key") or "").startswith("C"):
            return
        branch_ids = {
            command[2].get("oci_branch_id")
            for command in invoice_vals.get("invoice_line_ids", [])
            if len(command) > 2 and isinstance(command[2], dict) and command[2].get("oci_branch_id")
        }
        if len(branch_ids) == 1:
            branch_id = branch_ids.pop()
            invoice_vals.update({"partner_shipping_id": branch_id, "oci_branch_id": branch_id})
        else:
            invoice_vals.update(
                {"partner_shipping_id": invoice_vals["partner_id"], "oci_branch_id": False}
            )

    def _create_invoices(self, grouped=False, final=False, date=None):
        # EXTENDS sale
        moves = super()._create_invoices(grouped=grouped, final=final, date=date)
        moves._oci_settle_header_cost_center()
        return moves
