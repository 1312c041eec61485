# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers of the cXML punchout HTTP tests: a procurement system posting
PunchOutSetupRequests, and browsers (each its own cookie jar) following the
StartPage, filling the cart through the website routes and pressing
Transfer."""

from pathlib import Path

import lxml.html
import requests
from lxml import etree

from odoo.tests import HttpCase
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME

from ..tools import cxml_punchout as cx
from .browser_common import CookieBrowser
from .common import OciCommon

CXML_IDENTITY = "AN01000000999"
CXML_SECRET = "cxml-Shared-s3cret"
SHOP = ("DUNS", "123456789")
FORM_POST = "https://buyer.example.com/punchout/return?cart=1&x=%20y"
DTD_PATH = Path("/opt/oci-validation/cXML.dtd")


def dtd_errors(xml):
    """DTD validation errors of a cXML document; None when no DTD is here."""
    if not DTD_PATH.exists():
        return None
    dtd = etree.DTD(str(DTD_PATH))
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    return None if dtd.validate(root) else str(dtd.error_log.filter_from_errors())


class CxmlBrowser(CookieBrowser):
    """One browser of a cXML punchout."""

    csrf_path = "/shop/cart"

    def start(self, url):
        return self.request("GET", url)

    def press(self, path="/oci/cxml/transfer"):
        """Press Transfer/Cancel: (form action, decoded order, raw response)."""
        response = self.request("POST", path, data={"csrf_token": self.csrf()})
        self.case.assertEqual(response.status_code, 200, response.text[:800])
        doc = lxml.html.fromstring(response.content)
        forms = doc.xpath("//form[@id='oci_transfer_form']")
        self.case.assertEqual(len(forms), 1, "exactly one transfer form")
        pairs = [(n.get("name"), n.get("value") or "") for n in forms[0].xpath(".//input")]
        order = cx.decode_order_message(pairs)
        return forms[0].get("action"), order, response


class CxmlHttpCommon(OciCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("oci_punchout.max_failures", 1000)
        cls.connection.write(
            {
                "punchout_protocol": "both",
                "po_identity": CXML_IDENTITY,
                "po_domain": "NetworkID",
                "po_secret": CXML_SECRET,
                "cxml_form_post_prefixes": "https://buyer.example.com/punchout/",
                "cxml_unspsc": "50181900",
            }
        )
        cls.other_connection.write(
            {
                "punchout_protocol": "cxml",
                "po_identity": "AN-OTHER",
                "po_domain": "NetworkID",
                "po_secret": "other-secret",
                "cxml_form_post_prefixes": "https://buyer.example.com/punchout/",
            }
        )
        cls.branch.write({"ref": "NOORD"})

    def _setup_xml(self, operation="create", secret=CXML_SECRET, identity=CXML_IDENTITY, **kw):
        kw.setdefault("buyer_cookie", "cookie-1")
        return cx.build_setup_request(
            kw.pop("buyer_cookie"),
            kw.pop("url", FORM_POST),
            ("NetworkID", identity),
            SHOP,
            ("NetworkID", identity),
            secret,
            operation=operation,
            **kw,
        )

    def _post_setup(self, body, code=None, content_type="text/xml; charset=utf-8"):
        """(status code, status text, detail, StartPage URL) of a setup."""
        self.env.flush_all()
        response = requests.post(
            f"{self.base_url()}/oci/{code or self.connection.code}/cxml/setup",
            data=body,
            headers={"Content-Type": content_type},
            cookies={TEST_CURSOR_COOKIE_NAME: self.http_request_key},
            timeout=60,
        )
        self.env.invalidate_all()
        self.assertEqual(response.status_code, 200, "cXML answers inside HTTP 200")
        self.assertIn("text/xml", response.headers["Content-Type"])
        self.assertEqual(response.headers.get("Cache-Control"), "no-store")
        problems = dtd_errors(response.content)
        self.assertFalse(problems, problems)
        return cx.parse_setup_response(response.content)

    def _setup(self, **kw):
        status, text, detail, url = self._post_setup(self._setup_xml(**kw))
        self.assertEqual(status, 200, f"{text} {detail}")
        self.assertTrue(url)
        return url

    def _session(self, connection=None):
        return self.env["oci.session"].search(
            [("connection_id", "=", (connection or self.connection).id)], order="id desc", limit=1
        )
