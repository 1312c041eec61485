#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Month-end invoicing at scale (issue 11 §6): prints tables, asserts nothing.

    python3 tests/bench/bench_scale_invoicing.py -c var/odoo-<me>.cfg --db <prefix> \
        [--sizes 500,2000,5000] [--batch 250]

For each size N, in throwaway databases copied from ``<prefix>inv_tpl``
(oci_einvoice alone with sale and account_edi_ubl_cii, no demo data; made
first when missing, ``--fresh`` remakes it):

1. Build (ORM, in batches, committed): a Dutch company, 10 products invoiced
   on delivered quantities, 50 customers (KvK, NLCIUS) with 4 branches each,
   25 invoiced per branch and 25 collectively (to a collective invoice
   address), N confirmed orders of 3 lines spread over them and their
   branches, every line delivered (qty_delivered set as the delivery app
   would; with only sale installed a line's delivered quantity is manual).
   Per-branch customers send one PO per order (punchout), collective
   customers one monthly blanket PO. Then the database is copied: the same
   orders twice.
2. Month-end run, each in its own process (its peak RSS is the run's), in
   batches of about ``--batch`` orders (a customer's orders in one batch,
   committed and the cache emptied after each): create the invoices, post
   them, export each one's UBL (NLCIUS builder, what Send & Print attaches).
   - ours: ``_create_invoices()`` with oci_einvoice's policy grouping;
   - stock: Odoo's own ``_create_invoices`` and UBL builder with oci_einvoice's
     sale and builder overrides neutralised
     (``oci_einvoice/tests/stock_odoo.py``), the same partition of the
     orders: one invoice per order for the per-branch customers (each order
     its own PO; ``grouped=True``), Odoo's own grouping per invoice address for
     the collective customers (``grouped=False``). So both make the same
     invoices with the same lines and the cost per invoice compares the code.
The two runs go in turns, batch by batch, each in its own process (who goes
first alternates), so a change in the machine's load falls on both alike.
"""

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402

CUSTOMERS = 50
BRANCHES = 4
LINES = 3
PRODUCTS = 10
MONTH = "2026-11"


def progress(message):
    common.progress(message, sys.stderr)  # stdout carries the results


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--db", required=True, help="database prefix")
    parser.add_argument("--sizes", default="500,2000,5000")
    parser.add_argument("--batch", type=int, default=250, help="orders per batch (about)")
    parser.add_argument("--fresh", action="store_true", help="remake the template database")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway databases")
    # Internal: one run in a child process.
    parser.add_argument("--phase", choices=["build", "run"], help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    parser.add_argument("--path", choices=["ours", "stock"], help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- databases (parent) ----------------------------------------------------------
def child_command(args, phase, target, **extra):
    """This script as a child process: one build or month-end run."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "-c",
        args.config,
        "--db",
        args.db,
        "--batch",
        str(args.batch),
        "--phase",
        phase,
        "--target",
        target,
    ]
    for key, value in extra.items():
        command += [f"--{key}", str(value)]
    return command


def child(args, phase, target, **extra):
    result = subprocess.run(
        child_command(args, phase, target, **extra),
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def lockstep(args, targets):
    """Both month-end runs in their own process, taking turns batch by
    batch (who goes first alternates); returns {path: result}."""
    procs = {}
    for path, target in targets.items():
        command = child_command(args, "run", target, path=path)
        procs[path] = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
    try:
        counts = {}
        for path, proc in procs.items():
            line = proc.stdout.readline()
            if not line.startswith("BATCHES "):
                raise RuntimeError(f"{path}: {line!r}")
            counts[path] = int(line.split()[1])
        if len(set(counts.values())) != 1:
            raise RuntimeError(f"not the same batches: {counts}")
        paths = list(procs)
        for index in range(counts[paths[0]]):
            for path in paths if index % 2 == 0 else reversed(paths):
                procs[path].stdin.write("go\n")
                procs[path].stdin.flush()
                line = procs[path].stdout.readline()
                if line.strip() != "DONE":
                    raise RuntimeError(f"{path}: {line!r}")
        results = {}
        for path, proc in procs.items():
            proc.stdin.close()
            results[path] = json.loads(proc.stdout.read().strip().splitlines()[-1])
            if proc.wait() != 0:
                raise RuntimeError(f"{path} failed")
        return results
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()


# -- build (child) ----------------------------------------------------------------
def build(env, size, batch):
    from odoo import Command

    nl = env.ref("base.nl")
    _bank, tax = common.nl_invoicing_company(env, "Month-end 21%")
    products = common.cake_products(env, tax, "Month-end", "ME", PRODUCTS, "delivery")
    customers = env["res.partner"].create(
        [
            {
                "name": f"Zorggroep {c:02d}",
                "is_company": True,
                "vat": "NL123456782B90",
                "peppol_eas": "0106",
                "peppol_endpoint": f"{87654300 + c}",
                "invoice_edi_format": "nlcius",
                "email": f"ap{c}@zorg.example",
                "street": f"Zorgweg {c + 1}",
                "zip": "3500 AB",
                "city": "Utrecht",
                "country_id": nl.id,
                "oci_cost_center": f"KP-{c:02d}00",
                "oci_buyer_reference": f"ZG-{c:02d}",
                "oci_invoice_policy": "collective" if c % 2 else "per_branch",
            }
            for c in range(CUSTOMERS)
        ]
    )
    for customer in customers.filtered(lambda p: p.oci_invoice_policy == "collective"):
        customer.oci_collective_invoice_partner_id = env["res.partner"].create(
            {
                "name": "Crediteurenadministratie",
                "type": "invoice",
                "parent_id": customer.id,
                "email": f"facturen-{customer.id}@zorg.example",
                "street": "Postbus 12",
                "zip": "3500 AA",
                "city": "Utrecht",
                "country_id": nl.id,
            }
        )
    branches = env["res.partner"].create(
        [
            {
                "name": f"Locatie {b}",
                "type": "delivery",
                "parent_id": customer.id,
                "oci_cost_center": f"KP-{c:02d}0{b + 1}",
                "street": f"Locatieweg {b + 1}",
                "zip": "3500 AC",
                "city": "Utrecht",
                "country_id": nl.id,
            }
            for c, customer in enumerate(customers)
            for b in range(BRANCHES)
        ]
    )
    customer_ids, branch_ids = customers.ids, branches.ids
    product_ids = products.ids
    collective = {c.id for c in customers if c.oci_invoice_policy == "collective"}
    env.cr.commit()
    started = time.perf_counter()
    for start in range(0, size, batch):
        vals = []
        for i in range(start, min(size, start + batch)):
            c = i % CUSTOMERS
            customer = customer_ids[c]
            po = f"PO-{c:02d}-{MONTH}" if customer in collective else f"PO-{c:02d}-{i:05d}"
            vals.append(
                {
                    "partner_id": customer,
                    "partner_shipping_id": branch_ids[c * BRANCHES + (i // CUSTOMERS) % BRANCHES],
                    "client_order_ref": po,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product_ids[(i + k) % PRODUCTS],
                                "product_uom_qty": 1 + (i + k) % 3,
                                "oci_po_line_ref": str(10 * (k + 1)),
                            }
                        )
                        for k in range(LINES)
                    ],
                }
            )
        orders = env["sale.order"].create(vals)
        orders.action_confirm()
        lines = orders.order_line
        for qty in {line.product_uom_qty for line in lines}:
            lines.filtered(lambda line, q=qty: line.product_uom_qty == q).qty_delivered = qty
        env.flush_all()
        env.cr.commit()
        env.invalidate_all()
        progress(f"{min(size, start + batch)} orders ({time.perf_counter() - started:.0f} s)")
    return {"orders": size, "seconds": time.perf_counter() - started}


# -- month-end run (child) --------------------------------------------------------
def batches(env, batch):
    """Lists of order ids to invoice, a customer's orders always together."""
    env.cr.execute(
        """
        SELECT o.partner_id, array_agg(o.id ORDER BY o.id)
          FROM sale_order o
         WHERE o.state = 'sale' AND o.invoice_status = 'to invoice'
         GROUP BY o.partner_id ORDER BY o.partner_id
        """
    )
    current = []
    for _partner, ids in env.cr.fetchall():
        current += ids
        if len(current) >= batch:
            yield current
            current = []
    if current:
        yield current


def month_end(env, path, batch):
    from contextlib import nullcontext

    import odoo

    from odoo.addons.oci_einvoice.tests.stock_odoo import (
        BUILDER_MODELS,
        INVOICING_MODELS,
        stock_odoo,
    )

    env["account.edi.xml.ubl_nl"]  # noqa: B018 (registry loaded before timing)
    bank = env["res.partner.bank"].search([("partner_id", "=", env.company.partner_id.id)], limit=1)
    totals = {"create": [0.0, 0], "post": [0.0, 0], "ubl": [0.0, 0]}
    invoices = lines = orders_done = n_batches = 0
    ubl_bytes = 0
    rss_after = []

    def meter(step, func):
        before = odoo.sql_db.sql_counter
        started = time.perf_counter()
        result = func()
        env.flush_all()
        totals[step][0] += time.perf_counter() - started
        totals[step][1] += odoo.sql_db.sql_counter - before
        return result

    patched = (
        stock_odoo(env, INVOICING_MODELS + BUILDER_MODELS) if path == "stock" else nullcontext()
    )
    todo = list(batches(env, batch))
    with patched:
        builder = env["account.edi.xml.ubl_nl"]
        # Warm-up, rolled back: the first invoice of a process loads what
        # every later one finds in memory (templates, caches).
        with env.cr.savepoint(flush=False) as savepoint:
            move = env["sale.order"].browse(todo[0][:1])._create_invoices()
            move.partner_bank_id = bank
            move.action_post()
            builder._export_invoice(move)
            env.flush_all()
            savepoint.rollback()
        env.invalidate_all()
        # Lockstep with the other path's process (see lockstep()): the two
        # runs take turns batch by batch, so a change in the machine's load
        # falls on both alike.
        print(f"BATCHES {len(todo)}", flush=True)
        elapsed = 0.0
        for ids in todo:
            sys.stdin.readline()
            started = time.perf_counter()
            orders = env["sale.order"].browse(ids)
            if path == "ours":
                moves = meter("create", lambda orders=orders: orders._create_invoices())
            else:
                collective = orders.filtered(
                    lambda o: o.partner_id.commercial_partner_id.oci_invoice_policy == "collective"
                )

                def create(orders=orders, collective=collective):
                    moves = env["account.move"]
                    if orders - collective:
                        moves = (orders - collective)._create_invoices(grouped=True)
                    if collective:
                        moves |= collective._create_invoices(grouped=False)
                    return moves

                moves = meter("create", create)
            moves.partner_bank_id = bank
            meter("post", moves.action_post)

            def export(moves=moves):
                size = 0
                for move in moves:
                    xml, errors = builder._export_invoice(move)
                    if errors:
                        raise RuntimeError(f"{move.name}: {errors}")
                    size += len(xml)
                return size

            ubl_bytes += meter("ubl", export)
            invoices += len(moves)
            lines += len(moves.invoice_line_ids)
            orders_done += len(ids)
            n_batches += 1
            env.cr.commit()
            env.invalidate_all()
            elapsed += time.perf_counter() - started
            rss_after.append(rss_mb())
            progress(f"{path}: {orders_done} orders -> {invoices} invoices")
            print("DONE", flush=True)
    seconds = elapsed
    return {
        "path": path,
        "orders": orders_done,
        "invoices": invoices,
        "lines": lines,
        "batches": n_batches,
        "seconds": seconds,
        "steps": totals,
        "ubl_bytes": ubl_bytes,
        "rss_first_batch": rss_after[0] if rss_after else 0,
        "rss_last_batch": rss_after[-1] if rss_after else 0,
        "peak_rss": peak_rss_mb(),
    }


def run_child(args):
    import odoo
    from odoo import api

    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.target)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        if args.phase == "build":
            result = build(env, args.size, args.batch)
        else:
            result = month_end(env, args.path, args.batch)
    print(json.dumps(result))


