# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""cXML punchout settings of a connection (Ariba, Coupa, Jaggaer...): the
protocol, the BrowserFormPost allow-list, the POOM encoding and the Extrinsic
names. The sender identity, domain and shared secret are the connection's PO
sender settings (stored hashed)."""

from decimal import Decimal
from urllib.parse import urlsplit

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..exceptions import OciLoginRefused
from ..tools import cxml_punchout, oci_format
from ..tools.cxml import PoDocumentError

CXML_SETUP_PATH = "/oci/%s/cxml/setup"


class OciConnectionCxml(models.Model):
    _inherit = "oci.connection"

    punchout_protocol = fields.Selection(
        [("oci", "OCI"), ("cxml", "cXML"), ("both", "OCI and cXML")],
        string="Punchout protocol",
        required=True,
        default="oci",
        help="How the customer's procurement system punches out: SAP OCI "
        "(login URL), cXML PunchOutSetupRequest (Ariba, Coupa...) or both.",
    )
    cxml_setup_url = fields.Char("cXML setup URL", compute="_compute_cxml_setup_url")
    cxml_form_post_prefixes = fields.Text(
        "Allowed BrowserFormPost URL prefixes",
        help="One per line, e.g. https://s1.ariba.com/. The BrowserFormPost URL "
        "of a cXML setup request must start with one of them.",
    )
    cxml_poom_encoding = fields.Selection(
        [("cxml-base64", "cxml-base64"), ("cxml-urlencoded", "cxml-urlencoded")],
        string="Order message encoding",
        required=True,
        default="cxml-base64",
        help="Form field carrying the PunchOutOrderMessage to the procurement system.",
    )
    cxml_orderer_extrinsic = fields.Char(
        "Orderer Extrinsic",
        default="UserEmail",
        help="Extrinsic naming the orderer (e.g. UserEmail, UniqueName); the "
        "Contact e-mail is used when it is absent.",
    )
    cxml_cost_center_extrinsic = fields.Char(
        "Cost center Extrinsic",
        default="CostCenter",
        help="Extrinsic whose value becomes the cart's cost center.",
    )
    cxml_branch_extrinsic = fields.Char(
        "Branch Extrinsic",
        help="Extrinsic naming the delivery branch (its reference). Empty: the "
        "ShipTo addressID of the setup request.",
    )
    cxml_unspsc = fields.Char(
        "Default UNSPSC",
        help="UNSPSC code sent for every item (cXML needs a Classification per item).",
    )
    cxml_code_domain = fields.Char(
        "Accounting code domain",
        default="NZI",
        help="Classification domain under which the customer accounting code is sent.",
    )

    @api.depends("code", "website_id")
    def _compute_cxml_setup_url(self):
        for connection in self:
            base = (
                connection.website_id.get_base_url()
                if connection.website_id
                else connection.get_base_url()
            )
            code = connection.code
            connection.cxml_setup_url = f"{base}{CXML_SETUP_PATH % code}" if code else False

    @api.constrains("cxml_form_post_prefixes")
    def _check_cxml_form_post_prefixes(self):
        for connection in self:
            for prefix in oci_format.split_prefixes(connection.cxml_form_post_prefixes):
                if (
                    not prefix.lower().startswith(("http://", "https://"))
                    or not urlsplit(prefix).hostname
                ):
                    raise ValidationError(
                        self.env._(
                            "BrowserFormPost prefix %s must be an http:// or https:// "
                            "address with a host name.",
                            prefix,
                        )
                    )

    # EXTENDS oci_punchout: an OCI login on a cXML-only connection is refused.
    def _check_credentials(self, params):
        if self.punchout_protocol == "cxml":
            raise OciLoginRefused(
                self.env._("OCI punchout is not enabled for this connection."), 403
            )
        return super()._check_credentials(params)

    # ------------------------------------------------------------------
    # PunchOutSetupRequest checks
    # ------------------------------------------------------------------
    def _cxml_check_enabled(self):
        self.ensure_one()
        if self.punchout_protocol not in ("cxml", "both"):
            raise OciLoginRefused(
                self.env._("cXML punchout is not enabled for this connection."), 403
            )

    def _cxml_check_credentials(self, setup):
        """From (domain + identity) and the Sender's SharedSecret must be the
        connection's sender identity and secret (the same check as cXML POs,
        constant time, hashed secret)."""
        self.ensure_one()
        credentials = setup.from_credentials
        matching = [
            c
            for c in credentials
            if cxml_punchout.credential_matches((c,), c.domain, self.po_identity or "")
        ]
        chosen = (matching or list(credentials) or [None])[0]
        doc = {
            "from": {
                "domain": chosen.domain if chosen else "",
                "identity": chosen.identity if chosen else "",
            },
            "sender": {"secret": setup.sender_secret.reveal()},
        }
        try:
            self._po_check_cxml_credentials(doc)
        except PoDocumentError as exc:
            raise OciLoginRefused(self.env._("Wrong or missing credentials."), 401) from exc

    def _cxml_check_form_post_url(self, url, own_form_post_path=None):
        """The BrowserFormPost URL, if the allow-list holds it (same rules as
        HOOK_URL prefixes; the test buyer's own receive page on a connection
        that allows the test buyer, as _check_hook_url)."""
        self.ensure_one()
        prefixes = oci_format.split_prefixes(self.cxml_form_post_prefixes)
        if self.test_mode and own_form_post_path:
            website = self._get_website()
            base = website.get_base_url() if website else self.get_base_url()
            prefixes.append(base.rstrip("/") + own_form_post_path)
        try:
            return oci_format.check_hook_url(url, prefixes)
        except oci_format.HookUrlError as exc:
            raise OciLoginRefused(
                self.env._("The BrowserFormPost URL is not allowed for this connection."), 400
            ) from exc

    def _cxml_orderer_params(self, setup):
        """Login-style parameters for _find_orderer: the orderer named by the
        configured Extrinsic, else by the Contact e-mail."""
        self.ensure_one()
        extrinsics = setup.extrinsics or {}
        value = extrinsics.get(self.cxml_orderer_extrinsic or "") or setup.contact_email or ""
        name = setup.contact_name or ""
        first, _sep, last = name.partition(" ")
        return {
            self.orderer_param or "email": value,
            "email": setup.contact_email or extrinsics.get("UserEmail") or value,
            "fname": extrinsics.get("FirstName") or first,
            "lname": extrinsics.get("LastName") or last,
        }

    def _cxml_branch(self, setup):
        """The customer's delivery branch named by the setup request."""
        self.ensure_one()
        extrinsics = setup.extrinsics or {}
        key = (
            extrinsics.get(self.cxml_branch_extrinsic)
            if self.cxml_branch_extrinsic
            else (setup.ship_to.address_id if setup.ship_to else "")
        )
        if not key:
            return self.env["res.partner"]
        return self.env["res.partner"].search(
            [
                ("commercial_partner_id", "=", self.partner_id.id),
                ("type", "=", "delivery"),
                ("ref", "=", key.strip()),
            ],
            limit=1,
        )

    # ------------------------------------------------------------------
    # PunchOutOrderMessage items
    # ------------------------------------------------------------------
    def _cxml_poom_items(self, rows, lines):
        """PoomItem dicts from the OCI item rows of ``lines`` (same order):
        the same prices, units, keys and mapping as the OCI transfer."""
        self.ensure_one()
        items = []
        order = lines[:1].order_id
        branch = order.partner_shipping_id
        for index, (row, line) in enumerate(zip(rows, lines, strict=True)):
            price = Decimal(row["PRICE"]) / Decimal(row["PRICEUNIT"] or "1")
            classifications = []
            if self.cxml_unspsc:
                classifications.append(("UNSPSC", self.cxml_unspsc))
            code = line.product_id.product_tmpl_id._oci_get_customer_code()
            if code:
                classifications.append((self.cxml_code_domain or "NZI", code))
            extrinsics = []
            cards = [line.oci_card_text] + ([order.oci_card_text] if index == 0 else [])
            card = "\n".join(text for text in cards if text)
            if card:
                extrinsics.append(("GreetingCard", card))
            if branch and branch.type == "delivery":
                extrinsics.append(("Branch", branch.ref or branch.name))
            if order.oci_cost_center:
                extrinsics.append(("CostCenter", order.oci_cost_center))
            items.append(
                {
                    "supplier_part_id": row["VENDORMAT"] or row["EXT_PRODUCT_ID"],
                    "supplier_part_auxiliary_id": f"{row['EXT_QUOTE_ID']}/{row['EXT_QUOTE_ITEM']}",
                    "quantity": row["QUANTITY"],
                    "unit_price": price,
                    "description": line.name or row["DESCRIPTION"],
                    "short_name": row["DESCRIPTION"][:50],
                    "unit_of_measure": row["UNIT"],
                    "classifications": tuple(classifications or [("UNSPSC", "")]),
                    "lead_time": int(row["LEADTIME"] or 0),
                    "extrinsics": tuple(extrinsics),
                }
            )
        return items
