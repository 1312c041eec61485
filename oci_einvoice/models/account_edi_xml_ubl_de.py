# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountEdiXmlUblDe(models.AbstractModel):
    _inherit = "account.edi.xml.ubl_de"

    def _oci_buyer_reference_required(self):
        # XRechnung BR-DE-15: BuyerReference is mandatory.
        return True
