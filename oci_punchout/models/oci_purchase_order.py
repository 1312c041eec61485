# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OciPurchaseOrder(models.Model):
    """A purchase order document received from a customer's procurement
    system (cXML OrderRequest, UBL Order or entered by hand), with what was
    done with it. One record per accepted document; refused documents are
    answered with an error and leave nothing behind.

    The record and its review live here; the intake (oci.po.intake) receives
    and authenticates, the matcher (oci.po.matcher) reads the PO against the
    quotations and oci.po.apply does what the PO asks of the order."""

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
    # Entry points kept here for their callers (controllers, demo, tests):
    # the intake service does the work.
    # ------------------------------------------------------------------
    @api.model
    def _po_receive_cxml(self, code, body, remote_addr=None):
        return self.env["oci.po.intake"]._po_receive_cxml(code, body, remote_addr=remote_addr)

    @api.model
    def _po_receive_ubl(self, code, body, identity, secret, remote_addr=None):
        return self.env["oci.po.intake"]._po_receive_ubl(
            code, body, identity, secret, remote_addr=remote_addr
        )

    @api.model
    def _po_check_throttle(self, remote_addr):
        return self.env["oci.po.intake"]._po_check_throttle(remote_addr)

    @api.model
    def _po_max_bytes(self):
        return self.env["oci.po.intake"]._po_max_bytes()

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
            self.env["oci.po.apply"]._po_done(
                self, order, "cancelled", 200, self.env._("Order %s cancelled.", order.name)
            )
        else:
            with self.env["oci.po.intake"]._po_user_errors():
                resolved = self.env["oci.po.matcher"]._po_resolve_lines(
                    self.connection_id, self.data
                )
            _differences, pairs, unpaired, shipping = self.env["oci.po.matcher"]._po_compare(
                self, order, resolved
            )
            self.env["oci.po.apply"]._po_apply(self, order, pairs, shipping, unpaired=unpaired)
            if order.state in ("draft", "sent"):
                self.env["oci.po.apply"]._po_confirm(self, order)
            else:
                self.env["oci.po.apply"]._po_done(
                    self, order, "updated", 200, self.env._("Order %s updated.", order.name)
                )
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
