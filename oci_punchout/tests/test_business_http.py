# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from odoo.addons.website.tools import MockRequest

from ..controllers.website_sale import OciWebsiteSale
from .shop_http_common import ShopHttpMixin
from .test_business_common import BusinessCommon


@tagged("post_install", "-at_install")
class TestBusinessHttp(ShopHttpMixin, BusinessCommon, HttpCase):
    """Business accounts over real HTTP: the administrator's pages, customer
    isolation, crafted add-to-cart requests, budget and card in the cart."""

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _cart_order(self, user):
        return self.env["sale.order"].search(
            [("partner_id", "=", user.partner_id.id), ("state", "=", "draft")],
            order="id desc",
            limit=1,
        )

    # ------------------------------------------------------------------
    # Administrator pages and isolation
    # ------------------------------------------------------------------
    def test_admin_pages(self):
        self._login(self.orderer_user)
        home = self.url_open("/my/home")
        self.assertIn("/my/account/orderers", home.text)
        page = self.url_open("/my/account/orderers")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Carl Colleague", page.text)
        self.assertNotIn("Bob Other", page.text)
        csrf = self._csrf("/my/account/branches/new")
        response = self.url_open(
            "/my/account/branches/new",
            data={
                "csrf_token": csrf,
                "name": "Locatie Oost",
                "type": "delivery",
                "street": "Oostlaan 5",
                "city": "Zeist",
                "oci_delivery_instructions": "Via de laadkade",
                "oci_cost_center": "KP-OOST",
                "oci_budget_amount": "400",
                "oci_budget_period": "month",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        branch = self.env["res.partner"].search([("name", "=", "Locatie Oost")])
        self.assertEqual(branch.parent_id, self.customer)
        self.assertEqual(branch.oci_cost_center, "KP-OOST")
        self.assertEqual(branch.oci_budget_amount, 400.0)
        listing = self.url_open("/my/account/branches")
        self.assertIn("Locatie Oost", listing.text)
        self.assertIn("was saved", listing.text)
        # A bad value is reported on the form, nothing saved.
        response = self.url_open(
            f"/my/account/branches/{branch.id}",
            data={"csrf_token": csrf, "name": "Locatie Oost", "oci_budget_amount": "-5"},
        )
        self.assertIn("cannot be negative", response.text)
        self.assertEqual(branch.oci_budget_amount, 400.0)

    @mute_logger("odoo.http")
    def test_admin_cannot_reach_other_customer(self):
        self._login(self.orderer_user)
        csrf = self._csrf("/my/account/orderers")
        for url in (
            f"/my/account/orderers/{self.other_orderer.id}",
            f"/my/account/branches/{self.other_branch.id}",
            f"/my/account/orderers/{self.branch.id}",  # a branch is no orderer
        ):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        response = self.url_open(
            f"/my/account/orderers/{self.other_orderer.id}/deactivate",
            data={"csrf_token": csrf},
        )
        self.assertEqual(response.status_code, 404)
        response = self.url_open(
            f"/my/account/branches/{self.other_branch.id}",
            data={"csrf_token": csrf, "name": "Hijacked"},
        )
        self.assertEqual(response.status_code, 404)
        self.assertTrue(self.other_user.active)
        self.assertEqual(self.other_branch.name, "Ander Oost")
        other_order = self._order(self.other_orderer, [(self.product_cake, 1, 10.0)])
        other_order.action_quotation_sent()
        response = self.url_open(f"/my/quotes/{other_order.id}", allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(other_order.name, response.text)

    @mute_logger("odoo.http")
    def test_non_admin_has_no_account_pages(self):
        self._login(self.other_user)
        self.assertNotIn("/my/account/orderers", self.url_open("/my/home").text)
        self.assertEqual(self.url_open("/my/account/orderers").status_code, 404)
        self.assertEqual(self.url_open("/my/account/branches/new").status_code, 404)

    # ------------------------------------------------------------------
    # Assortment everywhere
    # ------------------------------------------------------------------
    @mute_logger("odoo.http")
    def test_assortment_shop_search_product_page(self):
        self._set_assortment_cakes()
        self._login(self.orderer_user)
        fruit_url = self.product_fruit.product_tmpl_id.website_url
        cake_url = self.product_cake.product_tmpl_id.website_url
        shop = self.url_open("/shop").text
        self.assertIn(cake_url, shop)
        self.assertNotIn(fruit_url, shop)
        shop = self.url_open("/shop?search=Fruitmand").text
        self.assertNotIn(fruit_url, shop)
        self.assertIn("(0 found)", shop)
        shop = self.url_open("/shop?search=Slagroomtaart").text
        self.assertIn(cake_url, shop)
        self.assertEqual(self.url_open(fruit_url).status_code, 404)
        self.assertEqual(
            self.url_open(self.product_cake.product_tmpl_id.website_url).status_code, 200
        )
        suggestions = self.make_jsonrpc_request(
            "/website/snippet/autocomplete",
            {
                "search_type": "products",
                "term": "Fruitmand",
                "order": "name asc",
                "limit": 5,
                "options": {
                    "displayImage": False,
                    "displayDescription": False,
                    "displayExtraLink": False,
                    "displayDetail": False,
                },
            },
        )
        self.assertFalse(suggestions["results"])
        self.assertFalse(
            self.make_jsonrpc_request(
                "/shop/product/is_add_to_cart_allowed", {"product_id": self.product_fruit.id}
            )
        )
        # The other customer has no assortment: the fruit is there.
        self._login(self.other_user)
        self.assertEqual(self.url_open(fruit_url).status_code, 200)

    @mute_logger("odoo.http")
    def test_crafted_add_to_cart(self):
        self._set_assortment_cakes()
        self._login(self.orderer_user)
        csrf = self._csrf()
        self._cart_add(csrf, self.product_cake)
        order = self._cart_order(self.orderer_user)
        self.assertEqual(order.order_line.product_id, self.product_cake)
        response = self._cart_add(csrf, self.product_fruit)
        self.assertNotEqual(response.status_code, 200)
        for params in ({"add_qty": 1}, {"set_qty": 4}, {"add_qty": 0, "set_qty": 2}):
            with self.assertRaises(JsonRpcException):
                self.make_jsonrpc_request(
                    "/shop/cart/update_json", dict(params, product_id=self.product_fruit.id)
                )
        self.assertEqual(order.order_line.product_id, self.product_cake)
        # Allowed products still go in through the JSON route.
        self.make_jsonrpc_request(
            "/shop/cart/update_json", {"product_id": self.product_logo.id, "add_qty": 2}
        )
        self.assertEqual(order.order_line.product_id, self.product_cake | self.product_logo)

    def test_cart_drops_lines_outside_assortment(self):
        self._login(self.orderer_user)
        csrf = self._csrf()
        for product in (self.product_cake, self.product_fruit):
            self._cart_add(csrf, product)
        order = self._cart_order(self.orderer_user)
        self.assertEqual(len(order.order_line), 2)
        self._set_assortment_cakes()
        cart = self.url_open("/shop/cart").text
        self.assertIn("not in your assortment", cart)
        self.assertEqual(order.order_line.product_id, self.product_cake)

    # ------------------------------------------------------------------
    # Budget, branch and card in the cart; checkout over budget
    # ------------------------------------------------------------------
    def test_cart_budget_branch_card(self):
        self.branch.write({"oci_budget_amount": 100.0})
        self._login(self.orderer_user)
        csrf = self._csrf()
        self._cart_add(csrf, self.product_cake, 2)
        order = self._cart_order(self.orderer_user)
        response = self.url_open(
            "/shop/cart/oci_business",
            data={
                "csrf_token": csrf,
                "branch_id": self.branch.id,
                "card_text": "Beste Jan,\r\nVan harte!",
                "card_logo": "1",
                f"line_card_text_{order.order_line.id}": "Proost",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(order.partner_shipping_id, self.branch)
        self.assertEqual(order.oci_card_text, "Beste Jan,\nVan harte!")
        self.assertTrue(order.oci_card_logo)
        self.assertEqual(order.order_line.oci_card_text, "Proost")
        cart = response.text
        self.assertIn("o_oci_card_preview", cart)
        self.assertIn("Beste Jan,\nVan harte!", cart)
        self.assertIn("Budget of <strong>Locatie Noord</strong> this month", cart)
        self.assertIn("alert-info o_oci_budget", cart)
        # Over the budget: the cart says so.
        self._cart_add(csrf, self.product_cake, 2)
        cart = self.url_open("/shop/cart").text
        self.assertIn("alert-danger o_oci_budget", cart)
        self.assertIn("This cart exceeds it.", cart)
        # Another customer's branch: refused with a message, nothing changed.
        response = self.url_open(
            "/shop/cart/oci_business",
            data={"csrf_token": csrf, "branch_id": self.other_branch.id, "card_text": "Changed"},
        )
        self.assertIn("not one of your delivery addresses", response.text)
        self.assertEqual(order.partner_shipping_id, self.branch)
        self.assertEqual(order.oci_card_text, "Beste Jan,\nVan harte!")

    def test_checkout_over_budget_refused(self):
        self.branch.write({"oci_budget_amount": 50.0})
        self._login(self.orderer_user)
        csrf = self._csrf()
        self._cart_add(csrf, self.product_cake, 2)
        order = self._cart_order(self.orderer_user)
        order._oci_set_branch(self.branch.id)
        env = self.env(user=self.orderer_user)
        with MockRequest(env, website=self.website, sale_order_id=order.id):
            errors = OciWebsiteSale()._get_shop_payment_errors(order.with_env(env).sudo())
        self.assertTrue(any("exceeds the budget" in message for __, message in errors), errors)
        with self.assertRaisesRegex(UserError, "exceeds the budget"):
            order._check_cart_is_ready_to_be_paid()
        # Within budget again: no error.
        order.order_line.product_uom_qty = 1
        with MockRequest(env, website=self.website, sale_order_id=order.id):
            errors = OciWebsiteSale()._get_shop_payment_errors(order.with_env(env).sudo())
        self.assertFalse([e for e in errors if "budget" in e[0].lower()])
