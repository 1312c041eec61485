#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Punchout benchmark: prints numbers, asserts nothing (the query-count
property is also pinned by oci_punchout/tests/test_oci_queries.py).

    python3 tests/bench/bench_punchout.py -c /tmp/odoo_test.cfg -d <db> [--iterations 30]

The given database is never written: everything runs in a throwaway copy
(``<db>_bench_<pid>``, database and filestore, like Odoo's "duplicate
database"), dropped at the end.

1. SQL queries of one transfer: ``oci.session._oci_transfer()`` (the NEW_ITEM
   rows built by ``sale.order._oci_item_rows`` plus the writes it flushes)
   for carts of 1, 10 and 100 lines of distinct products (10 categories,
   3 units, half with an NZI code), each from a cold ORM cache as in a real
   request. Target: 100 lines <= 1 line + 3 queries.

2. Login cost, like with like, same run, same portal user, both through the
   real HTTP stack of an Odoo server started as a subprocess on a free
   loopback port (threaded, no workers, no cron):
     - punchout: POST /oci/<code>/login (one hashed secret checked, session
       opened, web login) + GET /shop (first page, in punchout mode)
     - stock:    POST /web/login (one hashed password checked) + GET /shop
   Each sample uses a fresh cookie jar (a new browser). The untimed part of
   the stock sample is the GET /web/login that gives the CSRF token. Samples
   alternate between the two paths after a warm-up; the time is the wall time
   seen by the client over loopback (so server time plus the same small
   client overhead for both), the median is reported with the ratio
   punchout / stock. The same ratio is computed from the server's own
   request log (Odoo's werkzeug lines: SQL time + other time per request),
   which leaves the client and network out, with the query counts.
   Target: <= 1.15.
"""

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
import common  # noqa: E402
from common import REQUEST_RE, login_then_shop, report_samples, verdict  # noqa: E402

SECRET = "bench-Secret-123"
USER_PASSWORD = "bench-Password-123"
CODE = "bench-punchout"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--iterations", type=int, default=30, help="timed samples per path")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database")
    return parser.parse_args()


def prepare(registry):
    """Customer, orderer (portal user with a password), connection. Committed
    in the throwaway database."""
    from odoo import Command, api

    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        website = env["website"].search([("company_id", "=", env.company.id)], limit=1)
        customer = env["res.partner"].create({"name": "Bench Zorg BV", "is_company": True})
        orderer = env["res.partner"].create(
            {"name": "Bench Orderer", "email": "orderer@bench.example", "parent_id": customer.id}
        )
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": "orderer@bench.example",
                    "password": USER_PASSWORD,
                    "partner_id": orderer.id,
                    "groups_id": [Command.set(env.ref("base.group_portal").ids)],
                }
            )
        )
        env["product.product"].create(
            [
                {
                    "name": f"Bench cake {i}",
                    "list_price": 10 + i,
                    "is_published": True,
                    "sale_ok": True,
                    "type": "consu",
                    "taxes_id": [Command.clear()],
                }
                for i in range(20)
            ]
        )
        env["oci.connection"].create(
            {
                "name": "Bench SRM",
                "code": CODE,
                "partner_id": customer.id,
                "username": "bench-user",
                "password": SECRET,
                "orderer_mode": "fixed",
                "orderer_id": orderer.id,
                "hook_url_prefixes": "https://srm.bench.example/",
                "website_id": website.id,
            }
        )
        env["ir.config_parameter"].set_param("oci_punchout.max_failures", 1000000)
        return user.login


def query_counts(registry):
    """Part 1, rolled back."""
    import odoo
    from odoo import Command, api

    # The same catalog and counting as the test pinning the property. Odoo
    # logs an error when its test framework is imported outside test mode.
    odoo.tools.config["test_enable"] = True
    try:
        from odoo.addons.oci_punchout.tests.test_oci_queries import (
            make_catalog,
            transfer_query_count,
        )
    finally:
        odoo.tools.config["test_enable"] = False

    results = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        connection = env["oci.connection"].search([("code", "=", CODE)])
        connection.field_ids = [
            Command.create({"oci_field": "MATGROUP", "source": "customer_code"}),
            Command.create({"oci_field": "CUST_FIELD1", "source": "customer_code"}),
            Command.create({"oci_field": "CUST_FIELD5", "source": "fixed", "value": "Bench"}),
        ]
        catalog = make_catalog(env, 100)
        website = connection.website_id
        for size in (0, 1, 10, 100):  # 0: a 1-line warm-up (ORM caches), not shown
            session = env["oci.session"]._oci_login(
                CODE,
                {
                    "USERNAME": "bench-user",
                    "PASSWORD": SECRET,
                    "HOOK_URL": "https://srm.bench.example/hook?sess=1",
                },
                remote_addr="127.0.0.9",
            )
            order = env["sale.order"].create(
                {
                    "partner_id": session.orderer_id.id,
                    "website_id": website.id,
                    "order_line": [
                        Command.create({"product_id": p.id, "product_uom_qty": 1 + i % 4})
                        for i, p in enumerate(catalog[: max(size, 1)])
                    ],
                }
            )
            order._oci_link_session(session)
            results[size] = transfer_query_count(env, session)
        cr.rollback()
    return results


def punchout_sample(base, shop_order):
    http = requests.Session()
    login, shop, seconds = login_then_shop(
        base,
        http,
        lambda: http.post(
            f"{base}/oci/{CODE}/login",
            data={
                "USERNAME": "bench-user",
                "PASSWORD": SECRET,
                "HOOK_URL": "https://srm.bench.example/hook?sess=1",
                "~OkCode": "ADDI",
                "~TARGET": "_top",
                "~CALLER": "CTLG",
            },
            allow_redirects=False,
            timeout=60,
        ),
        "punchout",
        shop_order,
    )
    assert login.status_code == 303, login.status_code
    assert shop.status_code == 200 and "o_oci_banner" in shop.text, "not in punchout mode"
    return seconds


def stock_sample(base, login_name, shop_order):
    http = requests.Session()
    page = http.get(f"{base}/web/login", timeout=60)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    login, shop, seconds = login_then_shop(
        base,
        http,
        lambda: http.post(
            f"{base}/web/login",
            data={"login": login_name, "password": USER_PASSWORD, "csrf_token": token},
            allow_redirects=False,
            timeout=60,
        ),
        "stock",
        shop_order,
    )
    assert login.status_code in (302, 303), f"web login failed: {login.status_code}"
    assert shop.status_code == 200 and "o_oci_banner" not in shop.text
    return seconds


def server_side(logfile, shop_order, warmup):
    """Per-sample server figures from Odoo's own request log (werkzeug lines
    carry the query count, the SQL time and the remaining time of each
    request): {path: [(queries, seconds)]} for login + /shop, warm-up left out."""
    with open(logfile, encoding="utf-8", errors="replace") as log:
        requests_ = [m.groups() for m in map(REQUEST_RE.search, log) if m]
    logins = {"punchout": [], "stock": []}
    shops = []
    for method, path, _status, queries, sql_time, other_time in requests_:
        figures = (int(queries), float(sql_time) + float(other_time))
        if method == "POST" and path == f"/oci/{CODE}/login":
            logins["punchout"].append(figures)
        elif method == "POST" and path.startswith("/web/login"):
            logins["stock"].append(figures)
        elif method == "GET" and path == "/shop":
            shops.append(figures)
    if len(shops) != len(shop_order):
        return None
    result = {}
    for kind in ("punchout", "stock"):
        kind_shops = [f for f, k in zip(shops, shop_order, strict=True) if k == kind]
        pairs = list(zip(logins[kind], kind_shops, strict=True))[warmup:]
        result[kind] = [(lq + sq, lt + st, lq, sq) for (lq, lt), (sq, st) in pairs]
    return result


def login_timings(config_path, db, login_name, iterations, warmup, logfile):
    shop_order = []
    with common.OdooServer(config_path, db, logfile, db_maxconn=None) as server:
        punchout, stock = common.alternate(
            lambda: punchout_sample(server.url, shop_order),
            lambda: stock_sample(server.url, login_name, shop_order),
            iterations,
            warmup,
        )
        time.sleep(1)  # the last log lines
    return punchout, stock, shop_order


def main():
    args = parse_args()
    import odoo

    with common.throwaway_copy(args.config, args.database, "bench", args.keep) as copy:
        registry = odoo.modules.registry.Registry.new(copy)
        login_name = prepare(registry)

        print("\n1. SQL queries of one transfer (_oci_transfer incl. _oci_item_rows, cold cache)")
        counts = query_counts(registry)
        for size, count in counts.items():
            if not size:
                continue
            print(f"   {size:>3} line(s): {count:>3} queries")
        extra = counts[100] - counts[1]
        print(f"   100 lines - 1 line = {extra:+d} queries (target <= +3): {verdict(extra, 3)}")
        common.release_registry(copy)

        print(
            f"\n2. Login + first /shop page, same portal user, median of {args.iterations} "
            f"samples per path ({args.warmup} warm-up), Odoo server subprocess on loopback"
        )
        logfile = os.path.join(tempfile.gettempdir(), f"{copy}.log")
        punchout, stock, shop_order = login_timings(
            args.config, copy, login_name, args.iterations, args.warmup, logfile
        )

        p_med = report_samples("punchout  POST /oci/<code>/login + GET /shop", punchout, "login")
        s_med = report_samples("stock     POST /web/login        + GET /shop", stock, "login")
        ratio = p_med / s_med
        print(
            f"   client wall time ratio punchout / stock: {ratio:.3f} (target <= 1.15): "
            f"{verdict(ratio, 1.15)}"
        )
        server = server_side(logfile, shop_order, args.warmup)
        os.unlink(logfile)
        if server:
            print(
                "   Server side, from Odoo's request log (time from the request entering "
                "Odoo to the answer; SQL queries):"
            )
            medians = {}
            for kind, label in (("punchout", "punchout"), ("stock", "stock   ")):
                rows = server[kind]
                medians[kind] = statistics.median(t for _q, t, _lq, _sq in rows)
                print(
                    f"   {label} login + /shop: median {medians[kind] * 1000:7.1f} ms, "
                    f"queries login {statistics.median(lq for *_r, lq, _sq in rows):.0f} + "
                    f"/shop {statistics.median(sq for *_r, sq in rows):.0f}"
                )
            server_ratio = medians["punchout"] / medians["stock"]
            print(
                f"   server time ratio punchout / stock: {server_ratio:.3f} (target <= 1.15): "
                f"{verdict(server_ratio, 1.15)}"
            )
        else:
            print("   (Odoo's request log could not be matched to the samples)")


if __name__ == "__main__":
    main()
