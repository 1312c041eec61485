# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Upgrade from 18.0.1.0.0, when oci_einvoice depended on oci_punchout: the
invoicing fields (cost center, customer accounting code, PO line) and their
views moved from oci_punchout to oci_einvoice. Their external ids move with
them before either addon loads, so Odoo's clean-up of an updated module
(ir.model.data._process_end) never sees a field of oci_punchout that
disappeared and never drops its column: the values stay.

Called from the pre-migrate scripts of both addons (whichever is updated
first); idempotent. Not imported by the addon itself."""

from odoo.tools import SQL

# Names in ir_model_data (module oci_punchout before, oci_einvoice after).
MOVED_TO_EINVOICE = (
    "field_res_partner__oci_cost_center",
    "field_res_users__oci_cost_center",
    "field_sale_order__oci_cost_center",
    "field_sale_order_line__oci_po_line_ref",
    "field_product_template__oci_customer_code",
    "field_product_product__oci_customer_code",
    "field_product_category__oci_customer_code",
    "product_template_search_view",
    "product_category_form_view",
)
# Demo records made by oci_punchout's demo now (oci_einvoice has none).
MOVED_TO_PUNCHOUT = (
    "invoice_linde_demo",
    "credit_note_linde_demo",
    "invoice_zonnebloem_demo",
)


def _move_xmlids(cr, names, source, target):
    # Where the target already has the name (an update that ran before),
    # the source's duplicate goes; otherwise the external id changes module.
    cr.execute(
        SQL(
            """DELETE FROM ir_model_data src
                WHERE src.module = %(source)s AND src.name IN %(names)s
                  AND EXISTS (SELECT 1 FROM ir_model_data dst
                               WHERE dst.module = %(target)s AND dst.name = src.name)""",
            source=source,
            target=target,
            names=tuple(names),
        )
    )
    cr.execute(
        SQL(
            "UPDATE ir_model_data SET module = %(target)s"
            " WHERE module = %(source)s AND name IN %(names)s",
            source=source,
            target=target,
            names=tuple(names),
        )
    )


def adopt_moved_xmlids(cr):
    _move_xmlids(cr, MOVED_TO_EINVOICE, "oci_punchout", "oci_einvoice")
    _move_xmlids(cr, MOVED_TO_PUNCHOUT, "oci_einvoice", "oci_punchout")
