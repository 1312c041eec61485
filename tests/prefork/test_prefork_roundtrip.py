# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The HTTP round-trip against Odoo in prefork mode, as real shops run it.

The module makes its own throwaway database with demo data (both addons),
starts `odoo --workers=2` on it (tests/tools/run_odoo.py, as `make shop
WORKERS=n` does) on free ports, and plays the SRM with the buyer harness
(tests/buyer/oci_buyer.py, po_sender.py) over real HTTP: punchout login,
cart, transfer to the harness's own hook, the PO coming back, two
requisitions of one technical user at once, and the failed-login throttle
counted across both workers. The server is stopped and the database dropped
at the end. Skipped when Odoo is not importable.

Database name: $OCI_PREFORK_DB, else "<pytest-odoo database>_prefork". The
server's log is copied to var/prefork-<database>.log. For work on these tests,
OCI_PREFORK_KEEP_DB=1 reuses that database when it exists and keeps it.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

odoo = pytest.importorskip("odoo", reason="Odoo 18.0 is not importable")
psutil = pytest.importorskip("psutil")
psycopg2 = pytest.importorskip("psycopg2")

ROOT = Path(__file__).resolve().parents[2]
ODOO_BIN = ROOT / "tests" / "tools" / "run_odoo.py"
sys.path.insert(0, str(ROOT / "tests" / "buyer"))
import oci_buyer  # noqa: E402
import po_sender  # noqa: E402

MODULES = "oci_punchout,oci_einvoice"
WORKERS = 2
KEEP_DB = os.environ.get("OCI_PREFORK_KEEP_DB") == "1"
# The demo connection (oci_punchout/demo/oci_punchout_demo.xml).
CODE, USERNAME, SECRET = "demo-linde", "delinde", "demo-secret"
PO_IDENTITY, PO_SECRET = "DELINDE-SRM", "demo-po-secret"
ADMIN = ("admin", "admin")
# Odoo's log line: "<date> <time> <pid> <LEVEL> <db> werkzeug: <ip> ... "<request>" <status>"
ACCESS_RE = re.compile(r'^\S+ \S+ (\d+) INFO \S+ werkzeug: \S+ .*"(\w+) (\S+) HTTP/[\d.]+" (\d+) ')


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _db_params():
    config = odoo.tools.config
    return {
        "host": config.get("db_host") or os.environ.get("PGHOST") or "localhost",
        "port": int(config.get("db_port") or os.environ.get("PGPORT") or 5432),
        "user": config.get("db_user") or os.environ.get("PGUSER") or "odoo",
        "password": config.get("db_password") or os.environ.get("PGPASSWORD") or "odoo",
    }


def _drop_database(name):
    conn = psycopg2.connect(dbname="postgres", **_db_params())
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        conn.close()


def _database_exists(name):
    conn = psycopg2.connect(dbname="postgres", **_db_params())
    try:
        with conn.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            return bool(cr.fetchone())
    finally:
        conn.close()


def _addons_path():
    paths = [p for p in (odoo.tools.config.get("addons_path") or "").split(",") if p]
    if not any(Path(p).resolve() == ROOT for p in paths):
        paths = [str(Path(odoo.__file__).parent / "addons"), str(ROOT)]
    return ",".join(paths)


