#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Many buyers at once (issue 11 §4): prints tables, asserts nothing.

    python3 tests/bench/bench_scale_concurrency.py -c var/odoo-test-<db>.cfg -d <db> \
        [--buyers 40] [--trips 2] [--rounds 4] [--workers 2] \
        [--port 8215 --gevent-port 8225] [--max-connections 16]

The given database (both addons installed) is never written: everything runs
in a throwaway copy (``<db>_conc_<pid>``), dropped at the end.

Data, as real customers have it: 120 published products; 8 customers (hospital
groups), each with its own OCI connection (its SRM's technical user and
secret; the orderer named by the SRM's ``email`` login parameter) and 25
orderers with a portal user (--pool 200 in all). For the stock flow 8
business customers with 25 contacts each, portal users with a password. No
two buyers have the same cart (products and quantities of their own).

One Odoo server with ``--workers=2 --max-cron-threads=0`` (the prefork server
as odoo-bin runs it, tests/tools/run_odoo.py). Then, in the same run, phases
alternating A B, B A, A B ... so that drift hits both flows alike. In a phase
40 client threads, released together (40 buyers at once), each run
``--trips`` round trips one after the other, every one as the next buyer of
the pool in a fresh browser (cookie jar):

  A stock:    GET /web/login, POST /web/login (csrf, redirect=/shop),
              GET /shop, 3 x POST /shop/cart/update_json, GET /shop/cart
  B punchout: POST /oci/<code>/login (USERNAME, PASSWORD, HOOK_URL, email and
              the ~ fields), GET /shop, 3 x POST /shop/cart/update_json,
              GET /shop/cart, POST /oci/transfer; the returned form is posted
              to HOOK_URL (a local hook server) and parsed there

Seven Odoo requests per round trip in both flows (stock's login page pairs
with the punchout's transfer). The add-to-cart is the shop's own JSON call
(what its "add to cart" button sends: display false, force_create). Checked
on every round trip: the status of each request; the cart page holds exactly
the buyer's 3 products and quantities (both flows); the form the hook
received holds exactly them, from one quotation that no other round trip
transferred (no mixed carts). The stock users' draft carts are removed
between phases (untimed), so both flows make a new quotation per round trip.
Every phase takes its buyers from the start of the pool; one untimed phase
of each flow first warms the workers' caches for them (templates, each
user's access rules): the steady state of a shop whose buyers come back.

Connections: Odoo's prefork server listens with a queue of 8 x workers (16)
and the kernel drops connections beyond it; a buyer whose connection waits
too long then gets a reset. In front of workers a proxy holds the requests
and passes a few at a time; ``--max-connections`` (default 16) plays that
proxy: at most so many requests are open at Odoo, the others wait in the
client, first come first served (the wait counts in their latency).
``--max-connections 0`` lets all 40 connect at once (raw Odoo, no proxy).

Figures: round trips per second of each phase (round trips / wall time from
the start signal to the last answer; the buyers are served in turn, so they
finish close together), p50/p95 of the round trip and of each request as
the client sees it (loopback, queueing included), errors; the ratio punchout / stock of the
throughput over all rounds (target >= 0.90); from Odoo's request log the
median SQL queries and server time of each request, and the serialization
failures Odoo retried; the CPU seconds per round trip of the Odoo processes
and of the PostgreSQL backends of the database (psutil), whose ratio does not
depend on what else runs on the machine.
"""

import argparse
import collections
import contextlib
import html.parser
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "buyer"))
import common  # noqa: E402

PASSWORD = "bench-Password-123"
SECRET = "bench-Secret-123"
CUSTOMERS = 8
PRODUCTS = 120
CSRF_RE = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
STOCK = "stock"
OCI = "punchout"
FLOWS = (STOCK, OCI)
STOCK_STEPS = ("login page", "login", "/shop", "add 1", "add 2", "add 3", "cart page")
OCI_STEPS = ("login", "/shop", "add 1", "add 2", "add 3", "cart page", "transfer")
# Request label from Odoo's request log line (method, path).
LOG_LABELS = (
    ("GET", re.compile(r"^/web/login(\?.*)?$"), "login page"),
    ("POST", re.compile(r"^/web/login(\?.*)?$"), "login"),
    ("POST", re.compile(r"^/oci/[^/]+/login$"), "login"),
    ("GET", re.compile(r"^(/[a-z]{2}(_[A-Za-z]+)?)?/shop$"), "/shop"),
    ("POST", re.compile(r"^/shop/cart/update_json$"), "add"),
    ("GET", re.compile(r"^(/[a-z]{2}(_[A-Za-z]+)?)?/shop/cart$"), "cart page"),
    ("POST", re.compile(r"^/oci/transfer$"), "transfer"),
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        epilog="See the module docstring for the flows and figures.",
    )
    parser.add_argument("-c", "--config", required=True, help="Odoo config file")
    parser.add_argument("-d", "--database", required=True, help="database with both addons")
    parser.add_argument("--buyers", type=int, default=40, help="concurrent buyers per flow")
    parser.add_argument(
        "--pool", type=int, default=200, help="orderers (and stock users), 8 customers' worth"
    )
    parser.add_argument(
        "--trips", type=int, default=2, help="round trips of each buyer thread per phase"
    )
    parser.add_argument(
        "--rounds", type=int, default=4, help="measured phases per flow (A B B A A B ...)"
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=16,
        help="requests open at Odoo at once, as a queueing proxy in front holds them "
        "(default 16: the accept queue of Odoo's prefork server, 8 x 2 workers); 0: none",
    )
    parser.add_argument("--workers", type=int, default=2, help="Odoo HTTP workers")
    parser.add_argument("--port", type=int, default=0, help="HTTP port (default: a free one)")
    parser.add_argument("--gevent-port", type=int, default=0, help="gevent port (default: free)")
    parser.add_argument("--db-maxconn", type=int, default=8, help="connections per Odoo process")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per request")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database")
    return parser.parse_args(argv)


# ----------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------
def build(env, buyers, hook_base):  # noqa: C901 -- one data set, step by step
    """Products, punchout customers (connections, orderers) and stock users.
    Returns {"oci": [buyer dicts], "stock": [user dicts], "stock_partners": ids}."""
    from odoo import Command

    website = env["website"].search([("company_id", "=", env.company.id)], limit=1)
    products = env["product.product"].create(
        [
            {
                "name": f"Concurrency cake {n:03d}",
                "default_code": f"CC-{n:03d}",
                "list_price": 10 + n % 25,
                "is_published": True,
                "sale_ok": True,
                "type": "consu",
                "taxes_id": [Command.clear()],
            }
            for n in range(PRODUCTS)
        ]
    )
    portal = env.ref("base.group_portal").ids
    per_customer = -(-buyers // CUSTOMERS)
    oci, stock = [], []
    for kind in ("oci", "stock"):
        companies = env["res.partner"].create(
            [
                {
                    "name": f"{'Zorggroep' if kind == 'oci' else 'Klant'} {k}",
                    "is_company": True,
                }
                for k in range(CUSTOMERS)
            ]
        )
        contacts = env["res.partner"].create(
            [
                {
                    "name": f"{kind} buyer {i}",
                    "email": f"{kind}{i}@conc.example",
                    "parent_id": companies[i // per_customer].id,
                }
                for i in range(buyers)
            ]
        )
        users = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {
                        "login": contact.email,
                        "partner_id": contact.id,
                        "groups_id": [Command.set(portal)],
                    }
                    for contact in contacts
                ]
            )
        )
        if kind == "stock":
            # One password hash (pbkdf2, salted) made by the ORM, copied to
            # the others: the same password, without hashing it 200 times.
            users[0].password = PASSWORD
            env.flush_all()
            env.cr.execute(
                "UPDATE res_users SET password = (SELECT password FROM res_users WHERE id = %s)"
                " WHERE id = ANY(%s)",
                [users[0].id, users.ids],
            )
            env.invalidate_all()
        if kind == "oci":
            env["oci.connection"].create(
                [
                    {
                        "name": f"SRM of {company.name}",
                        "code": f"conc-{k}",
                        "partner_id": company.id,
                        "username": f"srm-{k}",
                        "password": SECRET,
                        "orderer_mode": "param",
                        "orderer_param": "email",
                        "orderer_match": "email",
                        "hook_url_prefixes": f"{hook_base}/",
                        "website_id": website.id,
                    }
                    for k, company in enumerate(companies)
                ]
            )
        for i, contact in enumerate(contacts):
            # Buyers i and i + 40 share products, never quantities: no two
            # buyers have the same cart.
            lines = [
                (products[(3 * i + j) % PRODUCTS].id, 1 + j + 3 * (i // (PRODUCTS // 3)))
                for j in range(3)
            ]
            entry = {"index": i, "login": contact.email, "lines": lines}
            if kind == "oci":
                entry.update(code=f"conc-{i // per_customer}", username=f"srm-{i // per_customer}")
                oci.append(entry)
            else:
                stock.append(entry)
        if kind == "stock":
            stock_partners = contacts.ids
    # All buyers log in from 127.0.0.1: the failed-login throttle counts
    # reserved slots per address (a slot is given back on success).
    env["ir.config_parameter"].set_param("oci_punchout.max_failures", 100000)
    return {"oci": oci, "stock": stock, "stock_partners": stock_partners}


# ----------------------------------------------------------------------
# The flows
# ----------------------------------------------------------------------
class FlowError(Exception):
    pass


class _CartParser(html.parser.HTMLParser):
    """(product id, quantity) of the cart page's line inputs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and "js_quantity" in (attrs.get("class") or ""):
            if attrs.get("data-line-id") and attrs.get("data-product-id"):
                self.lines[attrs["data-line-id"]] = (
                    int(attrs["data-product-id"]),
                    float(attrs.get("value") or 0),
                )


def cart_lines(text):
    parser = _CartParser()
    parser.feed(text)
    parser.close()
    return sorted(parser.lines.values())


class Trip:
    """One round trip of one buyer: a fresh browser (cookie jar)."""

    def __init__(self, base, timeout, gate):
        self.base = base
        self.timeout = timeout
        self.gate = gate
        self.http = requests.Session()
        self.steps = []  # (label, seconds)

    def request(self, label, method, path, expect=(200,), **kwargs):
        kwargs.setdefault("allow_redirects", False)
        url = path if path.startswith("http") else self.base + path
        start = time.perf_counter()
        # The time waiting at the gate (the proxy's queue) is the buyer's too.
        with self.gate:
            response = self.http.request(
                method, url, timeout=self.timeout, headers={"Connection": "close"}, **kwargs
            )
        self.steps.append((label, time.perf_counter() - start))
        if response.status_code not in expect:
            raise FlowError(f"{label}: {method} {path} answered {response.status_code}")
        return response

    def follow(self, label, response):
        location = response.headers.get("Location") or ""
        target = urlsplit(location)
        if not re.fullmatch(r"(/[a-z]{2}(_[A-Za-z]+)?)?/shop", target.path):
            raise FlowError(f"login led to {location!r}, not to the shop")
        return self.request(label, "GET", target.path)

    def add(self, label, product_id, qty):
        answer = self.request(
            label,
            "POST",
            "/shop/cart/update_json",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "product_id": product_id,
                    "add_qty": qty,
                    "display": False,
                    "force_create": True,
                },
            },
        ).json()
        if "error" in answer or not answer.get("result", {}).get("line_id"):
            raise FlowError(f"{label}: {str(answer)[:300]}")
        return answer["result"]

    def cart(self, lines):
        page = self.request("cart page", "GET", "/shop/cart")
        found = cart_lines(page.text)
        if found != sorted((p, float(q)) for p, q in lines):
            raise FlowError(f"mixed cart: the cart page shows {found}, expected {sorted(lines)}")
        match = CSRF_RE.search(page.text)
        if not match:
            raise FlowError("no csrf_token on the cart page")
        return match.group(1)

    def close(self):
        self.http.close()


