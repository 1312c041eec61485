# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""oci_punchout depends on oci_einvoice now, which owns the invoicing fields
and views: their external ids move before oci_punchout is loaded, also when
only oci_punchout is updated (see oci_einvoice/upgrade.py)."""

from odoo.addons.oci_einvoice.upgrade import adopt_moved_xmlids


def migrate(cr, version):
    adopt_moved_xmlids(cr)
