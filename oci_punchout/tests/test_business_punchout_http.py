# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A business account in punchout mode over real HTTP: branch and card in the
cart and the transfer, the budget refusing a transfer, the customer's pricelist."""

from odoo.tests import HttpCase, tagged

from ..tools import oci_format
from .http_common import _CSRF_RE
from .shop_http_common import ShopHttpMixin, hidden_inputs
from .test_business_common import BusinessCommon


@tagged("post_install", "-at_install")
class TestBusinessPunchoutHttp(ShopHttpMixin, BusinessCommon, HttpCase):
    """The business account in punchout mode: branch and card in the cart,
    the card in the OCI transfer, the budget refusing a transfer."""

    def _punchout(self):
        params = self._login_params(HOOK_URL="http://127.0.0.1/sap/hook?x=1")
        response = self.url_open(f"/oci/{self.connection.code}/login", data=params)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_oci_banner", response.text)
        match = _CSRF_RE.search(response.text)
        return match.group(1)

    def _punchout_cart(self):
        return (
            self.env["oci.session"]
            .sudo()
            .search([("connection_id", "=", self.connection.id)], order="id desc", limit=1)
            .order_id
        )

    def test_card_and_branch_reach_the_transfer(self):
        csrf = self._punchout()
        self._cart_add(csrf, self.product_cake)
        order = self._punchout_cart()
        self.assertTrue(order)
        cart = self.url_open("/shop/cart")
        self.assertIn("o_oci_business_form", cart.text)
        self.assertIn("o_oci_cart_transfer", cart.text)
        self.url_open(
            "/shop/cart/oci_business",
            data={
                "csrf_token": csrf,
                "branch_id": self.branch_south.id,
                "card_text": "Beste Jan,\r\nVan harte!",
                "card_logo": "1",
                f"line_card_text_{order.order_line.id}": "Proost <3",
            },
        )
        self.assertEqual(order.partner_shipping_id, self.branch_south)
        response = self.url_open("/oci/transfer", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        items = oci_format.parse_cart_form(hidden_inputs(response.text))
        self.assertEqual(len(items), 1)
        longtext = items[0]["LONGTEXT"]
        self.assertIn("Greeting card with this order:\nBeste Jan,\nVan harte!", longtext)
        self.assertIn("(printed with the logo of Zorggroep Test)", longtext)
        self.assertIn("Greeting card with this item:\nProost <3", longtext)
        self.assertEqual(order.oci_transfer_state, "transferred")

    def test_transfer_over_budget_refused(self):
        self.branch_south.oci_budget_amount = 50.0
        csrf = self._punchout()
        self._cart_add(csrf, self.product_cake, 2)
        order = self._punchout_cart()
        self.url_open(
            "/shop/cart/oci_business", data={"csrf_token": csrf, "branch_id": self.branch_south.id}
        )
        response = self.url_open("/oci/transfer", data={"csrf_token": csrf})
        self.assertIn("exceeds the budget per month of Locatie Zuid", response.text)
        self.assertIn("o_oci_error", response.text)
        self.assertEqual(order.oci_transfer_state, "cart")
        # Down to the budget exactly: transferred.
        self.make_jsonrpc_request(
            "/shop/cart/update_json",
            {"product_id": self.product_cake.id, "line_id": order.order_line.id, "set_qty": 1},
        )
        self.branch_south.oci_budget_amount = 32.5
        response = self.url_open("/oci/transfer", data={"csrf_token": csrf})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(order.oci_transfer_state, "transferred")

    def test_customer_pricelist_in_shop(self):
        """The customer company's pricelist (Odoo's own partner pricelist,
        shared by its contacts) prices its orderers' shop; other customers
        keep the website's public pricelist."""
        public = self.env["product.pricelist"].create(
            {"name": "Webshop", "website_id": self.website.id, "selectable": True, "sequence": 1}
        )
        self.other_customer.property_product_pricelist = public
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Zorggroep 10%",
                "website_id": self.website.id,
                "selectable": False,
                "sequence": 50,
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "compute_price": "percentage",
                            "percent_price": 10,
                            "applied_on": "3_global",
                        },
                    )
                ],
            }
        )
        self.customer.property_product_pricelist = pricelist
        self.assertEqual(self.orderer.property_product_pricelist, pricelist)
        self._login(self.orderer_user)
        page = self.url_open(self.product_cake.product_tmpl_id.website_url).text
        self.assertIn("29.25", page)
        self.authenticate(self.other_user.login, self.other_user.login)
        page = self.url_open(self.product_cake.product_tmpl_id.website_url).text
        self.assertNotIn("29.25", page)
        self.assertIn("32.50", page)

    def _login(self, user):
        self.authenticate(user.login, user.login)
