#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Catalog with assortments and budget with history (issue 11 §1, §2):
prints tables, asserts nothing.

    python3 tests/bench/bench_scale_catalog.py -c var/odoo-test-<db>.cfg -d <db> \
        [--products 20000] [--samples 15]

The given database is never written: everything runs in a throwaway copy
(``<db>_catalog_<pid>``), dropped at the end.

Data: N published products in 200 categories (20 parents of 10), 200
customers each with an assortment (categories and/or a product list of
500-5,000 products, written with SQL into the assortment tables), and four
measured orderers (portal users):
  - none:   a customer without assortment (the whole catalog, stock behaviour)
  - small:  an assortment of 500 listed products + 1 category
  - large:  an assortment of 5,000 listed products + 10 categories
  - budget: a monthly budget, with 10,000 confirmed orders and 2,000
            transferred carts in the current period (SQL copies of one order)
  - budget0: the same budget without any history
Each is logged in through /web/login on an Odoo server subprocess (threaded,
no cron) and requests, alternating between users: /shop, a category page, a
search, a product page, /shop/cart/update_json, /shop/cart. The figures are
the server's own (Odoo's request log: SQL queries and time per request);
medians, ratio against "none" (catalog) and "budget0" (budget).
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import requests

PASSWORD = "bench-Password-123"
USERS = ("none", "small", "large", "budget", "budget0")
REQUEST_RE = re.compile(r'"(GET|POST) (\S+) HTTP/[\d.]+" (\d+) \S+ (\d+) ([\d.]+) ([\d.]+)')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--customers", type=int, default=200)
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--carts", type=int, default=2_000)
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database")
    return parser.parse_args()


def progress(message):
    print(f"   [{time.strftime('%H:%M:%S')}] {message}", flush=True)


