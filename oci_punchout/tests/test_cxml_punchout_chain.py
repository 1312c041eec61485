# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The whole cXML chain over HTTP: PunchOutSetupRequest -> StartPage ->
website cart -> PunchOutOrderMessage -> the buyer's OrderRequest built from
that POOM (SupplierPartAuxiliaryID as received) -> confirmed order -> UBL
invoice carrying the PO number."""

from pathlib import Path

import requests
from lxml import etree

from odoo.tests import tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME

from ..tools import cxml_punchout as cx
from .cxml_common import CXML_IDENTITY, CXML_SECRET, CxmlBrowser, CxmlHttpCommon

DATA = Path(__file__).parent / "data"
UBL = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}


@tagged("post_install", "-at_install")
class TestCxmlPunchoutChain(CxmlHttpCommon):
    def _order_request(self, poom, po_number):
        """The OrderRequest a procurement system sends after approval: its
        ItemOut lines are the POOM's ItemIn lines."""
        tree = etree.parse(str(DATA / "cxml_order_request.xml"))
        root = tree.getroot()
        root.set("payloadID", f"{po_number}@buyer.example.com")
        root.find("Header/From/Credential/Identity").text = CXML_IDENTITY
        root.find("Header/Sender/Credential/Identity").text = CXML_IDENTITY
        root.find("Header/Sender/Credential/SharedSecret").text = CXML_SECRET
        header = root.find("Request/OrderRequest/OrderRequestHeader")
        header.set("orderID", po_number)
        header.remove(header.find("SupplierOrderInfo"))
        header.find("Total/Money").text = cx.format_decimal(poom.total)
        header.find("Total/Money").set("currency", poom.currency)
        request = root.find("Request/OrderRequest")
        template = request.find("ItemOut")
        for node in request.findall("ItemOut"):
            request.remove(node)
        for index, item in enumerate(poom.items, start=1):
            node = etree.fromstring(etree.tostring(template))
            node.set("quantity", cx.format_decimal(item.quantity))
            node.set("lineNumber", str(index * 10))
            node.find("ItemID/SupplierPartID").text = item.supplier_part_id
            node.find("ItemID/SupplierPartAuxiliaryID").text = item.supplier_part_auxiliary_id
            money = node.find("ItemDetail/UnitPrice/Money")
            money.text = cx.format_decimal(item.unit_price)
            money.set("currency", poom.currency)
            node.find("ItemDetail/UnitOfMeasure").text = item.unit_of_measure
            request.append(node)
        return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")

    def test_setup_cart_poom_order_request_invoice(self):
        (self.product_cake | self.product_logo).invoice_policy = "order"
        browser = CxmlBrowser(self)
        browser.start(self._setup(contact=("Anna Orderer", "anna@zorg.example")))
        browser.add(self.product_cake, 3)
        browser.add(self.product_logo, 1)
        _action, poom, _response = browser.press()
        quotation = self._session().order_id
        self.assertEqual(quotation.state, "sent")

        self.env.flush_all()
        response = requests.post(
            f"{self.base_url()}/oci/{self.connection.code}/po/cxml",
            data=self._order_request(poom, "4500099001"),
            headers={"Content-Type": "text/xml"},
            cookies={TEST_CURSOR_COOKIE_NAME: self.http_request_key},
            timeout=60,
        )
        self.env.invalidate_all()
        self.assertEqual(response.status_code, 200)
        status = etree.fromstring(
            response.content, etree.XMLParser(resolve_entities=False, no_network=True)
        ).find("Response/Status")
        self.assertEqual(status.get("code"), "200", status.text)
        self.assertEqual(quotation.state, "sale", "the POOM's quotation is confirmed")
        self.assertEqual(quotation.client_order_ref, "4500099001")
        self.assertEqual(quotation.oci_transfer_state, "ordered")
        self.assertEqual(
            self.env["sale.order"].search_count([("oci_connection_id", "=", self.connection.id)]),
            1,
            "matched, not duplicated",
        )

        invoice = quotation._create_invoices()
        invoice.action_post()
        xml, _errors = self.env["account.edi.xml.ubl_bis3"]._export_invoice(invoice)
        tree = etree.fromstring(xml)
        self.assertEqual(tree.findtext("cac:OrderReference/cbc:ID", namespaces=UBL), "4500099001")
        self.assertEqual(len(tree.findall("cac:InvoiceLine", namespaces=UBL)), 2)
