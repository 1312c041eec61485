# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PO intake: the requested delivery date of a PO against the quotation's
and the shop's delivery rules (issue 13)."""

from datetime import date

from odoo import models
from odoo.tools import format_date

from ..tools import delivery_dates
from .sale_order_delivery import oci_now


class OciPoMatcher(models.AbstractModel):
    _inherit = "oci.po.matcher"

    # EXTENDS oci_po_matcher
    def _po_compare(self, po, order, resolved, check_quantities=True):
        differences, pairs, unpaired, shipping = super()._po_compare(
            po, order, resolved, check_quantities=check_quantities
        )
        differences += self._po_delivery_date_differences(po, order, shipping)
        differences += self._po_line_delivery_differences(po, order, pairs)
        return differences, pairs, unpaired, shipping

    def _po_line_delivery_differences(self, po, order, pairs):
        """Lines the buyer sent to their own date or recipient in the cart:
        a PO line that requests another date, or ships to another address
        (cXML ItemOut requestedDeliveryDate / ShipTo), is a difference.
        Texts of the differences (empty: fine)."""
        po.ensure_one()
        if order.state not in ("draft", "sent") or (order.sudo().oci_po_ids - po):
            return []
        differences = []
        for line, sol in pairs:
            if not sol:
                continue
            label = self.env._(
                "Line %(ref)s (%(product)s)",
                ref=line["line_ref"],
                product=line["product"].display_name,
            )
            value = line.get("delivery_date")
            if sol.oci_delivery_date and value:
                try:
                    day = delivery_dates.parse_date(str(value)[:10])
                except ValueError:
                    day = None
                if day != sol.oci_delivery_date:
                    differences.append(
                        self.env._(
                            "%(line)s: delivery date PO %(po)s, quotation %(order)s.",
                            line=label,
                            po=format_date(self.env, day) if day else str(value)[:10],
                            order=format_date(self.env, sol.oci_delivery_date),
                        )
                    )
            ship_to = line.get("ship_to") or {}
            recipient = sol.oci_recipient_id.sudo()
            if recipient and any(ship_to.get(k) for k in ("address_id", "name", "street", "zip")):
                if not recipient._oci_matches_ship_to(ship_to):
                    differences.append(
                        self.env._(
                            "%(line)s: ship-to PO %(po)s, quotation %(order)s.",
                            line=label,
                            po=", ".join(
                                ship_to[k]
                                for k in ("address_id", "name", "street", "zip", "city")
                                if ship_to.get(k)
                            ),
                            order=recipient._oci_recipient_address(),
                        )
                    )
        return differences

    def _po_delivery_date_differences(self, po, order, shipping=None, now=None):
        """When the buyer chose a delivery date in the cart, the PO must
        request that date and the shop must still make it (cut-off,
        preparation, closed days, the recipient's window) when it arrives.
        Texts of the differences (empty: fine)."""
        po.ensure_one()
        # Only the first PO of a quotation: later versions and changes meet
        # the date an earlier PO set.
        if order.state not in ("draft", "sent") or (order.sudo().oci_po_ids - po):
            return []
        order_day = order._oci_delivery_day() if order.commitment_date else None
        line_days = order.order_line.filtered("oci_delivery_date")
        if not (order_day or line_days):
            return []
        value = (po.data or {}).get("delivery_date")
        if not value:
            return []
        try:
            day = value if type(value) is date else delivery_dates.parse_date(str(value)[:10])
        except ValueError:
            return [self.env._("The PO's delivery date is not a date.")]
        differences = []
        if order_day and day != order_day:
            differences.append(
                self.env._(
                    "Delivery date: PO %(po)s, quotation %(order)s.",
                    po=format_date(self.env, day),
                    order=format_date(self.env, order_day),
                )
            )
        rules = order._oci_delivery_rules()
        recipient = shipping or order.partner_shipping_id
        refusal = delivery_dates.check(
            rules,
            now or oci_now(),
            day,
            order._oci_preparation_days(order._oci_product_lines()),
            recipient._oci_delivery_window() if recipient else None,
        )
        if refusal:
            differences.append(
                self.env._(
                    "The PO's delivery date %(date)s is not possible: %(reason)s. "
                    "First possible date: %(first)s.",
                    date=format_date(self.env, day),
                    reason=order._oci_refusal_reason(refusal.reason),
                    first=format_date(self.env, refusal.first_possible)
                    if refusal.first_possible
                    else "-",
                )
            )
        return differences
