# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""cXML punchout without Odoo: the entry point of the cXML layer.

- :func:`parse_setup_request` turns untrusted bytes into a frozen
  :class:`SetupRequest`, with the hardened parser of the PO channel
  (:func:`.cxml.parse_xml`: size cap, no DTD loading, no entities; the bare
  public cXML DOCTYPE line is accepted and never loaded). Refusals raise
  :class:`CxmlError` carrying the cXML Status code (400/406 invalid, 413 too
  big) and a text that reveals no internals.
- :func:`build_setup_response` / :func:`build_status_response` are the answers;
  they travel in HTTP 200 whatever the outcome (cXML puts it in Status@code).
- :func:`build_setup_request` / :func:`parse_setup_response` are the buyer's
  side (test buyer page, harness).
- The PunchOutOrderMessage (cart transfer) lives in :mod:`.cxml_poom` (and
  :mod:`.cxml_poom_decode`) and is re-exported here, so callers import this
  one module.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlsplit

from lxml import etree

from .cxml import MAX_BYTES
from .cxml_document import (  # noqa: F401  (re-exported for callers)
    CXML_DTD,
    CXML_VERSION,
    MAX_ITEMS,
    MAX_LONG,
    MAX_QUANTITY,
    MAX_SHORT,
    MAX_URL,
    STATUS_TEXTS,
    XML_LANG,
    Address,
    Credential,
    CxmlError,
    Secret,
    add_header,
    credential_matches,
    envelope,
    format_decimal,
    parse_document,
    serialize,
    xml_lang,
)
from .cxml_elements import (  # noqa: F401  (re-exported for callers)
    add_address,
    add_extrinsics,
    add_item_id,
    add_money,
    attribute,
    children,
    description_text,
    item_detail,
    number,
    read_address,
    read_classifications,
    read_credentials,
    read_extrinsics,
    text,
)
from .cxml_poom import (  # noqa: F401  (re-exported for callers)
    ENCODINGS,
    PoomItem,
    build_cancel_message,
    build_order_message,
    form_fields,
)
from .cxml_poom_decode import (  # noqa: F401  (re-exported for callers)
    PunchOutOrder,
    decode_order_message,
)

OPERATIONS = ("create", "edit", "inspect")
DEPLOYMENT_MODES = ("production", "test")


@dataclass(frozen=True)
class ItemOut:
    """A line of an earlier cart sent back with edit/inspect (or SelectedItem,
    which only has the two ids)."""

    supplier_part_id: str
    supplier_part_auxiliary_id: str = ""
    quantity: Decimal = Decimal(1)
    unit_price: Decimal | None = None
    currency: str = ""
    description: str = ""
    unit_of_measure: str = ""
    classifications: tuple = ()
    line_number: str = ""


@dataclass(frozen=True)
class SetupRequest:
    """A parsed PunchOutSetupRequest. The Sender's SharedSecret is a
    :class:`Secret`, outside repr and comparisons."""

    payload_id: str
    timestamp: str
    deployment_mode: str
    operation: str
    buyer_cookie: str
    browser_form_post_url: str
    from_credentials: tuple
    to_credentials: tuple
    sender_credentials: tuple
    user_agent: str = ""
    contact_name: str = ""
    contact_email: str = ""
    extrinsics: dict = field(default_factory=dict)
    ship_to: Address | None = None
    selected_item: ItemOut | None = None
    items: tuple = ()
    sender_secret: Secret = field(default_factory=Secret, repr=False, compare=False)