def stock_trip(trip, user):
    page = trip.request("login page", "GET", "/web/login")
    match = CSRF_RE.search(page.text)
    if not match:
        raise FlowError("no csrf_token on /web/login")
    login = trip.request(
        "login",
        "POST",
        "/web/login",
        expect=(302, 303),
        data={
            "login": user["login"],
            "password": PASSWORD,
            "csrf_token": match.group(1),
            "redirect": "/shop",
        },
    )
    trip.follow("/shop", login)
    for n, (product_id, qty) in enumerate(user["lines"], start=1):
        trip.add(f"add {n}", product_id, qty)
    trip.cart(user["lines"])
    return None


def oci_trip(trip, buyer, hook):
    import oci_buyer

    requisition = uuid.uuid4().hex
    hook_url = f"{hook.base_url}/sap/bc/hook?req={requisition}"
    login = trip.request(
        "login",
        "POST",
        f"/oci/{buyer['code']}/login",
        expect=(303,),
        data={
            "USERNAME": buyer["username"],
            "PASSWORD": SECRET,
            "HOOK_URL": hook_url,
            "email": buyer["login"],
            "~OkCode": "ADDI",
            "~TARGET": "_top",
            "~CALLER": "CTLG",
            "OCI_VERSION": "4.0",
        },
    )
    trip.follow("/shop", login)
    for n, (product_id, qty) in enumerate(buyer["lines"], start=1):
        trip.add(f"add {n}", product_id, qty)
    token = trip.cart(buyer["lines"])
    page = trip.request("transfer", "POST", "/oci/transfer", data={"csrf_token": token})
    echo = [("~OkCode", "ADDI"), ("~TARGET", "_top"), ("~CALLER", "CTLG")]
    try:
        form, scripts = oci_buyer.parse_transfer_page(page.text)
        oci_buyer.check_form(form, scripts, hook_url, "_top", echo)
    except oci_buyer.OciProtocolError as exc:
        raise FlowError(f"transfer form: {exc}") from exc
    charset = (form["attrs"].get("accept-charset") or "utf-8").split()[0].lower()
    start = time.perf_counter()
    posted = requests.post(
        form["attrs"]["action"],
        data=oci_buyer.encode_form(form["inputs"], charset),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        timeout=trip.timeout,
    )
    trip.steps.append(("hook post", time.perf_counter() - start))
    if posted.status_code != 200:
        raise FlowError(f"the hook answered {posted.status_code}")
    received = [r for r in list(hook.received) if r["query"] == f"req={requisition}"]
    if len(received) != 1:
        raise FlowError(f"the hook received {len(received)} posts for this requisition")
    pairs = parse_qsl(received[0]["body"].decode("ascii"), keep_blank_values=True, encoding=charset)
    items = oci_buyer.parse_cart_form(pairs)
    got = sorted((int(item["EXT_PRODUCT_ID"]), float(item["QUANTITY"])) for item in items)
    if got != sorted((p, float(q)) for p, q in buyer["lines"]):
        raise FlowError(f"mixed cart: the SRM received {got}, expected {sorted(buyer['lines'])}")
    quotes = {item.get("EXT_QUOTE_ID") for item in items}
    if len(quotes) != 1 or not next(iter(quotes)):
        raise FlowError(f"items of {len(quotes)} quotations: {quotes}")
    return quotes.pop()


