# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Recipients: delivery windows of branches and one-off recipients kept on an
order without becoming a branch."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import cxml_poom, delivery_dates
from .delivery_rules import float_to_time

# What a buyer may give for a one-off recipient in the cart.
ONE_OFF_FIELDS = ("name", "street", "zip", "city", "country_id", "phone")
ONE_OFF_MAX = 200
NOTE_MAX = 500


class ResPartner(models.Model):
    _inherit = "res.partner"

    oci_one_off = fields.Boolean(
        "One-off recipient",
        copy=False,
        index=True,
        help="An address given for one order only: not offered as a branch. "
        "Use 'Make it a branch' to keep it.",
    )
    oci_delivery_weekday_ids = fields.Many2many(
        "oci.delivery.weekday",
        "res_partner_oci_delivery_weekday_rel",
        string="Accepts deliveries on",
        help="Weekdays on which this branch accepts deliveries; empty: every delivery day.",
    )
    oci_delivery_time_from = fields.Float("Deliveries from")
    oci_delivery_time_to = fields.Float("Deliveries until")

    @api.constrains("oci_delivery_time_from", "oci_delivery_time_to")
    def _check_oci_delivery_times(self):
        for partner in self:
            start, end = partner.oci_delivery_time_from, partner.oci_delivery_time_to
            if not (0.0 <= start < 24.0 and 0.0 <= end < 24.0) or (start and end and start >= end):
                raise ValidationError(self.env._("The delivery window must end after it starts."))

    def _oci_delivery_window(self):
        """The :class:`DeliveryWindow` of this recipient, or None (no window)."""
        self.ensure_one()
        partner = self.sudo()
        if not (
            partner.oci_delivery_weekday_ids
            or partner.oci_delivery_time_from
            or partner.oci_delivery_time_to
        ):
            return None
        codes = self.env["oci.delivery.weekday"]._oci_codes(partner.oci_delivery_weekday_ids)
        return delivery_dates.DeliveryWindow(
            weekdays=codes or delivery_dates.WEEKDAYS,
            time_from=float_to_time(partner.oci_delivery_time_from)
            if partner.oci_delivery_time_from
            else None,
            time_to=float_to_time(partner.oci_delivery_time_to)
            if partner.oci_delivery_time_to
            else None,
        )

    def _oci_recipient_address(self):
        """One line: name, street, zip city, country."""
        self.ensure_one()
        partner = self.sudo()
        place = " ".join(part for part in (partner.zip, partner.city) if part)
        parts = (partner.name, partner.street, place, partner.country_id.name)
        return ", ".join(part for part in parts if part)

    def _oci_cxml_address(self):
        """This recipient as a cXML ShipTo address (branch code as addressID,
        the courier note as shipping instructions), or None when its address
        is not complete enough for one (name, street, city, country)."""
        self.ensure_one()
        partner = self.sudo()
        country = (
            partner.country_id
            or partner.commercial_partner_id.country_id
            or self.env.company.country_id
        )
        try:
            return cxml_poom.ship_to_address(
                {
                    "address_id": "" if partner.oci_one_off else (partner.ref or ""),
                    "name": partner.name or "",
                    "street": (partner.street or "", partner.street2 or ""),
                    "city": partner.city or "",
                    "postal_code": partner.zip or "",
                    "country_code": country.code or "",
                    "instructions": partner.oci_delivery_instructions or "",
                }
            )
        except ValueError:
            return None

    def _oci_matches_ship_to(self, ship_to):
        """Whether a PO's ship-to (dict: address_id, name, street, zip) names
        this recipient: its branch code, its name, or its street and zip."""
        self.ensure_one()
        partner = self.sudo()

        def same(a, b):
            return (
                bool(a and b) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
            )

        if ship_to.get("address_id") and not partner.oci_one_off and partner.ref:
            return same(ship_to["address_id"], partner.ref)
        zip_code = (ship_to.get("zip") or "").replace(" ", "")
        return same(ship_to.get("name"), partner.name) or (
            same(ship_to.get("street"), partner.street)
            and same(zip_code, (partner.zip or "").replace(" ", ""))
        )

    # EXTENDS res_partner (business accounts): one-offs are no branches
    @api.model
    def _oci_admin_branches(self):
        return super()._oci_admin_branches().filtered(lambda partner: not partner.oci_one_off)

    @api.model
    def _oci_admin_one_off_recipients(self):
        """One-off recipients of the administrator's company."""
        company = self._oci_admin_company()
        return self.search(
            [
                ("parent_id", "=", company.id),
                ("oci_one_off", "=", True),
                ("is_company", "=", False),
            ],
            order="name, id",
        )

    def action_oci_make_branch(self):
        """Keep a one-off recipient as a branch of its customer."""
        self.filtered("oci_one_off").write({"oci_one_off": False})
        return True

    def _oci_admin_make_branch(self):
        """The customer administrator keeps a one-off recipient as branch."""
        self._oci_admin_check_own("branch")
        if not all(self.mapped("oci_one_off")):
            raise UserError(self.env._("This is not a one-off recipient."))
        self.sudo().action_oci_make_branch()

    @api.model
    def _oci_clean_one_off_vals(self, vals, countries=None):
        """The values of a one-off recipient typed in the cart, checked;
        ``countries``: those the shop delivers to (None: any)."""
        clean = {}
        for name in ONE_OFF_FIELDS:
            value = vals.get(name)
            if name == "country_id":
                if value:
                    value = str(value)
                    country_id = int(value) if value.isdecimal() and len(value) < 10 else 0
                    country = self.env["res.country"].browse(country_id).exists()
                    if not country:
                        raise UserError(self.env._("Unknown country."))
                    if countries is not None and country not in countries:
                        raise UserError(
                            self.env._("The shop does not deliver to %s.", country.name)
                        )
                    clean[name] = country.id
                elif countries is not None and len(countries) == 1:
                    clean[name] = countries.id
                continue
            value = (value or "").strip()
            if "\x00" in value or len(value) > ONE_OFF_MAX:
                raise UserError(self.env._("The recipient's address is too long or not text."))
            if value:
                clean[name] = value
        note = (vals.get("note") or "").replace("\r\n", "\n").strip()
        if "\x00" in note or len(note) > NOTE_MAX:
            raise UserError(
                self.env._("A note for the courier has at most %s characters.", NOTE_MAX)
            )
        if note:
            clean["oci_delivery_instructions"] = note
        for required in ("name", "street", "city"):
            if not clean.get(required):
                raise UserError(self.env._("A recipient needs a name, a street and a city."))
        return clean
