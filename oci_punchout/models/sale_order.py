# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sale_order_line import OCI_CARD_TEXT_MAX, oci_clean_card_text


class SaleOrder(models.Model):
    _inherit = "sale.order"

    oci_session_id = fields.Many2one(
        "oci.session", string="Punchout session", copy=False, index=True, readonly=True
    )
    oci_connection_id = fields.Many2one(
        "oci.connection",
        string="Punchout connection",
        copy=False,
        index=True,
        readonly=True,
    )
    oci_transfer_state = fields.Selection(
        [
            ("cart", "In punchout cart"),
            ("transferred", "Transferred to procurement"),
            ("ordered", "Ordered by PO"),
            ("cancelled", "Cancelled"),
        ],
        string="Punchout status",
        copy=False,
        index=True,
        readonly=True,
        tracking=True,
    )
    oci_transferred_at = fields.Datetime("Transferred on", copy=False, readonly=True)
    # --- Business accounts (budget, greeting card) -------------------------
    oci_over_budget = fields.Boolean(
        "Over budget",
        copy=False,
        readonly=True,
        tracking=True,
        help="Accepted although it exceeds a budget of the orderer or branch: to be approved.",
    )
    oci_card_text = fields.Text(
        "Greeting card",
        help="Personal text of the greeting card going with this order (line breaks kept).",
    )
    oci_card_logo = fields.Boolean(
        "Card with logo", help="Print the customer's logo on the greeting card."
    )

    def _oci_link_session(self, session):
        """Make this website cart the cart of a punchout session."""
        self.ensure_one()
        self.write(
            {
                "oci_session_id": session.id,
                "oci_connection_id": session.connection_id.id,
                "oci_transfer_state": "cart",
            }
        )
        session.order_id = self

    def _oci_check_transfer(self):
        """Hook: raise a UserError when this cart may not be transferred."""
        self.ensure_one()
        self._oci_check_assortment()
        self._oci_check_budget()

    def _oci_item_rows(self, connection):
        """NEW_ITEM values of this cart, one dict per product line, in a fixed
        number of queries whatever the number of lines."""
        self.ensure_one()
        lines = self.order_line.filtered(lambda line: not line.display_type and line.product_id)
        # Prefetch in bulk what the rows read.
        lines.product_id.product_tmpl_id.categ_id.mapped("oci_customer_code")
        # PRICE: the exact net unit price, not price_reduce_taxexcl (rounded
        # to the currency); the items must add up to the quotation's total.
        unit_prices = lines._oci_net_unit_prices()
        return connection._oci_items(
            [
                {
                    "product": line.product_id,
                    "quantity": line.product_uom_qty,
                    "price": unit_prices[line.id],
                    "total": line.price_subtotal,
                    "currency": self.currency_id,
                    "uom": line.product_uom,
                    "quote_id": self.name,
                    "quote_item": str(line.id),
                    "longtext": line._oci_longtext(),
                }
                for line in lines
            ],
            total=self.amount_untaxed,
        )

    def _oci_mark_transferred(self):
        drafts = self.filtered(lambda order: order.state == "draft")
        drafts.action_quotation_sent()
        self.write(
            {
                "oci_transfer_state": "transferred",
                "oci_transferred_at": fields.Datetime.now(),
            }
        )

    # ------------------------------------------------------------------
    # Business accounts: assortment, budget, branch, greeting card
    # ------------------------------------------------------------------
    @api.constrains("oci_card_text")
    def _check_oci_card_text(self):
        for order in self:
            if len(order.oci_card_text or "") > OCI_CARD_TEXT_MAX:
                raise ValidationError(
                    self.env._("A card text has at most %s characters.", OCI_CARD_TEXT_MAX)
                )

    # EXTENDS website_sale
    def _verify_updated_quantity(self, order_line, product_id, new_qty, **kwargs):
        """Refuse raising the quantity of a product outside the customer's
        assortment (set_qty on a crafted product id skips website_sale's
        add-to-cart check)."""
        product = self.env["product.product"].browse(product_id)
        if product and not self.partner_id.sudo()._oci_assortment_filter(product.product_tmpl_id):
            raise UserError(self.env._("%s is not in your assortment.", product.display_name))
        return super()._verify_updated_quantity(order_line, product_id, new_qty, **kwargs)

    # EXTENDS website_sale
    def _check_cart_is_ready_to_be_paid(self):
        self._oci_check_assortment()
        self._oci_check_budget()
        return super()._check_cart_is_ready_to_be_paid()

    def _oci_product_lines(self):
        return self.order_line.filtered(
            lambda line: line.product_id and not line.display_type and not line.is_delivery
        )

    def _oci_foreign_lines(self):
        """Product lines outside the customer's assortment."""
        self.ensure_one()
        lines = self._oci_product_lines()
        allowed = self.partner_id.sudo()._oci_assortment_filter(lines.product_id.product_tmpl_id)
        return lines.filtered(lambda line: line.product_id.product_tmpl_id not in allowed)

    def _oci_check_assortment(self):
        self.ensure_one()
        foreign = self._oci_foreign_lines()
        if foreign:
            raise UserError(
                self.env._(
                    "These products are not in your assortment: %s",
                    ", ".join(foreign.product_id.mapped("display_name")),
                )
            )

    def _oci_remove_foreign_lines(self):
        """Drop cart lines outside the assortment (e.g. after it changed);
        returns the names of the products removed."""
        self.ensure_one()
        if self.state != "draft":
            return []
        foreign = self._oci_foreign_lines()
        names = foreign.product_id.mapped("display_name")
        foreign.unlink()
        return names

    # --- Branch ----------------------------------------------------------
    def _oci_branch_choices(self):
        """Delivery addresses (branches) the buyer may choose for this cart."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        return (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("id", "child_of", customer.id),
                    ("type", "in", ("delivery", "other")),
                    ("is_company", "=", False),
                ],
                order="name, id",
            )
        )

    def _oci_set_branch(self, branch_id):
        """Deliver this cart to one of the customer's branches."""
        self.ensure_one()
        branch = self._oci_branch_choices().filtered(lambda partner: partner.id == branch_id)
        if not branch:
            raise UserError(self.env._("This branch is not one of your delivery addresses."))
        if branch != self.partner_shipping_id:
            fiscal_position = self.fiscal_position_id
            self.partner_shipping_id = branch
            if fiscal_position != self.fiscal_position_id:
                self._recompute_taxes()

    # --- Greeting card ---------------------------------------------------
    def _oci_card_logo_partner(self):
        """The partner whose image is printed as logo on the cards."""
        return self.partner_id.commercial_partner_id

    def _oci_card_longtext(self, text, logo, item=False):
        """The card as sent in NEW_ITEM-LONGTEXT."""
        self.ensure_one()
        title = (
            self.env._("Greeting card with this item:")
            if item
            else self.env._("Greeting card with this order:")
        )
        parts = [title, text or ""]
        if logo:
            parts.append(
                self.env._("(printed with the logo of %s)", self._oci_card_logo_partner().name)
            )
        return "\n".join(part for part in parts if part)

    def _oci_set_business_details(self, branch_id=None, card=None, line_cards=None):
        """Apply what the buyer chose in the cart, all or nothing: the branch
        to deliver to, the order's card (text, logo) and the cards of lines
        {line id: (text, logo)}."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("This order can no longer be changed."))
        with self.env.cr.savepoint():
            if branch_id:
                self._oci_set_branch(branch_id)
            if card is not None:
                text, logo = card
                self.write(
                    {
                        "oci_card_text": oci_clean_card_text(text) or False,
                        "oci_card_logo": bool(logo),
                    }
                )
            for line_id, (text, logo) in (line_cards or {}).items():
                line = self.order_line.filtered(lambda line, line_id=line_id: line.id == line_id)
                if not line:
                    raise UserError(self.env._("This line is not in your cart."))
                line._oci_set_card(text, logo)
            self.env.flush_all()
