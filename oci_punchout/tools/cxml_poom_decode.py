# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""cXML punchout, the buyer's end of the cart transfer (no Odoo imports):
:func:`decode_order_message` reads a posted form (``cxml-urlencoded`` or
``cxml-base64``) back into a :class:`PunchOutOrder` (buyer harness, test buyer
page), with the same hardened parser as every other cXML input. The order
message itself is written by :mod:`.cxml_poom`.
"""

import base64
import binascii
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .cxml import MAX_BYTES
from .cxml_document import MAX_ITEMS, MAX_LONG, MAX_QUANTITY, CxmlError, parse_document
from .cxml_elements import (
    attribute,
    children,
    description_text,
    item_detail,
    number,
    read_classifications,
    read_credentials,
    read_ship_to,
    text,
)
from .cxml_poom import ENCODINGS, OPERATIONS_ALLOWED, PoomItem

_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True)
class PunchOutOrder:
    """A decoded order message; ``carries_secret`` flags a SharedSecret (or
    CredentialMac) found in it, which a browser-borne document must not have."""

    payload_id: str
    timestamp: str
    buyer_cookie: str
    operation_allowed: str
    currency: str
    total: Decimal
    items: tuple = ()
    shipping: Decimal | None = None
    shipping_description: str = ""
    tax: Decimal | None = None
    tax_description: str = ""
    deployment_mode: str = "production"
    in_reply_to: str = ""
    from_credentials: tuple = ()
    to_credentials: tuple = ()
    sender_credentials: tuple = ()
    carries_secret: bool = False
    encoding: str = ""
    xml: bytes = field(default=b"", repr=False, compare=False)

    @property
    def is_cancel(self):
        return not self.items


# ----------------------------------------------------------------------
# Decoding a posted form
# ----------------------------------------------------------------------
def decode_order_message(form, max_bytes=MAX_BYTES):
    """The PunchOutOrder posted in ``form`` (a dict or (name, value) pairs,
    as parsed from the request body). CxmlError 400/413 when it holds no
    usable order message."""
    pairs = form.items() if hasattr(form, "items") else form
    found = [(n.lower(), v) for n, v in pairs if n.lower() in ENCODINGS]
    if len(found) != 1:
        raise CxmlError(
            400, "The form must carry exactly one cxml-urlencoded or cxml-base64 field."
        )
    encoding, value = found[0]
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if encoding == "cxml-base64":
        value = "".join(value.split())
        if len(value) > max_bytes * 4 // 3 + 4:
            raise CxmlError(413, f"The document is larger than {max_bytes} bytes.")
        try:
            data = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise CxmlError(400, "The cxml-base64 field is not valid base64.") from None
    else:
        # The browser decoded the form into text: whatever encoding the XML
        # declaration named, the text is now UTF-8.
        data = _DECLARATION.sub("", value, count=1).encode("utf-8")
    return read_order_message(parse_document(data, max_bytes), encoding, data)


def read_order_message(root, encoding="", data=b""):
    """A PunchOutOrder of a parsed cXML document."""
    header, message = root.find("Header"), root.find("Message")
    poom = message.find("PunchOutOrderMessage") if message is not None else None
    poom_header = poom.find("PunchOutOrderMessageHeader") if poom is not None else None
    total = poom_header.find("Total/Money") if poom_header is not None else None
    if header is None or total is None:
        raise CxmlError(400, "The cXML document holds no PunchOutOrderMessage with a Total.")
    operation = attribute(poom_header, "operationAllowed")
    if operation not in OPERATIONS_ALLOWED:
        raise CxmlError(
            400, "PunchOutOrderMessageHeader@operationAllowed must be create, inspect or edit."
        )
    currency = attribute(total, "currency")
    charges = {}
    for tag in ("Shipping", "Tax"):
        node = poom_header.find(tag)
        money = node.find("Money") if node is not None else None
        charges[tag] = (
            number(money.text, tag) if money is not None else None,
            description_text(node.find("Description")) if node is not None else "",
        )
    return PunchOutOrder(
        payload_id=attribute(root, "payloadID"),
        timestamp=attribute(root, "timestamp"),
        buyer_cookie=text(poom, "BuyerCookie", limit=MAX_LONG, exact=True),
        operation_allowed=operation,
        currency=currency,
        total=number(total.text, "Total"),
        items=tuple(_read_item_in(node, currency) for node in children(poom, "ItemIn", MAX_ITEMS)),
        shipping=charges["Shipping"][0],
        shipping_description=charges["Shipping"][1],
        tax=charges["Tax"][0],
        tax_description=charges["Tax"][1],
        deployment_mode=attribute(message, "deploymentMode") or "production",
        in_reply_to=attribute(message, "inReplyTo"),
        from_credentials=read_credentials(header, "From"),
        to_credentials=read_credentials(header, "To"),
        sender_credentials=read_credentials(header, "Sender"),
        carries_secret=any(node.tag in ("SharedSecret", "CredentialMac") for node in root.iter()),
        encoding=encoding,
        xml=data,
    )


def _read_item_in(node, currency):
    line = attribute(node, "lineNumber")[:10] or "?"
    what = f"ItemIn {line}"
    detail, money = item_detail(node)
    if money is None:
        raise CxmlError(400, f"{what} has no ItemDetail/UnitPrice.")
    if attribute(money, "currency") != currency:
        raise CxmlError(400, f"{what} is not in the currency of the Total.")
    description = detail.find("Description")
    lead_time = text(detail, "LeadTime", what=f"{what} LeadTime")
    if lead_time and not lead_time.isdecimal():
        raise CxmlError(400, f"{what} LeadTime is not a number of days.")
    dates = [
        n.get("date") for n in node.findall("DateInfo") if n.get("type") == "requestedDeliveryDate"
    ]
    try:
        return PoomItem(
            supplier_part_id=text(node, "ItemID/SupplierPartID", what=f"{what} SupplierPartID"),
            supplier_part_auxiliary_id=text(node, "ItemID/SupplierPartAuxiliaryID", MAX_LONG),
            quantity=number(
                node.get("quantity"), f"{what} quantity", positive=True, maximum=MAX_QUANTITY
            ),
            unit_price=number(money.text, f"{what} unit price"),
            description=description_text(description),
            short_name=text(description, "ShortName", what=f"{what} ShortName"),
            unit_of_measure=text(detail, "UnitOfMeasure", what=f"{what} UnitOfMeasure"),
            classifications=read_classifications(detail),
            manufacturer_part_id=text(detail, "ManufacturerPartID"),
            manufacturer_name=text(detail, "ManufacturerName"),
            lead_time=int(lead_time) if lead_time else None,
            requested_delivery_date=(dates[0] or "").strip() if dates else "",
            ship_to=read_ship_to(node.find("ShipTo")),
            extrinsics=tuple(
                (attribute(e, "name"), text(e, limit=MAX_LONG, what="Extrinsic", exact=True))
                for e in children(detail, "Extrinsic")
            ),
        )
    except ValueError as exc:
        raise CxmlError(400, f"{what}: {exc}.") from None