def listen_overflows():
    """The kernel's count of connections dropped because a listening socket's
    accept queue was full (system-wide, /proc/net/netstat)."""
    try:
        with open("/proc/net/netstat", encoding="ascii") as netstat:
            lines = [line.split() for line in netstat if line.startswith("TcpExt:")]
        return int(dict(zip(lines[0], lines[1], strict=True)).get("ListenOverflows", 0))
    except (OSError, IndexError, ValueError):
        return 0


class FifoGate:
    """At most ``slots`` holders at once, the others served in their order
    of arrival (threading.Semaphore lets a newcomer overtake a waiter)."""

    def __init__(self, slots):
        self.slots = slots
        self.lock = threading.Lock()
        self.waiting = collections.deque()

    def __enter__(self):
        with self.lock:
            if self.slots and not self.waiting:
                self.slots -= 1
                return self
            turn = threading.Event()
            self.waiting.append(turn)
        turn.wait()
        return self

    def __exit__(self, *_exc):
        with self.lock:
            if self.waiting:
                self.waiting.popleft().set()  # the slot passes to the first in line
            else:
                self.slots += 1


def run_phase(flow, people, base, hook, args, gate, server=None):
    """``args.buyers`` threads released together, each running ``args.trips``
    round trips one after the other, each as the next person of ``people``.
    Returns dict(wall, trips=[(seconds, steps)], errors=[text], quotes,
    overflows): wall from the start signal to the last answer."""
    barrier = threading.Barrier(args.buyers + 1)
    pool = iter(people)
    lock = threading.Lock()
    trips, errors, quotes = [], [], []
    state = {"exhausted": False}

    def next_person():
        with lock:
            person = next(pool, None)
            if person is None:
                state["exhausted"] = True
            return person

    def worker():
        barrier.wait()
        for _n in range(args.trips):
            person = next_person()
            if person is None:
                return
            trip = Trip(base, args.timeout, gate)
            begin = time.perf_counter()
            try:
                if flow == STOCK:
                    quote = stock_trip(trip, person)
                else:
                    quote = oci_trip(trip, person, hook)
                with lock:
                    trips.append((time.perf_counter() - begin, trip.steps))
                    if quote:
                        quotes.append(quote)
            except (FlowError, requests.RequestException, ValueError, KeyError) as exc:
                with lock:
                    errors.append(f"{person['login']}: {exc}")
            finally:
                trip.close()

    threads = [threading.Thread(target=worker, daemon=True) for _n in range(args.buyers)]
    for thread in threads:
        thread.start()
    overflows = listen_overflows()
    odoo_cpu = common.cpu_seconds(server)
    pg_cpu = common.cpu_seconds(database=CURRENT.get("db"))
    client_cpu = time.process_time()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return {
        "wall": time.perf_counter() - start,
        "odoo_cpu": common.cpu_used(odoo_cpu, common.cpu_seconds(server)),
        "pg_cpu": common.cpu_used(pg_cpu, common.cpu_seconds(database=CURRENT.get("db"))),
        "client_cpu": time.process_time() - client_cpu,
        "trips": trips,
        "errors": errors,
        "quotes": quotes,
        "overflows": listen_overflows() - overflows,
        "exhausted": state["exhausted"],
    }


