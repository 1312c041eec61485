# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Delivery date and recipient of a cart: per order (Odoo's commitment_date
and delivery address) and per line, checked against the shop's rules when
chosen and again on transfer and checkout."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..tools import delivery_dates

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