def _tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class PreforkServer:
    """`odoo --workers=2` on a database of its own, in a temporary folder."""

    def __init__(self):
        base = odoo.tools.config.get("db_name") or "oci"
        self.db = os.environ.get("OCI_PREFORK_DB") or f"{base.split(',')[0]}_prefork"
        self.tmp = Path(tempfile.mkdtemp(prefix="oci-prefork-"))
        self.http_port = self.gevent_port = _free_port()
        while self.gevent_port == self.http_port:
            self.gevent_port = _free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.log = self.tmp / "odoo.log"
        self.cfg = self.tmp / "odoo.cfg"
        params = _db_params()
        self.cfg.write_text(
            "[options]\n"
            f"db_host = {params['host']}\ndb_port = {params['port']}\n"
            f"db_user = {params['user']}\ndb_password = {params['password']}\n"
            f"addons_path = {_addons_path()}\n"
            f"data_dir = {self.tmp / 'data'}\n"
            f"http_interface = 127.0.0.1\nhttp_port = {self.http_port}\n"
            f"gevent_port = {self.gevent_port}\n"
            f"dbfilter = ^{self.db}$\nlist_db = False\n"
            f"logfile = {self.log}\nlog_level = info\n"
        )
        self.process = None
        self.uid = None
        self.gevent_pid = None

    def odoo_args(self, *args):
        return [sys.executable, str(ODOO_BIN), "-c", str(self.cfg), "-d", self.db, *args]

    def create_database(self):
        if KEEP_DB and _database_exists(self.db):
            return
        _drop_database(self.db)
        result = subprocess.run(
            self.odoo_args("-i", MODULES, "--stop-after-init", "--log-level=warn"),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=3600,
            check=False,
        )
        assert result.returncode == 0, (
            f"creating {self.db} failed:\n{result.stderr[-3000:]}\n{_tail(self.log)}"
        )

    def start(self):
        self.process = subprocess.Popen(
            self.odoo_args(f"--workers={WORKERS}", "--max-cron-threads=0"),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        # The HTTP workers answer first; the gevent process is a fresh
        # interpreter re-executed by the master and binds its port later.
        for url in (self.url, f"http://127.0.0.1:{self.gevent_port}"):
            self._wait_health(url)
        self.uid = self.rpc("common", "login", self.db, *ADMIN)
        assert self.uid, "admin/admin login failed on the demo database"

    def _wait_health(self, url, seconds=300):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"odoo exited:\n{_tail(self.log)}"
            try:
                if requests.get(url + "/web/health", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        pytest.fail(f"odoo did not answer on {url}:\n{_tail(self.log)}")

    def stop(self):
        if not self.process or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # the master stops its workers
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def cleanup(self):
        try:
            self.stop()
        finally:
            try:
                if not KEEP_DB:
                    _drop_database(self.db)
            finally:
                # The server's log is kept for a look after the run (var/ is ignored by git).
                if self.log.exists():
                    (ROOT / "var").mkdir(exist_ok=True)
                    shutil.copy(self.log, ROOT / "var" / f"prefork-{self.db}.log")
                shutil.rmtree(self.tmp, ignore_errors=True)

    # -- JSON-RPC as admin (through the workers, like any client) -----------
    def rpc(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"service": service, "method": method, "args": list(args)},
        }
        answer = requests.post(self.url + "/jsonrpc", json=payload, timeout=60).json()
        assert "error" not in answer, answer.get("error")
        return answer["result"]

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            "object", "execute_kw", self.db, self.uid, ADMIN[1], model, method, list(args), kwargs
        )

    # -- the processes ----------------------------------------------------------
    def children(self):
        """{pid: 'gevent' | 'http'} of the master's live children."""
        kids = {}
        for child in psutil.Process(self.process.pid).children():
            try:
                kids[child.pid] = "gevent" if "gevent" in child.cmdline() else "http"
            except psutil.NoSuchProcess:
                pass
        return kids

    def access_log(self):
        """[(pid, method, path, status)] of the requests the server logged."""
        entries = []
        for line in self.log.read_text(errors="replace").splitlines():
            match = ACCESS_RE.match(line)
            if match:
                entries.append(
                    (int(match.group(1)), match.group(2), match.group(3), int(match.group(4)))
                )
        return entries


@pytest.fixture(scope="module")
def server():
    if not ODOO_BIN.exists():
        pytest.skip("tests/tools/run_odoo.py is missing")
    srv = PreforkServer()
    try:
        srv.create_database()
        srv.start()
        yield srv
    finally:
        srv.cleanup()


@pytest.fixture(scope="module")
def shop(server):
    """The demo connection and two products of its customer's assortment.
    The throttle test sets its own limit; until then refusals left by an
    earlier run (OCI_PREFORK_KEEP_DB) must not lock 127.0.0.1 out."""
    server.call("ir.config_parameter", "set_param", "oci_punchout.max_failures", "1000")
    connection = server.call(
        "oci.connection",
        "search_read",
        [("code", "=", CODE)],
        fields=["partner_id", "hook_url_prefixes"],
    )
    assert connection, f"no demo connection {CODE}"
    connection = connection[0]
    categories = server.call(
        "res.partner", "read", [connection["partner_id"][0]], fields=["oci_assortment_categ_ids"]
    )[0]["oci_assortment_categ_ids"]
    domain = [("sale_ok", "=", True), ("is_published", "=", True)]
    if categories:
        domain.append(("categ_id", "child_of", categories))
    products = server.call("product.product", "search", domain, limit=2, order="id")
    assert len(products) == 2, "the demo assortment needs two published products"
    return {"connection": connection, "products": products}


def _buyer(server, shop):
    """A harness buyer whose hook server the demo connection accepts."""
    buyer = oci_buyer.OciBuyer()
    connection = shop["connection"]
    prefixes = (
        server.call("oci.connection", "read", [connection["id"]], fields=["hook_url_prefixes"])[0][
            "hook_url_prefixes"
        ]
        or ""
    )
    server.call(
        "oci.connection",
        "write",
        [connection["id"]],
        {"hook_url_prefixes": f"{prefixes}\n{buyer.hook.base_url}/".strip()},
    )
    return buyer


