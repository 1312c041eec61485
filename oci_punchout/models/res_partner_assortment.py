# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Assortment of a business customer: the categories and products its users
may see and order."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL


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

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if any(vals.get("oci_assortment_categ_ids") for vals in vals_list):
            partners._oci_assortment_categories_changed()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if "oci_assortment_categ_ids" in vals:
            self._oci_assortment_categories_changed()
        return result

    def _oci_assortment_categories_changed(self):
        """Products hold no link to the customers of their categories: drop
        what ``oci_assortment_customer_ids`` computed in this transaction."""
        self.env["product.template"].invalidate_model(["oci_assortment_customer_ids"])

    def _oci_assortment_domain(self):
        """product.template domain of what this customer (the commercial
        partner of ``self``) may buy: [] is the whole published catalog.

        Names no product ids: the same queries for 5 or 5,000 listed products.
        Two equivalent forms, for PostgreSQL's planner: by default the list is
        a sub-select hashed once per query (ProductTemplate.
        _search_oci_assortment_customer_ids), right for pages that scan much
        of the catalog (/shop, search); with the context key
        ``oci_assortment_narrow`` (a shop category page: a few products) the
        plain conditions, whose per-row EXISTS lets PostgreSQL start from the
        category's products (its estimate of a hashed sub-select, counted
        again for each of them, makes it scan the whole catalog instead)."""
        customer = self[:1].commercial_partner_id
        if not customer:
            return []
        categories = customer.oci_assortment_categ_ids
        if self.env.context.get("oci_assortment_narrow"):
            listed = [("oci_assortment_partner_ids", "in", customer.ids)]
            if categories:
                # An empty list costs nothing here: no lookup to skip it.
                return expression.OR([[("categ_id", "child_of", categories.ids)], listed])
            return listed if customer._oci_has_assortment_products() else []
        if categories or customer._oci_has_assortment_products():
            return [("oci_assortment_customer_ids", "in", customer.ids)]
        return []

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
        (one query). A few products (a product page, a cart): the per-row
        form, a probe of each (building the hashed list costs more)."""
        domain = self.with_context(oci_assortment_narrow=True)._oci_assortment_domain()
        if not domain or not templates:
            return templates
        allowed = set(
            templates.with_context(active_test=False)._search(
                expression.AND([[("id", "in", templates.ids)], domain])
            )
        )
        return templates.filtered(lambda tmpl: tmpl.id in allowed)


class ProductTemplate(models.Model):
    _inherit = "product.template"

    # The assortment condition of the shop's domains. Searched as "in one of
    # the customers' categories (or below) OR listed": PostgreSQL hashes the
    # listed products once per query (an uncorrelated sub-select), where the
    # EXISTS of a plain many2many condition under an OR is probed once per
    # product row and estimated accordingly (on 20,000 products a cost of
    # 90,000-170,000 against ~2,500: slower, and JIT-compiled by PostgreSQL
    # above jit_above_cost, 100,000).
    # Computed for filtered_domain(): website_sale filters accessories and
    # alternative products with the shop's domain in Python.
    oci_assortment_customer_ids = fields.Many2many(
        "res.partner",
        string="In the assortment (with its categories) of",
        compute="_compute_oci_assortment_customer_ids",
        search="_search_oci_assortment_customer_ids",
        # Ids only: never reads the customers (a portal user may not).
        context={"active_test": False},
    )

    @api.depends("categ_id.parent_path", "oci_assortment_partner_ids")
    def _compute_oci_assortment_customer_ids(self):
        """The customers that list the product or one of its category's
        ancestors (or the category itself), in one query."""
        ids = tuple(tid for tid in self._ids if isinstance(tid, int))
        customers = defaultdict(list)
        if ids:
            self.env["product.template"].flush_model(["categ_id"])
            self.env["product.category"].flush_model(["parent_path"])
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT product_tmpl_id, partner_id
                      FROM oci_partner_assortment_product_rel
                     WHERE product_tmpl_id IN %(ids)s
                    UNION
                    SELECT tmpl.id, rel.partner_id
                      FROM product_template tmpl
                      JOIN product_category categ ON categ.id = tmpl.categ_id
                      JOIN oci_partner_assortment_categ_rel rel ON rel.categ_id
                           = ANY(string_to_array(rtrim(categ.parent_path, '/'), '/')::int[])
                     WHERE tmpl.id IN %(ids)s
                    """,
                    ids=ids,
                )
            )
            for template_id, partner_id in rows:
                customers[template_id].append(partner_id)
        for template in self:
            template.oci_assortment_customer_ids = self.env["res.partner"].browse(
                sorted(customers[template.id])
            )

    # EXTENDS website_sale: the shop's listing and its count
    @api.model
    def _search_get_detail(self, website, order, options):
        if options.get("category"):
            website = website.with_context(oci_assortment_narrow=True)
        return super()._search_get_detail(website, order, options)

    def _search_oci_assortment_customer_ids(self, operator, value):
        """In the categories (or below) of the customers ``value``, or listed
        by them; the list as a sub-select, whatever its length."""
        if operator not in ("in", "=", "not in", "!="):
            raise NotImplementedError(f"Unsupported operator {operator!r} on the assortment")
        if isinstance(value, int):
            value = [value]
        partner_ids = tuple(pid for pid in value if pid)
        if not partner_ids:
            domain = expression.FALSE_DOMAIN
        else:
            relation = self.env["res.partner"]._fields["oci_assortment_product_ids"]
            listed = SQL(
                "(SELECT %s FROM %s WHERE %s IN %s)",
                SQL.identifier(relation.column2),
                SQL.identifier(relation.relation),
                SQL.identifier(relation.column1),
                partner_ids,
            )
            domain = [("id", "in", listed)]
            categories = self.env["res.partner"].sudo().browse(partner_ids).oci_assortment_categ_ids
            if categories:
                domain = expression.OR([[("categ_id", "child_of", categories.ids)], domain])
        if operator in ("not in", "!="):
            domain = ["!", *expression.normalize_domain(domain)]
        return domain
