# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "OCI e-Invoicing: PO number and cost center on UBL",
    "summary": "Peppol BIS 3 / NLCIUS invoices carrying the customer's PO number, "
    "cost center and accounting codes; invoicing per branch or collective",
    "version": "18.0.1.1.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "OCI Punchout contributors",
    "website": "https://github.com/oci-punchout/odoo-oci-punchout",
    "development_status": "Beta",
    "depends": ["account_edi_ubl_cii", "sale"],
    "data": [
        "views/ubl_templates.xml",
        "views/account_move_views.xml",
        "views/account_move_delivery_views.xml",
        "views/res_partner_views.xml",
        "views/product_views.xml",
        "views/sale_order_views.xml",
        "report/report_invoice.xml",
        "report/report_invoice_delivery.xml",
    ],
    "installable": True,
}
