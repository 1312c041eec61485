# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged

from odoo.addons.oci_punchout.models.oci_indexes import INDEXES


@tagged("post_install", "-at_install")
class TestOciIndexes(TransactionCase):
    """The composite/partial indexes of models/oci_indexes.py exist and are
    the ones PostgreSQL can use for the lookups they serve (measured at
    volume by tests/bench/bench_scale_log.py). The planner is told to avoid
    sequential scans: on the small tables of a test database it would
    rightly prefer them."""

    def _plan(self, query, params=()):
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute("EXPLAIN " + query, params)
        return "\n".join(row[0] for row in self.env.cr.fetchall())

    def test_indexes_exist(self):
        names = [name for name, *_rest in INDEXES]
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname IN %s", [tuple(names)]
        )
        self.assertEqual(sorted(row[0] for row in self.env.cr.fetchall()), sorted(names))

    def test_same_requisition_lookup(self):
        """The open sessions of a connection and user are one partial index.
        (Whether the planner takes it depends on the table's size and
        statistics, and on a test database an index scan of the primary key
        for ORDER BY id may cost the same: the plan at volume is in
        bench_scale_log.py; here the index must fit the lookup.)"""
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
            ["oci_session_open_requisition_index"],
        )
        indexdef = self.env.cr.fetchone()[0]
        self.assertIn("(connection_id, user_id)", indexdef)
        self.assertIn("WHERE ((state)::text = 'open'::text)", indexdef)
        # On a near-empty table the other non-unique indexes (connection_id,
        # state...) cost the planner the same and it may take any of them: hide
        # them inside this test's transaction (rolled back) so the plan shows
        # whether the partial index serves the lookup at all.
        self.env.cr.execute(
            """SELECT indexname FROM pg_indexes
                WHERE tablename = 'oci_session' AND indexname != %s
                  AND indexdef NOT LIKE 'CREATE UNIQUE INDEX%%'""",
            ["oci_session_open_requisition_index"],
        )
        for (name,) in self.env.cr.fetchall():
            self.env.cr.execute(f'DROP INDEX "{name}"')
        plan = self._plan(
            "SELECT id FROM oci_session WHERE connection_id = 1 AND user_id = 2 AND state = 'open'"
        )
        self.assertIn("oci_session_open_requisition_index", plan)
        self.assertIn("Index Cond: ((connection_id = 1) AND (user_id = 2))", plan)

    def test_retention_lookup(self):
        plan = self._plan(
            "SELECT id FROM oci_session WHERE create_date < now() - interval '400 days'"
            " AND state != 'open' ORDER BY create_date LIMIT 5000"
        )
        self.assertIn("oci_session_create_date_index", plan)
        plan = self._plan(
            "SELECT key FROM oci_throttle WHERE window_start < now() - interval '1 day'"
        )
        self.assertIn("oci_throttle_window_start_index", plan)

    def test_open_quotations_lookup(self):
        plan = self._plan(
            "SELECT id FROM sale_order WHERE oci_connection_id = 1"
            " AND oci_transfer_state = 'transferred' AND state IN ('draft', 'sent')"
            " ORDER BY oci_transferred_at DESC, id DESC"
        )
        self.assertIn("sale_order_oci_open_quotation_index", plan)
