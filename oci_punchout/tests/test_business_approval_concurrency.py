# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two shop orders of a customer accepting orders over budget for approval,
checked out at the same moment in real transactions: one fits the budget and
is placed, the other is sent to approval, never both placed."""

from odoo.tests import tagged

from . import test_business_budget_concurrency as race


@tagged("post_install", "-at_install")
class TestApprovalConcurrency(race.TestBudgetConcurrency):
    # The parent's races run in their own module.
    test_concurrent_transfers_one_within_budget = None
    test_concurrent_checkouts_one_within_budget = None

    def test_concurrent_shop_orders_second_needs_approval(self):
        with self._committed_env() as env:
            env["res.partner"].browse(self.ids["customer"]).oci_over_budget_policy = "approve"
        order_ids = self._orders()
        results = self._race_checkouts(order_ids)
        self._assert_one_within_budget(order_ids, results, [("state", "=", "sale")])
        refused = next(result for result in results if result is not True)
        self.assertIn("Submit it for approval", str(refused))
