# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Punchout logins at the same moment, in real transactions: committed data,
one cursor and one thread per login, serialization failures retried as Odoo
retries an HTTP request (common.thread_retrying)."""

import functools
import threading
from unittest.mock import patch

from passlib.context import CryptContext

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged

from ..exceptions import OciLoginRefused, PoDocumentError
from .common import thread_env, thread_retrying

SECRET = "conc-login-s3cret"
CODE = "conc-login-test"
NEW_EMAIL = "first.time@conc-login.example"
HOOK_URL = "https://srm.conc-login.example/sap/hook"
# A cheap hash for the tests that are not about the password: the real one
# (Odoo's crypt context) is kept for the throttle test.
CHEAP_CRYPT = CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=1000)


@tagged("post_install", "-at_install")
class TestOciLoginConcurrency(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            customer = env["res.partner"].create({"name": "Concurrent Care BV", "is_company": True})
            connection = env["oci.connection"].create(
                {
                    "name": "Concurrent SRM",
                    "code": CODE,
                    "partner_id": customer.id,
                    "username": "conc-login",
                    "password": SECRET,
                    "orderer_mode": "param",
                    "orderer_param": "email",
                    "orderer_auto_create": True,
                    "hook_url_prefixes": "https://srm.conc-login.example/",
                    "po_identity": "CONC-LOGIN-ID",
                    "po_secret": SECRET,
                }
            )
            icp = env["ir.config_parameter"]
            self.saved_params = {
                key: icp.get_param(key)
                for key in ("oci_punchout.max_failures", "oci_punchout.failure_window")
            }
            self.ids = {"customer": customer.id, "connection": connection.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"active_test": False})
            customer = env["res.partner"].browse(self.ids["customer"])
            contacts = env["res.partner"].search([("commercial_partner_id", "=", customer.id)])
            env["oci.session"].search(
                [
                    "|",
                    ("connection_id", "=", self.ids["connection"]),
                    ("remote_addr", "=like", "10.9%.%"),
                ]
            ).unlink()
            env["res.users"].search([("partner_id", "in", contacts.ids)]).unlink()
            env["oci.connection"].browse(self.ids["connection"]).unlink()
            (contacts - customer).unlink()
            customer.unlink()
            if "oci.throttle" in env:
                env["oci.throttle"].search([("key", "=like", "%10.9%.%")]).unlink()
            icp = env["ir.config_parameter"]
            for key, value in self.saved_params.items():
                icp.set_param(key, value or False)

    def _set_params(self, **values):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            for key, value in values.items():
                env["ir.config_parameter"].set_param(f"oci_punchout.{key}", value)

    def _cheap_hash(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["oci.connection"].browse(self.ids["connection"]).password_hash = CHEAP_CRYPT.hash(
                SECRET
            )

    def _run_at_once(self, count, call):
        """Run ``call(env, index)`` in ``count`` threads, each in its own
        transaction, started together; as an HTTP request would, a
        serialization failure is retried and the transaction committed."""
        barrier = threading.Barrier(count)
        results = [None] * count

        def run(index):
            try:
                with self.registry.cursor() as cr:
                    env = thread_env(self.registry, cr)
                    barrier.wait(timeout=60)
                    results[index] = thread_retrying(functools.partial(call, env, index), env)
            except Exception as exc:  # noqa: BLE001 -- reported by the test
                results[index] = exc

        threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        return results

    def _params(self, **extra):
        return dict(
            {
                "USERNAME": "conc-login",
                "PASSWORD": SECRET,
                "HOOK_URL": HOOK_URL,
                "~OkCode": "ADDI",
                "email": NEW_EMAIL,
                "fname": "First",
                "lname": "Time",
            },
            **extra,
        )

    def test_concurrent_first_logins_make_one_orderer(self):
        """12 first logins of one unknown orderer at once: one contact, one
        portal user, and every login opens its own session."""
        self._cheap_hash()

        def login(env, index):
            session = env["oci.session"]._oci_login(
                CODE,
                self._params(HOOK_URL=f"{HOOK_URL}?req={index}"),
                remote_addr=f"10.91.0.{index}",
            )
            return session.id

        results = self._run_at_once(12, login)
        failures = [r for r in results if not isinstance(r, int)]
        self.assertFalse(failures, "every login succeeds")
        self.assertEqual(len(set(results)), 12, "one session per login")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"active_test": False})
            orderers = env["res.partner"].search([("email_normalized", "=", NEW_EMAIL)])
            users = env["res.users"].search([("login", "=", NEW_EMAIL)])
            self.assertEqual(len(orderers), 1)
            self.assertEqual(len(users), 1)
            self.assertEqual(users.partner_id, orderers)
            sessions = env["oci.session"].browse(results)
            self.assertEqual(set(sessions.mapped("state")), {"open"})
            self.assertEqual(sessions.user_id, users)

    def test_concurrent_wrong_logins_checked_at_most_max_failures(self):
        """16 wrong logins from one address at once, with the real password
        hash: at most max_failures secrets are checked, the rest is 429.
        (Each thread holds two connections, its own and the throttle's: 16
        keeps the run well inside PostgreSQL's and Odoo's connection limits.)"""
        self._set_params(max_failures=5, failure_window=15)
        Connection = self.registry["oci.connection"]
        original = Connection._check_credentials
        checks = []
        lock = threading.Lock()

        def counting(connection, params):
            with lock:
                checks.append(params.get("PASSWORD"))
            return original(connection, params)

        def login(env, index):
            try:
                env["oci.session"]._oci_login(
                    CODE, self._params(PASSWORD=f"guess-{index}"), remote_addr="10.92.0.1"
                )
            except OciLoginRefused as refusal:
                return refusal.status
            return 200

        with patch.object(Connection, "_check_credentials", counting):
            results = self._run_at_once(16, login)
        self.assertEqual(sorted(set(results)), [401, 429], results)
        self.assertLessEqual(len(checks), 5)
        self.assertEqual(results.count(401), len(checks))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            refused = env["oci.session"].search_count(
                [("remote_addr", "=", "10.92.0.1"), ("state", "=", "refused")]
            )
            self.assertEqual(refused, len(checks), "every checked failure is logged")

    def test_concurrent_wrong_po_secrets_checked_at_most_max_failures(self):
        """The PO endpoints share the throttle: 20 wrong UBL logins at once
        from one address check at most max_failures secrets."""
        self._set_params(max_failures=4, failure_window=15)
        Connection = self.registry["oci.connection"]
        original = Connection._po_check_secret
        checks = []
        lock = threading.Lock()

        def counting(connection, identity, secret):
            with lock:
                checks.append(secret)
            return original(connection, identity, secret)

        def send(env, index):
            code, _text, _record = env["oci.purchase.order"]._po_receive_ubl(
                CODE, b"<Order/>", "CONC-LOGIN-ID", f"guess-{index}", remote_addr="10.93.0.1"
            )
            return code

        with patch.object(Connection, "_po_check_secret", counting):
            results = self._run_at_once(20, send)
        self.assertEqual(sorted(set(results)), [401, 429], results)
        self.assertLessEqual(len(checks), 4)
        self.assertEqual(results.count(401), len(checks))

    def test_successful_logins_release_their_slot(self):
        """Good logins do not use up the failures of an address."""
        self._cheap_hash()
        self._set_params(max_failures=3, failure_window=15)

        def login(env, index):
            return (
                env["oci.session"]
                ._oci_login(
                    CODE, self._params(HOOK_URL=f"{HOOK_URL}?ok={index}"), remote_addr="10.94.0.1"
                )
                .id
            )

        for _round in range(3):
            results = self._run_at_once(3, login)
            self.assertTrue(all(isinstance(r, int) for r in results), results)

        def wrong(env, index):
            try:
                env["oci.session"]._oci_login(
                    CODE, self._params(PASSWORD="bad"), remote_addr="10.94.0.1"
                )
            except OciLoginRefused as refusal:
                return refusal.status
            return 200

        self.assertEqual(self._run_at_once(4, wrong).count(401), 3)

        def po(env, index):
            try:
                env["oci.purchase.order"]._po_check_throttle("10.94.0.1")
            except PoDocumentError as error:
                return error.code
            return 200

        self.assertEqual(self._run_at_once(1, po), [429], "PO and login share the count")
