# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chosen delivery dates and recipients in what a punchout cart sends to
the buyer's procurement system: OCI NEW_ITEM fields (LEADTIME, long text,
mapped fields) and the cXML ItemIn's requested delivery date and ShipTo."""

from datetime import datetime
from zoneinfo import ZoneInfo

from odoo import models
from odoo.tools import format_date

from ..tools import delivery_dates
from .oci_connection_field import LINE_SOURCES
from .sale_order_delivery import DELIVERY_TIME, oci_now


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # --- OCI transfer ------------------------------------------------------
    # EXTENDS sale_order (punchout transfer): lead time until the chosen date
    def _oci_item_rows(self, connection):
        items = super()._oci_item_rows(connection)
        lines = self.order_line.filtered(lambda line: not line.display_type and line.product_id)
        if len(lines) != len(items):
            return items
        rules = self._oci_delivery_rules()
        order_day = self._oci_delivery_day(rules)
        now = oci_now()
        line_mapping = connection.field_ids.filtered(lambda f: f.source in LINE_SOURCES)
        for item, line in zip(items, lines, strict=True):
            day = line.oci_delivery_date or order_day
            if day:
                item["LEADTIME"] = str(delivery_dates.working_days_until(rules, now, day))
            # Date and recipient in the fields the connection's mapping names.
            for mapping in line_mapping:
                item[mapping.oci_field] = mapping._value_for_line(line, rules)
        return items

    def _oci_delivery_lang(self):
        self.ensure_one()
        # The buyer's language of the punchout (procurement system, orderer,
        # connection), else the connection's, else the customer's.
        session = self.oci_session_id.sudo()
        if session and "lang" in session._fields and session.lang:
            return session.lang
        connection = self.oci_connection_id.sudo()
        if connection and "lang" in connection._fields and connection.lang:
            return connection.lang
        return self.partner_id.lang or self.env.lang


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _oci_delivery_text(self):
        """Date and recipient of this line for NEW_ITEM-LONGTEXT, in the
        connection's language ('' when the buyer chose no date)."""
        self.ensure_one()
        order = self.order_id
        line = self.with_context(lang=order._oci_delivery_lang())
        day = self.oci_delivery_date or order._oci_delivery_day()
        recipient = self.oci_recipient_id or order.partner_shipping_id
        parts = []
        if day:
            parts.append(line.env._("Delivery date: %s", format_date(line.env, day)))
        if recipient and (day or self.oci_recipient_id):
            parts.append(line.env._("Recipient: %s", recipient._oci_recipient_address()))
        return "\n".join(parts)

    def _oci_delivery_day_recipient(self, rules=None):
        """(date or None, recipient) of this line: its own, else the order's.
        ``rules``: the shop's, when the caller has them (no query per line)."""
        self.ensure_one()
        order = self.order_id
        day = self.oci_delivery_date or order._oci_delivery_day(rules)
        return day, self.oci_recipient_id or order.partner_shipping_id

    def _oci_cxml_delivery(self, rules=None):
        """The requested delivery date and ShipTo of this line's ItemIn in a
        cXML PunchOutOrderMessage: {requested_delivery_date, ship_to} (empty
        values when the buyer chose none). The date is the shop's delivery
        time of the day, in the shop's time zone; a ShipTo is given when the
        line goes to a chosen recipient (a branch, a one-off recipient, or
        with a date) and its address is complete."""
        self.ensure_one()
        rules = rules or self.order_id._oci_delivery_rules()
        day, recipient = self._oci_delivery_day_recipient(rules)
        values = {"requested_delivery_date": "", "ship_to": None}
        if day:
            values["requested_delivery_date"] = datetime.combine(
                day, DELIVERY_TIME, tzinfo=ZoneInfo(rules.tz)
            )
        chosen = day or self.oci_recipient_id or recipient.type == "delivery"
        if recipient and chosen:
            values["ship_to"] = recipient._oci_cxml_address()
        return values

    # EXTENDS sale_order_line (punchout transfer)
    def _oci_longtext(self):
        text = super()._oci_longtext()
        delivery = self._oci_delivery_text()
        return "\n".join(part for part in (text, delivery) if part)
