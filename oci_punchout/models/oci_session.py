# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import oci_format


class OciSession(models.Model):
    _name = "oci.session"
    _description = "OCI Punchout Session"
    _order = "id desc"
    _check_company_auto = True

    connection_id = fields.Many2one(
        "oci.connection", index=True, ondelete="set null", readonly=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Customer", index=True, readonly=True)
    orderer_id = fields.Many2one("res.partner", readonly=True)
    user_id = fields.Many2one("res.users", readonly=True)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("transferred", "Transferred"),
            ("ordered", "Ordered"),
            ("cancelled", "Cancelled"),
            ("expired", "Expired"),
            ("refused", "Refused"),
        ],
        required=True,
        default="open",
        index=True,
        readonly=True,
    )
    state_reason = fields.Char("Reason", readonly=True)
    http_status = fields.Integer(readonly=True)
    function = fields.Selection(
        [
            ("login", "Catalog login"),
            ("detail", "DETAIL"),
            ("validate", "VALIDATE"),
            ("background_search", "BACKGROUND_SEARCH"),
            ("po", "Purchase order"),
        ],
        default="login",
        required=True,
        readonly=True,
    )
    hook_url = fields.Char("HOOK_URL", readonly=True)
    form_target = fields.Char(readonly=True)
    echo_fields = fields.Json(readonly=True)
    params = fields.Json("Login parameters", readonly=True, help="As received, secrets redacted.")
    oci_version = fields.Char("OCI version", readonly=True)
    remote_addr = fields.Char("Address", readonly=True, index=True)
    user_agent = fields.Char(readonly=True)
    order_id = fields.Many2one(
        "sale.order", string="Quotation", readonly=True, index=True, ondelete="set null"
    )
    expires_at = fields.Datetime(readonly=True)
    transferred_at = fields.Datetime(readonly=True)
    ended_at = fields.Datetime(readonly=True)
    transfer_fields = fields.Json(readonly=True)
    transfer_item_count = fields.Integer("Items", readonly=True)
    params_html = fields.Html(compute="_compute_html", sanitize=False)
    transfer_html = fields.Html(compute="_compute_html", sanitize=False)

    @api.depends("connection_id", "create_date")
    def _compute_display_name(self):
        for session in self:
            session.display_name = self.env._(
                "%(connection)s #%(id)s",
                connection=session.connection_id.name or self.env._("Unknown connection"),
                id=session.id or "",
            )

    @api.depends("params", "echo_fields", "transfer_fields")
    def _compute_html(self):
        for session in self:
            pairs = list((session.params or {}).items())
            session.params_html = self._pairs_table(pairs)
            session.transfer_html = self._pairs_table(session.transfer_fields or [])

    @api.model
    def _pairs_table(self, pairs):
        if not pairs:
            return False
        rows = Markup("").join(
            Markup("<tr><td><code>%s</code></td><td>%s</td></tr>") % (escape(name), escape(value))
            for name, value in pairs
        )
        return Markup('<table class="table table-sm o_oci_pairs"><tbody>%s</tbody></table>') % rows

    # ------------------------------------------------------------------
    # Session life
    # ------------------------------------------------------------------
    def _is_usable(self):
        self.ensure_one()
        return self.state == "open" and (
            not self.expires_at or self.expires_at > fields.Datetime.now()
        )

    def _check_usable(self):
        self.ensure_one()
        if self.state == "open" and not self._is_usable():
            self._expire()
        if self.state != "open":
            raise UserError(
                self.env._(
                    "This punchout session has ended (%s). Please start again from "
                    "your procurement system.",
                    dict(self._fields["state"]._description_selection(self.env))[self.state],
                )
            )

    def _expire(self):
        self.filtered(lambda s: s.state == "open").write(
            {
                "state": "expired",
                "ended_at": fields.Datetime.now(),
                "state_reason": self.env._("Session lifetime exceeded"),
            }
        )

    @api.model
    def _cron_expire_sessions(self):
        stale = self.search([("state", "=", "open"), ("expires_at", "<", fields.Datetime.now())])
        stale._expire()
        self.env["oci.throttle"]._gc()
        return len(stale)

    def _oci_echo(self):
        self.ensure_one()
        return [tuple(pair) for pair in (self.echo_fields or [])]

    def _oci_transfer(self):
        """Build the cart return of this session's cart, mark the quotation
        transferred and end the session. Returns the (name, value) fields."""
        self.ensure_one()
        self._check_usable()
        order = self.order_id
        if not order or not order.order_line.filtered(lambda line: not line.display_type):
            raise UserError(self.env._("Your cart is empty: there is nothing to transfer."))
        order._oci_check_transfer()
        items = order._oci_item_rows(self.connection_id)
        fields_ = oci_format.form_fields(self._oci_echo(), items, self.connection_id.charset)
        self.write(
            {
                "state": "transferred",
                "transferred_at": fields.Datetime.now(),
                "ended_at": fields.Datetime.now(),
                "transfer_fields": fields_,
                "transfer_item_count": len(items),
            }
        )
        order._oci_mark_transferred()
        return fields_

    def _oci_cancel(self):
        """End the session without a cart: the echo fields only."""
        self.ensure_one()
        self._check_usable()
        fields_ = oci_format.form_fields(self._oci_echo(), [], self.connection_id.charset)
        self.write(
            {
                "state": "cancelled",
                "ended_at": fields.Datetime.now(),
                "transfer_fields": fields_,
                "transfer_item_count": 0,
            }
        )
        if self.order_id.state == "draft":
            self.order_id._action_cancel()
            # Flush as superuser what was written for the portal buyer: the
            # request's final flush runs as the buyer, who may not read the
            # lines' currency needed to store their recomputed amounts.
            self.env.flush_all()
        return fields_

    def _oci_answer_function(self, products, quantities=None):
        """Items for VALIDATE / BACKGROUND_SEARCH, answered without a cart;
        the session is closed as transferred."""
        self.ensure_one()
        items = self.connection_id._oci_product_items(products, self.partner_id, quantities or {})
        fields_ = oci_format.form_fields(self._oci_echo(), items, self.connection_id.charset)
        self.write(
            {
                "state": "transferred",
                "transferred_at": fields.Datetime.now(),
                "ended_at": fields.Datetime.now(),
                "transfer_fields": fields_,
                "transfer_item_count": len(items),
            }
        )
        return fields_