def build(env, args):
    from odoo import Command

    cr = env.cr
    parents = env["product.category"].create([{"name": f"Scale group {i}"} for i in range(20)])
    categories = env["product.category"].create(
        [{"name": f"Scale cat {i}", "parent_id": parents[i % 20].id} for i in range(200)]
    )
    public = env["product.public.category"].create(
        [{"name": f"Scale shop cat {i}"} for i in range(200)]
    )
    progress("200 categories (and 200 shop categories)")
    # One product made by the ORM, copied with SQL (template and variant,
    # every stored column) into N products over the 200 categories.
    model = env["product.template"].create(
        {
            "name": "Scale model",
            "list_price": 5,
            "categ_id": categories[0].id,
            "is_published": True,
            "sale_ok": True,
            "type": "consu",
            "taxes_id": [Command.clear()],
        }
    )
    env.flush_all()
    variant = model.product_variant_id

    def columns(table):
        cr.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND column_name != 'id'",
            [table],
        )
        return [row[0] for row in cr.fetchall()]

    overrides = {
        "name": "jsonb_build_object('en_US', 'Scale cake ' || g || CASE WHEN g %% 7 = 0"
        " THEN ' chocolate' ELSE ' fruit' END)",
        "list_price": "5 + g %% 50",
        "categ_id": "(%(cats)s::int[])[1 + g %% 200]",
        "website_sequence": "g",
    }
    tmpl_columns = columns("product_template")
    select = ", ".join(overrides.get(col, f"t.{col}") for col in tmpl_columns)
    cr.execute(
        f"INSERT INTO product_template ({', '.join(tmpl_columns)}) "  # noqa: S608
        f"SELECT {select} FROM product_template t, generate_series(0, %(n)s - 1) g"
        " WHERE t.id = %(model)s ORDER BY g RETURNING id",
        {"cats": categories.ids, "n": args.products, "model": model.id},
    )
    ids = [row[0] for row in cr.fetchall()]
    prod_columns = [c for c in columns("product_product") if c != "product_tmpl_id"]
    overrides = {"default_code": "'SC-' || n"}
    select = ", ".join(overrides.get(col, f"v.{col}") for col in prod_columns)
    cr.execute(
        f"INSERT INTO product_product (product_tmpl_id, {', '.join(prod_columns)}) "  # noqa: S608
        f"SELECT t.id, {select} FROM product_product v,"
        " unnest(%(ids)s::int[]) WITH ORDINALITY AS t(id, n) WHERE v.id = %(variant)s",
        {"ids": ids, "variant": variant.id},
    )
    cr.execute(
        "INSERT INTO product_public_category_product_template_rel"
        " (product_template_id, product_public_category_id)"
        " SELECT t.id, (%(public)s::int[])[1 + (t.n - 1) %% 200]"
        " FROM unnest(%(ids)s::int[]) WITH ORDINALITY AS t(id, n)",
        {"ids": ids, "public": public.ids},
    )
    model.active = False
    env.invalidate_all()
    templates = env["product.template"].browse(ids)
    progress(f"{len(ids)} products")
    ids = templates.ids
    customers = env["res.partner"].create(
        [{"name": f"Scale customer {i}", "is_company": True} for i in range(args.customers)]
    )
    # Assortments of the background customers, SQL: a product list of 500 to
    # 5,000 products and/or categories.
    cr.execute(
        """
        INSERT INTO oci_partner_assortment_product_rel (partner_id, product_tmpl_id)
        SELECT c.id, (%(ids)s::int[])[1 + (c.n * 7919 + g) %% %(count)s]
          FROM unnest(%(customers)s::int[]) WITH ORDINALITY AS c(id, n),
               generate_series(1, 500 + (c.n * 4500 / %(ncust)s)::int) g
         WHERE c.n %% 3 != 0
        ON CONFLICT DO NOTHING
        """,
        {
            "ids": ids,
            "count": len(ids),
            "customers": customers.ids,
            "ncust": len(customers),
        },
    )
    cr.execute(
        """
        INSERT INTO oci_partner_assortment_categ_rel (partner_id, categ_id)
        SELECT c.id, (%(cats)s::int[])[1 + (c.n * 13 + g) %% 200]
          FROM unnest(%(customers)s::int[]) WITH ORDINALITY AS c(id, n),
               generate_series(1, 1 + c.n %% 10) g
         WHERE c.n %% 3 != 1
        ON CONFLICT DO NOTHING
        """,
        {"cats": categories.ids, "customers": customers.ids},
    )
    progress("assortments of 200 customers")
    # The measured customers and orderers.
    measured = env["res.partner"].create(
        [{"name": f"Measured {kind}", "is_company": True} for kind in USERS]
    )
    by_kind = dict(zip(USERS, measured, strict=True))
    for kind, size, cats in (("small", 500, 1), ("large", 5000, 10)):
        cr.execute(
            "INSERT INTO oci_partner_assortment_product_rel (partner_id, product_tmpl_id)"
            " SELECT %s, unnest(%s::int[])",
            (by_kind[kind].id, ids[-size:]),
        )
        cr.execute(
            "INSERT INTO oci_partner_assortment_categ_rel (partner_id, categ_id)"
            " SELECT %s, unnest(%s::int[])",
            (by_kind[kind].id, categories.ids[:cats]),
        )
    orderers = env["res.partner"].create(
        [
            {
                "name": f"Orderer {kind}",
                "email": f"{kind}@scale.example",
                "parent_id": by_kind[kind].id,
                "oci_budget_amount": 10**9 if kind.startswith("budget") else 0.0,
                "oci_budget_period": "month",
            }
            for kind in USERS
        ]
    )
    env["res.users"].with_context(no_reset_password=True).create(
        [
            {
                "login": o.email,
                "password": PASSWORD,
                "partner_id": o.id,
                "groups_id": [Command.set(env.ref("base.group_portal").ids)],
            }
            for o in orderers
        ]
    )
    # Budget history: one real confirmed order copied with SQL.
    budget = orderers[USERS.index("budget")]
    template = env["sale.order"].create(
        {
            "partner_id": budget.id,
            "order_line": [Command.create({"product_id": templates[0].product_variant_id.id})],
        }
    )
    template.action_confirm()
    env.flush_all()
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_name = 'sale_order' AND column_name != 'id'"
    )
    columns = [row[0] for row in cr.fetchall()]
    now = "date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(mins => g %% 20000)"
    for count, state, transfer in (
        (args.orders, "'sale'", "NULL"),
        (args.carts, "'sent'", "'transferred'"),
    ):
        overrides = {
            "name": f"'SB-{state[1:-1]}-' || g",
            "state": state,
            "oci_transfer_state": transfer,
            "oci_transferred_at": now if transfer != "NULL" else "NULL",
            "date_order": now,
            "access_token": "NULL",
        }
        select = ", ".join(overrides.get(col, f"t.{col}") for col in columns)
        cr.execute(
            f"INSERT INTO sale_order ({', '.join(columns)}) "  # noqa: S608 (column names)
            f"SELECT {select} FROM sale_order t, generate_series(1, %s) g WHERE t.id = %s",
            (count, template.id),
        )
    progress(f"{args.orders} confirmed orders + {args.carts} transferred carts")
    for table in (
        "product_template",
        "product_product",
        "oci_partner_assortment_product_rel",
        "oci_partner_assortment_categ_rel",
        "sale_order",
    ):
        cr.execute(f"ANALYZE {table}")  # noqa: S608 (fixed names)
    # A product all users may buy (in every measured assortment: the last
    # ones are listed in "small" and "large"), a shop category, a search.
    common = templates[-1]
    return {
        "product": common.id,
        "variant": common.product_variant_id.id,
        "category": public[0].id,
        "categ_products": categories[0].id,
    }


def wait_for(url, timeout=300):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"server did not answer on {url}")


def login(base, kind):
    http = requests.Session()
    page = http.get(f"{base}/web/login", timeout=60)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    answer = http.post(
        f"{base}/web/login",
        data={"login": f"{kind}@scale.example", "password": PASSWORD, "csrf_token": token},
        allow_redirects=False,
        timeout=60,
    )
    assert answer.status_code in (302, 303), f"login {kind}: {answer.status_code}"
    return http