# ----------------------------------------------------------------------
# PunchOutSetupRequest -> SetupRequest
# ----------------------------------------------------------------------
def parse_setup_request(data, max_bytes=MAX_BYTES):
    """Parse and check a PunchOutSetupRequest (bytes). Checks the document,
    not the credentials: matching them is the connection's job."""
    root = parse_document(data, max_bytes)
    header, request = root.find("Header"), root.find("Request")
    setup = request.find("PunchOutSetupRequest") if request is not None else None
    if header is None or setup is None:
        raise CxmlError(400, "The cXML document holds no PunchOutSetupRequest.")
    payload_id = attribute(root, "payloadID")
    if not payload_id:
        raise CxmlError(400, "The cXML document has no payloadID.")
    mode = attribute(request, "deploymentMode") or "production"
    if mode not in DEPLOYMENT_MODES:
        raise CxmlError(400, "Request@deploymentMode must be production or test.")
    operation = attribute(setup, "operation")
    if not operation:
        raise CxmlError(400, "The PunchOutSetupRequest has no operation.")
    if operation not in OPERATIONS:
        raise CxmlError(
            406, "Unsupported operation: this catalog supports create, edit and inspect."
        )
    cookie = text(setup, "BuyerCookie", limit=MAX_SHORT * 4, what="BuyerCookie", exact=True)
    if not cookie:
        raise CxmlError(400, "The PunchOutSetupRequest has no BuyerCookie.")
    url = text(setup, "BrowserFormPost/URL", limit=MAX_URL, what="BrowserFormPost URL")
    if not url:
        raise CxmlError(400, "The PunchOutSetupRequest has no BrowserFormPost URL.")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        raise CxmlError(400, "The BrowserFormPost URL is not an http(s) URL.")
    sender_credentials = read_credentials(header, "Sender")
    contact = _contact(setup)
    selected = setup.find("SelectedItem/ItemID")
    items = children(setup, "ItemOut", MAX_ITEMS)
    return SetupRequest(
        payload_id=payload_id,
        timestamp=attribute(root, "timestamp"),
        deployment_mode=mode,
        operation=operation,
        buyer_cookie=cookie,
        browser_form_post_url=url,
        from_credentials=read_credentials(header, "From"),
        to_credentials=read_credentials(header, "To"),
        sender_credentials=sender_credentials,
        user_agent=text(header, "Sender/UserAgent"),
        contact_name=text(contact, "Name"),
        contact_email=text(contact, "Email"),
        extrinsics=read_extrinsics(setup),
        ship_to=read_address(setup.find("ShipTo/Address")),
        selected_item=ItemOut(
            text(selected, "SupplierPartID", what="SupplierPartID"),
            text(
                selected, "SupplierPartAuxiliaryID", limit=MAX_LONG, what="SupplierPartAuxiliaryID"
            ),
        )
        if selected is not None
        else None,
        items=tuple(_item_out(node, index) for index, node in enumerate(items, start=1))
        if operation != "create"
        else (),
        sender_secret=_sender_secret(header),
    )


def _sender_secret(header):
    """The first non-empty SharedSecret of the Sender's credentials."""
    for node in header.findall("Sender/Credential/SharedSecret"):
        value = "".join(node.itertext()).strip()
        if value:
            return Secret(value)
    return Secret()


def _contact(setup):
    """The orderer's Contact: the endUser one, else the first."""
    contacts = children(setup, "Contact")
    return next(
        (c for c in contacts if (c.get("role") or "endUser") == "endUser"),
        contacts[0] if contacts else None,
    )


def _item_out(node, index):
    line = attribute(node, "lineNumber") or str(index)
    what = f"ItemOut {line[:10]}"
    part = text(node, "ItemID/SupplierPartID", what=f"{what} SupplierPartID")
    if not part:
        raise CxmlError(400, f"{what} has no SupplierPartID.")
    detail, money = item_detail(node)
    return ItemOut(
        supplier_part_id=part,
        supplier_part_auxiliary_id=text(
            node, "ItemID/SupplierPartAuxiliaryID", MAX_LONG, f"{what} SupplierPartAuxiliaryID"
        ),
        quantity=number(
            node.get("quantity"), f"{what} quantity", positive=True, maximum=MAX_QUANTITY
        ),
        unit_price=number(money.text, f"{what} unit price") if money is not None else None,
        currency=attribute(money, "currency") if money is not None else "",
        description=description_text(detail.find("Description") if detail is not None else None),
        unit_of_measure=text(detail, "UnitOfMeasure", what=f"{what} UnitOfMeasure"),
        classifications=read_classifications(detail),
        line_number=line,
    )


