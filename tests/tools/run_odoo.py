#!/usr/bin/env python3
# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Start Odoo as its own launcher (odoo-bin) does, with whatever Odoo the
interpreter imports: `python3 tests/tools/run_odoo.py -c odoo.cfg -d db ...`.

Why not `python3 -m odoo`: with --workers the prefork master spawns the
websocket/longpolling process as `sys.executable sys.argv[0] gevent ...`.
Under `-m odoo`, sys.argv[0] is odoo/__main__.py, which then runs as a plain
script outside its package: its relative import fails, the gevent process
dies on that ImportError at once and the master respawns it for
ever. A real script file re-executes cleanly.
"""

import os

# Like odoo-bin: the server runs in UTC, set before `time` is imported.
os.environ["TZ"] = "UTC"

import odoo  # noqa: E402

if __name__ == "__main__":
    odoo.cli.main()
