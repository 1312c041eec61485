# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Purchase order sender: plays the customer's procurement system after
approval. Builds a cXML 1.2 OrderRequest or a Peppol BIS Ordering 3 UBL Order
from a transferred OCI cart (the parsed NEW_ITEM fields, one dict per item
keyed by field name: DESCRIPTION, QUANTITY, PRICE, CURRENCY, UNIT, VENDORMAT,
EXT_PRODUCT_ID, EXT_QUOTE_ID, EXT_QUOTE_ITEM ...) and posts it.

Does not import Odoo. API::

    xml = build_cxml_order(items, "4500012345", "pay-1@srm", "AN0100", "secret")
    http_status, cxml_code, text = post_cxml("http://localhost:8069", "zorgtest", xml)

    xml = build_ubl_order(items, "PO-1", buyer_name="Zorggroep Test")
    http_status, code, text = post_ubl(base_url, code, xml, identity, secret)

CLI: python3 tests/buyer/po_sender.py --shop URL --code CODE --identity ID
     --secret S --po 4500012345 --item TT-SLAG:2:32.50:S00012:57 [--ubl]
"""

import argparse
import sys
import uuid
from datetime import datetime, timezone

import requests
from lxml import etree

CXML_DTD = "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd"
UBL_NS = {
    None: "urn:oasis:names:specification:ubl:schema:xsd:Order-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
TIMEOUT = 30


def _sub(parent, tag, text=None, **attrs):
    node = etree.SubElement(parent, tag, {k: str(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        node.text = str(text)
    return node


def _num(value):
    return float(str(value).replace(",", "."))


def _aux_id(item):
    quote, line = item.get("EXT_QUOTE_ID") or "", item.get("EXT_QUOTE_ITEM") or ""
    if quote and line:
        return f"{quote}/{line}"
    return quote or line


def build_cxml_order(
    items,
    po_number,
    payload_id,
    identity,
    secret,
    ship_to=None,
    order_type="new",
    domain="NetworkID",
    cost_center=None,
    delivery_date=None,
    orderer_email=None,
    version=1,
    price_factor=1.0,
):
    """cXML 1.2 OrderRequest (bytes). ``ship_to``: dict with address_id,
    name, street, city, zip, country. ``price_factor`` scales the prices
    (to try the tolerance)."""
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    root = etree.Element("cXML", payloadID=payload_id, timestamp=now)
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en-US")
    header = _sub(root, "Header")
    _sub(_sub(_sub(header, "From"), "Credential", domain=domain), "Identity", identity)
    _sub(_sub(_sub(header, "To"), "Credential", domain="DUNS"), "Identity", "supplier")
    sender = _sub(_sub(header, "Sender"), "Credential", domain=domain)
    _sub(sender, "Identity", identity)
    _sub(sender, "SharedSecret", secret)
    _sub(header.find("Sender"), "UserAgent", "po_sender.py")
    request = _sub(root, "Request", deploymentMode="production")
    order_request = _sub(request, "OrderRequest")
    currency = (items[0].get("CURRENCY") if items else None) or "EUR"
    total = sum(_num(i.get("QUANTITY", 0)) * _num(i.get("PRICE", 0)) * price_factor for i in items)
    order_header = _sub(
        order_request,
        "OrderRequestHeader",
        orderID=po_number,
        orderDate=now,
        type=order_type,
        orderVersion=version,
    )
    _sub(_sub(order_header, "Total"), "Money", f"{total:.2f}", currency=currency)
    if ship_to:
        address = _sub(_sub(order_header, "ShipTo"), "Address", addressID=ship_to.get("address_id"))
        _sub(address, "Name", ship_to.get("name", ""))
        postal = _sub(address, "PostalAddress")
        _sub(postal, "Street", ship_to.get("street", ""))
        _sub(postal, "City", ship_to.get("city", ""))
        _sub(postal, "PostalCode", ship_to.get("zip", ""))
        _sub(
            postal,
            "Country",
            ship_to.get("country", "NL"),
            isoCountryCode=ship_to.get("country", "NL"),
        )
    if orderer_email:
        _sub(_sub(order_header, "Contact", role="endUser"), "Email", orderer_email)
    quote_ids = {i.get("EXT_QUOTE_ID") for i in items if i.get("EXT_QUOTE_ID")}
    if len(quote_ids) == 1:
        _sub(order_header, "SupplierOrderInfo", orderID=quote_ids.pop())
    if cost_center:
        _sub(order_header, "Extrinsic", cost_center, name="CostCenter")
    for index, item in enumerate(items, start=1):
        out = _sub(
            order_request,
            "ItemOut",
            quantity=item.get("QUANTITY", "1"),
            lineNumber=index * 10,
            requestedDeliveryDate=delivery_date,
        )
        item_id = _sub(out, "ItemID")
        _sub(item_id, "SupplierPartID", item.get("VENDORMAT") or item.get("EXT_PRODUCT_ID") or "")
        _sub(item_id, "SupplierPartAuxiliaryID", _aux_id(item))
        detail = _sub(out, "ItemDetail")
        _sub(
            _sub(detail, "UnitPrice"),
            "Money",
            f"{_num(item.get('PRICE', 0)) * price_factor:.2f}",
            currency=item.get("CURRENCY") or currency,
        )
        _sub(detail, "Description", item.get("DESCRIPTION", ""))
        _sub(detail, "UnitOfMeasure", item.get("UNIT") or "C62")
        if item.get("MATGROUP"):
            _sub(detail, "Classification", item["MATGROUP"], domain="MATGROUP")
    body = etree.tostring(root, encoding="UTF-8")
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + f'<!DOCTYPE cXML SYSTEM "{CXML_DTD}">\n'.encode()
        + body
    )


def build_ubl_order(
    items,
    po_number,
    buyer_name="",
    buyer_endpoint=None,
    ship_to=None,
    cost_center=None,
    delivery_date=None,
    issue_date=None,
    document_uuid=None,
):
    """Peppol BIS Ordering 3 UBL Order (bytes)."""
    cbc = "{{{}}}".format(UBL_NS["cbc"])
    cac = "{{{}}}".format(UBL_NS["cac"])
    root = etree.Element(f"{{{UBL_NS[None]}}}Order", nsmap=UBL_NS)
    _sub(root, cbc + "CustomizationID", "urn:fdc:peppol.eu:poacc:trns:order:3")
    _sub(root, cbc + "ProfileID", "urn:fdc:peppol.eu:poacc:bis:order_only:3")
    _sub(root, cbc + "ID", po_number)
    if document_uuid:
        _sub(root, cbc + "UUID", document_uuid)
    _sub(root, cbc + "IssueDate", issue_date or datetime.now(timezone.utc).date().isoformat())
    currency = (items[0].get("CURRENCY") if items else None) or "EUR"
    _sub(root, cbc + "DocumentCurrencyCode", currency)
    if cost_center:
        _sub(root, cbc + "AccountingCost", cost_center)
    quote_ids = {i.get("EXT_QUOTE_ID") for i in items if i.get("EXT_QUOTE_ID")}
    if len(quote_ids) == 1:
        _sub(_sub(root, cac + "QuotationDocumentReference"), cbc + "ID", quote_ids.pop())
    party = _sub(_sub(root, cac + "BuyerCustomerParty"), cac + "Party")
    if buyer_endpoint:
        _sub(party, cbc + "EndpointID", buyer_endpoint[1], schemeID=buyer_endpoint[0])
    _sub(_sub(party, cac + "PartyName"), cbc + "Name", buyer_name)
    _sub(_sub(_sub(root, cac + "SellerSupplierParty"), cac + "Party"), cac + "PartyName")
    if ship_to or delivery_date:
        delivery = _sub(root, cac + "Delivery")
        if ship_to:
            location = _sub(delivery, cac + "DeliveryLocation")
            if ship_to.get("address_id"):
                _sub(location, cbc + "ID", ship_to["address_id"])
            address = _sub(location, cac + "Address")
            _sub(address, cbc + "StreetName", ship_to.get("street", ""))
            _sub(address, cbc + "CityName", ship_to.get("city", ""))
            _sub(address, cbc + "PostalZone", ship_to.get("zip", ""))
            _sub(
                _sub(address, cac + "Country"),
                cbc + "IdentificationCode",
                ship_to.get("country", "NL"),
            )
        if delivery_date:
            _sub(_sub(delivery, cac + "RequestedDeliveryPeriod"), cbc + "StartDate", delivery_date)
        if ship_to and ship_to.get("name"):
            _sub(
                _sub(_sub(delivery, cac + "DeliveryParty"), cac + "PartyName"),
                cbc + "Name",
                ship_to["name"],
            )
    total = sum(_num(i.get("QUANTITY", 0)) * _num(i.get("PRICE", 0)) for i in items)
    monetary = _sub(root, cac + "AnticipatedMonetaryTotal")
    _sub(monetary, cbc + "LineExtensionAmount", f"{total:.2f}", currencyID=currency)
    _sub(monetary, cbc + "PayableAmount", f"{total:.2f}", currencyID=currency)
    for index, item in enumerate(items, start=1):
        order_line = _sub(root, cac + "OrderLine")
        line = _sub(order_line, cac + "LineItem")
        _sub(line, cbc + "ID", index)
        quantity, price = _num(item.get("QUANTITY", 1)), _num(item.get("PRICE", 0))
        _sub(line, cbc + "Quantity", item.get("QUANTITY", "1"), unitCode=item.get("UNIT") or "C62")
        _sub(line, cbc + "LineExtensionAmount", f"{quantity * price:.2f}", currencyID=currency)
        _sub(_sub(line, cac + "Price"), cbc + "PriceAmount", f"{price:.2f}", currencyID=currency)
        product = _sub(line, cac + "Item")
        _sub(product, cbc + "Name", item.get("DESCRIPTION", ""))
        _sub(
            _sub(product, cac + "SellersItemIdentification"),
            cbc + "ID",
            item.get("VENDORMAT") or item.get("EXT_PRODUCT_ID") or "",
        )
        if item.get("EXT_QUOTE_ITEM"):
            _sub(
                _sub(order_line, cac + "QuotationLineReference"),
                cbc + "LineID",
                item["EXT_QUOTE_ITEM"],
            )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _cxml_status(content):
    """(code, text) of a cXML Response."""
    try:
        root = etree.fromstring(
            content, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        )
    except etree.XMLSyntaxError:
        return None, content.decode("utf-8", "replace")[:500]
    status = root.find("Response/Status")
    if status is None:
        return None, ""
    return int(status.get("code")), (status.text or status.get("text") or "").strip()


def post_cxml(base_url, connection_code, xml, session=None):
    """POST a cXML document; returns (http status, cXML Status code, text)."""
    http = session or requests
    response = http.post(
        f"{base_url.rstrip('/')}/oci/{connection_code}/po/cxml",
        data=xml,
        headers={"Content-Type": "text/xml; charset=utf-8"},
        timeout=TIMEOUT,
    )
    code, text = _cxml_status(response.content)
    return response.status_code, code, text


def post_ubl(base_url, connection_code, xml, identity, secret, session=None):
    """POST a UBL Order (HTTP Basic auth); returns (http status, code, text)."""
    http = session or requests
    response = http.post(
        f"{base_url.rstrip('/')}/oci/{connection_code}/po/ubl",
        data=xml,
        auth=(identity, secret),
        headers={"Content-Type": "application/xml"},
        timeout=TIMEOUT,
    )
    try:
        payload = response.json()
    except ValueError:
        return response.status_code, None, response.text[:500]
    return response.status_code, payload.get("status"), payload.get("message", "")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shop", required=True)
    parser.add_argument("--code", required=True)
    parser.add_argument("--identity", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--po", required=True)
    parser.add_argument("--type", default="new", choices=["new", "update", "delete"])
    parser.add_argument(
        "--item",
        action="append",
        default=[],
        help="VENDORMAT:QTY:PRICE[:EXT_QUOTE_ID[:EXT_QUOTE_ITEM]]",
    )
    parser.add_argument("--currency", default="EUR")
    parser.add_argument("--ubl", action="store_true")
    args = parser.parse_args(argv)
    items = []
    for spec in args.item:
        parts = spec.split(":") + ["", ""]
        items.append(
            {
                "VENDORMAT": parts[0],
                "QUANTITY": parts[1],
                "PRICE": parts[2],
                "EXT_QUOTE_ID": parts[3],
                "EXT_QUOTE_ITEM": parts[4],
                "CURRENCY": args.currency,
            }
        )
    if args.ubl:
        result = post_ubl(
            args.shop, args.code, build_ubl_order(items, args.po), args.identity, args.secret
        )
    else:
        xml = build_cxml_order(
            items,
            args.po,
            f"{uuid.uuid4()}@po_sender",
            args.identity,
            args.secret,
            order_type=args.type,
        )
        result = post_cxml(args.shop, args.code, xml)
    print("HTTP {}, status {}: {}".format(*result))
    return 0 if result[1] in (200, 201) else 1


if __name__ == "__main__":
    sys.exit(main())
