# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delivery date and recipient in the OCI cart return's customer fields: a
connection maps them to CUST_FIELD1..5 (or another mapped field); the date
in SAP's internal format YYYYMMDD, every value cut to its field's length."""

from datetime import date

from odoo import Command
from odoo.tests import tagged

from ..tools import oci_format
from .http_common import OciHttpCommon

LONG_NAME = "Carla Collega van de afdeling Facilitaire Zaken en Inkoop"


@tagged("post_install", "-at_install")
class TestDeliveryOciFields(OciHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.nl = cls.env.ref("base.nl")
        cls.branch.write({"ref": "NOORD", "zip": "3511 AA", "country_id": cls.nl.id})
        cls.website.oci_recipient_country_ids = cls.nl
        cls.connection.field_ids.filtered(
            lambda f: f.oci_field in ("CUST_FIELD5", "MATGROUP")
        ).unlink()
        cls.connection.write(
            {
                "field_ids": [
                    Command.create({"oci_field": "CUST_FIELD2", "source": "delivery_date"}),
                    Command.create({"oci_field": "CUST_FIELD3", "source": "recipient_code"}),
                    Command.create({"oci_field": "CUST_FIELD4", "source": "recipient_city"}),
                    Command.create({"oci_field": "CUST_FIELD5", "source": "recipient"}),
                    Command.create({"oci_field": "MATGROUP", "source": "recipient_zip"}),
                ]
            }
        )

    def test_date_and_recipients_in_mapped_fields(self):
        self._punchout()
        csrf = self._csrf()
        self._add_to_cart(self.product_cake, 1, csrf)
        self._add_to_cart(self.product_fruit, 1, csrf)
        order = self._current_oci_session().order_id
        first = order._oci_possible_dates()[0]
        fruit = order.order_line.filtered(lambda line: line.product_id == self.product_fruit)
        # The buyer chooses in the cart: the order to the branch on the first
        # possible date, the fruit basket to a one-off recipient.
        response = self.url_open(
            "/shop/cart/oci_delivery",
            data={
                "csrf_token": self._csrf("/shop/cart"),
                "delivery_date": first.isoformat(),
                "recipient_id": str(self.branch.id),
                f"line_date_{fruit.id}": "",
                f"line_recipient_{fruit.id}": "new",
                "new_name": LONG_NAME,
                "new_street": "Thuisweg 5",
                "new_zip": "4811 XX",
                "new_city": "Breda",
                "new_country_id": str(self.nl.id),
            },
        )
        self.assertNotIn("o_oci_delivery_error", response.text)
        self.assertTrue(fruit.oci_recipient_id.oci_one_off)
        _attrs, pairs, _doc = self._parse_form(self._post_button("/oci/transfer"))
        cake_item, fruit_item = oci_format.parse_cart_form(pairs)
        ymd = first.strftime("%Y%m%d")
        self.assertEqual(
            {k: cake_item[k] for k in ("CUST_FIELD1", "CUST_FIELD2", "CUST_FIELD3")},
            {"CUST_FIELD1": "4411", "CUST_FIELD2": ymd, "CUST_FIELD3": "NOORD"},
        )
        self.assertEqual(cake_item["CUST_FIELD4"], "Utrecht")
        self.assertEqual(cake_item["MATGROUP"], "3511 AA")
        address = self.branch._oci_recipient_address()
        self.assertTrue(address.startswith("Locatie Noord, Noordweg 1, 3511 AA Utrecht, "))
        self.assertEqual(cake_item["CUST_FIELD5"], address[:50])
        self.assertEqual(fruit_item["CUST_FIELD2"], ymd)
        self.assertEqual(fruit_item["CUST_FIELD3"], "")  # a one-off recipient has no code
        self.assertEqual(fruit_item["CUST_FIELD4"], "Breda")
        self.assertEqual(fruit_item["MATGROUP"], "4811 XX")
        # Cut to the 50 characters of CUST_FIELD5, never longer.
        self.assertEqual(fruit_item["CUST_FIELD5"], LONG_NAME[:50].rstrip())
        for item in (cake_item, fruit_item):
            for name, length in oci_format.FIELD_LENGTHS.items():
                self.assertLessEqual(len(item.get(name, "")), length, name)

    def test_no_date_and_outside_a_cart(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.orderer.id,
                "partner_shipping_id": self.branch.id,
                "website_id": self.website.id,
                "order_line": [Command.create({"product_id": self.product_cake.id})],
            }
        )
        mapping = {f.oci_field: f for f in self.connection.field_ids}
        line = order.order_line
        self.assertEqual(mapping["CUST_FIELD2"]._value_for_line(line), "")
        self.assertEqual(mapping["CUST_FIELD3"]._value_for_line(line), "NOORD")
        (row,) = order._oci_item_rows(self.connection)
        self.assertEqual((row["CUST_FIELD2"], row["CUST_FIELD3"]), ("", "NOORD"))
        # VALIDATE / BACKGROUND_SEARCH answers have no cart line: empty.
        (item,) = self.connection._oci_product_items(
            self.product_cake, self.customer, {self.product_cake.id: 1.0}
        )
        self.assertEqual(
            [item[k] for k in ("CUST_FIELD2", "CUST_FIELD3", "CUST_FIELD5", "MATGROUP")],
            ["", "", "", ""],
        )
        self.assertEqual(oci_format.format_date(date(2026, 5, 6)), "20260506")
