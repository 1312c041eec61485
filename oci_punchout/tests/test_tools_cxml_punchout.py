# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Unit tests of the Odoo-free cXML punchout layer (oci_punchout/tools/cxml_*.py).

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

import base64
import dataclasses
import html
import os
import re
import unittest
from datetime import date
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode

from lxml import etree

from odoo.tests import BaseCase

from ..tools import cxml_punchout as cp

DTD_PATH = os.environ.get("OCI_CXML_DTD") or "/opt/oci-validation/cXML.dtd"
PAYLOAD_ID_RE = re.compile(r"^\d{14}\.\d+\.[0-9a-f]{16}@[A-Za-z0-9.-]+$")
TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
DOCTYPE = b'<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">'
SHOP, BUYER = ("DUNS", "123456789"), ("NetworkID", "AN01000000001")
SECRET = "hunter2-s3cret"
URL = "https://buyer.example.com/punchout/return?sess=1&x=%20y"
TEXT = 'Taart "Ëlan" <25 cm> & € 🎂 蛋糕'
COOKIE = "3423 4234ADF SDF234234"
CARD = f"Gefeliciteerd!\n\n  Van ons allemaal, {TEXT}"

SETUP = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">
<cXML payloadID="1233444-200@ariba.example.com" timestamp="2026-05-04T10:00:00+02:00">
  <Header>
    <From><Credential domain="NetworkID"><Identity>AN01000000001</Identity></Credential>
          <Credential domain="PrivateID"><Identity>ACME-NL</Identity></Credential></From>
    <To><Credential domain="DUNS"><Identity>123456789</Identity></Credential></To>
    <Sender><Credential domain="NetworkId"><Identity>AN01000000001</Identity>
        <SharedSecret>{SECRET}</SharedSecret></Credential>
      <UserAgent>Ariba SN Buyer</UserAgent></Sender>
  </Header>
  <Request deploymentMode="test">
    <PunchOutSetupRequest operation="OPERATION">
      <BuyerCookie>34234234ADFSDF234234</BuyerCookie>
      <Extrinsic name="UserEmail">jan@acme.nl</Extrinsic>
      <Extrinsic name="UniqueName">jjansen</Extrinsic>
      <Extrinsic name="CostCenter"> 4711 </Extrinsic>
      <Extrinsic name="CostCenter">9999</Extrinsic>
      <BrowserFormPost><URL>{URL.replace("&", "&amp;")}</URL></BrowserFormPost>
      <Contact role="buyer"><Name xml:lang="en">Inkoop</Name></Contact>
      <Contact role="endUser"><Name xml:lang="nl">Jan  Jansen</Name>
        <Email>jan@acme.nl</Email></Contact>
      <ShipTo><Address addressID="BR-ZWL" isoCountryCode="NL"><Name xml:lang="nl">Zwolle</Name>
        <PostalAddress><DeliverTo>Receptie</DeliverTo><Street>Hoofdstraat 1</Street>
          <Street>2e etage</Street><City>Zwolle</City><PostalCode>8011 AA</PostalCode>
          <Country isoCountryCode="nl">Nederland</Country></PostalAddress></Address></ShipTo>
      <SelectedItem><ItemID><SupplierPartID>TAART-24</SupplierPartID></ItemID></SelectedItem>
      <ItemOut quantity="2" lineNumber="1"><ItemID><SupplierPartID>TAART-24</SupplierPartID>
          <SupplierPartAuxiliaryID>S00042/17</SupplierPartAuxiliaryID></ItemID>
        <ItemDetail><UnitPrice><Money currency="EUR">32.50</Money></UnitPrice>
          <Description xml:lang="nl"><ShortName>Taart</ShortName>Slagroomtaart 24 cm</Description>
          <UnitOfMeasure>C62</UnitOfMeasure>
          <Classification domain="UNSPSC">50181900</Classification>
        </ItemDetail></ItemOut>
    </PunchOutSetupRequest>
  </Request>
