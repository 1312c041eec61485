# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Unit tests of the Odoo-free cXML punchout layer (oci_punchout/tools/cxml_*.py):
the PunchOutSetupRequest and the answers (the PunchOutOrderMessage and the
DTD checks are in test_tools_cxml_punchout_message.py).

The module is pure Python (it imports nothing from Odoo); these are Odoo test
classes without database use, so that `odoo --test-enable` and pytest-odoo
both run them.

DTD tier: every document built here is validated with lxml against the
official cXML DTD when a copy is on the machine ($OCI_CXML_DTD, else
/opt/oci-validation/cXML.dtd; the copy used in development is cXML 1.2.063
from the FriendsOfCXML/cxml-php test metadata). Never fetched, never
committed; those checks skip when it is absent. The structure the cXML guide
requires (element order, mandatory attributes, payloadID/timestamp formats)
is always checked with plain assertions.
"""

import dataclasses
from decimal import Decimal

from odoo.tests import BaseCase

from ..tools import cxml_punchout as cp
from .tools_cxml_common import (
    HOSTILE,
    SECRET,
    SHOP,
    TEXT,
    URL,
    check_envelope,
    parse,
    refused,
    setup_xml,
    tags,
)


class TestCxmlSetupRequest(BaseCase):
    """PunchOutSetupRequest: read, and refused when hostile or broken."""

    def test_setup_request_is_read(self):
        req = cp.parse_setup_request(setup_xml("edit"))
        assert (req.payload_id, req.timestamp) == (
            "1233444-200@ariba.example.com",
            "2026-05-04T10:00:00+02:00",
        )
        assert (req.operation, req.deployment_mode, req.buyer_cookie) == (
            "edit",
            "test",
            "34234234ADFSDF234234",
        )
        assert req.browser_form_post_url == URL
        assert req.from_credentials == (
            cp.Credential("NetworkID", "AN01000000001"),
            cp.Credential("PrivateID", "ACME-NL"),
        )
        assert req.to_credentials == (cp.Credential(*SHOP),)
        assert req.user_agent == "Ariba SN Buyer"
        assert (req.contact_name, req.contact_email) == ("Jan Jansen", "jan@acme.nl")
        assert req.extrinsics == {
            "UserEmail": "jan@acme.nl",
            "UniqueName": "jjansen",
            "CostCenter": "4711",
        }
        assert req.ship_to == cp.Address(
            "BR-ZWL",
            "Zwolle",
            ("Receptie",),
            ("Hoofdstraat 1", "2e etage"),
            "Zwolle",
            "8011 AA",
            "NL",
        )
        assert req.selected_item.supplier_part_id == "TAART-24"
        (line,) = req.items
        assert (line.supplier_part_id, line.supplier_part_auxiliary_id, line.line_number) == (
            "TAART-24",
            "S00042/17",
            "1",
        )
        assert (line.quantity, line.unit_price, line.currency) == (2, Decimal("32.50"), "EUR")
        assert str(line.unit_price) == "32.50"
        assert (line.description, line.unit_of_measure) == ("Slagroomtaart 24 cm", "C62")
        assert line.classifications == (("UNSPSC", "50181900"),)
        assert cp.credential_matches(req.sender_credentials, "networkid", "AN01000000001")
        assert not cp.credential_matches(req.sender_credentials, "DUNS", "AN01000000001")
        assert cp.parse_setup_request(setup_xml("create")).items == ()
        spaced = setup_xml(old="<BuyerCookie>34234234ADFSDF234234", new="<BuyerCookie>\n  a  b")
        assert cp.parse_setup_request(spaced).buyer_cookie == "a  b"  # echoed as sent
        assert len(cp.parse_setup_request(setup_xml("inspect")).items) == 1

    def test_shared_secret_stays_in_memory(self):
        req = cp.parse_setup_request(setup_xml())
        assert req.sender_secret.reveal() == SECRET
        assert req.sender_secret.equals(SECRET) and not req.sender_secret.equals("hunter2")
        for shown in (
            repr(req),
            str(req),
            f"{req.sender_secret}",
            str(dataclasses.asdict(req)),
            repr(req.sender_secret),
        ):
            assert SECRET not in shown
        other = cp.parse_setup_request(setup_xml(old=SECRET, new="other"))
        assert other == req  # the secret is outside comparisons too
        assert not cp.parse_setup_request(
            setup_xml(old=f"<SharedSecret>{SECRET}</SharedSecret>", new="")
        ).sender_secret

    def test_hostile_or_broken_setup_requests_are_refused(self):
        for index, (data, code, match) in enumerate(HOSTILE):
            with self.subTest(index=index, match=match or code):
                error = refused(data, code, match)
                assert "/etc/passwd" not in error.message and "Traceback" not in error.message

    def test_operation_must_be_create_edit_or_inspect(self):
        for operation in ("source", "delete", "CREATE", "create;drop"):
            refused(setup_xml(operation), 406, "create, edit and inspect")
        refused(setup_xml(old='operation="OPERATION"', new=""), 400, "no operation")

    def test_edit_lines_with_absurd_quantities_are_refused(self):
        for quantity in ("-1", "0", "abc", "NaN", "Infinity", "1e20", ""):
            with self.subTest(quantity=quantity):
                refused(
                    setup_xml("edit", old='quantity="2"', new=f'quantity="{quantity}"'),
                    400,
                    "quantity",
                )

    def test_size_cap_and_xinclude(self):
        refused(setup_xml(), 413, "larger than 100 bytes", max_bytes=100)
        padded = setup_xml(old="<Header>", new="<Header>" + " " * (2 * 1024 * 1024))
        refused(padded, 413)
        xinclude = setup_xml(
            old='<Extrinsic name="UniqueName">jjansen</Extrinsic>',
            new='<Extrinsic name="UniqueName"><xi:include '
            'xmlns:xi="http://www.w3.org/2001/XInclude" '
            'href="file:///etc/passwd" parse="text"/></Extrinsic>',
        )
        assert "root" not in cp.parse_setup_request(xinclude).extrinsics["UniqueName"]


class TestCxmlAnswers(BaseCase):
    """PunchOutSetupResponse and the status answers."""

    def test_setup_response(self):
        start = "https://shop.example.com/oci/cxml/start?token=abc&x=1"
        data = cp.build_setup_response(start, payload_domain="shop.example.com")
        root = check_envelope(data)
        assert root.get("payloadID").endswith("@shop.example.com")
        assert tags(root) == ["Response"] and tags(root[0]) == ["Status", "PunchOutSetupResponse"]
        assert (root[0][0].get("code"), root[0][0].get("text")) == ("200", "OK")
        assert cp.parse_setup_response(data) == (200, "OK", "", start)
        assert cp.parse_setup_response(data)[3] == root.findtext(".//StartPage/URL")

    def test_status_responses(self):
        for code, text in (
            (401, "Unauthorized"),
            (406, "Not Acceptable"),
            (409, "Conflict"),
            (429, "Too Many Requests"),
            (550, "Unable to forward request"),
        ):
            data = cp.build_status_response(
                code, detail=f"Detail {TEXT}", payload_domain="bad domain"
            )
            root = check_envelope(data)
            assert root.get("payloadID").endswith("@oci-punchout")
            assert tags(root[0]) == ["Status"]
            assert cp.parse_setup_response(data) == (
                code,
                text,
                " ".join(f"Detail {TEXT}".split()),
                "",
            )
        ids = {parse(cp.build_status_response(400)).get("payloadID") for _i in range(50)}
        assert len(ids) == 50
