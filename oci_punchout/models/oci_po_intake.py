# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

import psycopg2
from lxml import etree

from odoo import api, models
from odoo.exceptions import UserError, ValidationError

from ..exceptions import PoDocumentError
from ..tools import cxml
from ..tools.po_document import PoIntakeResult
from .oci_connection import OciLoginRefused

_logger = logging.getLogger(__name__)


class OciPoIntake(models.AbstractModel):
    """The way in for purchase orders: the channels (cXML OrderRequest, UBL
    Order by HTTP or backend upload), the sender's authentication and
    throttling, duplicates and concurrent twins. What a PO then does is the
    matcher's (oci.po.matcher) and the processing's (oci.po.apply).

    The entry points run as superuser after the channel authenticated the
    sender; they never trust ids from the document."""

    _name = "oci.po.intake"
    _description = "Punchout PO intake"

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
                connection, remote_addr, connection._po_check_cxml_credentials, doc.as_dict()
            )
        except PoDocumentError as error:
            _logger.info("cXML PO refused (connection %s): %s", code, error.message)
            return error.code, error.message, None
        # The document is kept: never with the shared secret in it.
        doc.without_secrets()
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
    def _po_receive_safe(self, connection, doc, content, filename, mimetype):
        """_po_receive in a savepoint: a refusal leaves nothing behind."""
        try:
            with self.env.cr.savepoint():
                result = self._po_receive(connection, doc, content, filename, mimetype)
        except PoDocumentError as error:
            _logger.info("PO %s refused: %s", doc.po_number, error.message)
            return error.code, error.message, None
        except (UserError, ValidationError) as error:
            # Odoo refused a change (e.g. a locked order): answer the sender
            # with a status instead of an HTML error page it would retry.
            _logger.info("PO %s not applied: %s", doc.po_number, error)
            return 409, str(error.args[0] if error.args else error), None
        return result.status_code, result.message, result.record

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

    @api.model
    def _po_receive(self, connection, document, content=None, filename=None, mimetype=None):
        """Check, store and process one PoDocument; returns a PoIntakeResult
        whose record is the received PO (an earlier one when this is a
        duplicate). Raises PoDocumentError on bad input before anything is
        written."""
        connection.ensure_one()
        doc = document.as_dict()
        resolved = self.env["oci.po.matcher"]._po_resolve_lines(connection, doc)
        duplicate = self._po_find_duplicate(connection, doc)
        if duplicate:
            return self._po_result(duplicate)
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
                record = self.env["oci.purchase.order"].create(vals)
        except psycopg2.errors.UniqueViolation:
            return self._po_concurrent_twin(connection, doc)
        if content:
            record._po_attach(content, filename, mimetype)
        if order_type == "new":
            self.env["oci.po.apply"]._po_process_new(record, resolved)
        elif order_type == "update":
            self.env["oci.po.apply"]._po_process_update(record, resolved, previous)
        else:
            self.env["oci.po.apply"]._po_process_delete(record, previous)
        return self._po_result(record)

    @api.model
    def _po_result(self, record, twin=False):
        return PoIntakeResult(record, record.status_code, record.message, twin=twin)

    @api.model
    def _po_find_duplicate(self, connection, doc):
        domain = []
        if doc.get("payload_id"):
            domain = [("connection_id", "=", connection.id), ("payload_id", "=", doc["payload_id"])]
            found = self.env["oci.purchase.order"].search(domain, limit=1)
            if found:
                return found
        if (doc.get("order_type") or "new") == "new" and doc["channel"] != "ubl":
            return self.env["oci.purchase.order"].search(
                [
                    ("partner_id", "=", connection.partner_id.id),
                    ("po_number", "=", doc["po_number"]),
                    ("revision", "=", 0),
                ],
                limit=1,
            )
        return self.env["oci.purchase.order"]

    @api.model
    def _po_previous(self, connection, doc):
        """The latest earlier document of the same PO of this customer."""
        return self.env["oci.purchase.order"].search(
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
            # This request's registry for the new cursor: no Registry(db)
            # lookup, which waits for the registry lock while the server
            # holds it (loading a database, running its tests).
            cr.transaction = api.Transaction(self.env.registry)
            # Same user, context and superuser mode as this request: the
            # public endpoints run sudo() as the public user.
            env = self.env(cr=cr)
            twin = env[self._name]._po_find_duplicate(connection.with_env(env), doc)
            if not twin:
                raise PoDocumentError(
                    409, "Another change of this PO is being processed; please send it again."
                )
            return PoIntakeResult(
                self.env["oci.purchase.order"].browse(twin.id),
                twin.status_code,
                twin.message,
                twin=True,
            )
