# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PO matching, the comparison: pairs the PO's lines with the quotation's,
lists how the PO and the quotation differ (currency, quantities, prices
outside the tolerance, lines on one side only) and finds the customer's
address the PO ships to."""

from odoo import models
from odoo.tools import float_compare, float_is_zero

from ..tools import cxml


class OciPoMatcher(models.AbstractModel):
    _inherit = "oci.po.matcher"

    def _po_pair_lines(self, order, resolved):
        """[(po line, sale line or None)], unpaired sale lines."""
        free = order.order_line.filtered(lambda sol: sol.product_id and not sol.display_type)
        pairs = []
        for line in resolved:
            sol = line.get("sale_line")
            if sol and sol not in free:
                sol = None
            if not sol:
                sol = (
                    free.filtered(
                        lambda s, product=line["product"], ref=line["line_ref"]: (
                            s.oci_po_line_ref == ref and s.product_id == product
                        )
                    )[:1]
                    or free.filtered(lambda s, product=line["product"]: s.product_id == product)[:1]
                )
            if sol:
                free -= sol
            pairs.append((line, sol or None))
        return pairs, free

    def _po_compare(self, po, order, resolved, check_quantities=True):
        """Differences (list of texts) between the PO and ``order``."""
        po.ensure_one()
        doc = po.data
        connection = po.connection_id
        differences = []
        if doc.get("currency") and doc["currency"] != order.currency_id.name:
            differences.append(
                self.env._(
                    "Currency: PO %(po)s, order %(order)s.",
                    po=doc["currency"],
                    order=order.currency_id.name,
                )
            )
        pairs, unpaired = self._po_pair_lines(order, resolved)
        for line, sol in pairs:
            label = self.env._(
                "Line %(ref)s (%(product)s)",
                ref=line["line_ref"],
                product=line["product"].display_name,
            )
            if not sol:
                differences.append(self.env._("%s: not on the quotation.", label))
                continue
            if check_quantities and float_compare(
                line["quantity"], sol.product_uom_qty, precision_rounding=sol.product_uom.rounding
            ):
                differences.append(
                    self.env._(
                        "%(line)s: quantity %(po)s, quotation %(order)s.",
                        line=label,
                        po=line["quantity"],
                        order=sol.product_uom_qty,
                    )
                )
            if line.get("currency") and line["currency"] != order.currency_id.name:
                differences.append(
                    self.env._("%(line)s: price in %(cur)s.", line=label, cur=line["currency"])
                )
            elif line.get("unit_price") is not None and not sol._oci_po_price_accepted(
                line["unit_price"], connection
            ):
                differences.append(
                    self.env._(
                        "%(line)s: unit price %(po)s, quotation %(order)s (outside the tolerance).",
                        line=label,
                        po=line["unit_price"],
                        order=order.currency_id.round(sol.price_reduce_taxexcl),
                    )
                )
        if check_quantities:
            for sol in unpaired:
                if not float_is_zero(
                    sol.product_uom_qty, precision_rounding=sol.product_uom.rounding
                ):
                    differences.append(
                        self.env._(
                            "Quotation line %(product)s (%(qty)s) is not on the PO.",
                            product=sol.product_id.display_name,
                            qty=sol.product_uom_qty,
                        )
                    )
        shipping, note = self._po_delivery_address(po)
        if note:
            differences.append(note)
        return differences, pairs, unpaired, shipping

    def _po_delivery_address(self, po):
        """(branch, difference text) for the PO's ship-to: only the customer
        itself and its own contacts/branches can be found."""
        po.ensure_one()
        ship_to = po.data.get("ship_to") or {}
        if not any(ship_to.get(key) for key in ("address_id", "name", "street", "zip")):
            return self.env["res.partner"], None
        customer = po.partner_id
        Partner = self.env["res.partner"]
        base = [("id", "child_of", customer.id)]
        branch = Partner
        address_id = ship_to.get("address_id") or ""
        if address_id:
            branch = Partner.search(base + [("ref", "=", address_id)], limit=1)
            if not branch and cxml.record_id(address_id):
                branch = Partner.search(base + [("id", "=", cxml.record_id(address_id))], limit=1)
        if not branch and ship_to.get("zip") and (ship_to.get("street") or ship_to.get("name")):
            zip_code = ship_to["zip"].replace(" ", "").upper()
            for partner in Partner.search(base + [("zip", "!=", False)]):
                if (partner.zip or "").replace(" ", "").upper() != zip_code:
                    continue
                if (
                    ship_to.get("street")
                    and (partner.street or "").lower() == ship_to["street"].lower()
                ):
                    branch = partner
                    break
                if ship_to.get("name") and (partner.name or "").lower() == ship_to["name"].lower():
                    branch = partner
                    break
        if not branch and ship_to.get("name"):
            branch = Partner.search(base + [("name", "=ilike", ship_to["name"])], limit=1)
        if branch:
            return branch, None
        label = ", ".join(
            filter(
                None,
                [
                    ship_to.get("address_id"),
                    ship_to.get("name"),
                    ship_to.get("street"),
                    ship_to.get("zip"),
                    ship_to.get("city"),
                ],
            )
        )
        return Partner, self.env._("Delivery address %s is not an address of this customer.", label)
