# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class AccountMoveSend(models.AbstractModel):
    _inherit = "account.move.send"

    @api.model
    def _check_move_constrains(self, moves):
        # EXTENDS account: a customer that requires a PO gets nothing without one.
        res = super()._check_move_constrains(moves)
        moves._oci_check_po_number()
        return res
