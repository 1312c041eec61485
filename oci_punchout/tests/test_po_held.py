# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A PO held for review stays held, whatever the sender re-sends, until a
person accepts (or rejects) it in the backend."""

from odoo.tests import tagged

from .po_common import PoCommon


@tagged("post_install", "-at_install")
class TestPoHeld(PoCommon):
    def _assert_held(self, answer, order):
        code, text, record = answer
        self.assertEqual(code, 201, text)
        self.assertIn("held for review", text)
        self.assertEqual(record.state, "review")
        self.assertEqual(record.order_id, order)
        self.assertIn(order.state, ("draft", "sent"))
        self.assertTrue(order.oci_po_review)
        return record

    def test_cxml_update_of_unmatched_po_stays_held(self):
        self._quote()
        items = [(self.product_fruit, 4, 39.95, "")]
        first = self._send(self._cxml(None, po_number="PO-HELD-1", items=items))
        order = first[2].order_id
        self._assert_held(first, order)
        self.assertIn("No punchout quotation matches", first[1], "the answer gives the reason")
        # The same content as a change: still held, with the reason.
        update = self._send(
            self._cxml(
                None,
                po_number="PO-HELD-1",
                items=items,
                order_type="update",
                payload_id="held-upd-1@srm",
            )
        )
        record = self._assert_held(update, order)
        self.assertEqual((record.order_type, record.revision), ("update", 1))
        self.assertIn("waiting for a decision", update[1])
        # A second change and a re-send of the first: still held.
        again = self._send(
            self._cxml(
                None,
                po_number="PO-HELD-1",
                items=items,
                order_type="update",
                payload_id="held-upd-2@srm",
            )
        )
        self._assert_held(again, order)
        self.assertEqual(self._send(self._cxml(None, po_number="PO-HELD-1", items=items))[0], 201)
        self.assertFalse(order.client_order_ref)
        # A person decides: the latest version is applied and the order confirmed.
        order.action_oci_po_accept()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.oci_po_review)
        self.assertEqual(again[2].state, "confirmed")
        self.assertEqual(set((first[2] | update[2]).mapped("state")), {"updated"})
        # Now a change is applied as usual.
        items = [(self.product_fruit, 5, 39.95, "")]
        code, text, _record = self._send(
            self._cxml(
                None,
                po_number="PO-HELD-1",
                items=items,
                order_type="update",
                payload_id="held-upd-3@srm",
            )
        )
        self.assertEqual(code, 200, text)
        self.assertEqual(order.order_line.product_uom_qty, 5)

    def test_ubl_resent_with_new_uuid_stays_held(self):
        self._quote()
        items = [(self.product_fruit, 4, 39.95)]
        first = self._send_ubl(self._ubl(None, po_number="PO-UBL-HELD", items=items, uuid="u-1"))
        order = first[2].order_id
        self._assert_held(first, order)
        for uuid in ("u-2", "u-3"):
            with self.subTest(uuid=uuid):
                answer = self._send_ubl(
                    self._ubl(None, po_number="PO-UBL-HELD", items=items, uuid=uuid)
                )
                self._assert_held(answer, order)
        self.assertEqual(
            self.env["sale.order"].search_count(
                [("oci_connection_id", "=", self.connection.id), ("state", "=", "sale")]
            ),
            0,
        )

    def test_change_of_po_held_for_differences_stays_held(self):
        """A quotation held because the PO differs is not confirmed by a
        change that now agrees with it: the held PO waits for a person."""
        order = self._quote()
        cake = order.order_line.filtered(lambda line: line.product_id == self.product_cake)
        logo = order.order_line - cake
        items = [
            (self.product_cake, 3, 32.5, f"{order.name}/{cake.id}"),
            (self.product_logo, 1, 54.95, f"{order.name}/{logo.id}"),
        ]
        self._assert_held(self._send(self._cxml(order, items=items)), order)
        update = self._send(self._cxml(order, order_type="update", payload_id="agrees@srm"))
        self._assert_held(update, order)
        self.assertEqual(cake.product_uom_qty, 2)
        # Rejecting the change leaves the first PO waiting: the order stays held.
        order.action_oci_po_reject()
        self.assertEqual(update[2].state, "rejected")
        self.assertTrue(order.oci_po_review)
        self.assertEqual(order.state, "sent")
        order.action_oci_po_accept()
        self.assertEqual(order.state, "sale")
        self.assertEqual(cake.product_uom_qty, 3)
        self.assertFalse(order.oci_po_review)

    def test_other_po_for_held_quotation_is_held(self):
        """A second PO naming a quotation held for another PO does not
        confirm it behind the reviewer's back."""
        order = self._quote()
        self.connection.po_auto_confirm = False
        self._assert_held(self._send(self._cxml(order, po_number="PO-A")), order)
        self.connection.po_auto_confirm = True
        answer = self._send(self._cxml(order, po_number="PO-B"))
        self._assert_held(answer, order)
        self.assertFalse(order.client_order_ref)

    def test_cancellation_of_held_po_leaves_nothing_to_review(self):
        """The buyer cancels a PO that is still held: the order is cancelled
        and no longer waits for a review that cannot come."""
        self._quote()
        items = [(self.product_fruit, 4, 39.95, "")]
        held = self._send(self._cxml(None, po_number="PO-HELD-DEL", items=items))
        order = held[2].order_id
        self._assert_held(held, order)
        code, text, record = self._send(
            self._cxml(
                None, po_number="PO-HELD-DEL", items=[], order_type="delete", payload_id="del@srm"
            )
        )
        self.assertEqual((code, record.state), (200, "cancelled"), text)
        self.assertEqual(order.state, "cancel")
        self.assertEqual(held[2].state, "updated")
        self.assertFalse(order.oci_po_review)
        self.assertFalse(order.activity_ids)
