# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Purchase orders of a punchout connection (PO intake: cXML OrderRequest,
UBL Order, manual): the sender's credentials and the price tolerance."""

from odoo import api, fields, models

from ..exceptions import PoDocumentError
from ..tools.secrets import same_text


class OciConnection(models.Model):
    _inherit = "oci.connection"

    # ------------------------------------------------------------------
    # Purchase orders (PO intake: cXML OrderRequest, UBL Order, manual)
    # ------------------------------------------------------------------
    po_identity = fields.Char(
        "PO sender identity",
        copy=False,
        tracking=True,
        help="cXML: the Identity expected in From/Credential (e.g. the buyer's "
        "Ariba Network ID). UBL endpoint: the user name of the HTTP Basic login.",
    )
    po_domain = fields.Char(
        "PO sender domain",
        help="cXML credential domain expected in From (e.g. NetworkID, DUNS). Empty: any domain.",
    )
    po_secret = fields.Char(
        "PO shared secret",
        compute=lambda self: self._compute_secret_input("po_secret"),
        inverse=lambda self: self._inverse_secret_input("po_secret", "po_secret_hash"),
        copy=False,
        help="Set a new shared secret (cXML Sender/SharedSecret, UBL endpoint "
        "password). Stored hashed; it can never be read back.",
    )
    po_secret_hash = fields.Char(copy=False, groups="base.group_system")
    po_secret_set = fields.Boolean(
        "PO secret stored",
        compute=lambda self: self._compute_secret_set("po_secret_set", "po_secret_hash"),
    )
    po_price_tolerance = fields.Float(
        "Price tolerance (amount)",
        digits="Product Price",
        help="Largest accepted difference per unit between the PO price and the "
        "quoted price, in the order currency.",
    )
    po_price_tolerance_percent = fields.Float(
        "Price tolerance (%)",
        help="Largest accepted difference per unit as a percentage of the quoted "
        "price. A price passes when it is within either tolerance.",
    )
    po_auto_confirm = fields.Boolean(
        "Confirm POs automatically",
        default=True,
        help="Confirm the order when a PO matches its quotation within the "
        "tolerances. Off: every PO is held for review.",
    )
    po_review_user_id = fields.Many2one(
        "res.users",
        string="PO reviewer",
        help="Gets the activity for POs held for review. Empty: the salesperson of the order.",
    )
    po_cxml_url = fields.Char("cXML OrderRequest URL", compute="_compute_po_urls")
    po_ubl_url = fields.Char("UBL Order URL", compute="_compute_po_urls")
    po_ids = fields.One2many("oci.purchase.order", "connection_id", string="Purchase orders")
    po_count = fields.Integer(compute="_compute_po_count")

    @api.depends("code", "website_id")
    def _compute_po_urls(self):
        for connection in self:
            base = connection._base_url()
            code = connection.code
            connection.po_cxml_url = f"{base}/oci/{code}/po/cxml" if code else False
            connection.po_ubl_url = f"{base}/oci/{code}/po/ubl" if code else False

    def _compute_po_count(self):
        counts = self._count_per_connection("oci.purchase.order")
        for connection in self:
            connection.po_count = counts.get(connection.id, 0)

    def action_view_purchase_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "oci_punchout.oci_purchase_order_action"
        )
        action["domain"] = [("connection_id", "=", self.id)]
        action["context"] = {}
        return action

    def _po_check_secret(self, identity, secret):
        """Check a PO sender's identity and shared secret in constant time;
        raises PoDocumentError(401)."""
        self.ensure_one()
        identity_ok = same_text(identity, self.po_identity)
        secret_ok = self._verify_secret("po_secret_hash", secret, remember=True)
        if not (self.po_identity and identity and identity_ok and secret_ok):
            raise PoDocumentError(401, "Wrong or missing credentials.")

    def _po_check_cxml_credentials(self, doc):
        """From/Credential must name this connection's sender identity (and
        domain), Sender/Credential must carry its shared secret."""
        self.ensure_one()
        sender = doc["sender"]
        from_ = doc["from"]
        domain_ok = not self.po_domain or (
            (from_.get("domain") or "").lower() == self.po_domain.lower()
        )
        self._po_check_secret(from_.get("identity") or "", sender.get("secret"))
        if not domain_ok:
            raise PoDocumentError(401, "Wrong or missing credentials.")

    def _po_price_within_tolerance(self, quoted, po_price):
        """Whether a PO unit price is accepted against the quoted one."""
        self.ensure_one()
        difference = abs((po_price or 0.0) - (quoted or 0.0))
        allowed = max(
            self.po_price_tolerance or 0.0,
            abs(quoted or 0.0) * (self.po_price_tolerance_percent or 0.0) / 100.0,
        )
        currency = self.company_id.currency_id
        return currency.compare_amounts(difference, allowed) <= 0
