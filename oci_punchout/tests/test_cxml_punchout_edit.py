# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""cXML edit and inspect over HTTP: the buyer sends the ItemOut lines of an
earlier cart; edit restores that quotation (superseded, not duplicated),
inspect shows it read-only and returns it unchanged."""

from urllib.parse import urlsplit

from odoo.tests import tagged

from ..tools import cxml_punchout as cx
from .cxml_common import CxmlBrowser, CxmlHttpCommon


def item_outs(order):
    """The ItemOut lines a procurement system sends back for an earlier POOM."""
    return [
        cx.ItemOut(
            supplier_part_id=item.supplier_part_id,
            supplier_part_auxiliary_id=item.supplier_part_auxiliary_id,
            quantity=item.quantity,
            unit_price=item.unit_price,
            currency=order.currency,
            description=item.description,
            unit_of_measure=item.unit_of_measure,
            classifications=item.classifications,
        )
        for item in order.items
    ]


@tagged("post_install", "-at_install")
class TestCxmlPunchoutEdit(CxmlHttpCommon):
    def _first_cart(self):
        browser = CxmlBrowser(self)
        browser.start(self._setup(buyer_cookie="first"))
        browser.add(self.product_cake, 2)
        _a, poom, _r = browser.press()
        return self._session().order_id, poom

    def _count_orders(self):
        return self.env["sale.order"].search_count([("oci_connection_id", "=", self.connection.id)])

    def test_edit_restores_and_supersedes_the_quotation(self):
        quotation, poom = self._first_cart()
        browser = CxmlBrowser(self)
        response = browser.start(
            self._setup(operation="edit", buyer_cookie="second", items=item_outs(poom))
        )
        self.assertEqual(urlsplit(response.headers["Location"]).path, "/shop/cart")
        session = self._session()
        self.assertEqual(session.cxml_operation, "edit")
        self.assertEqual(session.order_id, quotation)
        self.assertEqual(quotation.state, "draft")
        cart = browser.request("GET", "/shop/cart")
        self.assertIn("Slagroomtaart", cart.text)
        browser.add(self.product_fruit, 1)
        _a, edited, _r = browser.press()
        self.assertEqual(edited.buyer_cookie, "second")
        self.assertEqual(edited.operation_allowed, "edit")
        self.assertEqual(
            sorted((i.supplier_part_id, i.quantity) for i in edited.items),
            [("TG-FRUIT", 1), ("TT-SLAG", 2)],
        )
        self.assertTrue(
            all(i.supplier_part_auxiliary_id.startswith(f"{quotation.name}/") for i in edited.items)
        )
        self.assertEqual(self._count_orders(), 1, "superseded, not duplicated")
        self.assertEqual(quotation.state, "sent")
        self.assertEqual(len(quotation.order_line), 2)

    def test_edit_with_unknown_key(self):
        # A key naming no quotation of this connection: the cart is rebuilt
        # from the ItemOut lines the shop sells...
        unknown = [cx.ItemOut("TT-LOGO", "S99999/12", quantity=3)]
        browser = CxmlBrowser(self)
        url = self._setup(operation="edit", items=unknown)
        session = self._session()
        self.assertFalse(session.order_id)
        browser.start(url)
        cart = browser.request("GET", "/shop/cart")
        self.assertEqual(cart.status_code, 200)
        order = session.order_id
        self.assertEqual(
            [(line.product_id, line.product_uom_qty) for line in order.order_line],
            [(self.product_logo, 3)],
        )
        # ...and with nothing the shop knows it is refused.
        status, _t, detail, url = self._post_setup(
            self._setup_xml(operation="edit", items=[cx.ItemOut("NOPE-1", "S99999/1")])
        )
        self.assertEqual(status, 400, detail)
        self.assertFalse(url)

    def test_edit_cannot_reach_another_customers_quotation(self):
        self.other_connection.punchout_protocol = "both"
        other_session = self._open_session(self.other_connection)
        other_order = self._cart(other_session, [(self.product_fruit, 5)])
        items = [cx.ItemOut("TT-SLAG", f"{other_order.name}/{other_order.order_line.id}")]
        CxmlBrowser(self).start(self._setup(operation="edit", items=items))
        session = self._session()
        self.assertNotEqual(session.order_id, other_order)
        self.assertEqual(other_order.oci_session_id, other_session)

    def test_inspect_is_read_only_and_returns_the_cart(self):
        quotation, poom = self._first_cart()
        browser = CxmlBrowser(self)
        browser.start(self._setup(operation="inspect", buyer_cookie="look", items=item_outs(poom)))
        cart = browser.request("GET", "/shop/cart")
        self.assertIn("o_oci_return", cart.text)
        self.assertNotIn('o_oci_transfer"', cart.text)
        before = [(line.product_id, line.product_uom_qty) for line in quotation.order_line]
        browser.request(
            "POST",
            "/shop/cart/update",
            data={
                "product_id": self.product_fruit.id,
                "add_qty": 1,
                "csrf_token": browser.csrf("/shop"),
            },
        )
        line = quotation.order_line
        browser.request(
            "POST",
            "/shop/cart/update_json",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"product_id": line.product_id.id, "line_id": line.id, "set_qty": 9},
            },
        )
        self.assertEqual(
            [(line.product_id, line.product_uom_qty) for line in quotation.order_line], before
        )
        _a, returned, _r = browser.press()
        self.assertEqual(returned.operation_allowed, "inspect")
        self.assertEqual(returned.buyer_cookie, "look")
        self.assertEqual(
            [
                (i.supplier_part_id, i.quantity, i.supplier_part_auxiliary_id)
                for i in returned.items
            ],
            [(i.supplier_part_id, i.quantity, i.supplier_part_auxiliary_id) for i in poom.items],
        )
        self.assertEqual(quotation.state, "sent")
        self.assertEqual(self._count_orders(), 1)
