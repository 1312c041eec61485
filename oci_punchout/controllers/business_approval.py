# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.website_sale.controllers.main import WebsiteSale


class OciApprovalWebsiteSale(WebsiteSale):
    """Checkout of an order over budget: submitted for approval instead of
    paid."""

    # EXTENDS website_sale
    def _get_shop_payment_errors(self, order):
        errors = super()._get_shop_payment_errors(order)
        if order and order._oci_needs_approval():
            errors.append((request.env._("Approval needed"), order._oci_approval_message()))
        return errors

    # EXTENDS website_sale
    def _get_shop_payment_values(self, order, **kwargs):
        values = super()._get_shop_payment_values(order, **kwargs)
        values["oci_approval_needed"] = bool(order) and order._oci_needs_approval()
        values["oci_approval_error"] = request.session.pop("oci_approval_error", None)
        return values

    @route(
        "/shop/approval/request",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def oci_approval_request(self, **_post):
        order = request.website.sale_get_order()
        if not order or order.state != "draft":
            return request.redirect("/shop/cart")
        try:
            order._oci_request_approval()
        except (UserError, ValidationError) as error:
            request.session["oci_approval_error"] = str(error.args[0])
            return request.redirect("/shop/payment")
        request.website.sale_reset()
        return request.redirect(order.get_portal_url())


class OciApprovalPortal(CustomerPortal):
    """The approvals of an approver (customer administrator or a branch's
    approver). Another customer's order, or an order the user does not
    approve, is a 404."""

    def _oci_approval_order(self, order_id):
        order = request.env["sale.order"].browse(order_id)
        try:
            order._oci_check_approver()
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        return order.sudo()

    def _oci_render_approvals(self, template, values):
        values = dict(self._prepare_portal_layout_values(), page_name="oci_approvals", **values)
        return request.render(template, values)

    @route("/my/approvals", type="http", auth="user", website=True, sitemap=False)
    def oci_approvals(self, **_kwargs):
        return self._oci_render_approvals(
            "oci_punchout.portal_my_approvals",
            {
                "orders": request.env["sale.order"]._oci_approvals_of_user(),
                "message": request.session.pop("oci_portal_message", None),
            },
        )

    @route(
        "/my/approvals/<int:order_id>",
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def oci_approval(self, order_id, **_kwargs):
        order = self._oci_approval_order(order_id)
        return self._oci_render_approvals(
            "oci_punchout.portal_my_approval",
            {
                "order": order,
                "budget_status": order._oci_budget_status(),
                "error": request.session.pop("oci_portal_error", None),
            },
        )

    @route(
        "/my/approvals/<int:order_id>/<any(approve,reject):decision>",
        type="http",
        auth="user",
        website=True,
        sitemap=False,
        methods=["POST"],
    )
    def oci_approval_decide(self, order_id, decision, reason=None, **_kwargs):
        order = self._oci_approval_order(order_id)
        decided = order.with_user(request.env.user)
        try:
            if decision == "approve":
                decided._oci_approve()
                message = request.env._("%s was approved and placed.", order.name)
            else:
                decided._oci_reject(reason)
                message = request.env._("%s was rejected.", order.name)
        except UserError as exc:
            request.session["oci_portal_error"] = exc.args[0]
            return request.redirect(f"/my/approvals/{order.id}")
        request.session["oci_portal_message"] = message
        return request.redirect("/my/approvals")
