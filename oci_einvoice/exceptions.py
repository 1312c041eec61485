# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The exceptions of this addon, in one place (Odoo's payment_* pattern).

Pure Python: models, controllers and the tools/ modules all import from here,
so an error raised by a parser and caught by a controller has one definition.
"""
