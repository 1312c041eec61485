# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Building blocks shared by the cXML punchout modules (no Odoo imports):
the error type, the in-memory secret, credentials and addresses, exact
numbers and the cXML envelope (payloadID, timestamp, DOCTYPE, Header, the
hardened parse). The readers and writers of the elements the setup request
and the order message share live in :mod:`.cxml_elements`.

cXML version: our documents declare 1.2.063, the ``cxml.version`` of the DTD
the tests validate against (a copy from the FriendsOfCXML/cxml-php test
metadata, see tests/unit/test_cxml_punchout.py); every element written exists
in the 1.2.05x DTDs too. The DTD is never fetched at run time.
"""

import hmac
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation

from lxml import etree

from .cxml import MAX_BYTES, PoDocumentError, parse_xml

CXML_VERSION = "1.2.063"
CXML_DTD = f"http://xml.cxml.org/schemas/cXML/{CXML_VERSION}/cXML.dtd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
USER_AGENT = "Odoo OCI Punchout"
# Limits on what a request may carry (longer values are refused, not cut).
MAX_SHORT = 255
MAX_LONG = 4000
MAX_URL = 2048
MAX_REPEAT = 100  # Extrinsic / Credential / Street elements per parent
MAX_ITEMS = 1000  # ItemOut per request
MAX_QUANTITY = Decimal(10) ** 9
MAX_AMOUNT = Decimal(10) ** 12
STATUS_TEXTS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    406: "Not Acceptable",
    409: "Conflict",
    413: "Request Entity Too Large",
    429: "Too Many Requests",
    450: "Not Implemented",
    500: "Internal Server Error",
    550: "Unable to forward request",
}
_PAYLOAD_DOMAIN = re.compile(r"^[A-Za-z0-9.-]{1,100}$")


class CxmlError(PoDocumentError):
    """A cXML document to refuse. ``code`` is the cXML Status code (answered
    inside HTTP 200), ``message`` the text for the sender."""


class Secret:
    """A shared secret held in memory only: repr(), str() and format() never
    show it; :meth:`reveal` does, for the one comparison that needs it."""

    __slots__ = ("_value",)

    def __init__(self, value=""):
        self._value = value or ""

    def reveal(self):
        return self._value

    def equals(self, other):
        """Constant-time comparison with a clear-text candidate."""
        return hmac.compare_digest(self._value.encode(), (other or "").encode())

    def __bool__(self):
        return bool(self._value)

    def __repr__(self):
        return "Secret('***')" if self._value else "Secret('')"

    __str__ = __repr__


@dataclass(frozen=True)
class Credential:
    domain: str
    identity: str


@dataclass(frozen=True)
class Address:
    """A cXML ShipTo/Address: ``address_id`` is the buyer's code (branch)."""

    address_id: str = ""
    name: str = ""
    deliver_to: tuple = ()
    street: tuple = ()
    city: str = ""
    postal_code: str = ""
    country_code: str = ""
    # ShipTo/TransportInformation/ShippingInstructions: a note for the courier.
    instructions: str = ""


# ----------------------------------------------------------------------
# Envelope, numbers, credentials
# ----------------------------------------------------------------------
def new_payload_id(domain="oci-punchout"):
    """``<datetime>.<process id>.<random>@<domain>`` as the cXML guide asks."""
    if not _PAYLOAD_DOMAIN.match(domain or ""):
        domain = "oci-punchout"
    now = datetime.now(timezone.utc)
    return f"{now:%Y%m%d%H%M%S}.{os.getpid()}.{secrets.token_hex(8)}@{domain}"


def cxml_timestamp(moment=None):
    """ISO 8601 with the UTC offset, to the second (2026-05-04T10:15:00+00:00)."""
    moment = moment or datetime.now(timezone.utc)
    return moment.replace(microsecond=0).isoformat()


def to_decimal(value, what="amount"):
    """Decimal of an int, str, Decimal or float (by its shortest repr, so a
    float never gains binary noise digits). ValueError when not finite."""
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation as exc:
        raise ValueError(f"{what} is not a number: {value!r}") from exc
    if not number.is_finite():
        raise ValueError(f"{what} is not a number: {value!r}")
    return number


def format_decimal(value):
    """Exact plain notation of a number: no exponent, no rounding, no -0."""
    number = to_decimal(value)
    text = format(number, "f")
    return "0" if number.is_zero() and text.startswith("-") else text


def make_credentials(value):
    """Tuple of Credential from a Credential, a (domain, identity) pair or an
    iterable of those."""
    if isinstance(value, Credential):
        return (value,)
    items = list(value or ())
    if len(items) == 2 and all(isinstance(v, str) for v in items):
        items = [tuple(items)]
    creds = tuple(v if isinstance(v, Credential) else Credential(*v) for v in items)
    if not creds:
        raise ValueError("a cXML Header party needs at least one Credential")
    return creds


def credential_matches(credentials, domain, identity):
    """True when one of ``credentials`` has this domain and identity (case
    and surrounding spaces ignored: buyers spell NetworkID/NetworkId both)."""
    domain, identity = (domain or "").strip().casefold(), (identity or "").strip().casefold()
    return bool(identity) and any(
        c.domain.casefold() == domain and c.identity.casefold() == identity for c in credentials
    )


def envelope(lang="en", payload_domain=None):
    """The cXML root element with payloadID, timestamp, version, xml:lang."""
    root = etree.Element("cXML")
    root.set("payloadID", new_payload_id(payload_domain or "oci-punchout"))
    root.set("timestamp", cxml_timestamp())
    root.set("version", CXML_VERSION)
    root.set(XML_LANG, xml_lang(lang))
    return root


def serialize(root):
    """UTF-8 bytes with the XML declaration and the standard cXML DOCTYPE."""
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + f'<!DOCTYPE cXML SYSTEM "{CXML_DTD}">\n'.encode()
        + etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    )


def parse_document(data, max_bytes=MAX_BYTES):
    """The hardened parse (see .cxml.parse_xml), refusals as CxmlError."""
    try:
        root = parse_xml(data, max_bytes=max_bytes, allow_cxml_doctype=True)
    except CxmlError:
        raise
    except PoDocumentError as exc:
        # lxml's position suffix names its own input source, not the sender's
        message = re.sub(r",? \(<string>, line \d+\)$", ".", exc.message)
        raise CxmlError(exc.code, message) from None
    if root.tag != "cXML":
        raise CxmlError(400, "The document is not a cXML document.")
    return root


def xml_lang(lang):
    """An xml:lang code from an Odoo/POSIX one (nl_NL -> nl-NL)."""
    lang = (lang or "en").replace("_", "-").strip()
    return lang if re.match(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", lang) else "en"


def add_header(root, from_, to, sender, user_agent=USER_AGENT, shared_secret=None):
    """Header/From/To/Sender. ``shared_secret`` only for server-to-server
    requests; browser-transported messages never get one."""
    header = etree.SubElement(root, "Header")
    for tag, creds in (("From", from_), ("To", to), ("Sender", sender)):
        party = etree.SubElement(header, tag)
        for credential in make_credentials(creds):
            node = etree.SubElement(party, "Credential", domain=credential.domain)
            etree.SubElement(node, "Identity").text = credential.identity
            if tag == "Sender" and shared_secret:
                etree.SubElement(node, "SharedSecret").text = shared_secret
                shared_secret = None
        if tag == "Sender":
            etree.SubElement(party, "UserAgent").text = user_agent or USER_AGENT
    return header
