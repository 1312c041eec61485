# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hardened XML parsing and cXML OrderRequest extraction.

Nothing here imports Odoo: the functions turn untrusted bytes into a
:class:`~.po_document.PoDocument` (or raise :class:`PoDocumentError` with a
status code and a readable text), and build the cXML Response. Matching and
checking live in the ``oci.po.*`` models.

Parsing rules (XXE, billion laughs, network access):
- the body must not exceed ``max_bytes``;
- no entity declarations, no internal DTD subset, no DTD loading, no
  network access, no entity resolution;
- a DOCTYPE is refused, except the bare public cXML DTD reference
  (``<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/<v>/cXML.dtd">``)
  that Ariba, Coupa and every hub put in front of a cXML document; it is
  never loaded.
"""

import re
import secrets
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation

from lxml import etree

from ..const import PO_MAX_AMOUNT as MAX_AMOUNT
from ..const import PO_MAX_BYTES as MAX_BYTES
from ..const import PO_MAX_DECIMALS as MAX_DECIMALS
from ..const import PO_MAX_QUANTITY as MAX_QUANTITY
from ..const import PO_MAX_RECORD_ID as MAX_RECORD_ID
from ..const import PO_ORDER_TYPES as ORDER_TYPES
from ..exceptions import PoDocumentError  # noqa: F401 (callers import it from here too)
from .po_document import PoDocument, PoLine

CXML_VERSION = "1.2.014"
CXML_DTD = f"http://xml.cxml.org/schemas/cXML/{CXML_VERSION}/cXML.dtd"
_CXML_DOCTYPE = re.compile(
    r'^<!DOCTYPE cXML SYSTEM "http://xml\.cxml\.org/schemas/cXML/[0-9.]{1,12}/cXML\.dtd">$'
)
# A plain decimal number as XML Schema writes it (optional exponent): no
# Infinity, NaN, hexadecimal, underscores or decimal commas.
_DECIMAL = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?$")
# Characters XML 1.0 cannot carry (NUL and most control characters).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _parser():
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data, max_bytes=MAX_BYTES, allow_cxml_doctype=False):
    """Parse untrusted XML bytes with the hardened parser; return the root
    element. Raises PoDocumentError (413 too big, 400 malformed/DOCTYPE)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data or not data.strip():
        raise PoDocumentError(400, "The request body is empty.")
    if len(data) > max_bytes:
        raise PoDocumentError(413, f"The document is larger than {max_bytes} bytes.")
    # Refuse entity declarations before the parser even sees them (also
    # catches UTF-16 documents by looking at the decoded text below).
    if b"<!ENTITY" in data or b"<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y" in data:
        raise PoDocumentError(400, "XML entity declarations are not accepted.")
    try:
        root = etree.fromstring(data, parser=_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        # The parser's own words, without its source name, kept short.
        detail = " ".join(str(getattr(exc, "msg", None) or exc).split()).rstrip(".")
        if len(detail) > 200:
            detail = detail[:200] + "..."
        raise PoDocumentError(400, f"The document is not well-formed XML: {detail}.") from exc
    if root is None:
        raise PoDocumentError(400, "The document is not well-formed XML.")
    docinfo = root.getroottree().docinfo
    internal = docinfo.internalDTD
    if (
        internal is not None
        and (list(internal.iterelements()) or list(internal.entities()))
        or re.search(rb"<!DOCTYPE[^>]*\[", data)
    ):
        raise PoDocumentError(400, "A DOCTYPE with an internal subset is not accepted.")
    doctype = (docinfo.doctype or "").strip()
    if doctype and not (allow_cxml_doctype and _CXML_DOCTYPE.match(doctype)):
        raise PoDocumentError(400, "A DOCTYPE declaration is not accepted.")
    for node in root.iter():
        if not isinstance(node.tag, str):  # entity references and the like
            raise PoDocumentError(400, "XML entity references are not accepted.")
    return root


# ----------------------------------------------------------------------
# cXML OrderRequest -> dict
# ----------------------------------------------------------------------
def _text(node, path):
    if node is None:
        return ""
    found = node.find(path)
    if found is None:
        return ""
    return " ".join("".join(found.itertext()).split())


def shown(value, size=40):
    """A sender's value quoted in an answer: shortened, as a Python literal
    (control characters escaped). Channels escape it for their format."""
    value = str(value if value is not None else "")
    if len(value) > size:
        value = value[:size] + "..."
    return repr(value)


def parse_number(value, what, minimum=None, maximum=MAX_AMOUNT, positive=False):
    """A number of a PO document (quantity, price, amount) as a float, or
    PoDocumentError(400): only plain decimals, finite, at most MAX_DECIMALS
    decimals and within [minimum, maximum] (``positive``: above zero)."""
    text = (value or "").strip()
    if not _DECIMAL.match(text):
        raise PoDocumentError(400, f"{what} is not a number: {shown(value)}.")
    if len(text) > 64:
        raise PoDocumentError(400, f"{what} is out of range: {shown(value)}.")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the pattern guards it
        raise PoDocumentError(400, f"{what} is not a number: {shown(value)}.") from exc
    if number and number.normalize().as_tuple().exponent < -MAX_DECIMALS:
        raise PoDocumentError(400, f"{what} has more than {MAX_DECIMALS} decimals: {shown(value)}.")
    if positive and number <= 0:
        raise PoDocumentError(400, f"{what} must be greater than zero: {shown(value)}.")
    if minimum == 0 and number < 0:
        raise PoDocumentError(400, f"{what} must not be negative: {shown(value)}.")
    if (minimum is not None and number < minimum) or abs(number) > maximum:
        raise PoDocumentError(400, f"{what} is out of range: {shown(value)} (at most {maximum:,}).")
    return float(number)


def _number(value, what):
    return parse_number(value, what)


def record_id(value):
    """A database id named by the sender (quotation line, address, product)
    as an int, or None when it cannot be one (not digits, beyond range)."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 10:
        return None
    number = int(value)
    return number if 0 < number <= MAX_RECORD_ID else None


def iso_date(value, what="A date"):
    """The date part (YYYY-MM-DD) of an ISO date or timestamp; None when
    the value is absent or not in that form, PoDocumentError(400) when it
    has that form but names no possible day."""
    value = (value or "").strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError as exc:
        raise PoDocumentError(400, f"{what} is not a valid date: {shown(value)}.") from exc
    if not 1900 <= day.year <= 2999:
        raise PoDocumentError(400, f"{what} is not a plausible date: {shown(value)}.")
    return value[:10]


def _date(value, what="A date"):
    """The date part of a cXML timestamp (2026-05-04T10:00:00+02:00)."""
    return iso_date(value, what)


def _address(node):
    """Plain dict of a cXML ShipTo/BillTo."""
    if node is None:
        return {}
    address = node.find("Address")
    if address is None:
        return {}
    postal = address.find("PostalAddress")
    country = postal.find("Country") if postal is not None else None
    return {
        "address_id": (address.get("addressID") or "").strip(),
        "name": _text(address, "Name"),
        "deliver_to": _text(postal, "DeliverTo"),
        "street": _text(postal, "Street"),
        "city": _text(postal, "City"),
        "zip": _text(postal, "PostalCode"),
        "country": (country.get("isoCountryCode") or "").strip() if country is not None else "",
        "email": _text(address, "Email"),
    }


def _credential(node):
    credential = node.find("Credential") if node is not None else None
    if credential is None:
        return {"domain": "", "identity": "", "secret": ""}
    return {
        "domain": (credential.get("domain") or "").strip(),
        "identity": _text(credential, "Identity"),
        "secret": "".join(credential.findtext("SharedSecret") or "").strip(),
    }


def _extrinsics(node):
    return (
        {
            (extrinsic.get("name") or "").strip(): " ".join("".join(extrinsic.itertext()).split())
            for extrinsic in node.findall("Extrinsic")
        }
        if node is not None
        else {}
    )


def split_aux_id(value):
    """SupplierPartAuxiliaryID as (quote name, quote line id). We send
    ``<EXT_QUOTE_ID>/<EXT_QUOTE_ITEM>``; a bare number is a line id, a bare
    word a quotation name."""
    value = (value or "").strip()
    if not value:
        return None, None
    for sep in ("/", ":", "#"):
        if sep in value:
            quote, _sep, item = value.rpartition(sep)
            return quote.strip() or None, item.strip() if record_id(item) else None
    if record_id(value):
        return None, value
    return value, None


def extract_order_request(root):
    """A parsed cXML document -> the OrderRequest as a PoDocument. Raises
    PoDocumentError (400) when it is not a usable OrderRequest."""
    if root.tag != "cXML":
        raise PoDocumentError(400, "The document is not a cXML document.")
    header = root.find("Header")
    request = root.find("Request")
    order_request = request.find("OrderRequest") if request is not None else None
    if header is None or order_request is None:
        raise PoDocumentError(400, "The cXML document holds no OrderRequest.")
    order_header = order_request.find("OrderRequestHeader")
    if order_header is None:
        raise PoDocumentError(400, "The OrderRequest has no OrderRequestHeader.")
    po_number = (order_header.get("orderID") or "").strip()
    if not po_number:
        raise PoDocumentError(400, "The OrderRequestHeader has no orderID (PO number).")
    if len(po_number) > 64:
        raise PoDocumentError(400, "The orderID (PO number) is longer than 64 characters.")
    order_type = (order_header.get("type") or "new").strip().lower()
    if order_type not in ORDER_TYPES:
        raise PoDocumentError(400, f"Unknown OrderRequest type {shown(order_type)}.")
    payload_id = (root.get("payloadID") or "").strip()
    if not payload_id:
        raise PoDocumentError(400, "The cXML document has no payloadID.")
    if len(payload_id) > 255:
        raise PoDocumentError(400, "The payloadID is longer than 255 characters.")
    total = order_header.find("Total/Money")
    extrinsics = _extrinsics(order_header)
    supplier_info = order_header.find("SupplierOrderInfo")
    quote_refs = []
    for value in (
        supplier_info.get("orderID") if supplier_info is not None else None,
        extrinsics.get("EXT_QUOTE_ID"),
        extrinsics.get("QuoteID"),
    ):
        if value and value.strip() and value.strip() not in quote_refs:
            quote_refs.append(value.strip())
    orderer_email = ""
    for contact in order_header.findall("Contact"):
        if (contact.get("role") or "endUser") in ("endUser", "buyer", "requester"):
            orderer_email = _text(contact, "Email")
            if orderer_email:
                break
    lines = []
    for index, item in enumerate(order_request.findall("ItemOut"), start=1):
        line_ref = (item.get("lineNumber") or str(index)).strip()[:32]
        quantity = parse_number(
            item.get("quantity"),
            f"Line {line_ref}: quantity",
            maximum=MAX_QUANTITY,
            positive=True,
        )
        detail = item.find("ItemDetail")
        money = detail.find("UnitPrice/Money") if detail is not None else None
        aux = _text(item, "ItemID/SupplierPartAuxiliaryID")
        quote_name, quote_item = split_aux_id(aux)
        lines.append(
            PoLine(
                line_ref=line_ref,
                quantity=quantity,
                supplier_part_id=_text(item, "ItemID/SupplierPartID"),
                aux_id=aux,
                quote_name=quote_name,
                quote_item=quote_item,
                unit_price=_number(money.text, f"Line {line_ref}: unit price")
                if money is not None
                else None,
                currency=(money.get("currency") or "").strip() if money is not None else "",
                uom=_text(detail, "UnitOfMeasure"),
                description=_text(detail, "Description"),
                delivery_date=_date(
                    item.get("requestedDeliveryDate"),
                    f"Line {line_ref}: the requested delivery date",
                ),
                cost_center=_extrinsics(detail).get("CostCenter", "") if detail is not None else "",
                ship_to=_address(item.find("ShipTo")),
            )
        )
    line_dates = [line.delivery_date for line in lines if line.delivery_date]
    return PoDocument(
        channel="cxml",
        payload_id=payload_id,
        timestamp=(root.get("timestamp") or "").strip(),
        credentials_from=_credential(header.find("From")),
        credentials_sender=_credential(header.find("Sender")),
        po_number=po_number,
        order_type=order_type,
        version=(order_header.get("orderVersion") or "").strip(),
        order_date=_date(order_header.get("orderDate"), "The order date"),
        currency=(total.get("currency") or "").strip() if total is not None else "",
        total=parse_number(total.text, "Total", minimum=0) if total is not None else None,
        quote_refs=quote_refs,
        ship_to=_address(order_header.find("ShipTo")),
        delivery_date=_date(
            order_header.get("requestedDeliveryDate"), "The requested delivery date"
        )
        or (min(line_dates) if line_dates else None),
        cost_center=extrinsics.get("CostCenter") or extrinsics.get("costCenter") or "",
        comments=_text(order_header, "Comments"),
        orderer_email=orderer_email,
        lines=lines,
    )


# ----------------------------------------------------------------------
# cXML Response
# ----------------------------------------------------------------------
def new_payload_id(domain="odoo"):
    return f"{datetime.now(timezone.utc):%Y%m%d%H%M%S}.{secrets.token_hex(8)}@{domain}"


def cxml_response(code, text, detail="", payload_id=None):
    """The cXML Response document (bytes) answering a request."""
    root = etree.Element("cXML")
    root.set("payloadID", payload_id or new_payload_id())
    root.set("timestamp", datetime.now(timezone.utc).replace(microsecond=0).isoformat())
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en-US")
    response = etree.SubElement(root, "Response")
    status = etree.SubElement(response, "Status")
    status.set("code", str(code))
    status.set("text", _NOT_XML.sub("", text))
    if detail:
        status.text = _NOT_XML.sub("", detail)
    body = etree.tostring(root, encoding="UTF-8")
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + f'<!DOCTYPE cXML SYSTEM "{CXML_DTD}">\n'.encode()
        + body
    )


def status_text(code):
    return {
        200: "OK",
        201: "Accepted",
        400: "Bad Request",
        401: "Unauthorized",
        403: "Forbidden",
        404: "Not Found",
        406: "Not Acceptable",
        409: "Conflict",
        413: "Request Entity Too Large",
        429: "Too Many Requests",
        500: "Internal Server Error",
    }.get(code, "Error")
