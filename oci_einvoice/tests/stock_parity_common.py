# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customers and the product of the stock-parity tests
(test_stock_parity.py, test_stock_parity_sending.py): a business with a KvK
number, a private person and a municipality with an OIN, and a product with
nothing of ours (no NZI code, no cost center, no PO)."""

from odoo import Command

from .common import OciEinvoiceCommon


class StockParityCommon(OciEinvoiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        nl = cls.env.ref("base.nl")
        address = {"street": "Dorpsstraat 1", "zip": "1234 AB", "city": "Ede", "country_id": nl.id}
        # No NZI code, no cost center, no PO: nothing of ours applies.
        cls.plain_product = cls.env["product.product"].create(
            {
                "name": "Boterkoek",
                "default_code": "TT-BOTER",
                "list_price": 12.5,
                "type": "consu",
                "taxes_id": [Command.set(cls.tax_21.ids)],
            }
        )
        cls.business = cls.env["res.partner"].create(
            {
                "name": "Bakkerij De Korf BV",
                "is_company": True,
                "vat": "NL123456782B90",
                "peppol_eas": "0106",
                "peppol_endpoint": "11223344",
                "email": "ap@korf.example",
                **address,
            }
        )
        cls.consumer = cls.env["res.partner"].create(
            {"name": "Jan Jansen", "email": "jan@example.com", **address}
        )
        cls.government = cls.env["res.partner"].create(
            {
                "name": "Gemeente Ede",
                "is_company": True,
                "vat": "NL003214345B01",
                "peppol_eas": "0190",
                "peppol_endpoint": "00000001003214345000",
                "email": "facturen@ede.example",
                **address,
            }
        )

    def _plain_invoice(self, partner, **vals):
        return self._invoice(
            partner,
            lines=[
                {
                    "product_id": self.plain_product.id,
                    "quantity": 3,
                    "price_unit": 12.5,
                    "tax_ids": [Command.set(self.tax_21.ids)],
                }
            ],
            **vals,
        )