</cXML>"""


def setup_xml(operation="create", old=None, new=None):
    xml = SETUP.replace(old, new) if old is not None else SETUP
    return xml.replace('operation="OPERATION"', f'operation="{operation}"').encode("utf-8")


def refused(data, code, match=None, **kwargs):
    try:
        cp.parse_setup_request(data, **kwargs)
    except cp.CxmlError as error:
        assert error.code == code, error.message
        assert SECRET not in error.message
        if match:
            assert re.search(match, error.message), error.message
        return error
    raise AssertionError(f"not refused, expected cXML status {code}")


def tags(node):
    return [child.tag for child in node]


def item(**values):
    base = dict(
        supplier_part_id="TAART-24",
        quantity=2,
        unit_price="32.50",
        description=f"Slagroomtaart {TEXT}",
        short_name="Slagroomtaart",
        unit_of_measure="C62",
        supplier_part_auxiliary_id="S00042/17",
        classifications=[("UNSPSC", "50181900"), ("NZI", "4711-22")],
        manufacturer_part_id="MP-9",
        manufacturer_name="Bakkerij Ëlan",
        lead_time=2,
        requested_delivery_date=date(2026, 5, 6),
        extrinsics={"GreetingCard": CARD, "Branch": "BR-ZWL"},
    )
    base.update(values)
    return base


def poom(items=None, **kwargs):
    kwargs.setdefault("shipping", ("6.95", "Bezorging"))
    kwargs.setdefault("tax", ("15.11", "BTW"))
    return cp.build_order_message(
        COOKIE,
        [item()] if items is None else items,
        "EUR",
        kwargs.pop("total", "65.00"),
        SHOP,
        BUYER,
        **kwargs,
    )


def parse(data):
    return etree.fromstring(
        data, etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    )


def check_envelope(data):
    """What the guide requires of every document we write."""
    lines = data.split(b"\n")
    assert lines[0] == b'<?xml version="1.0" encoding="UTF-8"?>'
    assert lines[1] == DOCTYPE
    root = parse(data)
    assert root.tag == "cXML" and root.get("version") == cp.CXML_VERSION
    assert PAYLOAD_ID_RE.match(root.get("payloadID")), root.get("payloadID")
    assert TIMESTAMP_RE.match(root.get("timestamp")), root.get("timestamp")
    assert b"SharedSecret" not in data or b"<Request" in data
    return root


XXE = b"""<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<cXML payloadID="1"><Request><PunchOutSetupRequest operation="create">
<BuyerCookie>&x;</BuyerCookie></PunchOutSetupRequest></Request></cXML>"""
LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<cXML>&lol3;</cXML>"""
PARAMETER = b"""<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY % p SYSTEM "http://evil.example/x.dtd">
%p;]><cXML/>"""


HOSTILE = [
    (XXE, 400, "entity"),
    (XXE.replace(b"file:///etc/passwd", b"http://evil.example/x"), 400, "entity"),
    (LAUGHS, 400, "entity"),
    (PARAMETER, 400, "entity"),
    (XXE.decode().encode("utf-16"), 400, None),
    (b"\xfe\xff" + XXE.decode().encode("utf-16-be"), 400, None),
    (setup_xml(old="1.2.014/cXML.dtd", new="../../evil.dtd"), 400, "DOCTYPE"),
    (
        setup_xml(
            old="http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd", new="file:///etc/passwd"
        ),
        400,
        "DOCTYPE",
    ),
    (b"", 400, "empty"),
    (b"\x00\x01junk\xff", 400, "well-formed"),
    (b"<cXML><Header>", 400, r"well-formed XML: Premature end .* column 15\.$"),
    (b"<OrderRequest/>", 400, "not a cXML"),
    (
        setup_xml().replace(b"PunchOutSetupRequest", b"ProfileRequest"),
        400,
        "no PunchOutSetupRequest",
    ),
    (setup_xml(old='payloadID="1233444-200@ariba.example.com"', new=""), 400, "payloadID"),
    (setup_xml(old='deploymentMode="test"', new='deploymentMode="debug"'), 400, "deploymentMode"),
    (setup_xml(old="<BuyerCookie>34234234ADFSDF234234</BuyerCookie>", new=""), 400, "BuyerCookie"),
    (setup_xml(old="34234234ADFSDF234234", new="x" * 1021), 400, "BuyerCookie is longer"),
    (
        setup_xml(old="<BrowserFormPost>", new="<Foo>").replace(b"</BrowserFormPost>", b"</Foo>"),
        400,
        "BrowserFormPost",
    ),
    (setup_xml(old=URL.replace("&", "&amp;"), new="javascript:alert(1)"), 400, "http"),
    (setup_xml(old="<Sender>", new="<Other>").replace(b"</Sender>", b"</Other>"), 400, "Sender"),
    (
        setup_xml(old="<Extrinsic ", new='<Extrinsic name="n">x</Extrinsic>' * 101 + "<Extrinsic "),
        400,
        "More than 100 Extrinsic",
    ),
]