def pages(data):
    return [
        ("/shop", "GET", "/shop", None),
        ("category page", "GET", f"/shop/category/{data['category']}", None),
        ("search", "GET", "/shop?search=chocolate", None),
        ("product page", "GET", f"/shop/{data['product']}", None),
        (
            "cart/update_json",
            "POST",
            "/shop/cart/update_json",
            {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"product_id": data["variant"], "add_qty": 1},
            },
        ),
        ("cart page", "GET", "/shop/cart", None),
    ]


def run_server(config, db, logfile, port):
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        "-c",
        config,
        "-d",
        db,
        "--db-filter",
        f"^{db}$",
        "--http-interface",
        "127.0.0.1",
        "--http-port",
        str(port),
        "--workers",
        "0",
        "--max-cron-threads",
        "0",
        "--log-level",
        "warn",
        "--log-handler",
        "werkzeug:INFO",
        "--logfile",
        logfile,
        "--no-database-list",
    ]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def measure(base, data, samples, logfile):
    sessions = {kind: login(base, kind) for kind in USERS}
    order = []
    for round_ in range(samples + 2):  # 2 warm-up rounds
        kinds = USERS if round_ % 2 else tuple(reversed(USERS))
        for label, method, path, payload in pages(data):
            for kind in kinds:
                http = sessions[kind]
                if method == "GET":
                    answer = http.get(f"{base}{path}", timeout=120)
                else:
                    answer = http.post(f"{base}{path}", json=payload, timeout=120)
                assert answer.status_code == 200, (kind, path, answer.status_code)
                order.append((round_, label, kind))
    time.sleep(1)
    with open(logfile, encoding="utf-8", errors="replace") as log:
        entries = [m.groups() for m in map(REQUEST_RE.search, log) if m]
    # Redirects (/shop/category/<id> -> its slug) are not samples.
    entries = [e for e in entries if not e[1].startswith("/web/") and e[2][0] != "3"]
    assert len(entries) == len(order), (len(entries), len(order))
    figures = {}
    for (round_, label, kind), (_m, _p, _s, queries, sql, other) in zip(
        order, entries, strict=True
    ):
        if round_ < 2:
            continue
        figures.setdefault((label, kind), []).append((int(queries), float(sql) + float(other)))
    return figures


def main():
    args = parse_args()
    import odoo
    from odoo import api
    from odoo.service import db as db_service

    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    copy = f"{args.database}_catalog_{os.getpid()}"
    print(f"Throwaway copy of {args.database}: {copy} (the original is not written)")
    db_service.exp_duplicate_database(args.database, copy)
    server = None
    try:
        registry = odoo.modules.registry.Registry.new(copy)
        started = time.perf_counter()
        with registry.cursor() as cr:
            env = api.Environment(
                cr, api.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True}
            )
            data = build(env, args)
            cr.commit()
        build_time = time.perf_counter() - started
        odoo.modules.registry.Registry.delete(copy)
        odoo.sql_db.close_db(copy)

        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        logfile = os.path.join(tempfile.gettempdir(), f"{copy}.log")
        server = run_server(args.config, copy, logfile, port)
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/web/health")
        figures = measure(base, data, args.samples, logfile)

        print(
            f"\nData built in {build_time:.0f} s: {args.products:,} products, 200 categories, "
            f"{args.customers} customers with assortments; budget history {args.orders:,} "
            f"confirmed orders + {args.carts:,} transferred carts this month"
        )
        print(
            f"\nServer side (Odoo's request log), median of {args.samples} samples per user "
            "and page; ratio to 'none' (catalog) or 'budget0' (budget)"
        )
        head = f"   {'page':<18}" + "".join(f"{kind:>16}" for kind in USERS)
        print(head)
        for label, *_rest in pages(data):
            cells = []
            for kind in USERS:
                rows = figures[(label, kind)]
                queries = statistics.median(q for q, _t in rows)
                ms = statistics.median(t for _q, t in rows) * 1000
                reference = "budget0" if kind.startswith("budget") else "none"
                ref_ms = statistics.median(t for _q, t in figures[(label, reference)]) * 1000
                cells.append(f"{queries:>4.0f}q {ms:>5.1f}ms {ms / ref_ms:>4.2f}")
            print(f"   {label:<18}" + "".join(f"{cell:>16}" for cell in cells))
        print("   (each cell: queries, median server ms, ratio)")
    finally:
        if server:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        odoo.modules.registry.Registry.delete(copy)
        odoo.sql_db.close_db(copy)
        if args.keep:
            print(f"\nKept {copy}")
        elif db_service.exp_drop(copy):
            print(f"\nDropped {copy}")
        else:
            print(f"\nCould not drop {copy}: drop it by hand")


if __name__ == "__main__":
    main()
