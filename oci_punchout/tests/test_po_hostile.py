# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hostile purchase orders over the real HTTP stack: absurd numbers in cXML
and UBL, NUL bytes in the path, the body and the headers. Every one gets a
readable 4xx (cXML: Status 400 inside HTTP 200), never a 500, and leaves
nothing behind."""

import base64
import http.client
import json
import re
from urllib.parse import urlsplit

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .po_common import PO_IDENTITY, PO_SECRET, PoCommon, cxml_status

# Quantities and prices no purchase order can mean.
ABSURD = [
    "1E+400",
    "1e400",
    "Infinity",
    "-Infinity",
    "inf",
    "NaN",
    "-NaN",
    "sNaN",
    "1e308",
    "-1e308",
    "99999999999999999999999999999999999999",
    "1" + "0" * 400,
    "-2",
    "-0.5",
    "1e-400",
    "0x10",
    "1_000",
    "12,5",
    "",
]
# Signs of internals that must never reach a sender.
INTERNALS = re.compile(
    r"Traceback|psycopg2|File \"|odoo\.|NumericValueOutOfRange|out of range for type|"
    r"not allowed to access|<html|Internal Server Error|<string>",
    re.IGNORECASE,
)


@tagged("post_install", "-at_install")
class TestPoHostileHttp(PoCommon, HttpCase):
    def setUp(self):
        super().setUp()
        self.order = self._quote()
        self.cxml_url = f"/oci/{self.connection.code}/po/cxml"
        self.ubl_url = f"/oci/{self.connection.code}/po/ubl"
        self.auth = "Basic " + base64.b64encode(f"{PO_IDENTITY}:{PO_SECRET}".encode()).decode()

    def _assert_nothing_made(self, before):
        self.env.invalidate_all()
        self.assertEqual(self._po_counts(), before, "a refused PO leaves nothing behind")
        self._assert_untouched(self.order)

    @staticmethod
    def _unique(body, index):
        """The cXML document as another PO (own number and payloadID), so a
        case is never answered as the duplicate of an earlier one."""
        return body.replace(b'orderID="4500012345"', f'orderID="ABS-{index}"'.encode()).replace(
            b'payloadID="4500012345-new@', f'payloadID="abs-{index}@'.encode()
        )

    @staticmethod
    def _unique_ubl(body, index):
        return body.replace(b">PO-UBL-2026-001<", f">ABS-UBL-{index}<".encode())

    def _post_cxml(self, body, url=None):
        response = self.url_open(
            url or self.cxml_url, data=body, headers={"Content-Type": "text/xml"}
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertIn("text/xml", response.headers["Content-Type"])
        code, text = cxml_status(response.content)
        self.assertTrue(text)
        self.assertNotRegex(text, INTERNALS)
        return code, text

    def _post_ubl(self, body, url=None, auth=None):
        response = self.url_open(
            url or self.ubl_url,
            data=body,
            headers={"Content-Type": "application/xml", "Authorization": auth or self.auth},
        )
        self.assertIn(
            "application/json", response.headers.get("Content-Type", ""), response.text[:300]
        )
        payload = json.loads(response.content)
        self.assertEqual(payload["status"], response.status_code)
        self.assertTrue(payload["message"])
        self.assertNotRegex(payload["message"], INTERNALS)
        return response.status_code, payload["message"]

    # ------------------------------------------------------------------
    # Absurd numbers
    # ------------------------------------------------------------------
    def test_cxml_absurd_quantities_prices_and_totals(self):
        good = self._cxml(self.order)
        first_qty = re.search(rb'<ItemOut quantity="[^"]*"', good).group(0)
        first_price = re.search(
            rb"<Money currency=\"\w+\">[0-9.]+</Money>\s*</UnitPrice>", good
        ).group(0)
        total = re.search(rb"<Total>\s*<Money currency=\"\w+\">[0-9.]+</Money>", good).group(0)
        before = self._po_counts()
        seen = []
        for value in ABSURD:
            raw = value.encode()
            cases = {
                "quantity": good.replace(first_qty, b'<ItemOut quantity="' + raw + b'"', 1),
                "price": good.replace(
                    first_price, re.sub(rb">[0-9.]+<", b">" + raw + b"<", first_price), 1
                ),
                "total": good.replace(total, re.sub(rb">[0-9.]+<", b">" + raw + b"<", total), 1),
            }
            for where, body in cases.items():
                with self.subTest(where=where, value=value):
                    code, text = self._post_cxml(self._unique(body, len(seen)))
                    seen.append(where)
                    self.assertEqual(code, 400, text)
                    self.assertRegex(text, r"(?i)quantity|price|total")
        self._assert_nothing_made(before)
        # The untouched document still confirms: the refusals used up nothing.
        self.assertEqual(self._post_cxml(good)[0], 200)
        self.assertEqual(self.order.state, "sale")

    def test_ubl_absurd_quantities_and_prices(self):
        good = self._ubl(self.order)
        qty = b'<cbc:Quantity unitCode="C62">2</cbc:Quantity>'
        price = b">32.50</cbc:PriceAmount>"
        amount = b">65.00</cbc:LineExtensionAmount>"
        self.assertTrue(qty in good and price in good and amount in good)
        before = self._po_counts()
        seen = []
        for value in ABSURD:
            raw = value.encode()
            cases = {
                "quantity": good.replace(
                    qty, b'<cbc:Quantity unitCode="C62">' + raw + b"</cbc:Quantity>"
                ),
                "price": good.replace(price, b">" + raw + b"</cbc:PriceAmount>"),
                "line amount": good.replace(amount, b">" + raw + b"</cbc:LineExtensionAmount>"),
            }
            for where, body in cases.items():
                with self.subTest(where=where, value=value):
                    status, message = self._post_ubl(self._unique_ubl(body, len(seen)))
                    seen.append(where)
                    self.assertEqual(status, 400, message)
                    self.assertRegex(message, r"(?i)quantity|price|amount")
        # Odoo's own line reader divides by the base quantity.
        zero_base = good.replace(
            price, price + b'<cbc:BaseQuantity unitCode="C62">0</cbc:BaseQuantity>'
        )
        self.assertEqual(self._post_ubl(zero_base)[0], 400)
        self._assert_nothing_made(before)
        status, message = self._post_ubl(good)
        self.assertEqual(status, 200, message)
        self.assertEqual(self.order.state, "sale")

    def test_ubl_upload_absurd_numbers(self):
        """The backend upload (sale_edi_ubl's 'Upload' button) refuses with a
        readable message and imports nothing."""
        good = self._ubl(self.order)
        qty = b'<cbc:Quantity unitCode="C62">2</cbc:Quantity>'
        before = self._po_counts()
        for value in ("1E+400", "Infinity", "NaN", "1e308", "9" * 30, "-3"):
            body = good.replace(
                qty, b'<cbc:Quantity unitCode="C62">' + value.encode() + b"</cbc:Quantity>"
            )
            attachment = self.env["ir.attachment"].create({"name": "po.xml", "raw": body})
            with self.subTest(value=value), self.assertRaisesRegex(UserError, "(?i)quantity"):
                self.env["sale.order"]._create_order_from_attachment(attachment.ids)
            attachment.unlink()
        self._assert_nothing_made(before)

    def test_ids_beyond_the_database_range(self):
        """Line and address ids are numbers from the sender: one past the
        database's integer range names no record (the line is found by its
        product, the branch by its address), it is no crash."""
        huge = "9" * 20
        good = self._cxml(self.order)
        aux = re.search(rb"<SupplierPartAuxiliaryID>[^<]*/(\d+)<", good).group(1)
        bodies = [
            good.replace(b"/" + aux + b"<", b"/" + huge.encode() + b"<"),
            good.replace(b'addressID="NOORD"', b'addressID="' + huge.encode() + b'"'),
            good.replace(b"<SupplierPartID>TT-SLAG<", b"<SupplierPartID>" + huge.encode() + b"<"),
        ]
        for index, body in enumerate(bodies):
            with self.subTest(index=index):
                body = body.replace(b'orderID="4500012345"', f'orderID="BIG-{index}"'.encode())
                body = body.replace(b"4500012345-new@", f"big-{index}@".encode())
                code, text = self._post_cxml(body)
                self.assertIn(code, (200, 201), text)
                # The first PO orders the quotation; the next ones find it ordered.
                self.assertEqual(code, 200 if index == 0 else 201, text)

    def test_impossible_dates(self):
        good = self._cxml(self.order)
        before = self._po_counts()
        for value in ("2026-13-45", "2026-02-30", "0000-00-00", "9999-99-99T00:00:00"):
            body = good.replace(
                b'requestedDeliveryDate="2026-05-08"', f'requestedDeliveryDate="{value}"'.encode()
            )
            with self.subTest(value=value):
                code, text = self._post_cxml(self._unique(body, value))
                self.assertEqual(code, 400, text)
                self.assertIn("date", text)
        ubl = self._ubl(self.order).replace(
            b">2026-05-08</cbc:StartDate>", b">2026-02-31</cbc:StartDate>"
        )
        self.assertEqual(self._post_ubl(ubl)[0], 400)
        self._assert_nothing_made(before)

    # ------------------------------------------------------------------
    # NUL bytes
    # ------------------------------------------------------------------
    def test_nul_in_path(self):
        body = self._cxml(self.order)
        before = self._po_counts()
        for url in (
            "/oci/x%00/po/cxml",
            f"/oci/{self.connection.code}%00/po/cxml",
            "/oci/%00/po/cxml",
        ):
            with self.subTest(url=url):
                code, _text = self._post_cxml(body, url=url)
                self.assertIn(code, (400, 404))
        for url in ("/oci/x%00/po/ubl", f"/oci/{self.connection.code}%00/po/ubl"):
            with self.subTest(url=url):
                status, _message = self._post_ubl(self._ubl(self.order), url=url)
                self.assertIn(status, (400, 404))
        self._assert_nothing_made(before)

    def test_nul_in_body(self):
        good = self._cxml(self.order)
        before = self._po_counts()
        bodies = [
            good.replace(b"TT-SLAG", b"TT-\x00SLAG"),
            good.replace(b'orderID="4500012345"', b'orderID="45\x00"'),
            b"\x00" * 64,
            good + b"\x00",
            good.replace(b"<Request", b"<Req\x00uest"),
        ]
        for index, body in enumerate(bodies):
            with self.subTest(index=index):
                code, _text = self._post_cxml(body)
                self.assertEqual(code, 400)
                status, _message = self._post_ubl(body.replace(b"cXML", b"Order"))
                self.assertEqual(status, 400)
        self._assert_nothing_made(before)

    def _raw_post(self, path, body, headers):
        """POST with raw header bytes (NULs the requests library would not
        send); returns (status, body)."""
        url = urlsplit(self.base_url())
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        try:
            connection.putrequest("POST", path)
            for name, value in headers:
                connection.putheader(name, value)
            connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def test_nul_in_headers(self):
        body = self._ubl(self.order)
        before = self._po_counts()
        nul_identity = base64.b64encode(f"{PO_IDENTITY}\x00:{PO_SECRET}".encode())
        nul_secret = base64.b64encode(f"{PO_IDENTITY}:{PO_SECRET}\x00".encode())
        cases = [
            (self.ubl_url, [(b"Authorization", b"Basic " + nul_identity)], 401),
            (self.ubl_url, [(b"Authorization", b"Basic " + nul_secret)], 401),
            (self.ubl_url, [(b"Authorization", b"Basic \x00" + nul_identity)], 401),
            (self.ubl_url, [(b"Authorization", b"\x00Basic")], 401),
            (self.ubl_url, [(b"Content-Type", b"application/xml\x00; charset=\x00")], 401),
            (self.ubl_url, [(b"X-Forwarded-For", b"10.0.0.1\x00")], 401),
        ]
        for path, headers, expected in cases:
            with self.subTest(headers=headers):
                status, content = self._raw_post(path, body, headers)
                self.assertEqual(status, expected, content[:300])
                self.assertNotRegex(content.decode("utf-8", "replace"), INTERNALS)
        status, content = self._raw_post(
            self.cxml_url,
            self._cxml(self.order, secret="nope"),
            [(b"Content-Type", b"text/xml\x00"), (b"User-Agent", b"\x00\x00")],
        )
        self.assertEqual(status, 200)
        self.assertEqual(cxml_status(content)[0], 401)
        self._assert_nothing_made(before)

    def test_manual_po_absurd_quantity(self):
        """The manual channel (a PO typed in from an e-mail) refuses absurd
        quantities and prices too, before anything is written."""
        from odoo.tests import Form

        before = self._po_counts()
        for quantity, price in ((1e12, 32.5), (2_000_000, 32.5), (2, 1e15)):
            action = self.order.action_oci_po_confirm_wizard()
            form = Form(self.env[action["res_model"]].with_context(**action["context"]))
            form.po_number = "MAIL-ABSURD"
            with form.line_ids.new() as line:
                line.product_id = self.product_cake
                line.quantity = quantity
                line.price_unit = price
            wizard = form.save()
            with (
                self.subTest(quantity=quantity, price=price),
                self.assertRaisesRegex(UserError, "out of range"),
            ):
                wizard.action_confirm_po()
        self._assert_nothing_made(before)
