# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The constants of this addon, in one place (Odoo's payment_stripe/const.py pattern)."""

# --- Purchase order intake (tools/cxml.py, UBL reader, oci.po.* models) -----------
# Largest PO document read (ir.config_parameter oci_punchout.po_max_bytes
# overrides it).
PO_MAX_BYTES = 2 * 1024 * 1024
PO_ORDER_TYPES = ("new", "update", "delete")
# What a purchase order may say: anything beyond is refused as absurd (no
# shop sells a million of one item on one PO line, or for a billion a piece).
PO_MAX_QUANTITY = 1_000_000
PO_MAX_AMOUNT = 1_000_000_000
PO_MAX_DECIMALS = 9
PO_MAX_RECORD_ID = 2**31 - 1
# CustomizationID of a Peppol BIS Ordering 3 Order.
UBL_ORDER_CUSTOMIZATION = "urn:fdc:peppol.eu:poacc:trns:order:3"
