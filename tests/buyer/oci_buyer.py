#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An OCI buyer harness: plays the procurement system (SRM) and its user's
browser against a shop over plain HTTP.

It logs in like an SRM (GET or POST with HOOK_URL and the ~ echo fields),
uses the shop's own add-to-cart form, asks for the transfer, checks the shape
of the returned auto-submit form and posts it -- in the charset the form
asks for, as a browser does -- to a HOOK_URL served by a small local hook
server that records what it receives. It imports nothing from Odoo.

Library use::

    with OciBuyer() as buyer:
        buyer.login("http://localhost:8069", "demo-linde", "delinde", "demo-secret")
        buyer.add_to_cart(42, 2)
        items = buyer.transfer()

Command line::

    python3 tests/buyer/oci_buyer.py --shop http://localhost:8069 \\
        --code demo-linde --username delinde --password demo-secret --product 42
"""

import argparse
import html.parser
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import requests

ECHO_FIELDS = {"~okcode", "~target", "~caller"}
TARGET_FIELDS = ("~TARGET", "~Target", "~target", "returntarget")
# NEW_ITEM field lengths (SAP OCI 4.0)
FIELD_LENGTHS = {
    "DESCRIPTION": 40,
    "MATNR": 40,
    "QUANTITY": 15,
    "UNIT": 3,
    "PRICE": 15,
    "PRICEUNIT": 5,
    "CURRENCY": 5,
    "LEADTIME": 5,
    "VENDOR": 10,
    "VENDORMAT": 40,
    "MANUFACTCODE": 10,
    "MANUFACTMAT": 40,
    "MATGROUP": 10,
    "SERVICE": 1,
    "CONTRACT": 10,
    "CONTRACT_ITEM": 5,
    "EXT_QUOTE_ID": 35,
    "EXT_QUOTE_ITEM": 10,
    "EXT_PRODUCT_ID": 40,
    "ATTACHMENT": 255,
    "ATTACHMENT_TITLE": 255,
    "ATTACHMENT_PURPOSE": 1,
    "EXT_SCHEMA_TYPE": 10,
    "EXT_CATEGORY_ID": 60,
    "EXT_CATEGORY": 40,
    "SLD_SYS_NAME": 60,
    "CUST_FIELD1": 10,
    "CUST_FIELD2": 10,
    "CUST_FIELD3": 10,
    "CUST_FIELD4": 20,
    "CUST_FIELD5": 50,
}
REQUIRED_ITEM_FIELDS = ("DESCRIPTION", "QUANTITY", "UNIT", "PRICE", "CURRENCY")
NUMBER_RE = re.compile(r"^\d{1,11}(\.\d{1,3})?$")
ITEM_RE = re.compile(r"^NEW_ITEM-([A-Z_0-9]+)\[(\d+)\]$")
LONGTEXT_RE = re.compile(r"^NEW_ITEM-LONGTEXT_(\d+):132\[\]$")
CSRF_RE = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')


class OciProtocolError(AssertionError):
    """The shop answered something an SRM could not accept."""


# ----------------------------------------------------------------------
# Parsing (what an SRM does with the posted cart)
# ----------------------------------------------------------------------
def parse_cart_form(pairs):
    """Items of an OCI cart return, by index: a list of dicts keyed by field
    name (LONGTEXT for NEW_ITEM-LONGTEXT_n:132[], pieces joined)."""
    items = {}
    for name, value in pairs:
        match = ITEM_RE.match(name)
        if match:
            items.setdefault(int(match.group(2)), {})[match.group(1)] = value
            continue
        match = LONGTEXT_RE.match(name)
        if match:
            item = items.setdefault(int(match.group(1)), {})
            item["LONGTEXT"] = item.get("LONGTEXT", "") + value
    return [items[index] for index in sorted(items)]


class _FormParser(html.parser.HTMLParser):
    """Collects the forms of a page with their inputs, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.scripts = []
        self._form = None
        self._in_script = False
        self._noscript = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"attrs": attrs, "inputs": [], "buttons": []}
            self.forms.append(self._form)
        elif tag == "input" and self._form is not None and attrs.get("name"):
            self._form["inputs"].append((attrs["name"], attrs.get("value") or ""))
        elif tag == "button" and self._form is not None:
            # a button inside <noscript> is only seen without JavaScript
            self._form["buttons"].append(dict(attrs, noscript=bool(self._noscript)))
        elif tag == "noscript":
            self._noscript += 1
        elif tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "script":
            self._in_script = False
        elif tag == "noscript":
            self._noscript = max(self._noscript - 1, 0)

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse_transfer_page(text):
    """(form, scripts) of a transfer page; form = dict(attrs, inputs, buttons)."""
    parser = _FormParser()
    parser.feed(text)
    parser.close()
    forms = [f for f in parser.forms if f["attrs"].get("id") == "oci_transfer_form"]
    if len(forms) != 1:
        raise OciProtocolError(f"expected one transfer form, found {len(forms)}")
    return forms[0], parser.scripts


