# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountEdiXmlCii(models.AbstractModel):
    """Factur-X / CII (always embedded in the PDF): the same PO number and
    buyer reference as the UBL. Where we have none, Odoo's own values stay."""

    _inherit = "account.edi.xml.cii"

    def _export_invoice_vals(self, invoice):
        # EXTENDS account.edi.xml.cii
        vals = super()._export_invoice_vals(invoice)
        refs = invoice._oci_ubl_references()
        if refs["order_reference"]:
            vals["purchase_order_reference"] = refs["order_reference"]
        if refs["buyer_reference"]:
            vals["buyer_reference"] = refs["buyer_reference"]
        return vals
