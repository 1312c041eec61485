# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Business accounts: the customer company, its orderers (contacts who
order) and branches (delivery and invoice addresses), its punchout
connections. Assortment, budgets and the portal administration are in the
res_partner_*.py files next to this one; the invoicing settings (cost
center, buyer reference, invoice policy) belong to oci_einvoice."""

from odoo import api, fields, models

from ..const import BRANCH_TYPES


class ResPartner(models.Model):
    _inherit = "res.partner"

    oci_connection_ids = fields.One2many(
        "oci.connection", "partner_id", string="Punchout connections"
    )
    oci_connection_count = fields.Integer(compute="_compute_oci_connection_count")
    # --- Business account: orderers and branches -------------------------
    oci_is_customer_admin = fields.Boolean(
        "Customer administrator",
        copy=False,
        help="This orderer manages the orderers and branches of their company "
        "in the portal (My account).",
    )
    oci_delivery_instructions = fields.Text(
        "Delivery instructions",
        help="Shown to the driver on the delivery slip of orders delivered here.",
    )
    oci_branch_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Branches",
        domain=[("type", "in", BRANCH_TYPES), ("is_company", "=", False)],
    )
    oci_orderer_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Orderers",
        domain=[("type", "=", "contact"), ("is_company", "=", False)],
    )
    oci_has_portal_access = fields.Boolean("Can order", compute="_compute_oci_has_portal_access")

    def _compute_oci_connection_count(self):
        data = self.env["oci.connection"]._read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
        )
        counts = {partner.id: count for partner, count in data}
        for partner in self:
            partner.oci_connection_count = counts.get(partner.id, 0)

    def action_view_oci_connections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oci_punchout.oci_connection_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.depends("user_ids.active")
    def _compute_oci_has_portal_access(self):
        users = (
            self.env["res.users"]
            .sudo()
            .search([("partner_id", "in", self.ids), ("share", "=", True)])
        )
        with_access = set(users.partner_id.ids)
        for partner in self:
            partner.oci_has_portal_access = partner.id in with_access
