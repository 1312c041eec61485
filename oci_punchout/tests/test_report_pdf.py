# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The order confirmation after a PO and the delivery slip really rendered
by wkhtmltopdf, their text read back (skipped without wkhtmltopdf)."""

import base64
import io

from PIL import Image

from odoo.tests import tagged

from odoo.addons.oci_einvoice.tests.pdf_tools import one_line, pdf_text, use_real_pdf

from .test_business_common import BusinessCommon
from .test_po_intake import PoCommon


@tagged("post_install", "-at_install")
class TestOrderConfirmationPdf(PoCommon):
    def setUp(self):
        super().setUp()
        use_real_pdf(self)

    def test_confirmation_mail_after_po_carries_real_pdf(self):
        order = self._quote()
        code, text, record = self.Po.with_context(force_report_rendering=True)._po_receive_cxml(
            self.connection.code, self._cxml(order)
        )
        self.assertEqual((code, record.state), (200, "confirmed"), text)
        self.assertEqual(order.state, "sale")
        self.env["sale.order"].with_context(
            force_report_rendering=True
        )._cron_oci_send_confirmation_mails()
        message = self.env["mail.message"].search(
            [
                ("model", "=", "sale.order"),
                ("res_id", "=", order.id),
                ("partner_ids", "in", order.partner_id.ids),
            ]
        )
        self.assertEqual(len(message), 1, "one confirmation e-mail to the orderer")
        self.assertNotIn("could not be sent", "".join(order.message_ids.mapped("body")))
        pdfs = message.attachment_ids.filtered(lambda a: a.mimetype == "application/pdf")
        self.assertEqual(len(pdfs), 1, message.attachment_ids.mapped("name"))
        self.assertTrue(pdfs.name.endswith(".pdf"), pdfs.name)
        text = one_line(pdf_text(pdfs.raw))
        for expected in (
            order.name,
            "Your Reference",
            "4500012345",
            "Slagroomtaart",
            "Locatie Noord",
            self.customer.name,
        ):
            self.assertIn(expected, text)


@tagged("post_install", "-at_install")
class TestDeliverySlipPdf(BusinessCommon):
    def setUp(self):
        super().setUp()
        use_real_pdf(self)

    def _slip(self, order):
        order.action_confirm()
        pdf, report_type = self.env["ir.actions.report"]._render_qweb_pdf(
            "stock.action_report_delivery", order.picking_ids.ids
        )
        self.assertEqual(report_type, "pdf")
        return pdf

    def test_delivery_slip_with_greeting_cards(self):
        logo = io.BytesIO()
        Image.new("RGB", (240, 80), (200, 30, 90)).save(logo, format="PNG")
        self.customer.image_1920 = base64.b64encode(logo.getvalue())
        order = self._order(
            self.orderer,
            [(self.product_cake, 1, 32.5), (self.product_fruit, 1, 39.95)],
            shipping=self.branch,
            oci_card_text="Beste Jan,\nVan harte!",
            oci_card_logo=True,
        )
        order.order_line[0].write({"oci_card_text": "Voor <de> afdeling", "oci_card_logo": True})
        pdf = self._slip(order)
        text = pdf_text(pdf)
        # Line breaks of the card and the instructions are kept on paper.
        self.assertIn("Beste Jan,\nVan harte!", text)
        self.assertIn("Ring twice.\nDock 3, back entrance.", text)
        flat = one_line(text)
        for expected in (
            order.picking_ids.name,
            "Delivery instructions",
            "Greeting cards",
            "With this order",
            "With [TT-SLAG] Slagroomtaart",
            "Voor <de> afdeling",
            "Locatie Noord",
        ):
            self.assertIn(expected, flat)
        plain = self._order(self.orderer, [(self.product_fruit, 1, 39.95)])
        plain_pdf = self._slip(plain)
        flat = one_line(pdf_text(plain_pdf))
        self.assertIn(plain.picking_ids.name, flat)
        self.assertNotIn("Greeting cards", flat)
        # The customer's logo is printed on the cards (the plain slip has the
        # same layout without them).
        self.assertGreater(pdf.count(b"/Subtype /Image"), plain_pdf.count(b"/Subtype /Image"))
