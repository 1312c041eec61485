# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import importlib
import logging

from passlib.context import CryptContext
from passlib.hash import pbkdf2_sha512

import odoo
from odoo.exceptions import AccessError
from odoo.tests import BaseCase, tagged

from ..exceptions import OciLoginRefused, PoDocumentError
from ..tools import secrets as secrets_tool
from ..tools.log_redact import RedactOciCredentials
from .common import OCI_SECRET, OciCommon


@tagged("post_install", "-at_install")
class TestOciLogin(OciCommon):
    def test_secret_is_hashed_never_readable(self):
        conn = self.connection.sudo()
        self.assertTrue(conn.password_hash.startswith("$pbkdf2-sha512$"))
        self.assertNotIn(OCI_SECRET, conn.password_hash)
        self.assertFalse(conn.password)
        self.assertTrue(self.connection.password_set)
        # A sales manager cannot read the hash.
        manager = self.env["res.users"].create(
            {
                "name": "Mgr",
                "login": "mgr_oci",
                "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_manager").id])],
            }
        )
        with self.assertRaises(AccessError):
            self.connection.with_user(manager).read(["password_hash"])

    def test_login_opens_session(self):
        session = self._open_session()
        self.assertEqual(session.state, "open")
        self.assertEqual(session.function, "login")
        self.assertEqual(session.user_id, self.orderer_user)
        self.assertEqual(session.partner_id, self.customer)
        self.assertEqual(session.hook_url, "https://srm.example.com/sap/bc/hook?sess=42&x=%20y")
        self.assertEqual(session.form_target, "_top")
        self.assertEqual(
            [tuple(p) for p in session.echo_fields],
            [("~OkCode", "ADDI"), ("~TARGET", "_top"), ("~CALLER", "CTLG")],
        )
        self.assertEqual(session.params["PASSWORD"], "***")
        self.assertNotIn(OCI_SECRET, str(session.params))
        self.assertEqual(session.oci_version, "4.0")
        self.assertTrue(session.expires_at)

    def _refuse(self, code=None, remote_addr="10.9.9.9", **params):
        """Like the controller: catch the refusal without rolling back (the
        refusal is logged), unlike assertRaises' savepoint."""
        try:
            self.env["oci.session"].sudo()._oci_login(
                code or self.connection.code, self._login_params(**params), remote_addr=remote_addr
            )
        except OciLoginRefused as refusal:
            return refusal
        self.fail("login was not refused")

    def _assert_refused(self, status, reason_part, code=None, **params):
        before = self.env["oci.session"].search_count([("state", "=", "open")])
        refusal = self._refuse(code=code, **params)
        self.assertEqual(refusal.status, status)
        self.assertIn(reason_part, refusal.reason)
        self.assertEqual(self.env["oci.session"].search_count([("state", "=", "open")]), before)
        log = self.env["oci.session"].search([("state", "=", "refused")], limit=1)
        self.assertEqual(log.http_status, status)
        self.assertNotIn(OCI_SECRET, str(log.params))
        return log

    def test_refusals(self):
        self.env["ir.config_parameter"].sudo().set_param("oci_punchout.max_failures", 100)
        self._assert_refused(401, "credentials", PASSWORD="wrong")
        self._assert_refused(401, "credentials", PASSWORD=None)
        self._assert_refused(401, "credentials", USERNAME="someone")
        self._assert_refused(404, "Unknown", code="nope")
        self._assert_refused(400, "allowed prefixes", HOOK_URL="https://evil.example.net/")
        self._assert_refused(400, "forbidden", HOOK_URL="javascript:alert(document.cookie)")
        self._assert_refused(400, "missing", HOOK_URL=None)
        self._assert_refused(413, "too long", HOOK_URL="https://srm.example.com/sap/" + "x" * 5000)
        self._assert_refused(400, "FUNCTION", FUNCTION="DROP_TABLES")
        self._assert_refused(400, "QUANTITY", FUNCTION="VALIDATE", PRODUCTID="1", QUANTITY="-3")
        log = self._assert_refused(401, "credentials", PASSWORD="wrong", extra_password="x")
        self.assertEqual(log.params.get("extra_password"), "***")

    def test_wrong_password_creates_no_orderer(self):
        conn = self.connection
        conn.write({"orderer_mode": "param", "orderer_param": "email", "orderer_auto_create": True})
        partners = self.env["res.partner"].search_count([])
        users = self.env["res.users"].search_count([])
        self._refuse(PASSWORD="bad", email="new.person@zorg.example")
        self._refuse(HOOK_URL="https://evil.example/", email="new.person@zorg.example")
        # The e-mail of another customer's user: refused, nothing made.
        self.assertEqual(self._refuse(email="bob@ander.example").status, 403)
        # DETAIL of a product that is not in the catalog: a refusal, before
        # any orderer is made for it.
        refusal = self._refuse(
            email="new.person@zorg.example", FUNCTION="DETAIL", PRODUCTID="99999999999999999999"
        )
        self.assertEqual(refusal.status, 404)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertEqual(self.env["res.users"].search_count([]), users)

    def test_orderer_from_param(self):
        self.connection.write(
            {"orderer_mode": "param", "orderer_param": "email", "orderer_auto_create": True}
        )
        session = self._open_session(email="ANNA@zorg.example")
        self.assertEqual(session.orderer_id, self.orderer)
        session = self._open_session(email="new.person@zorg.example", fname="New", lname="Person")
        self.assertEqual(session.orderer_id.name, "New Person")
        self.assertEqual(session.orderer_id.commercial_partner_id, self.customer)
        self.assertTrue(session.user_id._is_portal())
        # An orderer of another customer is never picked (nor duplicated).
        refusal = self._refuse(email="bob@ander.example")
        self.assertEqual(refusal.status, 403)
        # No orderer named: the fixed orderer.
        self.assertEqual(self._open_session().orderer_id, self.orderer)

    def test_same_requisition_resumes_cart(self):
        """The same user and HOOK_URL again: the same requisition coming
        back (closed window, crash) takes over the open cart."""
        first = self._open_session()
        order = self._cart(first, [(self.product_cake, 2)])
        second = self._open_session()
        self.assertEqual(first.state, "expired")
        self.assertIn(str(second.id), first.state_reason)
        self.assertEqual(second.order_id, order)
        self.assertEqual(order.oci_session_id, second)

    def test_other_requisition_keeps_its_own_session(self):
        """Another HOOK_URL of the same user (SRMs log every requisitioner in
        with one technical user) is another requisition: it ends nothing and
        takes no cart."""
        first = self._open_session()
        order = self._cart(first, [(self.product_cake, 2)])
        second = self._open_session(HOOK_URL="https://srm.example.com/sap/bc/hook?sess=43")
        self.assertEqual((first.state, second.state), ("open", "open"))
        self.assertEqual(first.order_id, order)
        self.assertEqual(order.oci_session_id, first)
        self.assertFalse(second.order_id)
        # A same-HOOK_URL session past its lifetime ends as expired; its
        # cart is not resumed.
        first.expires_at = "2000-01-01 00:00:00"
        third = self._open_session()
        self.assertEqual(first.state, "expired")
        self.assertFalse(third.order_id)
        self.assertEqual(second.state, "open")

    def test_throttle_after_failures(self):
        self.env["ir.config_parameter"].sudo().set_param("oci_punchout.max_failures", 3)
        for _i in range(3):
            self.assertEqual(self._refuse(remote_addr="10.0.0.1", PASSWORD="bad").status, 401)
        # Now even the right secret is refused from that address.
        self.assertEqual(self._refuse(remote_addr="10.0.0.1").status, 429)
        # Another address is not affected.
        session = (
            self.env["oci.session"]
            .sudo()
            ._oci_login(self.connection.code, self._login_params(), remote_addr="10.0.0.2")
        )
        self.assertEqual(session.state, "open")

    def test_expiry_cron(self):
        session = self._open_session()
        session.expires_at = "2000-01-01 00:00:00"
        self.assertFalse(session._is_usable())
        self.assertGreaterEqual(self.env["oci.session"]._cron_expire_sessions(), 1)
        self.assertEqual(session.state, "expired")

    def test_prefix_needs_a_host(self):
        from odoo.exceptions import ValidationError

        for bad in ("https://", "http:///path", "ftp://srm.example.com/"):
            with self.subTest(prefix=bad), self.assertRaises(ValidationError):
                self.connection.hook_url_prefixes = bad

    def test_custom_password_parameter_redacted_even_when_oversized(self):
        self.connection.password_param = "KENNWORT"
        params = self._login_params(HOOK_URL="https://srm.example.com/sap/" + "x" * 5000)
        params["KENNWORT"] = OCI_SECRET
        try:
            self.env["oci.session"].sudo()._oci_login(
                self.connection.code, params, remote_addr="10.3.3.3"
            )
        except OciLoginRefused as refusal:
            self.assertEqual(refusal.status, 413)
        log = self.env["oci.session"].search([("remote_addr", "=", "10.3.3.3")])
        self.assertEqual(log.params["KENNWORT"], "***")
        self.assertNotIn(OCI_SECRET, str(log.params))

    def test_test_hook_only_on_configured_base_url(self):
        self.connection.test_mode = True
        base = self.website.get_base_url()

        def login(hook):
            return (
                self.env["oci.session"]
                .sudo()
                ._oci_login(
                    self.connection.code,
                    self._login_params(HOOK_URL=hook),
                    remote_addr="10.4.4.4",
                    own_hook_path="/oci/test-buyer/hook",
                )
            )

        self.assertEqual(login(f"{base}/oci/test-buyer/hook?x=1").state, "open")
        # A Host header can't make another host's test hook acceptable.
        with self.assertRaises(OciLoginRefused):
            login("http://evil.example/oci/test-buyer/hook")
        self.connection.test_mode = False
        with self.assertRaises(OciLoginRefused):
            login(f"{base}/oci/test-buyer/hook?x=1")


