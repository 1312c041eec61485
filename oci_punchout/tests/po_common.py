# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the PO tests share: the connection's PO credentials, documents built
from tests/data and the checks every channel's tests make."""

from pathlib import Path

from lxml import etree

from .common import OciCommon

DATA = Path(__file__).parent / "data"
PO_IDENTITY = "AN01000000471"
PO_SECRET = "po-Shared-s3cret"


class PoCommon(OciCommon):
    """OciCommon plus PO settings on the connections and helpers building
    realistic cXML / UBL documents from the files in tests/data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connection.write(
            {"po_identity": PO_IDENTITY, "po_domain": "NetworkID", "po_secret": PO_SECRET}
        )
        cls.other_connection.write(
            {"po_identity": "AN-OTHER", "po_domain": "NetworkID", "po_secret": "other-secret"}
        )
        cls.branch.write({"ref": "NOORD", "zip": "3511 AA"})
        cls.Po = cls.env["oci.purchase.order"].sudo()

    def _quote(self, lines=None, connection=None):
        """A punchout cart transferred to procurement."""
        connection = connection or self.connection
        session = self._open_session(connection)
        order = self._cart(session, lines or [(self.product_cake, 2), (self.product_logo, 1)])
        session._oci_transfer()
        self.assertEqual(order.oci_transfer_state, "transferred")
        return order

    def _cxml(
        self,
        order=None,
        po_number="4500012345",
        payload_id=None,
        items=None,
        order_type="new",
        identity=PO_IDENTITY,
        secret=PO_SECRET,
        quote_ref=True,
    ):
        """The cXML OrderRequest of tests/data with our values.
        items: list of (product, qty, price, aux) or None for the order lines."""
        tree = etree.parse(str(DATA / "cxml_order_request.xml"))
        root = tree.getroot()
        root.set("payloadID", payload_id or f"{po_number}-{order_type}@srm.example")
        root.find("Header/From/Credential/Identity").text = identity
        root.find("Header/Sender/Credential/SharedSecret").text = secret
        header = root.find("Request/OrderRequest/OrderRequestHeader")
        header.set("orderID", po_number)
        header.set("type", order_type)
        info = header.find("SupplierOrderInfo")
        if order is not None and quote_ref:
            info.set("orderID", order.name)
        else:
            header.remove(info)
        request = root.find("Request/OrderRequest")
        template = request.find("ItemOut")
        for item in request.findall("ItemOut"):
            request.remove(item)
        if items is None:
            items = [
                (
                    sol.product_id,
                    sol.product_uom_qty,
                    sol.price_reduce_taxexcl,
                    f"{order.name}/{sol.id}" if quote_ref else "",
                )
                for sol in order.order_line
            ]
        for index, (product, qty, price, aux) in enumerate(items, start=1):
            item = etree.fromstring(etree.tostring(template))
            item.set("quantity", str(qty))
            item.set("lineNumber", str(index * 10))
            item.find("ItemID/SupplierPartID").text = product.default_code if product else "NOPE-1"
            aux_node = item.find("ItemID/SupplierPartAuxiliaryID")
            aux_node.text = aux or ""
            item.find("ItemDetail/UnitPrice/Money").text = f"{price:.2f}"
            request.append(item)
        body = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
        return body.replace(b'currency="EUR"', f'currency="{self.currency.name}"'.encode())

    def _send(self, body, connection=None):
        return self.Po._po_receive_cxml((connection or self.connection).code, body)

    def _ubl(self, order=None, po_number="PO-UBL-2026-001", items=None, uuid=None):
        tree = etree.parse(str(DATA / "ubl_order.xml"))
        root = tree.getroot()
        ns = {
            "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
            "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
        }
        root.find("cbc:ID", ns).text = po_number
        if uuid:
            uuid_node = etree.Element(f"{{{ns['cbc']}}}UUID")
            uuid_node.text = uuid
            root.find("cbc:ID", ns).addnext(uuid_node)
        ref = root.find("cac:QuotationDocumentReference/cbc:ID", ns)
        if order is not None:
            ref.text = order.name
        else:
            root.remove(root.find("cac:QuotationDocumentReference", ns))
        if items is not None:
            lines = root.findall("cac:OrderLine", ns)
            template = lines[0]
            for line in lines:
                root.remove(line)
            for index, (product, qty, price) in enumerate(items, start=1):
                line = etree.fromstring(etree.tostring(template))
                item = line.find("cac:LineItem", ns)
                item.find("cbc:ID", ns).text = str(index)
                item.find("cbc:Quantity", ns).text = str(qty)
                item.find("cbc:LineExtensionAmount", ns).text = f"{qty * price:.2f}"
                item.find("cac:Price/cbc:PriceAmount", ns).text = f"{price:.2f}"
                item.find(
                    "cac:Item/cac:SellersItemIdentification/cbc:ID", ns
                ).text = product.default_code
                root.append(line)
        body = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
        cur = self.currency.name.encode()
        return body.replace(b'currencyID="EUR"', b'currencyID="' + cur + b'"').replace(
            b">EUR</cbc:DocumentCurrencyCode>", b">" + cur + b"</cbc:DocumentCurrencyCode>"
        )

    def _assert_untouched(self, order):
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.oci_transfer_state, "transferred")
        self.assertFalse(order.client_order_ref)
        self.assertFalse(order.oci_po_review)

    def _send_ubl(self, body, secret=PO_SECRET):
        return self.Po._po_receive_ubl(self.connection.code, body, PO_IDENTITY, secret)

    def _po_counts(self):
        """What a refused PO must not leave behind."""
        return (
            self.env["oci.purchase.order"].sudo().search_count([]),
            self.env["sale.order"].sudo().search_count([]),
            self.env["sale.order.line"].sudo().search_count([]),
            self.env["ir.attachment"].sudo().search_count([]),
        )


def cxml_status(content):
    """(code, text) of a cXML Response."""
    root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    status = root.find("Response/Status")
    return int(status.get("code")), (status.text or "")
