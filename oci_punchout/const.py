# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The constants of this addon, in one place (Odoo's payment_stripe/const.py pattern)."""
