# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tests in real, committed transactions: cursors of their own on this
database, and threads that start together (no tests here)."""

import threading
from contextlib import contextmanager

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name


class CommittedCase(BaseCase):
    """A test whose data is committed (and cleaned up by the test)."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())

    @contextmanager
    def _committed_env(self, context=None):
        """A superuser environment on a cursor of its own, committed at the
        end of the block."""
        with self.registry.cursor() as cr:
            yield api.Environment(cr, api.SUPERUSER_ID, context or {})

    def _in_threads(self, count, run, timeout):
        """``run(index)`` in ``count`` threads started together; waits for
        each at most ``timeout`` seconds."""
        threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=timeout)
