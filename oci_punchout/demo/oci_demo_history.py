# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo history of the Toptaarten shop, made through the addon's own methods:
punchout logins, transfers and the SRM's cXML purchase orders (the company,
the catalog and the pictures are set up by demo/oci_demo.py). Called from
demo/oci_punchout_demo.xml only."""

import contextlib
import logging
from datetime import datetime, timezone

from lxml import etree

from odoo import api, models

from ..exceptions import OciLoginRefused
from ..tools import oci_format
from .oci_demo import MODULE

_logger = logging.getLogger(__name__)

# The demo history is no network traffic: no address, so the failed-login
# counters (kept apart from the install's transaction) are left alone.
DEMO_ADDR = None
DEMO_AGENT = "SAP SRM 7.0 (demo)"
DEMO_HOOK = "https://srm.delinde.example/sap/bc/srm/punchout?sap-client=100"


class OciConnection(models.Model):
    _inherit = "oci.connection"

    # ------------------------------------------------------------------
    # History: what buyers did, through the addon's own methods
    # ------------------------------------------------------------------
    @api.model
    def _demo_history(self):
        """Punchout sessions of De Linde: two carts waiting for their PO,
        one ordered by a cXML PO, one PO held for review, one cancelled
        punchout and one refused login."""
        connection = self.env.ref(f"{MODULE}.connection_linde_demo")
        oosterhout = self.env.ref(f"{MODULE}.partner_linde_branch_demo")
        breda = self.env.ref(f"{MODULE}.partner_linde_branch2_demo")
        tilburg = self.env.ref(f"{MODULE}.partner_linde_branch3_demo")

        def product(xmlid):
            return self.env.ref(f"{MODULE}.{xmlid}")

        # A wrong secret: refused and logged.
        with contextlib.suppress(OciLoginRefused):
            self._demo_login(connection, password="demo-wrong")
        # Ordered: transferred, then confirmed by the SRM's cXML PO.
        ordered = self._demo_cart(
            connection,
            breda,
            [(product("product_jubilee_cake_demo"), 1), (product("product_tompouce_demo"), 3)],
            card="Gefeliciteerd met 25 jaar Locatie Breda!\nDe directie van De Linde",
            line_card=("Voor alle medewerkers: bedankt!", True),
        )
        self._demo_purchase_order(connection, ordered, "4500020017", breda)
        self._demo_xmlid(ordered.order_id, "sale_order_linde_ordered_demo")
        # Held: the PO's price of one line is 10 % above the quotation.
        held = self._demo_cart(
            connection,
            tilburg,
            [(product("product_fruit_getwell_demo"), 2), (product("product_moorkop_demo"), 4)],
        )
        self._demo_purchase_order(connection, held, "4500020042", tilburg, price_factor=1.10)
        self._demo_xmlid(held.order_id, "sale_order_linde_held_demo")
        # Cancelled in the shop.
        cancelled = self._demo_login(connection)
        cancelled._oci_cancel()
        # Waiting for the PO: transferred with a greeting card.
        waiting = self._demo_cart(
            connection,
            oosterhout,
            [
                (product("product_cake_demo"), 2),
                (product("product_logo_cake_demo"), 1),
                (product("product_fruit_meeting_demo"), 1),
            ],
            card="Welkom aan alle nieuwe collega's van Locatie Oosterhout!",
        )
        self._demo_xmlid(waiting.order_id, "sale_order_linde_transferred_demo")
        second = self._demo_cart(
            connection,
            breda,
            [(product("product_apple_pie_demo"), 2), (product("product_petitfours_demo"), 1)],
        )
        self._demo_xmlid(second.order_id, "sale_order_linde_transferred2_demo")
        return True

    @api.model
    def _demo_login(self, connection, password="demo-secret"):
        params = {
            "USERNAME": connection.username,
            "PASSWORD": password,
            "HOOK_URL": DEMO_HOOK,
            "~OkCode": "ADDI",
            "~TARGET": "_top",
            "~CALLER": "CTLG",
            "OCI_VERSION": "5.0",
        }
        return self.env["oci.session"]._oci_login(
            connection.code, params, remote_addr=DEMO_ADDR, user_agent=DEMO_AGENT
        )

    @api.model
    def _demo_cart(self, connection, branch, lines, card=None, line_card=None):
        """Log in, fill a cart as the shop would, choose the branch and the
        cards, and transfer it. Returns the session."""
        session = self._demo_login(connection)
        website = connection._get_website() or self.env.ref("website.default_website")
        pricelist = connection._oci_pricelist(session.partner_id)
        order = self.env["sale.order"].create(
            {
                "partner_id": session.orderer_id.id,
                "website_id": website.id,
                "company_id": connection.company_id.id,
                **({"pricelist_id": pricelist.id} if pricelist else {}),
            }
        )
        order._oci_link_session(session)
        self.env["sale.order.line"].create(
            [
                {"order_id": order.id, "product_id": product.id, "product_uom_qty": qty}
                for product, qty in lines
            ]
        )
        line_cards = {}
        if line_card:
            line = order.order_line.filtered("product_id.oci_card_allowed")[:1]
            line_cards = {line.id: line_card}
        order._oci_set_business_details(
            branch_id=branch.id,
            card=(card, True) if card else None,
            line_cards=line_cards,
        )
        session._oci_transfer()
        return session

    @api.model
    def _demo_purchase_order(self, connection, session, po_number, branch, price_factor=1.0):
        """The SRM's cXML OrderRequest for a transferred cart, received the
        way the /oci/<code>/po/cxml route receives it."""
        items = oci_format.parse_cart_form([tuple(pair) for pair in session.transfer_fields])
        body = self._demo_cxml(
            items, po_number, connection, branch, session.orderer_id.email, price_factor
        )
        code, message, _record = self.env["oci.purchase.order"]._po_receive_cxml(
            connection.code, body, remote_addr=DEMO_ADDR
        )
        _logger.info("Demo PO %s: %s %s", po_number, code, message)
        return code

    @api.model
    def _demo_cxml(self, items, po_number, connection, branch, email, price_factor):
        now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        root = etree.Element("cXML", payloadID=f"{po_number}@srm.delinde.example", timestamp=now)
        header = etree.SubElement(root, "Header")
        for tag in ("From", "Sender"):
            credential = etree.SubElement(
                etree.SubElement(header, tag),
                "Credential",
                domain=connection.po_domain or "NetworkID",
            )
            etree.SubElement(credential, "Identity").text = connection.po_identity
            if tag == "Sender":
                etree.SubElement(credential, "SharedSecret").text = "demo-po-secret"
        order_request = etree.SubElement(
            etree.SubElement(root, "Request", deploymentMode="production"), "OrderRequest"
        )
        order_header = etree.SubElement(
            order_request, "OrderRequestHeader", orderID=po_number, orderDate=now, type="new"
        )
        # The first line's price is scaled by price_factor (to try the tolerance).
        prices = [
            float(item["PRICE"]) * (price_factor if index == 0 else 1.0)
            for index, item in enumerate(items)
        ]
        total = sum(
            float(item["QUANTITY"]) * price for item, price in zip(items, prices, strict=True)
        )
        currency = items[0].get("CURRENCY") or "EUR"
        etree.SubElement(
            etree.SubElement(order_header, "Total"), "Money", currency=currency
        ).text = f"{total:.2f}"
        address = etree.SubElement(
            etree.SubElement(order_header, "ShipTo"), "Address", addressID=branch.ref
        )
        etree.SubElement(address, "Name").text = branch.name
        contact = etree.SubElement(order_header, "Contact", role="endUser")
        etree.SubElement(contact, "Email").text = email
        etree.SubElement(order_header, "SupplierOrderInfo", orderID=items[0]["EXT_QUOTE_ID"])
        for index, (item, price) in enumerate(zip(items, prices, strict=True), start=1):
            out = etree.SubElement(
                order_request, "ItemOut", quantity=item["QUANTITY"], lineNumber=str(index * 10)
            )
            item_id = etree.SubElement(out, "ItemID")
            etree.SubElement(item_id, "SupplierPartID").text = item.get("VENDORMAT") or ""
            etree.SubElement(
                item_id, "SupplierPartAuxiliaryID"
            ).text = f"{item['EXT_QUOTE_ID']}/{item['EXT_QUOTE_ITEM']}"
            detail = etree.SubElement(out, "ItemDetail")
            etree.SubElement(
                etree.SubElement(detail, "UnitPrice"), "Money", currency=currency
            ).text = f"{price:.2f}"
            etree.SubElement(detail, "Description").text = item.get("DESCRIPTION", "")
            etree.SubElement(detail, "UnitOfMeasure").text = item.get("UNIT") or "C62"
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    @api.model
    def _demo_xmlid(self, record, name):
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": f"{MODULE}.{name}", "record": record, "noupdate": True}]
        )