# ----------------------------------------------------------------------
# Answers: PunchOutSetupResponse, Status
# ----------------------------------------------------------------------
def build_status_response(code, message=None, detail="", lang="en", payload_domain=None):
    """A cXML Response with only a Status (errors; sent in HTTP 200)."""
    root = envelope(lang, payload_domain)
    response = etree.SubElement(root, "Response")
    status = etree.SubElement(response, "Status", code=str(int(code)))
    status.set("text", message or STATUS_TEXTS.get(int(code), "Error"))
    status.text = detail or None
    return serialize(root)


def build_setup_response(start_url, lang="en", payload_domain=None):
    """Status 200 and the StartPage URL (one-time, short-lived: the caller's)."""
    root = envelope(lang, payload_domain)
    response = etree.SubElement(root, "Response")
    etree.SubElement(response, "Status", code="200", text="OK")
    setup = etree.SubElement(response, "PunchOutSetupResponse")
    etree.SubElement(etree.SubElement(setup, "StartPage"), "URL").text = start_url
    return serialize(root)


def parse_setup_response(data, max_bytes=MAX_BYTES):
    """(status code, status text, detail, StartPage URL) of a setup answer."""
    root = parse_document(data, max_bytes)
    status = root.find("Response/Status")
    if status is None:
        raise CxmlError(400, "The cXML Response has no Status.")
    try:
        code = int(status.get("code") or "")
    except ValueError:
        raise CxmlError(400, "The cXML Status code is not a number.") from None
    url = text(root, "Response/PunchOutSetupResponse/StartPage/URL", MAX_URL, "StartPage URL")
    return code, status.get("text") or "", text(status, limit=MAX_LONG), url


# ----------------------------------------------------------------------
# The buyer's side: PunchOutSetupRequest
# ----------------------------------------------------------------------
def build_setup_request(
    buyer_cookie,
    browser_form_post_url,
    from_,
    to,
    sender,
    shared_secret,
    operation="create",
    extrinsics=(),
    contact=None,
    ship_to=None,
    selected_item=None,
    items=(),
    deployment_mode="production",
    user_agent="OCI test buyer",
    lang="en",
    payload_domain=None,
):
    """What a procurement system posts. ``contact`` = (name, email);
    ``extrinsics`` = dict or pairs; ``items`` = ItemOut (edit/inspect)."""
    root = envelope(lang, payload_domain)
    add_header(root, from_, to, sender, user_agent, shared_secret)
    request = etree.SubElement(root, "Request", deploymentMode=deployment_mode)
    setup = etree.SubElement(request, "PunchOutSetupRequest", operation=operation)
    etree.SubElement(setup, "BuyerCookie").text = buyer_cookie
    add_extrinsics(setup, extrinsics)
    etree.SubElement(etree.SubElement(setup, "BrowserFormPost"), "URL").text = browser_form_post_url
    if contact:
        name, email = contact
        node = etree.SubElement(setup, "Contact", role="endUser")
        etree.SubElement(node, "Name", {XML_LANG: xml_lang(lang)}).text = name
        if email:
            etree.SubElement(node, "Email").text = email
    if ship_to:
        add_address(etree.SubElement(setup, "ShipTo"), ship_to, lang)
    if selected_item:
        add_item_id(etree.SubElement(setup, "SelectedItem"), selected_item)
    for index, item in enumerate(items, start=1):
        node = etree.SubElement(
            setup,
            "ItemOut",
            quantity=format_decimal(item.quantity),
            lineNumber=item.line_number or str(index),
        )
        add_item_id(node, item)
        if item.unit_price is not None:
            detail = etree.SubElement(node, "ItemDetail")
            add_money(etree.SubElement(detail, "UnitPrice"), item.unit_price, item.currency)
            description = etree.SubElement(detail, "Description")
            description.set(XML_LANG, xml_lang(lang))
            description.text = item.description
            etree.SubElement(detail, "UnitOfMeasure").text = item.unit_of_measure
            for domain, value in item.classifications or (("UNSPSC", ""),):
                etree.SubElement(detail, "Classification", domain=domain).text = value
    return serialize(root)
