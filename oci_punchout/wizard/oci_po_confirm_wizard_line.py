# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OciPoConfirmWizardLine(models.TransientModel):
    _name = "oci.po.confirm.wizard.line"
    _description = "PO line entered by hand"

    wizard_id = fields.Many2one("oci.po.confirm.wizard", required=True, ondelete="cascade")
    po_line_ref = fields.Char("PO line")
    product_id = fields.Many2one("product.product", required=True)
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit of Measure")
    price_unit = fields.Float("Unit price", digits="Product Price", help="Empty: not checked.")