def built_documents():
    ship_to = cp.Address("BR", "Zwolle", (), ("Hoofdstraat 1",), "Zwolle", "8011 AA", "NL")
    line = cp.ItemOut(
        "TAART-24",
        "S1/2",
        Decimal(2),
        Decimal("32.50"),
        "EUR",
        "Taart",
        "C62",
        (("UNSPSC", "50181900"),),
    )
    setup = dict(from_=BUYER, to=SHOP, sender=BUYER, shared_secret=SECRET)
    return {
        "setup create": cp.build_setup_request("c", URL, **setup),
        "setup edit": cp.build_setup_request(
            "c",
            URL,
            operation="edit",
            extrinsics={"UserEmail": "a@b.nl"},
            contact=("Jan", "a@b.nl"),
            ship_to=ship_to,
            selected_item=line,
            items=[line],
            deployment_mode="test",
            **setup,
        ),
        "setup response": cp.build_setup_response(URL),
        "status 401": cp.build_status_response(401, detail="Wrong credentials"),
        "poom full": poom(in_reply_to="x@y"),
        "poom minimal": poom(
            [
                item(
                    short_name="",
                    manufacturer_part_id="",
                    lead_time=None,
                    manufacturer_name="",
                    requested_delivery_date="",
                    extrinsics=(),
                )
            ],
            shipping=None,
            tax=None,
        ),
        "poom cancel": cp.build_cancel_message("c", "EUR", SHOP, BUYER),
    }


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