@tagged("post_install", "-at_install")
class TestOciHashedSecrets(OciCommon):
    """The login password and the PO shared secret share one implementation
    (tools/secrets.py and oci.connection's secret helpers)."""

    def _po_refused(self, identity, secret):
        try:
            self.connection._po_check_secret(identity, secret)
        except PoDocumentError as error:
            return error.code
        return None

    def test_po_secret_stored_like_the_login_password(self):
        self.connection.write({"po_identity": "AN-H2", "po_secret": "po-s3cret"})
        self.connection.invalidate_recordset()
        conn = self.connection.sudo()
        self.assertTrue(conn.po_secret_hash.startswith("$pbkdf2-sha512$"))
        self.assertNotIn("po-s3cret", conn.po_secret_hash)
        self.assertFalse(conn.po_secret)
        self.assertTrue(self.connection.po_secret_set)
        self.assertIsNone(self._po_refused("AN-H2", "po-s3cret"))
        self.assertEqual(self._po_refused("AN-H2", "wrong"), 401)
        self.assertEqual(self._po_refused("AN-OTHER", "po-s3cret"), 401)
        self.assertEqual(self._po_refused("AN-H2", ""), 401)
        # An empty input keeps the stored secret.
        self.connection.write({"po_secret": False})
        self.assertIsNone(self._po_refused("AN-H2", "po-s3cret"))

    def test_secret_stored_in_clear_never_verifies(self):
        """A value written in clear into the hash column (by SQL, an import, a
        careless script) is not a hash: it must not open the login nor the PO
        endpoints, although Odoo's crypt context reads it as 'plaintext'."""
        self.connection.sudo().write(
            {"password_hash": OCI_SECRET, "po_identity": "AN-H2", "po_secret_hash": "po-clear"}
        )
        refusal = None
        try:
            self.connection._check_credentials(self._login_params())
        except OciLoginRefused as error:
            refusal = error
        self.assertTrue(refusal)
        self.assertEqual(refusal.status, 401)
        self.assertEqual(self._po_refused("AN-H2", "po-clear"), 401)

    def test_existing_hashes_keep_verifying(self):
        """Hashes stored before (other round counts) still verify."""
        older = pbkdf2_sha512.using(rounds=1000).hash(OCI_SECRET)
        self.connection.sudo().password_hash = older
        self.connection._check_credentials(self._login_params())
        self.connection.sudo().write({"po_identity": "AN-H2", "po_secret_hash": older})
        self.assertIsNone(self._po_refused("AN-H2", OCI_SECRET))

    def test_po_secret_remembered_until_it_changes(self):
        """A PO sender's verified secret is not hashed again by this process
        (one pbkdf2 check per PO otherwise); a new secret replaces it at once
        and a wrong one is still refused."""
        self.connection.write({"po_identity": "AN-H2", "po_secret": "po-first"})
        self.assertIsNone(self._po_refused("AN-H2", "po-first"))
        self.assertIsNone(self._po_refused("AN-H2", "po-first"))
        self.assertEqual(self._po_refused("AN-H2", "po-firsT"), 401)
        self.connection.write({"po_secret": "po-second"})
        self.assertEqual(self._po_refused("AN-H2", "po-first"), 401)
        self.assertIsNone(self._po_refused("AN-H2", "po-second"))

    def test_verified_secrets_keep_successes_only(self):
        crypt = CryptContext(["pbkdf2_sha512", "plaintext"], pbkdf2_sha512__rounds=1000)
        hashed = secrets_tool.hash_secret(crypt, "abc")
        seen = secrets_tool.VerifiedSecrets(size=2)
        self.assertFalse(seen.verify(crypt, "abd", hashed))
        self.assertFalse(seen.verify(crypt, "abc", "abc"))  # stored in clear
        self.assertFalse(seen.verify(crypt, "", hashed))
        self.assertEqual(len(seen), 0)
        self.assertTrue(seen.verify(crypt, "abc", hashed))
        self.assertEqual(len(seen), 1)
        # Remembered: answered without the hash check (a context that cannot
        # even read the stored hash still says yes), for this hash only.
        unreadable = CryptContext(["plaintext"])
        self.assertTrue(seen.verify(unreadable, "abc", hashed))
        self.assertFalse(seen.verify(crypt, "abc", secrets_tool.hash_secret(crypt, "abd")))
        other = secrets_tool.hash_secret(crypt, "abc")
        self.assertTrue(seen.verify(crypt, "abc", other))
        self.assertTrue(seen.verify(crypt, "abc", secrets_tool.hash_secret(crypt, "abc")))
        self.assertEqual(len(seen), 2)  # bounded: the oldest entry is gone
        self.assertFalse(seen.verify(unreadable, "abc", hashed))
        self.assertNotIn(b"abc", b"".join(seen._seen))

    def test_pure_helpers(self):
        crypt = CryptContext(["pbkdf2_sha512", "plaintext"], pbkdf2_sha512__rounds=1000)
        hashed = secrets_tool.hash_secret(crypt, "abc")
        self.assertTrue(secrets_tool.verify_secret(crypt, "abc", hashed))
        for secret, stored in (
            ("abd", hashed),
            ("", hashed),
            ("abc", ""),
            ("abc", False),
            ("abc", "abc"),
            ("abc", "$pbkdf2-sha512$broken"),
        ):
            self.assertFalse(secrets_tool.verify_secret(crypt, secret, stored), (secret, stored))
        with self.assertRaises(ValueError):
            secrets_tool.hash_secret(crypt, "")
        self.assertTrue(secrets_tool.same_text("AN-1", "AN-1"))
        self.assertFalse(secrets_tool.same_text("AN-1", "AN-2"))
        self.assertFalse(secrets_tool.same_text("", ""))


