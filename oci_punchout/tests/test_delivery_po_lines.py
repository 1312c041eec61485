# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PO intake and a line sent to its own date and recipient in the cart: the
cXML OrderRequest's ItemOut requestedDeliveryDate and ShipTo are read per
line and compared with the quotation line's; a PO line for another day or
another address is held for review."""

from datetime import timedelta

from lxml import etree

from odoo import Command
from odoo.tests import tagged

from ..tools import cxml
from .test_po_intake import PoCommon

SHIP_TO = """<ShipTo><Address{attrs}><Name xml:lang="nl">{name}</Name>
<PostalAddress><Street>{street}</Street><City>{city}</City><PostalCode>{zip}</PostalCode>
<Country isoCountryCode="NL">Nederland</Country></PostalAddress></Address></ShipTo>"""


@tagged("post_install", "-at_install")
class TestDeliveryPoLines(PoCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        mon_fri = cls.env["oci.delivery.weekday"].search([("code", "<", 5)])
        cls.env["website"].search([]).write(
            {
                "oci_delivery_tz": "Europe/Amsterdam",
                "oci_delivery_weekday_ids": [Command.set(mon_fri.ids)],
                "oci_preparation_weekday_ids": [Command.set(mon_fri.ids)],
                "oci_delivery_horizon": 60,
            }
        )
        cls.branch.write({"ref": "NOORD", "zip": "3511 AA"})

    def _quote_with_line_delivery(self):
        """Cake as the order (no date); the logo cake to a one-off recipient
        on a day of its own."""
        order = self._quote()
        logo = order.order_line.filtered(lambda line: line.product_id == self.product_logo)
        one_off = order._oci_create_one_off(
            {"name": "Carla Collega", "street": "Thuisweg 5", "zip": "4811 XX", "city": "Breda"}
        )
        day = order._oci_possible_dates(recipient=one_off, lines=logo)[1]
        logo.write({"oci_delivery_date": day, "oci_recipient_id": one_off.id})
        return order, logo, day

    def _po(self, order, logo_date, logo_ship_to=None):
        """The PO; the logo line with its requested date and ShipTo."""
        root = etree.fromstring(self._cxml(order))
        for item in root.iter("ItemOut"):
            del item.attrib["requestedDeliveryDate"]
            if item.findtext("ItemID/SupplierPartID") == "TT-LOGO":
                item.set("requestedDeliveryDate", logo_date.isoformat())
                if logo_ship_to:
                    item.find("ItemDetail").addnext(etree.fromstring(logo_ship_to))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def _ship_to(self, attrs="", name="Carla Collega", street="Thuisweg 5", zip="4811 XX"):
        return SHIP_TO.format(attrs=attrs, name=name, street=street, city="Breda", zip=zip)

    def test_reader_reads_the_line_ship_to(self):
        order, _logo, day = self._quote_with_line_delivery()
        body = self._po(order, day, self._ship_to(' addressID="X1"'))
        doc = cxml.extract_order_request(cxml.parse_xml(body, allow_cxml_doctype=True))
        cake, logo = doc.lines
        self.assertEqual(cake.ship_to, {})
        self.assertIsNone(cake.delivery_date)
        self.assertEqual(str(logo.delivery_date), day.isoformat())
        self.assertEqual(
            {k: logo.ship_to[k] for k in ("address_id", "name", "street", "zip", "country")},
            {
                "address_id": "X1",
                "name": "Carla Collega",
                "street": "Thuisweg 5",
                "zip": "4811 XX",
                "country": "NL",
            },
        )
        self.assertEqual(doc.as_dict()["lines"][1]["ship_to"]["city"], "Breda")

    def test_line_date_and_recipient_as_chosen_confirm(self):
        order, logo, day = self._quote_with_line_delivery()
        for ship_to in (self._ship_to(), self._ship_to(name="C. Collega", zip="4811xx"), None):
            with self.subTest(ship_to=(ship_to or "")[:60]):
                differences = self._differences(order, self._po(order, day, ship_to))
                self.assertEqual(differences, [])
        code, text, record = self._send(self._po(order, day, self._ship_to()))
        self.assertEqual(code, 200, text)
        self.assertEqual(record.state, "confirmed", order.oci_po_differences)
        self.assertEqual(logo.oci_delivery_date, day)

    def test_line_for_another_day_is_held(self):
        order, _logo, day = self._quote_with_line_delivery()
        code, text, record = self._send(self._po(order, day + timedelta(days=7)))
        self.assertEqual(record.state, "review", text)
        self.assertIn("delivery date PO", order.oci_po_differences)
        self.assertIn("Line 20", order.oci_po_differences)
        self.assertEqual(order.state, "sent")

    def test_line_to_another_address_is_held(self):
        order, _logo, day = self._quote_with_line_delivery()
        other = self._ship_to(' addressID="NOORD"', name="Locatie Noord", street="Noordweg 1")
        code, text, record = self._send(self._po(order, day, other))
        self.assertEqual(record.state, "review", text)
        self.assertIn("ship-to PO NOORD, Locatie Noord", order.oci_po_differences)
        self.assertIn("Carla Collega, Thuisweg 5", order.oci_po_differences)

    def test_branch_matched_by_its_code(self):
        order, logo, day = self._quote_with_line_delivery()
        logo.oci_recipient_id = self.branch
        same = self._ship_to(' addressID="noord"', name="Vestiging N", street="elders")
        self.assertEqual(self._differences(order, self._po(order, day, same)), [])
        wrong = self._ship_to(' addressID="ZUID"', name="Locatie Noord")
        self.assertEqual(len(self._differences(order, self._po(order, day, wrong))), 1)

    def _differences(self, order, body):
        """The per-line delivery differences of a PO, without keeping it."""
        doc = cxml.extract_order_request(cxml.parse_xml(body, allow_cxml_doctype=True))
        Matcher = self.env["oci.po.matcher"]
        record = self.env["oci.purchase.order"].new(
            {"connection_id": self.connection.id, "data": doc.as_dict()}
        )
        resolved = Matcher._po_resolve_lines(self.connection, record.data)
        pairs, _unpaired = Matcher._po_pair_lines(order, resolved)
        return Matcher._po_line_delivery_differences(record, order, pairs)
