# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from lxml import etree

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.website.tools import MockRequest

from ..tools import oci_format
from .test_business_common import BusinessCommon


@tagged("post_install", "-at_install")
class TestBusinessAssortment(BusinessCommon):
    def test_no_assortment_is_whole_catalog(self):
        self.assertEqual(self.customer._oci_assortment_domain(), [])
        # The whole catalog: the customer's products and, on a database with
        # demo data, the demo shop's too; nothing unpublished or unsellable.
        found = self.connection._oci_find_products([("default_code", "like", "T")])
        self.assertLessEqual(self.product_cake | self.product_fruit | self.product_logo, found)
        self.assertTrue(all(p.is_published and p.sale_ok for p in found))

    def test_categories_and_products(self):
        self._set_assortment_cakes()
        templates = (self.product_cake | self.product_logo | self.product_fruit).product_tmpl_id
        # Subcategories count; the branch and the orderer share the company's.
        for partner in (self.customer, self.orderer, self.branch):
            self.assertEqual(
                partner._oci_assortment_filter(templates),
                (self.product_cake | self.product_logo).product_tmpl_id,
            )
        self.assertEqual(self.other_customer._oci_assortment_filter(templates), templates)
        # OCI FUNCTION answers (VALIDATE / BACKGROUND_SEARCH / DETAIL).
        self.assertFalse(self.connection._oci_resolve_product(str(self.product_fruit.id)))
        self.assertEqual(self.connection._oci_resolve_product("TT-SLAG"), self.product_cake)
        self.assertEqual(self.other_connection._oci_resolve_product("TG-FRUIT"), self.product_fruit)
        # Single products on top of the categories.
        self.customer.oci_assortment_product_ids = self.product_fruit.product_tmpl_id
        self.assertEqual(self.customer._oci_assortment_filter(templates), templates)

    def test_shop_domain_and_add_to_cart_check(self):
        self._set_assortment_cakes()
        with MockRequest(self.env(user=self.orderer_user), website=self.website):
            website = self.website.with_user(self.orderer_user)
            shown = self.env["product.template"].search(
                website.sale_product_domain()
                + [("default_code", "in", ["TT-SLAG", "TT-LOGO", "TG-FRUIT"])]
            )
            self.assertEqual(shown, (self.product_cake | self.product_logo).product_tmpl_id)
            self.assertTrue(
                self.product_cake.with_user(self.orderer_user)._is_add_to_cart_allowed()
            )
            self.assertFalse(
                self.product_fruit.with_user(self.orderer_user)._is_add_to_cart_allowed()
            )
        with MockRequest(self.env(user=self.other_user), website=self.website):
            self.assertTrue(self.product_fruit.with_user(self.other_user)._is_add_to_cart_allowed())

    def test_cart_update_refuses_foreign_products(self):
        self._set_assortment_cakes()
        order = self._order(self.orderer, [(self.product_cake, 1, 32.5)])
        env = self.env(user=self.orderer_user)
        with MockRequest(env, website=self.website, sale_order_id=order.id):
            cart = order.with_env(env).sudo()
            with self.assertRaises(UserError):
                cart._cart_update(product_id=self.product_fruit.id, add_qty=1)
            with self.assertRaisesRegex(UserError, "not in your assortment"):
                cart._cart_update(product_id=self.product_fruit.id, set_qty=3)
            cart._cart_update(product_id=self.product_logo.id, add_qty=2)
        self.assertEqual(order.order_line.product_id, self.product_cake | self.product_logo)

    def test_transfer_and_cart_with_foreign_line(self):
        session = self._open_session()
        order = self._cart(session, [(self.product_cake, 1), (self.product_fruit, 1)])
        self._set_assortment_cakes()
        with self.assertRaisesRegex(UserError, "Fruitmand"):
            session._oci_transfer()
        self.assertEqual(session.state, "open")
        self.assertEqual(order._oci_remove_foreign_lines(), ["[TG-FRUIT] Fruitmand"])
        self.assertEqual(order.order_line.product_id, self.product_cake)
        session._oci_transfer()
        self.assertEqual(session.state, "transferred")


