# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Orderer provisioning of a punchout connection: which contact (and portal
user) a login is for, found or created under the customer."""

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, email_normalize

from ..exceptions import OciLoginRefused


class OciConnection(models.Model):
    _inherit = "oci.connection"

    # --- Orderer ---------------------------------------------------------
    orderer_mode = fields.Selection(
        [
            ("fixed", "One fixed orderer"),
            ("param", "Orderer from a login parameter"),
        ],
        required=True,
        default="fixed",
    )
    orderer_id = fields.Many2one(
        "res.partner",
        string="Fixed orderer",
        domain="[('commercial_partner_id', '=', partner_id), ('is_company', '=', False)]",
        help="Contact of the customer logged in for every punchout (fixed mode), "
        "or when the login parameter names nobody (parameter mode).",
    )
    orderer_param = fields.Char(
        "Orderer parameter",
        default="email",
        help="Login parameter naming the orderer, e.g. email or userid.",
    )
    orderer_match = fields.Selection(
        [("email", "E-mail"), ("ref", "Contact reference")],
        string="Match orderer on",
        default="email",
    )
    orderer_auto_create = fields.Boolean(
        "Create unknown orderers",
        help="Create a contact and portal user under the customer for an unknown "
        "orderer (needs an e-mail address).",
    )

    @api.constrains("partner_id", "orderer_id")
    def _check_orderer(self):
        for connection in self:
            orderer = connection.orderer_id
            if orderer and orderer.commercial_partner_id != connection.partner_id:
                raise ValidationError(
                    self.env._(
                        "The orderer %(orderer)s does not belong to %(customer)s.",
                        orderer=orderer.display_name,
                        customer=connection.partner_id.display_name,
                    )
                )

    def _find_orderer(self, params):
        """The orderer contact (with a portal user) for this login."""
        self.ensure_one()
        customer = self.partner_id
        orderer = self.env["res.partner"]
        if self.orderer_mode == "param":
            value = (params.get(self.orderer_param or "") or "").strip()
            if value:
                orderer = self._search_orderer(value)
                if not orderer and self.orderer_auto_create:
                    self._lock_orderer_creation()
                    orderer = self._create_orderer(value, params)
        if not orderer:
            orderer = self.orderer_id
        if not orderer:
            raise OciLoginRefused(self.env._("No orderer is configured for this connection."), 403)
        if orderer.commercial_partner_id != customer:
            raise OciLoginRefused(self.env._("The orderer is not of this customer."), 403)
        user = orderer.with_context(active_test=False).user_ids[:1]
        if not user:
            self._lock_orderer_creation()
            user = self._create_portal_user(orderer)
        if not user.active or not user._is_portal():
            raise OciLoginRefused(
                self.env._("The orderer's account is disabled or is not a portal account."),
                403,
            )
        return orderer, user

    def _lock_orderer_creation(self):
        """Serialize the creation of orderers and their users on this
        connection. Concurrent first logins of one orderer would each create a
        contact and a portal user (res.users' unique login does not hold
        with website_id NULL). The UPDATE locks the connection row: a login
        that decided to create waits for the one creating; once that one
        commits, the waiter's REPEATABLE READ snapshot fails to update the
        row (serialization failure) and Odoo retries its request, which then
        finds the orderer."""
        self.ensure_one()
        self.env.cr.execute(
            SQL("UPDATE oci_connection SET write_date = write_date WHERE id = %s", self.id)
        )

    def _search_orderer(self, value):
        domain = [
            ("commercial_partner_id", "=", self.partner_id.id),
            ("is_company", "=", False),
        ]
        if self.orderer_match == "email":
            email = email_normalize(value)
            if not email:
                return self.env["res.partner"]
            domain.append(("email_normalized", "=", email))
        else:
            domain.append(("ref", "=", value))
        return self.env["res.partner"].search(domain, limit=1)

    def _create_orderer(self, value, params):
        email = email_normalize(params.get("email") or value)
        if not email:
            return self.env["res.partner"]
        name = " ".join(part for part in (params.get("fname"), params.get("lname")) if part)
        return self.env["res.partner"].create(
            {
                "name": (name or email)[:128],
                "email": email,
                "ref": value if self.orderer_match == "ref" else False,
                "parent_id": self.partner_id.id,
                "type": "contact",
            }
        )

    def _create_portal_user(self, orderer):
        login = orderer.email_normalized or f"oci-{self.code}-{orderer.id}"
        taken = (
            self.env["res.users"]
            .with_context(active_test=False)
            .search_count([("login", "=", login)], limit=1)
        )
        if taken:
            raise OciLoginRefused(
                self.env._("This orderer's e-mail address already belongs to another account."),
                403,
            )
        return (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": login,
                    "partner_id": orderer.id,
                    "company_id": self.company_id.id,
                    "company_ids": [Command.set(self.company_id.ids)],
                    "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
                }
            )
        )