def remove_stock_carts(partner_ids):
    """The stock users' draft carts, removed between phases (untimed), so
    that every stock round trip makes a new quotation as a punchout does."""
    import odoo

    db = odoo.sql_db.db_connect(CURRENT["db"])
    with db.cursor() as cr:
        cr.execute(
            "DELETE FROM sale_order WHERE state = 'draft' AND partner_id = ANY(%s)",
            [partner_ids],
        )
        cr.commit()


CURRENT = {}


# ----------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------
def label_of(method, path):
    for log_method, pattern, label in LOG_LABELS:
        if method == log_method and pattern.match(path):
            return label
    return None


def server_figures(entries):
    """{label: [(queries, seconds)]} of one phase's request lines."""
    figures = {}
    for method, path, status, queries, seconds in entries:
        label = label_of(method, path)
        if label and status < 400:
            figures.setdefault(label, []).append((queries, seconds))
    return figures


def ms(seconds):
    return f"{seconds * 1000:.0f}"


def report(phases, args):
    print(
        f"\n1. Round trips: {args.buyers} buyers at once, {args.trips} round trips each per "
        f"phase, {args.workers} workers; trips/s = round trips / wall time of the phase"
    )
    rows = []
    for n, phase in enumerate(phases, start=1):
        times = [seconds for seconds, _steps in phase["trips"]]
        rows.append(
            (
                f"{n:>2} {phase['flow']}",
                len(times),
                len(phase["errors"]),
                f"{phase['wall']:.1f}",
                f"{len(times) / phase['wall']:.3f}",
                ms(common.percentile(times, 0.5)) if times else "-",
                ms(common.percentile(times, 0.95)) if times else "-",
                phase["retries"],
                phase["overflows"],
            )
        )
    print(
        common.format_table(
            (
                "phase",
                "trips",
                "errors",
                "wall s",
                "trips/s",
                "p50 ms",
                "p95 ms",
                "retries",
                "overflows",
            ),
            rows,
        )
    )
    print(
        "   (retries: serialization failures Odoo logged and retried; overflows: connections "
        "the kernel dropped at a full accept queue, system-wide)"
    )

    totals = {}
    for flow in FLOWS:
        mine = [p for p in phases if p["flow"] == flow]
        trips = [t for p in mine for t in p["trips"]]
        wall = sum(p["wall"] for p in mine)
        totals[flow] = {
            "trips": trips,
            "errors": sum(len(p["errors"]) for p in mine),
            "rate": len(trips) / wall if wall else 0.0,
            "wall": wall,
            "phases": mine,
        }
    print("\n2. Per flow over all its phases")
    rows = []
    for flow in FLOWS:
        total = totals[flow]
        times = [seconds for seconds, _steps in total["trips"]]
        rows.append(
            (
                flow,
                len(times),
                total["errors"],
                f"{total['wall']:.1f}",
                f"{total['rate']:.3f}",
                ms(common.percentile(times, 0.5)) if times else "-",
                ms(common.percentile(times, 0.95)) if times else "-",
            )
        )
    print(
        common.format_table(
            ("flow", "trips", "errors", "wall s", "trips/s", "p50 ms", "p95 ms"),
            rows,
        )
    )
    ratio = totals[OCI]["rate"] / totals[STOCK]["rate"] if totals[STOCK]["rate"] else 0.0
    errors = totals[OCI]["errors"] + totals[STOCK]["errors"]
    pairs = [
        (len(b["trips"]) / b["wall"]) / max(len(a["trips"]) / a["wall"], 1e-9)
        for a, b in zip(totals[STOCK]["phases"], totals[OCI]["phases"], strict=False)
    ]
    cpu = {}
    for flow in FLOWS:
        trips = len(totals[flow]["trips"]) or 1
        mine = totals[flow]["phases"]
        cpu[flow] = [
            sum(p[key] for p in mine) / trips for key in ("odoo_cpu", "pg_cpu", "client_cpu")
        ]
    print(
        "   CPU per round trip (ms; Odoo workers, PostgreSQL backends of the database, this "
        "client): "
        + "; ".join(
            f"{flow} {ms(c[0])} + {ms(c[1])} (client {ms(c[2])})" for flow, c in cpu.items()
        )
    )
    if cpu[STOCK][0] + cpu[STOCK][1]:
        print(
            "   server CPU per round trip punchout / stock (Odoo + PostgreSQL): "
            f"{(cpu[OCI][0] + cpu[OCI][1]) / (cpu[STOCK][0] + cpu[STOCK][1]):.3f}"
        )
    verdict = "OK" if ratio >= 0.9 and not errors else "SHORT"
    print(
        f"   throughput ratio punchout / stock: {ratio:.3f} (target >= 0.90, 0 errors): {verdict}"
        f"; per round: {', '.join(f'{r:.2f}' for r in pairs)}"
    )

    print(
        "\n3. Per request: client ms p50/p95 (loopback; includes the wait for a connection "
        "and in the workers' queue), server median queries and ms (Odoo's request log)"
    )
    labels = ["login page", "login", "/shop", "add", "cart page", "transfer", "hook post"]
    rows = []
    sums = {flow: [0.0, 0.0] for flow in FLOWS}
    for label in labels:
        row = [label]
        for flow in FLOWS:
            times = [
                seconds
                for _t, steps in totals[flow]["trips"]
                for step, seconds in steps
                if step == label or (label == "add" and step.startswith("add "))
            ]
            server = [f for p in totals[flow]["phases"] for f in p["server"].get(label, [])]
            if times:
                row.append(
                    f"{ms(common.percentile(times, 0.5))}/{ms(common.percentile(times, 0.95))}"
                )
            else:
                row.append("-")
            if server:
                queries = statistics.median(q for q, _s in server)
                seconds = statistics.median(s for _q, s in server)
                row += [f"{queries:.0f}", ms(seconds)]
                count = 3 if label == "add" else 1
                sums[flow][0] += count * queries
                sums[flow][1] += count * seconds
            else:
                row += ["-", "-"]
        rows.append(row)
    print(
        common.format_table(
            ("request", "stock p50/p95", "q", "srv ms", "punchout p50/p95", "q", "srv ms"),
            rows,
        )
    )
    print(
        f"   per round trip (sum of the medians): stock {sums[STOCK][0]:.0f} queries, "
        f"{ms(sums[STOCK][1])} ms in Odoo; punchout {sums[OCI][0]:.0f} queries, "
        f"{ms(sums[OCI][1])} ms in Odoo; ratio {sums[OCI][1] / (sums[STOCK][1] or 1):.3f}"
    )
    all_errors = [e for p in phases for e in p["errors"]]
    if all_errors:
        print("\n   Errors (first 20):")
        for error in all_errors[:20]:
            print(f"   - {error}")
    if any(p["exhausted"] for p in phases):
        print("   NOTE: a phase ran out of buyers: raise --pool")
    return ratio, errors


