# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountEdiXmlUblNl(models.AbstractModel):
    _inherit = "account.edi.xml.ubl_nl"

    def _export_invoice_vals(self, invoice):
        # EXTENDS account.edi.xml.ubl_nl
        vals = super()._export_invoice_vals(invoice)
        billing_reference = vals["vals"].get("billing_reference_vals")
        if billing_reference and billing_reference.get("issue_date"):
            # [BR-NL-24] The use of a preceding invoice issue date is not recommended.
            vals["vals"]["billing_reference_vals"] = {**billing_reference, "issue_date": None}
        return vals
