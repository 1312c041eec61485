# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import OciCommon


@tagged("post_install", "-at_install")
class TestRetention(OciCommon):
    """The punchout log retention: a per-database setting (default 400 days)
    and a cron that removes old ended sessions and old throttle counters in
    batches, keeping open sessions, quotations and received POs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Retention = cls.env["oci.retention"]
        cls.ICP = cls.env["ir.config_parameter"].sudo()
        cls.ICP.search([("key", "=", "oci_punchout.session_retention_days")]).unlink()

    def _session(self, age_days, state="transferred", **vals):
        session = (
            self.env["oci.session"]
            .sudo()
            .create(
                dict(
                    {
                        "connection_id": self.connection.id,
                        "partner_id": self.customer.id,
                        "orderer_id": self.orderer.id,
                        "user_id": self.orderer_user.id,
                        "state": state,
                        "params": {"USERNAME": "zorg", "PASSWORD": "***"},
                        "transfer_fields": [["NEW_ITEM-QUANTITY[1]", "1"]],
                    },
                    **vals,
                )
            )
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE oci_session SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=age_days), session.id),
        )
        self.env.invalidate_all()
        return session

    def _alive(self, *sessions):
        return [bool(session.exists()) for session in sessions]

    def test_default_400_days(self):
        self.assertEqual(self.Retention._retention_days(), 400)
        old = self._session(401)
        old_refused = self._session(900, state="refused")
        young = self._session(399)
        old_open = self._session(500, state="open")
        removed = self.Retention._cron_purge_log()
        self.assertGreaterEqual(removed, 2)
        self.env.invalidate_all()
        self.assertEqual(self._alive(old, old_refused, young, old_open), [False, False, True, True])

    def test_setting_per_database(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.oci_session_retention_days, 400)
        settings.oci_session_retention_days = 30
        settings.execute()
        self.assertEqual(self.ICP.get_param("oci_punchout.session_retention_days"), "30")
        month = self._session(31)
        week = self._session(7)
        self.Retention._cron_purge_log()
        self.env.invalidate_all()
        self.assertEqual(self._alive(month, week), [False, True])

    def test_zero_keeps_everything(self):
        self.ICP.set_param("oci_punchout.session_retention_days", "0")
        ancient = self._session(5000)
        self.assertEqual(self.Retention._cron_purge_log(), 0)
        self.assertTrue(ancient.exists())

    def test_invalid_setting_falls_back_to_default(self):
        self.ICP.set_param("oci_punchout.session_retention_days", "forever")
        self.assertEqual(self.Retention._retention_days(), 400)

    def test_batches_report_progress(self):
        """One batch per call; the cron is told rows remain, so Odoo commits
        and calls again (no long transaction, no long lock)."""
        cron = self.env.ref("oci_punchout.ir_cron_oci_log_retention")
        self.assertEqual(cron.code.strip(), "model._cron_purge_log()")
        sessions = [self._session(450 + i) for i in range(5)]
        progress = self.env["ir.cron.progress"].create({"cron_id": cron.id})
        Retention = self.Retention.with_context(ir_cron_progress_id=progress.id)
        self.env["oci.throttle"].search([]).unlink()
        self.assertEqual(Retention._cron_purge_log(batch_size=2), 2)
        self.assertEqual((progress.done, progress.remaining), (2, 1))
        self.env.invalidate_all()
        # Oldest first.
        self.assertEqual(self._alive(*sessions), [True, True, True, False, False])
        Retention._cron_purge_log(batch_size=2)
        Retention._cron_purge_log(batch_size=2)
        self.assertEqual(progress.remaining, 0)
        self.env.invalidate_all()
        self.assertEqual(self._alive(*sessions), [False] * 5)

    def test_quotation_kept_link_cleared(self):
        order = self.env["sale.order"].create(
            {"partner_id": self.orderer.id, "oci_connection_id": self.connection.id}
        )
        session = self._session(800, order_id=order.id)
        order.oci_session_id = session
        self.Retention._cron_purge_log()
        self.env.invalidate_all()
        self.assertFalse(session.exists())
        self.assertTrue(order.exists())
        self.assertFalse(order.oci_session_id)
        self.assertEqual(order.oci_connection_id, self.connection)

    def test_old_throttle_counters_removed(self):
        now = fields.Datetime.now()
        self.env.cr.execute(
            "INSERT INTO oci_throttle (key, window_start, count)"
            " VALUES ('addr:192.0.2.1', %s, 3), ('addr:192.0.2.2', %s, 3)",
            (now - timedelta(days=3), now - timedelta(minutes=1)),
        )
        self.Retention._cron_purge_log()
        self.env.cr.execute(
            "SELECT key FROM oci_throttle WHERE key LIKE 'addr:192.0.2.%' ORDER BY key"
        )
        self.assertEqual(self.env.cr.fetchall(), [("addr:192.0.2.2",)])
