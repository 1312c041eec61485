# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo.exceptions import AccessError
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.res_partner_spend import SPEND_PERIODS, SPEND_ROLES


class OciBusinessSpendPortal(CustomerPortal):
    """My account of a customer administrator: the spend of their company's
    branches and orderers. Anyone else gets a 404."""

    def _oci_spend_company(self):
        try:
            return request.env["res.partner"]._oci_admin_company()
        except AccessError as exc:
            raise NotFound() from exc

    @route("/my/account/spend", type="http", auth="user", website=True, sitemap=False)
    def oci_spend(self, **_kwargs):
        company = self._oci_spend_company()
        values = dict(
            self._prepare_portal_layout_values(),
            page_name="oci_spend",
            overview=company.sudo()._oci_spend_overview(),
            drilldown=True,
        )
        return request.render("oci_punchout.portal_my_spend", values)

    @route(
        "/my/account/spend/<string:kind>/<int:partner_id>/<string:period>",
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def oci_spend_orders(self, kind, partner_id, period, **_kwargs):
        company = self._oci_spend_company()
        if kind not in SPEND_ROLES or period not in SPEND_PERIODS:
            raise NotFound()
        holder = company.sudo()._oci_spend_holders()[kind].filtered(lambda p: p.id == partner_id)
        if not holder:
            raise NotFound()
        start, end = holder._oci_spend_bounds(period)
        values = dict(
            self._prepare_portal_layout_values(),
            page_name="oci_spend",
            holder=holder,
            kind=kind,
            label=holder._oci_spend_period_label(start),
            orders=company.sudo()._oci_spend_orders(kind, holder, period),
            currency=company.currency_id or request.env.company.currency_id,
        )
        return request.render("oci_punchout.portal_my_spend_orders", values)

    @route(
        "/my/account/spend/export.<any(csv,xlsx):file_format>",
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def oci_spend_export(self, file_format, **_kwargs):
        company = self._oci_spend_company()
        return self._oci_spend_download(company.sudo()._oci_spend_export(file_format))

    @route(
        "/oci_punchout/spend/<int:partner_id>/export.<any(csv,xlsx):file_format>",
        type="http",
        auth="user",
        sitemap=False,
    )
    def oci_spend_backend_export(self, partner_id, file_format, **_kwargs):
        """The same export for shop staff, from the customer's form."""
        try:
            company = request.env["res.partner"]._oci_spend_staff_company(partner_id)
        except AccessError as exc:
            raise NotFound() from exc
        return self._oci_spend_download(company.sudo()._oci_spend_export(file_format))

    def _oci_spend_download(self, export):
        content, content_type, filename = export
        return request.make_response(
            content,
            headers=[
                ("Content-Type", content_type),
                ("Content-Disposition", f'attachment; filename="{filename}"'),
                ("Cache-Control", "no-store"),
            ],
        )
