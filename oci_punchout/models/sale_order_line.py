# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Greeting cards: longest personal text (characters, line breaks included).
OCI_CARD_TEXT_MAX = 300


def oci_clean_card_text(text):
    """Normalized card text: line breaks kept as \n, outer blanks dropped."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    oci_card_allowed = fields.Boolean(related="product_id.product_tmpl_id.oci_card_allowed")
    oci_card_text = fields.Text(
        "Card text",
        help="Personal text of the greeting card going with this item.",
    )
    oci_card_logo = fields.Boolean(
        "Card with logo", help="Print the customer's logo on this item's card."
    )

    def _oci_longtext(self):
        """NEW_ITEM-LONGTEXT of this line: its full description, then the
        greeting cards (the order's card goes with the first product line) so
        the buyer's approver sees them."""
        self.ensure_one()
        parts = [self.name or ""]
        order = self.order_id
        first = order.order_line.filtered(lambda line: not line.display_type and line.product_id)[
            :1
        ]
        if self == first and order.oci_card_text:
            parts.append(order._oci_card_longtext(order.oci_card_text, order.oci_card_logo))
        if self.oci_card_text:
            parts.append(
                order._oci_card_longtext(self.oci_card_text, self.oci_card_logo, item=True)
            )
        return "\n".join(part for part in parts if part)

    def _oci_net_unit_prices(self):
        """{line id: unit price net of discount, taxes excluded}, unrounded:
        the line's untaxed total as Odoo computes it (price-included taxes
        taken out) divided by the quantity. This is what the quotation
        really asks per unit; price_reduce_taxexcl is rounded to the
        currency (12.345 shows as 12.35)."""
        AccountTax = self.env["account.tax"]
        # Read in bulk what the tax computation reads per line.
        self.tax_id.invoice_repartition_line_ids.mapped("factor_percent")
        prices = {}
        for line in self:
            quantity = line.product_uom_qty or 1.0
            base_line = line._prepare_base_line_for_taxes_computation(quantity=quantity)
            # round_globally: the unrounded amounts (round_per_line, the
            # default, would give the rounded subtotal back).
            AccountTax._add_tax_details_in_base_line(
                base_line, line.company_id, rounding_method="round_globally"
            )
            prices[line.id] = base_line["tax_details"]["raw_total_excluded_currency"] / quantity
        return prices

    def _oci_po_price_accepted(self, po_price, connection):
        """Whether the unit price of a PO line is this line's quoted price:
        within the connection's tolerance of the exact net unit price (what
        the transfer sent) or of that price rounded to the currency, or
        giving the line's quoted total for its quantity."""
        self.ensure_one()
        quoted = (self._oci_net_unit_prices()[self.id], self.price_reduce_taxexcl)
        if any(connection._po_price_within_tolerance(price, po_price) for price in quoted):
            return True
        return not self.currency_id.compare_amounts(
            po_price * self.product_uom_qty, self.price_subtotal
        )

    @api.constrains("oci_card_text", "oci_card_logo", "product_id")
    def _check_oci_card(self):
        for line in self:
            if not (line.oci_card_text or line.oci_card_logo):
                continue
            if not line.oci_card_allowed:
                raise ValidationError(
                    self.env._("%s does not take a greeting card.", line.product_id.display_name)
                )
            if len(line.oci_card_text or "") > OCI_CARD_TEXT_MAX:
                raise ValidationError(
                    self.env._("A card text has at most %s characters.", OCI_CARD_TEXT_MAX)
                )

    def _oci_set_card(self, text, logo):
        self.ensure_one()
        self.write(
            {"oci_card_text": oci_clean_card_text(text) or False, "oci_card_logo": bool(logo)}
        )
