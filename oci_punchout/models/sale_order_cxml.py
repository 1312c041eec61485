# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.exceptions import UserError


class SaleOrderCxml(models.Model):
    _inherit = "sale.order"

    def _oci_cxml_read_only(self):
        """Whether this cart is shown by a cXML inspect session (read-only)."""
        self.ensure_one()
        session = self.sudo().oci_session_id
        return session.protocol == "cxml" and session.cxml_operation == "inspect"

    def _oci_cxml_check_writable(self):
        if self._oci_cxml_read_only():
            raise UserError(
                self.env._("This cart is shown for inspection only and cannot be changed.")
            )

    # EXTENDS oci_punchout: a cXML setup names the branch and cost center.
    def _oci_link_session(self, session):
        res = super()._oci_link_session(session)
        if session.protocol == "cxml" and self.state == "draft":
            branch = session.cxml_branch_id
            if (
                branch
                and branch != self.partner_shipping_id
                and branch in self._oci_branch_choices()
            ):
                self._oci_set_branch(branch.id)
            if session.cxml_cost_center:
                self.oci_cost_center = session.cxml_cost_center
        return res

    # EXTENDS website_sale
    def _cart_update(self, product_id, line_id=None, add_qty=0, set_qty=0, **kwargs):
        self._oci_cxml_check_writable()
        return super()._cart_update(
            product_id, line_id=line_id, add_qty=add_qty, set_qty=set_qty, **kwargs
        )

    # EXTENDS oci_punchout
    def _oci_set_business_details(self, branch_id=None, card=None, line_cards=None):
        self._oci_cxml_check_writable()
        return super()._oci_set_business_details(
            branch_id=branch_id, card=card, line_cards=line_cards
        )
