# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a punchout connection offers and how its cart return is written:
the catalog domain, product resolution, pricelist, unit codes, the field
mapping and the priced NEW_ITEM values."""

from odoo import fields, models
from odoo.osv import expression
from odoo.tools import float_round

from odoo.addons.account_edi_ubl_cii.models.account_edi_common import UOM_TO_UNECE_CODE

from ..tools import oci_format


class OciConnection(models.Model):
    _inherit = "oci.connection"

    # --- Transfer --------------------------------------------------------
    charset = fields.Selection(
        [("utf-8", "UTF-8"), ("iso-8859-1", "ISO-8859-1 (Latin-1)")],
        required=True,
        default="utf-8",
        help="Character set of the cart sent back. Older non-Unicode SAP "
        "systems need ISO-8859-1; other characters are transliterated.",
    )
    vendor_code = fields.Char(
        "VENDOR", help="Our vendor number in the customer's system (NEW_ITEM-VENDOR)."
    )
    lead_time = fields.Integer(
        "Default lead time (days)",
        default=1,
        help="NEW_ITEM-LEADTIME for products without a customer lead time.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        check_company=True,
        help="Prices of the punchout cart. Empty: the customer's own pricelist.",
    )
    field_ids = fields.One2many(
        "oci.connection.field", "connection_id", string="Field mapping", copy=True
    )
    uom_ids = fields.One2many("oci.connection.uom", "connection_id", string="Unit codes", copy=True)

    def _unit_codes(self):
        """{uom id: OCI unit code} overrides of this connection."""
        self.ensure_one()
        return {line.uom_id.id: line.code for line in self.uom_ids}

    def _field_sources(self):
        """{OCI field: mapping line} of this connection."""
        self.ensure_one()
        return {line.oci_field: line for line in self.field_ids}

    # ------------------------------------------------------------------
    # Items of the cart return
    # ------------------------------------------------------------------
    def _oci_unit_code_map(self, uoms):
        """{uom id: unit code}: the connection's own code, else the UN/ECE
        code Odoo's e-invoicing uses (one query for all units)."""
        self.ensure_one()
        overrides = self._unit_codes()
        xmlids = uoms.get_external_id()
        return {
            uom.id: overrides.get(uom.id) or UOM_TO_UNECE_CODE.get(xmlids.get(uom.id), "C62")
            for uom in uoms
        }

    def _oci_items(self, entries, total=None):
        """NEW_ITEM values (dicts keyed by OCI field name) for ``entries``:
        dicts with product, quantity, price (unit price net of discount and
        tax-excluded, unrounded), total (the line's untaxed amount; None:
        quantity x price), currency, uom, and optionally quote_id, quote_item,
        description, longtext. ``total`` is the quotation's untaxed amount:
        PRICE and PRICEUNIT are chosen so that the buyer's QUANTITY x PRICE /
        PRICEUNIT gives the line totals and this total to the cent."""
        self.ensure_one()
        units = self._oci_unit_code_map(
            self.env["uom.uom"].union(*(entry["uom"] for entry in entries))
        )
        mapping = self._field_sources()
        has_delay = "sale_delay" in self.env["product.template"]._fields
        currency = entries[0]["currency"] if entries else self.company_id.currency_id
        prices = oci_format.price_fields(
            [(entry["price"], entry["quantity"], entry.get("total")) for entry in entries],
            total=total,
            price_digits=self.env["decimal.precision"].precision_get("Product Price"),
            rounding=currency.rounding,
        )
        items = []
        for entry, (price, price_unit) in zip(entries, prices, strict=True):
            product = entry["product"]
            lead_time = (has_delay and product.sale_delay) or self.lead_time
            item = {
                "DESCRIPTION": entry.get("description")
                or product.with_context(display_default_code=False).display_name,
                "QUANTITY": oci_format.format_number(entry["quantity"]),
                "UNIT": units.get(entry["uom"].id, "C62"),
                "PRICE": price,
                "PRICEUNIT": price_unit,
                "CURRENCY": entry["currency"].name,
                "LEADTIME": str(max(int(lead_time or 0), 0)),
                "VENDOR": self.vendor_code or "",
                "VENDORMAT": product.default_code or "",
                "EXT_PRODUCT_ID": str(product.id),
                "EXT_QUOTE_ID": entry.get("quote_id") or "",
                "EXT_QUOTE_ITEM": entry.get("quote_item") or "",
                "LONGTEXT": entry.get("longtext") or "",
            }
            for oci_field, line in mapping.items():
                item[oci_field] = line._value_for(product)
            items.append(item)
        return items

    def _oci_product_items(self, products, customer, quantities):
        """Items for products answered outside a cart (VALIDATE,
        BACKGROUND_SEARCH), priced as a quotation line of the customer would
        be: the pricelist price at product-price precision, taxes included in
        it taken out, the line total rounded to the currency."""
        self.ensure_one()
        pricelist = self._oci_pricelist(customer)
        currency = pricelist.currency_id or self.company_id.currency_id
        price_digits = self.env["decimal.precision"].precision_get("Product Price")
        # One pricelist evaluation per distinct quantity, not per product.
        prices = {}
        for quantity in set(quantities.get(product.id, 1.0) for product in products):
            batch = products.filtered(lambda p, q=quantity: quantities.get(p.id, 1.0) == q)
            if pricelist:
                prices.update(
                    {
                        (pid, quantity): price
                        for pid, price in pricelist._get_products_price(batch, quantity).items()
                    }
                )
            else:
                prices.update({(p.id, quantity): p.lst_price for p in batch})
        AccountTax = self.env["account.tax"]
        # Read in bulk what the tax computation reads per product.
        products.taxes_id.invoice_repartition_line_ids.mapped("factor_percent")
        entries = []
        for product in products:
            quantity = quantities.get(product.id, 1.0)
            base_line = AccountTax._prepare_base_line_for_taxes_computation(
                None,
                price_unit=float_round(prices[product.id, quantity], precision_digits=price_digits),
                quantity=quantity or 1.0,
                tax_ids=product.taxes_id.filtered(lambda t: t.company_id == self.company_id),
                currency_id=currency,
                product_id=product,
            )
            # The line total as the company rounds it; the unit price unrounded.
            untaxed = {}
            for method in (None, "round_globally"):
                AccountTax._add_tax_details_in_base_line(
                    base_line, self.company_id, rounding_method=method
                )
                untaxed[method] = base_line["tax_details"]["raw_total_excluded_currency"]
            entries.append(
                {
                    "product": product,
                    "quantity": quantity,
                    "price": untaxed["round_globally"] / (quantity or 1.0),
                    "total": currency.round(untaxed[None]) if quantity else 0.0,
                    "currency": currency,
                    "uom": product.uom_id,
                    "longtext": product.description_sale or "",
                }
            )
        return self._oci_items(entries)

    def _oci_product_domain(self):
        """product.product domain of what this connection's buyers may order:
        saleable, published on the connection's website, in the customer's
        assortment."""
        self.ensure_one()
        website = self._get_website()
        domain = [
            ("sale_ok", "=", True),
            ("is_published", "=", True),
            ("company_id", "in", [False, self.company_id.id]),
        ]
        if website:
            domain = expression.AND([domain, website.website_domain()])
        assortment = self.partner_id._oci_assortment_domain()
        if assortment:
            domain = expression.AND([domain, [("product_tmpl_id", "any", assortment)]])
        return domain

    def _oci_find_products(self, domain=None, limit=None):
        self.ensure_one()
        return self.env["product.product"].search(
            expression.AND([self._oci_product_domain(), domain or []]),
            limit=limit,
            order="default_code, id",
        )

    def _oci_resolve_product(self, product_key):
        """The product a PRODUCTID (our EXT_PRODUCT_ID, or an internal
        reference) names, if this connection may order it. Anything else
        (out-of-range or negative numbers, junk, control characters) names
        no product: an empty recordset, never an error."""
        self.ensure_one()
        product_id, code = oci_format.parse_product_key(product_key)
        if product_id and code:
            candidates = self._oci_find_products(
                ["|", ("id", "=", product_id), ("default_code", "=", code)], limit=2
            )
            by_id = candidates.filtered(lambda product: product.id == product_id)
            return by_id or candidates[:1]
        if code:
            return self._oci_find_products([("default_code", "=", code)], limit=1)
        return self.env["product.product"]

    def _oci_pricelist(self, customer=None):
        self.ensure_one()
        customer = customer or self.partner_id
        return (
            self.pricelist_id or customer.with_company(self.company_id).property_product_pricelist
        )
