#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PO bursts (issue 11 §5): prints tables, asserts nothing (exit code 1 when
a check fails).

    python3 tests/bench/bench_scale_po_burst.py -c var/odoo-<me>.cfg --db <prefix> \
        [--pos 1000] [--senders 20] [--duplicates 0.1] [--samples 20] [--port 8216]

Own throwaway database ``<prefix>po_burst``, copied from ``<prefix>po_tpl`` (both
addons, no demo data; made first when it does not exist, ``--fresh`` remakes
it), dropped at the end (``--keep`` keeps it).

1. Data (ORM, committed): 20 customers, each with a cXML PO connection, and
   for every customer 2 x pos/20 transferred punchout quotations of 2 lines
   (one set for the PO burst, an identical set for the stock burst), plus
   2 x 3 x samples quotations for the in-process cost table.
2. ``odoo --workers=2`` (tests/tools/run_odoo.py, no cron) on that database.
3. Stock burst: ``senders`` threads confirm the stock set over JSON-RPC,
   ``sale.order.action_confirm`` per order (what confirming in Odoo costs
   without any intake), then the PO burst: ``senders`` threads post the
   ``pos`` cXML OrderRequests to /oci/<code>/po/cxml, plus ``duplicates`` x
   pos duplicates (half the same document again, half the same PO number in a
   new envelope, i.e. a new payloadID), each queued right behind its original
   so the two are in flight at the same time. Throughput, latency p50/p95 and
   the server's CPU seconds (master, workers and their children, e.g.
   wkhtmltopdf) per order for both bursts.
4. Checks: no HTTP or cXML 5xx, every answer a cXML Response whose Status
   names the order of *its own* PO (a duplicate: the first one's answer, the
   same order), exactly one PO record and one confirmed order per PO number,
   every quotation of the burst confirmed once.
5. In process, on the same database while the server idles, one PO at a
   time (samples alternating): the whole intake (``_po_receive_cxml``:
   throttle slot, parse, secret check, duplicate checks, match, compare,
   confirm, confirmation e-mail with its PDF), ``action_confirm`` alone, and
   ``action_confirm`` + the same confirmation e-mail; queries over every
   cursor and median ms.