def main(argv=None):
    args = parse_args(argv)
    import oci_buyer

    print(f"Machine: {common.machine_info()}")
    hook = oci_buyer.HookServer()
    with common.throwaway_copy(args.config, args.database, "conc", keep=args.keep) as copy:
        CURRENT["db"] = copy
        started = time.perf_counter()
        with common.odoo_env(copy) as env:
            data = build(env, args.pool, hook.base_url)
        common.release_registry(copy)
        common.progress(
            f"data built in {time.perf_counter() - started:.0f} s: {args.pool} punchout "
            f"orderers of {CUSTOMERS} customers (one connection each), {args.pool} stock users "
            f"of {CUSTOMERS} customers"
        )
        logfile = Path(tempfile.gettempdir()) / f"{copy}.log"
        server = common.OdooServer(
            args.config,
            copy,
            logfile,
            port=args.port or None,
            workers=args.workers,
            gevent_port=args.gevent_port or None,
            db_maxconn=args.db_maxconn,
        )
        # At most this many requests open at Odoo at once, as a proxy in front
        # of the workers holds them (0: none, every buyer connects at once).
        gate = FifoGate(args.max_connections) if args.max_connections else contextlib.nullcontext()
        try:
            with server:
                common.progress(f"odoo --workers={args.workers} on {server.url}")
                people = {STOCK: data["stock"], OCI: data["oci"]}
                # Warm-up (not counted): one whole phase of each flow, with the
                # buyers every measured phase has (each phase starts the pool
                # again), so that every worker has the templates and each
                # user's caches (access rules, groups) of the measured phases:
                # the steady state of a shop whose buyers come back.
                for flow in FLOWS:
                    warm = run_phase(flow, people[flow], server.url, hook, args, gate, server)
                    common.progress(
                        f"warm-up {flow}: {len(warm['trips'])} trips, "
                        f"{len(warm['errors'])} errors, {warm['wall']:.0f} s"
                    )
                    if warm["errors"]:
                        print(f"   warm-up {flow}: {warm['errors'][:5]}")
                    remove_stock_carts(data["stock_partners"])
                order = []
                for n in range(args.rounds):
                    # A B, B A, A B ...: drift hits both flows alike.
                    order += [STOCK, OCI] if n % 2 == 0 else [OCI, STOCK]
                phases = []
                for flow in order:
                    offset = server.log_offset()
                    phase = run_phase(flow, people[flow], server.url, hook, args, gate, server)
                    time.sleep(0.5)  # the last request lines
                    phase["flow"] = flow
                    logged = server.requests_logged(offset, server.log_offset())
                    phase["server"] = server_figures(logged)
                    phase["retries"] = server.count_in_log(
                        "could not serialize access", offset, server.log_offset()
                    )
                    phases.append(phase)
                    common.progress(
                        f"{flow}: {len(phase['trips'])} trips, {len(phase['errors'])} errors, "
                        f"{phase['wall']:.0f} s"
                    )
                    remove_stock_carts(data["stock_partners"])
                quotes = [q for p in phases for q in p["quotes"]]
                if len(quotes) != len(set(quotes)):
                    print("   MIXED: a quotation was transferred twice")
            report(phases, args)
            print(f"   (server log: {logfile})")
        finally:
            hook.stop()
            common.release_registry(copy)
    print(f"Machine after: {common.machine_info()}")


if __name__ == "__main__":
    main()
