# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The concurrency benchmark (tests/bench/bench_scale_concurrency.py) starts,
and its client-side parts that decide its figures behave: the connection
gate serves waiters in their order, the cart page parser reads the lines, the
percentile is the nearest rank. No Odoo, no server.

    python3 -m pytest -p no:odoo tests/unit
"""

import subprocess
import sys
import threading
import time
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "tests" / "bench"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "tests" / "buyer"))
import bench_scale_concurrency as bench  # noqa: E402
import common  # noqa: E402


class TestBenchConcurrency(unittest.TestCase):
    def test_help(self):
        result = subprocess.run(
            [sys.executable, str(BENCH / "bench_scale_concurrency.py"), "--help"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("--max-connections", result.stdout)
        args = bench.parse_args(["-c", "x.cfg", "-d", "db"])
        self.assertEqual((args.buyers, args.workers, args.max_connections), (40, 2, 16))

    def test_gate_first_come_first_served(self):
        gate = bench.FifoGate(1)
        served = []
        gate.__enter__()  # the slot is taken: the threads below queue
        threads = []
        for n in range(5):
            thread = threading.Thread(target=lambda n=n: (gate.__enter__(), served.append(n)))
            thread.start()
            threads.append(thread)
            deadline = time.monotonic() + 5
            while len(gate.waiting) < n + 1 and time.monotonic() < deadline:
                time.sleep(0.001)
        for _n in range(5):
            gate.__exit__(None, None, None)  # hand the slot to the next in line
            deadline = time.monotonic() + 5
            while len(served) < _n + 1 and time.monotonic() < deadline:
                time.sleep(0.001)
        for thread in threads:
            thread.join(5)
        self.assertEqual(served, [0, 1, 2, 3, 4])
        gate.__exit__(None, None, None)
        self.assertEqual(gate.slots, 1)

    def test_cart_lines(self):
        page = (
            '<input type="text" class="js_quantity quantity form-control" data-line-id="7"'
            ' data-product-id="42" value="3"/>'
            '<input class="js_quantity" name="product_id" data-product-id="9" type="hidden"/>'
            '<input type="hidden" class="js_quantity form-control quantity" data-line-id="8"'
            ' data-product-id="41" value="1.0"/>'
        )
        self.assertEqual(bench.cart_lines(page), [(41, 1.0), (42, 3.0)])

    def test_percentile(self):
        values = list(range(1, 101))
        self.assertEqual(common.percentile(values, 0.5), 50)
        self.assertEqual(common.percentile(values, 0.95), 95)
        self.assertEqual(common.percentile([3.0], 0.95), 3.0)


if __name__ == "__main__":
    unittest.main()
