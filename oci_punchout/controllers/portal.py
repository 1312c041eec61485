# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound

from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.res_partner_admin import BRANCH_FIELDS, ORDERER_FIELDS

ADMIN_GROUP = "oci_punchout.group_oci_customer_admin"


class OciBusinessPortal(CustomerPortal):
    """My account of a customer administrator: the orderers and branches of
    their company. The routes check the request and call res.partner's
    _oci_admin_* methods, which run with the administrator's own rights
    (record rules keep them inside their company)."""

    def _oci_check_admin(self):
        if not request.env.user.has_group(ADMIN_GROUP):
            raise NotFound()

    def _oci_own_partner(self, partner_id, kind):
        """The orderer or branch ``partner_id`` if the administrator may
        manage it; 404 for anything else (another company's included)."""
        partner = request.env["res.partner"].browse(partner_id)
        try:
            partner._oci_admin_check_own(kind)
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        return partner

    def _oci_render(self, template, values):
        values = dict(self._prepare_portal_layout_values(), **values)
        return request.render(template, values)

    # ------------------------------------------------------------------
    # Orderers
    # ------------------------------------------------------------------
    @route("/my/account/orderers", type="http", auth="user", website=True, sitemap=False)
    def oci_orderers(self, **_kwargs):
        self._oci_check_admin()
        Partner = request.env["res.partner"]
        return self._oci_render(
            "oci_punchout.portal_my_orderers",
            {
                "page_name": "oci_orderers",
                "orderers": Partner._oci_admin_orderers(),
                "message": request.session.pop("oci_portal_message", None),
                "error": request.session.pop("oci_portal_error", None),
            },
        )

    @route(
        ["/my/account/orderers/new", "/my/account/orderers/<int:partner_id>"],
        type="http",
        auth="user",
        website=True,
        sitemap=False,
        methods=["GET", "POST"],
    )
    def oci_orderer_form(self, partner_id=None, **post):
        self._oci_check_admin()
        Partner = request.env["res.partner"]
        orderer = self._oci_own_partner(partner_id, "orderer") if partner_id else Partner
        error = None
        if request.httprequest.method == "POST":
            vals = {key: post[key] for key in ORDERER_FIELDS if key in post}
            try:
                if orderer:
                    orderer._oci_admin_update_orderer(vals)
                    message = request.env._("%s was saved.", orderer.name)
                else:
                    orderer = Partner._oci_admin_invite_orderer(vals)
                    message = request.env._(
                        "%(name)s was invited: an e-mail with a link to set a "
                        "password was sent to %(email)s.",
                        name=orderer.name,
                        email=orderer.email,
                    )
            except (UserError, ValidationError, AccessError) as exc:
                error = exc.args[0]
            else:
                request.session["oci_portal_message"] = message
                return request.redirect("/my/account/orderers")
        return self._oci_render(
            "oci_punchout.portal_my_orderer_form",
            {"page_name": "oci_orderers", "orderer": orderer, "values": post, "error": error},
        )

    @route(
        "/my/account/orderers/<int:partner_id>/<any(deactivate,reactivate):action>",
        type="http",
        auth="user",
        website=True,
        sitemap=False,
        methods=["POST"],
    )
    def oci_orderer_active(self, partner_id, action, **_kwargs):
        self._oci_check_admin()
        orderer = self._oci_own_partner(partner_id, "orderer")
        try:
            orderer._oci_admin_set_orderer_active(action == "reactivate")
        except (UserError, AccessError) as exc:
            request.session["oci_portal_error"] = exc.args[0]
        else:
            request.session["oci_portal_message"] = (
                request.env._("%s can order: an invitation was sent.", orderer.name)
                if action == "reactivate"
                else request.env._("%s can no longer log in.", orderer.name)
            )
        return request.redirect("/my/account/orderers")

    # ------------------------------------------------------------------
    # Branches
    # ------------------------------------------------------------------
    @route("/my/account/branches", type="http", auth="user", website=True, sitemap=False)
    def oci_branches(self, **_kwargs):
        self._oci_check_admin()
        return self._oci_render(
            "oci_punchout.portal_my_branches",
            {
                "page_name": "oci_branches",
                "branches": request.env["res.partner"]._oci_admin_branches(),
                "message": request.session.pop("oci_portal_message", None),
            },
        )

    @route(
        ["/my/account/branches/new", "/my/account/branches/<int:partner_id>"],
        type="http",
        auth="user",
        website=True,
        sitemap=False,
        methods=["GET", "POST"],
    )
    def oci_branch_form(self, partner_id=None, **post):
        self._oci_check_admin()
        Partner = request.env["res.partner"]
        branch = self._oci_own_partner(partner_id, "branch") if partner_id else Partner
        error = None
        if request.httprequest.method == "POST":
            vals = {key: post[key] for key in BRANCH_FIELDS if key in post}
            try:
                if branch:
                    branch._oci_admin_update_branch(vals)
                else:
                    branch = Partner._oci_admin_create_branch(vals)
            except (UserError, ValidationError, AccessError) as exc:
                error = exc.args[0]
            else:
                request.session["oci_portal_message"] = request.env._("%s was saved.", branch.name)
                return request.redirect("/my/account/branches")
        return self._oci_render(
            "oci_punchout.portal_my_branch_form",
            {
                "page_name": "oci_branches",
                "branch": branch,
                "values": post,
                "error": error,
                "countries": request.env["res.country"].sudo().search([]),
                "approvers": Partner._oci_admin_orderers(),
            },
        )