class TestCxmlOrderMessage(BaseCase):
    """PunchOutOrderMessage: built, carried by a browser form, decoded."""

    def test_order_message_structure(self):
        data = poom(in_reply_to="1233444-200@ariba.example.com", lang="nl_NL")
        root = check_envelope(data)
        assert b"SharedSecret" not in data and SECRET.encode() not in data
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl-NL"
        assert tags(root) == ["Header", "Message"]
        assert tags(root[0]) == ["From", "To", "Sender"]
        assert tags(root[0][2]) == ["Credential", "UserAgent"]
        assert root[1].get("inReplyTo") == "1233444-200@ariba.example.com"
        message = root[1][0]
        assert tags(message) == ["BuyerCookie", "PunchOutOrderMessageHeader", "ItemIn"]
        header = message[1]
        assert header.get("operationAllowed") == "edit"
        assert tags(header) == ["Total", "Shipping", "Tax"]
        assert [tags(n) for n in header] == [["Money"], ["Money", "Description"]] + [
            ["Money", "Description"]
        ]
        item_in = message[2]
        assert (item_in.get("quantity"), item_in.get("lineNumber")) == ("2", "1")
        assert tags(item_in) == ["ItemID", "ItemDetail", "DateInfo"]
        assert tags(item_in[0]) == ["SupplierPartID", "SupplierPartAuxiliaryID"]
        assert tags(item_in[1]) == [
            "UnitPrice",
            "Description",
            "UnitOfMeasure",
            "Classification",
            "Classification",
            "ManufacturerPartID",
            "ManufacturerName",
            "LeadTime",
            "Extrinsic",
            "Extrinsic",
        ]
        assert [(c.get("domain"), c.text) for c in item_in[1].iter("Classification")] == [
            ("UNSPSC", "50181900"),
            ("NZI", "4711-22"),
        ]
        description = item_in[1][1]
        assert description.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl-NL"
        assert description[0].tag == "ShortName" and description[0].tail.startswith("Slagroom")
        assert item_in[2].attrib == {
            "type": "requestedDeliveryDate",
            "date": "2026-05-06T12:00:00+00:00",
        }
        assert all(m.get("currency") == "EUR" for m in root.iter("Money"))

    def test_prices_are_written_exactly(self):
        for price, written in (
            ("32.50", "32.50"),
            (Decimal("1234567.891"), "1234567.891"),
            (0.1, "0.1"),
            (19.99, "19.99"),
            (Decimal("1E+2"), "100"),
            (Decimal("0.00001"), "0.00001"),
            (1e-07, "0.0000001"),
            ("12345678901.2345", "12345678901.2345"),
            (Decimal("-0"), "0"),
            (-5, "-5"),
            (7, "7"),
        ):
            with self.subTest(price=price):
                root = parse(poom([item(unit_price=price)], total=price, shipping=None, tax=None))
                assert root.findtext(".//ItemIn/ItemDetail/UnitPrice/Money") == written
                assert root.findtext(".//Total/Money") == written

    def test_bad_item_data_is_a_programming_error(self):
        for change, message in (
            ({"unit_of_measure": "piece"}, "UN/ECE"),
            ({"classifications": []}, "Classification"),
            ({"quantity": 0}, "positive"),
            ({"unit_price": "NaN"}, "not a number"),
            ({"unit_price": float("inf")}, "not a number"),
            ({"description": " "}, "description"),
            ({"lead_time": -1}, "lead time"),
            ({"requested_delivery_date": "6 mei"}, "ISO date"),
            ({"supplier_part_id": ""}, "supplier part id"),
        ):
            with self.subTest(change=change):
                with self.assertRaisesRegex(ValueError, message):
                    poom([item(**change)])

    def test_bad_message_data_is_a_programming_error(self):
        for kwargs, message in (
            ({"currency": "eur"}, "ISO 4217"),
            ({"operation_allowed": "delete"}, "operationAllowed"),
            ({"buyer_cookie": " "}, "BuyerCookie"),
        ):
            args = dict(
                buyer_cookie="c", items=[item()], currency="EUR", total="65", from_=SHOP, to=BUYER
            )
            args.update(kwargs)
            with self.assertRaisesRegex(ValueError, message):
                cp.build_order_message(**args)

    def test_round_trip_through_a_browser_form(self):
        for encoding in cp.ENCODINGS:
            with self.subTest(encoding=encoding):
                items = [
                    item(),
                    item(
                        supplier_part_id="KAART",
                        quantity="1.5",
                        unit_price=Decimal("3.333"),
                        short_name="",
                        manufacturer_part_id="",
                        manufacturer_name="",
                        lead_time=None,
                        requested_delivery_date="",
                        extrinsics={},
                        classifications=[("NZI", "0815")],
                        supplier_part_auxiliary_id="",
                    ),
                ]
                data = poom(
                    items, total="70.00", operation_allowed="inspect", deployment_mode="test"
                )
                fields = cp.form_fields(data, encoding)
                assert [name for name, _v in fields] == [encoding]
                if encoding == "cxml-base64":
                    assert fields[0][1].isascii() and base64.b64decode(fields[0][1]) == data
                else:
                    assert fields[0][1] == data.decode("utf-8")
                # The hidden input (attribute-escaped), then the browser's urlencoded post.
                attribute = html.escape(fields[0][1], quote=True)
                body = urlencode([(encoding, html.unescape(attribute))], encoding="utf-8")
                order = cp.decode_order_message(
                    parse_qsl(body, keep_blank_values=True, encoding="utf-8")
                )
                assert order.items == tuple(cp.PoomItem(**i) for i in items)
                assert order.items[0].description == f"Slagroomtaart {TEXT}"
                assert order.items[0].extrinsics[0] == ("GreetingCard", CARD)  # line breaks kept
                assert (
                    str(order.items[1].unit_price) == "3.333"
                    and str(order.items[1].quantity) == "1.5"
                )
                assert (order.buyer_cookie, order.operation_allowed, order.currency) == (
                    COOKIE,
                    "inspect",
                    "EUR",
                )
                assert (
                    str(order.total),
                    str(order.shipping),
                    order.tax,
                    order.tax_description,
                ) == (
                    "70.00",
                    "6.95",
                    Decimal("15.11"),
                    "BTW",
                )
                assert (order.deployment_mode, order.encoding, order.carries_secret) == (
                    "test",
                    encoding,
                    False,
                )
                assert order.from_credentials == (cp.Credential(*SHOP),)
                assert order.to_credentials == (cp.Credential(*BUYER),) and not order.is_cancel

    def test_cancel_message(self):
        data = cp.build_cancel_message("cookie", "EUR", SHOP, BUYER, operation_allowed="create")
        root = check_envelope(data)
        assert tags(root[1][0]) == ["BuyerCookie", "PunchOutOrderMessageHeader"]
        order = cp.decode_order_message({"cxml-base64": cp.form_fields(data)[0][1]})
        assert order.is_cancel and order.total == 0 and order.buyer_cookie == "cookie"

    def test_decoding_refuses_bad_forms(self):
        good = poom()
        b64 = base64.b64encode(good).decode()
        cases = [
            ({}, 400, "exactly one"),
            ({"cxml-base64": b64, "cxml-urlencoded": good.decode()}, 400, "exactly one"),
            ({"cxml-base64": "%%%not base64"}, 400, "base64"),
            ({"cxml-base64": base64.b64encode(XXE).decode()}, 400, "entity"),
            ({"cxml-urlencoded": LAUGHS.decode()}, 400, "entity"),
            ({"cxml-base64": base64.b64encode(b"<cXML/>").decode()}, 400, "PunchOutOrderMessage"),
            (
                {
                    "cxml-base64": base64.b64encode(
                        good.replace(b'currency="EUR">32.50', b'currency="USD">32.50')
                    ).decode()
                },
                400,
                "currency",
            ),
            (
                {
                    "cxml-base64": base64.b64encode(
                        good.replace(b'quantity="2"', b'quantity="-2"')
                    ).decode()
                },
                400,
                "quantity",
            ),
            ({"cxml-base64": "A" * (3 * 1024 * 1024)}, 413, "larger"),
        ]
        for form, code, match in cases:
            with self.assertRaisesRegex(cp.CxmlError, match) as info:
                cp.decode_order_message(form)
            assert info.exception.code == code

    def test_decoding_tolerates_what_buyers_meet(self):
        data = poom()
        latin = data.decode().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
        order = cp.decode_order_message([("cXML-urlencoded", latin)])
        assert order.items[0].description == f"Slagroomtaart {TEXT}"
        wrapped = base64.encodebytes(data).decode()  # MIME line breaks
        assert cp.decode_order_message({"CXML-BASE64": wrapped}).items == order.items
        leaky = data.replace(
            b"</Identity></Credential><UserAgent>",
            b"</Identity><SharedSecret>x</SharedSecret></Credential><UserAgent>",
        )
        assert cp.decode_order_message({"cxml-base64": base64.b64encode(leaky)}).carries_secret


class TestCxmlDtd(BaseCase):
    """The official DTD, when a copy is on this machine."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not os.path.isfile(DTD_PATH):
            raise unittest.SkipTest(f"no cXML DTD at {DTD_PATH} (set OCI_CXML_DTD)")
        cls.dtd = etree.DTD(DTD_PATH)

    def test_documents_are_valid_against_the_cxml_dtd(self):
        dtd = self.dtd
        for name in built_documents():
            with self.subTest(name=name):
                data = built_documents()[name]
                root = parse(data)
                assert dtd.validate(root), f"{name}: {dtd.error_log.filter_from_errors()}"
                assert root.getroottree().docinfo.system_url.endswith("/1.2.063/cXML.dtd")
                if name.startswith("setup") and name != "setup response":
                    assert cp.parse_setup_request(data).buyer_cookie == "c"

    def test_the_dtd_check_catches_a_wrong_element_order(self):
        dtd = self.dtd
        root = parse(poom())
        detail = root.find(".//ItemDetail")
        detail.append(detail.find("UnitOfMeasure"))  # UnitOfMeasure after the Extrinsics
        assert not dtd.validate(root)
