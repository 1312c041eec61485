# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    oci_connection_ids = fields.One2many(
        "oci.connection", "partner_id", string="Punchout connections"
    )
    oci_connection_count = fields.Integer(compute="_compute_oci_connection_count")
    oci_cost_center = fields.Char(
        "Default cost center",
        help="Cost center of orders delivered to this branch or placed by this "
        "orderer; carried to the invoice (UBL AccountingCost).",
    )

    def _oci_default_cost_center(self):
        """Own cost center, else the nearest parent's."""
        self.ensure_one()
        partner = self
        while partner:
            if partner.oci_cost_center:
                return partner.oci_cost_center
            partner = partner.parent_id
        return False

    def _compute_oci_connection_count(self):
        data = self.env["oci.connection"]._read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
        )
        counts = {partner.id: count for partner, count in data}
        for partner in self:
            partner.oci_connection_count = counts.get(partner.id, 0)

    def _oci_assortment_domain(self):
        """Hook: product.product domain of what this customer may buy
        (the whole published catalog by default)."""
        return []

    def action_view_oci_connections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oci_punchout.oci_connection_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
