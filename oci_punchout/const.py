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

# --- OCI punchout session (models/website.py, ir_http.py, oci_session*.py, controllers) ---
# Key of the browser (HTTP) session holding the id of the open oci.session.
SESSION_KEY = "oci_session_id"
# request attribute: why the login parameters could not be read as sent
# ("encoding": not UTF-8, "size": too large), set by ir.http for the login route.
OCI_UNREADABLE = "oci_unreadable_params"
# Parameter names containing one of these (any case) are secrets: redacted
# before a login's parameters are stored in the session log.
SECRET_PARAM_HINTS = ("pass", "secret", "token", "pwd")

# --- Business accounts (res_partner*.py) -----------------------------------------
# Partner types that are branches of a customer company (its addresses).
BRANCH_TYPES = ("delivery", "invoice", "other")

# Fields a customer administrator (portal user) may write on the partners of
# their own company: contact data, addresses, delivery instructions, cost
# center and budgets. Anything else (pricelist, assortment, company links,
# flags) is staff-only.
PORTAL_ADMIN_FIELDS = frozenset(
    {
        "name",
        "email",
        "phone",
        "mobile",
        "function",
        "type",
        "parent_id",
        "street",
        "street2",
        "zip",
        "city",
        "state_id",
        "country_id",
        "oci_delivery_instructions",
        "oci_cost_center",
        "oci_budget_amount",
        "oci_budget_period",
        "oci_approver_id",
    }
)
