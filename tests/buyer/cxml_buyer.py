#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A cXML buyer harness: plays the procurement system (Ariba, Coupa,
Jaggaer...) and its user's browser against a shop over plain HTTP.

It posts a PunchOutSetupRequest (create, edit or inspect), follows the
StartPage like a browser (own requests.Session, own cookie jar), fills the
cart through the shop's public routes (the OCI harness's code), presses
Transfer, checks the auto-submit form, posts it -- as the browser would -- to
a BrowserFormPost URL served by a small local server on 127.0.0.1, and
decodes the PunchOutOrderMessage it receives (cxml-urlencoded or
cxml-base64). It imports nothing from Odoo: the cXML documents are built and
read with the addon's Odoo-free modules (oci_punchout/tools/cxml_*.py).

Library use::

    with CxmlBuyer(identity="AN01000000001", secret="demo-secret") as buyer:
        buyer.punchout("http://localhost:8069", "demo-linde")
        buyer.add_to_cart(42, 2)
        order = buyer.transfer()

Command line::

    python3 tests/buyer/cxml_buyer.py --shop http://localhost:8069 --code demo-linde \\
        --identity AN01000000001 --secret demo-secret --product 42:2
"""

import argparse
import functools
import importlib
import os
import sys
import types
import uuid
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import requests
from lxml import etree

try:
    from . import oci_buyer
except ImportError:  # run as a script or imported from tests/buyer on sys.path
    import oci_buyer

TOOLS = Path(__file__).resolve().parents[2] / "oci_punchout" / "tools"
DTD_PATH = os.environ.get("OCI_CXML_DTD") or "/opt/oci-validation/cXML.dtd"
RETURN_PATH = "/punchout/cxml/return"


def load_cxml():
    """The addon's cxml_punchout module, loaded from its files under stand-in
    packages (the addon and its tools/, whose __init__ files are not run) so
    that Odoo is not imported; ``..const`` and ``..exceptions`` resolve to the
    addon's plain modules."""
    if "oci_cxml_addon" not in sys.modules:
        for name, path in (("oci_cxml_addon", TOOLS.parent), ("oci_cxml_addon.tools", TOOLS)):
            package = types.ModuleType(name)
            package.__path__ = [str(path)]
            sys.modules[name] = package
    return importlib.import_module("oci_cxml_addon.tools.cxml_punchout")


cx = load_cxml()


class CxmlProtocolError(oci_buyer.OciProtocolError):
    """The shop answered something a cXML procurement system would reject."""


# ----------------------------------------------------------------------
# Checks (what the procurement system does with the posted cart)
# ----------------------------------------------------------------------
def find_transfer_form(text):
    """(form, scripts) of the page carrying the POOM: the one form with a
    cxml-urlencoded or cxml-base64 input."""
    parser = oci_buyer._FormParser()
    parser.feed(text)
    parser.close()
    forms = [f for f in parser.forms if any(n.lower() in cx.ENCODINGS for n, _v in f["inputs"])]
    if len(forms) != 1:
        raise CxmlProtocolError(f"expected one form carrying a POOM, found {len(forms)}")
    return forms[0], parser.scripts


def check_form(form, scripts, browser_form_post_url, encoding=None, autosubmit=True):
    """Assert the shape of the auto-submit form; returns its (name, value)."""
    attrs, problems = form["attrs"], []
    if attrs.get("action") != browser_form_post_url:
        problems.append(
            f"action {attrs.get('action')!r} is not the BrowserFormPost URL "
            f"{browser_form_post_url!r}"
        )
    if (attrs.get("method") or "").lower() != "post":
        problems.append("method is not POST")
    charset = (attrs.get("accept-charset") or "utf-8").lower()
    if charset != "utf-8":
        problems.append(f"accept-charset {charset!r}: the POOM declares UTF-8")
    if autosubmit and not any("submit()" in s for s in scripts):
        problems.append("the form is not auto-submitted")
    inputs = form["inputs"]
    if len(inputs) != 1:
        problems.append(f"expected one field, got {[n for n, _v in inputs]!r}")
    elif encoding and inputs[0][0] != encoding:
        problems.append(f"field {inputs[0][0]!r}, the connection sends {encoding!r}")
    if problems:
        raise CxmlProtocolError("; ".join(problems))
    return inputs[0]


