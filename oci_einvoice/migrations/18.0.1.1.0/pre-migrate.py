# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""oci_einvoice no longer depends on oci_punchout: it takes over the
invoicing fields and views (see oci_einvoice/upgrade.py)."""

from odoo.addons.oci_einvoice.upgrade import adopt_moved_xmlids


def migrate(cr, version):
    adopt_moved_xmlids(cr)
