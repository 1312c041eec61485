# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hostile login requests over real HTTP: NUL bytes, bytes that are not
UTF-8, absurd product ids. Each gets a clear 4xx page, is recorded (the
throttle counts it) and never a 500."""

import socket

from odoo.tests import tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME

from ..tools import oci_format
from .common import OCI_SECRET
from .http_common import OciHttpCommon


@tagged("post_install", "-at_install")
class TestOciHostileLogin(OciHttpCommon):
    def _refusals(self):
        return self.env["oci.session"].search([("state", "=", "refused")], order="id desc")

    def _post(self, path, data, **kwargs):
        self._fresh_opener()
        self.env.flush_all()
        response = self.url_open(path, data=data, allow_redirects=False, **kwargs)
        self.env.invalidate_all()
        return response

    def _assert_clear_400(self, response, text):
        self.assertEqual(response.status_code, 400, response.text[:800])
        self.assertIn("o_oci_error", response.text, "our own error page")
        self.assertIn(text, response.text)
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        web_session = self._session_of()
        self.assertFalse(web_session and web_session.uid, "nobody is logged in")

    def test_nul_in_a_parameter_value(self):
        before = self._refusals()
        for name in ("USERNAME", "PASSWORD", "HOOK_URL", "~TARGET", "email"):
            with self.subTest(parameter=name):
                value = {"HOOK_URL": "https://srm.example.com/sap/\x00x"}.get(name, "ab\x00cd")
                response = self._post(self._url_login(), self._login_params(**{name: value}))
                self._assert_clear_400(response, "NUL")
                log = self._refusals()[:1]
                self.assertNotIn(log, before)
                self.assertEqual(log.connection_id, self.connection)
                self.assertEqual(log.http_status, 400)
                self.assertNotIn("\x00", str(log.params))
                if name == "PASSWORD":
                    self.assertEqual(log.params["PASSWORD"], "***")
                else:
                    self.assertEqual(log.params[name], value.replace("\x00", ""))
                before |= log
        self.assertFalse(self.env["oci.session"].search([("state", "=", "open")]))

    def test_nul_in_a_parameter_name_or_the_query(self):
        response = self._post(self._url_login(), dict(self._login_params(), **{"X\x00Y": "1"}))
        self._assert_clear_400(response, "NUL")
        self.assertIn("XY", self._refusals()[0].params)
        self._fresh_opener()
        response = self.opener.get(
            self.base_url() + self._url_login() + "?USERNAME=%00&PASSWORD=x%00y&HOOK_URL=x",
            allow_redirects=False,
            timeout=30,
        )
        self._assert_clear_400(response, "NUL")
        self.env.invalidate_all()
        self.assertEqual(self._refusals()[0].params["USERNAME"], "")

    def test_nul_in_the_path(self):
        response = self._post(f"/oci/{self.connection.code}%00/login", self._login_params())
        self._assert_clear_400(response, "NUL")
        log = self._refusals()[0]
        self.assertEqual(log.http_status, 400)
        self.assertEqual(log.connection_id, self.connection, "known once the NUL is removed")
        self.assertEqual(log.params["PASSWORD"], "***")
        response = self._post("/oci/%00/login", {"a": "b"})
        self._assert_clear_400(response, "NUL")

    def test_nul_refusals_are_counted_by_the_throttle(self):
        self.env["ir.config_parameter"].sudo().set_param("oci_punchout.max_failures", 2)
        for _i in range(2):
            response = self._post(f"/oci/{self.connection.code}%00/login", self._login_params())
            self.assertEqual(response.status_code, 400)
        # The right secret now is refused from that address without a check.
        response = self._punchout()
        self.assertEqual(response.status_code, 429, response.text[:500])
        self.assertIn("Too many failed attempts", response.text)

    def test_bytes_that_are_not_utf8_in_the_form(self):
        body = (
            b"USERNAME="
            + self.connection.username.encode()
            + b"&PASSWORD="
            + OCI_SECRET.encode()
            + b"&HOOK_URL=https%3A%2F%2Fsrm.example.com%2Fsap%2F&name=Gr\xfc\xdf"
        )
        before = len(self._refusals())
        response = self._post(
            self._url_login(),
            body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        self._assert_clear_400(response, "UTF-8")
        self.assertEqual(len(self._refusals()), before + 1, "recorded")
        # Latin-1 escaped (%FC): kept as text, never a 500.
        response = self._post(
            self._url_login(),
            b"USERNAME=Gr%FC%DF&PASSWORD=x&HOOK_URL=x",
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=iso-8859-1"},
        )
        self.assertEqual(response.status_code, 401, response.text[:500])

    def test_bytes_that_are_not_utf8_in_the_query(self):
        """Raw (unescaped) Latin-1 bytes in the request line, as a careless
        client sends them: a clear 400 or a refusal, never a 500."""
        path = self._url_login().encode() + b"?USERNAME=Gr\xfc\xdf&PASSWORD=\xe9&HOOK_URL=x"
        request = (
            b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            b"Cookie: "
            + f"{TEST_CURSOR_COOKIE_NAME}={self.http_request_key}".encode()
            + b"\r\n\r\n"
        )
        self.env.flush_all()
        host, port = self.base_url().split("//")[1].split(":")
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            sock.sendall(request)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
        status = int(answer.split(b" ", 2)[1])
        self.assertIn(status, (400, 401), answer[:600])

    def test_absurd_product_ids(self):
        huge = "99999999999999999999"
        response = self._punchout(FUNCTION="DETAIL", PRODUCTID=huge)
        self.assertEqual(response.status_code, 404, response.text[:500])
        self.assertIn("not in your catalog", response.text)
        # VALIDATE of a product that does not exist: the empty answer.
        response = self._punchout(FUNCTION="VALIDATE", PRODUCTID=huge, QUANTITY="1")
        _attrs, pairs, _doc = self._parse_form(response)
        self.assertEqual(oci_format.parse_cart_form(pairs), [])
        for function in ("DETAIL", "VALIDATE"):
            with self.subTest(function=function):
                response = self._punchout(FUNCTION=function, PRODUCTID="9" * 41)
                self.assertEqual(response.status_code, 400, response.text[:500])
                self.assertIn("PRODUCTID", response.text)
                response = self._punchout(FUNCTION=function, PRODUCTID="-1")
                self.assertIn(response.status_code, (200, 404), response.text[:500])
