# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.po_document import PoDocument, PoLine


class OciPoConfirmWizard(models.TransientModel):
    """Manual PO channel: a PO that came by e-mail or on paper, entered on
    the transferred quotation and run through the same intake checks."""

    _name = "oci.po.confirm.wizard"
    _description = "Confirm a punchout quotation with the customer's PO"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    po_number = fields.Char("PO number", required=True)
    delivery_date = fields.Date()
    cost_center = fields.Char()
    document = fields.Binary("PO document", help="The PO as received (PDF, e-mail).")
    document_name = fields.Char()
    line_ids = fields.One2many(
        "oci.po.confirm.wizard.line",
        "wizard_id",
        string="PO lines",
        help="Only when the PO differs from the quotation or numbers its lines; "
        "empty: the PO orders the quotation as it is.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        order = self.env["sale.order"].browse(values.get("order_id"))
        if order and "cost_center" in fields_list:
            values["cost_center"] = order.oci_cost_center
        return values

    def _po_document(self):
        """The PO as the PoDocument every channel fills."""
        self.ensure_one()
        order = self.order_id
        currency = order.currency_id.name
        if self.line_ids:
            lines = [
                PoLine(
                    line_ref=line.po_line_ref or str(index),
                    quantity=line.quantity,
                    product_id=line.product_id.id,
                    unit_price=line.price_unit if line.price_unit else None,
                    currency=currency,
                    description=line.product_id.display_name,
                )
                for index, line in enumerate(self.line_ids, start=1)
            ]
        else:
            lines = [
                PoLine(
                    line_ref=str(index),
                    quantity=sol.product_uom_qty,
                    product_id=sol.product_id.id,
                    aux_id=str(sol.id),
                    quote_name=order.name,
                    quote_item=str(sol.id),
                    currency=currency,
                    description=sol.name or "",
                )
                for index, sol in enumerate(
                    order.order_line.filtered(lambda sol: sol.product_id and not sol.display_type),
                    start=1,
                )
            ]
        return PoDocument(
            channel="manual",
            po_number=self.po_number.strip(),
            order_date=fields.Date.to_string(fields.Date.context_today(self)),
            currency=currency,
            quote_refs=[order.name],
            delivery_date=fields.Date.to_string(self.delivery_date) if self.delivery_date else None,
            cost_center=self.cost_center or "",
            lines=lines,
        )

    def action_confirm_po(self):
        self.ensure_one()
        order = self.order_id
        if order.oci_transfer_state != "transferred" or order.state not in ("draft", "sent"):
            raise UserError(
                self.env._(
                    "Only a quotation transferred to procurement can be confirmed with a PO."
                )
            )
        if not self.po_number or not self.po_number.strip():
            raise UserError(self.env._("Enter the PO number."))
        connection = order.oci_connection_id
        doc = self._po_document()
        content = base64.b64decode(self.document) if self.document else None
        intake = self.env["oci.po.intake"]
        with intake._po_user_errors(), self.env.cr.savepoint():
            record = intake._po_receive(
                connection, doc, content, self.document_name or "PO", None
            ).record
        if record.order_id != order:
            raise UserError(
                self.env._(
                    "PO %(po)s of this customer was already received for order %(order)s.",
                    po=record.po_number,
                    order=record.order_id.name,
                )
            )
        return order._get_records_action()