@tagged("post_install", "-at_install")
class TestBusinessBudget(BusinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch.write({"oci_budget_amount": 100.0, "oci_budget_period": "month"})

    def _spent_orders(self):
        """60 transferred-not-ordered + 30 confirmed this month for the
        branch; a transferred cart that was then confirmed counts once; an
        order confirmed and a cart transferred two months ago and a draft
        cart do not count."""
        transferred = self._order(
            self.orderer, [(self.product_cake, 1, 60.0)], shipping=self.branch
        )
        transferred._oci_mark_transferred()
        confirmed = self._order(
            self.colleague, [(self.product_cake, 1, 20.0)], shipping=self.branch
        )
        confirmed._oci_mark_transferred()
        confirmed.action_confirm()
        direct = self._order(self.colleague, [(self.product_cake, 1, 10.0)], shipping=self.branch)
        direct.action_confirm()
        old = self._order(self.orderer, [(self.product_cake, 1, 500.0)], shipping=self.branch)
        old.action_confirm()
        old.date_order = old.date_order - timedelta(days=70)
        self._order(self.orderer, [(self.product_cake, 1, 700.0)], shipping=self.branch)
        old_transfer = self._order(
            self.orderer, [(self.product_cake, 1, 400.0)], shipping=self.branch
        )
        old_transfer._oci_mark_transferred()
        old_transfer.oci_transferred_at = old_transfer.oci_transferred_at - timedelta(days=70)

    def test_spent_counts_each_order_once(self):
        self._spent_orders()
        self.assertEqual(self.branch._oci_budget_spent()[self.branch.id], 90.0)

    def test_within_at_and_over_limit(self):
        self._spent_orders()
        within = self._order(self.orderer, [(self.product_cake, 1, 9.0)], shipping=self.branch)
        status = within._oci_budget_status()
        self.assertEqual(len(status), 1)
        self.assertEqual(status[0]["left"], 10.0)
        self.assertFalse(status[0]["over"])
        within._oci_check_budget()
        at_limit = self._order(self.orderer, [(self.product_cake, 1, 10.0)], shipping=self.branch)
        at_limit._oci_check_budget()
        self.assertFalse(at_limit.oci_over_budget)
        over = self._order(self.orderer, [(self.product_cake, 1, 10.01)], shipping=self.branch)
        with self.assertRaisesRegex(UserError, r"exceeds the budget per month of Locatie Noord"):
            over._oci_check_budget()
        self.assertTrue(over._oci_budget_refusal())
        # Delivered elsewhere: the branch budget does not apply.
        elsewhere = self._order(
            self.orderer, [(self.product_cake, 1, 10.01)], shipping=self.branch_south
        )
        elsewhere._oci_check_budget()

    def test_orderer_budget_per_quarter_and_transfer(self):
        self.orderer.write({"oci_budget_amount": 50.0, "oci_budget_period": "quarter"})
        session = self._open_session()
        order = self._cart(session, [(self.product_cake, 2)])  # 65.00
        with self.assertRaisesRegex(UserError, "budget per quarter of .*50.00 left of"):
            session._oci_transfer()
        self.assertEqual(session.state, "open")
        self.assertEqual(order.oci_transfer_state, "cart")
        order.order_line.product_uom_qty = 1  # 32.50
        session._oci_transfer()
        self.assertEqual(order.oci_transfer_state, "transferred")
        # The transferred cart now counts: 17.50 left this quarter.
        self.assertEqual(self.orderer._oci_budget_spent()[self.orderer.id], 32.5)

    def test_over_budget_for_approval(self):
        self._spent_orders()
        self.customer.oci_over_budget_policy = "approve"
        # A punchout cart: flagged, approved in the procurement system (shop
        # orders wait for approval: test_business_approval.py).
        order = self._order(
            self.orderer,
            [(self.product_cake, 1, 25.0)],
            shipping=self.branch,
            oci_connection_id=self.connection.id,
        )
        self.assertEqual(order._oci_budget_refusal(), "")
        order._oci_check_budget()
        self.assertTrue(order.oci_over_budget)
        self.assertIn("exceeds the budget", order.message_ids[:1].body)
        order.order_line.price_unit = 5.0
        order._oci_check_budget()
        self.assertFalse(order.oci_over_budget)

    def test_checkout_refused_over_budget(self):
        self._spent_orders()
        order = self._order(self.orderer, [(self.product_cake, 1, 25.0)], shipping=self.branch)
        with self.assertRaisesRegex(UserError, "exceeds the budget"):
            order._check_cart_is_ready_to_be_paid()


@tagged("post_install", "-at_install")
class TestBusinessBranchAndCard(BusinessCommon):
    def test_choose_branch(self):
        session = self._open_session()
        order = self._cart(session, [(self.product_cake, 1)])
        self.assertEqual(order._oci_branch_choices(), self.branch | self.branch_south)
        order._oci_set_business_details(branch_id=self.branch.id)
        self.assertEqual(order.partner_shipping_id, self.branch)
        self.assertEqual(order.oci_cost_center, "KP-NOORD")
        with self.assertRaisesRegex(UserError, "not one of your delivery addresses"):
            order._oci_set_business_details(branch_id=self.other_branch.id)
        with self.assertRaises(UserError):
            order._oci_set_business_details(branch_id=self.colleague.id)
        self.assertEqual(order.partner_shipping_id, self.branch)

    def test_card_text_rules(self):
        session = self._open_session()
        order = self._cart(session, [(self.product_cake, 1), (self.product_fruit, 1)])
        cake_line, fruit_line = order.order_line
        order._oci_set_business_details(
            card=("  Beste Jan,\r\nVan harte beterschap!\r\n\r\nHet team  ", "1"),
            line_cards={cake_line.id: ("Proost!", True)},
        )
        self.assertEqual(order.oci_card_text, "Beste Jan,\nVan harte beterschap!\n\nHet team")
        self.assertTrue(order.oci_card_logo)
        self.assertEqual(cake_line.oci_card_text, "Proost!")
        # Too long, product without cards, foreign line: refused, nothing changed.
        shipping = order.partner_shipping_id
        with self.assertRaises(ValidationError):
            order._oci_set_business_details(
                branch_id=(self.branch | self.branch_south - shipping)[:1].id,
                card=("x" * 301, False),
            )
        self.assertEqual(order.partner_shipping_id, shipping)
        with self.assertRaisesRegex(ValidationError, "does not take a greeting card"):
            order._oci_set_business_details(line_cards={fruit_line.id: ("Hi", False)})
        other = self._order(self.other_orderer, [(self.product_cake, 1, 1.0)])
        with self.assertRaisesRegex(UserError, "not in your cart"):
            order._oci_set_business_details(line_cards={other.order_line.id: ("Hi", False)})
        self.assertEqual(order.oci_card_text, "Beste Jan,\nVan harte beterschap!\n\nHet team")
        order._oci_set_business_details(card=("x" * 300, False))
        self.assertEqual(len(order.oci_card_text), 300)

    def test_card_in_oci_transfer(self):
        session = self._open_session()
        order = self._cart(session, [(self.product_fruit, 1), (self.product_cake, 2)])
        fruit_line, cake_line = order.order_line
        order._oci_set_business_details(
            card=("Beste Jan,\nVan harte!", True),
            line_cards={cake_line.id: ("Voor de afdeling", False)},
        )
        fields_ = session._oci_transfer()
        items = oci_format.parse_cart_form(fields_)
        first, second = items
        self.assertIn("Greeting card with this order:\nBeste Jan,\nVan harte!", first["LONGTEXT"])
        self.assertIn("(printed with the logo of Zorggroep Test)", first["LONGTEXT"])
        self.assertNotIn("Voor de afdeling", first["LONGTEXT"])
        self.assertIn("Greeting card with this item:\nVoor de afdeling", second["LONGTEXT"])
        self.assertNotIn("logo", second["LONGTEXT"])
        self.assertNotIn("Beste Jan", second["LONGTEXT"])

    def test_card_on_delivery_slip(self):
        order = self._order(
            self.orderer,
            [(self.product_cake, 1, 32.5), (self.product_fruit, 1, 39.95)],
            shipping=self.branch,
            oci_card_text="Beste Jan,\nVan harte!",
            oci_card_logo=True,
        )
        order.order_line[0].write({"oci_card_text": "Voor <de> afdeling", "oci_card_logo": True})
        order.action_confirm()
        picking = order.picking_ids
        self.assertTrue(picking)
        # The picking operations report gets the same block (not rendered
        # here: its barcode needs reportlab's renderPM backend).
        picking_arch = etree.tostring(
            self.env.ref("stock.report_picking")._get_combined_arch(), encoding="unicode"
        )
        self.assertIn("oci_punchout.report_greeting_cards", picking_arch)
        for report in ("stock.action_report_delivery",):
            html = self.env["ir.actions.report"]._render_qweb_html(report, picking.ids)[0].decode()
            self.assertIn("Beste Jan,\nVan harte!", html)
            self.assertIn("Voor &lt;de&gt; afdeling", html)
            self.assertIn("o_oci_card_logo", html)
            self.assertIn("data:image/png;base64,", html)
            self.assertIn("Ring twice.\nDock 3, back entrance.", html)
        # No card, no logo.
        plain = self._order(self.orderer, [(self.product_fruit, 1, 39.95)])
        plain.action_confirm()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("stock.action_report_delivery", plain.picking_ids.ids)[0]
            .decode()
        )
        self.assertNotIn("o_oci_greeting_cards", html)

    def test_card_in_backend_form(self):
        order = self._order(self.orderer, [(self.product_cake, 1, 32.5)])
        arch = self.env["sale.order"].get_view(view_type="form")["arch"]
        self.assertIn('name="oci_card_text"', arch)
        self.assertIn('name="oci_over_budget"', arch)
        order.order_line.write({"oci_card_text": "Hi", "oci_card_logo": False})
        self.assertEqual(order.order_line.oci_card_text, "Hi")
        product_arch = self.env["product.template"].get_view(view_type="form")["arch"]
        self.assertIn('name="oci_card_allowed"', product_arch)
