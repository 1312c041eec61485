#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""UBL export cost of oci_einvoice against stock Odoo, in the same run.

    python3 tests/bench/bench_einvoice.py -c /tmp/odoo_test.cfg -d <db> [--lines 10] [--batch 500]

What is compared (like with like):
- "stock": Odoo's own NLCIUS builder (account.edi.xml.ubl_nl._export_invoice)
  with oci_einvoice's overrides neutralised by patching
  (``odoo.addons.oci_einvoice.tests.stock_odoo.stock_odoo``: each override
  calls straight through to Odoo's method), so this is the stock vals dict
  rendered by the same QWeb templates (our template extensions stay in the
  view, rendering nothing). Production code has no switch for this.
- "oci": the same builder with our references (PO, buyer reference, cost
  centers, PO line refs, NZI codes).
Each single-invoice sample runs with a cold ORM cache (env.invalidate_all()) so
both paths read the same data from the database; samples alternate between the
two paths; the median is reported.
Batch: N sale orders (distinct POs, 3 branches) invoiced in one
_create_invoices() call, stock (sale overrides neutralised: Odoo's own values, and
grouped=True = one invoice per order, as stock would otherwise mix the POs) vs
oci (policy grouping), each on fresh orders; then the N oci invoices exported
in one loop, stock builder path vs oci.
Everything runs in one transaction that is ROLLED BACK: the database is unchanged.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402


def progress(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--lines", type=int, default=10, help="lines per invoice")
    parser.add_argument("--samples", type=int, default=30, help="single-invoice samples per path")
    parser.add_argument("--batch", type=int, default=500, help="invoices in the batch")
    parser.add_argument(
        "--rounds", type=int, default=3, help="batch export rounds per path (alternating)"
    )
    return parser.parse_args()


class Meter:
    """Wall time and SQL query count of a block."""

    def __init__(self, cr):
        self.cr = cr

    def __enter__(self):
        self.queries = self.cr.sql_log_count
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        self.queries = self.cr.sql_log_count - self.queries


def setup_data(env, n_lines):
    nl = env.ref("base.nl")
    bank, tax = common.nl_invoicing_company(env, "Bench 21%")
    products = common.cake_products(env, tax, "Bench", "BC", n_lines, "order")
    address = {"street": "Zorgweg 10", "zip": "3500 AB", "city": "Utrecht", "country_id": nl.id}
    customer = env["res.partner"].create(
        {
            "name": "Bench Zorggroep",
            "is_company": True,
            "vat": "NL123456782B90",
            "peppol_eas": "0106",
            "peppol_endpoint": "87654321",
            "oci_cost_center": "KP-1000",
            "email": "ap@example.com",
            "invoice_edi_format": "nlcius",
            **address,
        }
    )
    branches = env["res.partner"].create(
        [
            {
                "name": f"Branch {i}",
                "type": "delivery",
                "parent_id": customer.id,
                "oci_cost_center": f"KP-20{i}",
                **address,
            }
            for i in range(3)
        ]
    )
    return {
        "bank": bank,
        "tax": tax,
        "products": products,
        "customer": customer,
        "branches": branches,
    }


def single_invoice(env, data):
    from odoo import Command

    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": data["customer"].id,
            "partner_bank_id": data["bank"].id,
            "invoice_date": "2026-11-02",
            "oci_po_number": "4500012345",
            "oci_buyer_reference": "AFD-1",
            "oci_cost_center": "KP-1000",
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": p.id,
                        "quantity": 2,
                        "price_unit": 10.0,
                        "tax_ids": [Command.set(data["tax"].ids)],
                        "oci_po_line_ref": str(10 * (i + 1)),
                        "oci_cost_center": "KP-2001" if i % 3 == 0 else "KP-1000",
                    }
                )
                for i, p in enumerate(data["products"])
            ],
        }
    )
    invoice.action_post()
    return invoice


def export_path(env, name):
    """The "stock" path neutralises our builder overrides, "oci" does not."""
    from contextlib import nullcontext

    from odoo.addons.oci_einvoice.tests.stock_odoo import stock_odoo

    return stock_odoo(env) if name == "stock" else nullcontext()


def bench_single(env, invoice, samples):
    builder = env["account.edi.xml.ubl_nl"]
    paths = ("stock", "oci")
    results = {name: {"seconds": [], "queries": []} for name in paths}
    sizes = {}
    for name in paths:  # warm-up (templates compiled, registry caches)
        with export_path(env, name):
            sizes[name] = len(builder._export_invoice(invoice)[0])
    for _i in range(samples):
        for name in paths:
            env.invalidate_all()
            with export_path(env, name), Meter(env.cr) as meter:
                builder._export_invoice(invoice)
            results[name]["seconds"].append(meter.seconds)
            results[name]["queries"].append(meter.queries)
    return results, sizes


def _orders(env, data, size, prefix):
    from odoo import Command

    branches = data["branches"]
    orders = env["sale.order"].create(
        [
            {
                "partner_id": data["customer"].id,
                "partner_shipping_id": branches[i % 3].id,
                "client_order_ref": f"{prefix}-{i:05d}",
                "order_line": [
                    Command.create(
                        {"product_id": p.id, "product_uom_qty": 1, "oci_po_line_ref": str(j + 1)}
                    )
                    for j, p in enumerate(data["products"][:3])
                ],
            }
            for i in range(size)
        ]
    )
    orders.action_confirm()
    return orders


