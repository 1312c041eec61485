# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark of the PO intake (prints a table; not a test).

For a transferred punchout quotation of N lines and the matching cXML
OrderRequest it measures, in the same run and on the same order:
  - check: parse (hardened) + extract + resolve products + match the
    quotation + compare lines/prices/address  (what the intake adds)
  - confirm: sale.order.action_confirm() alone (stock Odoo)
and the SQL query count of the check and of the whole intake
(_po_receive_cxml without the password hash: check + write + confirm + mail)
as N grows. Everything runs in one cursor that is ROLLED BACK at the end.

    python3 tests/bench/bench_po.py -c /tmp/odoo_test.cfg -d <db>
"""

import argparse
import statistics
import time

import odoo
from odoo import Command, api
from odoo.tools import config


def build(env, lines, tag):
    currency = env.company.currency_id
    customer = env["res.partner"].create({"name": f"Bench Care {tag}", "is_company": True})
    orderer = env["res.partner"].create(
        {
            "name": f"Bench Orderer {tag}",
            "email": f"bench{tag}@care.example",
            "parent_id": customer.id,
        }
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench product {tag}-{i}",
                "default_code": f"BENCH-{tag}-{i}",
                "list_price": 10 + i,
                "type": "consu",
                "is_published": True,
                "sale_ok": True,
                "taxes_id": [Command.clear()],
            }
            for i in range(lines)
        ]
    )
    connection = env["oci.connection"].create(
        {
            "name": f"Bench {tag}",
            "code": f"bench-po-{tag}",
            "partner_id": customer.id,
            "username": "bench",
            "password": "bench-pass",
            "orderer_id": orderer.id,
            "po_identity": "BENCH",
            "po_secret": "bench-secret",
        }
    )
    order = env["sale.order"].create(
        {
            "partner_id": orderer.id,
            "oci_connection_id": connection.id,
            "order_line": [
                Command.create({"product_id": p.id, "product_uom_qty": 2}) for p in products
            ],
        }
    )
    order.action_quotation_sent()
    order.write({"oci_transfer_state": "transferred"})
    items = "".join(
        f'<ItemOut quantity="2" lineNumber="{n}"><ItemID><SupplierPartID>{sol.product_id.default_code}'
        f"</SupplierPartID><SupplierPartAuxiliaryID>{order.name}/{sol.id}</SupplierPartAuxiliaryID></ItemID>"
        f'<ItemDetail><UnitPrice><Money currency="{currency.name}">{sol.price_reduce_taxexcl:.2f}</Money>'
        f"</UnitPrice><Description>{sol.product_id.name}</Description><UnitOfMeasure>C62</UnitOfMeasure>"
        f"</ItemDetail></ItemOut>"
        for n, sol in enumerate(order.order_line, start=1)
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">'
        f'<cXML payloadID="bench-{tag}@srm" timestamp="2026-05-04T10:00:00+02:00"><Header>'
        '<From><Credential domain="NetworkID"><Identity>BENCH</Identity></Credential></From>'
        '<To><Credential domain="DUNS"><Identity>1</Identity></Credential></To>'
        '<Sender><Credential domain="NetworkID"><Identity>BENCH</Identity>'
        "<SharedSecret>bench-secret</SharedSecret></Credential></Sender></Header>"
        f'<Request><OrderRequest><OrderRequestHeader orderID="BENCH-{tag}" type="new">'
        f'<Total><Money currency="{currency.name}">{order.amount_untaxed:.2f}</Money></Total>'
        f'<SupplierOrderInfo orderID="{order.name}"/></OrderRequestHeader>{items}'
        "</OrderRequest></Request></cXML>"
    ).encode()
    env.flush_all()
    return connection, order, body


def check(env, connection, body):
    """Parse + match + compare, as the intake does before writing."""
    from odoo.addons.oci_punchout.tools import cxml

    Matcher = env["oci.po.matcher"]
    doc = cxml.extract_order_request(cxml.parse_xml(body, allow_cxml_doctype=True)).as_dict()
    resolved = Matcher._po_resolve_lines(connection, doc)
    env["oci.po.intake"]._po_find_duplicate(connection, doc)
    record = env["oci.purchase.order"].new(
        {
            "connection_id": connection.id,
            "partner_id": connection.partner_id.id,
            "channel": "cxml",
            "po_number": doc["po_number"],
            "data": doc,
        }
    )
    quotation, _matched, notes = Matcher._po_match(record, resolved)
    differences = Matcher._po_compare(record, quotation, resolved)[0]
    assert quotation and not notes and not differences, (notes, differences)
    return quotation


def timed(env, func, repeat):
    times = []
    for _ in range(repeat):
        with env.cr.savepoint(flush=False) as savepoint:
            env.invalidate_all()
            start = time.perf_counter()
            func()
            env.flush_all()
            times.append(time.perf_counter() - start)
            savepoint.rollback()
        env.invalidate_all()
    return statistics.median(times)


def count_queries(env, func):
    with env.cr.savepoint(flush=False) as savepoint:
        env.invalidate_all()
        before = env.cr.sql_log_count
        func()
        env.flush_all()
        count = env.cr.sql_log_count - before
        savepoint.rollback()
    env.invalidate_all()
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(
            cr, api.SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True}
        )
        try:
            # The password hash check is left out of the counts: it is one
            # deliberate pbkdf2 verification per request, like /web/login.
            rows = []
            for lines in (10, 50, 100, 200):
                connection, order, body = build(env, lines, f"q{lines}")
                Intake = env["oci.po.intake"]

                def full(connection=connection, body=body, Intake=Intake):
                    from odoo.addons.oci_punchout.tools import cxml

                    doc = cxml.extract_order_request(cxml.parse_xml(body, allow_cxml_doctype=True))
                    Intake._po_receive(connection, doc, body, "OrderRequest.xml", "application/xml")

                rows.append(
                    (
                        lines,
                        count_queries(
                            env,
                            lambda connection=connection, body=body: check(env, connection, body),
                        ),
                        count_queries(env, lambda order=order: order.action_confirm()),
                        count_queries(env, full),
                    )
                )
            print("\nQuery count as the PO grows (same run, rolled back)")
            print(f"{'lines':>6} {'check':>8} {'action_confirm':>15} {'whole intake':>13}")
            for lines, q_check, q_confirm, q_full in rows:
                print(f"{lines:>6} {q_check:>8} {q_confirm:>15} {q_full:>13}")

            connection, order, body = build(env, 200, "t200")
            check(env, connection, body)  # warm caches
            t_check = timed(env, lambda: check(env, connection, body), args.repeat)
            t_confirm = timed(env, lambda: order.action_confirm(), args.repeat)
            print(f"\n200-line PO, median of {args.repeat} runs")
            print(f"{'parse + match + check':<28} {t_check * 1000:>9.1f} ms")
            print(f"{'action_confirm alone':<28} {t_confirm * 1000:>9.1f} ms")
            ratio = t_check / t_confirm
            print(f"{'overhead ratio':<28} {ratio:>9.3f} x   (target <= 0.25)")
        finally:
            cr.rollback()
    print("\nRolled back: the database is unchanged.")


if __name__ == "__main__":
    main()
