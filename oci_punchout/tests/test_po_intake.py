# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .po_common import PO_IDENTITY, PO_SECRET, PoCommon


@tagged("post_install", "-at_install")
class TestPoCxml(PoCommon):
    def test_confirms_matching_quotation(self):
        order = self._quote()
        session = order.oci_session_id
        code, text, record = self._send(self._cxml(order))
        self.assertEqual(code, 200, text)
        self.assertIn(order.name, text)
        self.assertEqual(record.state, "confirmed")
        self.assertEqual(record.matched_by, "reference")
        self.assertEqual(record.payload_id, "4500012345-new@srm.example")
        self.assertEqual(record.order_id, order)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.client_order_ref, "4500012345")
        self.assertEqual(order.oci_transfer_state, "ordered")
        self.assertEqual(session.state, "ordered")
        self.assertEqual(order.partner_shipping_id, self.branch)
        self.assertEqual(str(order.commitment_date.date()), "2026-05-08")
        self.assertEqual(order.oci_cost_center, "KP-4711")
        self.assertEqual(sorted(order.order_line.mapped("oci_po_line_ref")), ["10", "20"])
        self.assertFalse(order.oci_po_review)
        # The document is kept and readable from the order and the connection.
        self.assertTrue(record.attachment_id)
        self.assertIn(b"4500012345", record.attachment_id.raw)
        self.assertEqual(order.oci_po_count, 1)
        self.assertEqual(self.connection.po_count, 1)
        self.assertNotIn(PO_SECRET, str(record.data))
        # The orderer is told by e-mail, sent by the cron job right after
        # (not while the procurement system waits for the answer).
        mail_domain = [
            ("model", "=", "sale.order"),
            ("res_id", "=", order.id),
            ("partner_ids", "in", order.partner_id.ids),
        ]
        self.assertTrue(order.oci_confirmation_mail_due)
        self.assertFalse(self.env["mail.message"].search(mail_domain))
        cron = self.env.ref("oci_punchout.ir_cron_oci_po_confirmation_mail")
        self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]))
        self.env["sale.order"]._cron_oci_send_confirmation_mails()
        self.assertFalse(order.oci_confirmation_mail_due)
        mail = self.env["mail.message"].search(mail_domain, limit=1)
        self.assertTrue(mail, "no confirmation e-mail to the orderer")

    def test_price_tolerance(self):
        self.connection.po_price_tolerance = 0.5
        order = self._quote([(self.product_cake, 2)])
        items = [(self.product_cake, 2, 32.5 + 0.4, f"{order.name}/{order.order_line.id}")]
        code, _text, record = self._send(self._cxml(order, items=items))
        self.assertEqual((code, record.state, order.state), (200, "confirmed", "sale"))

        order = self._quote([(self.product_cake, 2)])
        items = [(self.product_cake, 2, 32.5 + 0.6, f"{order.name}/{order.order_line.id}")]
        code, text, record = self._send(self._cxml(order, po_number="PO-2", items=items))
        self.assertEqual(code, 201, text)
        self.assertEqual(record.state, "review")
        self.assertIn("unit price 33.1", record.differences)
        self.assertEqual(order.state, "sent")
        self.assertTrue(order.oci_po_review)
        self.assertIn("outside the tolerance", order.oci_po_differences)
        self.assertFalse(order.client_order_ref)

        # 2 % of 32.50 = 0.65: now the same difference passes.
        self.connection.po_price_tolerance_percent = 2.0
        order = self._quote([(self.product_cake, 2)])
        items = [(self.product_cake, 2, 32.5 + 0.6, f"{order.name}/{order.order_line.id}")]
        code, _text, record = self._send(self._cxml(order, po_number="PO-3", items=items))
        self.assertEqual((code, record.state), (200, "confirmed"))

    def test_quantity_difference_review_then_accept(self):
        order = self._quote()
        cake_line = order.order_line.filtered(lambda line: line.product_id == self.product_cake)
        logo_line = order.order_line - cake_line
        items = [
            (self.product_cake, 3, 32.5, f"{order.name}/{cake_line.id}"),
            (self.product_logo, 1, 54.95, f"{order.name}/{logo_line.id}"),
        ]
        code, _text, record = self._send(self._cxml(order, items=items))
        self.assertEqual(code, 201)
        self.assertIn("quantity 3.0, quotation 2.0", record.differences)
        activity = order.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertIn("4500012345", activity.summary)
        order.action_oci_po_accept()
        self.assertEqual(order.state, "sale")
        self.assertEqual(cake_line.product_uom_qty, 3)
        self.assertEqual(order.client_order_ref, "4500012345")
        self.assertEqual(record.state, "confirmed")
        self.assertFalse(order.oci_po_review)
        self.assertFalse(order.activity_ids)

    def test_reject(self):
        order = self._quote()
        self.connection.po_auto_confirm = False
        _code, _text, record = self._send(self._cxml(order))
        self.assertEqual(record.state, "review")
        self.assertIn("Automatic confirmation is off", record.differences)
        order.action_oci_po_reject()
        self.assertEqual(record.state, "rejected")
        self.assertEqual(order.state, "sent")
        self.assertFalse(order.oci_po_review)
        with self.assertRaises(UserError):
            order.action_oci_po_accept()

    def test_match_by_products_and_quantities(self):
        self._quote([(self.product_fruit, 1)])
        order = self._quote()
        items = [(self.product_cake, 2, 32.5, ""), (self.product_logo, 1, 54.95, "")]
        code, _text, record = self._send(self._cxml(order, items=items, quote_ref=False))
        self.assertEqual(code, 200)
        self.assertEqual(record.matched_by, "products")
        self.assertEqual(record.order_id, order)
        self.assertEqual(order.state, "sale")

    def test_unmatched_po_becomes_order_to_review(self):
        quote = self._quote()
        items = [(self.product_fruit, 4, 39.95, "")]
        code, text, record = self._send(self._cxml(None, po_number="PO-LOOSE", items=items))
        self.assertEqual(code, 201, text)
        self.assertEqual(record.matched_by, "none")
        order = record.order_id
        self.assertTrue(order)
        self.assertNotEqual(order, quote)
        self.assertEqual(order.state, "draft")
        self.assertTrue(order.oci_po_review)
        self.assertIn("No punchout quotation matches", order.oci_po_differences)
        self.assertEqual(order.order_line.product_id, self.product_fruit)
        self.assertEqual(order.order_line.product_uom_qty, 4)
        self.assertEqual(order.partner_id.commercial_partner_id, self.customer)
        self.assertEqual(order.oci_connection_id, self.connection)
        self.assertTrue(order.activity_ids)
        self._assert_untouched(quote)
        # Rejecting the stranger order cancels it.
        order.action_oci_po_reject()
        self.assertEqual(order.state, "cancel")

    def test_duplicates_are_idempotent(self):
        order = self._quote()
        body = self._cxml(order)
        first = self._send(body)
        orders = self.env["sale.order"].search_count([])
        again = self._send(body)
        self.assertEqual(first[:2], again[:2])
        self.assertEqual(first[2], again[2])
        # Same PO number and customer, another payloadID: same outcome.
        third = self._send(self._cxml(order, payload_id="other-payload@srm"))
        self.assertEqual(third[:2], first[:2])
        self.assertEqual(self.Po.search_count([("po_number", "=", "4500012345")]), 1)
        self.assertEqual(self.env["sale.order"].search_count([]), orders)
        # A held PO answers "held" again, and creates no second activity.
        quote = self._quote()
        body = self._cxml(
            quote,
            po_number="PO-HELD",
            items=[(self.product_cake, 9, 32.5, f"{quote.name}/{quote.order_line[0].id}")],
        )
        self.assertEqual(self._send(body)[0], 201)
        self.assertEqual(self._send(body)[0], 201)
        self.assertEqual(len(quote.activity_ids), 1)

    def test_update_and_delete(self):
        order = self._quote()
        self._send(self._cxml(order))
        self.assertEqual(order.state, "sale")
        cake_line = order.order_line.filtered(lambda line: line.product_id == self.product_cake)
        items = [(self.product_cake, 5, 32.5, f"{order.name}/{cake_line.id}")]
        code, text, record = self._send(
            self._cxml(order, items=items, order_type="update", payload_id="upd-1@srm")
        )
        self.assertEqual(code, 200, text)
        self.assertEqual(
            (record.order_type, record.revision, record.state), ("update", 1, "updated")
        )
        self.assertEqual(cake_line.product_uom_qty, 5)
        logo_line = order.order_line - cake_line
        self.assertEqual(logo_line.product_uom_qty, 0, "line left out of the changed PO")
        picking_qty = sum(
            order.picking_ids.move_ids.filtered(
                lambda m: m.product_id == self.product_cake and m.state != "cancel"
            ).mapped("product_uom_qty")
        )
        self.assertEqual(picking_qty, 5)
        # Cancellation.
        code, text, record = self._send(
            self._cxml(order, order_type="delete", payload_id="del-1@srm", items=[])
        )
        self.assertEqual(code, 200, text)
        self.assertEqual((record.state, record.revision), ("cancelled", 2))
        self.assertEqual(order.state, "cancel")

    def test_change_after_delivery_is_held(self):
        order = self._quote([(self.product_cake, 2)])
        self._send(self._cxml(order))
        picking = order.picking_ids
        picking.move_ids.quantity = 2
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        sol = order.order_line
        code, _text, record = self._send(
            self._cxml(
                order,
                order_type="update",
                payload_id="upd-late@srm",
                items=[(self.product_cake, 4, 32.5, f"{order.name}/{sol.id}")],
            )
        )
        self.assertEqual((code, record.state), (201, "review"))
        self.assertEqual(sol.product_uom_qty, 2)
        code, _text, record = self._send(
            self._cxml(order, order_type="delete", payload_id="del-late@srm", items=[])
        )
        self.assertEqual((code, record.state), (201, "review"))
        self.assertEqual(order.state, "sale")


