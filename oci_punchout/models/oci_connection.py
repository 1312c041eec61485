# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The punchout connection: one customer's procurement system, its login
credentials, HOOK_URL rules and session settings.

The other concerns of oci.connection live next to this file, one each:
oci_connection_orderer.py (who is logged in), oci_connection_catalog.py (what
is offered and how the cart return is priced and formatted) and
oci_connection_po.py (purchase orders received from the customer).
"""

import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..exceptions import OciLoginRefused
from ..tools import oci_format
from ..tools.secrets import VerifiedSecrets, hash_secret, same_text, verify_secret

# The PO senders' shared secrets verified by this process: a procurement
# system authenticates every PO it posts (one pbkdf2 check, ~0.4 s, per PO
# otherwise; Odoo's RPC keeps verified passwords the same way per worker).
PO_SENDER_SECRETS = VerifiedSecrets()


class OciConnection(models.Model):
    _name = "oci.connection"
    _description = "OCI Punchout Connection"
    _inherit = ["mail.thread"]
    _order = "name, id"
    _check_company_auto = True

    def _default_code(self):
        return secrets.token_urlsafe(9).replace("-", "x").replace("_", "y").lower()

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    code = fields.Char(
        required=True,
        copy=False,
        default=_default_code,
        tracking=True,
        help="Unique code in the login URL given to the customer's procurement system.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    website_id = fields.Many2one(
        "website",
        check_company=True,
        help="Website the buyers are logged in to. Empty: the first website of the company.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        help="The customer company ordering through this connection.",
    )
    login_url = fields.Char(compute="_compute_login_url")
    # --- Login -----------------------------------------------------------
    username_param = fields.Char("Username parameter", required=True, default="USERNAME")
    password_param = fields.Char("Password parameter", required=True, default="PASSWORD")
    username = fields.Char(required=True, copy=False, tracking=True)
    password = fields.Char(
        compute=lambda self: self._compute_secret_input("password"),
        inverse=lambda self: self._inverse_secret_input("password", "password_hash"),
        copy=False,
        help="Set a new secret. It is stored hashed, like user passwords, "
        "and can never be read back.",
    )
    password_hash = fields.Char(copy=False, groups="base.group_system")
    password_set = fields.Boolean(
        compute=lambda self: self._compute_secret_set("password_set", "password_hash")
    )
    hook_url_prefixes = fields.Text(
        "Allowed HOOK_URL prefixes",
        help="One per line, e.g. https://srm.customer.example/sap/. The buyer's "
        "HOOK_URL must start with one of them.",
    )
    allow_sapevent = fields.Boolean(
        "Allow SAPEVENT:POST",
        help="SAP GUI's embedded browser posts the cart with the HOOK_URL SAPEVENT:POST.",
    )
    test_mode = fields.Boolean(
        "Allow the test buyer",
        help="Also accept the shop's own test buyer (/oci/test-buyer/hook) as "
        "HOOK_URL, to try the round-trip without a procurement system.",
    )
    session_lifetime = fields.Integer("Session lifetime (minutes)", default=240, required=True)
    frame_ancestors = fields.Char(
        help="Content-Security-Policy frame-ancestors sent in punchout mode, for "
        "procurement systems showing the shop in a frame, e.g. "
        "https://srm.customer.example",
    )
    session_ids = fields.One2many("oci.session", "connection_id")
    session_count = fields.Integer(compute="_compute_session_count")
    _sql_constraints = [
        ("code_uniq", "unique(code)", "The connection code must be unique."),
    ]

    @api.depends("code", "website_id")
    def _compute_login_url(self):
        for connection in self:
            base = connection._base_url()
            connection.login_url = (
                f"{base}/oci/{connection.code}/login" if connection.code else False
            )

    def _compute_session_count(self):
        counts = self._count_per_connection("oci.session")
        for connection in self:
            connection.session_count = counts.get(connection.id, 0)

    @api.constrains("code")
    def _check_code(self):
        for connection in self:
            if not connection.code or not all(c.isalnum() or c in "-_" for c in connection.code):
                raise ValidationError(
                    self.env._("The code may only contain letters, digits, - and _.")
                )

    @api.constrains("hook_url_prefixes")
    def _check_hook_url_prefixes(self):
        for connection in self:
            for prefix in oci_format.split_prefixes(connection.hook_url_prefixes):
                if (
                    not prefix.lower().startswith(("http://", "https://"))
                    or not urlsplit(prefix).hostname
                ):
                    raise ValidationError(
                        self.env._(
                            "HOOK_URL prefix %s must be an http:// or https:// address "
                            "with a host name.",
                            prefix,
                        )
                    )

    # ------------------------------------------------------------------
    # Hashed secrets (the login password here, the PO shared secret in
    # oci_connection_po.py): a write-only input field, the hash (system
    # group only) and a "stored" flag, implemented once for all of them.
    # ------------------------------------------------------------------
    def _compute_secret_input(self, field_name):
        """A secret is never read back: its input field always reads empty."""
        for connection in self:
            connection[field_name] = False

    def _inverse_secret_input(self, field_name, hash_field):
        """Store the hash of a newly entered secret (an empty input keeps the
        stored one)."""
        crypt = self.env["res.users"]._crypt_context()
        for connection in self:
            if connection[field_name]:
                connection.sudo()[hash_field] = hash_secret(crypt, connection[field_name])

    def _compute_secret_set(self, field_name, hash_field):
        for connection, connection_sudo in zip(self, self.sudo(), strict=True):
            connection[field_name] = bool(connection_sudo[hash_field])

    def _verify_secret(self, hash_field, secret, remember=False):
        """Whether ``secret`` matches the stored hash (constant time, always
        one hash check; with ``remember``, a secret this process verified
        before against the same stored hash is not hashed again)."""
        self.ensure_one()
        crypt = self.env["res.users"]._crypt_context()
        hashed = self.sudo()[hash_field]
        if remember:
            return PO_SENDER_SECRETS.verify(crypt, secret, hashed)
        return verify_secret(crypt, secret, hashed)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oci_punchout.oci_session_action")
        action["domain"] = [("connection_id", "=", self.id)]
        action["context"] = {"default_connection_id": self.id}
        return action

    def action_open_test_buyer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/oci/test-buyer?connection={self.id}",
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    def _get_website(self):
        self.ensure_one()
        return self.website_id or self.env["website"].search(
            [("company_id", "=", self.company_id.id)], limit=1
        )

    def _base_url(self):
        """Base URL of the addresses given to the customer: the connection's
        website's, else the database's."""
        self.ensure_one()
        if self.website_id:
            return self.website_id.get_base_url()
        return self.get_base_url()

    def _count_per_connection(self, model_name):
        """{connection id: number of ``model_name`` records of it} in one query."""
        data = self.env[model_name]._read_group(
            [("connection_id", "in", self.ids)], ["connection_id"], ["__count"]
        )
        return {connection.id: count for connection, count in data}

    def _check_credentials(self, params):
        """Compare the login parameters with the stored secret, in constant
        time; raises OciLoginRefused."""
        self.ensure_one()
        username = params.get(self.username_param) or ""
        password = params.get(self.password_param) or ""
        user_ok = same_text(username, self.username)
        secret_ok = self._verify_secret("password_hash", password)
        if not (username and password and user_ok and secret_ok):
            raise OciLoginRefused(self.env._("Wrong or missing credentials."), 401)

    def _check_hook_url(self, hook_url, own_hook_path=None):
        self.ensure_one()
        prefixes = oci_format.split_prefixes(self.hook_url_prefixes)
        if self.test_mode and own_hook_path:
            website = self._get_website()
            base = website.get_base_url() if website else self.get_base_url()
            prefixes.append(base.rstrip("/") + own_hook_path)
        try:
            return oci_format.check_hook_url(
                hook_url,
                prefixes,
                allow_sapevent=self.allow_sapevent,
            )
        except oci_format.HookUrlError as exc:
            raise OciLoginRefused(self._hook_url_error_text(exc), 400) from exc

    def _hook_url_error_text(self, error):
        """The buyer-facing (translated) text of a refused HOOK_URL."""
        texts = {
            "missing": self.env._("HOOK_URL is missing."),
            "too_long": self.env._("HOOK_URL is too long."),
            "characters": self.env._("HOOK_URL contains forbidden characters."),
            "sapevent": self.env._("SAPEVENT:POST is not allowed for this connection."),
            "scheme": self.env._("HOOK_URL scheme '%s:' is forbidden.", error.scheme),
            "not_http": self.env._("HOOK_URL must be an http(s) URL."),
            "prefix": self.env._("HOOK_URL is not in the connection's allowed prefixes."),
        }
        return texts.get(error.code) or str(error)

    def _expiry_from(self, start):
        self.ensure_one()
        return start + timedelta(minutes=max(self.session_lifetime, 1))
