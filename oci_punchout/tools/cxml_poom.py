# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""cXML punchout, the cart half: the PunchOutOrderMessage (POOM) that the
buyer's browser carries to the BrowserFormPost URL. Nothing here imports Odoo.

- :func:`build_order_message` writes the POOM from plain data
  (:class:`PoomItem` lines), in the element order of the cXML DTD:
  ItemIn = ItemID, ItemDetail (UnitPrice, Description, UnitOfMeasure,
  Classification+, ManufacturerPartID?, ManufacturerName?, LeadTime?,
  Extrinsic*), ShipTo? (the line's recipient, with a courier note as
  ShippingInstructions), DateInfo* (the requested delivery date). An order message
  without ItemIn means "cancel". It never carries a SharedSecret: the document
  goes through the user's browser.
- :func:`form_fields` turns it into the hidden input of the auto-submit form:
  ``cxml-urlencoded`` (the XML itself; the browser urlencodes it) or
  ``cxml-base64`` (base64 of the UTF-8 bytes, safe for every character).
- Reading a posted form back (:func:`.cxml_poom_decode.decode_order_message`,
  for the buyer harness and the test buyer page) lives in
  :mod:`.cxml_poom_decode`.

Prices and quantities are written exactly as given (Decimal, str, int, or a
float by its shortest repr): never re-rounded, never in exponent notation.
"""

import base64
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal

from lxml import etree

from .cxml_document import (
    USER_AGENT,
    XML_LANG,
    Address,
    add_header,
    envelope,
    format_decimal,
    serialize,
    to_decimal,
    xml_lang,
)
from .cxml_elements import add_extrinsics, add_item_id, add_money, add_ship_to

ENCODINGS = ("cxml-urlencoded", "cxml-base64")
OPERATIONS_ALLOWED = ("create", "inspect", "edit")
_DATETIME_TZ = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$")


def _clean(value):
    return " ".join(str(value or "").split())


def delivery_datetime(value):
    """cXML datetime.tz of a requested delivery date. A bare date becomes
    noon UTC, which stays the same calendar day from UTC-11 to UTC+11."""
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return f"{value.isoformat()}T12:00:00+00:00"
    value = (value or "").strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        return delivery_datetime(date.fromisoformat(value))
    if value and not _DATETIME_TZ.match(value):
        raise ValueError(f"requested delivery date {value!r} is not an ISO date")
    return value


def ship_to_address(value):
    """An :class:`Address` (from an Address or a dict of its fields), its
    texts normalised like the reader's, or None."""
    if not value:
        return None
    if isinstance(value, dict):
        value = Address(**value)
    address = Address(
        address_id=_clean(value.address_id),
        name=_clean(value.name),
        deliver_to=tuple(_clean(v) for v in value.deliver_to if _clean(v)),
        street=tuple(_clean(v) for v in value.street if _clean(v)),
        city=_clean(value.city),
        postal_code=_clean(value.postal_code),
        country_code=_clean(value.country_code).upper(),
        instructions=str(value.instructions or "").replace("\r\n", "\n").strip(),
    )
    problems = [
        message
        for failed, message in (
            (not address.name, "a ShipTo needs a name"),
            (not address.street, "a ShipTo needs a street"),
            (not address.city, "a ShipTo needs a city"),
            (
                not re.match(r"^[A-Z]{2}$", address.country_code),
                "a ShipTo needs an ISO 3166 country code",
            ),
        )
        if failed
    ]
    if problems:
        raise ValueError(", ".join(problems))
    return address


@dataclass(frozen=True)
class PoomItem:
    """One ItemIn of the order message. ``classifications`` are
    (domain, value) pairs (UNSPSC, the customer's accounting code...), at
    least one (the DTD demands it); ``extrinsics`` are (name, value) pairs
    or a dict (greeting card text, branch...). Values are normalised on
    creation, so an item read back equals the item written."""

    supplier_part_id: str
    quantity: Decimal
    unit_price: Decimal
    description: str
    unit_of_measure: str
    classifications: tuple = ()
    supplier_part_auxiliary_id: str = ""
    short_name: str = ""
    manufacturer_part_id: str = ""
    manufacturer_name: str = ""
    lead_time: int | None = None
    requested_delivery_date: str = ""
    extrinsics: tuple = ()
    ship_to: Address | None = None

    def __post_init__(self):
        def put(name, value):
            object.__setattr__(self, name, value)

        for name in (
            "supplier_part_id",
            "description",
            "unit_of_measure",
            "supplier_part_auxiliary_id",
            "short_name",
            "manufacturer_part_id",
            "manufacturer_name",
        ):
            put(name, _clean(getattr(self, name)))
        put("quantity", to_decimal(self.quantity, "quantity"))
        put("unit_price", to_decimal(self.unit_price, "unit price"))
        put("classifications", tuple((_clean(d), _clean(v)) for d, v in self.classifications))
        extrinsics = self.extrinsics
        pairs = extrinsics.items() if isinstance(extrinsics, dict) else extrinsics
        # Extrinsic values keep their line breaks (a greeting card has lines).
        put(
            "extrinsics",
            tuple((_clean(n), str(v or "").replace("\r\n", "\n").strip()) for n, v in pairs),
        )
        put("requested_delivery_date", delivery_datetime(self.requested_delivery_date))
        put("ship_to", ship_to_address(self.ship_to))
        if self.lead_time not in (None, ""):
            put("lead_time", int(self.lead_time))
        else:
            put("lead_time", None)
        problems = [
            message
            for failed, message in (
                (not self.supplier_part_id, "no supplier part id"),
                (self.quantity <= 0, "quantity must be positive"),
                (not self.description, "no description"),
                (
                    not re.match(r"^[A-Za-z0-9]{1,3}$", self.unit_of_measure),
                    "unit of measure is not a UN/ECE code",
                ),
                (
                    not self.classifications or not all(d for d, _v in self.classifications),
                    "at least one Classification with a domain is required",
                ),
                (
                    self.lead_time is not None and self.lead_time < 0,
                    "lead time must be zero or more days",
                ),
                (any(not n for n, _v in self.extrinsics), "an Extrinsic without a name"),
            )
            if failed
        ]
        if problems:
            raise ValueError(f"item {self.supplier_part_id!r}: {', '.join(problems)}")