def _login(buyer, url):
    """The buyer's punchout login, which these tests need to succeed. The
    harness returns the response as it is (the refusal tests read it), so a
    refused login (401, or 429 once the failed-login throttle locked the
    address out) would only show up later, as a 410 at the transfer."""
    response = buyer.login(url, CODE, USERNAME, SECRET)
    assert response.status_code == 200 and response.url.endswith("/shop"), (
        f"punchout login at {url} refused: HTTP {response.status_code}, ended at "
        f"{response.url}: {response.text[:200]!r}"
    )
    return response


def _order(server, name):
    orders = server.call(
        "sale.order",
        "search_read",
        [("name", "=", name)],
        fields=["state", "client_order_ref", "oci_transfer_state"],
    )
    assert len(orders) == 1, f"no single quotation {name}"
    return orders[0]


def _lines(server, order_name):
    lines = server.call(
        "sale.order.line",
        "search_read",
        [("order_id.name", "=", order_name), ("display_type", "=", False)],
        fields=["product_id", "product_uom_qty"],
    )
    return sorted((line["product_id"][0], line["product_uom_qty"]) for line in lines)


def _items_summary(items):
    return sorted((int(item["EXT_PRODUCT_ID"]), float(item["QUANTITY"])) for item in items)


def test_prefork_processes_and_websocket(server):
    """The master runs 2 HTTP workers and one gevent process, which serves
    the websocket on its own port."""
    websocket = pytest.importorskip("websocket")
    deadline = time.monotonic() + 30
    while sorted(server.children().values()) != ["gevent", "http", "http"]:
        assert time.monotonic() < deadline, f"children: {server.children()}"
        time.sleep(0.5)
    server.gevent_pid = next(p for p, kind in server.children().items() if kind == "gevent")
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{server.gevent_port}/websocket", origin=server.url, timeout=30
    )
    try:
        assert ws.connected
        assert ws.getstatus() == 101
    finally:
        ws.close()


def test_roundtrip_transfer_then_po(server, shop):
    first, second = shop["products"]
    with _buyer(server, shop) as buyer:
        _login(buyer, server.url)
        buyer.add_to_cart(first, 2)
        buyer.add_to_cart(second, 1)
        items = buyer.transfer()

        # What the harness's own hook server received.
        post = buyer.last_post
        assert (post["method"], post["path"]) == ("POST", "/sap/bc/hook")
        assert post["query"] == buyer.hook_url.split("?", 1)[1]
        assert ("~OkCode", "ADDI") in post["pairs"]
        assert _items_summary(items) == sorted([(first, 2.0), (second, 1.0)])
        quote = {item["EXT_QUOTE_ID"] for item in items}
        assert len(quote) == 1
        quote = quote.pop()
        assert _lines(server, quote) == _items_summary(items)
        order = _order(server, quote)
        assert (order["state"], order["oci_transfer_state"]) == ("sent", "transferred")

    # The purchase order comes back as a cXML OrderRequest.
    po_number = f"45{uuid.uuid4().int % 10**8:08d}"
    xml = po_sender.build_cxml_order(
        items, po_number, f"{uuid.uuid4()}@srm.example", PO_IDENTITY, PO_SECRET
    )
    status, cxml_code, text = po_sender.post_cxml(server.url, CODE, xml)
    assert (status, cxml_code) == (200, 200), text
    order = _order(server, quote)
    assert (order["state"], order["client_order_ref"]) == ("sale", po_number)


def test_two_requisitions_keep_separate_carts(server, shop):
    """One technical user, two requisitions at once (two browsers, two
    HOOK_URLs): each keeps its own cart and gets exactly its own lines."""
    first, second = shop["products"]
    with _buyer(server, shop) as buyer_x, _buyer(server, shop) as buyer_y:
        for buyer in (buyer_x, buyer_y):
            _login(buyer, server.url)
        assert buyer_x.hook_url != buyer_y.hook_url
        buyer_x.add_to_cart(first, 1)
        buyer_y.add_to_cart(second, 3)
        items_y = buyer_y.transfer()
        items_x = buyer_x.transfer()
        assert _items_summary(items_y) == [(second, 3.0)]
        assert _items_summary(items_x) == [(first, 1.0)]
        assert len(buyer_x.hook.received) == len(buyer_y.hook.received) == 1
        quotes = {item["EXT_QUOTE_ID"] for item in items_x + items_y}
        assert len(quotes) == 2, "one quotation per requisition"