def check_form(form, scripts, hook_url, target, echo, autosubmit=True):  # noqa: C901 -- one check per OCI rule
    """Assert the shape of the cart return form; returns its items."""
    attrs = form["attrs"]
    problems = []
    if attrs.get("action") != hook_url:
        problems.append(f"action {attrs.get('action')!r} is not HOOK_URL {hook_url!r}")
    if (attrs.get("method") or "").lower() != "post":
        problems.append("method is not POST")
    if attrs.get("target") != target:
        problems.append(f"target {attrs.get('target')!r}, expected {target!r}")
    charset = (attrs.get("accept-charset") or "utf-8").lower()
    if charset not in ("utf-8", "iso-8859-1", "windows-1252"):
        problems.append(f"unexpected accept-charset {charset!r}")
    if autosubmit and not any("submit()" in s for s in scripts):
        problems.append("the form is not auto-submitted")
    inputs = form["inputs"]
    sent_echo = [(k, v) for k, v in inputs if k.lower() in ECHO_FIELDS]
    if sorted(sent_echo) != sorted(echo):
        problems.append(f"echo fields {sent_echo!r}, expected {echo!r}")
    names = [k for k, _v in inputs]
    if len(names) != len(set(names)):
        problems.append("a field is sent twice")
    for name, _value in inputs:
        if not (name.lower() in ECHO_FIELDS or ITEM_RE.match(name) or LONGTEXT_RE.match(name)):
            problems.append(f"unexpected field {name!r}")
    items = parse_cart_form(inputs)
    indices = sorted(
        {int(m.group(2)) for m in (ITEM_RE.match(n) for n in names) if m}
        | {int(m.group(1)) for m in (LONGTEXT_RE.match(n) for n in names) if m}
    )
    if indices != list(range(1, len(indices) + 1)):
        problems.append(f"item indices {indices} do not run from 1")
    for index, item in enumerate(items, start=1):
        for name in REQUIRED_ITEM_FIELDS:
            if not item.get(name):
                problems.append(f"NEW_ITEM-{name}[{index}] is empty")
        for name in ("QUANTITY", "PRICE"):
            if item.get(name) and not NUMBER_RE.match(item[name]):
                problems.append(f"NEW_ITEM-{name}[{index}]={item[name]!r} is not an OCI number")
        for name, value in item.items():
            limit = FIELD_LENGTHS.get(name)
            if limit and len(value) > limit:
                problems.append(f"NEW_ITEM-{name}[{index}] longer than {limit}")
    if problems:
        raise OciProtocolError("; ".join(problems))
    return items


def encode_form(pairs, charset):
    """application/x-www-form-urlencoded body as a browser builds it for a
    form with this accept-charset (unencodable characters become &#N;)."""
    return urlencode(pairs, encoding=charset, errors="xmlcharrefreplace").encode("ascii")


