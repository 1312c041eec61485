# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "OCI Punchout for eCommerce",
    "summary": "SAP OCI punchout: procurement-system login, cart transfer to "
    "HOOK_URL, purchase order intake, per-customer accounting codes",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "OCI Punchout contributors",
    "website": "https://github.com/oci-punchout/odoo-oci-punchout",
    "development_status": "Beta",
    "depends": [
        "website_sale",
        "sale_management",
        "sale_stock",
        "portal",
        "account_edi_ubl_cii",
        "sale_edi_ubl",
    ],
    "data": [
        "security/oci_punchout_security.xml",
        "security/business_account_security.xml",
        "security/ir.model.access.csv",
        "security/oci_purchase_order_security.xml",
        "data/ir_cron_data.xml",
        "data/ir_cron_retention.xml",
        "views/res_config_settings_retention_views.xml",
        "views/oci_connection_views.xml",
        "views/oci_session_views.xml",
        "views/product_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/oci_punchout_templates.xml",
        "views/website_sale_templates.xml",
        "views/oci_punchout_menus.xml",
        "views/business_account_templates.xml",
        "report/stock_report_deliveryslip.xml",
        "views/oci_purchase_order_views.xml",
        "wizard/oci_po_confirm_wizard_views.xml",
        "views/oci_connection_cxml_views.xml",
        "views/cxml_punchout_templates.xml",
    ],
    "demo": [
        "demo/oci_punchout_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "oci_punchout/static/src/scss/oci_punchout.scss",
            "oci_punchout/static/src/js/oci_transfer.js",
        ],
        "web.assets_tests": [
            "oci_punchout/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
