# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cXML elements shared by the setup request and the order message (no
Odoo imports): the readers of untrusted elements and the writers of our own.
The envelope, the hardened parse, the types and the numbers they use live in
:mod:`.cxml_document`.

Readers take parsed, untrusted elements and refuse what is too long or not a
number with :class:`CxmlError` (a cXML Status code and a text about the
sender's document, never our internals or their secret). Writers take our own
data and raise ValueError on a programming error.
"""

import re
from dataclasses import replace

from lxml import etree

from .cxml_document import (
    MAX_AMOUNT,
    MAX_LONG,
    MAX_REPEAT,
    MAX_SHORT,
    XML_LANG,
    Address,
    Credential,
    CxmlError,
    format_decimal,
    to_decimal,
    xml_lang,
)


# ----------------------------------------------------------------------
# Reading untrusted elements
# ----------------------------------------------------------------------
def text(node, path=None, limit=MAX_SHORT, what=None, exact=False):
    """Whitespace-normalised text of ``node`` (or of its child at ``path``);
    ``exact`` keeps the inner whitespace and line breaks (BuyerCookie, card
    texts) and only strips the ends. CxmlError 400 when longer than ``limit``."""
    if node is not None and path:
        node = node.find(path)
    if node is None:
        return ""
    value = "".join(node.itertext())
    value = value.replace("\r\n", "\n").strip() if exact else " ".join(value.split())
    if len(value) > limit:
        raise CxmlError(400, f"{what or _name(node)} is longer than {limit} characters.")
    return value


def attribute(node, name, limit=MAX_SHORT):
    value = " ".join((node.get(name) or "").split()) if node is not None else ""
    if len(value) > limit:
        raise CxmlError(400, f"{_name(node)}@{name} is longer than {limit} characters.")
    return value


def number(value, what, positive=False, maximum=MAX_AMOUNT):
    """Decimal of a number read from a document; CxmlError 400 otherwise."""
    try:
        result = to_decimal(value or "", what)
    except ValueError:
        raise CxmlError(400, f"{what} is not a number.") from None
    if (positive and result <= 0) or abs(result) > maximum:
        raise CxmlError(400, f"{what} is out of range.")
    return result


def children(node, tag, limit=MAX_REPEAT):
    found = node.findall(tag) if node is not None else []
    if len(found) > limit:
        raise CxmlError(400, f"More than {limit} {tag} elements.")
    return found


def read_credentials(header, tag):
    party = header.find(tag)
    if party is None:
        raise CxmlError(400, f"The cXML Header has no {tag}.")
    creds = tuple(
        Credential(attribute(node, "domain"), text(node, "Identity", what=f"{tag} Identity"))
        for node in children(party, "Credential")
    )
    if not creds:
        raise CxmlError(400, f"The cXML Header {tag} has no Credential.")
    return creds


def read_extrinsics(node):
    """Extrinsic children as a dict, the first value of each name kept."""
    result = {}
    for extrinsic in children(node, "Extrinsic"):
        name = attribute(extrinsic, "name")
        if name and name not in result:
            result[name] = text(extrinsic, limit=MAX_LONG, what=f"Extrinsic {name[:40]}")
    return result


def _name(node):
    return node.tag if node is not None and isinstance(node.tag, str) else "A value"


def read_address(address):
    if address is None:
        return None
    postal = address.find("PostalAddress")
    country = postal.find("Country") if postal is not None else None
    code = attribute(country, "isoCountryCode").upper()
    return Address(
        address_id=attribute(address, "addressID"),
        name=text(address, "Name", what="ShipTo Name"),
        deliver_to=tuple(text(n, what="DeliverTo") for n in children(postal, "DeliverTo")),
        street=tuple(text(n, what="Street") for n in children(postal, "Street")),
        city=text(postal, "City", what="City"),
        postal_code=text(postal, "PostalCode", what="PostalCode"),
        country_code=code if re.match(r"^[A-Z]{2}$", code) else "",
    )


def read_ship_to(ship_to):
    """The Address of a ShipTo, with its courier note (ShippingInstructions)."""
    if ship_to is None:
        return None
    address = read_address(ship_to.find("Address"))
    if address is None:
        raise CxmlError(400, "A ShipTo has no Address.")
    notes = [
        text(node, limit=MAX_LONG, what="ShippingInstructions", exact=True)
        for node in children(ship_to, "TransportInformation/ShippingInstructions/Description")
    ]
    note = "\n".join(n for n in notes if n)
    return replace(address, instructions=note) if note else address


def description_text(node):
    """A Description's own text, without its ShortName."""
    if node is None:
        return ""
    value = " ".join("".join(node.xpath("text()")).split())
    if len(value) > MAX_LONG:
        raise CxmlError(400, f"Description is longer than {MAX_LONG} characters.")
    return value


# ----------------------------------------------------------------------
# Writing our own elements
# ----------------------------------------------------------------------
def add_extrinsics(parent, extrinsics):
    pairs = extrinsics.items() if isinstance(extrinsics, dict) else extrinsics or ()
    for name, value in pairs:
        etree.SubElement(parent, "Extrinsic", name=name).text = str(value)


def add_money(parent, amount, currency):
    money = etree.SubElement(parent, "Money", currency=currency)
    money.text = format_decimal(amount)
    return money


def add_item_id(parent, item):
    item_id = etree.SubElement(parent, "ItemID")
    etree.SubElement(item_id, "SupplierPartID").text = item.supplier_part_id
    if item.supplier_part_auxiliary_id:
        aux = etree.SubElement(item_id, "SupplierPartAuxiliaryID")
        aux.text = item.supplier_part_auxiliary_id
    return item_id


def add_address(parent, address, lang="en"):
    node = etree.SubElement(parent, "Address")
    if address.address_id:
        node.set("addressID", address.address_id)
    name = etree.SubElement(node, "Name")
    name.set(XML_LANG, xml_lang(lang))
    name.text = address.name
    postal = etree.SubElement(node, "PostalAddress")
    for tag, values in (("DeliverTo", address.deliver_to), ("Street", address.street or ("",))):
        for value in values:
            etree.SubElement(postal, tag).text = value
    etree.SubElement(postal, "City").text = address.city
    if address.postal_code:
        etree.SubElement(postal, "PostalCode").text = address.postal_code
    etree.SubElement(
        postal, "Country", isoCountryCode=address.country_code
    ).text = address.country_code
    return node


def add_ship_to(parent, address, lang="en"):
    """A ShipTo of ``address``; its courier note as ShippingInstructions."""
    node = etree.SubElement(parent, "ShipTo")
    add_address(node, address, lang)
    if address.instructions:
        transport = etree.SubElement(node, "TransportInformation")
        instructions = etree.SubElement(transport, "ShippingInstructions")
        description = etree.SubElement(instructions, "Description", {XML_LANG: xml_lang(lang)})
        description.text = address.instructions
    return node


def item_detail(node):
    """(ItemDetail, its UnitPrice/Money) of an ItemIn/ItemOut; None when absent."""
    detail = node.find("ItemDetail")
    return detail, detail.find("UnitPrice/Money") if detail is not None else None


def read_classifications(detail):
    """(domain, value) pairs of an ItemDetail's Classifications."""
    return tuple(
        (attribute(c, "domain"), text(c, what="Classification"))
        for c in children(detail, "Classification")
    )
