# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hmac
import logging
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import SQL, email_normalize, float_round

from odoo.addons.account_edi_ubl_cii.models.account_edi_common import UOM_TO_UNECE_CODE

from ..exceptions import OciLoginRefused
from ..tools import oci_format
from ..tools.cxml import PoDocumentError

_logger = logging.getLogger(__name__)


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
        compute="_compute_password",
        inverse="_inverse_password",
        copy=False,
        help="Set a new secret. It is stored hashed, like user passwords, "
        "and can never be read back.",
    )
    password_hash = fields.Char(copy=False, groups="base.group_system")
    password_set = fields.Boolean(compute="_compute_password_set")
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
    # --- Orderer ---------------------------------------------------------
    orderer_mode = fields.Selection(
        [
            ("fixed", "One fixed orderer"),
            ("param", "Orderer from a login parameter"),
        ],
        required=True,
        default="fixed",
    )
    orderer_id = fields.Many2one(
        "res.partner",
        string="Fixed orderer",
        domain="[('commercial_partner_id', '=', partner_id), ('is_company', '=', False)]",
        help="Contact of the customer logged in for every punchout (fixed mode), "
        "or when the login parameter names nobody (parameter mode).",
    )
    orderer_param = fields.Char(
        "Orderer parameter",
        default="email",
        help="Login parameter naming the orderer, e.g. email or userid.",
    )
    orderer_match = fields.Selection(
        [("email", "E-mail"), ("ref", "Contact reference")],
        string="Match orderer on",
        default="email",
    )
    orderer_auto_create = fields.Boolean(
        "Create unknown orderers",
        help="Create a contact and portal user under the customer for an unknown "
        "orderer (needs an e-mail address).",
    )
    # --- Transfer --------------------------------------------------------
    charset = fields.Selection(
        [("utf-8", "UTF-8"), ("iso-8859-1", "ISO-8859-1 (Latin-1)")],
        required=True,
        default="utf-8",
        help="Character set of the cart sent back. Older non-Unicode SAP "
        "systems need ISO-8859-1; other characters are transliterated.",
    )
    vendor_code = fields.Char(
        "VENDOR", help="Our vendor number in the customer's system (NEW_ITEM-VENDOR)."
    )
    lead_time = fields.Integer(
        "Default lead time (days)",
        default=1,
        help="NEW_ITEM-LEADTIME for products without a customer lead time.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        check_company=True,
        help="Prices of the punchout cart. Empty: the customer's own pricelist.",
    )
    field_ids = fields.One2many(
        "oci.connection.field", "connection_id", string="Field mapping", copy=True
    )
    uom_ids = fields.One2many("oci.connection.uom", "connection_id", string="Unit codes", copy=True)
    session_ids = fields.One2many("oci.session", "connection_id")
    session_count = fields.Integer(compute="_compute_session_count")

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
        compute="_compute_po_secret",
        inverse="_inverse_po_secret",
        copy=False,
        help="Set a new shared secret (cXML Sender/SharedSecret, UBL endpoint "
        "password). Stored hashed; it can never be read back.",
    )
    po_secret_hash = fields.Char(copy=False, groups="base.group_system")
    po_secret_set = fields.Boolean("PO secret stored", compute="_compute_po_secret_set")
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
    _sql_constraints = [
        ("code_uniq", "unique(code)", "The connection code must be unique."),
    ]

    @api.depends("code", "website_id")
    def _compute_login_url(self):
        for connection in self:
            base = (
                connection.website_id.get_base_url()
                if connection.website_id
                else connection.get_base_url()
            )
            connection.login_url = (
                f"{base}/oci/{connection.code}/login" if connection.code else False
            )

    def _compute_password(self):
        for connection in self:
            connection.password = False

    def _inverse_password(self):
        crypt = self.env["res.users"]._crypt_context()
        for connection in self:
            if connection.password:
                connection.sudo().password_hash = crypt.hash(connection.password)

    def _compute_password_set(self):
        for connection, connection_sudo in zip(self, self.sudo(), strict=True):
            connection.password_set = bool(connection_sudo.password_hash)

    def _compute_session_count(self):
        data = self.env["oci.session"]._read_group(
            [("connection_id", "in", self.ids)], ["connection_id"], ["__count"]
        )
        counts = {connection.id: count for connection, count in data}
        for connection in self:
            connection.session_count = counts.get(connection.id, 0)

    @api.constrains("code")
    def _check_code(self):
        for connection in self:
            if not connection.code or not all(c.isalnum() or c in "-_" for c in connection.code):
                raise ValidationError(
                    self.env._("The code may only contain letters, digits, - and _.")
                )

    @api.constrains("partner_id", "orderer_id")
    def _check_orderer(self):
        for connection in self:
            orderer = connection.orderer_id
            if orderer and orderer.commercial_partner_id != connection.partner_id:
                raise ValidationError(
                    self.env._(
                        "The orderer %(orderer)s does not belong to %(customer)s.",
                        orderer=orderer.display_name,
                        customer=connection.partner_id.display_name,
                    )
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

    def _check_credentials(self, params):
        """Compare the login parameters with the stored secret, in constant
        time; raises OciLoginRefused."""
        self.ensure_one()
        username = params.get(self.username_param) or ""
        password = params.get(self.password_param) or ""
        hashed = self.sudo().password_hash
        user_ok = hmac.compare_digest(
            username.encode("utf-8"), (self.username or "").encode("utf-8")
        )
        # Always run the (slow) hash check so timing tells nothing.
        crypt = self.env["res.users"]._crypt_context()
        try:
            secret_ok = bool(hashed) and crypt.verify(password, hashed)
        except ValueError:
            secret_ok = False
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

    def _find_orderer(self, params):
        """The orderer contact (with a portal user) for this login."""
        self.ensure_one()
        customer = self.partner_id
        orderer = self.env["res.partner"]
        if self.orderer_mode == "param":
            value = (params.get(self.orderer_param or "") or "").strip()
            if value:
                orderer = self._search_orderer(value)
                if not orderer and self.orderer_auto_create:
                    self._lock_orderer_creation()
                    orderer = self._create_orderer(value, params)
        if not orderer:
            orderer = self.orderer_id
        if not orderer:
            raise OciLoginRefused(self.env._("No orderer is configured for this connection."), 403)
        if orderer.commercial_partner_id != customer:
            raise OciLoginRefused(self.env._("The orderer is not of this customer."), 403)
        user = orderer.with_context(active_test=False).user_ids[:1]
        if not user:
            self._lock_orderer_creation()
            user = self._create_portal_user(orderer)
        if not user.active or not user._is_portal():
            raise OciLoginRefused(
                self.env._("The orderer's account is disabled or is not a portal account."),
                403,
            )
        return orderer, user

    def _lock_orderer_creation(self):
        """Serialize the creation of orderers and their users on this
        connection. Concurrent first logins of one orderer would each create a
        contact and a portal user (res.users' unique login does not hold
        with website_id NULL). The UPDATE locks the connection row: a login
        that decided to create waits for the one creating; once that one
        commits, the waiter's REPEATABLE READ snapshot fails to update the
        row (serialization failure) and Odoo retries its request, which then
        finds the orderer."""
        self.ensure_one()
        self.env.cr.execute(
            SQL("UPDATE oci_connection SET write_date = write_date WHERE id = %s", self.id)
        )

    def _search_orderer(self, value):
        domain = [
            ("commercial_partner_id", "=", self.partner_id.id),
            ("is_company", "=", False),
        ]
        if self.orderer_match == "email":
            email = email_normalize(value)
            if not email:
                return self.env["res.partner"]
            domain.append(("email_normalized", "=", email))
        else:
            domain.append(("ref", "=", value))
        return self.env["res.partner"].search(domain, limit=1)

    def _create_orderer(self, value, params):
        email = email_normalize(params.get("email") or value)
        if not email:
            return self.env["res.partner"]
        name = " ".join(part for part in (params.get("fname"), params.get("lname")) if part)
        return self.env["res.partner"].create(
            {
                "name": (name or email)[:128],
                "email": email,
                "ref": value if self.orderer_match == "ref" else False,
                "parent_id": self.partner_id.id,
                "type": "contact",
            }
        )

    def _create_portal_user(self, orderer):
        login = orderer.email_normalized or f"oci-{self.code}-{orderer.id}"
        taken = (
            self.env["res.users"]
            .with_context(active_test=False)
            .search_count([("login", "=", login)], limit=1)
        )
        if taken:
            raise OciLoginRefused(
                self.env._("This orderer's e-mail address already belongs to another account."),
                403,
            )
        return (
            self.env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": login,
                    "partner_id": orderer.id,
                    "company_id": self.company_id.id,
                    "company_ids": [Command.set(self.company_id.ids)],
                    "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
                }
            )
        )

    def _expiry_from(self, start):
        self.ensure_one()
        return start + timedelta(minutes=max(self.session_lifetime, 1))

    def _unit_codes(self):
        """{uom id: OCI unit code} overrides of this connection."""
        self.ensure_one()
        return {line.uom_id.id: line.code for line in self.uom_ids}

    def _field_sources(self):
        """{OCI field: mapping line} of this connection."""
        self.ensure_one()
        return {line.oci_field: line for line in self.field_ids}

    # ------------------------------------------------------------------
    # Items of the cart return
    # ------------------------------------------------------------------
    def _oci_unit_code_map(self, uoms):
        """{uom id: unit code}: the connection's own code, else the UN/ECE
        code Odoo's e-invoicing uses (one query for all units)."""
        self.ensure_one()
        overrides = self._unit_codes()
        xmlids = uoms.get_external_id()
        return {
            uom.id: overrides.get(uom.id) or UOM_TO_UNECE_CODE.get(xmlids.get(uom.id), "C62")
            for uom in uoms
        }

    def _oci_items(self, entries, total=None):
        """NEW_ITEM values (dicts keyed by OCI field name) for ``entries``:
        dicts with product, quantity, price (unit price net of discount and
        tax-excluded, unrounded), total (the line's untaxed amount; None:
        quantity x price), currency, uom, and optionally quote_id, quote_item,
        description, longtext. ``total`` is the quotation's untaxed amount:
        PRICE and PRICEUNIT are chosen so that the buyer's QUANTITY x PRICE /
        PRICEUNIT gives the line totals and this total to the cent."""
        self.ensure_one()
        units = self._oci_unit_code_map(
            self.env["uom.uom"].union(*(entry["uom"] for entry in entries))
        )
        mapping = self._field_sources()
        has_delay = "sale_delay" in self.env["product.template"]._fields
        currency = entries[0]["currency"] if entries else self.company_id.currency_id
        prices = oci_format.price_fields(
            [(entry["price"], entry["quantity"], entry.get("total")) for entry in entries],
            total=total,
            price_digits=self.env["decimal.precision"].precision_get("Product Price"),
            rounding=currency.rounding,
        )
        items = []
        for entry, (price, price_unit) in zip(entries, prices, strict=True):
            product = entry["product"]
            lead_time = (has_delay and product.sale_delay) or self.lead_time
            item = {
                "DESCRIPTION": entry.get("description")
                or product.with_context(display_default_code=False).display_name,
                "QUANTITY": oci_format.format_number(entry["quantity"]),
                "UNIT": units.get(entry["uom"].id, "C62"),
                "PRICE": price,
                "PRICEUNIT": price_unit,
                "CURRENCY": entry["currency"].name,
                "LEADTIME": str(max(int(lead_time or 0), 0)),
                "VENDOR": self.vendor_code or "",
                "VENDORMAT": product.default_code or "",
                "EXT_PRODUCT_ID": str(product.id),
                "EXT_QUOTE_ID": entry.get("quote_id") or "",
                "EXT_QUOTE_ITEM": entry.get("quote_item") or "",
                "LONGTEXT": entry.get("longtext") or "",
            }
            for oci_field, line in mapping.items():
                item[oci_field] = line._value_for(product)
            items.append(item)
        return items

    def _oci_product_items(self, products, customer, quantities):
        """Items for products answered outside a cart (VALIDATE,
        BACKGROUND_SEARCH), priced as a quotation line of the customer would
        be: the pricelist price at product-price precision, taxes included in
        it taken out, the line total rounded to the currency."""
        self.ensure_one()
        pricelist = self._oci_pricelist(customer)
        currency = pricelist.currency_id or self.company_id.currency_id
        price_digits = self.env["decimal.precision"].precision_get("Product Price")
        # One pricelist evaluation per distinct quantity, not per product.
        prices = {}
        for quantity in set(quantities.get(product.id, 1.0) for product in products):
            batch = products.filtered(lambda p, q=quantity: quantities.get(p.id, 1.0) == q)
            if pricelist:
                prices.update(
                    {
                        (pid, quantity): price
                        for pid, price in pricelist._get_products_price(batch, quantity).items()
                    }
                )
            else:
                prices.update({(p.id, quantity): p.lst_price for p in batch})
        AccountTax = self.env["account.tax"]
        # Read in bulk what the tax computation reads per product.
        products.taxes_id.invoice_repartition_line_ids.mapped("factor_percent")
        entries = []
        for product in products:
            quantity = quantities.get(product.id, 1.0)
            base_line = AccountTax._prepare_base_line_for_taxes_computation(
                None,
                price_unit=float_round(prices[product.id, quantity], precision_digits=price_digits),
                quantity=quantity or 1.0,
                tax_ids=product.taxes_id.filtered(lambda t: t.company_id == self.company_id),
                currency_id=currency,
                product_id=product,
            )
            # The line total as the company rounds it; the unit price unrounded.
            untaxed = {}
            for method in (None, "round_globally"):
                AccountTax._add_tax_details_in_base_line(
                    base_line, self.company_id, rounding_method=method
                )
                untaxed[method] = base_line["tax_details"]["raw_total_excluded_currency"]
            entries.append(
                {
                    "product": product,
                    "quantity": quantity,
                    "price": untaxed["round_globally"] / (quantity or 1.0),
                    "total": currency.round(untaxed[None]) if quantity else 0.0,
                    "currency": currency,
                    "uom": product.uom_id,
                    "longtext": product.description_sale or "",
                }
            )
        return self._oci_items(entries)

    def _oci_product_domain(self):
        """product.product domain of what this connection's buyers may order:
        saleable, published on the connection's website, in the customer's
        assortment."""
        self.ensure_one()
        website = self._get_website()
        domain = [
            ("sale_ok", "=", True),
            ("is_published", "=", True),
            ("company_id", "in", [False, self.company_id.id]),
        ]
        if website:
            domain = expression.AND([domain, website.website_domain()])
        assortment = self.partner_id._oci_assortment_domain()
        if assortment:
            domain = expression.AND([domain, [("product_tmpl_id", "any", assortment)]])
        return domain

    def _oci_find_products(self, domain=None, limit=None):
        self.ensure_one()
        return self.env["product.product"].search(
            expression.AND([self._oci_product_domain(), domain or []]),
            limit=limit,
            order="default_code, id",
        )

    def _oci_resolve_product(self, product_key):
        """The product a PRODUCTID (our EXT_PRODUCT_ID, or an internal
        reference) names, if this connection may order it. Anything else
        (out-of-range or negative numbers, junk, control characters) names
        no product: an empty recordset, never an error."""
        self.ensure_one()
        product_id, code = oci_format.parse_product_key(product_key)
        if product_id and code:
            candidates = self._oci_find_products(
                ["|", ("id", "=", product_id), ("default_code", "=", code)], limit=2
            )
            by_id = candidates.filtered(lambda product: product.id == product_id)
            return by_id or candidates[:1]
        if code:
            return self._oci_find_products([("default_code", "=", code)], limit=1)
        return self.env["product.product"]

    def _oci_pricelist(self, customer=None):
        self.ensure_one()
        customer = customer or self.partner_id
        return (
            self.pricelist_id or customer.with_company(self.company_id).property_product_pricelist
        )

    @api.depends("code", "website_id")
    def _compute_po_urls(self):
        for connection in self:
            base = (
                connection.website_id.get_base_url()
                if connection.website_id
                else connection.get_base_url()
            )
            code = connection.code
            connection.po_cxml_url = f"{base}/oci/{code}/po/cxml" if code else False
            connection.po_ubl_url = f"{base}/oci/{code}/po/ubl" if code else False

    def _compute_po_secret(self):
        for connection in self:
            connection.po_secret = False

    def _inverse_po_secret(self):
        crypt = self.env["res.users"]._crypt_context()
        for connection in self:
            if connection.po_secret:
                connection.sudo().po_secret_hash = crypt.hash(connection.po_secret)

    def _compute_po_secret_set(self):
        for connection, connection_sudo in zip(self, self.sudo(), strict=True):
            connection.po_secret_set = bool(connection_sudo.po_secret_hash)

    def _compute_po_count(self):
        data = self.env["oci.purchase.order"]._read_group(
            [("connection_id", "in", self.ids)], ["connection_id"], ["__count"]
        )
        counts = {connection.id: count for connection, count in data}
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
        hashed = self.sudo().po_secret_hash
        identity_ok = hmac.compare_digest(
            (identity or "").encode("utf-8"), (self.po_identity or "").encode("utf-8")
        )
        crypt = self.env["res.users"]._crypt_context()
        try:
            secret_ok = bool(hashed) and bool(secret) and crypt.verify(secret, hashed)
        except ValueError:
            secret_ok = False
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
