# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Unit tests of the Odoo-free cXML punchout layer: the PunchOutOrderMessage
(built, carried by a browser form, decoded) and every built document checked
against the official cXML DTD when a copy is on the machine (see
test_tools_cxml_punchout.py)."""

import base64
import html
import os
import unittest
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode

from lxml import etree

from odoo.tests import BaseCase

from ..tools import cxml_punchout as cp
from .tools_cxml_common import (
    BUYER,
    CARD,
    COOKIE,
    DTD_PATH,
    LAUGHS,
    SECRET,
    SHOP,
    TEXT,
    XXE,
    built_documents,
    check_envelope,
    item,
    parse,
    poom,
    tags,
)


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
