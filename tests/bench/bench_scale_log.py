#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sessions and POs at volume (issue 11 §3): prints tables, asserts nothing.

    python3 tests/bench/bench_scale_log.py -c var/odoo-test-<db>.cfg -d <db> \
        [--sessions 1000000] [--pos 100000] [--repeat 15]

The given database is never written: everything runs in two throwaway
copies (``<db>_scale_<pid>`` and ``<db>_scale_<pid>_empty``), dropped at
the end.

Same run, same code, same connection, one copy with an empty log and one
with a full log, measured in turns sample by sample (the machine's other
load falls on both alike):
  1. punchout login (``oci.session._oci_login``: throttle
     slot, connection by code, hashed secret, same-requisition lookup, session
     row), transfer (``_oci_transfer`` of a 3-line cart) and PO intake
     (``oci.po.intake._po_receive`` of a cXML OrderRequest: payloadID and
     PO-number duplicate checks, quotation match, confirm). Query count (every
     cursor, the throttle's own included) and median time of each.
  2. the log is filled with SQL (``generate_series``): N session rows over 3
     years and 6 connections (a fifth on the measured connection, same user
     and HOOK_URL: the worst case of the same-requisition lookup), M received
     POs (half for the measured customer) with their confirmed sales orders,
     and 20,000 throttle counters; ANALYZE.
  3. the three measures on both copies, then again with the indexes of
     ``models/oci_indexes.py`` dropped from the full one (to show what
     they are for).
  4. EXPLAIN (ANALYZE) of every lookup behind these paths on the full log.
Each measured call runs in a savepoint that is rolled back, so every sample
meets the same log. The secret hash (pbkdf2, one per login like /web/login)
is in the login time: it is the same on both sides of the ratio. The PDF
of the PO confirmation e-mail is not rendered (wkhtmltopdf replaced by a
fixed PDF in this process).
"""

import argparse
import os
import statistics
import time

FILL_CONNECTIONS = 5
CODE = "scale-log"
SECRET = "scale-Secret-123"
PO_SECRET = "scale-po-secret"
HOOK = "https://srm.scale.example/hook?sess=1"


def progress(message):
    print(f"   [{time.strftime('%H:%M:%S')}] {message}", flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--sessions", type=int, default=1_000_000)
    parser.add_argument("--pos", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database")
    return parser.parse_args()


def prepare(env):
    from odoo import Command

    website = env["website"].search([("company_id", "=", env.company.id)], limit=1)
    customers = env["res.partner"].create(
        [{"name": f"Scale Zorg {i}", "is_company": True} for i in range(FILL_CONNECTIONS + 1)]
    )
    orderers = env["res.partner"].create(
        [
            {"name": f"Scale Orderer {i}", "email": f"o{i}@scale.example", "parent_id": c.id}
            for i, c in enumerate(customers)
        ]
    )
    users = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {
                    "login": o.email,
                    "partner_id": o.id,
                    "groups_id": [Command.set(env.ref("base.group_portal").ids)],
                }
                for o in orderers
            ]
        )
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Scale cake {i}",
                "default_code": f"SCALE-{i}",
                "list_price": 10 + i,
                "is_published": True,
                "sale_ok": True,
                "type": "consu",
                "taxes_id": [Command.clear()],
            }
            for i in range(6)
        ]
    )
    connections = env["oci.connection"].create(
        [
            {
                "name": f"Scale SRM {i}",
                "code": CODE if not i else f"{CODE}-{i}",
                "partner_id": customers[i].id,
                "username": "scale-user",
                "password": SECRET,
                "orderer_mode": "fixed",
                "orderer_id": orderers[i].id,
                "hook_url_prefixes": "https://srm.scale.example/",
                "website_id": website.id,
                "po_identity": f"SCALE{i}",
                "po_secret": PO_SECRET,
            }
            for i in range(FILL_CONNECTIONS + 1)
        ]
    )
    env["ir.config_parameter"].set_param("oci_punchout.max_failures", 100_000_000)
    # A template sales order for the SQL fill (copied column by column).
    template = env["sale.order"].create(
        {
            "partner_id": orderers[0].id,
            "website_id": website.id,
            "oci_connection_id": connections[0].id,
            "order_line": [Command.create({"product_id": products[0].id})],
        }
    )
    template.action_confirm()
    env.flush_all()
    return {
        "connection": connections[0],
        "connections": connections,
        "users": users,
        "products": products,
        "website": website,
        "template": template,
    }


def fill(cr, data, sessions, pos):
    """Bulk rows with generate_series (a few statements, no ORM)."""
    conns = data["connections"]
    conn_ids = [c.id for c in conns]
    partner_ids = [c.partner_id.id for c in conns]
    orderer_ids = [c.orderer_id.id for c in conns]
    user_ids = [u.id for u in data["users"]]
    company = conns[0].company_id.id
    started = time.perf_counter()
    cr.execute(
        """
        INSERT INTO oci_session (company_id, connection_id, partner_id, orderer_id, user_id,
            state, function, http_status, hook_url, remote_addr, user_agent, oci_version,
            params, transfer_fields, transfer_item_count, create_date, write_date,
            create_uid, write_uid, expires_at, transferred_at, ended_at, protocol)
        SELECT %(company)s, c.conn, c.partner, c.orderer, c.usr,
               (ARRAY['transferred','transferred','ordered','ordered','cancelled',
                      'expired','expired','refused','transferred','ordered'])[g %% 10 + 1],
               CASE WHEN g %% 50 = 0 THEN 'detail' ELSE 'login' END,
               CASE WHEN g %% 10 = 7 THEN 401 ELSE 200 END,
               %(hook)s, '10.' || (g %% 200) || '.' || (g %% 250) || '.' || (g %% 7),
               'SAP NetWeaver Application Server', '5.0',
               jsonb_build_object('USERNAME', 'scale-user', 'PASSWORD', '***',
                                 'HOOK_URL', %(hook)s, '~OkCode', 'ADDI', '~TARGET', '_top'),
               CASE WHEN g %% 10 IN (0, 1, 8) THEN jsonb_build_array(
                   jsonb_build_array('NEW_ITEM-DESCRIPTION[1]', 'Scale cake ' || g),
                   jsonb_build_array('NEW_ITEM-QUANTITY[1]', '2'),
                   jsonb_build_array('NEW_ITEM-PRICE[1]', '12.50'),
                   jsonb_build_array('NEW_ITEM-CURRENCY[1]', 'EUR')) END,
               CASE WHEN g %% 10 IN (0, 1, 8) THEN 1 ELSE 0 END,
               t.at, t.at, 1, 1, t.at + interval '8 hours',
               CASE WHEN g %% 10 IN (0, 1, 8) THEN t.at + interval '20 minutes' END,
               t.at + interval '25 minutes', 'oci'
          FROM generate_series(1, %(n)s) g
          CROSS JOIN LATERAL (SELECT (now() AT TIME ZONE 'UTC')
                 - make_interval(secs => (%(n)s - g)::float8 * (3 * 365 * 86400) / %(n)s)
                 AS at) t
          CROSS JOIN LATERAL (SELECT (%(conns)s::int[])[g %% %(k)s + 1] AS conn,
                 (%(partners)s::int[])[g %% %(k)s + 1] AS partner,
                 (%(orderers)s::int[])[g %% %(k)s + 1] AS orderer,
                 (%(users)s::int[])[g %% %(k)s + 1] AS usr) c
        """,
        {
            "company": company,
            "hook": HOOK,
            "n": sessions,
            "k": len(conn_ids),
            "conns": conn_ids,
            "partners": partner_ids,
            "orderers": orderer_ids,
            "users": user_ids,
        },
    )
    t_sessions = time.perf_counter() - started
    # Received POs with their confirmed sales orders: half for the measured
    # customer, the rest spread over the others.
    template = data["template"]
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_name = 'sale_order' AND column_name != 'id'"
    )
    columns = [row[0] for row in cr.fetchall()]
    overrides = {
        "name": "'SCALE-' || g",
        "client_order_ref": "'SPO-' || g",
        "state": "'sale'",
        "oci_connection_id": f"(%(conns)s::int[])[CASE WHEN g %% 2 = 0 THEN 1 "
        f"ELSE g %% {len(conn_ids)} + 1 END]",
        "oci_transfer_state": "'ordered'",
        "oci_session_id": "NULL",
        "access_token": "NULL",
        "date_order": "(now() AT TIME ZONE 'UTC') - make_interval(hours => g)",
        "create_date": "(now() AT TIME ZONE 'UTC') - make_interval(hours => g)",
    }
    select = ", ".join(overrides.get(col, f"t.{col}") for col in columns)
    started = time.perf_counter()
    cr.execute(
        f"INSERT INTO sale_order ({', '.join(columns)}) "  # noqa: S608 (column names)
        f"SELECT {select} FROM sale_order t, generate_series(1, %(n)s) g "
        "WHERE t.id = %(template)s RETURNING id, oci_connection_id",
        {"n": pos, "template": template.id, "conns": conn_ids},
    )
    orders = cr.fetchall()
    cr.execute(
        """
        INSERT INTO oci_purchase_order (connection_id, company_id, partner_id, channel,
            po_number, payload_id, order_type, revision, state, matched_by, status_code,
            message, order_id, data, create_date, write_date, create_uid, write_uid)
        SELECT o.conn, %(company)s, c.partner_id, 'cxml', 'SPO-' || o.n,
               'spo-' || o.n || '@srm.scale.example', 'new', 0, 'confirmed', 'reference',
               200, 'Order confirmed', o.id,
               jsonb_build_object('po_number', 'SPO-' || o.n, 'channel', 'cxml'),
               now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', 1, 1
          FROM unnest(%(ids)s::int[], %(oconns)s::int[]) WITH ORDINALITY AS o(id, conn, n)
          JOIN oci_connection c ON c.id = o.conn
        """,
        {
            "company": company,
            "ids": [row[0] for row in orders],
            "oconns": [row[1] for row in orders],
        },
    )
    cr.execute(
        """
        INSERT INTO oci_throttle (key, window_start, count)
        SELECT 'addr:10.' || (g / 250) || '.' || (g %% 250) || '.1',
               (now() AT TIME ZONE 'UTC') - make_interval(mins => g %% 1440), g %% 5
          FROM generate_series(1, %s) g
        """,
        [20000],
    )
    t_pos = time.perf_counter() - started
    for table in ("oci_session", "sale_order", "oci_purchase_order", "oci_throttle"):
        cr.execute(f"ANALYZE {table}")  # noqa: S608 (fixed names)
    return t_sessions, t_pos


def po_body(order, n):
    currency = order.currency_id.name
    items = "".join(
        f'<ItemOut quantity="{int(sol.product_uom_qty)}" lineNumber="{i}"><ItemID>'
        f"<SupplierPartID>{sol.product_id.default_code}</SupplierPartID>"
        f"<SupplierPartAuxiliaryID>{order.name}/{sol.id}</SupplierPartAuxiliaryID></ItemID>"
        f'<ItemDetail><UnitPrice><Money currency="{currency}">{sol.price_reduce_taxexcl:.2f}'
        f"</Money></UnitPrice><Description>{sol.product_id.name}</Description>"
        f"<UnitOfMeasure>C62</UnitOfMeasure></ItemDetail></ItemOut>"
        for i, sol in enumerate(order.order_line, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<cXML payloadID="bench-{n}@srm.scale.example" timestamp="2026-05-04T10:00:00+02:00">'
        '<Header><From><Credential domain="NetworkID"><Identity>SCALE0</Identity>'
        '</Credential></From><To><Credential domain="DUNS"><Identity>1</Identity></Credential>'
        '</To><Sender><Credential domain="NetworkID"><Identity>SCALE0</Identity>'
        f"<SharedSecret>{PO_SECRET}</SharedSecret></Credential></Sender></Header>"
        f'<Request><OrderRequest><OrderRequestHeader orderID="BPO-{n}" type="new">'
        f'<Total><Money currency="{currency}">{order.amount_untaxed:.2f}</Money></Total>'
        f'<SupplierOrderInfo orderID="{order.name}"/></OrderRequestHeader>{items}'
        "</OrderRequest></Request></cXML>"
    ).encode()


class Meter:
    """Query count over every cursor (the throttle commits in its own) and
    wall time of a call, inside a savepoint rolled back afterwards."""

    def __init__(self, env):
        self.env = env

    def __call__(self, prepare_call, call):
        import odoo

        env = self.env
        with env.cr.savepoint(flush=False) as savepoint:
            arg = prepare_call()
            env.flush_all()
            env.invalidate_all()
            before = odoo.sql_db.sql_counter
            start = time.perf_counter()
            call(arg)
            env.flush_all()
            elapsed = time.perf_counter() - start
            queries = odoo.sql_db.sql_counter - before
            savepoint.rollback()
        env.invalidate_all()
        return queries, elapsed


def no_pdf_rendering():
    """The PO confirmation e-mail renders the quotation PDF with wkhtmltopdf
    (seconds per call, the same on an empty or a full log): the bench
    replaces the external process by a fixed PDF so the times show the
    intake itself."""
    from odoo.addons.base.models.ir_actions_report import IrActionsReport

    IrActionsReport._run_wkhtmltopdf = lambda *args, **kwargs: (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def measure(env, data):
    from odoo import Command

    from odoo.addons.oci_punchout.tools import cxml

    Session = env["oci.session"]
    Intake = env["oci.po.intake"]
    connection = data["connection"]
    products = data["products"]
    meter = Meter(env)
    params = {"USERNAME": "scale-user", "PASSWORD": SECRET, "HOOK_URL": HOOK}
    counter = iter(range(10**9))

    def login(_arg):
        Session._oci_login(CODE, params, remote_addr="10.250.0.1")

    def cart():
        session = Session._oci_login(CODE, params, remote_addr="10.250.0.1")
        order = env["sale.order"].create(
            {
                "partner_id": session.orderer_id.id,
                "website_id": data["website"].id,
                "order_line": [
                    Command.create({"product_id": p.id, "product_uom_qty": 1 + i})
                    for i, p in enumerate(products[:3])
                ],
            }
        )
        order._oci_link_session(session)
        return session

    def transfer(session):
        session._oci_transfer()

    def quotation():
        session = cart()
        session._oci_transfer()
        order = session.order_id
        n = next(counter)
        body = po_body(order, n)
        return cxml.extract_order_request(cxml.parse_xml(body, allow_cxml_doctype=True)), body

    def intake(arg):
        doc, body = arg
        record = Intake._po_receive(
            connection, doc, body, "OrderRequest.xml", "application/xml"
        ).record
        assert record.state == "confirmed", (record.state, record.message)

    return meter, [
        ("login", lambda: None, login),
        ("transfer (3 lines)", cart, transfer),
        ("PO intake (cXML)", quotation, intake),
    ]


def measure_pair(env_a, data_a, env_b, data_b, repeat):
    """The same paths on two databases, sample after sample in turns (the
    machine's load falls on both alike): {name: (queries, seconds)} each."""
    meter_a, paths_a = measure(env_a, data_a)
    meter_b, paths_b = measure(env_b, data_b)
    results_a, results_b = {}, {}
    for (name, before_a, call_a), (_name, before_b, call_b) in zip(paths_a, paths_b, strict=True):
        meter_a(before_a, call_a)  # warm-up
        meter_b(before_b, call_b)
        samples_a, samples_b = [], []
        for i in range(repeat):
            pair = [(meter_a, before_a, call_a, samples_a), (meter_b, before_b, call_b, samples_b)]
            for meter, before, call, samples in pair if i % 2 else reversed(pair):
                samples.append(meter(before, call))
        for samples, results in ((samples_a, results_a), (samples_b, results_b)):
            results[name] = (
                statistics.median(q for q, _t in samples),
                statistics.median(t for _q, t in samples),
            )
    return results_a, results_b


LOOKUPS = [
    (
        "connection by code",
        "SELECT id FROM oci_connection WHERE code = %(code)s LIMIT 1",
    ),
    (
        "session by token (id in the Odoo session)",
        "SELECT id FROM oci_session WHERE id = %(session)s",
    ),
    (
        "same requisition (open sessions of user + HOOK_URL)",
        "SELECT id FROM oci_session WHERE connection_id = %(conn)s AND user_id = %(user)s"
        " AND hook_url = %(hook)s AND function IN ('login', 'detail') AND state = 'open'"
        " ORDER BY id DESC",
    ),
    (
        "expiry cron (open and past their lifetime)",
        "SELECT id FROM oci_session WHERE state = 'open' AND expires_at < now() AT TIME ZONE 'UTC'",
    ),
    (
        "PO by payloadID",
        "SELECT id FROM oci_purchase_order WHERE connection_id = %(conn)s"
        " AND payload_id = 'spo-4242@srm.scale.example' LIMIT 1",
    ),
    (
        "PO by number + customer",
        "SELECT id FROM oci_purchase_order WHERE partner_id = %(partner)s"
        " AND po_number = 'SPO-4242' AND revision = 0 LIMIT 1",
    ),
    (
        "PO previous revision",
        "SELECT id FROM oci_purchase_order WHERE partner_id = %(partner)s"
        " AND po_number = 'SPO-4242' ORDER BY revision DESC LIMIT 1",
    ),
    (
        "open transferred quotations of the connection",
        "SELECT id FROM sale_order WHERE oci_connection_id = %(conn)s"
        " AND oci_transfer_state = 'transferred' AND state IN ('draft', 'sent')"
        " ORDER BY oci_transferred_at DESC, id DESC",
    ),
    (
        "throttle counter by address (reserve / exhausted)",
        "SELECT 1 FROM oci_throttle WHERE key = 'addr:10.3.3.1' AND count >= 10"
        " AND window_start > (now() AT TIME ZONE 'UTC') - make_interval(mins => 15)",
    ),
    (
        "throttle counters past their window (gc / retention)",
        "SELECT key FROM oci_throttle"
        " WHERE window_start < (now() AT TIME ZONE 'UTC') - make_interval(mins => 15)"
        " LIMIT 5000",
    ),
    (
        "sessions past retention (retention cron batch)",
        "SELECT id FROM oci_session WHERE create_date < (now() AT TIME ZONE 'UTC')"
        " - interval '400 days' AND state != 'open' ORDER BY create_date LIMIT 5000",
    ),
]


def explain(cr, data):
    conn = data["connection"]
    values = {
        "code": CODE,
        "session": 4242,
        "conn": conn.id,
        "user": data["users"][0].id,
        "hook": HOOK,
        "partner": conn.partner_id.id,
    }
    rows = []
    for label, query in LOOKUPS:
        cr.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query, values)
        plan = cr.fetchone()[0][0]
        nodes, stack = [], [plan["Plan"]]
        while stack:
            node = stack.pop()
            if node.get("Index Name"):
                nodes.append(node["Index Name"])
            elif node["Node Type"] == "Seq Scan":
                nodes.append(f"SEQ SCAN {node['Relation Name']}")
            stack.extend(node.get("Plans", []))
        rows.append((label, ", ".join(dict.fromkeys(nodes)), plan["Execution Time"]))
    return rows


def drop_our_indexes(cr):
    from odoo.addons.oci_punchout.models.oci_indexes import INDEXES

    for name, *_rest in INDEXES:
        cr.execute(f'DROP INDEX IF EXISTS "{name}"')  # noqa: S608 (our own names)
    for table in ("oci_session", "sale_order", "oci_purchase_order", "oci_throttle"):
        cr.execute(f"ANALYZE {table}")  # noqa: S608 (fixed names)


def main():
    args = parse_args()
    import odoo
    from odoo import api
    from odoo.service import db as db_service

    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    copy = f"{args.database}_scale_{os.getpid()}"
    empty_copy = f"{copy}_empty"
    print(f"Throwaway copy of {args.database}: {copy} (the original is not written)")
    db_service.exp_duplicate_database(args.database, copy)
    context = {"tracking_disable": True, "mail_notrack": True}
    try:
        registry = odoo.modules.registry.Registry.new(copy)
        with registry.cursor() as cr:
            data = prepare(api.Environment(cr, api.SUPERUSER_ID, context))
            data = {key: (value._name, value.ids) for key, value in data.items()}
            cr.commit()
        # Two databases from here: one keeps an empty log, the other is
        # filled; every measure alternates between them sample by sample.
        odoo.modules.registry.Registry.delete(copy)
        odoo.sql_db.close_db(copy)
        db_service.exp_duplicate_database(copy, empty_copy)
        no_pdf_rendering()
        registry = odoo.modules.registry.Registry.new(copy)
        empty_registry = odoo.modules.registry.Registry.new(empty_copy)
        with registry.cursor() as cr, empty_registry.cursor() as empty_cr:
            env = api.Environment(cr, api.SUPERUSER_ID, context)
            empty_env = api.Environment(empty_cr, api.SUPERUSER_ID, context)
            full_data = {key: env[model].browse(ids) for key, (model, ids) in data.items()}
            empty_data = {key: empty_env[model].browse(ids) for key, (model, ids) in data.items()}
            for key in ("connection", "website", "template"):
                full_data[key] = full_data[key][:1]
                empty_data[key] = empty_data[key][:1]
            t_sessions, t_pos = fill(cr, full_data, args.sessions, args.pos)
            cr.commit()
            progress(f"filled in {t_sessions:.0f} + {t_pos:.0f} s")
            empty, full = measure_pair(empty_env, empty_data, env, full_data, args.repeat)
            progress(f"empty / full log measured: {empty} / {full}")
            plans = explain(cr, full_data)
            drop_our_indexes(cr)
            cr.commit()
            empty_bare, bare = measure_pair(empty_env, empty_data, env, full_data, args.repeat)
            bare_plans = explain(cr, full_data)
            cr.rollback()
            empty_cr.rollback()

        print(
            f"\nFill: {args.sessions:,} session rows in {t_sessions:.0f} s; {args.pos:,} received "
            f"POs + sales orders + 20,000 throttle counters in {t_pos:.0f} s"
        )
        print(f"\n1. Median of {args.repeat} samples, each rolled back (queries over every cursor)")
        head = (
            f"   {'path':<20} {'queries empty':>13} {'queries full':>12} {'no idx':>7}"
            f" {'ms empty':>9} {'ms full':>8} {'ratio':>6} {'ms no idx':>10} {'ratio':>6}"
        )
        print(head)
        for name, (q_empty, t_empty) in empty.items():
            q_full, t_full = full[name]
            q_bare, t_bare = bare[name]
            t_empty_bare = empty_bare[name][1]
            print(
                f"   {name:<20} {q_empty:>13.0f} {q_full:>12.0f} {q_bare:>7.0f}"
                f" {t_empty * 1000:>9.1f} {t_full * 1000:>8.1f} {t_full / t_empty:>6.2f}"
                f" {t_bare * 1000:>10.1f} {t_bare / t_empty_bare:>6.2f}"
            )
        print(
            "   (empty and full log measured in turns, sample by sample; the 'no idx' ratio"
            " against the empty log measured in turns with it)"
        )
        print("\n2. EXPLAIN ANALYZE on the full log: index used, execution ms (with / without")
        print("   the indexes of models/oci_indexes.py)")
        for (label, nodes, ms), (_l, bare_nodes, bare_ms) in zip(plans, bare_plans, strict=True):
            print(f"   {label}")
            print(f"      with:    {ms:>8.3f} ms  {nodes}")
            if bare_nodes != nodes:
                print(f"      without: {bare_ms:>8.3f} ms  {bare_nodes}")
    finally:
        for name in (copy, empty_copy):
            odoo.modules.registry.Registry.delete(name)
            odoo.sql_db.close_db(name)
            if args.keep:
                print(f"\nKept {name}")
            elif name not in db_service.list_dbs(True):
                continue
            elif db_service.exp_drop(name):
                print(f"\nDropped {name}")
            else:
                print(f"\nCould not drop {name}: drop it by hand")


if __name__ == "__main__":
    main()
