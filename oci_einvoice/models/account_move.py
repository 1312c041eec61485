# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# Fields whose value is written into the e-invoice: changing one of them makes
# an already generated UBL (and the PDF embedded in it) stale.
OCI_UBL_MOVE_FIELDS = ("oci_po_number", "oci_buyer_reference", "oci_cost_center")


class AccountMove(models.Model):
    _inherit = "account.move"

    oci_po_number = fields.Char(
        "PO number",
        index="btree_not_null",
        tracking=True,
        help="The customer's purchase order number (UBL OrderReference). "
        "Filled from the sale order's customer reference.",
    )
    oci_buyer_reference = fields.Char(
        "Buyer reference",
        tracking=True,
        help="The customer's buyer reference (UBL BuyerReference).",
    )
    oci_cost_center = fields.Char(
        "Cost center",
        tracking=True,
        help="The customer's cost center (UBL AccountingCost). Lines with "
        "another cost center carry their own.",
    )
    oci_branch_id = fields.Many2one(
        "res.partner",
        string="Branch",
        index="btree_not_null",
        help="The customer's branch this invoice is for. Empty on collective "
        "invoices covering several branches, whose lines show their branch.",
    )
    oci_po_required = fields.Boolean(related="commercial_partner_id.oci_po_required")
    oci_group_key = fields.Char(
        "Invoice grouping key",
        copy=False,
        readonly=True,
        help="Technical: groups sale orders invoiced together (policy, branch, PO).",
    )

    @api.depends("line_ids.oci_delivery_date")
    def _compute_delivery_date(self):
        # EXTENDS account (and sale_stock's effective date of the orders)
        res = super()._compute_delivery_date()
        self._oci_settle_delivery_date()
        return res

    def _oci_settle_delivery_date(self):
        """The invoice's delivery date is its lines' last one: the supply was
        completed that day (EN 16931 BT-72). Nothing changes for invoices
        whose lines have none. (sale_stock's own value, the orders' first
        delivery, may come later in the override chain: oci_punchout, which
        depends on both, settles it again.)"""
        for move in self:
            days = move.invoice_line_ids.filtered("oci_delivery_date").mapped("oci_delivery_date")
            if days:
                move.delivery_date = max(days)

    def write(self, vals):
        stale = self.browse()
        if any(fname in vals for fname in OCI_UBL_MOVE_FIELDS):
            stale = self.filtered(
                lambda move: (
                    move.ubl_cii_xml_id
                    and any(
                        move[fname] != (vals[fname] or False)
                        for fname in OCI_UBL_MOVE_FIELDS
                        if fname in vals
                    )
                )
            )
        res = super().write(vals)
        stale._oci_detach_stale_documents()
        return res

    def _post(self, soft=True):
        self._oci_check_po_number()
        return super()._post(soft=soft)

    def _oci_check_po_number(self):
        """Refuse customer invoices without PO number for customers that require one."""
        missing = self.filtered(
            lambda move: (
                move.is_sale_document(include_receipts=False)
                and move.commercial_partner_id.oci_po_required
                and not move._oci_po_reference()
            )
        )
        if missing:
            raise UserError(
                self.env._(
                    "A PO number is required for %(customers)s: enter the customer's "
                    "purchase order number on %(invoices)s before posting or sending.",
                    customers=", ".join(missing.commercial_partner_id.mapped("display_name")),
                    invoices=", ".join(missing.mapped(lambda move: move.name or move.display_name)),
                )
            )

    def _oci_settle_header_cost_center(self):
        """After grouping orders: the header cost center is the lines' common
        one; when the lines differ, the customer's own default (the lines then
        carry theirs)."""
        for move in self:
            line_costs = set(
                move.invoice_line_ids.filtered("oci_cost_center").mapped("oci_cost_center")
            )
            if len(line_costs) == 1:
                header = line_costs.pop()
            elif line_costs:
                header = move.commercial_partner_id.oci_cost_center or False
            else:
                header = move.oci_cost_center
            if header != move.oci_cost_center:
                move.oci_cost_center = header

    def _oci_detach_stale_documents(self):
        """The e-invoice (and its PDF) no longer match the invoice: detach them
        (they stay as plain attachments) so Send & Print generates new ones."""
        if not self:
            return
        self._detach_attachments()
        self.invalidate_recordset(
            [
                "ubl_cii_xml_id",
                "ubl_cii_xml_file",
                "invoice_pdf_report_id",
                "invoice_pdf_report_file",
            ]
        )
        for move in self:
            move.message_post(
                body=self.env._(
                    "A value written into the e-invoice changed (PO number, buyer "
                    "reference, cost center, PO line or delivery date): the e-invoice "
                    "will be generated again when the invoice is sent."
                )
            )

    def _oci_po_reference(self):
        """The customer's PO number: ours, else one typed in Odoo's own
        Customer Reference of an invoice (stock Odoo writes that one to
        OrderReference too); a credit note keeps its invoice's."""
        self.ensure_one()
        if self.oci_po_number:
            return self.oci_po_number
        if self.move_type == "out_invoice":
            return (self.ref or "").strip() or False
        if self.move_type == "out_refund" and self.reversed_entry_id:
            return self.reversed_entry_id._oci_po_reference()
        return False

    def _oci_delivery_addresses(self):
        """Where the goods of this invoice went: the branches of its lines
        (collective invoices), else its delivery address."""
        self.ensure_one()
        branches = self.invoice_line_ids.oci_branch_id
        return branches if len(branches) > 1 else self.partner_shipping_id

    def _oci_ubl_references(self, require_buyer_reference=False):
        """Everything oci_einvoice adds to a UBL document, in one place.

        The builder adapters only copy these values into Odoo's vals dict.

        :param require_buyer_reference: the format requires a BuyerReference
            (XRechnung BR-DE-15): fall back to the PO number.
        :return: dict with header values and a ``lines`` dict per invoice line
            (record -> dict).
        """
        self.ensure_one()
        commercial = self.commercial_partner_id
        po_number = self._oci_po_reference()
        buyer_reference = self.oci_buyer_reference or commercial.ref or False
        if not buyer_reference and require_buyer_reference:
            buyer_reference = po_number
        header_cost = self.oci_cost_center or False
        billing_reference = False
        if self.move_type == "out_refund" and self.reversed_entry_id:
            billing_reference = {
                "id": self.reversed_entry_id.name,
                "issue_date": self.reversed_entry_id.invoice_date,
            }
        placement = commercial.oci_item_code_placement or "classification"
        product_lines = self.invoice_line_ids.filtered(
            lambda line: line.display_type not in ("line_note", "line_section")
        )
        # Lines delivered on different days: each its day as its line period.
        line_days = len(set(product_lines.mapped("oci_delivery_date")) - {False}) > 1
        lines = {}
        for line in product_lines:
            code = line.product_id and line.product_id.product_tmpl_id._oci_get_customer_code()
            line_cost = line.oci_cost_center or False
            lines[line] = {
                # BT-133 only where the line differs from the header (BT-19).
                "accounting_cost": line_cost if line_cost and line_cost != header_cost else False,
                # BT-132 needs a BT-13 (BR-NL-13 / NL-R-009).
                "order_line_id": (line.oci_po_line_ref or False) if po_number else False,
                "commodity_code": code if placement in ("classification", "both") else False,
                "buyers_item_id": code if placement in ("buyers_item", "both") else False,
                # BG-26 (start = end = the day); one day is the header's BT-72.
                "delivery_date": (line.oci_delivery_date or False) if line_days else False,
            }
        delivery_addresses = self._oci_delivery_addresses()
        return {
            # False: stock Odoo's own OrderReference (ref or invoice number) stays.
            "order_reference": po_number,
            "buyer_reference": buyer_reference,
            "accounting_cost": header_cost,
            "billing_reference": billing_reference,
            "po_required": commercial.oci_po_required,
            # Several: no single delivery address (EN 16931 has one Delivery per invoice).
            "several_delivery_addresses": (
                delivery_addresses if len(delivery_addresses) > 1 else False
            ),
            "lines": lines,
        }
