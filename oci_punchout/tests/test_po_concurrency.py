# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading

from odoo import Command, api
from odoo.tests import tagged

from ..tools import cxml
from .committed_common import CommittedCase
from .common import thread_env
from .po_common import DATA

SECRET = "conc-s3cret"


@tagged("post_install", "-at_install")
class TestPoConcurrency(CommittedCase):
    """Two identical POs at the same moment, in two real transactions
    (committed data, two cursors, two threads): one document, one order,
    the same answer twice."""

    def setUp(self):
        super().setUp()
        with self._committed_env({"tracking_disable": True}) as env:
            customer = env["res.partner"].create(
                {"name": "Concurrency Care BV", "is_company": True}
            )
            product = env["product.product"].create(
                {
                    "name": "Concurrency cake",
                    "default_code": "CONC-CAKE-1",
                    "list_price": 10.0,
                    "type": "consu",
                    "is_published": True,
                    "sale_ok": True,
                    "taxes_id": [Command.clear()],
                }
            )
            connection = env["oci.connection"].create(
                {
                    "name": "Concurrency SRM",
                    "code": "conc-po-test",
                    "partner_id": customer.id,
                    "username": "conc",
                    "password": "x-conc-pass",
                    "po_identity": "CONC-ID",
                    "po_secret": SECRET,
                }
            )
            self.ids = {
                "customer": customer.id,
                "product": product.id,
                "connection": connection.id,
                "currency": env.company.currency_id.name,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self._committed_env() as env:
            docs = env["oci.purchase.order"].search(
                [("connection_id", "=", self.ids["connection"])]
            )
            orders = docs.order_id | env["sale.order"].search(
                [("oci_connection_id", "=", self.ids["connection"])]
            )
            env["ir.attachment"].search(
                [("res_model", "=", "oci.purchase.order"), ("res_id", "in", docs.ids)]
            ).unlink()
            docs.unlink()
            orders.filtered(lambda o: o.state != "cancel")._action_cancel()
            orders.unlink()
            env["oci.connection"].browse(self.ids["connection"]).unlink()
            env["product.product"].browse(self.ids["product"]).product_tmpl_id.unlink()
            env["res.partner"].browse(self.ids["customer"]).unlink()

    def _body(self):
        from lxml import etree

        tree = etree.parse(str(DATA / "cxml_order_request.xml"))
        root = tree.getroot()
        root.set("payloadID", "conc-1@srm.example")
        root.find("Header/From/Credential/Identity").text = "CONC-ID"
        root.find("Header/Sender/Credential/SharedSecret").text = SECRET
        request = root.find("Request/OrderRequest")
        header = request.find("OrderRequestHeader")
        header.set("orderID", "CONC-PO-1")
        header.remove(header.find("SupplierOrderInfo"))
        header.remove(header.find("ShipTo"))
        items = request.findall("ItemOut")
        request.remove(items[1])
        items[0].find("ItemID/SupplierPartID").text = "CONC-CAKE-1"
        items[0].find("ItemID/SupplierPartAuxiliaryID").text = ""
        body = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
        return body.replace(b'currency="EUR"', f'currency="{self.ids["currency"]}"'.encode())

    def test_two_identical_pos_at_once(self):
        body = self._body()
        barrier = threading.Barrier(2)
        results = [None, None]
        paths = [None, None]

        def send(index):
            with self.registry.cursor() as cr:
                env = thread_env(self.registry, cr)
                barrier.wait(timeout=30)
                connection = env["oci.connection"].search([("code", "=", "conc-po-test")])
                doc = cxml.extract_order_request(cxml.parse_xml(body, allow_cxml_doctype=True))
                result = env["oci.po.intake"]._po_receive(connection, doc)
                results[index] = (result.status_code, result.message, result.record.id)
                paths[index] = (result.record._name, result.twin)
                # Committed so that the other threads see it.
                cr.commit()  # pylint: disable=invalid-commit

        self._in_threads(2, send, 120)
        self.assertTrue(all(results), results)
        self.assertEqual(results[0], results[1], "both senders get the same answer")
        self.assertEqual(results[0][0], 201)  # no quotation: an order to review
        # The loser waited on the unique index and answered from the twin's
        # committed record: a real received PO, no stand-in object.
        self.assertEqual(
            sorted(paths), [("oci.purchase.order", False), ("oci.purchase.order", True)]
        )
        with self._committed_env() as env:
            docs = env["oci.purchase.order"].search(
                [("connection_id", "=", self.ids["connection"])]
            )
            self.assertEqual(len(docs), 1)
            orders = env["sale.order"].search([("oci_connection_id", "=", self.ids["connection"])])
            self.assertEqual(len(orders), 1)
            self.assertEqual(docs.order_id, orders)

    def _at_once(self, count, call):
        """``call(env)`` in ``count`` threads at once, each in its own
        transaction and, like the PO endpoints, as the public user with
        sudo(); returns [(code, text, record id)]."""
        barrier = threading.Barrier(count)
        results = [None] * count

        def run(index):
            try:
                with self.registry.cursor() as cr:
                    public = thread_env(self.registry, cr).ref("base.public_user")
                    env = api.Environment(cr, public.id, {})
                    barrier.wait(timeout=30)
                    code, text, record = call(env["oci.purchase.order"].sudo())
                    results[index] = (code, text, record.id if record else None)
                    # Committed so that the other threads see it.
                    cr.commit()  # pylint: disable=invalid-commit
            except Exception as error:  # noqa: BLE001 - reported by the assertion below
                results[index] = ("exception", repr(error), None)

        self._in_threads(count, run, 180)
        return results

    def _assert_one_answer(self, results):
        self.assertTrue(all(results), results)
        self.assertEqual(len(set(results)), 1, f"every duplicate gets the first answer: {results}")
        self.assertEqual(results[0][0], 201, results)
        self.assertIn("held for review", results[0][1])
        with self._committed_env() as env:
            docs = env["oci.purchase.order"].search(
                [("connection_id", "=", self.ids["connection"])]
            )
            self.assertEqual(docs.ids, [results[0][2]])
            orders = env["sale.order"].search([("oci_connection_id", "=", self.ids["connection"])])
            self.assertEqual(docs.order_id, orders)
            self.assertEqual(len(orders.order_line), 1)

    def test_concurrent_duplicates_as_public_user(self):
        """Four copies of one cXML OrderRequest at once through the public
        endpoint's environment: all four get the first one's answer."""
        body = self._body()
        results = self._at_once(4, lambda Po: Po._po_receive_cxml("conc-po-test", body))
        self._assert_one_answer(results)

    def test_concurrent_duplicate_ubl_orders(self):
        """The same UBL Order posted four times at once (one UUID)."""
        body = (DATA / "ubl_order.xml").read_bytes()
        body = body.replace(b"PO-UBL-2026-001", b"CONC-UBL-1").replace(
            b"<cbc:ID>TT-SLAG</cbc:ID>", b"<cbc:ID>CONC-CAKE-1</cbc:ID>"
        )
        # One line, no quotation: an order held for review.
        start = body.index(b"<cac:OrderLine>", body.index(b"<cac:OrderLine>") + 1)
        end = body.index(b"</cac:OrderLine>", start) + len(b"</cac:OrderLine>")
        body = body[:start] + body[end:]
        body = body.replace(b"<cbc:ID>S00000</cbc:ID>", b"<cbc:ID>NO-SUCH-QUOTE</cbc:ID>")
        body = body.replace(b'currencyID="EUR"', f'currencyID="{self.ids["currency"]}"'.encode())
        body = body.replace(b">EUR<", f">{self.ids['currency']}<".encode())
        results = self._at_once(
            4, lambda Po: Po._po_receive_ubl("conc-po-test", body, "CONC-ID", SECRET)
        )
        self._assert_one_answer(results)
