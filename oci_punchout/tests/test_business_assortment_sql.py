# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The assortment condition in SQL and in Python: the same products as the
plain conditions (categories and their subcategories, or listed), with the
customer's product list as a sub-select PostgreSQL runs once per query (not
an EXISTS probed for each product row under the OR), and the same answer from
filtered_domain(), which website_sale uses for accessories and alternatives."""

import re

from odoo.osv import expression
from odoo.tests import tagged

from odoo.addons.website.tools import MockRequest

from .common import OciCommon

# The relation's sub-select referring to the outer product row: a correlated
# sub-query, executed (and estimated) once per product.
CORRELATED = re.compile(r'"oci_partner_assortment_product_rel"[^()]*"product_template"\."id"')


@tagged("post_install", "-at_install")
class TestAssortmentSql(OciCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Template = cls.env["product.template"]
        Category = cls.env["product.category"]
        cls.categ_top = Category.create({"name": "Assortment top"})
        cls.categ_child = Category.create(
            {"name": "Assortment child", "parent_id": cls.categ_top.id}
        )
        cls.categ_grandchild = Category.create(
            {"name": "Assortment grandchild", "parent_id": cls.categ_child.id}
        )
        cls.categ_outside = Category.create({"name": "Assortment outside"})
        cls.in_top, cls.in_child, cls.in_grandchild, cls.outside, cls.listed, cls.both = (
            Template.create({"name": name, "list_price": 5.0, "categ_id": categ.id})
            for name, categ in (
                ("In top", cls.categ_top),
                ("In child", cls.categ_child),
                ("In grandchild", cls.categ_grandchild),
                ("Outside", cls.categ_outside),
                ("Listed outside", cls.categ_outside),
                ("Listed and in child", cls.categ_child),
            )
        )
        cls.mine = (
            cls.in_top | cls.in_child | cls.in_grandchild | cls.outside | cls.listed | cls.both
        )
        cls.mixed = cls.env["res.partner"].create({"name": "Mixed BV", "is_company": True})
        cls.mixed.oci_assortment_categ_ids = cls.categ_child
        cls.mixed.oci_assortment_product_ids = cls.listed | cls.both
        cls.categories_only = cls.env["res.partner"].create(
            {"name": "Categories BV", "is_company": True}
        )
        cls.categories_only.oci_assortment_categ_ids = cls.categ_top | cls.categ_outside
        cls.list_only = cls.env["res.partner"].create({"name": "List BV", "is_company": True})
        cls.list_only.oci_assortment_product_ids = cls.outside

    def _plain_domain(self, customer):
        """The assortment as plain many2many/child_of conditions."""
        domains = []
        if customer.oci_assortment_categ_ids:
            domains.append([("categ_id", "child_of", customer.oci_assortment_categ_ids.ids)])
        if customer.oci_assortment_product_ids:
            domains.append([("oci_assortment_partner_ids", "in", customer.ids)])
        return expression.OR(domains)

    def _search(self, domain):
        return self.env["product.template"].search(
            expression.AND([[("id", "in", self.mine.ids)], domain])
        )

    def test_same_products_as_plain_conditions(self):
        expected = {
            self.mixed: self.in_child | self.in_grandchild | self.listed | self.both,
            self.categories_only: self.mine,
            self.list_only: self.outside,
        }
        for customer, products in expected.items():
            # The form for a shop category page: the same products.
            narrow = customer.with_context(oci_assortment_narrow=True)._oci_assortment_domain()
            self.assertNotEqual(narrow, customer._oci_assortment_domain())
            self.assertEqual(self._search(narrow), products, customer.name)
            self.assertEqual(self.mine.filtered_domain(narrow), products, customer.name)
            domain = customer._oci_assortment_domain()
            self.assertEqual(self._search(domain), products, customer.name)
            self.assertEqual(self._search(self._plain_domain(customer)), products, customer.name)
            # The negation: everything else.
            negated = ["!", *domain]
            self.assertEqual(self._search(negated), self.mine - products, customer.name)
            self.assertEqual(self.mine.filtered_domain(domain), products, customer.name)
            self.assertEqual(self.mine.filtered_domain(negated), self.mine - products)
        # Several customers: what any of them may buy.
        both = [("oci_assortment_customer_ids", "in", (self.mixed | self.list_only).ids)]
        self.assertEqual(self._search(both), expected[self.mixed] | self.outside)
        self.assertEqual(self.mine.filtered_domain(both), expected[self.mixed] | self.outside)
        self.assertEqual(self._search([("oci_assortment_customer_ids", "in", [])]), self.mine[:0])
        # Changes are seen at once (same transaction).
        self.list_only.oci_assortment_product_ids = self.listed
        self.assertEqual(self._search(self.list_only._oci_assortment_domain()), self.listed)
        self.assertEqual(
            self.mine.filtered_domain(self.list_only._oci_assortment_domain()), self.listed
        )
        self.categories_only.oci_assortment_categ_ids = self.categ_child
        self.assertEqual(
            self.mine.filtered_domain(self.categories_only._oci_assortment_domain()),
            self.in_child | self.in_grandchild | self.both,
        )
        self.categ_grandchild.parent_id = self.categ_outside
        self.assertEqual(
            self._search(self.mixed._oci_assortment_domain()),
            self.in_child | self.listed | self.both,
        )
        self.assertEqual(
            self.mine.filtered_domain(self.mixed._oci_assortment_domain()),
            self.in_child | self.listed | self.both,
        )

    def test_listed_products_are_an_uncorrelated_sub_select(self):
        """A customer with categories and a product list: the list is not an
        EXISTS that refers to the product row (PostgreSQL would probe it per
        product, and estimate ~90,000-170,000 on 20,000 products, above
        jit_above_cost)."""
        Template = self.env["product.template"]
        plain = Template._search(self._plain_domain(self.mixed)).select().code
        self.assertRegex(plain, CORRELATED)  # the shape this test guards against
        for customer in (self.mixed, self.list_only):
            sql = Template._search(customer._oci_assortment_domain()).select().code
            self.assertIn("oci_partner_assortment_product_rel", sql)
            self.assertNotRegex(sql, CORRELATED)
        # The connection's catalog (product.product) too.
        self.customer.oci_assortment_categ_ids = self.categ_child
        self.customer.oci_assortment_product_ids = self.listed
        sql = (
            self.env["product.product"]._search(self.connection._oci_product_domain()).select().code
        )
        self.assertIn("oci_partner_assortment_product_rel", sql)
        self.assertNotRegex(sql, CORRELATED)

    def test_category_page_uses_the_per_row_form(self):
        """A shop category page lists a few products: the plain conditions
        let PostgreSQL start from them; the whole shop and its search use the
        hashed sub-select."""
        self.customer.oci_assortment_categ_ids = self.categ_child
        self.customer.oci_assortment_product_ids = self.listed
        options = {
            "displayImage": False,
            "displayDescription": False,
            "displayExtraLink": False,
            "displayDetail": False,
        }
        public = self.env["product.public.category"].create({"name": "Assortment shop cat"})
        Template = self.env["product.template"].with_user(self.orderer_user)
        with MockRequest(self.env(user=self.orderer_user), website=self.website):
            website = self.website.with_user(self.orderer_user)
            whole = Template._search_get_detail(website, None, dict(options))["base_domain"]
            page = Template._search_get_detail(
                website, None, dict(options, category=str(public.id))
            )["base_domain"]
        whole, page = str(whole), str(page)
        self.assertIn("oci_assortment_customer_ids", whole)
        self.assertNotIn("oci_assortment_partner_ids", whole)
        self.assertIn("oci_assortment_partner_ids", page)
        self.assertNotIn("oci_assortment_customer_ids", page)

    def test_shop_accessories_and_alternatives_follow_the_assortment(self):
        """website_sale filters them with the shop's domain in Python."""
        self.customer.oci_assortment_categ_ids = self.categ_child
        self.customer.oci_assortment_product_ids = self.listed
        for template in self.mine:
            template.write({"is_published": True, "sale_ok": True})
        variants = self.mine.product_variant_ids
        self.product_cake.product_tmpl_id.write(
            {"accessory_product_ids": variants.ids, "alternative_product_ids": self.mine.ids}
        )
        allowed = self.in_child | self.in_grandchild | self.listed | self.both
        with MockRequest(self.env(user=self.orderer_user), website=self.website):
            cake = self.product_cake.product_tmpl_id.with_user(self.orderer_user)
            self.assertEqual(cake._get_website_accessory_product().product_tmpl_id, allowed)
            self.assertEqual(cake._get_website_alternative_product(), allowed)
        with MockRequest(self.env(user=self.other_user), website=self.website):
            cake = self.product_cake.product_tmpl_id.with_user(self.other_user)
            self.assertEqual(cake._get_website_alternative_product(), self.mine)
