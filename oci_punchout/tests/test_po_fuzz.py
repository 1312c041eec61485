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

import base64
import importlib.util
import json
import logging
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

from lxml import etree
from passlib.context import CryptContext

from odoo.tests import HttpCase, tagged

from .po_common import PO_IDENTITY, PO_SECRET, PoCommon

_logger = logging.getLogger(__name__)

PO_SENDER = Path(__file__).resolve().parents[2] / "tests" / "buyer" / "po_sender.py"
po_sender = None
if PO_SENDER.exists():  # the buyer's PO library (absent when the addon ships alone)
    _spec = importlib.util.spec_from_file_location("po_sender", PO_SENDER)
    po_sender = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(po_sender)

COUNT = int(os.environ.get("OCI_PO_FUZZ_COUNT", "2000"))
SEED = int(os.environ.get("OCI_PO_FUZZ_SEED", "20260508"))
CHEAP_CRYPT = CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=1000)
MAX_BYTES = 60_000
TARGETS = 8  # quotations whose untouched PO is sent (half cXML, half UBL)
DECOYS = 6  # open quotations only faulty documents name

# Text a sender controls that must never come back unescaped.
MARKERS = [
    '<script>alert("fz")</script>',
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE sale_order; --",
    "<![CDATA[x]]>",
]
NOISE_TEXT = MARKERS + [
    "é✓𝄞 Łódź",
    "A" * 3000,
    "%s %(x)s {0} ${jndi:ldap://x}",
    "../../etc/passwd",
]
ABSURD = [
    "1E+400",
    "Infinity",
    "-Infinity",
    "NaN",
    "1e308",
    "-1e308",
    "9" * 40,
    "-3",
    "1e-400",
    "0x1F",
    "1_000",
    "12,5",
    "",
    " ",
    "+-1",
    "1e99999",
    "١٢",
]
XXE = b'<?xml version="1.0"?>\n<!DOCTYPE cXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>\n"
)
CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"