@functools.cache
def _dtd(path):
    return etree.DTD(path) if os.path.isfile(path) else None


def dtd_errors(xml, path=DTD_PATH):
    """Validation errors against the official cXML DTD; None when no copy of
    the DTD is on this machine (never fetched)."""
    dtd = _dtd(path)
    if dtd is None:
        return None
    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    if dtd.validate(etree.fromstring(xml, parser)):
        return []
    return [str(error) for error in dtd.error_log.filter_from_errors()]


def line_total(item):
    return (item.quantity * item.unit_price).quantize(Decimal("0.01"), ROUND_HALF_UP)


def check_order(order, buyer_cookie, operation_allowed=None, in_reply_to=None, check_total=True):
    """Assert what a procurement system checks in a POOM."""
    problems = []
    if order.buyer_cookie != buyer_cookie:
        problems.append(f"BuyerCookie {order.buyer_cookie!r} is not ours ({buyer_cookie!r})")
    if order.carries_secret or b"SharedSecret" in order.xml:
        problems.append("the POOM carries a SharedSecret through the browser")
    if operation_allowed and order.operation_allowed != operation_allowed:
        problems.append(
            f"operationAllowed {order.operation_allowed!r}, expected {operation_allowed!r}"
        )
    if in_reply_to and order.in_reply_to != in_reply_to:
        problems.append(f"inReplyTo {order.in_reply_to!r} is not the setup payloadID")
    goods = sum((line_total(item) for item in order.items), Decimal(0))
    if check_total and order.items and order.total not in (goods, goods + (order.shipping or 0)):
        problems.append(f"Total {order.total} is not the sum of the lines ({goods})")
    root = etree.fromstring(order.xml, etree.XMLParser(load_dtd=False, no_network=True))
    numbers = [node.get("lineNumber") for node in root.iter("ItemIn")]
    if numbers != [str(n) for n in range(1, len(numbers) + 1)]:
        problems.append(f"ItemIn lineNumbers {numbers} do not run from 1")
    problems += [f"DTD: {error}" for error in dtd_errors(order.xml) or ()]
    if problems:
        raise CxmlProtocolError("; ".join(problems))
    return order


def edit_lines(order):
    """ItemOut lines for an edit/inspect SetupRequest from an earlier POOM,
    as a procurement system keeps them."""
    return [
        cx.ItemOut(
            item.supplier_part_id,
            item.supplier_part_auxiliary_id,
            item.quantity,
            item.unit_price,
            order.currency,
            item.description,
            item.unit_of_measure,
            item.classifications,
            str(index),
        )
        for index, item in enumerate(order.items, start=1)
    ]