# ----------------------------------------------------------------------
# The SRM side: a local HOOK_URL that records what it receives
# ----------------------------------------------------------------------
class HookServer:
    """http.server on 127.0.0.1 (free port) in a thread. Every POST/GET is
    recorded as dict(method, path, query, headers, body)."""

    def __init__(self):
        self.received = []
        self._event = threading.Condition()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                with server._event:
                    server.received.append(
                        {
                            "method": self.command,
                            "path": parts.path,
                            "query": parts.query,
                            "headers": dict(self.headers),
                            "body": body,
                        }
                    )
                    server._event.notify_all()
                page = b"<html><body><h1>Cart received</h1></body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            do_POST = _record
            do_GET = _record

            def log_message(self, *_args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, daemon=True, name="oci-buyer-hook"
        )
        self.thread.start()

    @property
    def base_url(self):
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path="/sap/bc/hook", query=""):
        return self.base_url + path + (f"?{query}" if query else "")

    def wait(self, count, timeout=10):
        with self._event:
            self._event.wait_for(lambda: len(self.received) >= count, timeout)
        if len(self.received) < count:
            raise OciProtocolError("the hook server received nothing")
        return self.received[count - 1]

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# ----------------------------------------------------------------------
# The buyer
# ----------------------------------------------------------------------
class OciBuyer:
    """One SRM user with their own browser (own requests.Session, own
    cookie jar) and a local hook server."""

    def __init__(self, cookies=None, before_request=None, timeout=30):
        self.http = requests.Session()
        for name, value in (cookies or {}).items():
            self.http.cookies.set(name, value)
        self.before_request = before_request
        self.timeout = timeout
        self.hook = HookServer()
        self.shop_url = None
        self.hook_url = None
        self.echo = []
        self.target = "_top"
        self.last_response = None
        self.last_form = None
        self.last_post = None

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self.close()

    def close(self):
        self.hook.stop()
        self.http.close()

    # -- HTTP ---------------------------------------------------------
    def _request(self, method, url, **kwargs):
        if self.before_request:
            self.before_request()
        kwargs.setdefault("timeout", self.timeout)
        response = self.http.request(method, urljoin(self.shop_url + "/", url), **kwargs)
        self.last_response = response
        return response

    def _csrf(self, path="/shop/cart"):
        response = self._request("GET", path)
        if response.status_code != 200:
            raise OciProtocolError(f"GET {path}: {response.status_code}")
        match = CSRF_RE.search(response.text)
        if not match:
            raise OciProtocolError(f"no csrf_token on {path}")
        return match.group(1)

    # -- Steps ----------------------------------------------------------
    def login(
        self,
        shop_url,
        code,
        username,
        password,
        hook_url=None,
        extra=None,
        method="POST",
        username_param="USERNAME",
        password_param="PASSWORD",
        follow=True,
    ):
        """The SRM's catalog call. Returns the response (redirects followed
        for a catalog login; a FUNCTION answer is returned as is)."""
        self.shop_url = shop_url.rstrip("/")
        self.hook_url = hook_url or self.hook.url(query=f"sess={int(time.time() * 1000)}&x=%20y")
        params = {
            username_param: username,
            password_param: password,
            "HOOK_URL": self.hook_url,
            "~OkCode": "ADDI",
            "~TARGET": "_top",
            "~CALLER": "CTLG",
            "OCI_VERSION": "4.0",
        }
        params.update(extra or {})
        params = {k: v for k, v in params.items() if v is not None}
        self.echo = [(k, v) for k, v in params.items() if k.lower() in ECHO_FIELDS]
        self.target = next((params[k] for k in TARGET_FIELDS if params.get(k)), "_top")
        url = f"/oci/{code}/login"
        if method.upper() == "GET":
            response = self._request("GET", url, params=params, allow_redirects=follow)
        else:
            response = self._request("POST", url, data=params, allow_redirects=follow)
        return response

    def add_to_cart(self, product_id, qty=1):
        """The shop's own add-to-cart form (csrf token from the shop page).
        The shop reads whole numbers only ("2.0" would count as 1)."""
        if float(qty).is_integer():
            qty = int(float(qty))
        response = self._request(
            "POST",
            "/shop/cart/update",
            data={"product_id": product_id, "add_qty": qty, "csrf_token": self._csrf("/shop")},
        )
        # The shop may answer in the buyer's language: /nl/shop/cart.
        path = urlsplit(response.url).path
        if response.status_code != 200 or not re.fullmatch(
            r"(/[a-z]{2}(_[A-Za-z]{2,4})?)?/shop/cart", path
        ):
            raise OciProtocolError(f"add to cart failed: {response.status_code} {response.url}")
        return response

    def transfer(self):
        """Press "Transfer cart"; returns the items the hook received."""
        return self._press("/oci/transfer")

    def cancel(self):
        """Press "Cancel"; returns the items the hook received (none)."""
        return self._press("/oci/cancel")

    def _press(self, path):
        response = self._request(
            "POST", path, data={"csrf_token": self._csrf()}, allow_redirects=False
        )
        if response.status_code != 200:
            raise OciProtocolError(f"POST {path}: {response.status_code}")
        return self.submit(response)

    def submit(self, response, autosubmit=True):
        """Check the transfer page and post its form to the action, like the
        browser's auto-submit. Returns the items the hook server parsed."""
        form, scripts = parse_transfer_page(response.text)
        check_form(form, scripts, self.hook_url, self.target, self.echo, autosubmit)
        self.last_form = form
        charset = (form["attrs"].get("accept-charset") or "utf-8").split()[0].lower()
        body = encode_form(form["inputs"], charset)
        action = form["attrs"]["action"]
        count = len(self.hook.received)
        answer = requests.post(
            action,
            data=body,
            timeout=self.timeout,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if action.startswith(self.hook.base_url + "/"):
            received = self.hook.wait(count + 1)
        else:
            # Another HOOK_URL (e.g. the shop's own test buyer): what was
            # posted is what it received.
            parts = urlsplit(action)
            received = {
                "method": "POST",
                "path": parts.path,
                "query": parts.query,
                "headers": {},
                "body": body,
                "status": answer.status_code,
            }
        pairs = parse_qsl(
            received["body"].decode("ascii"), keep_blank_values=True, encoding=charset
        )
        received["pairs"] = pairs
        received["charset"] = charset
        self.last_post = received
        return parse_cart_form(pairs)

    def validate(self, shop_url, code, username, password, product_id, qty=1, **kwargs):
        """FUNCTION=VALIDATE: answered on the same URL (no redirect)."""
        response = self.login(
            shop_url,
            code,
            username,
            password,
            follow=False,
            extra=dict(
                kwargs.pop("extra", {}),
                FUNCTION="VALIDATE",
                PRODUCTID=str(product_id),
                QUANTITY=str(qty),
            ),
            **kwargs,
        )
        if response.status_code != 200:
            raise OciProtocolError(f"VALIDATE answered {response.status_code}")
        return self.submit(response)

    def search(self, shop_url, code, username, password, text, **kwargs):
        """FUNCTION=BACKGROUND_SEARCH."""
        response = self.login(
            shop_url,
            code,
            username,
            password,
            follow=False,
            extra=dict(kwargs.pop("extra", {}), FUNCTION="BACKGROUND_SEARCH", SEARCHSTRING=text),
            **kwargs,
        )
        if response.status_code != 200:
            raise OciProtocolError(f"BACKGROUND_SEARCH answered {response.status_code}")
        return self.submit(response)


# ----------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------
TABLE_COLUMNS = (
    "DESCRIPTION",
    "QUANTITY",
    "UNIT",
    "PRICE",
    "CURRENCY",
    "VENDORMAT",
    "MATGROUP",
    "EXT_QUOTE_ID",
    "EXT_QUOTE_ITEM",
)


def format_table(items):
    rows = [("#",) + TABLE_COLUMNS] + [
        (str(i),) + tuple(item.get(c, "") for c in TABLE_COLUMNS)
        for i, item in enumerate(items, start=1)
    ]
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    lines = ["  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Play an SAP SRM punching out to a shop.")
    parser.add_argument("--shop", required=True, help="shop base URL, e.g. http://localhost:8069")
    parser.add_argument("--code", required=True, help="connection code (/oci/<code>/login)")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument(
        "--product", action="append", default=[], help="product id, or id:qty (repeatable)"
    )
    parser.add_argument("--method", choices=("POST", "GET"), default="POST")
    parser.add_argument("--cancel", action="store_true", help="cancel instead of transfer")
    parser.add_argument("--validate", metavar="PRODUCTID", help="FUNCTION=VALIDATE")
    parser.add_argument("--search", metavar="TEXT", help="FUNCTION=BACKGROUND_SEARCH")
    parser.add_argument(
        "--param", action="append", default=[], help="extra login parameter NAME=VALUE (repeatable)"
    )
    parser.add_argument(
        "--hook-url",
        help="HOOK_URL to send (default: the local hook server; "
        "when the shop refuses it, the shop's own test buyer hook)",
    )
    args = parser.parse_args(argv)
    extra = dict(p.split("=", 1) for p in args.param)
    with OciBuyer() as buyer:
        print(f"Hook server listening on {buyer.hook.base_url}")
        auth = (args.shop, args.code, args.username, args.password)
        hook_url = args.hook_url
        if not hook_url:
            # A connection only accepts its allowed HOOK_URL prefixes; a local
            # hook server on a random port is rarely one of them, the shop's
            # own test buyer is (connection "Allow the test buyer").
            probe = buyer.login(*auth, extra=extra, method=args.method, follow=False)
            if probe.status_code == 400 and "HOOK_URL" in probe.text:
                hook_url = f"{args.shop.rstrip('/')}/oci/test-buyer/hook?buyer=oci_buyer_cli"
                print(f"The shop refuses the local hook server; using {hook_url}")
        options = {"extra": extra, "method": args.method, "hook_url": hook_url}
        if args.validate:
            items = buyer.validate(*auth, args.validate, **options)
        elif args.search:
            items = buyer.search(*auth, args.search, **options)
        else:
            response = buyer.login(*auth, **options)
            if response.status_code != 200 or "/oci/" in urlsplit(response.url).path:
                print(f"Login refused: HTTP {response.status_code}", file=sys.stderr)
                return 1
            print(f"Logged in, now on {response.url}")
            for spec in args.product:
                product_id, _sep, qty = spec.partition(":")
                buyer.add_to_cart(int(product_id), float(qty or 1))
                print(f"Added product {product_id} x {qty or 1}")
            items = buyer.cancel() if args.cancel else buyer.transfer()
        post = buyer.last_post
        print(
            f"Hook received {len(post['body'])} bytes ({post['charset']}) on "
            f"{post['path']}?{post['query']}"
        )
        print(", ".join(f"{k}={v}" for k, v in post["pairs"] if k.startswith("~")))
        print(format_table(items) if items else "No items (cancelled or nothing found).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
