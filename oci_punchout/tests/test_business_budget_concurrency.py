# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Budget checks at the same moment, in real transactions: committed data,
one cursor and one thread per order, serialization failures retried as Odoo
retries an HTTP request (common.thread_retrying). Two orders of one branch
each fit its remaining budget alone, not together."""

import functools
import threading

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .committed_common import CommittedCase
from .common import thread_env, thread_retrying

BUDGET = 100.0
PRICE = 60.0


@tagged("post_install", "-at_install")
class TestBudgetConcurrency(CommittedCase):
    def setUp(self):
        super().setUp()
        with self._committed_env({"tracking_disable": True}) as env:
            customer = env["res.partner"].create(
                {"name": "Budget Race Care BV", "is_company": True}
            )
            branch = env["res.partner"].create(
                {
                    "name": "Budget Race Branch",
                    "type": "delivery",
                    "parent_id": customer.id,
                    "oci_budget_amount": BUDGET,
                    "oci_budget_period": "month",
                }
            )
            orderers = env["res.partner"].create(
                [{"name": f"Budget Racer {index}", "parent_id": customer.id} for index in range(2)]
            )
            product = env["product.product"].create(
                {
                    "name": "Budget race cake",
                    "list_price": PRICE,
                    "type": "consu",
                    "sale_ok": True,
                    "taxes_id": [Command.clear()],
                }
            )
            self.ids = {
                "customer": customer.id,
                "branch": branch.id,
                "orderers": orderers.ids,
                "product": product.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self._committed_env({"active_test": False}) as env:
            customer = env["res.partner"].browse(self.ids["customer"])
            orders = env["sale.order"].search([("partner_id", "child_of", customer.id)])
            orders.filtered(lambda o: o.state != "cancel")._action_cancel()
            moves = env["stock.move"].search([("product_id", "=", self.ids["product"])])
            pickings = moves.picking_id
            moves.filtered(lambda m: m.state != "cancel")._action_cancel()
            moves.unlink()
            pickings.unlink()
            orders.unlink()
            env["product.product"].browse(self.ids["product"]).product_tmpl_id.unlink()
            contacts = env["res.partner"].search([("id", "child_of", customer.id)])
            (contacts - customer).unlink()
            customer.unlink()

    def _orders(self):
        """Two draft orders of the branch, one per orderer, each within the
        budget alone."""
        with self._committed_env({"tracking_disable": True}) as env:
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": orderer_id,
                        "partner_shipping_id": self.ids["branch"],
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": self.ids["product"],
                                    "product_uom_qty": 1,
                                    "price_unit": PRICE,
                                }
                            )
                        ],
                    }
                    for orderer_id in self.ids["orderers"]
                ]
            )
            self.assertEqual(orders.mapped("amount_untaxed"), [PRICE, PRICE])
            return orders.ids

    def _race(self, order_ids, place):
        """Run ``place(order)`` for each order in its own thread and
        transaction. Each transaction reads first (its snapshot is taken
        before either order is placed), then both go on together.
        Returns per order True or the exception raised."""
        barrier = threading.Barrier(len(order_ids))
        results = [None] * len(order_ids)

        def run(index):
            try:
                with self.registry.cursor() as cr:
                    env = thread_env(self.registry, cr, {"tracking_disable": True})
                    env["sale.order"].browse(order_ids[index]).amount_untaxed  # noqa: B018
                    barrier.wait(timeout=60)

                    def call():
                        place(env["sale.order"].browse(order_ids[index]))
                        return True

                    results[index] = thread_retrying(functools.partial(call), env)
            except Exception as exc:  # noqa: BLE001 -- reported by the test
                results[index] = exc

        self._in_threads(len(order_ids), run, 300)
        return results

    def _race_checkouts(self, order_ids):
        """The orders checked out at once: the checkout's budget check, then
        the confirmation."""

        def checkout(order):
            order._oci_check_budget()
            order.action_confirm()

        return self._race(order_ids, checkout)

    def _assert_one_within_budget(self, order_ids, results, accepted_domain):
        accepted = [order_ids[i] for i, result in enumerate(results) if result is True]
        refused = [result for result in results if result is not True]
        self.assertEqual(len(accepted), 1, results)
        self.assertEqual(len(refused), 1, results)
        self.assertIsInstance(refused[0], UserError, results)
        self.assertIn("exceeds the budget", str(refused[0]))
        with self._committed_env() as env:
            counted = env["sale.order"].search([("id", "in", order_ids), *accepted_domain])
            self.assertEqual(counted.ids, accepted, "the refused order is not placed")
            branch = env["res.partner"].browse(self.ids["branch"])
            customer = env["res.partner"].browse(self.ids["customer"])
            total = sum(counted.mapped("amount_untaxed"))
            self.assertEqual(total, PRICE)
            self.assertEqual(branch._oci_budget_spent()[branch.id], total)
            overview = customer._oci_spend_overview()
            row = next(
                row
                for row in overview["branch"]
                if row["partner"] == branch and row["period"] == "current"
            )
            self.assertEqual(row["committed"] + row["spent"], total)
            self.assertEqual(row["remaining"], BUDGET - total)
            self.assertFalse(row["over"])
            orderer_rows = [row for row in overview["orderer"] if row["period"] == "current"]
            self.assertEqual(sum(row["committed"] for row in orderer_rows), total)

    def test_concurrent_transfers_one_within_budget(self):
        """Two punchout carts of one branch transferred at once (the
        transfer's budget check with its row locks, then the cart marked
        transferred): one is transferred, the other refused."""
        order_ids = self._orders()

        def transfer(order):
            order._oci_check_transfer()
            order._oci_mark_transferred()

        results = self._race(order_ids, transfer)
        self._assert_one_within_budget(
            order_ids, results, [("oci_transfer_state", "=", "transferred")]
        )

    def test_concurrent_checkouts_one_within_budget(self):
        """Two shop orders of one branch confirmed at once after the
        checkout's budget check: one is confirmed, the other refused."""
        order_ids = self._orders()
        results = self._race_checkouts(order_ids)
        self._assert_one_within_budget(order_ids, results, [("state", "=", "sale")])
