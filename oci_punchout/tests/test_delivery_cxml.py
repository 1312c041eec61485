# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delivery date and recipient in the cXML PunchOutOrderMessage: each ItemIn
carries its requested delivery date (DateInfo) and the ShipTo of its
recipient (cXML 1.2.063: ItemIn = ItemID, Path?, ItemDetail, ..., ShipTo?,
..., DateInfo*), valid against the official DTD; read back by the buyer."""

import os
import unittest

from lxml import etree

from odoo.tests import BaseCase, tagged

from ..tools import cxml_punchout as cp
from .cxml_common import CxmlBrowser, CxmlHttpCommon, dtd_errors
from .tools_cxml_common import DTD_PATH, parse, poom, tags
from .tools_cxml_common import item as poom_item

ZWOLLE = {
    "address_id": "BR-ZWL",
    "name": "Locatie  Zwolle",
    "street": ("Hoofdstraat 1", "", "2e etage"),
    "city": "Zwolle",
    "postal_code": "8011 AA",
    "country_code": "nl",
    "instructions": "Bel aan bij de receptie.\r\nNiet voor 9 uur.",
}


class TestPoomShipTo(BaseCase):
    def test_item_in_carries_ship_to_before_its_date(self):
        data = poom([poom_item(ship_to=ZWOLLE)])
        item_in = parse(data).find(".//ItemIn")
        self.assertEqual(tags(item_in), ["ItemID", "ItemDetail", "ShipTo", "DateInfo"])
        ship_to = item_in.find("ShipTo")
        self.assertEqual(tags(ship_to), ["Address", "TransportInformation"])
        address = ship_to.find("Address")
        self.assertEqual(address.get("addressID"), "BR-ZWL")
        self.assertEqual(address.findtext("Name"), "Locatie Zwolle")
        postal = address.find("PostalAddress")
        self.assertEqual(tags(postal), ["Street", "Street", "City", "PostalCode", "Country"])
        self.assertEqual(postal.find("Country").get("isoCountryCode"), "NL")
        self.assertEqual(
            ship_to.findtext("TransportInformation/ShippingInstructions/Description"),
            "Bel aan bij de receptie.\nNiet voor 9 uur.",
        )
        self.assertEqual(item_in.find("DateInfo").get("date"), "2026-05-06T12:00:00+00:00")

    def test_round_trip_keeps_ship_to_and_date(self):
        for encoding in cp.ENCODINGS:
            with self.subTest(encoding=encoding):
                items = [poom_item(ship_to=ZWOLLE), poom_item(supplier_part_id="KAART")]
                data = poom(items, total="130.00")
                order = cp.decode_order_message(cp.form_fields(data, encoding))
                first, second = order.items
                self.assertEqual(first, cp.PoomItem(**items[0]))
                self.assertEqual(first.ship_to.street, ("Hoofdstraat 1", "2e etage"))
                self.assertEqual(first.ship_to.country_code, "NL")
                self.assertEqual(
                    first.ship_to.instructions, "Bel aan bij de receptie.\nNiet voor 9 uur."
                )
                self.assertEqual(first.requested_delivery_date, "2026-05-06T12:00:00+00:00")
                self.assertIsNone(second.ship_to)

    def test_incomplete_ship_to_is_a_programming_error(self):
        for change, message in (
            ({"name": " "}, "needs a name"),
            ({"street": ()}, "needs a street"),
            ({"city": ""}, "needs a city"),
            ({"country_code": "Nederland"}, "ISO 3166"),
        ):
            with self.subTest(change=change):
                with self.assertRaisesRegex(ValueError, message):
                    poom([poom_item(ship_to=dict(ZWOLLE, **change))])

    def test_ship_to_without_address_is_refused(self):
        root = parse(poom([poom_item(ship_to=ZWOLLE)]))
        ship_to = root.find(".//ItemIn/ShipTo")
        ship_to.remove(ship_to.find("Address"))
        data = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
        with self.assertRaises(cp.CxmlError) as caught:
            cp.decode_order_message(cp.form_fields(data, "cxml-base64"))
        self.assertEqual(caught.exception.code, 400)
        self.assertIn("ShipTo has no Address", caught.exception.message)

    def test_valid_against_the_cxml_dtd(self):
        if not os.path.isfile(DTD_PATH):
            raise unittest.SkipTest(f"no cXML DTD at {DTD_PATH}")
        dtd = etree.DTD(DTD_PATH)
        self.assertIn(b"1.2.063", open(DTD_PATH, "rb").read())
        for ship_to in (ZWOLLE, dict(ZWOLLE, instructions="", address_id="", postal_code="")):
            with self.subTest(instructions=bool(ship_to["instructions"])):
                root = parse(poom([poom_item(ship_to=ship_to), poom_item()], total="130.00"))
                self.assertTrue(dtd.validate(root), dtd.error_log.filter_from_errors())


@tagged("post_install", "-at_install")
class TestDeliveryCxmlTransfer(CxmlHttpCommon):
    def test_transfer_carries_date_and_recipients(self):
        nl = self.env.ref("base.nl")
        self.branch.write({"country_id": nl.id, "zip": "3511 AA"})
        self.website.write({"oci_delivery_tz": "Europe/Amsterdam", "oci_recipient_country_ids": nl})
        browser = CxmlBrowser(self)
        browser.start(self._setup())
        browser.add(self.product_cake, 1)
        browser.add(self.product_fruit, 1)
        quotation = self._session().order_id
        first = quotation._oci_possible_dates()[0]
        fruit = quotation.order_line.filtered(lambda line: line.product_id == self.product_fruit)
        quotation._oci_set_delivery(
            order_date=first.isoformat(),
            recipient=str(self.branch.id),
            line_values={fruit.id: ("", "new")},
            new_recipient={
                "name": "Carla Collega",
                "street": "Thuisweg 5",
                "zip": "1234 AB",
                "city": "Breda",
                "country_id": str(nl.id),
                "note": "Achterdeur",
            },
        )
        _action, order, _response = browser.press()
        problems = dtd_errors(order.xml)
        self.assertFalse(problems, problems)
        by_part = {item.supplier_part_id: item for item in order.items}
        cake, basket = by_part["TT-SLAG"], by_part["TG-FRUIT"]
        expected_date = f"{first.isoformat()}T12:00:00+0"
        self.assertTrue(cake.requested_delivery_date.startswith(expected_date))
        self.assertTrue(basket.requested_delivery_date.startswith(expected_date))
        self.assertEqual(
            cake.ship_to,
            cp.Address("NOORD", "Locatie Noord", (), ("Noordweg 1",), "Utrecht", "3511 AA", "NL"),
        )
        self.assertEqual(basket.ship_to.address_id, "")  # a one-off recipient has no code
        self.assertEqual(
            (basket.ship_to.name, basket.ship_to.city, basket.ship_to.instructions),
            ("Carla Collega", "Breda", "Achterdeur"),
        )

    def test_transfer_without_date(self):
        """No date chosen: no DateInfo; the session's branch is still the
        ShipTo; a delivery address that is no branch gives none."""
        browser = CxmlBrowser(self)
        browser.start(self._setup())
        browser.add(self.product_cake, 1)
        quotation = self._session().order_id
        self.assertEqual(quotation.partner_shipping_id, self.branch)
        _action, order, _response = browser.press()
        self.assertFalse(dtd_errors(order.xml))
        (cake,) = order.items
        self.assertEqual(cake.requested_delivery_date, "")
        self.assertNotIn(b"DateInfo", order.xml)
        self.assertEqual(cake.ship_to.address_id, "NOORD")
        line = quotation.order_line
        quotation.partner_shipping_id = self.orderer
        self.assertEqual(
            line._oci_cxml_delivery(), {"requested_delivery_date": "", "ship_to": None}
        )
