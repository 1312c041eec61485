# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recipients of a cart's deliveries: the customer's branches, the order's
delivery address and one-off recipients (no branch) the buyer adds and may
still correct while the cart is a draft."""

from odoo import models
from odoo.exceptions import MissingError, UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # --- Recipients ------------------------------------------------------
    # EXTENDS sale_order (business accounts): one-off recipients are no branches
    def _oci_branch_choices(self):
        return super()._oci_branch_choices().filtered(lambda partner: not partner.oci_one_off)

    def _oci_recipient_choices(self):
        """Who the buyer may deliver this cart's lines to: the branches, the
        current delivery address and this order's one-off recipients."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        used = (self.partner_shipping_id | self.order_line.oci_recipient_id).sudo()
        own = used.filtered(
            lambda partner: (
                partner.commercial_partner_id == customer
                and (partner.oci_one_off or partner == self.partner_shipping_id)
            )
        )
        return (self._oci_branch_choices() | own).sorted(lambda p: (p.name or "", p.id))

    def _oci_recipient(self, value, new_recipient=None):
        """The recipient chosen by ``value`` (a partner id, or 'new' for the
        one-off recipient created from ``new_recipient``)."""
        self.ensure_one()
        if value == "new":
            if new_recipient is None:
                raise UserError(self.env._("Fill in the new recipient's address."))
            return new_recipient
        partner_id = int(value) if str(value).isdecimal() else 0
        recipient = self._oci_recipient_choices().filtered(lambda p: p.id == partner_id)
        if not recipient:
            raise UserError(self.env._("This recipient is not one of your delivery addresses."))
        return recipient

    def _oci_create_one_off(self, vals):
        """A one-off recipient of this order's customer (no branch)."""
        self.ensure_one()
        Partner = self.env["res.partner"].sudo()
        countries = self._oci_delivery_website()._oci_recipient_countries()
        clean = Partner._oci_clean_one_off_vals(vals, countries=countries)
        clean.update(
            {
                "type": "delivery",
                "parent_id": self.partner_id.commercial_partner_id.id,
                "oci_one_off": True,
            }
        )
        return Partner.create(clean)

    def _oci_one_off_recipients(self):
        """The one-off recipients this cart delivers to (which the buyer may
        still correct)."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        used = (self.partner_shipping_id | self.order_line.oci_recipient_id).sudo()
        return used.filtered(
            lambda partner: partner.oci_one_off and partner.commercial_partner_id == customer
        ).sorted(lambda p: (p.name or "", p.id))

    def _oci_update_one_off(self, partner_id, vals, now=None):
        """Correct a one-off recipient of this cart (name, address, phone,
        courier note). Only one this draft order delivers to, of its customer,
        and used by no other order; MissingError otherwise (nothing said
        about whose it is). The delivery is checked again afterwards."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("This order can no longer be changed."))
        recipient = self._oci_one_off_recipients().filtered(lambda p: p.id == partner_id)
        if not recipient:
            raise MissingError(self.env._("This recipient is not one of this cart's."))
        elsewhere = (
            self.env["sale.order"]
            .sudo()
            .search_count(
                [
                    ("id", "!=", self.id),
                    "|",
                    ("partner_shipping_id", "=", recipient.id),
                    ("order_line.oci_recipient_id", "=", recipient.id),
                ],
                limit=1,
            )
        )
        if elsewhere:
            raise UserError(
                self.env._("This recipient is used by another order and cannot be changed here.")
            )
        countries = self._oci_delivery_website()._oci_recipient_countries()
        clean = recipient._oci_clean_one_off_vals(vals, countries=countries)
        # Cleared optional fields are cleared on the recipient too.
        optional = ("zip", "country_id", "phone", "oci_delivery_instructions")
        values = dict.fromkeys(optional, False)
        values.update(clean)
        with self.env.cr.savepoint():
            recipient.write(values)
            self.env.flush_all()
            self._oci_check_delivery(now=now)
        return recipient