"""

import argparse
import json
import queue
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "buyer"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402
import po_sender  # noqa: E402
from common import pg_admin, progress  # noqa: E402

MODULES = "oci_punchout,oci_einvoice"
CUSTOMERS = 20
PO_SECRET = "burst-po-secret"
COST_SETS = ("cost_po", "cost_confirm", "cost_mail", "cost_po_pdf", "cost_mail_pdf")
ADMIN = ("admin", "admin")
SENDER_TIMEOUT = 900


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--db", required=True, help="database prefix")
    parser.add_argument("--pos", type=int, default=1000)
    parser.add_argument("--senders", type=int, default=20)
    parser.add_argument("--duplicates", type=float, default=0.1)
    parser.add_argument("--samples", type=int, default=10, help="in-process samples per path")
    parser.add_argument("--port", type=int, default=8216)
    parser.add_argument("--gevent-port", type=int, default=8230)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="keep the order PDF on the confirmation e-mail during the bursts",
    )
    parser.add_argument("--fresh", action="store_true", help="remake the template database")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database")
    return parser.parse_args()


def percentile(values, pct):
    values = sorted(values)
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, round(pct / 100 * len(values) + 0.5) - 1))
    return values[index]


# -- data ----------------------------------------------------------------------
def build(env, per_customer, extra, base_url):
    """Customers, connections and transferred quotations; returns plain data."""
    from odoo import Command

    env["ir.config_parameter"].set_param("web.base.url", base_url)
    env["ir.config_parameter"].set_param("web.base.url.freeze", "True")
    env["ir.config_parameter"].set_param("report.url", base_url)
    products = env["product.product"].create(
        [
            {
                "name": f"Burst cake {i}",
                "default_code": f"BURST-{i}",
                "list_price": 12.5 + i,
                "type": "consu",
                "sale_ok": True,
                "is_published": True,
                "taxes_id": [Command.clear()],
            }
            for i in range(4)
        ]
    )
    customers = env["res.partner"].create(
        [{"name": f"Burst Zorg {c}", "is_company": True} for c in range(CUSTOMERS)]
    )
    orderers = env["res.partner"].create(
        [
            {"name": f"Burst Orderer {c}", "email": f"o{c}@burst.example", "parent_id": p.id}
            for c, p in enumerate(customers)
        ]
    )
    connections = env["oci.connection"].create(
        [
            {
                "name": f"Burst SRM {c}",
                "code": f"burst-{c}",
                "partner_id": customers[c].id,
                "username": "burst",
                "password": "burst-Secret-1",
                "orderer_id": orderers[c].id,
                "po_identity": f"BURST{c}",
                "po_secret": PO_SECRET,
            }
            for c in range(CUSTOMERS)
        ]
    )
    env.flush_all()
    sets = {name: [] for name in ("po", "stock", *COST_SETS)}
    plan = [("po", per_customer), ("stock", per_customer)]
    plan += [(name, extra + (4 if name == "cost_po" else 0)) for name in COST_SETS]
    for name, count in plan:
        for c, connection in enumerate(connections):
            n = count if name in ("po", "stock") else (count + CUSTOMERS - 1 - c) // CUSTOMERS
            if n <= 0:
                continue
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": orderers[c].id,
                        "oci_connection_id": connection.id,
                        "order_line": [
                            Command.create(
                                {"product_id": products[(i + k) % 4].id, "product_uom_qty": 1 + k}
                            )
                            for k in range(2)
                        ],
                    }
                    for i in range(n)
                ]
            )
            orders.write({"state": "sent", "oci_transfer_state": "transferred"})
            for order in orders:
                items = [
                    {
                        "VENDORMAT": sol.product_id.default_code,
                        "QUANTITY": f"{sol.product_uom_qty:g}",
                        "PRICE": f"{sol.price_reduce_taxexcl:.2f}",
                        "CURRENCY": order.currency_id.name,
                        "DESCRIPTION": sol.product_id.name,
                        "EXT_QUOTE_ID": order.name,
                        "EXT_QUOTE_ITEM": str(sol.id),
                    }
                    for sol in order.order_line
                ]
                sets[name].append(
                    {
                        "order_id": order.id,
                        "order": order.name,
                        "code": connection.code,
                        "identity": connection.po_identity,
                        "items": items,
                    }
                )
        env.flush_all()
        env.cr.commit()
        env.invalidate_all()
        progress(f"{len(sets[name])} quotations for {name}")
    return sets


def po_document(entry, po_number, payload_id):
    return po_sender.build_cxml_order(
        entry["items"], po_number, payload_id, entry["identity"], PO_SECRET
    )


# -- server ---------------------------------------------------------------------
class Server(common.OdooServer):
    """The prefork server of the bursts; JSON-RPC as the administrator."""

    def __init__(self, args, db, logfile):
        super().__init__(
            args.config,
            db,
            logfile,
            port=args.port,
            workers=args.workers,
            gevent_port=args.gevent_port,
            db_maxconn=None,
            request_log=False,
            # A PO with its PDF may take long on a loaded 2-core machine.
            extra=("--limit-time-real=600", "--limit-time-cpu=600"),
        )
        self.uid = None

    def start(self):
        super().start()
        self.uid = self.rpc("common", "login", self.database, *ADMIN)[1]["result"]

    def rpc(self, service, method, *args, session=None):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"service": service, "method": method, "args": list(args)},
        }
        http = session or requests
        response = http.post(self.url + "/jsonrpc", json=payload, timeout=600)
        return response.status_code, response.json()

    def cpu_seconds(self):
        """CPU of the master, its workers and what they ran (wkhtmltopdf)."""
        import psutil

        total = 0.0
        master = psutil.Process(self.process.pid)
        for proc in [master, *master.children(recursive=True)]:
            try:
                t = proc.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
            except psutil.NoSuchProcess:
                pass
        return total


def run_pool(senders, jobs, work):
    """``senders`` threads take ``jobs`` in order; returns (results, seconds)."""
    todo = queue.Queue()
    for job in jobs:
        todo.put(job)
    results = []
    lock = threading.Lock()

    def sender():
        http = requests.Session()
        while True:
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            started = time.perf_counter()
            try:
                outcome = work(job, http)
            except Exception as error:  # noqa: BLE001 (a failed request is a result)
                outcome = {"error": repr(error)}
            outcome["seconds"] = time.perf_counter() - started
            outcome["job"] = job
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=sender) for _i in range(senders)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def stock_burst(server, entries, senders):
    def confirm(entry, http):
        status, answer = server.rpc(
            "object",
            "execute_kw",
            server.database,
            server.uid,
            ADMIN[1],
            "sale.order",
            "action_confirm",
            [[entry["order_id"]]],
            session=http,
        )
        return {"http": status, "ok": status == 200 and "error" not in answer}

    return run_pool(senders, entries, confirm)


def po_jobs(entries, duplicates):
    """Every PO once, and every n-th one a second time right behind it."""
    # Round robin over the connections: each procurement system sends its
    # POs one after the other, the 20 of them at the same time.
    by_code = {}
    for entry in entries:
        by_code.setdefault(entry["code"], []).append(entry)
    queues = list(by_code.values())
    entries = [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]
    jobs = []
    every = round(1 / duplicates) if duplicates else 0
    n_dup = 0
    for i, entry in enumerate(entries):
        po_number = f"45{i:08d}"
        payload_id = f"burst-{i}-{uuid.uuid4().hex[:8]}@srm.example"
        body = po_document(entry, po_number, payload_id)
        jobs.append({"entry": entry, "po": po_number, "kind": "original", "body": body})
        if every and i % every == every - 1:
            if n_dup % 2 == 0:
                jobs.append({"entry": entry, "po": po_number, "kind": "resend", "body": body})
            else:
                other = po_document(entry, po_number, f"burst-{i}-again@srm.example")
                jobs.append(
                    {"entry": entry, "po": po_number, "kind": "new envelope", "body": other}
                )
            n_dup += 1
    return jobs


def po_burst(server, jobs, senders):
    def post(job, http):
        # A procurement hub waits minutes for the answer (po_sender: 30 s).
        response = http.post(
            f"{server.url}/oci/{job['entry']['code']}/po/cxml",
            data=job["body"],
            headers={"Content-Type": "text/xml; charset=utf-8"},
            timeout=SENDER_TIMEOUT,
        )
        code, text = po_sender._cxml_status(response.content)
        return {"http": response.status_code, "code": code, "text": text}

    return run_pool(senders, jobs, post)


# -- in process -----------------------------------------------------------------
def set_confirmation_pdf(env, attach):
    """Attach the order PDF to the confirmation e-mail (stock) or not."""
    from odoo import Command

    template = env.ref("sale.mail_template_sale_confirmation")
    report = env.ref("sale.action_report_saleorder")
    template.report_template_ids = [
        Command.link(report.id) if attach else Command.unlink(report.id)
    ]
    env.cr.commit()


def cost_in_process(env, sets, samples):
    import odoo

    Intake = env["oci.po.intake"]
    rows = {
        name: []
        for name in (
            "secret",
            "confirm",
            "confirm_mail",
            "intake",
            "confirm_mail_pdf",
            "intake_pdf",
        )
    }

    def measure(name, call):
        env.flush_all()
        env.invalidate_all()
        before = odoo.sql_db.sql_counter
        started = time.perf_counter()
        result = call()
        env.flush_all()
        rows[name].append((odoo.sql_db.sql_counter - before, time.perf_counter() - started))
        env.cr.commit()
        return result

    def intake(entry, number):
        body = po_document(entry, number, f"cost-{number}@srm.example")
        code, text, record = Intake._po_receive_cxml(entry["code"], body, remote_addr="127.0.0.9")
        if code != 200:
            progress(f"in-process intake answered {code}: {text}")
        # The confirmation e-mail follows from the cron job (not inside the
        # PO request): this order's e-mail counted here, as the cron sends
        # it, so the intake is compared with action_confirm + the same e-mail.
        order = record.order_id
        order._send_order_confirmation_mail()
        order.oci_confirmation_mail_due = False

    def confirm_and_mail(order_id):
        order = env["sale.order"].browse(order_id)
        order.action_confirm()
        order._send_order_confirmation_mail()

    def check_secret(code):
        # The one deliberate password hash (pbkdf2) of every PO, as /web/login.
        connection = env["oci.connection"].search([("code", "=", code)])
        assert connection._verify_secret("po_secret_hash", PO_SECRET)

    def confirm(order_id):
        env["sale.order"].browse(order_id).action_confirm()

    for pdf in (False, True):
        set_confirmation_pdf(env, pdf)
        suffix = "_pdf" if pdf else ""
        for i in range(samples):
            if not pdf:
                measure("confirm", lambda i=i: confirm(sets["cost_confirm"][i]["order_id"]))
                measure("secret", lambda: check_secret(sets["cost_confirm"][0]["code"]))
            entry = sets["cost_po" + suffix][i]
            measure("intake" + suffix, lambda e=entry, n=f"46{int(pdf)}{i:07d}": intake(e, n))
            order_id = sets["cost_mail" + suffix][i]["order_id"]
            measure("confirm_mail" + suffix, lambda o=order_id: confirm_and_mail(o))
    return rows


# -- checks ---------------------------------------------------------------------
def check(env, sets, jobs, results):
    """Problems found (list of strings) and a summary dict."""
    problems = []
    by_po = {}
    for result in results:
        by_po.setdefault(result["job"]["po"], []).append(result)
    five = [r for r in results if (r.get("http") or 0) >= 500 or (r.get("code") or 0) >= 500]
    errors = [r for r in results if "error" in r]
    own = 0
    answers = {}
    for result in results:
        job = result["job"]
        text = result.get("text") or ""
        answers[(result.get("code"), job["kind"])] = (
            answers.get((result.get("code"), job["kind"]), 0) + 1
        )
        if result.get("http") == 200 and result.get("code") in (200, 201):
            if job["entry"]["order"] in text:
                own += 1
            else:
                problems.append(
                    f"PO {job['po']} ({job['kind']}): answer names another order: {text}"
                )
        else:
            answer = result.get("error") or f"HTTP {result.get('http')} {result.get('code')} {text}"
            problems.append(f"PO {job['po']} ({job['kind']}): {answer[:160]}")
    if five:
        problems.append(f"{len(five)} answers 5xx")
    if errors:
        problems.append(f"{len(errors)} requests failed: {errors[0]['error']}")
    po_numbers = sorted(by_po)
    env.cr.execute(
        "SELECT po_number, count(*) FROM oci_purchase_order WHERE po_number = ANY(%s)"
        " GROUP BY po_number HAVING count(*) > 1",
        [po_numbers],
    )
    dup_po_records = env.cr.fetchall()
    env.cr.execute(
        "SELECT client_order_ref, count(*) FROM sale_order WHERE client_order_ref = ANY(%s)"
        " GROUP BY client_order_ref HAVING count(*) > 1",
        [po_numbers],
    )
    dup_orders = env.cr.fetchall()
    env.cr.execute(
        "SELECT count(*) FROM oci_purchase_order WHERE po_number = ANY(%s)", [po_numbers]
    )
    po_records = env.cr.fetchone()[0]
    ids = [e["order_id"] for e in sets["po"]]
    env.cr.execute(
        "SELECT count(*) FROM sale_order WHERE id = ANY(%s) AND state = 'sale'"
        " AND oci_transfer_state = 'ordered' AND client_order_ref IS NOT NULL",
        [ids],
    )
    confirmed = env.cr.fetchone()[0]
    env.cr.execute(
        "SELECT count(*) FROM sale_order WHERE client_order_ref = ANY(%s) AND NOT id = ANY(%s)",
        [po_numbers, ids],
    )
    extra_orders = env.cr.fetchone()[0]
    if dup_po_records:
        problems.append(f"PO numbers with several PO records: {dup_po_records[:5]}")
    if dup_orders:
        problems.append(f"PO numbers on several orders: {dup_orders[:5]}")
    if po_records != len(po_numbers):
        problems.append(f"{po_records} PO records for {len(po_numbers)} PO numbers")
    if confirmed != len(ids):
        problems.append(f"{confirmed} of {len(ids)} quotations confirmed by their PO")
    if extra_orders:
        problems.append(f"{extra_orders} orders made besides the quotations")
    stock_ids = [e["order_id"] for e in sets["stock"]]
    env.cr.execute(
        "SELECT count(*) FROM sale_order WHERE id = ANY(%s) AND state = 'sale'", [stock_ids]
    )
    stock_confirmed = env.cr.fetchone()[0]
    summary = {
        "requests": len(results),
        "own answers": own,
        "5xx": len(five),
        "PO records": po_records,
        "duplicate PO records": len(dup_po_records),
        "orders confirmed by PO": confirmed,
        "duplicate orders": len(dup_orders),
        "orders besides quotations": extra_orders,
        "stock orders confirmed": stock_confirmed,
        "answers": {f"{code} {kind}": n for (code, kind), n in sorted(answers.items(), key=str)},
    }
    return problems, summary


def report_burst(name, results, seconds, orders, cpu):
    latencies = [r["seconds"] for r in results]
    return (
        f"   {name:<34} {len(results):>8} {orders:>7} {seconds:>8.1f} {orders / seconds:>8.2f}"
        f" {percentile(latencies, 50) * 1000:>9.0f} {percentile(latencies, 95) * 1000:>9.0f}"
        f" {cpu / orders * 1000:>11.0f}"
    )


def main():
    args = parse_args()
    import odoo
    from odoo import api

    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    template, db = f"{args.db}po_tpl", f"{args.db}po_burst"
    common.ensure_template(args.config, template, MODULES, args.fresh)
    common.copy_database(template, db)
    logfile = ROOT / "var" / f"bench-po-burst-{db}.log"
    server = Server(args, db, logfile)
    per_customer = max(1, args.pos // CUSTOMERS)
    failed = False
    try:
        registry = odoo.modules.registry.Registry.new(db)
        with registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
            started = time.perf_counter()
            sets = build(env, per_customer, args.samples, server.url)
            # With the PDF attached, every PO's wkhtmltopdf fetches the report
            # assets from the server: with more POs in flight than workers no
            # worker is left to serve them and all hang (see the README).
            set_confirmation_pdf(env, args.pdf)
            progress(f"data built in {time.perf_counter() - started:.0f} s")
        jobs = po_jobs(sets["po"], args.duplicates)
        progress(f"starting odoo --workers={args.workers} on {server.url}")
        server.start()
        # Warm-up: each worker loads the registry, compiles the report once.
        warm = po_jobs(sets["cost_po"][-4:], 0)
        for job in warm:
            job["po"] = f"47{job['po']}"
            job["body"] = po_document(job["entry"], job["po"], f"warm-{job['po']}@srm.example")
        po_burst(server, warm, 2)
        sets["cost_po"] = sets["cost_po"][:-4]
        progress(f"stock burst: {len(sets['stock'])} action_confirm by {args.senders} senders")
        cpu = server.cpu_seconds()
        stock_results, stock_seconds = stock_burst(server, sets["stock"], args.senders)
        stock_cpu = server.cpu_seconds() - cpu
        progress(f"PO burst: {len(jobs)} OrderRequests by {args.senders} senders")
        cpu = server.cpu_seconds()
        po_results, po_seconds = po_burst(server, jobs, args.senders)
        po_cpu = server.cpu_seconds() - cpu
        progress("in-process cost per PO")
        with registry.cursor() as cr:
            # The server's context: no tracking_disable (the intake's chatter counts).
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            rows = cost_in_process(env, sets, args.samples)
            cr.rollback()
            problems, summary = check(env, sets, jobs, po_results)
        stock_failed = [r for r in stock_results if not r.get("ok")]
        if stock_failed:
            first = {k: v for k, v in stock_failed[0].items() if k != "job"}
            problems.append(f"{len(stock_failed)} stock confirmations failed: {first}")
        failed = bool(problems)

        print(
            f"\nPO burst: {len(sets['po'])} distinct cXML OrderRequests (2 lines) + "
            f"{len(jobs) - len(sets['po'])} duplicates, {args.senders} concurrent senders, "
            f"{CUSTOMERS} connections, odoo --workers={args.workers}; confirmation e-mail "
            + ("with" if args.pdf else "without")
            + " the order PDF"
        )
        head = (
            f"   {'burst':<34} {'requests':>8} {'orders':>7} {'wall s':>8} {'orders/s':>8}"
            f" {'p50 ms':>9} {'p95 ms':>9} {'CPU ms/ord':>11}"
        )
        print(head)
        print(
            report_burst(
                "action_confirm over JSON-RPC",
                stock_results,
                stock_seconds,
                len(stock_results),
                stock_cpu,
            )
        )
        print(report_burst("cXML PO intake", po_results, po_seconds, len(sets["po"]), po_cpu))
        ratio = (len(sets["po"]) / po_seconds) / (len(stock_results) / stock_seconds)
        print(f"   throughput ratio PO intake / action_confirm: {ratio:.2f}")
        print(
            "   (CPU = server master + workers + their children, e.g. wkhtmltopdf; not PostgreSQL)"
        )
        print("\nChecks")
        for key, value in summary.items():
            print(f"   {key:<28} {value}")
        print(f"   problems                     {len(problems)}")
        for problem in problems[:20]:
            print(f"      {problem}")

        print(
            f"\nIn process, one at a time, median of {len(rows['intake'])} (queries: every cursor)"
        )
        print(f"   {'path':<48} {'queries':>8} {'ms':>9} {'ratio':>7}")
        base = statistics.median(t for _q, t in rows["confirm"])
        labels = {
            "secret": "the sender's secret check alone (pbkdf2)",
            "confirm": "action_confirm alone",
            "confirm_mail": "action_confirm + confirmation e-mail",
            "intake": "PO intake (_po_receive_cxml, e-mail)",
            "confirm_mail_pdf": "action_confirm + confirmation e-mail + PDF",
            "intake_pdf": "PO intake (_po_receive_cxml, e-mail + PDF)",
        }
        for name in labels:
            queries = statistics.median(q for q, _t in rows[name])
            ms = statistics.median(t for _q, t in rows[name])
            print(f"   {labels[name]:<48} {queries:>8.0f} {ms * 1000:>9.1f} {ms / base:>7.2f}")
        print(json.dumps({"summary": summary}, default=str), file=sys.stderr)
    finally:
        server.stop()
        odoo.modules.registry.Registry.delete(db)
        odoo.sql_db.close_db(db)
        if args.keep:
            print(f"\nKept {db}")
        else:
            pg_admin(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            print(f"\nDropped {db}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
