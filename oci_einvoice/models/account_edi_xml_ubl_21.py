# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# Context key: export exactly as stock Odoo does (used by the benchmark to
# compare like with like).
OCI_SKIP_CONTEXT_KEY = "oci_einvoice_skip"


class AccountEdiXmlUbl21(models.AbstractModel):
    """Thin adapters: copy ``account.move._oci_ubl_references()`` into the
    vals dict of Odoo's UBL 2.1 builders (BIS 3, NLCIUS, XRechnung, ... all
    inherit from this one). Elements are added to the QWeb templates in
    ``views/ubl_templates.xml``."""

    _inherit = "account.edi.xml.ubl_21"

    def _oci_buyer_reference_required(self):
        """Hook: the format requires cbc:BuyerReference (XRechnung)."""
        return False

    def _oci_skip(self):
        return bool(self.env.context.get(OCI_SKIP_CONTEXT_KEY))

    def _get_invoice_line_vals(self, line, line_id, taxes_vals):
        # EXTENDS account.edi.xml.ubl_20
        vals = super()._get_invoice_line_vals(line, line_id, taxes_vals)
        if not self._oci_skip():
            # Private key, not rendered: lets _export_invoice_vals find the line.
            vals["oci_move_line"] = line
        return vals

    def _export_invoice_vals(self, invoice):
        # EXTENDS account.edi.xml.ubl_20
        vals = super()._export_invoice_vals(invoice)
        if self._oci_skip():
            return vals
        refs = invoice._oci_ubl_references(
            require_buyer_reference=self._oci_buyer_reference_required()
        )
        doc = vals["vals"]
        doc["oci_references"] = refs
        # BT-13: the customer's PO only, never the invoice's own number.
        doc["order_reference"] = refs["order_reference"] or None
        if not refs["order_reference"]:
            # OrderReference/ID is mandatory when the element exists.
            doc["sales_order_id"] = None
        doc["buyer_reference"] = refs["buyer_reference"] or None  # BT-10
        doc["accounting_cost"] = refs["accounting_cost"] or None  # BT-19
        if refs["billing_reference"]:  # BT-25
            doc["billing_reference_vals"] = dict(refs["billing_reference"])
        for line_vals in doc["line_vals"]:
            line_refs = refs["lines"].get(line_vals.pop("oci_move_line", None))
            if not line_refs:
                continue
            line_vals["accounting_cost"] = line_refs["accounting_cost"] or None  # BT-133
            line_vals["order_line_reference_vals"] = {  # BT-132
                "line_id": line_refs["order_line_id"] or None,
            }
            item_vals = line_vals["item_vals"]
            if line_refs["buyers_item_id"]:  # BT-156
                item_vals["buyers_item_identification_vals"] = {"id": line_refs["buyers_item_id"]}
            if line_refs["commodity_code"]:  # BT-158
                item_vals["commodity_classification_vals"] = [
                    *item_vals.get("commodity_classification_vals", []),
                    {
                        "item_classification_code": line_refs["commodity_code"],
                        "item_classification_attrs": {"listID": "ZZZ"},
                    },
                ]
        return vals

    def _export_invoice_constraints(self, invoice, vals):
        # EXTENDS account.edi.xml.ubl_20
        constraints = super()._export_invoice_constraints(invoice, vals)
        refs = vals["vals"].get("oci_references")
        if refs and refs["po_required"] and not refs["order_reference"]:
            constraints["oci_po_number_required"] = self.env._(
                "A PO number is required for %s: enter the customer's purchase "
                "order number on the invoice.",
                invoice.commercial_partner_id.display_name,
            )
        return constraints
