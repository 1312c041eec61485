# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""cXML OrderRequests refused or kept apart: refusals create nothing, the
standard DOCTYPE, other customers' orders and the access rules."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .po_common import DATA, PoCommon


@tagged("post_install", "-at_install")
class TestPoCxmlRefusals(PoCommon):
    def test_refusals_create_nothing(self):
        order = self._quote()
        good = self._cxml(order)
        count = self.Po.search_count([])
        attachments = self.env["ir.attachment"].search_count([])
        self.env["ir.config_parameter"].sudo().set_param("oci_punchout.po_max_bytes", 20000)
        cases = [
            (b"<cXML><Header>", 400, "not well-formed"),
            (b"", 400, "empty"),
            (good + b" " * 20000, 413, "larger than"),
            ((DATA / "cxml_xxe.xml").read_bytes(), 400, "entity"),
            ((DATA / "cxml_billion_laughs.xml").read_bytes(), 400, "entity"),
            (
                b'<?xml version="1.0"?><!DOCTYPE cXML SYSTEM "http://evil.example/x.dtd"><cXML/>',
                400,
                "DOCTYPE",
            ),
            (b'<?xml version="1.0"?><!DOCTYPE cXML [<!ELEMENT cXML ANY>]><cXML/>', 400, "DOCTYPE"),
            (b"<Order/>", 400, "not a cXML"),
            (good.replace(b'orderID="4500012345"', b'orderID=""'), 400, "orderID"),
            (self._cxml(order, secret="wrong"), 401, "credentials"),
            (self._cxml(order, identity="AN-OTHER", secret="other-secret"), 401, "credentials"),
            (
                good.replace(
                    b'domain="NetworkID">\n        <Identity>AN01',
                    b'domain="DUNS">\n        <Identity>AN01',
                ),
                401,
                "credentials",
            ),
            (self._cxml(order, items=[(None, 1, 1.0, "")]), 400, "unknown product"),
            (self._cxml(order, items=[(self.product_cake, 0, 32.5, "")]), 400, "greater than zero"),
            (
                self._cxml(order, items=[(self.product_cake, -2, 32.5, "")]),
                400,
                "greater than zero",
            ),
            (self._cxml(order, items=[(self.product_cake, 2, -1, "")]), 400, "negative"),
            (good.replace(b'quantity="2.0"', b'quantity="two"'), 400, "not a number"),
            (
                good.replace(
                    f'currency="{self.currency.name}">32.5'.encode(), b'currency="XXX">32.5'
                ),
                400,
                "currency",
            ),
            (
                self._cxml(order, order_type="delete", po_number="NEVER-SEEN", items=[]),
                404,
                "No order",
            ),
        ]
        for body, status, text in cases:
            with self.subTest(status=status, text=text):
                code, message, record = self._send(body)
                self.assertEqual(code, status, message)
                self.assertIn(text, message)
                self.assertIsNone(record)
        code, message, _record = self.Po._po_receive_cxml("no-such-code", good)
        self.assertEqual((code, message), (404, "Unknown connection."))
        self.assertEqual(self.Po.search_count([]), count)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        self._assert_untouched(order)
        self.assertNotIn(b"root:", str(message).encode())

    def test_accepts_standard_cxml_doctype(self):
        body = (DATA / "cxml_order_request.xml").read_bytes()
        self.assertIn(b"<!DOCTYPE cXML SYSTEM", body)
        order = self._quote()
        code, text, _record = self._send(self._cxml(order))
        self.assertEqual(code, 200, text)

    def test_connection_only_orders_for_own_customer(self):
        theirs = self._quote(connection=self.other_connection)
        # Our buyer names the other customer's quotation and lines.
        items = [
            (
                sol.product_id,
                sol.product_uom_qty,
                sol.price_reduce_taxexcl,
                f"{theirs.name}/{sol.id}",
            )
            for sol in theirs.order_line
        ]
        code, _text, record = self._send(self._cxml(theirs, items=items))
        self.assertEqual(code, 201)
        self.assertEqual(record.matched_by, "none")
        self.assertIn("not a quotation of this customer", record.differences)
        self.assertNotEqual(record.order_id, theirs)
        self.assertEqual(record.order_id.partner_id.commercial_partner_id, self.customer)
        self._assert_untouched(theirs)
        # A ship-to of the other customer is not accepted either.
        other_branch = self.env["res.partner"].create(
            {
                "name": "Ander Zuid",
                "type": "delivery",
                "parent_id": self.other_customer.id,
                "ref": "ZUID",
            }
        )
        order = self._quote()
        body = self._cxml(order, po_number="PO-SHIP").replace(
            b'addressID="NOORD"', b'addressID="ZUID"'
        )
        body = body.replace(b"Locatie Noord", b"Ander Zuid").replace(b"Noordweg 1", b"Elders 9")
        code, _text, record = self._send(body)
        self.assertEqual(code, 201)
        self.assertIn("not an address of this customer", record.differences)
        self.assertNotEqual(order.partner_shipping_id, other_branch)

    def test_access_rules(self):
        order = self._quote()
        _code, _text, record = self._send(self._cxml(order))
        # Portal orderer: no access to received documents.
        with self.assertRaises(AccessError):
            self.env["oci.purchase.order"].with_user(self.orderer_user).browse(record.id).read(
                ["po_number"]
            )
        salesman = new_test_user(
            self.env, login="po_salesman", groups="sales_team.group_sale_salesman_all_leads"
        )
        self.assertEqual(
            self.env["oci.purchase.order"].with_user(salesman).search([("id", "=", record.id)]),
            record,
        )
        with self.assertRaises(AccessError):
            record.with_user(salesman).unlink()
        # The PO secret is hashed and hidden from sales managers.
        manager = new_test_user(
            self.env, login="po_manager", groups="sales_team.group_sale_manager"
        )
        with self.assertRaises(AccessError):
            self.connection.with_user(manager).read(["po_secret_hash"])
        self.assertTrue(self.connection.sudo().po_secret_hash.startswith("$pbkdf2-sha512$"))
        self.assertFalse(self.connection.po_secret)
        self.assertTrue(self.connection.po_secret_set)
        # Another company's user does not see the document.
        company2 = self.env["res.company"].create({"name": "Other Co"})
        stranger = new_test_user(
            self.env,
            login="po_stranger",
            groups="sales_team.group_sale_manager",
            company_id=company2.id,
            company_ids=[(6, 0, company2.ids)],
        )
        self.assertFalse(
            self.env["oci.purchase.order"].with_user(stranger).search([("id", "=", record.id)])
        )