@tagged("post_install", "-at_install")
class TestPoUbl(PoCommon):
    def test_upload_matches_quotation(self):
        order = self._quote()
        body = self._ubl(order)
        attachment = self.env["ir.attachment"].create(
            {"name": "order.xml", "raw": body, "mimetype": "application/xml"}
        )
        orders_before = self.env["sale.order"].search_count([])
        result = self.env["sale.order"]._create_order_from_attachment(attachment.ids)
        self.assertEqual(result, order, "the punchout quotation is matched, no stranger order")
        self.assertEqual(self.env["sale.order"].search_count([]), orders_before)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.client_order_ref, "PO-UBL-2026-001")
        self.assertEqual(order.oci_cost_center, "KP-4712")
        self.assertEqual(order.partner_shipping_id, self.branch)
        record = order.oci_po_ids
        self.assertEqual((record.channel, record.state), ("ubl", "confirmed"))
        self.assertEqual(record.attachment_id, attachment)
        self.assertTrue(record.payload_id.startswith("sha256:"))

    def test_endpoint_model_and_new_version(self):
        order = self._quote()
        body = self._ubl(order)
        code, text, record = self._send_ubl(body)
        self.assertEqual(code, 200, text)
        self.assertEqual(order.state, "sale")
        # Same document again: same outcome, nothing new.
        self.assertEqual(
            self._send_ubl(body)[:2],
            (code, text),
        )
        # New version of the Order (same ID, other content): an update.
        body2 = self._ubl(
            order, items=[(self.product_cake, 4, 32.5), (self.product_logo, 1, 54.95)]
        )
        code, text, record2 = self.Po._po_receive_ubl(
            self.connection.code, body2, PO_IDENTITY, PO_SECRET
        )
        self.assertEqual(code, 200, text)
        self.assertEqual(
            (record2.order_type, record2.revision, record2.state), ("update", 1, "updated")
        )
        cake = order.order_line.filtered(lambda line: line.product_id == self.product_cake)
        self.assertEqual(cake.product_uom_qty, 4)
        # Refusals.
        self.assertEqual(
            self.Po._po_receive_ubl(self.connection.code, body, PO_IDENTITY, "bad")[0], 401
        )
        doctype = b'<?xml version="1.0"?><!DOCTYPE Order SYSTEM "x.dtd">' + body.split(b"?>", 1)[1]
        self.assertEqual(
            self.Po._po_receive_ubl(self.connection.code, doctype, PO_IDENTITY, PO_SECRET)[0], 400
        )
        zero = self._ubl(order, po_number="PO-ZERO", items=[(self.product_cake, 0, 32.5)])
        code, text, _r = self.Po._po_receive_ubl(self.connection.code, zero, PO_IDENTITY, PO_SECRET)
        self.assertEqual(code, 400)
        self.assertIn("greater than zero", text)

    def test_upload_of_unknown_buyer_is_standard_import(self):
        body = (
            self._ubl(None)
            .replace(b"Zorggroep Test", b"Unknown Buyer BV")
            .replace(b"30123456", b"99999999")
            .replace(b"anna@zorg.example", b"x@unknown.example")
        )
        attachment = self.env["ir.attachment"].create({"name": "o.xml", "raw": body})
        count = self.Po.search_count([])
        orders = self.env["sale.order"]._create_order_from_attachment(attachment.ids)
        self.assertEqual(len(orders), 1)
        self.assertFalse(orders.oci_connection_id)
        self.assertEqual(self.Po.search_count([]), count)

    def test_upload_refuses_bad_document(self):
        order = self._quote()
        body = self._ubl(order, items=[(self.product_cake, -1, 32.5)])
        attachment = self.env["ir.attachment"].create({"name": "bad.xml", "raw": body})
        with self.assertRaisesRegex(UserError, "greater than zero"):
            self.env["sale.order"]._create_order_from_attachment(attachment.ids)
        self._assert_untouched(order)


