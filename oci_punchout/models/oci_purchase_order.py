# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import logging
import math

import psycopg2
from lxml import etree

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from ..tools import cxml
from ..tools.cxml import PoDocumentError
from .oci_connection import OciLoginRefused

_logger = logging.getLogger(__name__)

UBL_ORDER_CUSTOMIZATION = "urn:fdc:peppol.eu:poacc:trns:order:3"


class OciPurchaseOrder(models.Model):
    """A purchase order document received from a customer's procurement
    system (cXML OrderRequest, UBL Order or entered by hand), with what was
    done with it. One record per accepted document; refused documents are
    answered with an error and leave nothing behind."""

    _name = "oci.purchase.order"
    _description = "Received Purchase Order"
    _order = "id desc"
    _check_company_auto = True
    _rec_name = "po_number"

    connection_id = fields.Many2one(
        "oci.connection", required=True, index=True, ondelete="restrict", readonly=True
    )
    company_id = fields.Many2one(
        related="connection_id.company_id", store=True, index=True, readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, readonly=True
    )
    channel = fields.Selection(
        [("cxml", "cXML OrderRequest"), ("ubl", "UBL Order"), ("manual", "Entered by hand")],
        required=True,
        readonly=True,
    )
    po_number = fields.Char("PO number", required=True, index=True, readonly=True)
    payload_id = fields.Char(
        "Payload ID",
        readonly=True,
        help="cXML payloadID, UBL UUID or a digest of the document: the same "
        "payload received twice is processed once.",
    )
    order_type = fields.Selection(
        [("new", "New"), ("update", "Change"), ("delete", "Cancellation")],
        required=True,
        default="new",
        readonly=True,
    )
    revision = fields.Integer(readonly=True, help="0 for the order, 1, 2... for changes.")
    version = fields.Char(readonly=True, help="Version given by the sender (orderVersion).")
    state = fields.Selection(
        [
            ("received", "Received"),
            ("confirmed", "Order confirmed"),
            ("updated", "Order updated"),
            ("cancelled", "Order cancelled"),
            ("review", "To review"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="received",
        index=True,
        readonly=True,
    )
    matched_by = fields.Selection(
        [
            ("reference", "Quotation reference"),
            ("products", "Products and quantities"),
            ("po", "Earlier PO"),
            ("none", "No match"),
        ],
        readonly=True,
    )
    status_code = fields.Integer("Answer code", readonly=True)
    message = fields.Char("Answer", readonly=True)
    differences = fields.Text(readonly=True)
    order_id = fields.Many2one(
        "sale.order", string="Sales order", index=True, readonly=True, ondelete="set null"
    )
    attachment_id = fields.Many2one("ir.attachment", string="Document", readonly=True)
    data = fields.Json("Received data", readonly=True)
    orderer_email = fields.Char(readonly=True)

    _sql_constraints = [
        (
            "payload_uniq",
            "unique(connection_id, payload_id)",
            "This document (payload) was already received.",
        ),
        (
            "po_revision_uniq",
            "unique(partner_id, po_number, revision)",
            "This revision of the PO was already received.",
        ),
    ]

    @api.depends("po_number", "revision", "channel")
    def _compute_display_name(self):
        for record in self:
            name = record.po_number or ""
            if record.revision:
                name = f"{name} / {record.revision}"
            record.display_name = name

    # ------------------------------------------------------------------
    # Entry points (run as superuser after the channel authenticated the
    # sender; they never trust ids from the document)
    # ------------------------------------------------------------------
    @api.model
    def _po_receive_cxml(self, code, body, remote_addr=None):
        """A cXML OrderRequest posted to a connection. Returns (status
        code, text, record or None); refusals create nothing but a line in
        the session log when the sender failed to authenticate."""
        try:
            self._po_check_throttle(remote_addr)
            root = cxml.parse_xml(body, self._po_max_bytes(), allow_cxml_doctype=True)
            doc = cxml.extract_order_request(root)
            connection = self._po_connection(code)
            self._po_authenticate(
                connection, remote_addr, connection._po_check_cxml_credentials, doc
            )
        except PoDocumentError as error:
            _logger.info("cXML PO refused (connection %s): %s", code, error.message)
            return error.code, error.message, None
        for key in ("from", "sender"):
            doc[key] = {k: v for k, v in doc[key].items() if k != "secret"}
        # The document is kept: never with the shared secret in it.
        for node in root.iter("SharedSecret"):
            node.text = "***"
            for child in list(node):
                node.remove(child)
        stored = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        return self._po_receive_safe(connection, doc, stored, "OrderRequest.xml", "application/xml")

    @api.model
    def _po_receive_ubl(self, code, body, identity, secret, remote_addr=None):
        """A UBL Order posted to a connection's authenticated endpoint."""
        try:
            self._po_check_throttle(remote_addr)
            root = cxml.parse_xml(body, self._po_max_bytes())
            connection = self._po_connection(code)
            self._po_authenticate(
                connection, remote_addr, connection._po_check_secret, identity, secret
            )
            doc = self.env["sale.edi.xml.ubl_bis3"]._oci_extract_order(root, connection, body)
        except PoDocumentError as error:
            _logger.info("UBL PO refused (connection %s): %s", code, error.message)
            return error.code, error.message, None
        return self._po_receive_safe(connection, doc, body, "Order.xml", "application/xml")

    @api.model
    def _po_check_throttle(self, remote_addr):
        """Refuse at once senders that failed to authenticate too often (the
        same counter as punchout logins): no unlimited guessing of the
        secret, no CPU burnt on parsing and password hashes. The counting
        check is the slot taken in _po_authenticate."""
        if self.env["oci.throttle"]._oci_exhausted(remote_addr):
            raise PoDocumentError(429, "Too many failed attempts. Please try again later.")

    @api.model
    def _po_authenticate(self, connection, remote_addr, check, *args):
        """Run a credential check in a failure slot of the sender's address
        (oci.throttle, taken before the secret is checked: never more checks
        than the limit, whatever the concurrency). A failure keeps the slot
        and is recorded in the session log before the refusal goes out."""
        Throttle = self.env["oci.throttle"]
        slot = Throttle._oci_reserve(remote_addr)
        if slot is False:
            raise PoDocumentError(429, "Too many failed attempts. Please try again later.")
        try:
            check(*args)
        except PoDocumentError as error:
            if error.code != 401:
                Throttle._oci_release(slot)
                raise
            self.env["oci.session"]._record_refusal(
                {
                    "connection_id": connection.id,
                    "company_id": connection.company_id.id,
                    "partner_id": connection.partner_id.id,
                    "function": "po",
                    "remote_addr": remote_addr,
                    "params": {},
                },
                OciLoginRefused(error.message, 401),
            )
            raise
        except Exception:
            Throttle._oci_release(slot)
            raise
        Throttle._oci_release(slot)

    @api.model
    def _po_receive_ubl_attachment(self, attachment):
        """Backend upload (sale_edi_ubl's file upload): a UBL Order of a
        punchout customer goes through the intake and the matched (or held)
        order is returned; None for any other file, which Odoo then imports
        the standard way. Bad documents raise a UserError."""
        raw = attachment.raw or b""
        if UBL_ORDER_CUSTOMIZATION.encode() not in raw:
            return None
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            return None
        try:
            root = cxml.parse_xml(raw, self._po_max_bytes())
        except PoDocumentError as error:
            raise UserError(
                self.env._("%(file)s: %(error)s", file=attachment.name, error=error.message)
            ) from error
        builder = self.env["sale.edi.xml.ubl_bis3"]
        if not builder._oci_is_order(root):
            return None
        connection = self._po_ubl_connection(root)
        if not connection:
            return None
        try:
            with self.env.cr.savepoint():
                doc = builder._oci_extract_order(root, connection, raw)
                # Authorised above (a salesman of the connection's company):
                # the intake itself may see every quotation of the connection.
                record = self.sudo()._po_receive(connection.sudo(), doc)
        except PoDocumentError as error:
            raise UserError(
                self.env._("%(file)s: %(error)s", file=attachment.name, error=error.message)
            ) from error
        record = getattr(record, "record", record)
        if not record.attachment_id:
            attachment.sudo().write({"res_model": self._name, "res_id": record.id})
            record.sudo().attachment_id = attachment
        return record.order_id.with_env(self.env)

    @api.model
    def _po_ubl_connection(self, root):
        """The connection a UBL Order belongs to: the one of the quotation it
        references, else the buyer party's (within the user's companies)."""
        quote_ref = (root.findtext("{*}QuotationDocumentReference/{*}ID") or "").strip()
        Connection = self.env["oci.connection"]
        if quote_ref:
            quotation = (
                self.env["sale.order"]
                .sudo()
                .search(
                    [
                        ("name", "=", quote_ref),
                        ("oci_connection_id", "!=", False),
                        ("company_id", "in", self.env.companies.ids),
                    ],
                    limit=1,
                )
            )
            if quotation:
                return Connection.search([("id", "=", quotation.oci_connection_id.id)])
        buyer = self.env["sale.edi.xml.ubl_bis3"]._oci_buyer(root, self.env.company)
        if buyer:
            return Connection.search([("partner_id", "=", buyer.commercial_partner_id.id)], limit=1)
        return Connection

    @api.model
    def _po_receive_safe(self, connection, doc, content, filename, mimetype):
        """_po_receive in a savepoint: a refusal leaves nothing behind."""
        try:
            with self.env.cr.savepoint():
                record = self._po_receive(connection, doc, content, filename, mimetype)
        except PoDocumentError as error:
            _logger.info("PO %s refused: %s", doc.get("po_number"), error.message)
            return error.code, error.message, None
        except (UserError, ValidationError) as error:
            # Odoo refused a change (e.g. a locked order): answer the sender
            # with a status instead of an HTML error page it would retry.
            _logger.info("PO %s not applied: %s", doc.get("po_number"), error)
            return 409, str(error.args[0] if error.args else error), None
        return record.status_code, record.message, record

    @api.model
    def _po_connection(self, code):
        # A code is letters, digits, - and _ (oci.connection._check_code):
        # anything else (a NUL byte from the URL...) names no connection.
        if not code or len(code) > 128 or not all(c.isalnum() or c in "-_" for c in code):
            raise PoDocumentError(404, "Unknown connection.")
        connection = self.env["oci.connection"].search([("code", "=", code)], limit=1)
        if not connection:
            raise PoDocumentError(404, "Unknown connection.")
        return connection

    @api.model
    def _po_max_bytes(self):
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("oci_punchout.po_max_bytes", cxml.MAX_BYTES)
        )

    # ------------------------------------------------------------------
    # Intake
    # ------------------------------------------------------------------
    @api.model
    def _po_receive(self, connection, doc, content=None, filename=None, mimetype=None):
        """Check, store and process one PO document; returns the document
        record (an earlier one when this is a duplicate). Raises
        PoDocumentError on bad input before anything is written."""
        connection.ensure_one()
        resolved = self._po_resolve_lines(connection, doc)
        duplicate = self._po_find_duplicate(connection, doc)
        if duplicate:
            return duplicate
        previous = self._po_previous(connection, doc)
        order_type = doc.get("order_type") or "new"
        if order_type == "new" and previous and doc["channel"] == "ubl":
            # A new version of a UBL Order (same ID, other content).
            order_type = "update"
        if order_type == "delete" and not previous.order_id:
            raise PoDocumentError(404, f"No order is known for PO {doc['po_number']}.")
        vals = {
            "connection_id": connection.id,
            "partner_id": connection.partner_id.id,
            "channel": doc["channel"],
            "po_number": doc["po_number"],
            "payload_id": doc.get("payload_id") or False,
            "order_type": order_type,
            "revision": previous.revision + 1 if previous else 0,
            "version": (doc.get("version") or "")[:32] or False,
            "data": doc,
            "orderer_email": (doc.get("orderer_email") or "")[:256] or False,
        }
        try:
            # The insert claims the unique keys: a concurrent twin waits here
            # until the first one commits, then fails.
            with self.env.cr.savepoint(flush=False):
                record = self.create(vals)
        except psycopg2.errors.UniqueViolation:
            return self._po_concurrent_twin(connection, doc)
        if content:
            record._po_attach(content, filename, mimetype)
        if order_type == "new":
            record._po_process_new(resolved)
        elif order_type == "update":
            record._po_process_update(resolved, previous)
        else:
            record._po_process_delete(previous)
        return record

    def _po_attach(self, content, filename, mimetype):
        self.ensure_one()
        if isinstance(content, str):
            content = content.encode("utf-8")
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"PO {self.po_number} - {filename}",
                "raw": content,
                "mimetype": mimetype,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        self.attachment_id = attachment

    @api.model
    def _po_find_duplicate(self, connection, doc):
        domain = []
        if doc.get("payload_id"):
            domain = [("connection_id", "=", connection.id), ("payload_id", "=", doc["payload_id"])]
            found = self.search(domain, limit=1)
            if found:
                return found
        if (doc.get("order_type") or "new") == "new" and doc["channel"] != "ubl":
            return self.search(
                [
                    ("partner_id", "=", connection.partner_id.id),
                    ("po_number", "=", doc["po_number"]),
                    ("revision", "=", 0),
                ],
                limit=1,
            )
        return self.browse()

    @api.model
    def _po_previous(self, connection, doc):
        """The latest earlier document of the same PO of this customer."""
        return self.search(
            [("partner_id", "=", connection.partner_id.id), ("po_number", "=", doc["po_number"])],
            order="revision desc",
            limit=1,
        )

    @api.model
    def _po_concurrent_twin(self, connection, doc):
        """A twin of this document was committed by a concurrent request
        while we waited on the unique index: our snapshot cannot see it, a
        fresh cursor can. Answer with the twin's stored outcome."""
        _logger.info(
            "PO %s: concurrent twin committed first; answering its outcome", doc["po_number"]
        )
        with self.env.registry.cursor() as cr:
            # Same user, context and superuser mode as this request: the
            # public endpoints run sudo() as the public user.
            env = self.env(cr=cr)
            twin = env[self._name]._po_find_duplicate(connection.with_env(env), doc)
            if not twin:
                raise PoDocumentError(
                    409, "Another change of this PO is being processed; please send it again."
                )
            return _TwinAnswer(self.browse(twin.id), twin.status_code, twin.message)

    # ------------------------------------------------------------------
    # Lines: products (one query for all lines)
    # ------------------------------------------------------------------
    @api.model
    def _po_resolve_lines(self, connection, doc):
        """Check the lines and resolve their products; raises
        PoDocumentError (nothing is written). Returns a list of dicts:
        the PO line plus ``product`` and ``sale_line`` (the quotation line
        its auxiliary id names, if it is one of this customer)."""
        lines = doc.get("lines") or []
        if (doc.get("order_type") or "new") != "delete" and not lines:
            raise PoDocumentError(400, "The purchase order has no lines.")
        for line in lines:
            quantity, price = line.get("quantity"), line.get("unit_price")
            if quantity is None or not quantity > 0:  # NaN is not greater than zero
                raise PoDocumentError(
                    400, f"Line {line['line_ref']}: the quantity must be greater than zero."
                )
            if not quantity <= cxml.MAX_QUANTITY:
                raise PoDocumentError(
                    400,
                    f"Line {line['line_ref']}: the quantity is out of range "
                    f"(at most {cxml.MAX_QUANTITY:,}).",
                )
            if price is not None and not (math.isfinite(price) and price <= cxml.MAX_AMOUNT):
                raise PoDocumentError(
                    400,
                    f"Line {line['line_ref']}: the unit price is out of range "
                    f"(at most {cxml.MAX_AMOUNT:,}).",
                )
            if price is not None and price < 0:
                raise PoDocumentError(400, f"Line {line['line_ref']}: the unit price is negative.")
        currencies = {doc.get("currency")} | {line.get("currency") for line in lines}
        currencies.discard("")
        currencies.discard(None)
        if currencies:
            known = (
                self.env["res.currency"]
                .with_context(active_test=False)
                .search([("name", "in", list(currencies))])
            )
            unknown = currencies - set(known.mapped("name"))
            if unknown:
                raise PoDocumentError(400, f"Unknown currency {', '.join(sorted(unknown))}.")
        line_ids = [cxml.record_id(line.get("quote_item")) for line in lines]
        line_ids = [line_id for line_id in line_ids if line_id]
        sale_lines = (
            self.env["sale.order.line"].search(
                [
                    ("id", "in", line_ids),
                    ("order_id.oci_connection_id.partner_id", "=", connection.partner_id.id),
                ]
            )
            if line_ids
            else self.env["sale.order.line"]
        )
        sale_lines_by_id = {line.id: line for line in sale_lines}
        codes = {line.get("supplier_part_id") for line in lines} - {None, ""}
        products_by_code = {}
        if codes:
            ids = [cxml.record_id(code) for code in codes if cxml.record_id(code)]
            domain = [("default_code", "in", list(codes))]
            if ids:
                domain = ["|", ("id", "in", ids)] + domain
            for product in connection._oci_find_products(domain):
                products_by_code.setdefault(product.default_code, product)
                products_by_code.setdefault(str(product.id), product)
        hinted = self.env["product.product"].browse(
            {line["product_id"] for line in lines if line.get("product_id")}
        )
        if hinted:
            allowed = connection._oci_find_products([("id", "in", hinted.ids)])
            products_by_code.update({f"id:{p.id}": p for p in allowed})
        resolved = []
        for line in lines:
            sale_line = sale_lines_by_id.get(cxml.record_id(line.get("quote_item")))
            product = (
                products_by_code.get(line.get("supplier_part_id") or "")
                or (line.get("product_id") and products_by_code.get(f"id:{line['product_id']}"))
                or (sale_line.product_id if sale_line else None)
            )
            if not product:
                raise PoDocumentError(
                    400,
                    f"Line {line['line_ref']}: unknown product "
                    f"{cxml.shown(line.get('supplier_part_id') or line.get('description'))}.",
                )
            if sale_line and sale_line.product_id != product:
                sale_line = None
            resolved.append(dict(line, product=product, sale_line=sale_line))
        return resolved

    # ------------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------------
    def _po_open_quotations_domain(self):
        self.ensure_one()
        return [
            ("oci_connection_id", "=", self.connection_id.id),
            ("oci_transfer_state", "=", "transferred"),
            ("state", "in", ("draft", "sent")),
        ]

    def _po_match(self, resolved):
        """(quotation, matched_by, notes) for this PO."""
        self.ensure_one()
        doc = self.data
        notes = []
        SaleOrder = self.env["sale.order"]
        names = list(doc.get("quote_refs") or [])
        names += [line["quote_name"] for line in resolved if line.get("quote_name")]
        names = list(dict.fromkeys(names))
        referenced = SaleOrder
        if names:
            referenced = SaleOrder.search(
                [
                    ("name", "in", names),
                    ("oci_connection_id.partner_id", "=", self.partner_id.id),
                ]
            )
        referenced |= SaleOrder.union(
            *(line["sale_line"].order_id for line in resolved if line.get("sale_line"))
        )
        missing = [name for name in names if name not in referenced.mapped("name")]
        if missing:
            notes.append(
                self.env._(
                    "Quotation reference %s is not a quotation of this customer.",
                    ", ".join(missing),
                )
            )
        if referenced:
            if len(referenced) > 1:
                notes.append(
                    self.env._(
                        "The PO refers to several quotations (%s).",
                        ", ".join(referenced.mapped("name")),
                    )
                )
            quotation = referenced.sorted("id")[-1]
            if quotation.filtered_domain(self._po_open_quotations_domain()):
                return quotation, "reference", notes
            po_ref = ", PO " + quotation.client_order_ref if quotation.client_order_ref else ""
            notes.append(
                self.env._(
                    "Quotation %(name)s can no longer be ordered (%(status)s%(po)s).",
                    name=quotation.name,
                    status=quotation.oci_transfer_state or quotation.state,
                    po=po_ref,
                )
            )
            return SaleOrder, "none", notes
        # By connection + products + quantities of an open quotation.
        wanted = {}
        for line in resolved:
            wanted[line["product"].id] = wanted.get(line["product"].id, 0.0) + line["quantity"]
        candidates = SaleOrder.search(
            self._po_open_quotations_domain(), order="oci_transferred_at desc, id desc"
        )
        fits = SaleOrder
        for quotation in candidates:
            have = {}
            for sol in quotation.order_line:
                if sol.product_id and not sol.display_type:
                    have[sol.product_id.id] = have.get(sol.product_id.id, 0.0) + sol.product_uom_qty
            if have.keys() == wanted.keys() and all(
                float_compare(have[key], wanted[key], precision_digits=3) == 0 for key in have
            ):
                fits |= quotation
        if len(fits) > 1:
            notes.append(
                self.env._(
                    "%(count)s open quotations fit this PO (%(names)s); the latest was taken.",
                    count=len(fits),
                    names=", ".join(fits.mapped("name")),
                )
            )
        if fits:
            return fits[0], "products", notes
        return SaleOrder, "none", notes

    # ------------------------------------------------------------------
    # Comparing
    # ------------------------------------------------------------------
    def _po_pair_lines(self, order, resolved):
        """[(po line, sale line or None)], unpaired sale lines."""
        free = order.order_line.filtered(lambda sol: sol.product_id and not sol.display_type)
        pairs = []
        for line in resolved:
            sol = line.get("sale_line")
            if sol and sol not in free:
                sol = None
            if not sol:
                sol = (
                    free.filtered(
                        lambda s, product=line["product"]: (
                            s.oci_po_line_ref == line["line_ref"] and s.product_id == product
                        )
                    )[:1]
                    or free.filtered(lambda s, product=line["product"]: s.product_id == product)[:1]
                )
            if sol:
                free -= sol
            pairs.append((line, sol or None))
        return pairs, free

    def _po_compare(self, order, resolved, check_quantities=True):
        """Differences (list of texts) between the PO and ``order``."""
        self.ensure_one()
        doc = self.data
        connection = self.connection_id
        differences = []
        if doc.get("currency") and doc["currency"] != order.currency_id.name:
            differences.append(
                self.env._(
                    "Currency: PO %(po)s, order %(order)s.",
                    po=doc["currency"],
                    order=order.currency_id.name,
                )
            )
        pairs, unpaired = self._po_pair_lines(order, resolved)
        for line, sol in pairs:
            label = self.env._(
                "Line %(ref)s (%(product)s)",
                ref=line["line_ref"],
                product=line["product"].display_name,
            )
            if not sol:
                differences.append(self.env._("%s: not on the quotation.", label))
                continue
            if check_quantities and float_compare(
                line["quantity"], sol.product_uom_qty, precision_rounding=sol.product_uom.rounding
            ):
                differences.append(
                    self.env._(
                        "%(line)s: quantity %(po)s, quotation %(order)s.",
                        line=label,
                        po=line["quantity"],
                        order=sol.product_uom_qty,
                    )
                )
            if line.get("currency") and line["currency"] != order.currency_id.name:
                differences.append(
                    self.env._("%(line)s: price in %(cur)s.", line=label, cur=line["currency"])
                )
            elif line.get("unit_price") is not None and not sol._oci_po_price_accepted(
                line["unit_price"], connection
            ):
                differences.append(
                    self.env._(
                        "%(line)s: unit price %(po)s, quotation %(order)s (outside the tolerance).",
                        line=label,
                        po=line["unit_price"],
                        order=order.currency_id.round(sol.price_reduce_taxexcl),
                    )
                )
        if check_quantities:
            for sol in unpaired:
                if not float_is_zero(
                    sol.product_uom_qty, precision_rounding=sol.product_uom.rounding
                ):
                    differences.append(
                        self.env._(
                            "Quotation line %(product)s (%(qty)s) is not on the PO.",
                            product=sol.product_id.display_name,
                            qty=sol.product_uom_qty,
                        )
                    )
        shipping, note = self._po_delivery_address()
        if note:
            differences.append(note)
        return differences, pairs, unpaired, shipping

    def _po_delivery_address(self):
        """(branch, difference text) for the PO's ship-to: only the customer
        itself and its own contacts/branches can be found."""
        self.ensure_one()
        ship_to = self.data.get("ship_to") or {}
        if not any(ship_to.get(key) for key in ("address_id", "name", "street", "zip")):
            return self.env["res.partner"], None
        customer = self.partner_id
        Partner = self.env["res.partner"]
        base = [("id", "child_of", customer.id)]
        branch = Partner
        address_id = ship_to.get("address_id") or ""
        if address_id:
            branch = Partner.search(base + [("ref", "=", address_id)], limit=1)
            if not branch and cxml.record_id(address_id):
                branch = Partner.search(base + [("id", "=", cxml.record_id(address_id))], limit=1)
        if not branch and ship_to.get("zip") and (ship_to.get("street") or ship_to.get("name")):
            zip_code = ship_to["zip"].replace(" ", "").upper()
            for partner in Partner.search(base + [("zip", "!=", False)]):
                if (partner.zip or "").replace(" ", "").upper() != zip_code:
                    continue
                if (
                    ship_to.get("street")
                    and (partner.street or "").lower() == ship_to["street"].lower()
                ):
                    branch = partner
                    break
                if ship_to.get("name") and (partner.name or "").lower() == ship_to["name"].lower():
                    branch = partner
                    break
        if not branch and ship_to.get("name"):
            branch = Partner.search(base + [("name", "=ilike", ship_to["name"])], limit=1)
        if branch:
            return branch, None
        label = ", ".join(
            filter(
                None,
                [
                    ship_to.get("address_id"),
                    ship_to.get("name"),
                    ship_to.get("street"),
                    ship_to.get("zip"),
                    ship_to.get("city"),
                ],
            )
        )
        return Partner, self.env._("Delivery address %s is not an address of this customer.", label)

    # ------------------------------------------------------------------
    # Processing
    # ------------------------------------------------------------------
    def _po_process_new(self, resolved):
        self.ensure_one()
        quotation, matched_by, notes = self._po_match(resolved)
        self.matched_by = matched_by
        if not quotation:
            order = self._po_create_order(resolved)
            notes.insert(0, self.env._("No punchout quotation matches this PO."))
            self._po_hold(order, notes)
            return
        differences, pairs, _unpaired, shipping = self._po_compare(quotation, resolved)
        differences = notes + differences
        waiting = self._po_waiting_reason(quotation)
        if waiting:
            differences.insert(0, waiting)
        if not differences and not self.connection_id.po_auto_confirm:
            differences.append(self.env._("Automatic confirmation is off for this connection."))
        if differences:
            self._po_hold(quotation, differences)
            return
        self._po_apply(quotation, pairs, shipping)
        self._po_confirm(quotation)

    def _po_process_update(self, resolved, previous):
        self.ensure_one()
        order = previous.order_id
        self.matched_by = "po"
        if not order or order.state == "cancel":
            # Nothing (left) to change: handle it like a new PO, held.
            self.order_type = "update"
            quotation, matched_by, notes = self._po_match(resolved)
            order = quotation or self._po_create_order(resolved)
            self.matched_by = matched_by
            notes.insert(0, self.env._("Change of a PO whose order is cancelled or unknown."))
            self._po_hold(order, notes)
            return
        waiting = self._po_waiting_reason(order)
        if waiting:
            # Never compared with the order an unreviewed PO made or chose:
            # a person decides first.
            self._po_hold(order, [waiting])
            return
        frozen = order._oci_po_frozen_reason()
        if frozen:
            self._po_hold(
                order,
                [
                    self.env._(
                        "Change received for %(order)s, but %(reason)s.",
                        order=order.name,
                        reason=frozen,
                    )
                ],
            )
            return
        differences, pairs, unpaired, shipping = self._po_compare(
            order, resolved, check_quantities=False
        )
        if not differences and not self.connection_id.po_auto_confirm:
            differences.append(self.env._("Automatic confirmation is off for this connection."))
        if differences:
            self._po_hold(order, differences)
            return
        self._po_apply(order, pairs, shipping, unpaired=unpaired)
        if order.state in ("draft", "sent"):
            self._po_confirm(order)
        else:
            self._po_done(order, "updated", 200, self.env._("Order %s updated.", order.name))

    def _po_process_delete(self, previous):
        self.ensure_one()
        order = previous.order_id
        self.matched_by = "po"
        if order.state == "cancel":
            self._po_done(order, "cancelled", 200, self.env._("Order %s is cancelled.", order.name))
            return
        frozen = order._oci_po_frozen_reason()
        if frozen:
            self._po_hold(
                order,
                [
                    self.env._(
                        "Cancellation received for %(order)s, but %(reason)s.",
                        order=order.name,
                        reason=frozen,
                    )
                ],
            )
            return
        order._action_cancel()
        order.oci_transfer_state = "cancelled"
        message = self.env._("Order %s cancelled.", order.name)
        self._po_done(order, "cancelled", 200, message)
        # A review the order waited for is moot now.
        order.activity_feedback(["mail.mail_activity_data_todo"], feedback=message)

    def _po_waiting_reason(self, order):
        """Why a document for ``order`` must wait for a person, or False: an
        earlier PO of that order is held for review. A held order stays held
        through any re-send, change or other PO until it is accepted or
        rejected in the backend."""
        self.ensure_one()
        pending = self.search(
            [("order_id", "=", order.id), ("state", "=", "review"), ("id", "!=", self.id)],
            order="id desc",
            limit=1,
        )
        if not pending:
            return False
        return self.env._(
            "Order %(order)s is held for review of PO %(po)s, waiting for a decision of the "
            "supplier; this document waits with it.",
            order=order.name,
            po=pending.display_name,
        )

    def _po_create_order(self, resolved):
        """A new sales order for a PO that matches no quotation."""
        self.ensure_one()
        connection = self.connection_id
        customer = self.partner_id
        orderer = self.env["res.partner"]
        if self.orderer_email:
            orderer = self.env["res.partner"].search(
                [
                    ("commercial_partner_id", "=", customer.id),
                    ("email_normalized", "=", self.orderer_email.strip().lower()),
                ],
                limit=1,
            )
        orderer = orderer or connection.orderer_id or customer
        vals = {
            "partner_id": orderer.id,
            "company_id": connection.company_id.id,
            "oci_connection_id": connection.id,
            "origin": self.env._("PO %s", self.po_number),
            "order_line": [
                Command.create(
                    {
                        "product_id": line["product"].id,
                        "product_uom_qty": line["quantity"],
                        "oci_po_line_ref": line["line_ref"],
                    }
                )
                for line in resolved
            ],
        }
        if connection.website_id:
            vals["website_id"] = connection.website_id.id
        if connection.pricelist_id:
            vals["pricelist_id"] = connection.pricelist_id.id
        return self.env["sale.order"].create(vals)

    def _po_apply(self, order, pairs, shipping, unpaired=None):
        """Write the PO's references (and, for a change, its quantities) on
        the order."""
        self.ensure_one()
        doc = self.data
        vals = {"client_order_ref": self.po_number}
        if shipping:
            vals["partner_shipping_id"] = shipping.id
        if doc.get("delivery_date"):
            vals["commitment_date"] = f"{doc['delivery_date']} 12:00:00"
        if doc.get("cost_center"):
            vals["oci_cost_center"] = doc["cost_center"][:64]
        order.write(vals)
        new_lines = []
        for line, sol in pairs:
            if sol:
                sol_vals = {"oci_po_line_ref": line["line_ref"]}
                if float_compare(
                    line["quantity"],
                    sol.product_uom_qty,
                    precision_rounding=sol.product_uom.rounding,
                ):
                    sol_vals["product_uom_qty"] = line["quantity"]
                sol.write(sol_vals)
            else:
                new_lines.append(
                    Command.create(
                        {
                            "product_id": line["product"].id,
                            "product_uom_qty": line["quantity"],
                            "oci_po_line_ref": line["line_ref"],
                        }
                    )
                )
        if new_lines:
            order.write({"order_line": new_lines})
        if unpaired:
            unpaired.write({"product_uom_qty": 0.0})

    def _po_confirm(self, order):
        self.ensure_one()
        order.action_confirm()
        order.write(
            {"oci_transfer_state": "ordered", "oci_po_review": False, "oci_po_differences": False}
        )
        order.oci_session_id.sudo().state = "ordered"
        self._po_notify_orderer(order)
        self._po_done(order, "confirmed", 200, self.env._("Order %s confirmed.", order.name))

    def _po_notify_orderer(self, order):
        """Order confirmation e-mail to the orderer. A mail that cannot be
        built (e.g. no PDF engine) must not undo an accepted PO."""
        try:
            with self.env.cr.savepoint():
                order._send_order_confirmation_mail()
        except UserError as error:
            _logger.warning("PO %s: confirmation e-mail not sent: %s", self.po_number, error)
            order.message_post(
                body=self.env._("The confirmation e-mail could not be sent: %s", error.args[0])
            )

    def _po_done(self, order, state, code, message):
        self.ensure_one()
        self.write(
            {
                "order_id": order.id,
                "state": state,
                "status_code": code,
                "message": message,
                "differences": False,
            }
        )
        # An earlier version held for review is settled by this one: the
        # order no longer waits for a review (e.g. the PO was cancelled).
        superseded = self.search(
            [("order_id", "=", order.id), ("state", "=", "review"), ("id", "!=", self.id)]
        )
        if superseded:
            note = self.env._("Superseded by %s.", self.display_name)
            superseded.write({"state": "updated", "message": note})
            order.write({"oci_po_review": False, "oci_po_differences": False})
        order.message_post(
            body=self.env._(
                "Purchase order %(po)s (%(channel)s): %(message)s",
                po=self.display_name,
                channel=dict(self._fields["channel"]._description_selection(self.env))[
                    self.channel
                ],
                message=message,
            ),
            attachment_ids=self.attachment_id.copy(
                {"res_model": "sale.order", "res_id": order.id}
            ).ids
            if self.attachment_id
            else [],
        )

    def _po_hold(self, order, differences):
        """Keep the order unconfirmed (or unchanged) with the differences
        listed on it and an activity for the sales team."""
        self.ensure_one()
        text = "\n".join(differences)
        reason = " ".join(differences)
        if len(reason) > 400:
            reason = reason[:400] + "..."
        self.write(
            {
                "order_id": order.id,
                "state": "review",
                "status_code": 201,
                "message": self.env._(
                    "Received; order %(order)s is held for review by the supplier: %(reason)s",
                    order=order.name,
                    reason=reason,
                ),
                "differences": text,
            }
        )
        order.write({"oci_po_review": True, "oci_po_differences": text})
        user = (
            self.connection_id.po_review_user_id
            or order.user_id
            or order.team_id.user_id
            or self.connection_id.create_uid
        )
        summary = self.env._("Check purchase order %s", self.po_number)
        if not order.activity_ids.filtered(lambda activity: activity.summary == summary):
            order.activity_schedule(
                "mail.mail_activity_data_todo", user_id=user.id, summary=summary, note=text
            )
        order.message_post(
            body=self.env._(
                "Purchase order %(po)s held for review:\n%(differences)s",
                po=self.display_name,
                differences=text,
            ),
            attachment_ids=self.attachment_id.copy(
                {"res_model": "sale.order", "res_id": order.id}
            ).ids
            if self.attachment_id
            else [],
        )

    # ------------------------------------------------------------------
    # Review
    # ------------------------------------------------------------------
    @api.model
    def _po_pending_for(self, order):
        # The latest held document: the newest version of what was sent.
        pending = self.search(
            [("order_id", "=", order.id), ("state", "=", "review")], order="id desc", limit=1
        )
        if not pending:
            raise UserError(
                self.env._("No purchase order of %s is waiting for review.", order.name)
            )
        return pending

    def _po_accept(self):
        """A person accepts a held PO: apply it as received."""
        self.ensure_one()
        if self.state != "review":
            raise UserError(self.env._("Only a PO held for review can be accepted."))
        order = self.order_id
        if self.order_type == "delete":
            frozen = order._oci_po_frozen_reason()
            if frozen and order.state != "cancel":
                raise UserError(
                    self.env._(
                        "%(order)s cannot be cancelled: %(reason)s.",
                        order=order.name,
                        reason=frozen,
                    )
                )
            order._action_cancel()
            order.oci_transfer_state = "cancelled"
            self._po_done(order, "cancelled", 200, self.env._("Order %s cancelled.", order.name))
        else:
            try:
                resolved = self._po_resolve_lines(self.connection_id, self.data)
            except PoDocumentError as error:
                raise UserError(error.message) from error
            _differences, pairs, unpaired, shipping = self._po_compare(order, resolved)
            self._po_apply(order, pairs, shipping, unpaired=unpaired)
            if order.state in ("draft", "sent"):
                self._po_confirm(order)
            else:
                self._po_done(order, "updated", 200, self.env._("Order %s updated.", order.name))
        order.write({"oci_po_review": False, "oci_po_differences": False})
        order.activity_feedback(
            ["mail.mail_activity_data_todo"], feedback=self.env._("PO accepted")
        )

    def _po_reject(self):
        self.ensure_one()
        if self.state != "review":
            raise UserError(self.env._("Only a PO held for review can be rejected."))
        order = self.order_id
        self.write(
            {
                "state": "rejected",
                "message": self.env._("Rejected by %s.", self.env.user.name),
            }
        )
        still_held = self.search(
            [("order_id", "=", order.id), ("state", "=", "review")], order="id desc", limit=1
        )
        if still_held:
            # An earlier PO of the order still waits: the order stays held.
            order.oci_po_differences = still_held[0].differences
        else:
            if self.matched_by == "none" and order.state in ("draft", "sent"):
                order._action_cancel()
            order.write({"oci_po_review": False, "oci_po_differences": False})
            order.activity_feedback(
                ["mail.mail_activity_data_todo"], feedback=self.env._("PO rejected")
            )
        order.message_post(body=self.env._("Purchase order %s rejected.", self.display_name))

    def action_open_order(self):
        self.ensure_one()
        return self.order_id._get_records_action()


class _TwinAnswer:
    """Answer of a document committed by a concurrent twin request (see
    _po_concurrent_twin): behaves like the record for the channels."""

    def __init__(self, record, status_code, message):
        self.record = record
        self.id = record.id
        self.status_code = status_code
        self.message = message


def content_digest(content):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return "sha256:" + hashlib.sha256(content).hexdigest()
