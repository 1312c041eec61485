# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Spend overview of a business customer: per branch and orderer, current
and previous period, committed / spent / remaining, credit notes and
cancelled orders; the administrator's portal pages, CSV and the backend."""

import csv
import io
import logging
from datetime import timedelta

import lxml.html

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .test_business_common import BusinessCommon

_logger = logging.getLogger(__name__)


class SpendCommon(BusinessCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.orderer.write({"oci_budget_amount": 1000.0, "oci_budget_period": "month"})
        cls.branch.write({"oci_budget_amount": 5000.0, "oci_budget_period": "quarter"})
        if not cls.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", cls.company.id)], limit=1
        ):
            # A database without a chart of accounts cannot invoice.
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.company, install_demo=False
            )

    def _confirmed(self, qty=2, price=100.0, shipping=None, orderer=None):
        order = self._order(
            orderer or self.orderer, [(self.product_cake, qty, price)], shipping or self.branch
        )
        order.action_confirm()
        return order

    def _row(self, overview, kind, partner, period="current"):
        rows = [
            row for row in overview[kind] if row["partner"] == partner and row["period"] == period
        ]
        self.assertEqual(len(rows), 1)
        return rows[0]

    def _figures(self, row):
        return (row["committed"], row["spent"], row["remaining"])

    def _invoice(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def _credit(self, invoice, qty):
        credit = invoice._reverse_moves()
        credit.invoice_line_ids.filtered("product_id").quantity = qty
        credit.action_post()
        return credit


@tagged("post_install", "-at_install")
class TestBusinessSpend(SpendCommon):
    def test_committed_then_spent_then_credited(self):
        order = self._confirmed(qty=2, price=100.0)
        overview = self.customer._oci_spend_overview()
        self.assertEqual(
            self._figures(self._row(overview, "orderer", self.orderer)), (200.0, 0.0, 800.0)
        )
        self.assertEqual(
            self._figures(self._row(overview, "branch", self.branch)), (200.0, 0.0, 4800.0)
        )
        invoice = self._invoice(order)
        overview = self.customer._oci_spend_overview()
        self.assertEqual(
            self._figures(self._row(overview, "orderer", self.orderer)), (0.0, 200.0, 800.0)
        )
        self._credit(invoice, 1)
        overview = self.customer._oci_spend_overview()
        self.assertEqual(
            self._figures(self._row(overview, "orderer", self.orderer)),
            (0.0, 100.0, 900.0),
            "a credit note lowers what is spent and frees budget",
        )

    def test_transferred_carts_committed_drafts_and_cancelled_not(self):
        cart = self._order(self.orderer, [(self.product_cake, 1, 70.0)], self.branch)
        cart.write({"oci_transfer_state": "transferred", "oci_transferred_at": self._now()})
        self._order(self.orderer, [(self.product_cake, 1, 40.0)], self.branch)  # still a cart
        cancelled = self._confirmed(qty=1, price=500.0)
        cancelled._action_cancel()
        overview = self.customer._oci_spend_overview()
        self.assertEqual(
            self._figures(self._row(overview, "orderer", self.orderer)), (70.0, 0.0, 930.0)
        )

    def test_previous_month_and_quarter(self):
        order = self._confirmed(qty=1, price=300.0)
        current_start, _end = self.orderer._oci_spend_bounds("current")
        order.date_order = current_start - timedelta(days=1)
        overview = self.customer._oci_spend_overview()
        previous = self._row(overview, "orderer", self.orderer, "previous")
        self.assertEqual(self._figures(previous), (300.0, 0.0, 700.0))
        self.assertEqual(previous["end"], current_start)
        self.assertEqual(
            self._figures(self._row(overview, "orderer", self.orderer)), (0.0, 0.0, 1000.0)
        )
        # The branch counts per quarter: a day before this month may still
        # be in this quarter.
        quarter_start, quarter_end = self.branch._oci_spend_bounds("current")
        self.assertEqual((quarter_start.month - 1) % 3, 0)
        self.assertEqual(quarter_start.day, 1)
        in_quarter = quarter_start <= order.date_order < quarter_end
        branch_period = "current" if in_quarter else "previous"
        self.assertEqual(
            self._row(overview, "branch", self.branch, branch_period)["committed"], 300.0
        )
        self.assertTrue(
            self._row(overview, "branch", self.branch)["label"].startswith("Q"),
            "quarter label",
        )

    def test_branch_and_orderer_counted_apart(self):
        self._confirmed(qty=1, price=100.0, shipping=self.branch_south)
        self._confirmed(qty=1, price=50.0, orderer=self.colleague, shipping=self.branch)
        overview = self.customer._oci_spend_overview()
        self.assertEqual(self._row(overview, "orderer", self.orderer)["committed"], 100.0)
        self.assertEqual(self._row(overview, "orderer", self.colleague)["committed"], 50.0)
        self.assertEqual(self._row(overview, "branch", self.branch)["committed"], 50.0)
        self.assertEqual(self._row(overview, "branch", self.branch_south)["committed"], 100.0)
        self.assertIsNone(self._row(overview, "branch", self.branch_south)["remaining"])
        names = {row["partner"].name for row in overview["orderer"] + overview["branch"]}
        self.assertNotIn("Bob Other", names)
        self.assertNotIn("Ander Oost", names)

    def test_agrees_with_budget_check(self):
        """Committed + spent of the current period is what the budget check
        (with its row locks) counts as spent."""
        self._invoice(self._confirmed(qty=1, price=120.0))
        self._confirmed(qty=3, price=10.0)
        cart = self._order(self.orderer, [(self.product_cake, 1, 70.0)], self.branch)
        cart.write({"oci_transfer_state": "transferred", "oci_transferred_at": self._now()})
        row = self._row(self.customer._oci_spend_overview(), "orderer", self.orderer)
        checked = self.orderer._oci_budget_spent()[self.orderer.id]
        self.assertAlmostEqual(row["committed"] + row["spent"], checked)
        self.assertEqual(checked, 220.0)

    def test_queries_do_not_grow_with_orders(self):
        queries = []
        for count in (1, 10):
            for _i in range(count):
                self._invoice(self._confirmed(qty=1, price=10.0))
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            self.customer._oci_spend_overview()  # warm the caches
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.customer._oci_spend_overview()
            queries.append(self.cr.sql_log_count - before)
        _logger.info("spend overview queries: after 1 order %s, after 11 %s", *queries)
        self.assertEqual(queries[0], queries[1])

    def test_drilldown_orders(self):
        order = self._confirmed(qty=1, price=100.0)
        self._confirmed(qty=1, price=100.0, orderer=self.colleague, shipping=self.branch_south)
        orders = self.customer._oci_spend_orders("orderer", self.orderer, "current")
        self.assertEqual(orders, order)
        self.assertFalse(self.customer._oci_spend_orders("orderer", self.orderer, "previous"))

    def test_csv(self):
        self._confirmed(qty=1, price=100.0)
        self.colleague.name = "=HYPERLINK(1)"
        rows = list(csv.reader(io.StringIO(self.customer._oci_spend_csv())))
        self.assertEqual(rows[0][:3], ["Type", "Name", "Period"])
        anna = [row for row in rows if row[1] == self.orderer.name]
        self.assertEqual(len(anna), 2)
        self.assertEqual(anna[0][5:9], ["1000.00", "100.00", "0.00", "900.00"])
        self.assertIn("'=HYPERLINK(1)", [row[1] for row in rows], "no formula in the CSV")

    def test_backend_form_figures(self):
        self._confirmed(qty=1, price=100.0)
        html = self.customer.oci_spend_html
        doc = lxml.html.fromstring(html)
        rows = doc.xpath("//tr[hasclass('o_oci_spend_row')]")
        # two orderers (Anna, Carl) and two branches, two periods each
        self.assertEqual(len(rows), 2 * (2 + 2))
        self.assertFalse(doc.xpath("//a[hasclass('o_oci_spend_drilldown')]"))
        self.assertIn(self.orderer.name, html)


@tagged("post_install", "-at_install")
class TestBusinessBudgetFigures(SpendCommon):
    """The budget check counts what the spend overview shows: credit notes
    free budget, cancelled orders and carts count nowhere."""

    def _check_total(self, partner):
        return partner._oci_budget_spent()[partner.id]

    def _row_total(self, kind, partner):
        row = self._row(self.customer._oci_spend_overview(), kind, partner)
        return row["committed"] + row["spent"]

    def test_partial_credit_note_frees_budget_in_the_check(self):
        invoice = self._invoice(self._confirmed(qty=2, price=100.0))
        self._credit(invoice, 1)
        self.assertEqual(self._row_total("orderer", self.orderer), 100.0)
        self.assertEqual(self._check_total(self.orderer), 100.0)
        self.assertEqual(self._check_total(self.branch), self._row_total("branch", self.branch))
        # 850 fits the 900 the overview shows as remaining.
        order = self._order(self.orderer, [(self.product_cake, 1, 850.0)], self.branch)
        order._oci_check_budget()
        self.assertFalse(order.oci_over_budget)
        too_much = self._order(self.orderer, [(self.product_cake, 1, 950.0)], self.branch)
        with self.assertRaisesRegex(UserError, "exceeds the budget"):
            too_much._oci_check_budget()

    def test_full_credit_note_and_partly_invoiced_order(self):
        full = self._confirmed(qty=1, price=300.0)
        self._credit(self._invoice(full), 1)
        partly = self._confirmed(qty=4, price=50.0)
        partly.order_line.filtered("product_id").qty_delivered = 2
        invoice = partly._create_invoices()
        invoice.invoice_line_ids.filtered("product_id").quantity = 2
        invoice.action_post()
        self._credit(invoice, 1)
        # full: 300 - 300; partly: 200 ordered, 100 invoiced, 50 credited.
        self.assertEqual(self._row_total("orderer", self.orderer), 150.0)
        self.assertEqual(self._check_total(self.orderer), 150.0)
        self.assertEqual(self._check_total(self.branch), 150.0)

    def test_cancelled_orders_and_carts_free_budget(self):
        cancelled = self._confirmed(qty=1, price=600.0)
        cart = self._order(self.orderer, [(self.product_cake, 1, 300.0)], self.branch)
        cart._oci_check_budget()
        cart._oci_mark_transferred()
        self.assertEqual(self._check_total(self.orderer), 900.0)
        self.assertEqual(self._row_total("orderer", self.orderer), 900.0)
        cancelled._action_cancel()
        cart.oci_transfer_state = "cancelled"
        self.assertEqual(self._check_total(self.orderer), 0.0)
        self.assertEqual(self._row_total("orderer", self.orderer), 0.0)
        order = self._order(self.orderer, [(self.product_cake, 1, 1000.0)], self.branch)
        order._oci_check_budget()
        self.assertFalse(order.oci_over_budget)


@tagged("post_install", "-at_install")
class TestBusinessSpendHttp(SpendCommon, HttpCase):
    def test_admin_page_drilldown_and_csv(self):
        order = self._confirmed(qty=2, price=100.0)
        self.authenticate(self.orderer_user.login, self.orderer_user.login)
        page = self.url_open("/my/account/spend")
        self.assertEqual(page.status_code, 200)
        doc = lxml.html.fromstring(page.content)
        row = doc.xpath(
            f"//table[hasclass('o_oci_spend_orderer')]//tr[@data-partner-id='{self.orderer.id}']"
            "[@data-period='current']"
        )[0]
        self.assertIn(
            "200.00", row.xpath(".//td[hasclass('o_oci_spend_committed')]")[0].text_content()
        )
        self.assertIn(
            "800.00", row.xpath(".//td[hasclass('o_oci_spend_remaining')]")[0].text_content()
        )
        self.assertNotIn("Bob Other", page.text)
        link = row.xpath(".//a[hasclass('o_oci_spend_drilldown')]")[0].get("href")
        drill = self.url_open(link)
        self.assertEqual(drill.status_code, 200)
        self.assertIn(order.name, drill.text)
        export = self.url_open("/my/account/spend/export.csv")
        self.assertEqual(export.status_code, 200)
        self.assertIn("text/csv", export.headers["Content-Type"])
        self.assertIn(self.orderer.name, export.content.decode("utf-8-sig"))

    def test_other_customers_refused(self):
        self.other_orderer.oci_is_customer_admin = True
        self.authenticate(self.other_user.login, self.other_user.login)
        page = self.url_open("/my/account/spend")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(self.orderer.name, page.text)
        self.assertNotIn("Locatie Noord", page.text)
        for url in (
            f"/my/account/spend/orderer/{self.orderer.id}/current",
            f"/my/account/spend/branch/{self.branch.id}/previous",
            f"/my/account/spend/branch/{self.other_branch.id}/someday",
            f"/my/account/spend/customer/{self.other_branch.id}/current",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        self.assertEqual(
            self.url_open(f"/my/account/spend/branch/{self.other_branch.id}/current").status_code,
            200,
        )

    def test_orderer_without_admin_rights_refused(self):
        colleague_user = self.env["res.users"].create(
            {
                "login": "carl@zorg.example",
                "password": "carl@zorg.example",
                "partner_id": self.colleague.id,
                "groups_id": [Command.set([self.portal_group.id])],
            }
        )
        self.authenticate(colleague_user.login, "carl@zorg.example")
        for url in (
            "/my/account/spend",
            "/my/account/spend/export.csv",
            f"/my/account/spend/orderer/{self.orderer.id}/current",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)

    def test_public_sent_to_login(self):
        response = self.url_open("/my/account/spend", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_spend_tour(self):
        # new_test_user named her partner after the login.
        self.orderer.name = "Anna Orderer"
        self._confirmed(qty=2, price=100.0).name = "SO-SPEND-TOUR"
        self._confirmed(
            qty=1, price=100.0, orderer=self.colleague, shipping=self.branch_south
        ).name = "SO-NOT-ANNA"
        self.start_tour("/my/home", "oci_spend_tour", login=self.orderer_user.login)
