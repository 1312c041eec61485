# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generated purchase orders over the real HTTP stack (seeded, deterministic).

OCI_PO_FUZZ_COUNT documents (default 2000) are posted to the cXML and UBL
endpoints: broken XML, hostile XML (XXE, billion laughs, external DTD, deep,
huge), absurd numbers, wrong or missing credentials, documents with a fault
(quantity, price, product, lines, currency, ship-to, type, references),
re-sends of held POs as changes, and exact duplicates. The untouched valid
documents of the "target" quotations are mixed in at random places.

Pass: no 5xx; only the targets' untouched documents confirm an order (each
its own); a refusal creates nothing (no PO record, order, line or file; the
session log keeps the refused login); no record is left half-made; a
duplicate of an accepted document gets its answer again; nothing sent is
echoed unescaped. One summary line gives the figures.

The PO secret is hashed with a cheap pbkdf2 (1,000 rounds, stored in the
connection's hash field) so the run takes minutes; test_po_security and
test_oci_concurrency keep Odoo's real hash for the throttle.
"""

import json
import logging
import random
import sys
import time
from collections import Counter

from lxml import etree

from odoo.tests import HttpCase, tagged

from .po_common import PO_SECRET, PoCommon
from .po_fuzz_gen import CHEAP_CRYPT, DECOYS, SEED, TARGETS, PoFuzzGenerator, po_sender
from .po_fuzz_mutators import MAX_BYTES

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestPoFuzzHttp(PoFuzzGenerator, PoCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("oci_punchout.po_max_bytes", MAX_BYTES)
        # Wrong credentials are checked, not throttled: every one is counted.
        cls.env["ir.config_parameter"].sudo().set_param("oci_punchout.max_failures", 10**6)
        cls.connection.sudo().po_secret_hash = CHEAP_CRYPT.hash(PO_SECRET)
        cls.other_connection.sudo().po_secret_hash = CHEAP_CRYPT.hash("other-secret")
        cls.other_branch = cls.env["res.partner"].create(
            {
                "name": "Ander Zuid",
                "type": "delivery",
                "parent_id": cls.other_customer.id,
                "ref": "ZUID",
                "zip": "9999 ZZ",
                "street": "Elders 9",
            }
        )

    def setUp(self):
        super().setUp()
        if po_sender is None:
            self.skipTest("tests/buyer/po_sender.py is not in this checkout")
        self.rng = random.Random(SEED)
        # Quotations: every one with its own cake quantity, so a faulty
        # document can never fit another one by products and quantities.
        self.targets = [
            self._quote([(self.product_cake, 100 + i), (self.product_logo, 1)])
            for i in range(TARGETS)
        ]
        self.decoys = [
            self._quote([(self.product_cake, 200 + i), (self.product_logo, 1)])
            for i in range(DECOYS)
        ]
        self.other_quote = self._quote(connection=self.other_connection)
        self.serial = 0
        self.held = []  # specs of faulty documents answered 201 (held)
        self.target_numbers = set()

    def _confirmed(self):
        return (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("oci_connection_id", "in", (self.connection | self.other_connection).ids),
                    ("state", "=", "sale"),
                ]
            )
        )

    def _post(self, path, body, headers):
        """(code, text, raw response) of one document; cXML answers travel in
        HTTP 200, UBL answers are JSON with the HTTP status."""
        response = self.opener.post(self.base_url() + path, data=body, headers=headers, timeout=120)
        raw = response.content
        self.assertLess(response.status_code, 500, raw[:500])
        if path.endswith("/cxml"):
            self.assertEqual(response.status_code, 200, raw[:300])
            self.assertIn("text/xml", response.headers.get("Content-Type", ""))
            root = etree.fromstring(
                raw, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
            )
            status = root.find("Response/Status")
            return int(status.get("code")), status.text or "", raw
        self.assertIn("application/json", response.headers.get("Content-Type", ""), raw[:300])
        payload = json.loads(raw)
        if response.status_code >= 400:
            self.assertEqual(payload["status"], response.status_code)
        else:
            self.assertIn(payload["status"], (200, 201))
        return payload["status"], payload["message"], raw

    def test_generated_purchase_orders(self):
        rng = self.rng
        plan = self._plan()
        self.target_numbers = set()
        histogram, categories = Counter(), Counter()
        sent = []  # (category, path, body, headers, code, text) of every first sending
        confirmed = self.env["sale.order"]
        refusals_before = self.env["oci.session"].sudo().search_count([("state", "=", "refused")])
        orders_before = self.env["sale.order"].sudo().search_count([])
        started = time.time()
        for number, category in enumerate(plan, start=1):
            first = None
            if isinstance(category, tuple):
                target = self.targets[category[1]]
                spec = self._spec(target, "cxml" if category[1] % 2 else "ubl")
                self.target_numbers.add(spec["po"])
                body, headers, path = self._build(spec)
                category, refused = "target", False
            elif category == "duplicate" and sent:
                first = rng.choice(sent)
                path, body, headers = first[1:4]
                refused = first[4] >= 400
            else:
                category = "mutated" if category == "duplicate" else category
                spec, body, headers, path, refused = self._document(category)
            categories[category] += 1
            before = self._po_counts()
            code, text, raw = self._post(path, body, headers)
            histogram[f"{path.rsplit('/', 1)[1]} {code}"] += 1
            where = f"document {number} ({category}): {code} {text[:200]}"
            # Nothing sent comes back unescaped, no file content leaks.
            for marker in (b"<script", b"<img", b"root:x:0:0"):
                self.assertNotIn(marker, raw, where)
            self.assertTrue(text.strip(), where)
            if refused:
                self.assertGreaterEqual(code, 400, where)
            if code >= 400:
                self.assertEqual(self._po_counts(), before, f"refusal left records: {where}")
            if first:
                # Sent again: the same outcome (an accepted one keeps its code,
                # a target its very answer).
                self.assertEqual(code >= 400, first[4] >= 400, where)
                if first[4] < 400:
                    self.assertEqual(code, first[4], where)
                if first[0] == "target":
                    self.assertEqual((code, text), first[4:6], where)
            else:
                sent.append((category, path, body, headers, code, text))
            if category == "held_resend":
                self.assertNotEqual(code, 200, where)
            if category in ("mutated", "held_resend") and code == 201:
                self.held.append(spec)
            if category == "target":
                self.assertEqual(code, 200, where)
                confirmed |= target
            self.assertEqual(
                self._confirmed(),
                confirmed,
                f"an order was confirmed by {where}\n{body.decode('utf-8', 'replace')[:3000]}",
            )
        elapsed = time.time() - started
        self._assert_nothing_half_made(confirmed)
        records = (
            self.env["oci.purchase.order"]
            .sudo()
            .search([("connection_id", "=", self.connection.id)])
        )
        refusals = self.env["oci.session"].sudo().search_count([("state", "=", "refused")])
        summary = (
            f"PO fuzz (seed {SEED}): {len(plan)} documents sent "
            f"{dict(sorted(categories.items()))}; answers {dict(sorted(histogram.items()))}; "
            f"5xx: 0; PO records {len(records)} {dict(Counter(records.mapped('state')))}; "
            f"orders created {self.env['sale.order'].sudo().search_count([]) - orders_before}, "
            f"confirmed {len(self._confirmed())} (the {TARGETS} targets, nothing else); "
            f"refused logins logged {refusals - refusals_before}; {elapsed:.0f} s"
        )
        _logger.info(summary)
        print(summary, file=sys.__stdout__, flush=True)  # pylint: disable=print-used

    def _assert_nothing_half_made(self, confirmed_targets):
        """Every PO record finished (answered, with its order and document),
        every order whole (lines, a PO record behind an order the intake
        made, a review flag only with a PO to review), only the targets
        confirmed, another customer's quotation untouched."""
        self.env.invalidate_all()
        Po = self.env["oci.purchase.order"].sudo()
        connections = self.connection | self.other_connection
        records = Po.search([("connection_id", "in", connections.ids)])
        for record in records:
            self.assertIn(
                record.state, ("confirmed", "review", "updated", "cancelled"), record.po_number
            )
            self.assertIn(record.status_code, (200, 201), record.po_number)
            self.assertTrue(record.message and record.order_id, record.po_number)
            self.assertTrue(record.attachment_id, record.po_number)
            if record.state == "review":
                self.assertTrue(record.order_id.oci_po_review, record.po_number)
        orders = (
            self.env["sale.order"].sudo().search([("oci_connection_id", "in", connections.ids)])
        )
        quotations = self.env["sale.order"].union(*self.targets, *self.decoys, self.other_quote)
        for order in orders:
            self.assertTrue(order.order_line, order.name)
            if order not in quotations:
                self.assertTrue(order.oci_po_ids, f"{order.name} made without a PO record")
            if order.oci_po_review:
                self.assertIn("review", order.oci_po_ids.mapped("state"), order.name)
        self.assertEqual(orders.filtered(lambda o: o.state == "sale"), confirmed_targets)
        self.assertEqual(len(confirmed_targets), TARGETS)
        self.assertEqual(set(confirmed_targets.mapped("client_order_ref")), self.target_numbers)
        self.assertFalse(self.other_quote.oci_po_ids, "another customer's quotation was touched")
