# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import random
import time

from psycopg2.errors import SerializationFailure

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

MAX_TRIES = 50


class OciThrottle(models.Model):
    """Failed-attempt counters of punchout logins and PO senders, per address
    and time window, shared by every worker through the database.

    A caller reserves a slot *before* it checks a secret: the reservation is
    one atomic ``INSERT ... ON CONFLICT DO UPDATE`` committed at once in its
    own cursor, so concurrent requests (threads or workers) can never check
    more secrets than ``oci_punchout.max_failures`` per window. A request that
    succeeds gives its slot back; a refusal keeps it."""

    _name = "oci.throttle"
    _description = "OCI Failed Attempt Counter"
    _log_access = False
    _order = "window_start desc"

    key = fields.Char(required=True, readonly=True)
    window_start = fields.Datetime(required=True, readonly=True)
    count = fields.Integer(readonly=True)

    _sql_constraints = [
        ("key_uniq", "unique(key)", "One counter per key."),
    ]

    @api.model
    def _oci_execute_apart(self, query):
        """Run one statement in a short transaction of its own, committed at
        once (never rolled back with the request); returns its first row.
        Odoo's cursors are REPEATABLE READ: when another request updated the
        counter after this transaction's snapshot, the statement fails with a
        serialization failure and is run again in a new transaction."""
        for attempt in range(1, MAX_TRIES + 1):
            try:
                with self.env.registry.cursor() as cr:
                    cr.execute(query)
                    row = cr.fetchone()
                    # The counter must outlive the request's rollback: this is
                    # its own cursor, committed on purpose.
                    cr.commit()  # pylint: disable=invalid-commit
                return row
            except SerializationFailure:
                if attempt == MAX_TRIES:
                    raise
                time.sleep(random.uniform(0.0, 0.01 * min(attempt, 10)))
        return None

    @api.model
    def _oci_limits(self):
        """(maximum failures, window in minutes) from the system parameters."""
        ICP = self.env["ir.config_parameter"].sudo()
        try:
            limit = int(ICP.get_param("oci_punchout.max_failures", 10))
            minutes = int(ICP.get_param("oci_punchout.failure_window", 15))
        except ValueError:
            _logger.warning("Invalid oci_punchout.max_failures / failure_window: using 10 / 15")
            limit, minutes = 10, 15
        return limit, max(minutes, 1)

    @api.model
    def _oci_key(self, remote_addr):
        return f"addr:{remote_addr}"[:256] if remote_addr else None

    @api.model
    def _oci_reserve(self, remote_addr):
        """Reserve a failure slot of this address. Returns a token for
        :meth:`_oci_release`, or False when the address has used up its
        failures in the current window (the caller answers 429 without
        checking anything). No address: nothing is counted (token None)."""
        key = self._oci_key(remote_addr)
        if not key:
            return None
        limit, minutes = self._oci_limits()
        if limit <= 0:
            return False
        row = self._oci_execute_apart(
            SQL(
                """
                INSERT INTO oci_throttle AS t (key, window_start, count)
                VALUES (%(key)s, now() AT TIME ZONE 'UTC', 1)
                ON CONFLICT (key) DO UPDATE SET
                    count = CASE WHEN t.window_start <= %(since)s THEN 1
                                 ELSE t.count + 1 END,
                    window_start = CASE WHEN t.window_start <= %(since)s
                                        THEN EXCLUDED.window_start
                                        ELSE t.window_start END
                WHERE t.window_start <= %(since)s OR t.count < %(limit)s
                RETURNING window_start
                """,
                key=key,
                limit=limit,
                since=SQL("(now() AT TIME ZONE 'UTC') - make_interval(mins => %s)", minutes),
            )
        )
        return (key, row[0]) if row else False

    @api.model
    def _oci_release(self, token):
        """Give back a slot reserved by :meth:`_oci_reserve` (the attempt
        succeeded, or failed for a reason that is not the sender's)."""
        if not token:
            return
        key, window_start = token
        self._oci_execute_apart(
            SQL(
                "UPDATE oci_throttle SET count = count - 1"
                " WHERE key = %s AND window_start = %s AND count > 0"
                " RETURNING count",
                key,
                window_start,
            )
        )

    @api.model
    def _oci_exhausted(self, remote_addr):
        """Whether this address has no failure left in the current window
        (a read only; :meth:`_oci_reserve` is the check that counts)."""
        key = self._oci_key(remote_addr)
        if not key:
            return False
        limit, minutes = self._oci_limits()
        if limit <= 0:
            return True
        self.env.cr.execute(
            SQL(
                """
                SELECT 1 FROM oci_throttle
                 WHERE key = %s AND count >= %s
                   AND window_start > (now() AT TIME ZONE 'UTC') - make_interval(mins => %s)
                """,
                key,
                limit,
                minutes,
            )
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _gc(self):
        """Drop the counters of windows long past."""
        _limit, minutes = self._oci_limits()
        self.env.cr.execute(
            SQL(
                "DELETE FROM oci_throttle"
                " WHERE window_start < (now() AT TIME ZONE 'UTC') - make_interval(mins => %s)",
                minutes,
            )
        )
        return self.env.cr.rowcount