@tagged("post_install", "-at_install")
class TestPoManual(PoCommon):
    def _wizard(self, order, po_number, lines=()):
        action = order.action_oci_po_confirm_wizard()
        form = Form(self.env[action["res_model"]].with_context(**action["context"]))
        form.po_number = po_number
        for product, qty, price in lines:
            with form.line_ids.new() as line:
                line.product_id = product
                line.quantity = qty
                line.price_unit = price
        return form.save()

    def test_manual_confirm(self):
        order = self._quote()
        wizard = self._wizard(order, "MAIL-PO-1")
        wizard.document = base64.b64encode(b"%PDF-1.4 fake po")
        wizard.document_name = "po.pdf"
        wizard.action_confirm_po()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.client_order_ref, "MAIL-PO-1")
        self.assertEqual(order.oci_transfer_state, "ordered")
        record = order.oci_po_ids
        self.assertEqual((record.channel, record.state), ("manual", "confirmed"))
        self.assertEqual(record.attachment_id.raw, b"%PDF-1.4 fake po")

    def test_manual_with_differing_lines_is_held(self):
        order = self._quote()
        wizard = self._wizard(
            order, "MAIL-PO-2", [(self.product_cake, 2, 30.0), (self.product_logo, 1, 54.95)]
        )
        wizard.action_confirm_po()
        self.assertEqual(order.state, "sent")
        self.assertTrue(order.oci_po_review)
        self.assertIn("unit price 30.0", order.oci_po_differences)

    def test_manual_po_number_used_twice(self):
        first = self._quote()
        self._wizard(first, "MAIL-PO-3").action_confirm_po()
        second = self._quote()
        with self.assertRaisesRegex(UserError, "already received"):
            self._wizard(second, "MAIL-PO-3").action_confirm_po()
        self._assert_untouched(second)
