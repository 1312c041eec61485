# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

RETENTION_PARAM = "oci_punchout.session_retention_days"
DEFAULT_RETENTION_DAYS = 400
BATCH_SIZE = 5000


class OciRetention(models.AbstractModel):
    """Removes the punchout session log past its retention (a per-database
    setting, default 400 days) and the throttle counters of windows long
    past. Each cron call deletes one batch in its own short transaction
    (Odoo's cron commits between calls and calls again while
    ``_notify_progress`` reports rows remaining); rows locked by a running
    request are skipped, never waited for. Received POs and their documents
    are business records and are kept."""

    _name = "oci.retention"
    _description = "OCI Punchout Log Retention"

    @api.model
    def _retention_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(RETENTION_PARAM)
        if value in (None, False, ""):
            return DEFAULT_RETENTION_DAYS
        try:
            return int(value)
        except ValueError:
            _logger.warning(
                "Invalid %s %r: using %s days", RETENTION_PARAM, value, DEFAULT_RETENTION_DAYS
            )
            return DEFAULT_RETENTION_DAYS

    @api.model
    def _purge_sessions(self, cutoff, limit):
        """Delete up to ``limit`` ended sessions created before ``cutoff``,
        oldest first; open sessions are left to the expiry cron."""
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM oci_session
                 WHERE create_date < %s AND state != 'open'
                 ORDER BY create_date
                 LIMIT %s
                   FOR UPDATE SKIP LOCKED
                """,
                cutoff,
                limit,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        # The ORM unlink keeps the caches and the quotations' link
        # (sale.order.oci_session_id, set null) consistent.
        self.env["oci.session"].sudo().browse(ids).unlink()
        return len(ids)

    @api.model
    def _purge_throttle(self, limit):
        """Delete up to ``limit`` throttle counters whose window ended a day
        ago or more (a live window is never touched)."""
        _limit, minutes = self.env["oci.throttle"]._oci_limits()
        self.env.cr.execute(
            SQL(
                """
                DELETE FROM oci_throttle WHERE key IN (
                    SELECT key FROM oci_throttle
                     WHERE window_start < (now() AT TIME ZONE 'UTC')
                                          - make_interval(mins => %s) - interval '1 day'
                     LIMIT %s
                       FOR UPDATE SKIP LOCKED)
                """,
                minutes,
                limit,
            )
        )
        return self.env.cr.rowcount

    @api.model
    def _has_more(self, cutoff):
        self.env.cr.execute(
            SQL(
                "SELECT EXISTS (SELECT 1 FROM oci_session"
                " WHERE create_date < %s AND state != 'open')",
                cutoff,
            )
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _cron_purge_log(self, batch_size=BATCH_SIZE):
        """One batch of the retention; returns the number of rows removed."""
        days = self._retention_days()
        if days <= 0:  # 0: keep everything
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return 0
        cutoff = fields.Datetime.now() - timedelta(days=days)
        sessions = self._purge_sessions(cutoff, batch_size)
        counters = self._purge_throttle(batch_size)
        more = sessions == batch_size and self._has_more(cutoff)
        if sessions or counters:
            _logger.info(
                "Punchout log retention (%s days): %s sessions, %s throttle counters removed",
                days,
                sessions,
                counters,
            )
        self.env["ir.cron"]._notify_progress(done=sessions + counters, remaining=int(more))
        return sessions + counters