@tagged("post_install", "-at_install")
class TestOciLogFilter(BaseCase):
    def test_post_load_installs_the_request_log_filter_once(self):
        """The werkzeug filter is installed by the manifest's post_load hook
        (not by importing a controller), once however often it runs."""
        self.assertEqual(odoo.modules.module.get_manifest("oci_punchout")["post_load"], "post_load")
        werkzeug_logger = logging.getLogger("werkzeug")
        ours = [f for f in werkzeug_logger.filters if isinstance(f, RedactOciCredentials)]
        for existing in ours:
            werkzeug_logger.removeFilter(existing)
        self.addCleanup(lambda: [werkzeug_logger.addFilter(f) for f in ours])
        addon = importlib.import_module("odoo.addons.oci_punchout")
        addon.post_load()
        addon.post_load()
        installed = [f for f in werkzeug_logger.filters if isinstance(f, RedactOciCredentials)]
        self.assertEqual(len(installed), 1)
        self.addCleanup(werkzeug_logger.removeFilter, installed[0])
        record = logging.LogRecord(
            "werkzeug",
            logging.INFO,
            "",
            0,
            '"%s" %s',
            ("GET /oci/x/login?PASSWORD=p HTTP/1.1", 200),
            None,
        )
        installed[0].filter(record)
        self.assertIn("PASSWORD=***", record.getMessage())
        self.assertNotIn("PASSWORD=p ", record.getMessage())