# ----------------------------------------------------------------------
# The buyer
# ----------------------------------------------------------------------
class CxmlBuyer(oci_buyer.OciBuyer):
    """One procurement system user with their own browser and a local
    BrowserFormPost server. ``identity``/``domain``/``secret`` are the buyer's
    credentials (From and Sender), ``to`` the shop's (domain, identity)."""

    def __init__(
        self,
        identity="AN01000000001",
        secret="",
        domain="NetworkID",
        to=("DUNS", "000000000"),
        encoding=None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        self.credential = (domain, identity)
        self.secret = secret
        self.to = to
        self.encoding = encoding
        self.buyer_cookie = None
        self.browser_form_post_url = None
        self.setup_payload_id = None
        self.operation = None
        self.last_setup = None
        self.last_order = None

    # -- Server to server: PunchOutSetupRequest --------------------------
    def setup(
        self,
        shop_url,
        code,
        operation="create",
        buyer_cookie=None,
        extrinsics=None,
        contact=None,
        ship_to=None,
        selected_item=None,
        items=(),
        path=None,
        browser_form_post_url=None,
        content_type="text/xml; charset=utf-8",
        deployment_mode="production",
        body=None,
    ):
        """Post the SetupRequest; returns (status code, text, detail, StartPage
        URL). Any HTTP status but 200 is a protocol error: cXML answers its
        errors inside HTTP 200."""
        self.shop_url = shop_url.rstrip("/")
        self.buyer_cookie = buyer_cookie or uuid.uuid4().hex
        self.browser_form_post_url = browser_form_post_url or self.hook.url(
            RETURN_PATH, f"cookie={self.buyer_cookie}&x=%20y"
        )
        self.operation = operation
        xml = body or cx.build_setup_request(
            self.buyer_cookie,
            self.browser_form_post_url,
            self.credential,
            self.to,
            self.credential,
            self.secret,
            operation=operation,
            extrinsics=extrinsics or {},
            contact=contact,
            ship_to=ship_to,
            selected_item=selected_item,
            items=items,
            deployment_mode=deployment_mode,
        )
        if body is None:
            self.setup_payload_id = cx.parse_setup_request(xml).payload_id
        # Server to server: the procurement system, not the user's browser
        # (no browser cookies).
        if self.before_request:
            self.before_request()
        response = requests.post(
            f"{self.shop_url}{path or f'/oci/{code}/cxml/setup'}",
            data=xml,
            headers={"Content-Type": content_type},
            allow_redirects=False,
            timeout=self.timeout,
        )
        self.last_response = response
        if response.status_code != 200:
            raise CxmlProtocolError(
                f"setup answered HTTP {response.status_code}; cXML "
                "errors belong in a Status inside HTTP 200"
            )
        if "xml" not in response.headers.get("Content-Type", ""):
            raise CxmlProtocolError("setup answer is not text/xml")
        try:
            self.last_setup = cx.parse_setup_response(response.content)
        except cx.CxmlError as error:
            raise CxmlProtocolError(f"setup answer: {error.message}") from None
        problems = dtd_errors(response.content)
        if problems:
            raise CxmlProtocolError(f"setup answer: DTD: {problems}")
        return self.last_setup

    def start(self, start_url=None):
        """Open the StartPage in the browser (redirects followed)."""
        return self._request("GET", start_url or self.last_setup[3])

    def punchout(self, shop_url, code, **kwargs):
        """setup() + start(); refuses any status but 200."""
        status, text, detail, url = self.setup(shop_url, code, **kwargs)
        if status != 200 or not url:
            raise CxmlProtocolError(f"setup refused: {status} {text} {detail}")
        response = self.start(url)
        if response.status_code != 200:
            raise CxmlProtocolError(f"StartPage answered HTTP {response.status_code}")
        return response

    # -- The browser: transfer / cancel ----------------------------------
    def transfer(self, path="/oci/transfer", operation_allowed=None, check_total=True):
        """Press Transfer (or the inspect Return button); the decoded order."""
        return self._press(path, operation_allowed, check_total)

    def cancel(self, path="/oci/cancel"):
        """Press Cancel; the decoded (empty) order message."""
        return self._press(path, None, True)

    def _press(self, path, operation_allowed=None, check_total=True):
        response = self._request(
            "POST", path, data={"csrf_token": self._csrf()}, allow_redirects=False
        )
        if response.status_code != 200:
            raise CxmlProtocolError(f"POST {path}: {response.status_code}")
        return self.submit(response, operation_allowed=operation_allowed, check_total=check_total)

    def submit(self, response, autosubmit=True, operation_allowed=None, check_total=True):
        """Check the transfer page, post its form to the action like the
        browser's auto-submit and decode what the BrowserFormPost server got."""
        form, scripts = find_transfer_form(response.text)
        check_form(form, scripts, self.browser_form_post_url, self.encoding, autosubmit)
        self.last_form = form
        action = form["attrs"]["action"]
        count = len(self.hook.received)
        answer = requests.post(
            action,
            data=oci_buyer.encode_form(form["inputs"], "utf-8"),
            timeout=self.timeout,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if not action.startswith(self.hook.base_url + "/"):
            raise CxmlProtocolError(
                f"the form went to {action}, not to our server (HTTP {answer.status_code})"
            )
        received = self.hook.wait(count + 1)
        received["pairs"] = parse_qsl(
            received["body"].decode("ascii"), keep_blank_values=True, encoding="utf-8"
        )
        self.last_post = received
        try:
            order = cx.decode_order_message(received["pairs"])
        except cx.CxmlError as error:
            raise CxmlProtocolError(f"POOM: {error.message}") from None
        self.last_order = check_order(
            order, self.buyer_cookie, operation_allowed, check_total=check_total
        )
        return self.last_order


# ----------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------
def format_order(order):
    rows = [("#", "SupplierPartID", "AuxiliaryID", "Qty", "UoM", "Price", "Description")]
    rows += [
        (
            str(i),
            it.supplier_part_id,
            it.supplier_part_auxiliary_id,
            str(it.quantity),
            it.unit_of_measure,
            str(it.unit_price),
            it.description[:40],
        )
        for i, it in enumerate(order.items, start=1)
    ]
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Play a cXML procurement system punching out to a shop."
    )
    parser.add_argument("--shop", required=True, help="shop base URL, e.g. http://localhost:8069")
    parser.add_argument("--code", required=True, help="connection code (/oci/<code>/cxml/setup)")
    parser.add_argument("--identity", required=True, help="our From/Sender Identity")
    parser.add_argument("--domain", default="NetworkID", help="our Credential domain")
    parser.add_argument("--secret", required=True, help="the Sender SharedSecret")
    parser.add_argument("--to-identity", default="000000000", help="the shop's Identity")
    parser.add_argument("--to-domain", default="DUNS")
    parser.add_argument("--operation", choices=cx.OPERATIONS, default="create")
    parser.add_argument("--setup-path", help="default /oci/<code>/cxml/setup")
    parser.add_argument("--transfer-path", default="/oci/transfer")
    parser.add_argument("--cancel-path", default="/oci/cancel")
    parser.add_argument("--email", help="Contact e-mail (and Extrinsic UserEmail)")
    parser.add_argument("--ship-to", metavar="ADDRESS_ID", help="ShipTo addressID (branch)")
    parser.add_argument("--extrinsic", action="append", default=[], help="NAME=VALUE")
    parser.add_argument("--product", action="append", default=[], help="id or id:qty")
    parser.add_argument("--cancel", action="store_true", help="cancel instead of transfer")
    args = parser.parse_args(argv)
    extrinsics = dict(e.split("=", 1) for e in args.extrinsic)
    if args.email:
        extrinsics.setdefault("UserEmail", args.email)
    ship_to = (
        cx.Address(args.ship_to, args.ship_to, (), ("-",), "-", "", "NL") if args.ship_to else None
    )
    with CxmlBuyer(
        args.identity, args.secret, args.domain, (args.to_domain, args.to_identity)
    ) as buyer:
        print(f"BrowserFormPost server listening on {buyer.hook.base_url}")
        status, text, detail, url = buyer.setup(
            args.shop,
            args.code,
            operation=args.operation,
            extrinsics=extrinsics,
            contact=(args.email, args.email) if args.email else None,
            ship_to=ship_to,
            path=args.setup_path,
        )
        print(f"Setup answered {status} {text} {detail}".rstrip())
        if status != 200:
            return 1
        print(f"StartPage {urlsplit(url)._replace(query='…').geturl()}")
        response = buyer.start(url)
        print(f"Browser now on {response.url} (HTTP {response.status_code})")
        for spec in args.product:
            product_id, _sep, qty = spec.partition(":")
            buyer.add_to_cart(int(product_id), float(qty or 1))
            print(f"Added product {product_id} x {qty or 1}")
        order = (
            buyer.cancel(args.cancel_path) if args.cancel else buyer.transfer(args.transfer_path)
        )
        print(
            f"POOM {order.payload_id} ({order.encoding}, {len(order.xml)} bytes), "
            f"operationAllowed={order.operation_allowed}, "
            f"Total {order.total} {order.currency}"
        )
        errors = dtd_errors(order.xml)
        print("DTD: not checked (no copy)" if errors is None else "DTD: valid")
        print(format_order(order) if order.items else "No items (cancelled).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
