# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Assortment of a business customer: the categories and products its users
may see and order."""

from odoo import fields, models
from odoo.osv import expression


class ResPartner(models.Model):
    _inherit = "res.partner"

    oci_assortment_categ_ids = fields.Many2many(
        "product.category",
        "oci_partner_assortment_categ_rel",
        "partner_id",
        "categ_id",
        string="Assortment categories",
        help="The customer's users only see and order products of these "
        "categories (and their subcategories) or listed below. Both empty: "
        "the whole catalog.",
    )
    oci_assortment_product_ids = fields.Many2many(
        "product.template",
        "oci_partner_assortment_product_rel",
        "partner_id",
        "product_tmpl_id",
        string="Assortment products",
        help="Products in the customer's assortment besides its categories.",
    )

    def _oci_assortment_domain(self):
        """product.template domain of what this customer (the commercial
        partner of ``self``) may buy: [] is the whole published catalog."""
        customer = self[:1].commercial_partner_id
        categories = customer.oci_assortment_categ_ids
        domains = []
        if categories:
            domains.append([("categ_id", "child_of", categories.ids)])
        if customer and customer._oci_has_assortment_products():
            # A sub-select on the relation, not a list of ids: the same
            # queries for 5 or 5,000 listed products.
            domains.append([("oci_assortment_partner_ids", "in", customer.ids)])
        return expression.OR(domains) if domains else []

    def _oci_has_assortment_products(self):
        """Whether this customer lists products (one indexed lookup, without
        reading the list)."""
        self.ensure_one()
        self.env["res.partner"].flush_model(["oci_assortment_product_ids"])
        self.env.cr.execute(
            "SELECT 1 FROM oci_partner_assortment_product_rel WHERE partner_id = %s LIMIT 1",
            [self.id],
        )
        return bool(self.env.cr.fetchone())

    def _oci_assortment_filter(self, templates):
        """The product templates among ``templates`` this customer may buy
        (one query)."""
        domain = self._oci_assortment_domain()
        if not domain or not templates:
            return templates
        allowed = set(
            templates.with_context(active_test=False)._search(
                expression.AND([[("id", "in", templates.ids)], domain])
            )
        )
        return templates.filtered(lambda tmpl: tmpl.id in allowed)
