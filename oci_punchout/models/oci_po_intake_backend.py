# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PO intake from the backend: a UBL Order uploaded by a salesman (the
connection found from the quotation it references or the buyer party), and
a refused PO document turned into a UserError for a person in the backend."""

from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import UserError

from ..const import UBL_ORDER_CUSTOMIZATION
from ..exceptions import PoDocumentError
from ..tools import cxml


class OciPoIntake(models.AbstractModel):
    _inherit = "oci.po.intake"

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
        with self._po_user_errors(attachment.name):
            root = cxml.parse_xml(raw, self._po_max_bytes())
        builder = self.env["sale.edi.xml.ubl_bis3"]
        if not builder._oci_is_order(root):
            return None
        connection = self._po_ubl_connection(root)
        if not connection:
            return None
        with self._po_user_errors(attachment.name), self.env.cr.savepoint():
            doc = builder._oci_extract_order(root, connection, raw)
            # Authorised above (a salesman of the connection's company):
            # the intake itself may see every quotation of the connection.
            record = self.sudo()._po_receive(connection.sudo(), doc).record
        if not record.attachment_id:
            attachment.sudo().write({"res_model": "oci.purchase.order", "res_id": record.id})
            record.sudo().attachment_id = attachment
        return record.order_id.with_env(self.env)

    @api.model
    @contextmanager
    def _po_user_errors(self, filename=None):
        """A refused PO document as a UserError, for a person in the backend
        (upload, manual PO, review of a held PO): the one place that turns
        the sender's status into Odoo's error."""
        try:
            yield
        except PoDocumentError as error:
            message = error.message
            if filename:
                message = self.env._("%(file)s: %(error)s", file=filename, error=error.message)
            raise UserError(message) from error

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
