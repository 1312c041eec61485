# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The assortment of a customer is a sub-select on its product list: the same
queries for a short and a long list, and exactly the listed products."""

from odoo.tests import tagged

from .common import OciCommon


@tagged("post_install", "-at_install")
class TestAssortmentDomain(OciCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.templates = cls.env["product.template"].create(
            [{"name": f"Assortment cake {i}", "list_price": 5.0} for i in range(120)]
        )
        cls.short_customer = cls.env["res.partner"].create(
            {"name": "Short list BV", "is_company": True}
        )
        cls.long_customer = cls.env["res.partner"].create(
            {"name": "Long list BV", "is_company": True}
        )
        cls.short_customer.oci_assortment_product_ids = cls.templates[:3]
        cls.long_customer.oci_assortment_product_ids = cls.templates

    def _search(self, customer):
        domain = customer._oci_assortment_domain()
        return self.env["product.template"].search(domain)

    def test_listed_products_only(self):
        self.assertEqual(self._search(self.short_customer), self.templates[:3])
        self.assertEqual(self._search(self.long_customer), self.templates)
        # A customer without list or categories sees the whole catalog.
        self.assertEqual(self.customer.commercial_partner_id._oci_assortment_domain(), [])
        # The domain names no product ids: it cannot grow with the list.
        self.assertEqual(
            self.long_customer._oci_assortment_domain(),
            [("oci_assortment_customer_ids", "in", self.long_customer.ids)],
        )

    def test_same_queries_for_short_and_long_lists(self):
        counts = []
        for customer in (self.short_customer, self.long_customer):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            self._search(customer)
            counts.append(self.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1], counts)

    def test_filter_keeps_only_listed(self):
        allowed = self.long_customer._oci_assortment_filter(
            self.templates[:5] | self.product_cake.product_tmpl_id
        )
        self.assertEqual(allowed, self.templates[:5])
