# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountEdiXmlCii(models.AbstractModel):
    """Factur-X / CII (always embedded in the PDF): the same PO number and
    buyer reference as the UBL, never the invoice's own number."""

    _inherit = "account.edi.xml.cii"

    def _export_invoice_vals(self, invoice):
        # EXTENDS account.edi.xml.cii
        vals = super()._export_invoice_vals(invoice)
        if self.env.context.get("oci_einvoice_skip"):
            return vals
        refs = invoice._oci_ubl_references()
        vals["purchase_order_reference"] = refs["order_reference"] or ""
        vals["buyer_reference"] = refs["buyer_reference"] or ""
        return vals
