# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import importlib.util
import json
from pathlib import Path

from odoo.tests import HttpCase, tagged

from .po_common import PO_IDENTITY, PO_SECRET, PoCommon, cxml_status

PO_SENDER = Path(__file__).resolve().parents[2] / "tests" / "buyer" / "po_sender.py"


@tagged("post_install", "-at_install")
class TestPoHttp(PoCommon, HttpCase):
    def _post(self, path, body, headers=None):
        return self.url_open(path, data=body, headers=headers or {"Content-Type": "text/xml"})

    def test_cxml_endpoint(self):
        order = self._quote()
        response = self._post(f"/oci/{self.connection.code}/po/cxml", self._cxml(order))
        self.assertEqual(response.status_code, 200)
        self.assertIn("text/xml", response.headers["Content-Type"])
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        self.assertIn(b'<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/', response.content)
        code, text = cxml_status(response.content)
        self.assertEqual(code, 200)
        self.assertIn(order.name, text)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.client_order_ref, "4500012345")
        # Sent again: the same answer, nothing new.
        again = self._post(f"/oci/{self.connection.code}/po/cxml", self._cxml(order))
        self.assertEqual(cxml_status(again.content), (code, text))
        self.assertEqual(len(order.oci_po_ids), 1)

    def test_cxml_endpoint_refusals(self):
        order = self._quote()
        self.env["ir.config_parameter"].sudo().set_param("oci_punchout.po_max_bytes", 50000)
        cases = [
            (self.connection.code, self._cxml(order, secret="nope"), 401),
            ("unknown-code", self._cxml(order), 404),
            (self.connection.code, b"not xml at all", 400),
            (
                self.connection.code,
                (Path(__file__).parent / "data" / "cxml_xxe.xml").read_bytes(),
                400,
            ),
            (self.connection.code, self._cxml(order) + b" " * 60000, 413),
        ]
        for code, body, expected in cases:
            with self.subTest(expected=expected):
                response = self._post(f"/oci/{code}/po/cxml", body)
                self.assertEqual(response.status_code, 200, "cXML errors travel inside HTTP 200")
                status, text = cxml_status(response.content)
                self.assertEqual(status, expected, text)
                self.assertTrue(text)
        self.assertFalse(order.oci_po_ids)
        self._assert_untouched(order)
        # GET is not a way in.
        self.assertEqual(self.url_open(f"/oci/{self.connection.code}/po/cxml").status_code, 405)

    def test_ubl_endpoint(self):
        order = self._quote()
        path = f"/oci/{self.connection.code}/po/ubl"
        body = self._ubl(order)
        response = self._post(path, body, {"Content-Type": "application/xml"})
        self.assertEqual(response.status_code, 401)
        self.assertIn("Basic", response.headers.get("WWW-Authenticate", ""))
        wrong = base64.b64encode(f"{PO_IDENTITY}:bad".encode()).decode()
        response = self._post(path, body, {"Authorization": f"Basic {wrong}"})
        self.assertEqual(response.status_code, 401)
        self.assertFalse(order.oci_po_ids)
        good = base64.b64encode(f"{PO_IDENTITY}:{PO_SECRET}".encode()).decode()
        response = self._post(path, body, {"Authorization": f"Basic {good}"})
        self.assertEqual(response.status_code, 200, response.text)
        payload = json.loads(response.content)
        self.assertEqual(payload["status"], 200)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.client_order_ref, "PO-UBL-2026-001")
        bad = self._ubl(order, po_number="PO-BAD", items=[(self.product_cake, 0, 32.5)])
        response = self._post(path, bad, {"Authorization": f"Basic {good}"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("greater than zero", json.loads(response.content)["message"])

    def test_po_sender_library(self):
        """The PO sender of tests/buyer (used by the end-to-end test) against
        the endpoints: items as parsed from the OCI transfer."""
        if not PO_SENDER.exists():
            self.skipTest("tests/buyer/po_sender.py is not in this checkout")
        spec = importlib.util.spec_from_file_location("po_sender", PO_SENDER)
        po_sender = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(po_sender)
        order = self._quote()
        session = order.oci_session_id
        items = self._transfer_items(session)
        self.assertEqual({item["EXT_QUOTE_ID"] for item in items}, {order.name})
        xml = po_sender.build_cxml_order(
            items,
            "PO-SENDER-1",
            "sender-1@srm",
            PO_IDENTITY,
            PO_SECRET,
            ship_to={"address_id": "NOORD", "name": "Locatie Noord"},
            cost_center="KP-9",
        )
        http_status, code, text = po_sender.post_cxml(
            self.base_url(), self.connection.code, xml, session=self.opener
        )
        self.assertEqual((http_status, code), (200, 200), text)
        self.assertEqual(order.client_order_ref, "PO-SENDER-1")
        self.assertEqual(order.oci_cost_center, "KP-9")
        self.assertEqual(order.partner_shipping_id, self.branch)
        # UBL through the same library, on a second quotation.
        order2 = self._quote([(self.product_fruit, 3)])
        items2 = self._transfer_items(order2.oci_session_id)
        xml = po_sender.build_ubl_order(items2, "PO-SENDER-2", buyer_name="Zorggroep Test")
        http_status, code, text = po_sender.post_ubl(
            self.base_url(), self.connection.code, xml, PO_IDENTITY, PO_SECRET, session=self.opener
        )
        self.assertEqual((http_status, code), (200, 200), text)
        self.assertEqual(order2.state, "sale")

    def _transfer_items(self, session):
        """NEW_ITEM fields per item, as the procurement system parsed them."""
        items = {}
        for name, value in session.transfer_fields:
            if name.startswith("NEW_ITEM-") and name.endswith("]"):
                field, _sep, index = name[len("NEW_ITEM-") : -1].partition("[")
                if index.isdigit():
                    items.setdefault(int(index), {})[field] = value
        return [items[index] for index in sorted(items)]
