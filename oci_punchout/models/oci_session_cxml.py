# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""cXML punchout sessions: the PunchOutSetupRequest opens an oci.session
(same log, throttle, orderer and cart machinery as an OCI login) with a
one-time StartPage token; the transfer answers a PunchOutOrderMessage
(oci_session_cxml_transfer.py)."""

import hashlib
import logging
import secrets
from datetime import timedelta

import psycopg2

from odoo import api, fields, models
from odoo.tools import SQL

from ..exceptions import OciLoginRefused
from ..tools import cxml_punchout
from ..tools.cxml import MAX_BYTES, split_aux_id

_logger = logging.getLogger(__name__)

START_TOKEN_MINUTES = 5
START_PATH = "/oci/cxml/start/"
_SECRET_HINTS = ("pass", "secret", "token", "pwd")


def token_hash(token):
    return hashlib.sha256((token or "").encode("utf-8", "replace")).hexdigest()


class OciSessionCxml(models.Model):
    _inherit = "oci.session"

    protocol = fields.Selection(
        [("oci", "OCI"), ("cxml", "cXML")], default="oci", required=True, readonly=True
    )
    cxml_operation = fields.Selection(
        [("create", "Create"), ("edit", "Edit"), ("inspect", "Inspect")],
        string="cXML operation",
        readonly=True,
    )
    cxml_payload_id = fields.Char("cXML payloadID", readonly=True, copy=False)
    cxml_buyer_cookie = fields.Char("BuyerCookie", readonly=True, copy=False)
    cxml_parties = fields.Json("cXML parties", readonly=True, copy=False)
    cxml_items = fields.Json("Items to restore", readonly=True, copy=False)
    cxml_start_token_hash = fields.Char(
        "StartPage token hash", readonly=True, copy=False, index=True
    )
    cxml_start_expires_at = fields.Datetime("StartPage valid until", readonly=True, copy=False)
    cxml_started_at = fields.Datetime("StartPage used on", readonly=True, copy=False)
    cxml_branch_id = fields.Many2one("res.partner", string="cXML branch", readonly=True)
    cxml_cost_center = fields.Char("cXML cost center", readonly=True)

    _sql_constraints = [
        (
            "cxml_payload_uniq",
            "unique(connection_id, cxml_payload_id)",
            "A cXML payloadID opens one session per connection.",
        ),
    ]

    # ------------------------------------------------------------------
    # PunchOutSetupRequest
    # ------------------------------------------------------------------
    @api.model
    def _cxml_setup(
        self,
        code,
        body,
        remote_addr=None,
        user_agent=None,
        start_base=None,
        own_form_post_path=None,
    ):
        """Answer a PunchOutSetupRequest: (cXML status code, text, StartPage
        URL or None). Runs as superuser from the public route; every attempt
        takes a failure slot of its address (oci.throttle), a refusal keeps it
        and is recorded in the session log. ``own_form_post_path``: the test
        buyer's receive page, accepted as BrowserFormPost (test mode only)."""
        log_vals = self._oci_attempt_log_vals(remote_addr, user_agent, protocol="cxml", params={})
        Throttle = self.env["oci.throttle"]
        connection = self.env["oci.connection"]
        slot = None
        try:
            slot = self._oci_reserve_slot(remote_addr)
            if "\x00" not in (code or ""):
                connection = connection.search([("code", "=", code or "")], limit=1)
            if connection:
                self._oci_log_connection(log_vals, connection)
            try:
                setup = cxml_punchout.parse_setup_request(body, self._cxml_max_bytes())
            except cxml_punchout.CxmlError as exc:
                raise OciLoginRefused(self._cxml_error_text(exc), exc.code) from None
            log_vals["params"] = self._cxml_log_params(setup)
            if not connection:
                raise OciLoginRefused(self.env._("Unknown punchout connection."), 404)
            connection._cxml_check_enabled()
            connection._cxml_check_credentials(setup)
            try:
                with self.env.cr.savepoint():
                    session, token = self._cxml_open(
                        connection, setup, log_vals, own_form_post_path
                    )
            except psycopg2.IntegrityError:
                raise OciLoginRefused(self._cxml_replay_text(), 409) from None
        except OciLoginRefused as refusal:
            if refusal.status != 429:
                self._record_refusal(log_vals, refusal)
            _logger.info(
                "cXML punchout setup refused (connection %s, address %s): %s",
                connection.code or "-",
                remote_addr,
                refusal.reason,
            )
            return refusal.status, refusal.reason, None
        except Exception:
            Throttle._oci_release(slot)
            raise
        Throttle._oci_release(slot)
        base = start_base or session.connection_id._get_website().get_base_url()
        return 200, "OK", f"{base.rstrip('/')}{START_PATH}{token}"

    @api.model
    def _cxml_max_bytes(self):
        return min(self.env["oci.purchase.order"]._po_max_bytes(), MAX_BYTES)

    def _cxml_error_text(self, error):
        """The sender-facing text of a refused document: the parser's own
        texts are plain English and name no internals."""
        if error.code == 413:
            return self.env._("The document is too large.")
        return error.message

    def _cxml_replay_text(self):
        return self.env._("This payloadID was already used: send a new PunchOutSetupRequest.")

    @api.model
    def _cxml_log_params(self, setup):
        """What the session log keeps of a setup request (never a secret)."""
        params = {
            "payloadID": setup.payload_id[:256],
            "operation": setup.operation,
            "BuyerCookie": setup.buyer_cookie[:256],
            "BrowserFormPost": setup.browser_form_post_url[:2048],
            "From": ", ".join(f"{c.domain}:{c.identity}" for c in setup.from_credentials)[:256],
            "UserAgent": setup.user_agent[:256],
            "deploymentMode": setup.deployment_mode,
        }
        if setup.contact_email:
            params["Contact"] = setup.contact_email[:256]
        for name, value in (setup.extrinsics or {}).items():
            key = f"Extrinsic {name}"[:256]
            secret = any(hint in name.lower() for hint in _SECRET_HINTS)
            params[key] = "***" if secret else str(value)[:4096]
        return params

    def _cxml_open(self, connection, setup, log_vals, own_form_post_path=None):
        url = connection._cxml_check_form_post_url(setup.browser_form_post_url, own_form_post_path)
        if self.search_count(
            [("connection_id", "=", connection.id), ("cxml_payload_id", "=", setup.payload_id)],
            limit=1,
        ):
            raise OciLoginRefused(self._cxml_replay_text(), 409)
        order, items = self._cxml_cart_to_restore(connection, setup)
        orderer, user = connection._find_orderer(connection._cxml_orderer_params(setup))
        token = secrets.token_urlsafe(32)
        now = fields.Datetime.now()
        branch = connection._cxml_branch(setup)
        cost_center = (setup.extrinsics or {}).get(connection.cxml_cost_center_extrinsic or "")
        session = self.create(
            dict(
                log_vals,
                orderer_id=orderer.id,
                user_id=user.id,
                function="login",
                hook_url=url,
                form_target="_top",
                echo_fields=[],
                expires_at=connection._expiry_from(now),
                state="open",
                cxml_operation=setup.operation,
                cxml_payload_id=setup.payload_id,
                cxml_buyer_cookie=setup.buyer_cookie,
                cxml_parties={
                    "from": [[c.domain, c.identity] for c in setup.from_credentials],
                    "to": [[c.domain, c.identity] for c in setup.to_credentials],
                },
                cxml_items=items or False,
                cxml_start_token_hash=token_hash(token),
                cxml_start_expires_at=now + timedelta(minutes=START_TOKEN_MINUTES),
                cxml_branch_id=branch.id,
                cxml_cost_center=(cost_center or "")[:64] or False,
            )
        )
        self.env.flush_all()
        if order:
            # edit / inspect: the kept quotation is the cart again (the same
            # record, so the buyer's old cart is superseded, not duplicated).
            previous = order.oci_session_id
            if order.state == "sent":
                # Shown as the website cart again; inspect cannot change it
                # (sale.order._cart_update) and its Return sends it back.
                order.action_draft()
            order._oci_link_session(session)
            if previous and previous != session and previous.state == "open":
                previous._expire()
            # Flushed as superuser: the savepoint's own flush would run in the
            # request's (public) environment, which may not read the lines.
            self.env.flush_all()
        return session, token

    def _cxml_cart_to_restore(self, connection, setup):
        """(quotation, items) of an edit/inspect request: the quotation the
        SupplierPartAuxiliaryIDs name (only one of this connection), else
        the ItemOut lines whose product this connection sells (edit only)."""
        if setup.operation == "create":
            return self.env["sale.order"], []
        names = {
            split_aux_id(item.supplier_part_auxiliary_id)[0]
            for item in setup.items
            if item.supplier_part_auxiliary_id
        } - {None}
        order = self.env["sale.order"]
        if names:
            order = self.env["sale.order"].search(
                [
                    ("name", "in", sorted(names)),
                    ("oci_connection_id", "=", connection.id),
                    ("state", "in", ("draft", "sent")),
                    ("oci_transfer_state", "in", ("cart", "transferred")),
                ],
                order="id desc",
                limit=1,
            )
        if order:
            return order, []
        items = []
        if setup.operation == "edit":
            for item in setup.items:
                product = connection._oci_resolve_product(item.supplier_part_id)
                if product:
                    items.append([product.id, float(item.quantity)])
        if not items:
            raise OciLoginRefused(
                self.env._("The cart to %s is not known to this shop.", setup.operation), 400
            )
        return self.env["sale.order"], items

    # ------------------------------------------------------------------
    # StartPage
    # ------------------------------------------------------------------
    @api.model
    def _cxml_redeem(self, token):
        """The session of a StartPage token, marked used (once, atomically).
        Raises OciLoginRefused 404 (unknown) or 410 (used or expired)."""
        digest = token_hash(token)
        if not token or len(token) > 128 or "\x00" in token:
            raise OciLoginRefused(self.env._("This punchout link is not valid."), 404)
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """UPDATE oci_session SET cxml_started_at = %(now)s
                   WHERE cxml_start_token_hash = %(digest)s AND cxml_started_at IS NULL
                     AND state = 'open' AND cxml_start_expires_at > %(now)s
                   RETURNING id""",
                now=now,
                digest=digest,
            )
        )
        row = self.env.cr.fetchone()
        self.invalidate_model(["cxml_started_at"])
        if row:
            return self.browse(row[0])
        known = self.search([("cxml_start_token_hash", "=", digest)], limit=1)
        if not known:
            raise OciLoginRefused(self.env._("This punchout link is not valid."), 404)
        if not known.cxml_started_at and known.state == "open":
            known._expire()
        raise OciLoginRefused(
            self.env._(
                "This punchout link was already used or has expired. Please start "
                "again from your procurement system."
            ),
            410,
        )