@tagged("post_install", "-at_install")
class TestPoFuzzHttp(PoCommon, HttpCase):
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

    # ------------------------------------------------------------------
    # Documents
    # ------------------------------------------------------------------
    def _spec(self, order, channel):
        self.serial += 1
        return {
            "channel": channel,
            "po": f"FZ-{self.serial}",
            "payload": f"fz-{SEED}-{self.serial}@srm.example",
            "uuid": f"fz-uuid-{SEED}-{self.serial}",
            "type": "new",
            "identity": PO_IDENTITY,
            "secret": PO_SECRET,
            "domain": "NetworkID",
            "code": self.connection.code,
            "ship_to": {
                "address_id": "NOORD",
                "name": "Locatie Noord",
                "street": "Noordweg 1",
                "zip": "3511 AA",
                "city": "Utrecht",
            },
            "items": [
                {
                    "VENDORMAT": sol.product_id.default_code,
                    "QUANTITY": f"{sol.product_uom_qty:g}",
                    "PRICE": f"{sol.price_reduce_taxexcl:.2f}",
                    "CURRENCY": order.currency_id.name,
                    "EXT_QUOTE_ID": order.name,
                    "EXT_QUOTE_ITEM": str(sol.id),
                    "DESCRIPTION": sol.product_id.name,
                    "UNIT": "C62",
                }
                for sol in order.order_line
            ],
        }

    def _build(self, spec):
        """(body, headers, path) of a document spec."""
        if spec["channel"] == "cxml":
            body = po_sender.build_cxml_order(
                spec["items"],
                spec["po"],
                spec["payload"],
                spec["identity"],
                spec["secret"],
                ship_to=spec["ship_to"],
                order_type=spec["type"],
                domain=spec["domain"],
                cost_center="KP-FZ",
                delivery_date="2026-06-12",
            )
            return body, {"Content-Type": "text/xml"}, f"/oci/{spec['code']}/po/cxml"
        body = po_sender.build_ubl_order(
            spec["items"],
            spec["po"],
            buyer_name="Zorggroep Test",
            ship_to=spec["ship_to"],
            cost_center="KP-FZ",
            delivery_date="2026-06-12",
            document_uuid=spec["uuid"],
        )
        auth = spec.get("auth")
        if auth is None:
            token = base64.b64encode(f"{spec['identity']}:{spec['secret']}".encode()).decode()
            auth = f"Basic {token}"
        headers = {"Content-Type": "application/xml"}
        if auth:
            headers["Authorization"] = auth
        return body, headers, f"/oci/{spec['code']}/po/ubl"

    # Faults that make a document one no order may be confirmed with.
    def _fault(self, spec):  # noqa: C901 -- one branch per kind of fault
        rng = self.rng
        items = spec["items"]
        kinds = [
            "qty",
            "price",
            "product",
            "remove_line",
            "add_line",
            "currency",
            "ship_to",
            "quote_ref",
        ]
        if spec["channel"] == "cxml":
            kinds.append("type")
        kind = rng.choice(kinds)
        line = rng.choice(items)
        if kind == "qty":
            line["QUANTITY"] = str(
                rng.choice([q for q in range(1, 51) if str(q) != line["QUANTITY"]])
            )
        elif kind == "price":
            line["PRICE"] = rng.choice([f"{float(line['PRICE']) * 3 + 5:.2f}", "0.01", "0"])
        elif kind == "product":
            line["VENDORMAT"] = rng.choice(
                [self.product_fruit.default_code, "NOPE-404", rng.choice(MARKERS)]
            )
            if line["VENDORMAT"] != self.product_fruit.default_code:
                # (with the quotation line or the product's name given, the
                # product would be found by them)
                line["EXT_QUOTE_ITEM"] = ""
                line["DESCRIPTION"] = rng.choice(["No such item", rng.choice(MARKERS)])
        elif kind == "remove_line":
            items.remove(line)
            if not items:
                items.append(dict(line, QUANTITY="7"))
        elif kind == "add_line":
            items.append(
                dict(
                    line, VENDORMAT=self.product_fruit.default_code, QUANTITY="2", EXT_QUOTE_ITEM=""
                )
            )
        elif kind == "currency":
            other = "EUR" if self.currency.name != "EUR" else "USD"
            for item in items:
                item["CURRENCY"] = rng.choice([other, "XXX", "E<R"])
        elif kind == "ship_to":
            spec["ship_to"] = rng.choice(
                [
                    {
                        "address_id": "ZUID",
                        "name": "Ander Zuid",
                        "street": "Elders 9",
                        "zip": "9999 ZZ",
                    },
                    {"address_id": rng.choice(MARKERS), "name": rng.choice(MARKERS), "zip": "1"},
                ]
            )
        elif kind == "type":
            spec["type"] = rng.choice(["update", "delete", "cancel", rng.choice(MARKERS)])
        elif kind == "quote_ref":
            name = rng.choice(
                [self.other_quote.name, "S99999", rng.choice(MARKERS)]
                + [t.name for t in self.targets if t.state == "sale"]
            )
            for item in items:
                item["EXT_QUOTE_ID"] = name
        if rng.random() < 0.25:
            # And another document's PO number: a change, a twin, a new version
            # (never a target's: their orders only ever see their own PO).
            if self.held and rng.random() < 0.7:
                spec["po"] = rng.choice(self.held)["po"]
            else:
                number = f"FZ-{rng.randint(1, max(self.serial, 1))}"
                if number not in self.target_numbers:
                    spec["po"] = number
            if spec["channel"] == "cxml" and spec["type"] == "new":
                spec["type"] = rng.choice(["new", "update"])
        return kind

    def _noise(self, root):
        """Sender-controlled text that must come back escaped (tree edit)."""
        rng = self.rng
        nodes = [node for node in root.iter() if isinstance(node.tag, str)]
        for _i in range(rng.randint(1, 3)):
            node = rng.choice(nodes)
            text = rng.choice(NOISE_TEXT)
            if node.attrib and rng.random() < 0.5:
                name = rng.choice(sorted(node.attrib))
                if name not in ("quantity", "currency", "currencyID"):
                    node.set(name, text)
            elif len(node) == 0 and not etree.QName(node).localname.endswith(
                ("Amount", "Quantity", "Money")
            ):
                node.text = text
            else:
                etree.SubElement(node, "FuzzExtra").text = text

    def _absurd(self, root, channel):
        rng = self.rng
        value = rng.choice(ABSURD)
        if channel == "cxml":
            spots = [(item, "quantity") for item in root.iter("ItemOut")]
            spots += [(money, None) for money in root.iter("Money")]
        else:
            spots = [
                (node, None)
                for node in root.iter(
                    f"{CBC}Quantity", f"{CBC}PriceAmount", f"{CBC}LineExtensionAmount"
                )
            ]
            price = next(root.iter(f"{CAC}Price"))
            spots.append((etree.SubElement(price, f"{CBC}BaseQuantity"), None))
        node, attribute = rng.choice(spots)
        if attribute:
            node.set(attribute, value)
        else:
            node.text = value
        return value

    def _broken(self, body):
        """(body, surely refused): a flipped byte may leave a well-formed
        document (the spec behind it has a fault, so it can never confirm)."""
        rng = self.rng
        kind = rng.choice(
            ["truncate", "flip", "insert", "garbage", "empty", "json", "tags", "nul", "latin1"]
        )
        if kind == "truncate":
            return body[: rng.randint(0, len(body) - 1)], True
        if kind == "flip":
            data = bytearray(body)
            for _i in range(rng.randint(1, 20)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            return bytes(data), False
        if kind == "insert":
            at = rng.randrange(body.index(b"<", 5), len(body))
            return body[:at] + rng.choice([b"<", b"&", b"\xff\xfe", b"]]>", b"<!--"]) + body[
                at:
            ], False
        if kind == "garbage":
            return bytes(rng.randrange(256) for _i in range(rng.randint(1, 400))), True
        if kind == "empty":
            return rng.choice([b"", b" ", b"\n\n", b"\xef\xbb\xbf"]), True
        if kind == "json":
            return b'{"orderID": "FZ", "lines": []}', True
        if kind == "tags":
            return body.replace(b"</", b"<", rng.randint(1, 5)), True
        if kind == "nul":
            at = rng.randrange(len(body))
            return body[:at] + b"\x00" + body[at:], True
        return body.replace(b"KP-FZ", "KP-FZ é".encode("latin-1")), True

    def _hostile(self, body, channel):
        """(body, surely refused) of a hostile variant of a document."""
        rng = self.rng
        root_tag = b"cXML" if channel == "cxml" else b"Order"
        without_decl = body.split(b"?>", 1)[1] if body.startswith(b"<?xml") else body
        without_doctype = without_decl
        if without_decl.lstrip().startswith(b"<!DOCTYPE"):
            without_doctype = without_decl.split(b">", 1)[1]
        kind = rng.choice(
            [
                "xxe",
                "laughs",
                "external_dtd",
                "parameter",
                "cxml_subset",
                "deep",
                "huge",
                "utf16",
                "xinclude",
                "entity_ref",
            ]
        )
        if kind == "xxe":
            return XXE + without_doctype.replace(b"KP-FZ", b"&xxe;", 1), True
        if kind == "laughs":
            return LAUGHS + without_doctype.replace(b"KP-FZ", b"&lol9;", 1), True
        if kind == "external_dtd":
            url = rng.choice(
                [
                    b"http://127.0.0.1:1/x.dtd",
                    b"file:///etc/passwd",
                    b"http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd",
                ]
            )
            # The bare public cXML DTD is what every hub sends: accepted, never loaded.
            official = root_tag == b"cXML" and url.startswith(b"http://xml.cxml.org/")
            return (
                b'<?xml version="1.0"?><!DOCTYPE '
                + root_tag
                + b' SYSTEM "'
                + url
                + b'">'
                + without_doctype
            ), not official
        if kind == "parameter":
            return (
                b'<?xml version="1.0"?><!DOCTYPE ' + root_tag + b" [<!ENTITY % p SYSTEM "
                b'"http://127.0.0.1:1/p.dtd"> %p;]>' + without_doctype
            ), True
        if kind == "cxml_subset":
            return (
                b'<?xml version="1.0"?><!DOCTYPE cXML SYSTEM '
                b'"http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd" [<!ELEMENT x ANY>]>'
                + without_doctype
            ), True
        if kind == "deep":
            depth = rng.choice([300, 3000])
            return without_doctype.replace(
                b"KP-FZ", b"<d>" * depth + b"x" + b"</d>" * depth, 1
            ), True
        if kind == "huge":
            pad = rng.choice([b"<!-- " + b"x" * MAX_BYTES + b" -->", b" " * MAX_BYTES])
            return body + pad, True
        if kind == "utf16":
            # Another encoding of the same document: well-formed, read as such.
            return body.decode("utf-8").encode(rng.choice(["utf-16", "utf-32"])), False
        if kind == "xinclude":
            # Never processed: an unknown element where the cost center was.
            return without_doctype.replace(
                b"KP-FZ",
                b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                b'href="file:///etc/passwd" parse="text"/>',
                1,
            ), False
        return without_doctype.replace(b"KP-FZ", b"&amp;&#0;&#xD800;&bogus;", 1), True

    def _bad_auth(self, spec):
        rng = self.rng
        if spec["channel"] == "cxml":
            kind = rng.choice(["secret", "identity", "domain", "empty", "other", "code"])
            if kind == "secret":
                spec["secret"] = rng.choice(
                    ["wrong", PO_SECRET[:-1], PO_SECRET.upper(), "", rng.choice(MARKERS)]
                )
            elif kind == "identity":
                spec["identity"] = rng.choice(["AN-NOBODY", "", rng.choice(MARKERS)])
            elif kind == "domain":
                spec["domain"] = "DUNS"
            elif kind == "empty":
                spec["identity"] = spec["secret"] = ""
            elif kind == "other":
                spec["identity"], spec["secret"] = "AN-OTHER", "other-secret"
            else:
                spec["code"] = rng.choice([self.other_connection.code, "no-such-shop"])
            return f"cxml-{kind}"
        kind = rng.choice(["missing", "scheme", "base64", "secret", "other", "colon", "code"])
        token = base64.b64encode
        spec["auth"] = {
            "missing": "",
            "scheme": f"Bearer {PO_SECRET}",
            "base64": "Basic !!not-base64!!",
            "secret": "Basic " + token(f"{PO_IDENTITY}:nope".encode()).decode(),
            "other": "Basic " + token(b"AN-OTHER:other-secret").decode(),
            "colon": "Basic " + token(b":").decode(),
            "code": None,
        }[kind]
        if kind == "code":
            spec["code"] = rng.choice([self.other_connection.code, "no-such-shop"])
        return f"ubl-{kind}"

    def _plan(self):
        """The categories of COUNT documents, in sending order (deterministic
        for SEED); a target's untouched PO is ("target", index)."""
        rng = self.rng
        weights = {
            "mutated": 34,
            "held_resend": 5,
            "broken": 13,
            "hostile": 13,
            "absurd": 14,
            "auth": 11,
            "duplicate": 10,
        }
        categories = rng.choices(list(weights), weights=list(weights.values()), k=COUNT - TARGETS)
        positions = sorted(rng.sample(range(COUNT), TARGETS))
        for index, position in enumerate(positions):
            categories.insert(position, ("target", index))
        return categories

    # ------------------------------------------------------------------
    # Sending and checking
    # ------------------------------------------------------------------
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

    def _document(self, category):
        """(spec, body, headers, path, surely refused) of a new document."""
        rng = self.rng
        channel = rng.choice(["cxml", "ubl"])
        bases = self.decoys + self.targets if category == "auth" else self.decoys
        spec = self._spec(rng.choice(bases), channel)
        refused = category in ("absurd", "auth")
        if category == "held_resend" and self.held:
            spec = json.loads(json.dumps(rng.choice(self.held)))
            self.serial += 1
            spec["payload"] = f"fz-{SEED}-{self.serial}@srm.example"
            spec["uuid"] = f"fz-uuid-{SEED}-{self.serial}"
            if spec["channel"] == "cxml":
                spec["type"] = "update"
        elif category == "auth":
            self._bad_auth(spec)
        elif category != "absurd":
            # Every other document has a fault: none may confirm an order.
            for _i in range(rng.choice([1, 1, 2])):
                self._fault(spec)
        body, headers, path = self._build(spec)
        if category == "absurd" or (category in ("mutated", "auth") and rng.random() < 0.5):
            tree = etree.fromstring(
                body, etree.XMLParser(resolve_entities=False, no_network=True)
            ).getroottree()
            if category == "absurd":
                self._absurd(tree.getroot(), spec["channel"])
            else:
                self._noise(tree.getroot())
            body = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
        if category == "broken":
            body, refused = self._broken(body)
        elif category == "hostile":
            body, refused = self._hostile(body, spec["channel"])
        return spec, body, headers, path, refused

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
