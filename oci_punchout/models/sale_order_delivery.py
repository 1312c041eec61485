# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delivery date and recipient of a cart: per order (Odoo's commitment_date
and delivery address) and per line, checked against the shop's rules when
chosen and again on transfer and checkout."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo.exceptions import MissingError, UserError
from odoo.tools import format_date

from ..tools import delivery_dates
from .oci_connection_field import LINE_SOURCES

# Deliveries are planned at noon of the chosen day (shop time).
DELIVERY_TIME = time(12, 0)


def oci_now():
    """The current moment as an aware datetime (the rules need one)."""
    return datetime.now(UTC)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # --- Rules -----------------------------------------------------------
    def _oci_delivery_website(self):
        self.ensure_one()
        return self.website_id or self.env["website"].get_current_website()

    def _oci_delivery_rules(self):
        return self._oci_delivery_website()._oci_delivery_rules()

    def _oci_delivery_day(self, rules=None):
        """The order's delivery date (commitment_date in the shop's time zone)."""
        self.ensure_one()
        if not self.commitment_date:
            return None
        # Only the time zone is needed: no query for the whole rules per call.
        tz = rules.tz if rules else (self._oci_delivery_website().sudo().oci_delivery_tz or "UTC")
        moment = self.commitment_date.replace(tzinfo=UTC)
        return moment.astimezone(ZoneInfo(tz)).date()

    @api.model
    def _oci_day_to_datetime(self, day, rules):
        """``day`` at the delivery time of the shop, as naive UTC (Odoo)."""
        local = datetime.combine(day, DELIVERY_TIME, tzinfo=ZoneInfo(rules.tz))
        return local.astimezone(UTC).replace(tzinfo=None)

    @api.model
    def _oci_preparation_days(self, lines):
        days = lines.product_id.product_tmpl_id.mapped("oci_preparation_days")
        return max(days, default=0)

    def _oci_possible_dates(self, recipient=None, lines=None, now=None, rules=None):
        """The dates the picker offers for ``lines`` (default: every product
        line) delivered to ``recipient`` (default: the order's address)."""
        self.ensure_one()
        rules = rules or self._oci_delivery_rules()
        lines = self._oci_product_lines() if lines is None else lines
        recipient = recipient or self.partner_shipping_id
        return delivery_dates.possible_dates(
            rules,
            now or oci_now(),
            self._oci_preparation_days(lines),
            recipient._oci_delivery_window() if recipient else None,
            horizon_days=rules.max_days_ahead,
        )

    def _oci_delivery_cart_values(self, now=None):
        """What the cart's delivery form shows: recipients, the possible
        dates of the order and of each line, the lines grouped by recipient
        and date."""
        self.ensure_one()
        rules = self._oci_delivery_rules()
        now = now or oci_now()
        line_dates = {
            line.id: self._oci_possible_dates(
                recipient=line.oci_recipient_id or None, lines=line, now=now, rules=rules
            )
            for line in self._oci_product_lines()
        }
        return {
            "oci_delivery_recipients": self._oci_recipient_choices(),
            "oci_delivery_order_day": self._oci_delivery_day(rules),
            "oci_delivery_order_dates": self._oci_possible_dates(now=now, rules=rules),
            "oci_delivery_line_dates": line_dates,
            "oci_delivery_groups": self._oci_delivery_groups(),
            "oci_delivery_countries": self._oci_delivery_website()._oci_recipient_countries(),
            "oci_delivery_one_offs": self._oci_one_off_recipients(),
        }

    # --- Recipients ------------------------------------------------------
    # EXTENDS sale_order (business accounts): one-off recipients are no branches
    def _oci_branch_choices(self):
        return super()._oci_branch_choices().filtered(lambda partner: not partner.oci_one_off)

    def _oci_recipient_choices(self):
        """Who the buyer may deliver this cart's lines to: the branches, the
        current delivery address and this order's one-off recipients."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        used = (self.partner_shipping_id | self.order_line.oci_recipient_id).sudo()
        own = used.filtered(
            lambda partner: (
                partner.commercial_partner_id == customer
                and (partner.oci_one_off or partner == self.partner_shipping_id)
            )
        )
        return (self._oci_branch_choices() | own).sorted(lambda p: (p.name or "", p.id))

    def _oci_recipient(self, value, new_recipient=None):
        """The recipient chosen by ``value`` (a partner id, or 'new' for the
        one-off recipient created from ``new_recipient``)."""
        self.ensure_one()
        if value == "new":
            if new_recipient is None:
                raise UserError(self.env._("Fill in the new recipient's address."))
            return new_recipient
        partner_id = int(value) if str(value).isdecimal() else 0
        recipient = self._oci_recipient_choices().filtered(lambda p: p.id == partner_id)
        if not recipient:
            raise UserError(self.env._("This recipient is not one of your delivery addresses."))
        return recipient

    def _oci_create_one_off(self, vals):
        """A one-off recipient of this order's customer (no branch)."""
        self.ensure_one()
        Partner = self.env["res.partner"].sudo()
        countries = self._oci_delivery_website()._oci_recipient_countries()
        clean = Partner._oci_clean_one_off_vals(vals, countries=countries)
        clean.update(
            {
                "type": "delivery",
                "parent_id": self.partner_id.commercial_partner_id.id,
                "oci_one_off": True,
            }
        )
        return Partner.create(clean)

    def _oci_one_off_recipients(self):
        """The one-off recipients this cart delivers to (which the buyer may
        still correct)."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        used = (self.partner_shipping_id | self.order_line.oci_recipient_id).sudo()
        return used.filtered(
            lambda partner: partner.oci_one_off and partner.commercial_partner_id == customer
        ).sorted(lambda p: (p.name or "", p.id))

    def _oci_update_one_off(self, partner_id, vals, now=None):
        """Correct a one-off recipient of this cart (name, address, phone,
        courier note). Only one this draft order delivers to, of its customer,
        and used by no other order; MissingError otherwise (nothing said
        about whose it is). The delivery is checked again afterwards."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("This order can no longer be changed."))
        recipient = self._oci_one_off_recipients().filtered(lambda p: p.id == partner_id)
        if not recipient:
            raise MissingError(self.env._("This recipient is not one of this cart's."))
        elsewhere = (
            self.env["sale.order"]
            .sudo()
            .search_count(
                [
                    ("id", "!=", self.id),
                    "|",
                    ("partner_shipping_id", "=", recipient.id),
                    ("order_line.oci_recipient_id", "=", recipient.id),
                ],
                limit=1,
            )
        )
        if elsewhere:
            raise UserError(
                self.env._("This recipient is used by another order and cannot be changed here.")
            )
        countries = self._oci_delivery_website()._oci_recipient_countries()
        clean = recipient._oci_clean_one_off_vals(vals, countries=countries)
        # Cleared optional fields are cleared on the recipient too.
        optional = ("zip", "country_id", "phone", "oci_delivery_instructions")
        values = dict.fromkeys(optional, False)
        values.update(clean)
        with self.env.cr.savepoint():
            recipient.write(values)
            self.env.flush_all()
            self._oci_check_delivery(now=now)
        return recipient

    # --- Setting date and recipient -------------------------------------
    @api.model
    def _oci_parse_day(self, value):
        if not value:
            return None
        try:
            return delivery_dates.parse_date(value)
        except ValueError:
            raise UserError(self.env._("A delivery date is given as yyyy-mm-dd.")) from None

    def _oci_set_delivery(
        self, order_date=None, recipient=None, line_values=None, new_recipient=None, now=None
    ):
        """Apply the delivery the buyer chose, all or nothing, then check it.

        ``order_date``: ISO date or '' (none); None keeps it. ``recipient``: a
        partner id or 'new'; None keeps it. ``line_values``: {line id: (date,
        recipient)} with '' meaning "as the order". ``new_recipient``: the
        one-off recipient's address (dict) when one is given.
        """
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("This order can no longer be changed."))
        rules = self._oci_delivery_rules()
        with self.env.cr.savepoint():
            created = None
            if new_recipient and any((new_recipient.get(key) or "").strip() for key in ("name",)):
                created = self._oci_create_one_off(new_recipient)
            if recipient:
                partner = self._oci_recipient(recipient, created)
                if partner != self.partner_shipping_id:
                    fiscal_position = self.fiscal_position_id
                    self.partner_shipping_id = partner
                    if fiscal_position != self.fiscal_position_id:
                        self._recompute_taxes()
            if order_date is not None:
                day = self._oci_parse_day(order_date)
                self.commitment_date = self._oci_day_to_datetime(day, rules) if day else False
            for line_id, (line_date, line_recipient) in (line_values or {}).items():
                line = self.order_line.filtered(lambda line, line_id=line_id: line.id == line_id)
                if not line:
                    raise UserError(self.env._("This line is not in your cart."))
                day = self._oci_parse_day(line_date)
                partner = self._oci_recipient(line_recipient, created) if line_recipient else False
                line.write(
                    {
                        "oci_delivery_date": day or False,
                        "oci_recipient_id": partner.id if partner else False,
                    }
                )
            self.env.flush_all()
            self._oci_check_delivery(now=now)
        return True

    # --- Groups and checks -----------------------------------------------
    def _oci_delivery_groups(self):
        """The product lines grouped by recipient and date: a list of dicts
        (recipient, date or None, lines), by date then recipient."""
        self.ensure_one()
        rules = self._oci_delivery_rules()
        order_day = self._oci_delivery_day(rules)
        groups = {}
        for line in self._oci_product_lines():
            recipient = line.oci_recipient_id or self.partner_shipping_id
            day = line.oci_delivery_date or order_day
            key = (recipient.id, day)
            if key not in groups:
                groups[key] = {"recipient": recipient, "date": day, "lines": line.browse()}
            groups[key]["lines"] |= line
        return sorted(
            groups.values(),
            key=lambda group: (group["date"] or datetime.max.date(), group["recipient"].name or ""),
        )

    def _oci_refusal_reason(self, reason):
        return {
            delivery_dates.PAST: self.env._("this day is past"),
            delivery_dates.TOO_FAR: self.env._("it is beyond the days the shop plans ahead"),
            delivery_dates.CLOSED: self.env._("the shop is closed that day"),
            delivery_dates.NOT_DELIVERY_DAY: self.env._(
                "the shop does not deliver on that weekday"
            ),
            delivery_dates.OUTSIDE_WINDOW: self.env._(
                "the recipient does not accept deliveries on that weekday"
            ),
            delivery_dates.TOO_EARLY: self.env._(
                "the products cannot be ready by then (preparation time, order cut-off)"
            ),
        }[reason]

    def _oci_delivery_refusals(self, now=None):
        """Messages for the groups whose date is not possible (empty: fine)."""
        self.ensure_one()
        rules = self._oci_delivery_rules()
        now = now or oci_now()
        messages = []
        for group in self._oci_delivery_groups():
            if not group["date"]:
                continue
            refusal = delivery_dates.check(
                rules,
                now,
                group["date"],
                self._oci_preparation_days(group["lines"]),
                group["recipient"]._oci_delivery_window(),
            )
            if refusal is None:
                continue
            args = {
                "recipient": group["recipient"].sudo().name,
                "date": format_date(self.env, group["date"]),
                "reason": self._oci_refusal_reason(refusal.reason),
            }
            if refusal.first_possible:
                messages.append(
                    self.env._(
                        "Delivery to %(recipient)s on %(date)s is not possible: %(reason)s. "
                        "The first possible date is %(first)s.",
                        first=format_date(self.env, refusal.first_possible),
                        **args,
                    )
                )
            else:
                messages.append(
                    self.env._(
                        "Delivery to %(recipient)s on %(date)s is not possible: %(reason)s. "
                        "No date is possible for these products and this recipient.",
                        **args,
                    )
                )
        return messages

    def _oci_check_delivery(self, now=None):
        self.ensure_one()
        messages = self._oci_delivery_refusals(now=now)
        if messages:
            raise UserError("\n".join(messages))

    # EXTENDS sale_order (punchout transfer)
    def _oci_check_transfer(self):
        result = super()._oci_check_transfer()
        self._oci_check_delivery()
        return result

    # EXTENDS website_sale
    def _check_cart_is_ready_to_be_paid(self):
        self._oci_check_delivery()
        return super()._check_cart_is_ready_to_be_paid()

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

    oci_recipient_id = fields.Many2one(
        "res.partner",
        "Recipient",
        index="btree_not_null",
        help="Who receives this line, when not the order's delivery address.",
    )
    oci_delivery_date = fields.Date(
        "Delivery date", help="When this line is delivered, when not on the order's date."
    )

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

    # EXTENDS sale_stock: one delivery per recipient and date
    def _prepare_procurement_values(self, group_id=False):
        values = super()._prepare_procurement_values(group_id=group_id)
        if self.oci_recipient_id:
            values["partner_id"] = self.oci_recipient_id.id
        if self.oci_delivery_date:
            order = self.order_id
            deadline = order._oci_day_to_datetime(
                self.oci_delivery_date, order._oci_delivery_rules()
            )
            values["date_deadline"] = deadline
            values["date_planned"] = deadline - timedelta(days=order.company_id.security_lead)
        return values
