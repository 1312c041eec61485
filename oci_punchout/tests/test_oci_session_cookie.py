# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .common import OCI_SECRET, OciCommon


@tagged("post_install", "-at_install")
class TestOciSessionCookie(OciCommon, HttpCase):
    """What happens to the browser session when a punchout session ends."""

    def _login(self):
        params = self._login_params()
        return self.url_open(
            f"/oci/{self.connection.code}/login", data=params, allow_redirects=False
        )

    def test_ended_session_logs_out_and_new_login_still_works(self):
        response = self._login()
        self.assertEqual(response.status_code, 303)
        session = self.env["oci.session"].search(
            [("connection_id", "=", self.connection.id)], limit=1
        )
        self.assertEqual(session.state, "open")
        shop = self.url_open("/shop")
        self.assertIn("o_oci_banner", shop.text)
        # The session lifetime passes while the buyer is away.
        session.expires_at = "2000-01-01 00:00:00"
        page = self.url_open("/shop", allow_redirects=False)
        self.assertEqual(page.status_code, 303)
        self.assertTrue(page.headers["Location"].endswith("/oci/ended"))
        # The request that found it ended was answered with a redirect (its
        # transaction is not kept): the cron records the expiry.
        session.invalidate_recordset()
        self.env["oci.session"]._cron_expire_sessions()
        self.assertEqual(session.state, "expired")
        ended = self.url_open("/oci/ended")
        self.assertEqual(ended.status_code, 410)
        # Logged out: the shop no longer shows the banner nor the orderer.
        shop = self.url_open("/shop")
        self.assertNotIn("o_oci_banner", shop.text)
        self.assertNotIn(self.orderer.name, shop.text)
        # Back from the procurement system the next day: the stale cookie does
        # not get in the way of a new login.
        session2_response = self._login()
        self.assertEqual(session2_response.status_code, 303)
        self.assertIn("o_oci_banner", self.url_open("/shop").text)

    def test_superseded_session_in_other_browser(self):
        self._login()
        self.assertIn("o_oci_banner", self.url_open("/shop").text)
        # The same requisition (same user and HOOK_URL) punches out again from
        # another browser: it takes over, this browser's punchout has ended.
        self.env["oci.session"].sudo()._oci_login(
            self.connection.code, self._login_params(), remote_addr="10.1.1.1"
        )
        page = self.url_open("/shop", allow_redirects=False)
        self.assertEqual(page.status_code, 303)
        self.assertTrue(page.headers["Location"].endswith("/oci/ended"))

    def test_wrong_secret_over_http_logs_nobody_in(self):
        params = self._login_params(PASSWORD=OCI_SECRET + "x")
        response = self.url_open(
            f"/oci/{self.connection.code}/login", data=params, allow_redirects=False
        )
        self.assertEqual(response.status_code, 401)
        self.assertIn("Wrong or missing credentials", response.text)
        self.assertNotIn("o_oci_banner", self.url_open("/shop").text)