# -- main (parent) --------------------------------------------------------------------
def main():
    args = parse_args()
    if args.phase:
        return run_child(args)
    import odoo

    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    template = f"{args.db}inv_tpl"
    common.ensure_template(args.config, template, "oci_einvoice", args.fresh, say=progress)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    for size in sizes:
        ours_db, stock_db = f"{args.db}inv_{size}", f"{args.db}inv_{size}_stock"
        try:
            common.copy_database(template, ours_db)
            progress(f"building {size} delivered orders")
            built = child(args, "build", ours_db, size=size)
            common.copy_database(ours_db, stock_db)
            progress(f"month-end runs, {size} orders, batch by batch in turn")
            runs = lockstep(args, {"ours": ours_db, "stock": stock_db})
            results.append((size, built, runs))
            # Each size's figures as soon as they are measured.
            print(json.dumps({"size": size, "built": built, "runs": runs}), flush=True)
        finally:
            if not args.keep:
                for name in (ours_db, stock_db):
                    common.pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    print(
        f"\nMonth-end invoicing: {CUSTOMERS} customers ({CUSTOMERS // 2} per branch, "
        f"{CUSTOMERS // 2} collective), {BRANCHES} branches each, {LINES} lines per order, "
        f"batches of ~{args.batch} orders; create + post + UBL (NLCIUS) export"
    )
    head = (
        f"   {'orders':>6} {'path':<6} {'invoices':>8} {'inv lines':>9} {'total s':>8}"
        f" {'ms/inv':>8} {'q/inv':>7} {'ms/order':>8} {'create':>7} {'post':>7} {'ubl':>7}"
        f" {'RSS MB 1st/last/peak':>21}"
    )
    print(head)
    for size, _built, runs in results:
        for path in ("stock", "ours"):
            r = runs[path]
            steps = r["steps"]
            queries = sum(q for _s, q in steps.values())
            print(
                f"   {size:>6} {path:<6} {r['invoices']:>8} {r['lines']:>9} {r['seconds']:>8.1f}"
                f" {r['seconds'] * 1000 / r['invoices']:>8.1f} {queries / r['invoices']:>7.1f}"
                f" {r['seconds'] * 1000 / r['orders']:>8.1f}"
                f" {steps['create'][0]:>7.1f} {steps['post'][0]:>7.1f} {steps['ubl'][0]:>7.1f}"
                f" {r['rss_first_batch']:>7.0f}/{r['rss_last_batch']:.0f}/{r['peak_rss']:.0f}"
            )
    print("\n   ratio ours/stock per invoice (same invoices): time, queries; and per step (time)")
    for size, built, runs in results:
        ours, stock = runs["ours"], runs["stock"]
        q_ours = sum(q for _s, q in ours["steps"].values())
        q_stock = sum(q for _s, q in stock["steps"].values())
        steps = ", ".join(
            f"{step} {ours['steps'][step][0] / stock['steps'][step][0]:.2f}"
            for step in ("create", "post", "ubl")
        )
        print(
            f"   {size:>6}: time {ours['seconds'] / stock['seconds']:.3f}x, queries "
            f"{q_ours / q_stock:.3f}x ({steps}); "
            f"build {built['seconds']:.0f} s"
        )
    if len(results) > 1:
        first = results[0]
        print("\n   growth: ms per order relative to the smallest size (1.00 = linear)")
        for size, _built, runs in results:
            cells = []
            for path in ("stock", "ours"):
                per = runs[path]["seconds"] / size
                base = first[2][path]["seconds"] / first[0]
                cells.append(f"{path} {per / base:.2f}")
            print(f"   {size:>6}: {', '.join(cells)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