# ----------------------------------------------------------------------
# Building
# ----------------------------------------------------------------------
def build_order_message(
    buyer_cookie,
    items,
    currency,
    total,
    from_,
    to,
    sender=None,
    operation_allowed="edit",
    shipping=None,
    tax=None,
    lang="en",
    deployment_mode="production",
    in_reply_to="",
    user_agent=USER_AGENT,
    payload_domain=None,
):
    """The POOM (UTF-8 bytes). ``items``: PoomItem or dicts of its fields;
    ``shipping``/``tax``: (amount, description) or None; ``from_`` is the
    shop, ``to`` the buyer (the setup request's To and From); ``in_reply_to``
    the setup request's payloadID."""
    items = tuple(i if isinstance(i, PoomItem) else PoomItem(**i) for i in items)
    if not re.match(r"^[A-Z]{3}$", currency or ""):
        raise ValueError(f"currency {currency!r} is not an ISO 4217 code")
    if operation_allowed not in OPERATIONS_ALLOWED:
        raise ValueError(
            f"operationAllowed {operation_allowed!r} is not one of {', '.join(OPERATIONS_ALLOWED)}"
        )
    if not (buyer_cookie or "").strip():
        raise ValueError("the order message needs the BuyerCookie of the setup request")
    lang = xml_lang(lang)
    root = envelope(lang, payload_domain)
    add_header(root, from_, to, sender or from_, user_agent)
    message = etree.SubElement(root, "Message", deploymentMode=deployment_mode)
    if in_reply_to:
        message.set("inReplyTo", in_reply_to)
    poom = etree.SubElement(message, "PunchOutOrderMessage")
    etree.SubElement(poom, "BuyerCookie").text = buyer_cookie
    header = etree.SubElement(
        poom, "PunchOutOrderMessageHeader", operationAllowed=operation_allowed
    )
    add_money(etree.SubElement(header, "Total"), total, currency)
    for tag, charge in (("Shipping", shipping), ("Tax", tax)):
        if charge is not None:
            amount, description = charge
            node = etree.SubElement(header, tag)
            add_money(node, amount, currency)
            etree.SubElement(node, "Description", {XML_LANG: lang}).text = _clean(description)
    for index, item in enumerate(items, start=1):
        _add_item_in(poom, item, index, currency, lang)
    return serialize(root)


def build_cancel_message(buyer_cookie, currency, from_, to, **kwargs):
    """The empty order message: the user returns without a cart."""
    return build_order_message(buyer_cookie, (), currency, 0, from_, to, **kwargs)


def _add_item_in(poom, item, index, currency, lang):
    node = etree.SubElement(
        poom, "ItemIn", quantity=format_decimal(item.quantity), lineNumber=str(index)
    )
    add_item_id(node, item)
    detail = etree.SubElement(node, "ItemDetail")
    add_money(etree.SubElement(detail, "UnitPrice"), item.unit_price, currency)
    description = etree.SubElement(detail, "Description", {XML_LANG: lang})
    if item.short_name:
        etree.SubElement(description, "ShortName").text = item.short_name
        description[0].tail = item.description
    else:
        description.text = item.description
    etree.SubElement(detail, "UnitOfMeasure").text = item.unit_of_measure
    for domain, value in item.classifications:
        etree.SubElement(detail, "Classification", domain=domain).text = value
    if item.manufacturer_part_id:
        etree.SubElement(detail, "ManufacturerPartID").text = item.manufacturer_part_id
    if item.manufacturer_name:
        etree.SubElement(detail, "ManufacturerName", {XML_LANG: lang}).text = item.manufacturer_name
    if item.lead_time is not None:
        etree.SubElement(detail, "LeadTime").text = str(item.lead_time)
    add_extrinsics(detail, item.extrinsics)
    if item.ship_to:
        add_ship_to(node, item.ship_to, lang)
    if item.requested_delivery_date:
        etree.SubElement(
            node, "DateInfo", type="requestedDeliveryDate", date=item.requested_delivery_date
        )
    return node


def form_fields(xml, encoding="cxml-base64"):
    """[(field name, value)] of the hidden input carrying the POOM. The value
    is plain text: the form template attribute-escapes it, the browser
    urlencodes it (the form must be accept-charset UTF-8)."""
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    if encoding == "cxml-base64":
        return [(encoding, base64.b64encode(xml).decode("ascii"))]
    if encoding == "cxml-urlencoded":
        return [(encoding, xml.decode("utf-8"))]
    raise ValueError(f"unknown POOM encoding {encoding!r}; use one of {', '.join(ENCODINGS)}")
