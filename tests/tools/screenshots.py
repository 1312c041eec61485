#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Screenshots of the demo shop for the README, taken from a running server
with the demo data (``make shop``), in headless Chromium.

    python3 tests/tools/screenshots.py --url http://localhost:8069 --db oci_demo

Writes docs/*.png. It plays a buyer through the test-buyer page (punchout,
shop with banner, cart with branch and greeting card, transfer, fields
received) and opens the backend screens as admin (connection, sessions, PO
to review, invoice PDF). The punchout it makes is a real one: it adds a
session and a transferred quotation to the demo database, as a buyer would.

Needs Chromium (Debian's ``chromium``), websocket-client and requests (test
requirements), pdftoppm (poppler-utils) for the invoice page, Pillow to make
the PNG files small. Drives Chromium through its DevTools protocol."""

import argparse
import base64
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--mute-audio",
]
TIMEOUT = 60


class Chromium:
    """A headless Chromium and one page, driven over the DevTools protocol."""

    def __init__(self, binary, width, height):
        self.profile = tempfile.mkdtemp(prefix="oci-shots-")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [
                binary,
                *CHROMIUM_FLAGS,
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.time() + TIMEOUT
        while True:
            try:
                pages = requests.get(f"http://127.0.0.1:{port}/json", timeout=2).json()
                page = next(p for p in pages if p.get("type") == "page")
                break
            except (requests.RequestException, StopIteration, ValueError):
                if time.time() > deadline:
                    raise RuntimeError("Chromium did not start") from None
                time.sleep(0.3)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=TIMEOUT)
        self.next_id = 0
        self.events = []
        self.call("Page.enable")
        self.call("Network.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def evaluate(self, expression):
        result = self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression, what, timeout=TIMEOUT):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self.evaluate(expression):
                    return
            except RuntimeError:
                pass  # page between two documents
            time.sleep(0.3)
        raise RuntimeError(f"timed out waiting for {what} on {self.evaluate('location.href')}")

    def open(self, url, selector):
        self.call("Page.navigate", url=url)
        self.wait_for_selector(selector)

    def wait_for_selector(self, selector):
        self.wait_for(
            "document.readyState === 'complete'"
            f" && !!document.querySelector({json.dumps(selector)})"
            " && !document.querySelector('.o_loading_indicator, .o_blockUI')",
            selector,
        )
        time.sleep(1.0)  # let images, fonts and the last rendering settle

    def click(self, selector):
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def set_cookie(self, url, name, value):
        self.call("Network.setCookie", url=url, name=name, value=value)

    def clear_cookies(self):
        self.call("Network.clearBrowserCookies")

    def screenshot(self, path, clip_selector=None):
        # Transient toasts (e.g. "the page is out of date" when the
        # websocket of a threaded server reconnects) are not the screen.
        self.evaluate("document.querySelectorAll('.o_notification').forEach(n => n.remove())")
        params = {"format": "png"}
        if clip_selector:
            box = self.evaluate(
                f"(() => {{const r = document.querySelector({json.dumps(clip_selector)})"
                ".getBoundingClientRect(); return [r.x, r.y, r.width, r.height];})()"
            )
            params["clip"] = {
                "x": box[0],
                "y": box[1],
                "width": box[2],
                "height": box[3],
                "scale": 1,
            }
        data = base64.b64decode(self.call("Page.captureScreenshot", **params)["data"])
        save_png(data, path)

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


def save_png(data, path, max_width=None):
    """Save a screenshot as a small PNG (256-colour palette)."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    if max_width and image.width > max_width:
        image = image.resize(
            (max_width, round(image.height * max_width / image.width)), Image.LANCZOS
        )
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(path, "PNG", optimize=True)
    print(
        f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
        f"{path.stat().st_size // 1024} KB"
    )


class Backend:
    """JSON-RPC as the admin, for ids and the session cookie."""

    def __init__(self, url, db, login, password):
        self.url = url
        self.http = requests.Session()
        answer = self.http.post(
            f"{url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": db, "login": login, "password": password},
            },
            timeout=TIMEOUT,
        ).json()
        if answer.get("error") or not answer.get("result", {}).get("uid"):
            raise SystemExit(f"Cannot log in as {login} on {url} ({db}): {answer.get('error')}")
        self.session_id = self.http.cookies.get("session_id")

    def call(self, model, method, *args, **kwargs):
        answer = self.http.post(
            f"{self.url}/web/dataset/call_kw",
            json={
                "jsonrpc": "2.0",
                "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            },
            timeout=TIMEOUT,
        ).json()
        if answer.get("error"):
            raise RuntimeError(f"{model}.{method}: {answer['error']['data']['message']}")
        return answer["result"]

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        rows = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            ["res_id"],
        )
        if not rows:
            raise SystemExit(f"{xmlid} not found: is this a database with the demo data?")
        return rows[0]["res_id"]


def shoot(args):
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    backend = Backend(args.url, args.db, args.login, args.password)
    connection_id = backend.ref("oci_punchout.connection_linde_demo")
    branch_id = backend.ref("oci_punchout.partner_linde_branch_demo")
    products = {
        row["default_code"]: row["id"]
        for row in backend.call(
            "product.product",
            "search_read",
            [("default_code", "in", ["TT-SLAG-12", "TT-JUB-30", "FM-BETER"])],
            ["default_code"],
        )
    }
    browser = Chromium(args.chromium, args.width, args.height)
    try:
        # -- The test buyer page, as a salesman of the shop.
        browser.set_cookie(args.url, "session_id", backend.session_id)
        browser.open(
            f"{args.url}/oci/test-buyer?connection={connection_id}", "form[action*='/login']"
        )
        browser.screenshot(out / "test-buyer.png")

        # -- The buyer punches out (the test buyer's form): logged in as the
        # orderer, the admin's browser session ends (as the README says).
        browser.evaluate(
            "(() => {const f = document.querySelector(\"form[action*='/login']\");"
            "const p = f.querySelector('input[type=password]');"
            f"p.value = {json.dumps(args.secret)};"
            "f.submit();})()"
        )
        browser.wait_for_selector(".o_oci_banner")
        browser.open(f"{args.url}/shop", ".o_oci_banner")
        browser.screenshot(out / "shop-punchout.png")

        # -- Fill the cart, choose the branch and write a greeting card.
        for code, qty in (("TT-SLAG-12", 2), ("TT-JUB-30", 1), ("FM-BETER", 1)):
            browser.evaluate(
                "fetch('/shop/cart/update_json', {method: 'POST', headers: {'Content-Type': "
                "'application/json'}, body: JSON.stringify({jsonrpc: '2.0', method: 'call', "
                f"params: {{product_id: {products[code]}, add_qty: {qty}}}}})}})"
                ".then(r => r.json())"
            )
        browser.open(f"{args.url}/shop/cart", ".o_oci_business_form")
        browser.evaluate(
            "(() => {"
            f"document.querySelector('#oci_branch_id').value = '{branch_id}';"
            "document.querySelector('#oci_card_text').value = "
            "'Lieve Els, bedankt voor 25 jaar zorg op Locatie Oosterhout!\\nNamens het hele team';"
            "document.querySelector('#oci_card_logo').checked = true;"
            "const line = document.querySelector('.o_oci_line_card textarea');"
            "if (line) { line.value = 'Veel plezier met de taart!'; }"
            "document.querySelector('.o_oci_business_form').submit();})()"
        )
        time.sleep(1)
        browser.wait_for_selector(".o_oci_card_preview")
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            width=args.width,
            height=args.height + 500,
            deviceScaleFactor=1,
            mobile=False,
        )
        browser.wait_for_selector(".o_oci_business")
        browser.screenshot(out / "cart.png")
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            width=args.width,
            height=args.height,
            deviceScaleFactor=1,
            mobile=False,
        )

        # -- Transfer: the test buyer's hook page shows what the SRM receives.
        browser.click(".o_oci_cart_transfer")
        browser.wait_for_selector("table")
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            width=args.width,
            height=args.height + 400,
            deviceScaleFactor=1,
            mobile=False,
        )
        browser.wait_for_selector("table")
        browser.screenshot(out / "transferred-fields.png")
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            width=args.width,
            height=args.height,
            deviceScaleFactor=1,
            mobile=False,
        )

        # -- Backend screens as admin.
        backend = Backend(args.url, args.db, args.login, args.password)
        browser.clear_cookies()
        browser.set_cookie(args.url, "session_id", backend.session_id)
        browser.open(
            f"{args.url}/odoo/action-oci_punchout.oci_connection_action/{connection_id}",
            ".o_form_view .o_field_widget",
        )
        browser.screenshot(out / "connection.png")
        browser.open(
            f"{args.url}/odoo/action-oci_punchout.oci_session_action", ".o_list_view .o_data_row"
        )
        browser.screenshot(out / "sessions.png")
        held = backend.ref("oci_punchout.sale_order_linde_held_demo")
        browser.open(
            f"{args.url}/odoo/action-sale.action_quotations_with_onboarding/{held}",
            ".o_form_view .o_field_widget",
        )
        browser.screenshot(out / "po-review.png")
        browser.open(
            f"{args.url}/odoo/action-oci_punchout.oci_purchase_order_action",
            ".o_list_view .o_data_row",
        )
        browser.screenshot(out / "purchase-orders.png")
        invoice = backend.ref("oci_punchout.invoice_linde_demo")
        browser.open(
            f"{args.url}/odoo/action-account.action_move_out_invoice_type/{invoice}",
            ".o_form_view .o_field_widget",
        )
        browser.screenshot(out / "invoice-form.png")
    finally:
        browser.close()

    # -- The invoice PDF as the customer gets it (first page).
    pdf = backend.http.get(f"{args.url}/report/pdf/account.report_invoice/{invoice}", timeout=120)
    pdf.raise_for_status()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "invoice.pdf"
        source.write_bytes(pdf.content)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "100",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(source),
                str(Path(tmp) / "page"),
            ],
            check=True,
        )
        page = Image.open(Path(tmp) / "page.png").convert("RGB")
        # Cut the empty margins (the page is mostly white below the totals).
        ink = Image.eval(page.convert("L"), lambda v: 255 if v < 245 else 0).getbbox()
        if ink:
            page = page.crop(
                (
                    max(ink[0] - 30, 0),
                    max(ink[1] - 30, 0),
                    min(ink[2] + 30, page.width),
                    min(ink[3] + 30, page.height),
                )
            )
        buffer = io.BytesIO()
        page.save(buffer, "PNG")
        save_png(buffer.getvalue(), out / "invoice-pdf.png")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("SHOP_URL", "http://localhost:8069"))
    parser.add_argument("--db", default=os.environ.get("SHOP_DB", "oci_demo"))
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--secret", default="demo-secret", help="the demo connection's secret")
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    args = parser.parse_args(argv)
    shoot(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