def bench_batch(env, data, size, rounds):
    """Invoice ``size`` orders in one call: stock path (our sale overrides
    neutralised: Odoo's own grouping and values) and ours, each on its own
    fresh orders; then export the same ``size`` invoices, stock vs ours."""
    from contextlib import nullcontext

    from odoo.sql_db import Savepoint

    from odoo.addons.oci_einvoice.tests.stock_odoo import INVOICING_MODELS, stock_odoo

    creates = {}
    # Stock Odoo would put all orders of one invoice address on ONE invoice
    # (mixing POs); one invoice per order (grouped=True) is the like-for-like
    # stock output here, since every order has its own PO.
    # The stock run is rolled back to a savepoint before ours, so both start
    # from the same data (a second run in one transaction is slower whatever
    # the path: measured 6.8 s first vs 15.8 s second for 150 orders).
    for name, grouped in (("stock", True), ("oci", False)):
        savepoint = Savepoint(env.cr) if name == "stock" else None
        progress(f"{size} orders for the {name} invoicing")
        orders = _orders(env, data, size, f"PO-{name}")
        progress(f"invoicing ({name})")
        env.invalidate_all()
        invoicing = stock_odoo(env, INVOICING_MODELS) if name == "stock" else nullcontext()
        with invoicing, Meter(env.cr) as meter:
            moves = orders._create_invoices(grouped=grouped)
        creates[name] = (meter, len(moves))
        if savepoint:
            env.flush_all()
            savepoint.close(rollback=True)
            env.invalidate_all()
        invoices = moves
    progress("posting")
    invoices.partner_bank_id = data["bank"]
    # Not measured. In chunks: posting hundreds of new invoices at once in one
    # uncommitted transaction can get a very slow plan for Odoo's payment-state
    # query (seen once: > 40 minutes for 500).
    for start in range(0, len(invoices), 50):
        invoices[start : start + 50].action_post()
    rows = {"stock": [], "oci": []}
    builder = env["account.edi.xml.ubl_nl"]
    paths = ("stock", "oci")
    for round_ in range(rounds):
        for name in paths if round_ % 2 == 0 else reversed(paths):
            progress(f"batch export round {round_ + 1}/{rounds} ({name})")
            env.invalidate_all()
            with export_path(env, name), Meter(env.cr) as meter:
                for invoice in env["account.move"].browse(invoices.ids):
                    builder._export_invoice(invoice)
            rows[name].append(meter)
    return len(invoices), creates, rows


def main():
    args = parse_args()
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        try:
            env = api.Environment(
                cr, SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True}
            )
            data = setup_data(env, args.lines)
            invoice = single_invoice(env, data)
            single, sizes = bench_single(env, invoice, args.samples)
            n_invoices, creates, batch = bench_batch(env, data, args.batch, args.rounds)
        finally:
            cr.rollback()

    def med(values):
        return statistics.median(values)

    print(
        f"\nUBL export (NLCIUS builder), 1 invoice x {args.lines} lines, median of {args.samples} cold-cache samples"
    )
    print(f"{'path':<8}{'ms':>10}{'queries':>10}{'bytes':>10}")
    for name in ("stock", "oci"):
        print(
            f"{name:<8}{med(single[name]['seconds']) * 1000:>10.2f}{med(single[name]['queries']):>10.0f}{sizes[name]:>10}"
        )
    ratio = med(single["oci"]["seconds"]) / med(single["stock"]["seconds"])
    print(
        f"ratio oci/stock time: {ratio:.3f}x   extra queries: "
        f"{med(single['oci']['queries']) - med(single['stock']['queries']):+.0f}"
    )

    print(
        f"\nBatch: {args.batch} sale orders -> {n_invoices} invoices (_create_invoices, per-branch policy)"
    )
    print(f"{'step':<28}{'s':>10}{'queries':>10}{'ms/inv':>10}")
    for name in ("stock", "oci"):
        meter, count = creates[name]
        print(
            f"{'create ' + str(count) + ' invoices ' + name:<28}{meter.seconds:>10.2f}{meter.queries:>10}"
            f"{meter.seconds * 1000 / count:>10.2f}"
        )
    export_seconds = {}
    for name in ("stock", "oci"):
        export_seconds[name] = med([m.seconds for m in batch[name]])
        queries = batch[name][0].queries
        print(
            f"{'UBL export ' + name + ' (median)':<28}{export_seconds[name]:>10.2f}{queries:>10}"
            f"{export_seconds[name] * 1000 / n_invoices:>10.2f}"
        )
    print(
        f"ratio oci/stock: create {creates['oci'][0].seconds / creates['stock'][0].seconds:.3f}x, "
        f"batch export {export_seconds['oci'] / export_seconds['stock']:.3f}x "
        f"(rounds: stock {', '.join(f'{m.seconds:.2f}' for m in batch['stock'])}; "
        f"oci {', '.join(f'{m.seconds:.2f}' for m in batch['oci'])})"
    )
    print("\n(transaction rolled back: database unchanged)")


if __name__ == "__main__":
    main()
