# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class OciConnectionUom(models.Model):
    """Unit code a customer's system expects for one unit of measure, when it
    differs from the UN/ECE code (SAP's internal T006 codes such as ST, or PCE
    instead of C62)."""

    _name = "oci.connection.uom"
    _description = "OCI Punchout Unit Code"
    _order = "connection_id, uom_id"

    connection_id = fields.Many2one("oci.connection", required=True, ondelete="cascade", index=True)
    uom_id = fields.Many2one("uom.uom", string="Unit of measure", required=True)
    code = fields.Char("OCI unit code", required=True, size=3)

    _sql_constraints = [
        (
            "uom_uniq",
            "unique(connection_id, uom_id)",
            "Each unit of measure can be mapped once per connection.",
        ),
    ]
