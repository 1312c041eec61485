# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shop's delivery rules in Odoo: weekdays, closed days (holidays), and
the settings of the website that build a :class:`DeliveryRules`."""

from datetime import UTC, date, datetime, time

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from ..tools import delivery_dates


def float_to_time(value):
    """A float_time field (14.5 = 14:30) as datetime.time."""
    minutes = round((value or 0.0) * 60)
    minutes = min(max(minutes, 0), 24 * 60 - 1)
    return time(minutes // 60, minutes % 60)


class OciDeliveryWeekday(models.Model):
    _name = "oci.delivery.weekday"
    _description = "Weekday"
    _order = "code"

    name = fields.Char(required=True, translate=True)
    code = fields.Integer(required=True, help="0 = Monday ... 6 = Sunday")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Each weekday exists once."),
        ("code_range", "CHECK(code >= 0 AND code <= 6)", "A weekday code is 0 to 6."),
    ]

    @api.model
    def _oci_codes(self, weekdays):
        return frozenset(weekdays.mapped("code"))

    @api.model
    def _oci_mon_fri(self):
        return self.search([("code", "<", 5)])


class OciDeliveryClosedDay(models.Model):
    _name = "oci.delivery.closed.day"
    _description = "Closed day"
    _order = "date, id"

    name = fields.Char("Occasion", required=True, translate=True)
    date = fields.Date(required=True, index=True)
    website_id = fields.Many2one(
        "website",
        ondelete="cascade",
        help="The shop that is closed on this day; empty: every shop.",
    )

    _sql_constraints = [
        (
            "date_website_unique",
            "UNIQUE(date, website_id)",
            "This day is already in the list of closed days.",
        ),
    ]


class Website(models.Model):
    _inherit = "website"

    def _default_oci_delivery_weekdays(self):
        return self.env["oci.delivery.weekday"]._oci_mon_fri()

    oci_delivery_tz = fields.Selection(
        "_oci_tz_selection",
        string="Shop time zone",
        default=lambda self: self.env.company.partner_id.tz or "Europe/Amsterdam",
        help="The cut-off time and the shop's days are in this time zone.",
    )
    oci_delivery_cutoff = fields.Float(
        "Order cut-off time",
        default=14.0,
        help="Orders placed from this time on count as placed the next working day. 0: no cut-off.",
    )
    oci_delivery_weekday_ids = fields.Many2many(
        "oci.delivery.weekday",
        "website_oci_delivery_weekday_rel",
        string="Delivery days",
        default=_default_oci_delivery_weekdays,
        help="Weekdays on which the shop delivers.",
    )
    oci_preparation_weekday_ids = fields.Many2many(
        "oci.delivery.weekday",
        "website_oci_preparation_weekday_rel",
        string="Working days",
        default=_default_oci_delivery_weekdays,
        help="Weekdays on which the shop prepares orders (preparation days count these).",
    )
    oci_delivery_horizon = fields.Integer(
        "Delivery horizon (days)",
        default=60,
        help="How many days ahead a delivery date can be chosen.",
    )
    oci_delivery_notice = fields.Text(
        "Delivery notice",
        translate=True,
        help="Shown in the cart and the punchout banner from its start to its end date, "
        "e.g. seasonal delivery rules.",
    )
    oci_delivery_notice_start = fields.Date("Notice from")
    oci_delivery_notice_end = fields.Date("Notice until")

    @api.model
    def _oci_tz_selection(self):
        return _tz_get(self)

    @api.constrains("oci_delivery_cutoff", "oci_delivery_horizon")
    def _check_oci_delivery_settings(self):
        for website in self:
            if not 0.0 <= website.oci_delivery_cutoff < 24.0:
                raise ValidationError(self.env._("The cut-off time is a time of day."))
            if not 1 <= website.oci_delivery_horizon <= delivery_dates.MAX_HORIZON_DAYS:
                raise ValidationError(
                    self.env._(
                        "The delivery horizon is from 1 to %s days.",
                        delivery_dates.MAX_HORIZON_DAYS,
                    )
                )

    @api.constrains("oci_delivery_weekday_ids", "oci_preparation_weekday_ids")
    def _check_oci_delivery_weekdays(self):
        for website in self:
            if not website.oci_delivery_weekday_ids or not website.oci_preparation_weekday_ids:
                raise ValidationError(
                    self.env._("The shop needs at least one delivery day and one working day.")
                )

    def _oci_delivery_rules(self):
        """The :class:`DeliveryRules` of this shop (closed days from today on)."""
        self.ensure_one()
        website = self.sudo()
        Weekday = self.env["oci.delivery.weekday"]
        closed = (
            self.env["oci.delivery.closed.day"]
            .sudo()
            .search_read(
                [
                    ("website_id", "in", (False, website.id)),
                    ("date", ">=", date.today().replace(day=1, month=1)),
                ],
                ["date"],
            )
        )
        cutoff = website.oci_delivery_cutoff
        return delivery_dates.DeliveryRules(
            tz=website.oci_delivery_tz or "UTC",
            cutoff=float_to_time(cutoff) if cutoff else None,
            # Websites created before the weekdays existed have none: Mon-Fri.
            delivery_weekdays=Weekday._oci_codes(website.oci_delivery_weekday_ids)
            or delivery_dates.MON_FRI,
            preparation_weekdays=Weekday._oci_codes(website.oci_preparation_weekday_ids)
            or delivery_dates.MON_FRI,
            closed_days=frozenset(row["date"] for row in closed),
            max_days_ahead=website.oci_delivery_horizon or 60,
        )

    def _oci_delivery_notice_text(self, today=None):
        """The shop-wide delivery notice when it is shown today, else ''."""
        self.ensure_one()
        website = self.sudo()
        if not website.oci_delivery_notice:
            return ""
        if today is None:
            today = (
                datetime.now(UTC)
                .astimezone(delivery_dates.ZoneInfo(website.oci_delivery_tz or "UTC"))
                .date()
            )
        start, end = website.oci_delivery_notice_start, website.oci_delivery_notice_end
        if (start and today < start) or (end and today > end):
            return ""
        return website.oci_delivery_notice
