# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cXML PunchOutOrderMessage of a punchout session: the cart transferred
back to the buyer, or the empty message of a cancel (the setup and the
StartPage are in oci_session_cxml.py)."""

from odoo import fields, models
from odoo.exceptions import UserError

from ..tools import cxml_punchout


class OciSessionCxmlTransfer(models.Model):
    _inherit = "oci.session"

    # ------------------------------------------------------------------
    # PunchOutOrderMessage
    # ------------------------------------------------------------------
    def _cxml_message(self, order, lines=None):
        """The POOM of ``order`` (None: the empty cancel message)."""
        self.ensure_one()
        connection = self.connection_id
        parties = self.cxml_parties or {}
        shop = parties.get("to") or [["NetworkID", connection.code]]
        buyer = parties.get("from") or [["NetworkID", connection.partner_id.name or "buyer"]]
        lang = (self.orderer_id.lang or self.env.lang or "en_US").replace("_", "-")
        currency = (order.currency_id if order else connection.company_id.currency_id).name
        kwargs = {
            "from_": [tuple(pair) for pair in shop],
            "to": [tuple(pair) for pair in buyer],
            "lang": lang,
            "in_reply_to": self.cxml_payload_id or "",
        }
        if lines is None:
            return cxml_punchout.build_cancel_message(self.cxml_buyer_cookie, currency, **kwargs)
        rows = order._oci_item_rows(connection)
        items = connection._cxml_poom_items(rows, lines)
        # The requested delivery date and the recipient (ShipTo) of each line.
        rules = order._oci_delivery_rules()
        for item, line in zip(items, lines, strict=True):
            item.update(line._oci_cxml_delivery(rules))
        operation = "inspect" if self.cxml_operation == "inspect" else "edit"
        total = order.currency_id.round(order.amount_untaxed)
        return cxml_punchout.build_order_message(
            self.cxml_buyer_cookie,
            items,
            currency,
            format(total, f".{order.currency_id.decimal_places}f"),
            operation_allowed=operation,
            **kwargs,
        )

    def _cxml_transfer(self):
        """The POOM form fields of this session's cart; ends the session.
        Inspect returns the cart unchanged."""
        self.ensure_one()
        self._check_usable()
        order = self.order_id
        lines = order.order_line.filtered(lambda line: not line.display_type and line.product_id)
        if not lines:
            raise UserError(self.env._("Your cart is empty: there is nothing to transfer."))
        if self.cxml_operation != "inspect":
            order._oci_check_transfer()
        xml = self._cxml_message(order, lines)
        fields_ = cxml_punchout.form_fields(xml, self.connection_id.cxml_poom_encoding)
        now = fields.Datetime.now()
        self.write(
            {
                "state": "transferred",
                "transferred_at": now,
                "ended_at": now,
                "transfer_fields": fields_,
                "transfer_item_count": len(lines),
            }
        )
        order._oci_mark_transferred()
        return fields_

    def _cxml_cancel(self):
        """The empty order message; a new cart is cancelled, an edited or
        inspected one stays the buyer's cart."""
        self.ensure_one()
        self._check_usable()
        xml = self._cxml_message(self.order_id or None)
        fields_ = cxml_punchout.form_fields(xml, self.connection_id.cxml_poom_encoding)
        self.write(
            {
                "state": "cancelled",
                "ended_at": fields.Datetime.now(),
                "transfer_fields": fields_,
                "transfer_item_count": 0,
            }
        )
        order = self.order_id
        if order.state == "draft":
            if self.cxml_operation == "create":
                order._action_cancel()
            else:
                order._oci_mark_transferred()
            self.env.flush_all()
        return fields_
