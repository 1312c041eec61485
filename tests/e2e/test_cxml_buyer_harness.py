# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cXML buyer harness against a tiny local shop (no Odoo needed).

FakeShop serves just enough over real HTTP on 127.0.0.1 -- setup, one-time
StartPage, /shop, add to cart, transfer/cancel with the auto-submit form --
built with the addon's Odoo-free cXML modules. The harness must carry a
punchout through it in both POOM encodings, and must catch what a
procurement system would reject (a secret in the POOM, a foreign BuyerCookie,
a form going elsewhere, errors outside HTTP 200...).
"""

import html
import io
import secrets
import sys
import threading
from contextlib import redirect_stdout
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "buyer"))
import cxml_buyer  # noqa: E402

cx = cxml_buyer.cx
CODE, IDENTITY, SECRET = "acme", "AN01000000001", "s3cret-acme"
SHOP = ("DUNS", "123456789")
PRODUCTS = {
    42: ("TAART-24", 'Slagroomtaart Ëlan € 🎂 <24 cm> & "zo"', "32.50"),
    7: ("KAART", "Wenskaart", "3.95"),
}
PARTS = {part: pid for pid, (part, _d, _p) in PRODUCTS.items()}


class FakeShop:
    """The shop side of a cXML punchout in ~100 lines. ``tamper`` breaks it
    on purpose: secret, cookie, action, autosubmit, charset, extra_field,
    total, setup_http."""

    def __init__(self, encoding="cxml-base64", **tamper):
        self.encoding, self.tamper = encoding, tamper
        self.tokens, self.sessions, self.setups = {}, {}, []
        shop = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                shop.handle(self, "GET")

            def do_POST(self):
                shop.handle(self, "POST")

            def log_message(self, *_args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()
        host, port = self.httpd.server_address[:2]
        self.url = f"http://{host}:{port}"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- HTTP plumbing -------------------------------------------------------
    def handle(self, req, method):
        body = req.rfile.read(int(req.headers.get("Content-Length") or 0))
        parts = urlsplit(req.path)
        cookie = dict(
            c.strip().split("=", 1)
            for c in (req.headers.get("Cookie") or "").split(";")
            if "=" in c
        )
        session = self.sessions.get(cookie.get("sid"))
        form = dict(parse_qsl(body.decode("utf-8"))) if method == "POST" and session else {}
        if session and method == "POST" and form.get("csrf_token") != session["csrf"]:
            return self.send(req, 400, "csrf")
        route = (method, parts.path)
        if route == ("POST", f"/oci/{CODE}/cxml/setup"):
            return self.setup(req, body)
        if route == ("GET", "/cxml/start"):
            setup = self.tokens.pop(dict(parse_qsl(parts.query)).get("token"), None)
            if not setup:
                return self.send(req, 410, "This punchout session has ended.")
            sid = secrets.token_hex(8)
            cart = {PARTS[i.supplier_part_id]: int(i.quantity) for i in setup.items}
            self.sessions[sid] = {"setup": setup, "cart": cart, "csrf": secrets.token_hex(8)}
            return self.send(
                req, 303, "", [("Location", "/shop"), ("Set-Cookie", f"sid={sid}; Path=/")]
            )
        if not session:
            return self.send(req, 403, "no punchout session")
        if route in (("GET", "/shop"), ("GET", "/shop/cart")):
            return self.send(
                req,
                200,
                f'<form><input name="csrf_token" value="{session["csrf"]}"'
                f"/></form>{sorted(session['cart'].items())}",
            )
        if route == ("POST", "/shop/cart/update"):
            if session["setup"].operation != "inspect":
                pid = int(form["product_id"])
                session["cart"][pid] = session["cart"].get(pid, 0) + int(form["add_qty"])
            return self.send(req, 303, "", [("Location", "/shop/cart")])
        if route in (("POST", "/oci/transfer"), ("POST", "/oci/cancel")):
            cart = session["cart"] if parts.path == "/oci/transfer" else {}
            return self.send(req, 200, self.transfer_page(session["setup"], cart))
        return self.send(req, 404, "not found")

    def send(self, req, status, text, headers=(), content_type="text/html; charset=utf-8"):
        data = text.encode("utf-8") if isinstance(text, str) else text
        req.send_response(status)
        for name, value in [("Content-Type", content_type), *headers]:
            req.send_header(name, value)
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)

    # -- cXML ------------------------------------------------------------------
    def setup(self, req, body):
        try:
            setup = cx.parse_setup_request(body)
        except cx.CxmlError as error:
            answer = cx.build_status_response(error.code, detail=error.message)
        else:
            if not (
                cx.credential_matches(setup.sender_credentials, "NetworkID", IDENTITY)
                and setup.sender_secret.equals(SECRET)
            ):
                answer = cx.build_status_response(401, detail="Unknown buyer or wrong secret.")
            else:
                self.setups.append(setup)
                token = secrets.token_urlsafe(16)
                self.tokens[token] = setup
                answer = cx.build_setup_response(f"{self.url}/cxml/start?token={token}")
        self.send(
            req, self.tamper.get("setup_http", 200), answer, content_type="text/xml; charset=utf-8"
        )

    def transfer_page(self, setup, cart):
        items = [
            dict(
                supplier_part_id=PRODUCTS[pid][0],
                quantity=qty,
                unit_price=PRODUCTS[pid][2],
                description=PRODUCTS[pid][1],
                unit_of_measure="C62",
                supplier_part_auxiliary_id=f"S00042/{pid}",
                classifications=[("UNSPSC", "14111604"), ("NZI", "4711")],
                extrinsics={"Branch": setup.extrinsics.get("Branch", "")},
            )
            for pid, qty in sorted(cart.items())
        ]
        total = sum(Decimal(PRODUCTS[pid][2]) * qty for pid, qty in cart.items())
        operation = "inspect" if setup.operation == "inspect" else "edit"
        xml = cx.build_order_message(
            self.tamper.get("cookie", setup.buyer_cookie),
            items,
            "EUR",
            total + self.tamper.get("total", 0),
            SHOP,
            setup.from_credentials,
            operation_allowed=operation,
            in_reply_to=setup.payload_id,
        )
        if self.tamper.get("secret"):
            xml = xml.replace(
                b"</Identity></Credential><UserAgent>",
                b"</Identity><SharedSecret>x</SharedSecret></Credential><UserAgent>",
            )
        fields = cx.form_fields(xml, self.encoding) + self.tamper.get("extra_field", [])
        inputs = "".join(
            f'<input type="hidden" name="{n}" value="{html.escape(v)}"/>' for n, v in fields
        )
        action = self.tamper.get("action", setup.browser_form_post_url)
        script = '<script>document.getElementById("oci_transfer_form").submit();</script>'
        return (
            f'<html><body><form id="oci_transfer_form" method="post" '
            f'action="{html.escape(action)}" target="_top" '
            f'accept-charset="{self.tamper.get("charset", "utf-8")}">{inputs}</form>'
            f"{script if self.tamper.get('autosubmit', True) else ''}</body></html>"
        )


@pytest.fixture
def shop(request):
    fake = FakeShop(**getattr(request, "param", {}))
    yield fake
    fake.stop()


def buyer(**kwargs):
    return cxml_buyer.CxmlBuyer(IDENTITY, SECRET, to=SHOP, **kwargs)


@pytest.mark.parametrize(
    "shop", [{"encoding": e} for e in cx.ENCODINGS], indirect=True, ids=list(cx.ENCODINGS)
)
def test_create_edit_inspect_cancel(shop):
    ship_to = cx.Address("BR-ZWL", "Zwolle", (), ("Hoofdstraat 1",), "Zwolle", "8011 AA", "NL")
    with buyer(encoding=shop.encoding) as client:
        client.punchout(
            shop.url,
            CODE,
            extrinsics={"UserEmail": "jan@acme.nl", "Branch": "ZWL"},
            contact=("Jan Jansen", "jan@acme.nl"),
            ship_to=ship_to,
        )
        setup = shop.setups[-1]
        assert (setup.contact_email, setup.ship_to, setup.extrinsics["Branch"]) == (
            "jan@acme.nl",
            ship_to,
            "ZWL",
        )
        client.add_to_cart(42, 2)
        client.add_to_cart(7)
        order = client.transfer(operation_allowed="edit")
        assert [(i.supplier_part_id, i.quantity, str(i.unit_price)) for i in order.items] == [
            ("KAART", 1, "3.95"),
            ("TAART-24", 2, "32.50"),
        ]
        assert order.items[1].description == PRODUCTS[42][1]
        assert order.items[0].extrinsics == (("Branch", "ZWL"),)
        assert (str(order.total), order.encoding) == ("68.95", shop.encoding)
        assert order.in_reply_to == setup.payload_id
        post = client.last_post
        assert (post["path"], dict(parse_qsl(post["query"]))["cookie"]) == (
            cxml_buyer.RETURN_PATH,
            client.buyer_cookie,
        )
        assert [name for name, _v in post["pairs"]] == [shop.encoding]

        # edit: the cart comes back from the ItemOut lines and is replaced
        client.punchout(shop.url, CODE, operation="edit", items=cxml_buyer.edit_lines(order))
        client.add_to_cart(7, 2)
        edited = client.transfer(operation_allowed="edit")
        assert [(i.supplier_part_id, i.quantity) for i in edited.items] == [
            ("KAART", 3),
            ("TAART-24", 2),
        ]
        # inspect: read-only, Return posts it back unchanged
        client.punchout(shop.url, CODE, operation="inspect", items=cxml_buyer.edit_lines(edited))
        client.add_to_cart(42, 5)
        inspected = client.transfer(operation_allowed="inspect")
        assert inspected.items == edited.items
        client.punchout(shop.url, CODE)
        assert client.cancel().is_cancel
        assert len(client.hook.received) == 4


def test_setup_errors_and_one_time_start_page(shop):
    with buyer() as client:
        status, _text, _detail, url = client.setup(shop.url, CODE)
        assert status == 200 and client.start(url).status_code == 200
        assert client.start(url).status_code == 410
    with cxml_buyer.CxmlBuyer(IDENTITY, "wrong", to=SHOP) as client:
        assert client.setup(shop.url, CODE)[:2] == (401, "Unauthorized")
        with pytest.raises(cxml_buyer.CxmlProtocolError, match="setup refused: 401"):
            client.punchout(shop.url, CODE)
        xxe = (
            b'<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<cXML>&x;</cXML>"
        )
        code, _text, detail, url = client.setup(shop.url, CODE, body=xxe)
        assert (code, url) == (400, "") and "entity" in detail


BAD_SHOPS = [
    ({"secret": True}, "SharedSecret"),
    ({"cookie": "someone-else"}, "BuyerCookie"),
    ({"action": "https://evil.example/collect"}, "is not the BrowserFormPost URL"),
    ({"autosubmit": False}, "not auto-submitted"),
    ({"charset": "iso-8859-1"}, "accept-charset"),
    ({"extra_field": [("PASSWORD", "x")]}, "expected one field"),
    ({"total": Decimal("0.01")}, "not the sum of the lines"),
    ({"encoding": "cxml-urlencoded", "extra_field": [("cxml-base64", "eA==")]}, "one field"),
]


@pytest.mark.parametrize(
    "shop, message", BAD_SHOPS, indirect=["shop"], ids=[m for _t, m in BAD_SHOPS]
)
def test_the_harness_rejects_what_a_buyer_would(shop, message):
    with buyer() as client:
        client.punchout(shop.url, CODE)
        client.add_to_cart(42, 1)
        with pytest.raises(cxml_buyer.CxmlProtocolError, match=message):
            client.transfer()


@pytest.mark.parametrize("shop", [{"setup_http": 400}], indirect=True)
def test_errors_must_travel_in_http_200(shop):
    with cxml_buyer.CxmlBuyer(IDENTITY, "wrong", to=SHOP) as client:
        with pytest.raises(cxml_buyer.CxmlProtocolError, match="HTTP 400"):
            client.setup(shop.url, CODE)


def test_command_line(shop):
    out = io.StringIO()
    with redirect_stdout(out):
        assert (
            cxml_buyer.main(
                [
                    "--shop",
                    shop.url,
                    "--code",
                    CODE,
                    "--identity",
                    IDENTITY,
                    "--secret",
                    SECRET,
                    "--to-identity",
                    SHOP[1],
                    "--product",
                    "42:2",
                    "--email",
                    "jan@acme.nl",
                    "--ship-to",
                    "BR-ZWL",
                ]
            )
            == 0
        )
    text = out.getvalue()
    assert "Setup answered 200 OK" in text and "Total 65.00 EUR" in text
    assert "TAART-24" in text and "S00042/42" in text
    assert shop.setups[-1].ship_to.address_id == "BR-ZWL"
