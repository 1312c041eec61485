# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who approves the over-budget orders a business customer's orderers place
directly in the shop: the approver named on the delivery branch, else the
customer's administrators."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    oci_approver_id = fields.Many2one(
        "res.partner",
        string="Approver",
        domain="[('parent_id', '=', parent_id), ('type', '=', 'contact'), "
        "('is_company', '=', False)]",
        help="Approves the shop orders over budget delivered to this branch. "
        "Empty: the customer administrators.",
    )

    @api.constrains("oci_approver_id", "parent_id")
    def _check_oci_approver(self):
        for partner in self.filtered("oci_approver_id"):
            approver = partner.oci_approver_id
            if (
                approver.is_company
                or approver.commercial_partner_id != partner.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._("The approver must be an orderer of the same customer.")
                )

    def _oci_default_approvers(self, orderer=None):
        """The customer administrators (with a portal account) of the
        customer company ``self``; the orderer of the order only when no
        other administrator exists."""
        self.ensure_one()
        admins = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("parent_id", "=", self.id),
                    ("type", "=", "contact"),
                    ("oci_is_customer_admin", "=", True),
                    ("user_ids.share", "=", True),
                ],
                order="name, id",
            )
        )
        others = admins - orderer if orderer else admins
        return others or admins

    # EXTENDS res_partner_admin: the customer administrator names a
    # branch's approver in the portal
    @api.model
    def _oci_clean_admin_vals(self, vals, kind):
        clean = super()._oci_clean_admin_vals(vals, kind)
        if "oci_approver_id" in clean:
            clean["oci_approver_id"] = (
                self._oci_clean_approver(vals["oci_approver_id"]) if kind == "branch" else False
            )
            if kind != "branch":
                del clean["oci_approver_id"]
        return clean

    @api.model
    def _oci_clean_approver(self, value):
        """The id of one of the administrator's orderers, or False."""
        value = str(value or "").strip()
        if not value:
            return False
        orderers = self._oci_admin_orderers()
        if not value.isdecimal() or int(value) not in orderers.ids:
            raise UserError(self.env._("The approver must be one of your orderers."))
        return int(value)
