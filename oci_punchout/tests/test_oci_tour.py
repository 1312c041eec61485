# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from urllib.parse import urlencode

from odoo.tests import HttpCase, tagged

from ..tools import oci_format
from .common import OCI_SECRET, OciCommon


@tagged("post_install", "-at_install")
class TestOciTour(OciCommon, HttpCase):
    """The punchout in a real (headless) browser, against the built-in test
    buyer as procurement system."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connection.test_mode = True
        cls.tour_product = cls._create_product("OCI Tourtaart", "TT-TOUR", 21.5, cls.categ_cakes)

    def test_punchout_tour(self):
        hook_url = f"{self.base_url()}/oci/test-buyer/hook?x=1"
        query = urlencode(
            {
                "USERNAME": self.connection.username,
                "PASSWORD": OCI_SECRET,
                "HOOK_URL": hook_url,
                "~OkCode": "ADDI",
                "~TARGET": "_top",
                "~CALLER": "CTLG",
            }
        )
        self.start_tour(f"/oci/{self.connection.code}/login?{query}", "oci_punchout_tour")
        session = self.env["oci.session"].search(
            [("connection_id", "=", self.connection.id)], limit=1
        )
        self.assertEqual(session.state, "transferred")
        self.assertEqual(session.hook_url, hook_url)
        self.assertEqual(session.order_id.state, "sent")
        self.assertEqual(session.order_id.order_line.product_id, self.tour_product)

    def test_backend_test_buyer_tour(self):
        """A salesman tries a connection from the backend's test buyer page."""
        self.env["oci.connection"].search([("id", "!=", self.connection.id)]).active = False
        salesman = self.env["res.users"].create(
            {
                "name": "Sam Sales",
                "login": "sam_oci_tour",
                "password": "sam_oci_tour",
                "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])],
            }
        )
        self.start_tour("/oci/test-buyer", "oci_test_buyer_tour", login=salesman.login)
        session = self.env["oci.session"].search(
            [("connection_id", "=", self.connection.id)], limit=1
        )
        self.assertEqual(session.function, "validate")
        self.assertEqual(session.state, "transferred")
        self.assertEqual(session.transfer_item_count, 1)
        items = oci_format.parse_cart_form(session.transfer_fields)
        self.assertEqual(items[0]["DESCRIPTION"], "OCI Tourtaart")