def _wait_for_lock_waiter(db, seconds=120):
    """Until a backend of ``db`` waits for a row lock (the PO's request)."""
    conn = psycopg2.connect(dbname=db, **_db_params())
    conn.autocommit = True
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with conn.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = %s AND wait_event_type = 'Lock'",
                    [db],
                )
                if cr.fetchone()[0]:
                    return
            time.sleep(0.2)
        pytest.fail("the PO request never waited for the quotation's row")
    finally:
        conn.close()


def test_po_retried_after_concurrent_update_reads_its_body_again(server, shop):
    """Odoo runs a request again when its transaction meets a concurrent
    update (serialization failure), as the budget lock relies on. The PO
    intake then reads the body a second time: it must get the same document
    (it was answered 400 "The request body is empty." and the PO was lost)."""
    first, second = shop["products"]
    with _buyer(server, shop) as buyer:
        _login(buyer, server.url)
        buyer.add_to_cart(first, 1)
        buyer.add_to_cart(second, 2)
        items = buyer.transfer()
    quote = items[0]["EXT_QUOTE_ID"]
    order_id = server.call("sale.order", "search", [("name", "=", quote)])[0]
    po_number = f"45{uuid.uuid4().int % 10**8:08d}"
    xml = po_sender.build_cxml_order(
        items, po_number, f"{uuid.uuid4()}@srm.example", PO_IDENTITY, PO_SECRET
    )
    # A concurrent change of the quotation, committed while the PO's request
    # waits for the row: the request's update then fails and is retried.
    conn = psycopg2.connect(dbname=server.db, **_db_params())
    try:
        with conn.cursor() as cr, ThreadPoolExecutor(max_workers=1) as pool:
            cr.execute("UPDATE sale_order SET write_date = write_date WHERE id = %s", [order_id])
            answer = pool.submit(po_sender.post_cxml, server.url, CODE, xml)
            _wait_for_lock_waiter(server.db)
            conn.commit()
            status, cxml_code, text = answer.result()
    finally:
        conn.close()
    assert (status, cxml_code) == (200, 200), text
    order = _order(server, quote)
    assert (order["state"], order["client_order_ref"]) == ("sale", po_number)


def test_failed_login_throttle_across_workers(server, shop):
    """Wrong secrets from one address are counted in the database, whichever
    worker answers: after oci_punchout.max_failures of them, 429. Runs last
    (it locks 127.0.0.1 out)."""
    earlier = server.call(
        "oci.session",
        "search_count",
        [("remote_addr", "=", "127.0.0.1"), ("state", "=", "refused")],
    )
    allowed = 4
    server.call(
        "ir.config_parameter", "set_param", "oci_punchout.max_failures", str(earlier + allowed)
    )
    server.call("ir.config_parameter", "set_param", "oci_punchout.failure_window", "60")
    log_start = len(server.access_log())

    def wrong_login(_index):
        return requests.post(
            f"{server.url}/oci/{CODE}/login",
            data={
                "USERNAME": USERNAME,
                "PASSWORD": "wrong-secret",
                "~OkCode": "ADDI",
                "HOOK_URL": "https://srm.delinde.example/sap/bc/hook",
            },
            headers={"Connection": "close"},
            timeout=60,
            allow_redirects=False,
        ).status_code

    statuses = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        # Two at a time: while one worker checks a secret, the other worker
        # takes the second request.
        for _round in range(allowed // 2 + 1):
            statuses.append(sorted(pool.map(wrong_login, range(2))))
    assert statuses == [[401, 401]] * (allowed // 2) + [[429, 429]], statuses
    right = requests.post(
        f"{server.url}/oci/{CODE}/login",
        data={
            "USERNAME": USERNAME,
            "PASSWORD": SECRET,
            "HOOK_URL": "https://srm.delinde.example/sap/bc/hook",
        },
        timeout=60,
        allow_redirects=False,
    )
    assert right.status_code == 429, "the address stays locked out, whatever the secret"

    logins = [
        (pid, status)
        for pid, method, path, status in server.access_log()[log_start:]
        if path == f"/oci/{CODE}/login"
    ]
    workers = {pid for pid, kind in server.children().items() if kind == "http"}
    checked_by = {pid for pid, status in logins if status == 401}
    assert len(checked_by) == WORKERS and checked_by <= workers, (
        f"wrong secrets checked by {checked_by}, workers {workers}: {logins}"
    )


def test_gevent_process_never_respawned(server):
    """The websocket process started once and is still the same process."""
    if not server.gevent_pid:
        pytest.skip("the process test did not run")
    assert server.gevent_pid in server.children()
    started = server.log.read_text(errors="replace").count("Evented Service (longpolling) running")
    assert started == 1, f"the gevent process started {started} times"
