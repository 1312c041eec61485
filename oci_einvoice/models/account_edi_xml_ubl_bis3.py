# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountEdiXmlUblBis3(models.AbstractModel):
    """BIS 3 writes the credit note's BillingReference from ``invoice.ref``
    (for Dutch suppliers) after the UBL 2.1 step: put the original invoice
    back and stop requiring ``ref`` when it is known (NL-R-001). An
    intra-community supply's delivery date is the invoice's, not its date."""

    _inherit = "account.edi.xml.ubl_bis3"

    def _export_invoice_vals(self, invoice):
        # EXTENDS account.edi.xml.ubl_bis3
        vals = super()._export_invoice_vals(invoice)
        refs = vals["vals"].get("oci_references")
        if refs and refs["billing_reference"]:
            vals["vals"]["billing_reference_vals"] = dict(refs["billing_reference"])
        return vals

    def _get_delivery_vals_list(self, invoice):
        # EXTENDS account.edi.xml.ubl_bis3
        vals_list = super()._get_delivery_vals_list(invoice)
        if invoice.delivery_date:
            # Intra-community supply (BR-IC-11): stock Odoo writes the invoice
            # date as BT-72 even when the delivery date is known (from the
            # lines' days, see account.move._oci_settle_delivery_date).
            for vals in vals_list:
                if vals.get("actual_delivery_date"):
                    vals["actual_delivery_date"] = invoice.delivery_date
        return vals_list

    def _export_invoice_constraints(self, invoice, vals):
        # EXTENDS account.edi.xml.ubl_bis3
        constraints = super()._export_invoice_constraints(invoice, vals)
        refs = vals["vals"].get("oci_references")
        if refs and refs["billing_reference"] and constraints.get("nl_r_001"):
            constraints["nl_r_001"] = None
        return constraints
