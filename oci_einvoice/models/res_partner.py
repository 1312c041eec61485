# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    oci_invoice_policy = fields.Selection(
        [
            ("per_branch", "One invoice per branch"),
            ("collective", "One collective invoice"),
        ],
        string="Invoicing policy",
        default="per_branch",
        required=True,
        help="One invoice per branch: orders are invoiced per delivery/invoice "
        "address of the customer.\nOne collective invoice: the orders of all "
        "branches go on one invoice sent to the collective invoice address, "
        "each line showing its branch. Invoices never mix two PO numbers.",
    )
    oci_po_required = fields.Boolean(
        "PO number required",
        help="Invoices of this customer cannot be posted or sent without the "
        "customer's purchase order number.",
    )
    oci_collective_invoice_partner_id = fields.Many2one(
        "res.partner",
        string="Collective invoice address",
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
        help="Address the collective invoice is sent to. Empty: the customer company itself.",
    )
    oci_cost_center = fields.Char(
        "Default cost center",
        help="Cost center of orders delivered to this branch or placed by this "
        "orderer; carried to the invoice (UBL AccountingCost).",
    )
    oci_buyer_reference = fields.Char(
        "Buyer reference",
        help="The customer's buyer reference on e-invoices (UBL BuyerReference, "
        "e.g. a department or Leitweg-ID). Set on the company or per branch; "
        "empty: the nearest parent's.",
    )
    oci_item_code_placement = fields.Selection(
        [
            ("classification", "Item classification"),
            ("buyers_item", "Buyer's item identification"),
            ("both", "Both"),
        ],
        string="Accounting code on e-invoice",
        default="classification",
        required=True,
        help="Where the product's customer accounting (NZI) code goes on each "
        "e-invoice line: CommodityClassification (list ZZZ), "
        "BuyersItemIdentification, or both.",
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "oci_invoice_policy",
            "oci_po_required",
            "oci_collective_invoice_partner_id",
            "oci_item_code_placement",
        ]

    @api.depends_context("company")
    @api.depends(
        "commercial_partner_id.country_code",
        "commercial_partner_id.peppol_eas",
        "commercial_partner_id.peppol_endpoint",
    )
    def _compute_invoice_edi_format(self):
        # EXTENDS account: the suggestion below also depends on the KvK/OIN.
        return super()._compute_invoice_edi_format()

    def _get_suggested_invoice_edi_format(self):
        # EXTENDS account: Dutch organisations identified by KvK or OIN get
        # NLCIUS unless set otherwise. Others (private persons, companies
        # without KvK) get what stock Odoo suggests: an NLCIUS invoice would
        # be refused for them (BR-NL-10), a PDF is not.
        res = super()._get_suggested_invoice_edi_format()
        if not res and self.commercial_partner_id._oci_has_dutch_legal_id():
            return "nlcius"
        return res

    def _oci_has_dutch_legal_id(self):
        self.ensure_one()
        return (
            self.country_code == "NL"
            and self.peppol_eas in ("0106", "0190")
            and bool(self.peppol_endpoint)
        )

    def _oci_inherited_value(self, field_name):
        """Own value of ``field_name``, else the nearest parent's: branches and
        orderers inherit their company's settings."""
        self.ensure_one()
        partner = self
        while partner:
            if partner[field_name]:
                return partner[field_name]
            partner = partner.parent_id
        return False

    def _oci_default_cost_center(self):
        return self._oci_inherited_value("oci_cost_center")

    def _oci_default_buyer_reference(self):
        return self._oci_inherited_value("oci_buyer_reference")

    def _oci_collective_invoice_partner(self):
        """Address of this customer's collective invoices."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        return commercial.oci_collective_invoice_partner_id or commercial
