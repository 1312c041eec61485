# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo data of the Toptaarten shop that cannot be written as plain XML
records: the Dutch chart of accounts, the pictures, the translations and a
history made through the addon's own methods (punchout logins, transfers,
purchase orders). Called from demo/oci_punchout_demo.xml only."""

import base64
import contextlib
import logging
from datetime import datetime, timezone

from lxml import etree

from odoo import Command, api, models

from ..exceptions import OciLoginRefused
from ..tools import oci_format
from . import oci_demo_pictures as pictures
from .oci_demo_catalog import CATALOG, CATEGORIES

_logger = logging.getLogger(__name__)

# The demo history is no network traffic: no address, so the failed-login
# counters (kept apart from the install's transaction) are left alone.
DEMO_ADDR = None
DEMO_AGENT = "SAP SRM 7.0 (demo)"
DEMO_HOOK = "https://srm.delinde.example/sap/bc/srm/punchout?sap-client=100"

MODULE = "oci_punchout"


class OciConnection(models.Model):
    _inherit = "oci.connection"

    # ------------------------------------------------------------------
    # Company, chart of accounts, website
    # ------------------------------------------------------------------
    @api.model
    def _demo_setup_company(self):
        """The main company becomes Toptaarten B.V. in Gouda with the Dutch
        chart of accounts (when l10n_nl is installed), the website gets the
        shop's logo and Dutch next to English."""
        company = self.env.ref("base.main_company")
        if (
            self.env["ir.module.module"].search_count(
                [("name", "=", "l10n_nl"), ("state", "=", "installed")]
            )
            and company.chart_template != "nl"
        ):
            # As Odoo itself does when the localization of a demo company
            # changes: the generic demo entries go, the Dutch chart and taxes
            # come, and the company currency becomes the euro.
            self.env["account.chart.template"]._load("nl", company, install_demo=False)
        elif company.chart_template != "nl":
            _logger.warning(
                "Demo data: l10n_nl is not installed, the demo shop keeps the generic chart "
                "of accounts and its taxes. Install l10n_nl with the addons (make shop does)."
            )
        logo = base64.b64encode(pictures.shop_logo())
        company.write(
            {
                "name": "Toptaarten B.V.",
                "street": "Kleiweg 42",
                "zip": "2801 HK",
                "city": "Gouda",
                "country_id": self.env.ref("base.nl").id,
                "state_id": False,
                "phone": "+31 182 123 456",
                "email": "verkoop@toptaarten.example",
                "website": "https://www.toptaarten.example",
                "vat": "NL859388773B01",
                "company_registry": "24481234",
                "logo": logo,
            }
        )
        company.partner_id.write({"lang": "nl_NL"} if self._demo_lang() else {})
        if not company.partner_id.bank_ids:
            self.env["res.partner.bank"].create(
                {
                    "acc_number": "NL67INGB0006543210",
                    "partner_id": company.partner_id.id,
                    "company_id": company.id,
                    "allow_out_payment": True,
                }
            )
        # Odoo's demo pricelists of the company follow it to the euro.
        self.env["product.pricelist"].with_context(active_test=False).search(
            [
                ("company_id", "in", (False, company.id)),
                ("currency_id", "!=", company.currency_id.id),
            ]
        ).currency_id = company.currency_id
        website = self.env.ref("website.default_website")
        languages = self.env.ref("base.lang_en")
        if self._demo_lang():
            languages |= self._demo_lang()
        website.write(
            {
                "name": "Toptaarten",
                # The whole catalog (a few dozen products) on one shop page.
                "shop_ppg": 48,
                "logo": logo,
                "language_ids": [Command.link(lang.id) for lang in languages],
            }
        )
        return True

    @api.model
    def _demo_lang(self):
        """Dutch, activated with the translations of what is installed."""
        lang = self.env["res.lang"].with_context(active_test=False).search([("code", "=", "nl_NL")])
        if lang and not lang.active:
            lang = self.env["res.lang"]._activate_lang("nl_NL")
            self.env["ir.module.module"].search([("state", "=", "installed")])._update_translations(
                ["nl_NL"]
            )
        return lang

    # ------------------------------------------------------------------
    # Catalog
    # ------------------------------------------------------------------
    @api.model
    def _demo_setup_catalog(self):
        """Shop categories and products with their pictures; Odoo's own
        demo furniture moves to the second website (or is unpublished), so
        the demo customers see a cake shop."""
        company = self.env.ref("base.main_company")
        chart = self.env["account.chart.template"].with_company(company)
        tax_low = chart.ref("btw_9", raise_if_not_found=False) or company.account_sale_tax_id
        tax_high = chart.ref("btw_21", raise_if_not_found=False) or company.account_sale_tax_id
        website = self.env.ref("website.default_website")
        # Euro with the Dutch chart; without it the company's own currency.
        self.env.ref(f"{MODULE}.pricelist_shop_demo").currency_id = company.currency_id
        public = {}
        # Their Dutch names come from i18n/nl.po, as for any record.
        for sequence, (key, (xmlid, english, _food)) in enumerate(CATEGORIES.items()):
            public[key] = self._demo_record(
                "product.public.category",
                f"public_{xmlid}",
                {"name": english, "sequence": sequence + 1, "website_id": website.id},
            )
        ours = self.env["product.template"]
        for xmlid, categ, name, code, price, drawing, card, description in CATALOG:
            categ_xmlid, _english, food = CATEGORIES[categ]
            kind, colour, accent, *label = drawing
            product = self._demo_record(
                "product.product",
                xmlid,
                {
                    "name": name,
                    "default_code": code,
                    "categ_id": self.env.ref(f"{MODULE}.{categ_xmlid}").id,
                    "public_categ_ids": [Command.set(public[categ].ids)],
                    "list_price": price,
                    "type": "consu",
                    "invoice_policy": "order",
                    "sale_ok": True,
                    "is_published": True,
                    "website_id": False,
                    "oci_card_allowed": card,
                    "taxes_id": [Command.set((tax_low if food else tax_high).ids)],
                    "description_sale": description,
                    "image_1920": base64.b64encode(
                        pictures.product_picture(kind, colour, accent, *label)
                    ),
                },
            )
            ours |= product.product_tmpl_id
        # A product with its own code, other than its category's.
        self.env.ref(f"{MODULE}.product_logo_cake_demo").oci_customer_code = "4412"
        self._demo_hide_furniture(ours, website)
        return True

    @api.model
    def _demo_record(self, model, xmlid, values):
        """Create or update a record with an xml id of this module."""
        return self.env[model]._load_records(
            [{"xml_id": f"{MODULE}.{xmlid}", "values": values, "noupdate": True}]
        )

    @api.model
    def _demo_hide_furniture(self, ours, website):
        """Odoo's website demo sells furniture: keep it on the second demo
        website when there is one, else unpublish it."""
        other_website = self.env["website"].search([("id", "!=", website.id)], limit=1)
        products = self.env["product.template"].search(
            [("id", "not in", ours.ids), ("is_published", "=", True)]
        )
        categories = self.env["product.public.category"].search(
            [
                ("website_id", "in", (False, website.id)),
                ("id", "not in", self._demo_public_categories().ids),
            ]
        )
        pricelists = self.env["product.pricelist"].search(
            [
                ("id", "!=", self.env.ref(f"{MODULE}.pricelist_shop_demo").id),
                ("website_id", "in", (False, website.id)),
                ("company_id", "in", (False, website.company_id.id)),
            ]
        )
        if other_website:
            products.website_id = other_website
            categories.website_id = other_website
            pricelists.website_id = other_website
        else:
            products.is_published = False
            categories.unlink()
            pricelists.active = False

    @api.model
    def _demo_public_categories(self):
        return self.env["product.public.category"].browse(
            [
                self.env.ref(f"{MODULE}.public_{xmlid}").id
                for xmlid, _name, _food in CATEGORIES.values()
            ]
        )

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
