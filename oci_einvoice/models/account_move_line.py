# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

OCI_UBL_LINE_FIELDS = ("oci_po_line_ref", "oci_cost_center", "oci_delivery_date")


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    oci_po_line_ref = fields.Char(
        "PO line",
        help="Line number in the customer's purchase order (UBL OrderLineReference).",
    )
    oci_cost_center = fields.Char(
        "Cost center",
        help="The customer's cost center of this line (UBL line AccountingCost "
        "when it differs from the invoice's).",
    )
    oci_branch_id = fields.Many2one(
        "res.partner",
        string="Branch",
        help="Branch (delivery address) this line was ordered for.",
    )
    oci_delivery_date = fields.Date(
        "Delivery date",
        help="When the goods of this line were delivered. The invoice's delivery "
        "date is the latest; lines delivered on different days carry their own "
        "in the e-invoice (UBL line period).",
    )

    def write(self, vals):
        stale = self.env["account.move"]
        if any(fname in vals for fname in OCI_UBL_LINE_FIELDS):
            stale = self.filtered(
                lambda line: any(
                    line[f] != (vals[f] or False) for f in OCI_UBL_LINE_FIELDS if f in vals
                )
            ).move_id.filtered("ubl_cii_xml_id")
        res = super().write(vals)
        stale._oci_detach_stale_documents()
        return res
