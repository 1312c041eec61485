# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer administrators (portal users) manage the orderers and branches
of their own company in the portal: the narrow set of fields they may write,
the checks, and the invitations through Odoo's portal wizard."""

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize

from ..const import BRANCH_TYPES, PORTAL_ADMIN_FIELDS

# What a customer administrator's portal form may set, per kind of contact
# (the portal routes read these fields from the form).
ORDERER_FIELDS = (
    "name",
    "email",
    "phone",
    "function",
    "oci_cost_center",
    "oci_budget_amount",
    "oci_budget_period",
)
BRANCH_FIELDS = (
    "name",
    "type",
    "street",
    "street2",
    "zip",
    "city",
    "country_id",
    "phone",
    "oci_delivery_instructions",
    "oci_cost_center",
    "oci_budget_amount",
    "oci_budget_period",
    "oci_approver_id",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # CRUD: customer administrators write a narrow set of fields only
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._oci_check_portal_admin_fields(vals)
        partners = super().create(vals_list)
        partners.filtered("oci_is_customer_admin")._oci_sync_admin_group()
        return partners

    def write(self, vals):
        self._oci_check_portal_admin_fields(vals, moving="parent_id" in vals)
        res = super().write(vals)
        if "oci_is_customer_admin" in vals:
            self._oci_sync_admin_group()
        return res

    def _oci_check_portal_admin_fields(self, vals, moving=False):
        """A portal user writing partners (a customer administrator) may only
        touch contact data; never move a partner to another company."""
        if self.env.su or not self.env.user.share:
            return
        forbidden = set(vals) - PORTAL_ADMIN_FIELDS
        if moving:
            forbidden.add("parent_id")
        if forbidden:
            raise AccessError(
                self.env._(
                    "You may not change these fields: %s",
                    ", ".join(sorted(forbidden)),
                )
            )

    def _oci_sync_admin_group(self):
        """Give the users of customer administrators the administrator group
        (which carries the record rules), take it from the others."""
        group = self.env.ref("oci_punchout.group_oci_customer_admin")
        users = self.sudo().with_context(active_test=False).user_ids.filtered("share")
        for user in users:
            wanted = user.partner_id.oci_is_customer_admin
            if wanted != (group in user.groups_id):
                user.write({"groups_id": [(4 if wanted else 3, group.id)]})

    # ------------------------------------------------------------------
    # Customer administrator actions (portal "My account")
    # ------------------------------------------------------------------
    def _oci_admin_company(self):
        """The customer company the current user administers, or raise."""
        user = self.env.user
        if not user.has_group("oci_punchout.group_oci_customer_admin"):
            raise AccessError(self.env._("Only a customer administrator may do this."))
        return user.partner_id.commercial_partner_id

    @api.model
    def _oci_admin_orderers(self):
        company = self._oci_admin_company()
        return self.search(
            [("parent_id", "=", company.id), ("type", "=", "contact"), ("is_company", "=", False)],
            order="name, id",
        )

    @api.model
    def _oci_admin_branches(self):
        company = self._oci_admin_company()
        return self.search(
            [
                ("parent_id", "=", company.id),
                ("type", "in", BRANCH_TYPES),
                ("is_company", "=", False),
            ],
            order="name, id",
        )

    def _oci_admin_check_own(self, kind):
        """Raise unless ``self`` is an orderer (``kind`` 'orderer') or branch
        of the administrator's company that they may write (record rules)."""
        company = self._oci_admin_company()
        self.check_access("write")
        types = ("contact",) if kind == "orderer" else BRANCH_TYPES
        for partner in self:
            if partner.parent_id != company or partner.type not in types:
                raise AccessError(
                    self.env._("This is not one of your orderers.")
                    if kind == "orderer"
                    else self.env._("This is not one of your branches.")
                )
            # A contact with a backend (internal) account is managed by the
            # shop only: changing it here could hand that account over.
            if (
                partner.sudo()
                .with_context(active_test=False)
                .user_ids.filtered(lambda user: not user.share)
            ):
                raise AccessError(
                    self.env._("This contact has a shop staff account and is managed by the shop.")
                )

    @api.model
    def _oci_admin_invite_orderer(self, vals):
        """Create an orderer of the administrator's company and invite them
        (portal user through Odoo's portal wizard, invitation e-mail).
        All or nothing."""
        company = self._oci_admin_company()
        vals = self._oci_clean_admin_vals(vals, "orderer")
        if not vals.get("name") or not vals.get("email"):
            raise UserError(self.env._("An orderer needs a name and an e-mail address."))
        with self.env.cr.savepoint():
            orderer = self._oci_admin_create(dict(vals, parent_id=company.id, type="contact"))
            orderer._oci_grant_portal()
        return orderer

    def _oci_admin_update_orderer(self, vals):
        self._oci_admin_check_own("orderer")
        vals = self._oci_clean_admin_vals(vals, "orderer")
        if "email" in vals:
            for partner in self:
                has_account = partner.sudo().with_context(active_test=False).user_ids
                if has_account and email_normalize(vals["email"] or "") != partner.email_normalized:
                    # Password resets go to this address: it may not be
                    # redirected by someone else than the account holder.
                    raise UserError(
                        self.env._(
                            "%s already has an account: only they can change its e-mail "
                            "address. Invite a new orderer instead.",
                            partner.name,
                        )
                    )
        self._oci_admin_write(vals)

    def _oci_admin_write(self, vals):
        """Write checked partners for the administrator: the record rules
        were checked by _oci_admin_check_own; the write itself runs as
        superuser because address changes touch models portal users cannot
        read (snailmail letters, VAT checks)."""
        self._oci_check_portal_admin_fields(vals)
        self.sudo().write(vals)

    def _oci_admin_set_orderer_active(self, active):
        """Deactivate (revoke portal access) or reactivate an orderer."""
        self.ensure_one()
        self._oci_admin_check_own("orderer")
        if self == self.env.user.partner_id:
            raise UserError(self.env._("You cannot deactivate yourself."))
        if active:
            self._oci_grant_portal()
        else:
            self._oci_revoke_portal()

    @api.model
    def _oci_admin_create_branch(self, vals):
        company = self._oci_admin_company()
        vals = self._oci_clean_admin_vals(vals, "branch")
        if not vals.get("name"):
            raise UserError(self.env._("A branch needs a name."))
        vals.setdefault("type", "delivery")
        with self.env.cr.savepoint():
            return self._oci_admin_create(dict(vals, parent_id=company.id))

    @api.model
    def _oci_admin_create(self, vals):
        """Create a partner for the administrator. Creating partners needs
        defaults portal users cannot read (account's invoice report), so the
        record is created as superuser with the cleaned values, then checked
        against the administrator's own record rules (caller's savepoint
        undoes it when refused)."""
        self._oci_check_portal_admin_fields(vals)
        partner = self.sudo().create(vals)
        partner = partner.with_env(self.env)
        partner.check_access("write")
        return partner

    def _oci_admin_update_branch(self, vals):
        self._oci_admin_check_own("branch")
        self._oci_admin_write(self._oci_clean_admin_vals(vals, "branch"))

    @api.model
    def _oci_clean_admin_vals(self, vals, kind):
        """Keep the fields a portal form may set, typed and checked."""
        allowed = ORDERER_FIELDS if kind == "orderer" else BRANCH_FIELDS
        clean = {}
        for key in allowed:
            if key not in vals:
                continue
            value = vals[key]
            if isinstance(value, str):
                value = value.strip()
            if key == "oci_budget_amount":
                try:
                    value = float(value or 0.0)
                except ValueError as exc:
                    raise UserError(self.env._("The budget must be an amount.")) from exc
                if value < 0:
                    raise UserError(self.env._("The budget cannot be negative."))
            elif key == "oci_budget_period":
                value = value if value in ("month", "quarter") else "month"
            elif key == "type":
                value = value if value in ("delivery", "invoice") else "delivery"
            elif key == "country_id":
                value = int(value) if str(value or "").isdecimal() else False
            elif key == "email" and value:
                if not email_normalize(value):
                    raise UserError(self.env._("This e-mail address is not valid."))
            clean[key] = value or False
        if "oci_budget_amount" in clean and not clean["oci_budget_amount"]:
            clean["oci_budget_amount"] = 0.0
        return clean

    def _oci_portal_wizard_user(self):
        """A portal.wizard.user line for this partner (sudo: the caller has
        authorized the partner; the wizard itself is staff-only)."""
        self.ensure_one()
        wizard = self.env["portal.wizard"].sudo().create({"partner_ids": [(6, 0, self.ids)]})
        return wizard.user_ids.filtered(lambda line: line.partner_id == self)

    def _oci_grant_portal(self):
        line = self._oci_portal_wizard_user()
        if not line.is_portal:
            line.action_grant_access()
        elif not line.user_id.active:
            line.user_id.sudo().active = True
            line.action_invite_again()
        self._oci_sync_admin_group()

    def _oci_revoke_portal(self):
        line = self._oci_portal_wizard_user()
        if line.is_portal:
            line.action_revoke_access()
