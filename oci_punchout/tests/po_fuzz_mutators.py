# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The mutators of test_po_fuzz's documents: sender-controlled noise, absurd
numbers, broken and hostile bodies, bad credentials (no TestCase here)."""

import base64

from lxml import etree

from .po_common import PO_IDENTITY, PO_SECRET

MAX_BYTES = 60_000

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


class PoFuzzMutators:
    """Mixin: the faulty variants of a document, drawn from ``self.rng``."""

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
