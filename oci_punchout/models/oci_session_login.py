# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The punchout login of oci.session: check an OCI call (sizes, encoding,
credentials, HOOK_URL, FUNCTION), open its session or record the refusal.
The session record and its life (transfer, cancel, expiry) are in
oci_session.py."""

import logging
import math

from odoo import api, fields, models

from ..const import SECRET_PARAM_HINTS
from ..exceptions import OciLoginRefused
from ..tools import oci_format

_logger = logging.getLogger(__name__)

MAX_PARAMS = 100
MAX_PARAM_LENGTH = 4096
# EXT_PRODUCT_ID is 40 characters (OCI 4.0); QUANTITY 15 digits at most
MAX_PRODUCT_KEY = 40
MAX_QUANTITY = 10**11
FUNCTIONS = {
    "": "login",
    "DETAIL": "detail",
    "VALIDATE": "validate",
    "BACKGROUND_SEARCH": "background_search",
}


class OciSession(models.Model):
    _inherit = "oci.session"

    @api.model
    def _oci_login(
        self,
        code,
        params,
        remote_addr=None,
        user_agent=None,
        own_hook_path=None,
        unreadable=None,
    ):
        """Check an OCI call and open a session (or answer a FUNCTION).

        Runs as superuser from the public login route. Refusals raise
        :class:`OciLoginRefused` after recording the attempt; nothing else
        the attempt made is kept. Every attempt takes a failure slot of its
        address first (oci.throttle): a refusal keeps it, a session opened
        gives it back. ``unreadable``: the parameters could not be read as
        sent ("encoding": not UTF-8, "size": too large)."""
        params = {key: value for key, value in params.items() if isinstance(value, str)}
        # NUL can be neither stored nor searched (PostgreSQL refuses it): the
        # attempt is refused, and recorded without it.
        has_nul = any("\x00" in text for item in params.items() for text in item) or (
            "\x00" in (code or "")
        )
        if has_nul:
            params = {
                key.replace("\x00", ""): value.replace("\x00", "") for key, value in params.items()
            }
            code = code.replace("\x00", "")
        log_vals = self._oci_attempt_log_vals(
            remote_addr, user_agent, params=self._redact(params, None)
        )
        connection = self.env["oci.connection"]
        Throttle = self.env["oci.throttle"]
        slot = None
        try:
            slot = self._oci_reserve_slot(remote_addr)
            connection = self.env["oci.connection"].search([("code", "=", code or "")], limit=1)
            if connection:
                # Known before any refusal is logged: its own password
                # parameter name is redacted too.
                self._oci_log_connection(
                    log_vals, connection, params=self._redact(params, connection)
                )
            self._check_sizes(params)
            self._check_readable(unreadable, has_nul)
            if not connection:
                raise OciLoginRefused(self.env._("Unknown punchout connection."), 404)
            with self.env.cr.savepoint():
                session = self._oci_open(connection, params, log_vals, own_hook_path)
        except OciLoginRefused as refusal:
            if refusal.status != 429:
                self._record_refusal(log_vals, refusal)
            _logger.info(
                "OCI login refused (connection %s, address %s): %s",
                connection.code or "-",
                remote_addr,
                refusal.reason,
            )
            raise
        except Exception:
            # Not the sender's failure (e.g. a serialization failure, retried
            # by Odoo with a new slot).
            Throttle._oci_release(slot)
            raise
        Throttle._oci_release(slot)
        return session

    @api.model
    def _oci_attempt_log_vals(self, remote_addr, user_agent, **vals):
        """What the session log keeps of a login or setup attempt (OCI and
        cXML) before its connection is known."""
        return {
            "remote_addr": remote_addr,
            "user_agent": (user_agent or "").replace("\x00", "")[:256],
            **vals,
        }

    @api.model
    def _oci_reserve_slot(self, remote_addr):
        """The failure slot of the attempt's address (oci.throttle); refused
        (429) when the address has none left."""
        slot = self.env["oci.throttle"]._oci_reserve(remote_addr)
        if slot is False:
            raise OciLoginRefused(
                self.env._("Too many failed attempts. Please try again later."), 429
            )
        return slot

    @api.model
    def _oci_log_connection(self, log_vals, connection, **vals):
        """The attempt's connection (and its company and customer) in the
        session log values, with ``vals``."""
        log_vals.update(
            connection_id=connection.id,
            company_id=connection.company_id.id,
            partner_id=connection.partner_id.id,
            **vals,
        )

    def _oci_open(self, connection, params, log_vals, own_hook_path=None):
        connection._check_credentials(params)
        function = FUNCTIONS.get((params.get("FUNCTION") or "").strip().upper())
        if function is None:
            raise OciLoginRefused(self.env._("Unsupported OCI FUNCTION."), 400)
        hook_url = connection._check_hook_url(params.get("HOOK_URL"), own_hook_path)
        if function == "validate":
            if not params.get("PRODUCTID"):
                raise OciLoginRefused(self.env._("VALIDATE needs a PRODUCTID."), 400)
            try:
                quantity = oci_format.parse_number(params.get("QUANTITY") or "1")
            except ValueError as exc:
                raise OciLoginRefused(self.env._("QUANTITY is not a number."), 400) from exc
            if not math.isfinite(quantity) or quantity > MAX_QUANTITY:
                raise OciLoginRefused(self.env._("QUANTITY is not a number."), 400)
            if quantity <= 0:
                raise OciLoginRefused(self.env._("QUANTITY must be positive."), 400)
        if function == "detail" and not params.get("PRODUCTID"):
            raise OciLoginRefused(self.env._("DETAIL needs a PRODUCTID."), 400)
        if len((params.get("PRODUCTID") or "").strip()) > MAX_PRODUCT_KEY:
            # Our EXT_PRODUCT_ID (a product id or reference) has 40 characters.
            raise OciLoginRefused(self.env._("PRODUCTID is not a product of this shop."), 400)
        if function == "detail" and not connection._oci_resolve_product(params.get("PRODUCTID")):
            # Refused before any orderer or user is made for it.
            raise OciLoginRefused(self.env._("This product is not in your catalog."), 404)
        orderer, user = connection._find_orderer(params)
        now = fields.Datetime.now()
        vals = dict(
            log_vals,
            orderer_id=orderer.id,
            user_id=user.id,
            function=function,
            hook_url=hook_url,
            form_target=oci_format.form_target(params),
            echo_fields=oci_format.echo_fields(params),
            oci_version=(params.get("OCI_VERSION") or "")[:16] or False,
            expires_at=connection._expiry_from(now),
            state="open",
        )
        previous = self.env["oci.session"]
        if function in ("login", "detail"):
            previous = self._oci_same_requisition(connection, user, hook_url)
            vals["order_id"] = previous.order_id.filtered(lambda order: order.state == "draft")[
                :1
            ].id
        session = self.create(vals)
        if previous:
            # Written last: a concurrent login of the same requisition
            # (double click) fails to update these rows and is retried by
            # Odoo, then resumes from this session instead.
            previous.write(
                {
                    "state": "expired",
                    "ended_at": now,
                    "state_reason": self.env._("Superseded by session #%s", session.id),
                }
            )
            (previous.order_id - session.order_id).filtered(
                lambda order: order.state == "draft"
            ).oci_session_id = False
        if session.order_id:
            session.order_id.oci_session_id = session
        return session

    def _oci_same_requisition(self, connection, user, hook_url):
        """The open sessions a new login takes over: those of the same
        requisition coming back (same connection, user and HOOK_URL, e.g.
        after a closed window or a crash), most recent first. Another
        requisition of the same user (another HOOK_URL, another browser)
        is never touched: each keeps its own cart."""
        candidates = self.search(
            [
                ("connection_id", "=", connection.id),
                ("user_id", "=", user.id),
                ("hook_url", "=", hook_url),
                ("function", "in", ("login", "detail")),
                ("state", "=", "open"),
            ],
            order="id desc",
        )
        usable = candidates.filtered(lambda session: session._is_usable())
        # Past their lifetime: they end as expired, their cart is not resumed.
        (candidates - usable)._expire()
        return usable

    def _check_readable(self, unreadable, has_nul):
        if unreadable == "size":
            raise OciLoginRefused(self.env._("The request is too large."), 413)
        if unreadable:
            raise OciLoginRefused(
                self.env._("The request contains bytes that are not valid UTF-8."), 400
            )
        if has_nul:
            raise OciLoginRefused(self.env._("The request contains a NUL byte."), 400)

    def _check_sizes(self, params):
        if len(params) > MAX_PARAMS:
            raise OciLoginRefused(self.env._("Too many parameters."), 413)
        if any(len(key) > 256 or len(value) > MAX_PARAM_LENGTH for key, value in params.items()):
            raise OciLoginRefused(self.env._("A parameter is too long."), 413)

    @api.model
    def _redact(self, params, connection):
        secret_keys = {connection.password_param} if connection else set()
        redacted = {}
        for key, value in list(params.items())[:MAX_PARAMS]:
            lower = key.lower()
            if key in secret_keys or any(hint in lower for hint in SECRET_PARAM_HINTS):
                redacted[key[:256]] = "***"
            else:
                redacted[key[:256]] = value[:MAX_PARAM_LENGTH]
        return redacted

    def _record_refusal(self, log_vals, refusal):
        self.create(
            dict(
                log_vals,
                state="refused",
                state_reason=refusal.reason,
                http_status=refusal.status,
                ended_at=fields.Datetime.now(),
            )
        )
