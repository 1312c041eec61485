# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountEdiXmlUbl21(models.AbstractModel):
    """Thin adapters: copy ``account.move._oci_ubl_references()`` into the
    vals dict of Odoo's UBL 2.1 builders (BIS 3, NLCIUS, XRechnung, ... all
    inherit from this one). Elements are added to the QWeb templates in
    ``views/ubl_templates.xml``. Where we have nothing, Odoo's own values
    stay, so such documents are stock Odoo's."""

    _inherit = "account.edi.xml.ubl_21"

    def _oci_buyer_reference_required(self):
        """Hook: the format requires cbc:BuyerReference (XRechnung)."""
        return False

    def _get_invoice_line_vals(self, line, line_id, taxes_vals):
        # EXTENDS account.edi.xml.ubl_20
        vals = super()._get_invoice_line_vals(line, line_id, taxes_vals)
        # Private key, not rendered: lets _export_invoice_vals find the line.
        vals["oci_move_line"] = line
        return vals

    def _export_invoice_vals(self, invoice):
        # EXTENDS account.edi.xml.ubl_20
        vals = super()._export_invoice_vals(invoice)
        refs = invoice._oci_ubl_references(
            require_buyer_reference=self._oci_buyer_reference_required()
        )
        doc = vals["vals"]
        doc["oci_references"] = refs
        if refs["order_reference"]:
            # BT-13: the customer's PO. Without one, stock Odoo's value stays
            # (``ref`` or the invoice number), as does its SalesOrderID.
            doc["order_reference"] = refs["order_reference"]
        doc["buyer_reference"] = refs["buyer_reference"] or None  # BT-10
        doc["accounting_cost"] = refs["accounting_cost"] or None  # BT-19
        if refs["billing_reference"]:  # BT-25
            doc["billing_reference_vals"] = dict(refs["billing_reference"])
        if refs["several_delivery_addresses"]:
            doc["delivery_vals_list"] = self._oci_delivery_vals_several(
                doc["delivery_vals_list"], refs["several_delivery_addresses"]
            )
        for line_vals in doc["line_vals"]:
            line_refs = refs["lines"].get(line_vals.pop("oci_move_line", None))
            if not line_refs:
                continue
            line_vals["accounting_cost"] = line_refs["accounting_cost"] or None  # BT-133
            line_vals["order_line_reference_vals"] = {  # BT-132
                "line_id": line_refs["order_line_id"] or None,
            }
            if line_refs["delivery_date"] and not line_vals.get("invoice_period_vals_list"):
                # Lines delivered on different days. EN 16931 has one Delivery
                # per invoice (BG-13: its BT-72 is the invoice's delivery date,
                # the last day) and a line-level cac:Delivery is flagged by the
                # CEN and SI-UBL rules (UBL-CR-550): the line's day goes in its
                # Invoice line period (BG-26, BT-134 = BT-135), which EN 16931,
                # Peppol BIS 3 and NLCIUS accept and receivers book per line.
                day = line_refs["delivery_date"]
                line_vals["invoice_period_vals_list"] = [{"start_date": day, "end_date": day}]
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

    def _oci_delivery_vals_several(self, delivery_vals_list, addresses):
        """One invoice, goods delivered to several addresses: EN 16931 has one
        Delivery per invoice, so no street address is written (the invoice
        address would be wrong, any one branch misleading). The delivery date
        stays, and the country when all addresses share it (BT-80, needed for
        intra-community supplies)."""
        countries = addresses.country_id
        result = []
        for delivery_vals in delivery_vals_list:
            delivery_vals = {
                key: value
                for key, value in delivery_vals.items()
                if key not in ("delivery_location_vals", "delivery_party_vals")
            }
            if len(countries) == 1 and len(addresses.filtered("country_id")) == len(addresses):
                delivery_vals["delivery_location_vals"] = {
                    "delivery_address_vals": {"country_vals": self._get_country_vals(countries)},
                }
            result.append(delivery_vals)
        return result

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
