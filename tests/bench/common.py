# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Scaffolding of the benchmarks: a throwaway copy of a database, an Odoo
server subprocess (threaded or with workers) on loopback, Odoo's own request
log (query count and time per request), percentiles and tables.

Imports Odoo only inside the functions that need it, so that a benchmark's
``--help`` works without it.
"""

import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
RUN_ODOO = ROOT / "tests" / "tools" / "run_odoo.py"
# Odoo's werkzeug line: ... "POST /path HTTP/1.0" 200 - <queries> <sql s> <other s>
REQUEST_RE = re.compile(r'"(GET|POST) (\S+) HTTP/[\d.]+" (\d+) \S+ (\d+) ([\d.]+) ([\d.]+)')


def progress(message, stream=None):
    """A time-stamped progress line (on stdout, or ``stream``)."""
    print(f"   [{time.strftime('%H:%M:%S')}] {message}", file=stream or sys.stdout, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@contextmanager
def throwaway_copy(config, database, suffix, keep=False):
    """Parse ``config`` and duplicate ``database`` (database and filestore)
    as ``<database>_<suffix>_<pid>``; yields the copy's name and drops it at
    the end (unless ``keep``). The original is never written."""
    import odoo
    from odoo.service import db as db_service

    # No -d: with a database name set, Odoo's database list (used by drop)
    # would only know that name.
    odoo.tools.config.parse_config(["-c", config, "--log-level=warn"])
    copy = f"{database}_{suffix}_{os.getpid()}"
    print(f"Throwaway copy of {database}: {copy} (the original is not written)", flush=True)
    db_service.exp_duplicate_database(database, copy)
    try:
        yield copy
    finally:
        release_registry(copy)
        if keep:
            print(f"\nKept {copy}")
        elif db_service.exp_drop(copy):
            print(f"\nDropped {copy}")
        else:
            print(f"\nCould not drop {copy}: drop it by hand")


def pg_admin(sql):
    """Run ``sql`` on the ``postgres`` database, outside a transaction
    (CREATE/DROP DATABASE)."""
    import odoo

    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr._cnx.autocommit = True
        cr.execute(sql)


def database_exists(name):
    import odoo

    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return bool(cr.fetchone())


def copy_database(template, name):
    """(Re)create ``name`` as a copy of ``template`` (PostgreSQL's TEMPLATE:
    no filestore)."""
    import odoo

    odoo.sql_db.close_db(template)
    pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def odoo_command(config, database, *args):
    """The command line of ``odoo -c config -d database <args>``, run as
    odoo-bin runs it (tests/tools/run_odoo.py)."""
    return [sys.executable, str(RUN_ODOO), "-c", str(config), "-d", database, *args]


def run_odoo(config, database, *args):
    """``odoo -c config -d database <args> --stop-after-init`` (warnings only)."""
    subprocess.run(
        odoo_command(config, database, *args, "--stop-after-init", "--log-level=warn"),
        check=True,
        stdin=subprocess.DEVNULL,
    )


def ensure_template(config, template, modules, fresh=False, say=progress):
    """A template database with ``modules`` installed (no demo data): made
    once (``fresh``: made again), else its modules updated, as the addons'
    code may have changed since. ``say`` prints the progress lines."""
    if fresh and database_exists(template):
        pg_admin(f'DROP DATABASE "{template}" WITH (FORCE)')
    if database_exists(template):
        say(f"updating {modules} in {template} (--fresh remakes it)")
        run_odoo(config, template, "-u", modules)
        return
    say(f"installing {modules} into {template} (a few minutes)")
    started = time.perf_counter()
    run_odoo(config, template, "-i", modules, "--without-demo=all")
    say(f"installed in {time.perf_counter() - started:.0f} s")


def release_registry(database):
    """Close this process's registry and connections of ``database`` (before
    a server subprocess takes over, and before a drop)."""
    import odoo

    odoo.modules.registry.Registry.delete(database)
    odoo.sql_db.close_db(database)


@contextmanager
def odoo_env(database, context=None):
    """A superuser environment on ``database``, committed at the end."""
    import odoo
    from odoo import api

    registry = odoo.modules.registry.Registry.new(database)
    with registry.cursor() as cr:
        yield api.Environment(
            cr,
            api.SUPERUSER_ID,
            {"tracking_disable": True, "mail_notrack": True, **(context or {})},
        )
        cr.commit()


def wait_for(url, timeout=300, process=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode}) before answering")
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"server did not answer on {url}")


class OdooServer:
    """An Odoo server subprocess on 127.0.0.1 for one database, no cron,
    logging only warnings and the request lines (query count and time per
    request). ``workers`` > 0 runs the prefork server through
    tests/tools/run_odoo.py (as odoo-bin does), with its gevent port."""

    def __init__(
        self,
        config,
        database,
        logfile,
        port=None,
        workers=0,
        gevent_port=None,
        db_maxconn=8,
        extra=(),
        request_log=True,
    ):
        self.database = database
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.logfile = str(logfile)
        args = odoo_command(
            config,
            database,
            "--db-filter",
            f"^{database}$",
            "--http-interface",
            "127.0.0.1",
            "--http-port",
            str(self.port),
            "--workers",
            str(workers),
            "--max-cron-threads",
            "0",
            *(["--db_maxconn", str(db_maxconn)] if db_maxconn else []),
            "--log-level",
            "warn",
            *(["--log-handler", "werkzeug:INFO"] if request_log else []),
            "--logfile",
            self.logfile,
            "--no-database-list",
            *extra,
        )
        if workers:
            args += ["--gevent-port", str(gevent_port or free_port())]
        self.args = args
        self.process = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *_exc):
        self.stop()

    def start(self, timeout=300):
        self.process = subprocess.Popen(
            self.args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(f"{self.url}/web/health", timeout, self.process)

    def stop(self):
        if not self.process or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # a prefork master stops its workers
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def log_offset(self):
        try:
            return os.path.getsize(self.logfile)
        except OSError:
            return 0

    def requests_logged(self, start=0, end=None):
        """[(method, path, status, queries, seconds)] of the request lines
        between two byte offsets of the log."""
        with open(self.logfile, "rb") as log:
            log.seek(start)
            data = log.read() if end is None else log.read(max(end - start, 0))
        entries = []
        for line in data.decode("utf-8", "replace").splitlines():
            match = REQUEST_RE.search(line)
            if match:
                method, path, status, queries, sql, other = match.groups()
                entries.append((method, path, int(status), int(queries), float(sql) + float(other)))
        return entries

    def count_in_log(self, text, start=0, end=None):
        """How many log lines between two byte offsets contain ``text``."""
        with open(self.logfile, "rb") as log:
            log.seek(start)
            data = log.read() if end is None else log.read(max(end - start, 0))
        return sum(text in line for line in data.decode("utf-8", "replace").splitlines())


def alternate(first, second, iterations, warmup):
    """``warmup`` rounds of ``first()`` and ``second()``, then ``iterations``
    rounds in which they take turns going first, so that drift hits both
    equally; returns ([first's results], [second's results])."""
    for _i in range(warmup):
        first()
        second()
    firsts, seconds = [], []
    for i in range(iterations):
        if i % 2:
            seconds.append(second())
            firsts.append(first())
        else:
            firsts.append(first())
            seconds.append(second())
    return firsts, seconds


def login_then_shop(base, http, login, kind, shop_order):
    """Time ``login()`` then GET /shop in the browser ``http``; ``kind`` is
    appended to ``shop_order`` (to match the server's request log).
    Returns (login response, /shop response, (total, login, /shop) seconds)."""
    start = time.perf_counter()
    answer = login()
    middle = time.perf_counter()
    shop_order.append(kind)
    shop = http.get(f"{base}/shop", timeout=60)
    end = time.perf_counter()
    return answer, shop, (end - start, middle - start, end - middle)


def report_samples(label, samples, first):
    """Print the median (and min, max) of (total, ``first`` part, /shop)
    samples of :func:`login_then_shop`; returns the median total."""
    total = [t for t, _f, _s in samples]
    median = statistics.median(total)
    part = statistics.median(f for _t, f, _s in samples)
    shop = statistics.median(s for _t, _f, s in samples)
    print(
        f"   {label}: median {median * 1000:7.1f} ms ({first} {part * 1000:.1f} + "
        f"/shop {shop * 1000:.1f}; min {min(total) * 1000:.1f}, max {max(total) * 1000:.1f})"
    )
    return median


def verdict(value, target):
    return "OK" if value <= target else "OVER TARGET"


def cake_products(env, tax, label, code, count, invoice_policy):
    """``count`` products "<label> cake <i>" (code "<code>-<i>") with
    ``tax``, in the category "<label> cakes" (customer accounting code 4411);
    every other product has a code of its own (44<i>)."""
    from odoo import Command

    categ = env["product.category"].create({"name": f"{label} cakes", "oci_customer_code": "4411"})
    return env["product.product"].create(
        [
            {
                "name": f"{label} cake {i}",
                "default_code": f"{code}-{i}",
                "list_price": 10 + i,
                "categ_id": categ.id,
                "type": "consu",
                "invoice_policy": invoice_policy,
                "taxes_id": [Command.set(tax.ids)],
                **({"oci_customer_code": f"44{i:02d}"} if i % 2 else {}),
            }
            for i in range(count)
        ]
    )


def nl_invoicing_company(env, tax_name):
    """The company as an e-invoicing Dutch seller (address, VAT, Peppol id,
    bank account) and a 21 % sale tax; returns (bank account, tax)."""
    nl = env.ref("base.nl")
    company = env.company
    company.write(
        {
            "street": "Bakkerstraat 1",
            "zip": "3511 AA",
            "city": "Utrecht",
            "country_id": nl.id,
            "vat": "NL000099998B57",
            "phone": "+31 30 123 4567",
            "email": "factuur@example.com",
        }
    )
    company.partner_id.write({"peppol_eas": "0106", "peppol_endpoint": "12345678"})
    bank = env["res.partner.bank"].create(
        {
            "acc_number": "NL91ABNA0417164300",
            "partner_id": company.partner_id.id,
            "allow_out_payment": True,
        }
    )
    tax = env["account.tax"].create(
        {
            "name": tax_name,
            "amount": 21,
            "amount_type": "percent",
            "type_tax_use": "sale",
            "company_id": company.id,
            "country_id": company.account_fiscal_country_id.id or nl.id,
        }
    )
    return bank, tax


def cpu_seconds(server=None, database=None):
    """{pid: user + system CPU seconds} of an Odoo server's processes (the
    master and its workers) and of the PostgreSQL backends serving
    ``database``; psutil, read from /proc. {} without psutil."""
    try:
        import psutil
    except ImportError:
        return {}
    processes = []
    if server is not None and server.process and server.process.poll() is None:
        try:
            master = psutil.Process(server.process.pid)
            processes += [master, *master.children(recursive=True)]
        except psutil.NoSuchProcess:
            pass
    if database:
        for process in psutil.process_iter(["cmdline"]):
            cmdline = " ".join(process.info.get("cmdline") or [])
            if cmdline.startswith("postgres:") and f" {database} " in f"{cmdline} ":
                processes.append(process)
    seconds = {}
    for process in processes:
        try:
            times = process.cpu_times()
            seconds[process.pid] = times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return seconds


def cpu_used(before, after):
    """CPU seconds used between two :func:`cpu_seconds` readings (processes
    started in between count from zero)."""
    return sum(max(cpu - before.get(pid, 0.0), 0.0) for pid, cpu in after.items())


def percentile(values, fraction):
    """Nearest-rank percentile (``fraction`` in 0..1) of a non-empty list."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil
    return ordered[int(min(rank, len(ordered))) - 1]


def format_table(header, rows, indent="   "):
    """Right-aligned columns (the first left-aligned), a rule under the head."""
    table = [tuple(str(cell) for cell in header)] + [tuple(str(c) for c in r) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]

    def line(row):
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        return indent + "  ".join(cells).rstrip()

    return "\n".join(
        [line(table[0]), indent + "  ".join("-" * w for w in widths)]
        + [line(row) for row in table[1:]]
    )


def machine_info():
    """nproc, memory, CPU model and load, for the head of a benchmark's output."""
    model = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next(
                (
                    line.split(":", 1)[1].strip()
                    for line in cpuinfo
                    if line.startswith("model name")
                ),
                "?",
            )
    except OSError:
        pass
    memory = "?"
    try:
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            total = next(line for line in meminfo if line.startswith("MemTotal"))
        memory = f"{int(total.split()[1]) // 1024} MB"
    except (OSError, StopIteration):
        pass
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    try:
        import odoo.release

        build = odoo.release.version
    except ImportError:
        build = "?"
    return f"{os.cpu_count()} CPUs ({model}), {memory} RAM, load {load}, Odoo {build}"
