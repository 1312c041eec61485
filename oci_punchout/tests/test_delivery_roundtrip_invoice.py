# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Date and recipient from the cart to the delivery slip and the invoice:
the orderer chooses them per line in the cart (real HTTP), the confirmed
order makes one delivery per recipient and date, each slip (real PDF) names
its recipient and date, and the invoice's UBL carries the lines' dates
(EN 16931 line period, the last day as the invoice's delivery date), checked
by the official rules (when /opt/oci-validation is present)."""

import re
from datetime import timedelta

from lxml import etree

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.oci_einvoice.tests import ubl_validation
from odoo.addons.oci_einvoice.tests.common import UBL_NS
from odoo.addons.oci_einvoice.tests.pdf_tools import one_line, pdf_text, use_real_pdf

from .test_delivery_rules import DeliveryCommon

_CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestDeliveryRoundtripInvoice(DeliveryCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_einvoicing()

    @classmethod
    def _setup_einvoicing(cls):
        """A Dutch supplier and customer as an e-invoice needs them (VAT,
        Peppol endpoints, addresses with a country, a 21 % tax)."""
        nl = cls.env.ref("base.nl")
        cls.company.write({"account_fiscal_country_id": nl.id})
        cls.company.partner_id.write(
            {
                "street": "Bakkerstraat 1",
                "zip": "3511 AA",
                "city": "Utrecht",
                "country_id": nl.id,
                "vat": "NL000099998B57",
                "company_registry": "12345678",
                "peppol_eas": "0106",
                "peppol_endpoint": "12345678",
            }
        )
        cls.bank = cls.env["res.partner.bank"].create(
            {
                "acc_number": "NL91ABNA0417164300",
                "partner_id": cls.company.partner_id.id,
                "allow_out_payment": True,
            }
        )
        cls.customer.write(
            {
                "street": "Zorgweg 10",
                "zip": "3500 AB",
                "city": "Utrecht",
                "country_id": nl.id,
                "vat": "NL123456782B90",
                "peppol_eas": "0106",
                "peppol_endpoint": "87654321",
            }
        )
        (cls.branch | cls.branch_south).write({"zip": "3500 AC", "country_id": nl.id})
        tax_group = cls.env["account.tax.group"].create(
            {"name": "OCI BTW", "company_id": cls.company.id, "country_id": nl.id}
        )
        tax = cls.env["account.tax"].create(
            {
                "name": "OCI 21%",
                "amount_type": "percent",
                "amount": 21.0,
                "type_tax_use": "sale",
                "country_id": nl.id,
                "company_id": cls.company.id,
                "tax_group_id": tax_group.id,
            }
        )
        (cls.product_cake | cls.product_logo).write(
            {"taxes_id": [Command.set(tax.ids)], "invoice_policy": "order"}
        )

    def setUp(self):
        super().setUp()
        use_real_pdf(self)

    def _sync(self):
        self.env.flush_all()
        self.env.invalidate_all()

    def _cart_over_http(self):
        """Cake to Locatie Noord on the first possible date, the logo cake to
        Locatie Zuid on a later one, chosen in the cart by the orderer."""
        self.authenticate(self.orderer_user.login, self.orderer_user.login)
        csrf = _CSRF_RE.search(self.url_open("/shop").text).group(1)
        for product in (self.product_cake, self.product_logo):
            self.url_open(
                "/shop/cart/update",
                data={"csrf_token": csrf, "product_id": product.id, "add_qty": 1},
            )
        self._sync()
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.orderer.id), ("state", "=", "draft")],
            order="id desc",
            limit=1,
        )
        self.assertEqual(order.order_line.product_id, self.product_cake | self.product_logo)
        cake = order.order_line.filtered(lambda line: line.product_id == self.product_cake)
        logo = order.order_line - cake
        first = order._oci_possible_dates(lines=logo)[0]
        later = order._oci_possible_dates(lines=logo)[5]
        response = self.url_open(
            "/shop/cart/oci_delivery",
            data={
                "csrf_token": csrf,
                "delivery_date": first.isoformat(),
                "recipient_id": self.branch.id,
                f"line_date_{logo.id}": later.isoformat(),
                f"line_recipient_{logo.id}": self.branch_south.id,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("o_oci_delivery_error", response.text)
        self._sync()
        self.assertEqual(order._oci_delivery_day(), first)
        self.assertEqual(
            (logo.oci_delivery_date, logo.oci_recipient_id), (later, self.branch_south)
        )
        return order, cake, logo, first, later

    def _slip_text(self, picking):
        pdf, report_type = self.env["ir.actions.report"]._render_qweb_pdf(
            "stock.action_report_delivery", picking.ids
        )
        self.assertEqual(report_type, "pdf")
        return one_line(pdf_text(pdf))

    def _ubl(self, invoice, fmt):
        xml, errors = self.env[fmt]._export_invoice(invoice)
        self.assertFalse(errors, errors)
        return xml

    @staticmethod
    def _xp(xml, path):
        return [node.text for node in etree.fromstring(xml).xpath(path, namespaces=UBL_NS)]

    def test_cart_to_slip_and_invoice(self):
        order, cake, logo, first, later = self._cart_over_http()
        order.action_confirm()
        pickings = order.picking_ids.sorted("date_deadline")
        self.assertEqual(len(pickings), 2)
        noord, zuid = pickings
        self.assertEqual(
            (noord.partner_id, noord.move_ids.product_id), (self.branch, cake.product_id)
        )
        self.assertEqual(
            (zuid.partner_id, zuid.move_ids.product_id), (self.branch_south, logo.product_id)
        )
        rules = order._oci_delivery_rules()
        self.assertEqual(noord.scheduled_date, order._oci_day_to_datetime(first, rules))
        self.assertEqual(zuid.scheduled_date, order._oci_day_to_datetime(later, rules))
        # Each slip names its recipient and its date, not the other's.
        for picking, recipient, day, other in (
            (noord, "Locatie Noord, Noordweg 1", first, "Locatie Zuid"),
            (zuid, "Locatie Zuid, Zuidweg 2", later, "Locatie Noord, Noordweg 1"),
        ):
            with self.subTest(slip=picking.name):
                text = self._slip_text(picking)
                self.assertIn(picking.name, text)
                self.assertIn(f"Recipient: {recipient}", text)
                self.assertIn(day.strftime("%m/%d/%Y"), text)
                self.assertNotIn(other, text)

        invoice = order._create_invoices()
        self.assertEqual(
            [(line.product_id, line.oci_delivery_date) for line in invoice.invoice_line_ids],
            [(cake.product_id, first), (logo.product_id, later)],
        )
        self.assertEqual(invoice.delivery_date, later)
        invoice.partner_bank_id = self.bank
        invoice.action_post()
        for fmt in ("account.edi.xml.ubl_nl", "account.edi.xml.ubl_bis3"):
            with self.subTest(fmt=fmt):
                xml = self._ubl(invoice, fmt)
                self.assertEqual(
                    self._xp(xml, "/*/cac:Delivery/cbc:ActualDeliveryDate"), [later.isoformat()]
                )
                for period in ("StartDate", "EndDate"):
                    self.assertEqual(
                        self._xp(xml, f"/*/cac:InvoiceLine/cac:InvoicePeriod/cbc:{period}"),
                        [first.isoformat(), later.isoformat()],
                    )
                self.assertFalse(self._xp(xml, "//cac:InvoiceLine/cac:Delivery/*"))
                ok, xsd_errors = ubl_validation.validate_ubl_xsd(xml)
                self.assertTrue(ok, xsd_errors)
                if ubl_validation.schematron_files():
                    used, failures = ubl_validation.run_schematron(xml)
                    self.assertTrue(used)
                    self.assertFalse(failures, "\n".join(failures))

    def test_delivered_late_invoices_the_actual_day(self):
        """Deliveries validated on their days, the second one day late: each
        invoice line has the day Odoo saw it delivered, the invoice the last
        one (not sale_stock's first delivery of the order)."""
        order, cake, logo, first, later = self._cart_over_http()
        order.action_confirm()
        rules = order._oci_delivery_rules()
        late = later + timedelta(days=1)
        for recipient, day in ((self.branch, first), (self.branch_south, late)):
            picking = order.picking_ids.filtered(lambda p, r=recipient: p.partner_id == r)
            picking.move_ids.quantity = 1
            picking.button_validate()
            self.assertEqual(picking.state, "done")
            moment = order._oci_day_to_datetime(day, rules)
            picking.write({"date_done": moment})
            picking.move_ids.date = moment
        self.assertEqual(order.effective_date, order._oci_day_to_datetime(first, rules))
        invoice = order._create_invoices()
        self.assertEqual(
            [(line.product_id, line.oci_delivery_date) for line in invoice.invoice_line_ids],
            [(cake.product_id, first), (logo.product_id, late)],
        )
        self.assertEqual(invoice.delivery_date, late)
