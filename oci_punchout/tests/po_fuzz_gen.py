# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The seeded document generator of test_po_fuzz: purchase-order specs, their
cXML/UBL bodies, the faults and the sending plan (the mutators are in
po_fuzz_mutators.py; no TestCase here)."""

import base64
import importlib.util
import json
import os
from pathlib import Path

from lxml import etree
from passlib.context import CryptContext

from .po_common import PO_IDENTITY, PO_SECRET
from .po_fuzz_mutators import MARKERS, PoFuzzMutators

PO_SENDER = Path(__file__).resolve().parents[2] / "tests" / "buyer" / "po_sender.py"
po_sender = None
if PO_SENDER.exists():  # the buyer's PO library (absent when the addon ships alone)
    _spec = importlib.util.spec_from_file_location("po_sender", PO_SENDER)
    po_sender = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(po_sender)

COUNT = int(os.environ.get("OCI_PO_FUZZ_COUNT", "2000"))
SEED = int(os.environ.get("OCI_PO_FUZZ_SEED", "20260508"))
CHEAP_CRYPT = CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=1000)
TARGETS = 8  # quotations whose untouched PO is sent (half cXML, half UBL)
DECOYS = 6  # open quotations only faulty documents name


class PoFuzzGenerator(PoFuzzMutators):
    """Mixin of the fuzz test: builds documents from ``self.rng`` and the
    quotations, connections and products the test sets up."""

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
