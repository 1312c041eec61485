#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""cXML punchout benchmark: prints numbers, asserts nothing.

    python3 tests/bench/bench_cxml.py -c /tmp/odoo_test.cfg -d <db> [--iterations 30]

Runs in a throwaway copy of the database (as bench_punchout.py, whose set-up,
server and log helpers it reuses), dropped at the end.

1. SQL queries of one cXML transfer (``oci.session._cxml_transfer()``: the
   PunchOutOrderMessage built from the OCI item rows, plus the writes it
   flushes) for carts of 1, 10 and 100 lines, cold ORM cache.
   Target: 100 lines <= 1 line + 3 queries.
2. Same run, same portal user, real HTTP stack of an Odoo subprocess:
     - cXML:  POST /oci/<code>/cxml/setup + GET StartPage + GET /shop
     - OCI:   POST /oci/<code>/login                   + GET /shop
   (the buyer's server posting the setup is part of a cXML punchout, so it is
   counted). Median wall time per path and the ratio cXML / OCI.
   Target: <= 1.15.
"""

import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "buyer"))
import bench_punchout as bp  # noqa: E402
import common  # noqa: E402
import cxml_buyer  # noqa: E402
from common import login_then_shop, report_samples, verdict  # noqa: E402

cx = cxml_buyer.cx
IDENTITY, DOMAIN, CXML_SECRET = "AN-BENCH-0001", "NetworkID", "bench-cxml-Secret-1"
FORM_POST = "https://buyer.bench.example/punchout/return"


def prepare(registry):
    from odoo import api

    login_name = bp.prepare(registry)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        env["oci.connection"].search([("code", "=", bp.CODE)]).write(
            {
                "punchout_protocol": "both",
                "po_identity": IDENTITY,
                "po_domain": DOMAIN,
                "po_secret": CXML_SECRET,
                "cxml_form_post_prefixes": "https://buyer.bench.example/",
                "cxml_unspsc": "50181900",
            }
        )
    return login_name


def setup_xml():
    return cx.build_setup_request(
        "bench-cookie",
        FORM_POST,
        (DOMAIN, IDENTITY),
        ("DUNS", "123456789"),
        (DOMAIN, IDENTITY),
        CXML_SECRET,
    )


def query_counts(registry):
    """Part 1, rolled back."""
    import odoo
    from odoo import Command, api

    odoo.tools.config["test_enable"] = True
    try:
        from odoo.addons.oci_punchout.tests.test_oci_queries import make_catalog
    finally:
        odoo.tools.config["test_enable"] = False
    results = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        connection = env["oci.connection"].search([("code", "=", bp.CODE)])
        catalog = make_catalog(env, 100)
        for size in (0, 1, 10, 100):  # 0: a 1-line warm-up (ORM caches), not shown
            code, _text, url = env["oci.session"]._cxml_setup(
                bp.CODE, setup_xml(), remote_addr="127.0.0.9", start_base="http://bench"
            )
            assert code == 200, _text
            session = env["oci.session"].search(
                [("connection_id", "=", connection.id)], order="id desc", limit=1
            )
            order = env["sale.order"].create(
                {
                    "partner_id": session.orderer_id.id,
                    "website_id": connection.website_id.id,
                    "order_line": [
                        Command.create({"product_id": p.id, "product_uom_qty": 1 + i % 4})
                        for i, p in enumerate(catalog[: max(size, 1)])
                    ],
                }
            )
            order._oci_link_session(session)
            env.flush_all()
            env.invalidate_all()
            before = cr.sql_log_count
            session._cxml_transfer()
            env.flush_all()
            results[size] = cr.sql_log_count - before
        cr.rollback()
    return results


def cxml_sample(base, shop_order):
    http = requests.Session()

    def start():
        answer = requests.post(
            f"{base}/oci/{bp.CODE}/cxml/setup",
            data=setup_xml(),
            headers={"Content-Type": "text/xml"},
            timeout=60,
        )
        status, text, _detail, url = cx.parse_setup_response(answer.content)
        assert status == 200, text
        # the StartPage is on the configured base URL: the same server here
        return http.get(base + urlsplit(url).path, allow_redirects=False, timeout=60)

    started, shop, seconds = login_then_shop(base, http, start, "cxml", shop_order)
    assert started.status_code == 303, started.status_code
    assert shop.status_code == 200 and "o_oci_banner" in shop.text, "not in punchout mode"
    return seconds


def timings(config_path, db, iterations, warmup, logfile):
    order = []
    with common.OdooServer(config_path, db, logfile, db_maxconn=None, request_log=False) as server:
        return common.alternate(
            lambda: cxml_sample(server.url, order),
            lambda: bp.punchout_sample(server.url, order),
            iterations,
            warmup,
        )


def main():
    args = bp.parse_args()
    import odoo

    with common.throwaway_copy(args.config, args.database, "bench_cxml", args.keep) as copy:
        registry = odoo.modules.registry.Registry.new(copy)
        prepare(registry)
        print("\n1. SQL queries of one cXML transfer (_cxml_transfer incl. the POOM, cold cache)")
        counts = query_counts(registry)
        for size, count in counts.items():
            if size:
                print(f"   {size:>3} line(s): {count:>3} queries")
        extra = counts[100] - counts[1]
        print(f"   100 lines - 1 line = {extra:+d} queries (target <= +3): {verdict(extra, 3)}")
        common.release_registry(copy)

        print(
            f"\n2. Punchout start + first /shop page, median of {args.iterations} samples "
            f"per path ({args.warmup} warm-up), Odoo server subprocess on loopback"
        )
        logfile = os.path.join(tempfile.gettempdir(), f"{copy}.log")
        cxml, oci = timings(args.config, copy, args.iterations, args.warmup, logfile)
        if os.path.exists(logfile):
            os.unlink(logfile)

        c_med = report_samples("cXML  setup + StartPage + GET /shop", cxml, "start")
        o_med = report_samples("OCI   POST login        + GET /shop", oci, "start")
        ratio = c_med / o_med
        print(f"   ratio cXML / OCI: {ratio:.3f} (target <= 1.15): {verdict(ratio, 1.15)}")


if __name__ == "__main__":
    main()
