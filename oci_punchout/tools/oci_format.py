# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pure formatting rules of the SAP OCI cart return.

Nothing in this module imports Odoo: it is the single place where the
protocol's formatting rules live (number format, field lengths, charset,
HOOK_URL checks), so that it can be unit-tested on its own and reused by the
transfer form, the FUNCTION answers and the test buyer.

The number format is in oci_numbers.py and the PRICE/PRICEUNIT rules in
oci_price.py; their public functions are importable from here as well.
"""

import re
import unicodedata
from urllib.parse import urlsplit

from .oci_numbers import format_number as format_number
from .oci_numbers import parse_decimal as parse_decimal
from .oci_numbers import parse_number as parse_number
from .oci_price import PRICE_UNITS as PRICE_UNITS
from .oci_price import item_amount as item_amount
from .oci_price import price_fields as price_fields
from .oci_price import round_amount as round_amount

# NEW_ITEM-* field lengths (OCI 4.0; see shared docs, field table).
FIELD_LENGTHS = {
    "DESCRIPTION": 40,
    "MATNR": 40,
    "QUANTITY": 15,
    "UNIT": 3,
    "PRICE": 15,
    "PRICEUNIT": 5,
    "CURRENCY": 5,
    "LEADTIME": 5,
    "VENDOR": 10,
    "VENDORMAT": 40,
    "MANUFACTCODE": 10,
    "MANUFACTMAT": 40,
    "MATGROUP": 10,
    "SERVICE": 1,
    "CONTRACT": 10,
    "CONTRACT_ITEM": 5,
    "EXT_QUOTE_ID": 35,
    "EXT_QUOTE_ITEM": 10,
    "EXT_PRODUCT_ID": 40,
    "ATTACHMENT": 255,
    "ATTACHMENT_TITLE": 255,
    "ATTACHMENT_PURPOSE": 1,
    "EXT_SCHEMA_TYPE": 10,
    "EXT_CATEGORY_ID": 60,
    "EXT_CATEGORY": 40,
    "SLD_SYS_NAME": 60,
    "CUST_FIELD1": 10,
    "CUST_FIELD2": 10,
    "CUST_FIELD3": 10,
    "CUST_FIELD4": 20,
    "CUST_FIELD5": 50,
}

# Order in which the item fields are written into the form (stable output).
ITEM_FIELDS = (
    "DESCRIPTION",
    "MATNR",
    "QUANTITY",
    "UNIT",
    "PRICE",
    "PRICEUNIT",
    "CURRENCY",
    "LEADTIME",
    "VENDOR",
    "VENDORMAT",
    "MATGROUP",
    "EXT_PRODUCT_ID",
    "EXT_QUOTE_ID",
    "EXT_QUOTE_ITEM",
    "EXT_CATEGORY_ID",
    "CUST_FIELD1",
    "CUST_FIELD2",
    "CUST_FIELD3",
    "CUST_FIELD4",
    "CUST_FIELD5",
)

CHARSETS = ("utf-8", "iso-8859-1")

# Echo fields sent by SAP with the login and posted back unchanged.
ECHO_FIELDS = ("~OkCode", "~TARGET", "~CALLER")
TARGET_FIELDS = ("~TARGET", "~Target", "~target", "returntarget")
_TARGET_RE = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")

FORBIDDEN_SCHEMES = ("javascript", "data", "file", "vbscript", "blob", "about")
SAPEVENT = "SAPEVENT:POST"

# Common characters outside ISO-8859-1 and how buyers expect them.
_TRANSLITERATIONS = {
    "\u20ac": "EUR",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u2022": "*",
    "\u0152": "OE",
    "\u0153": "oe",
    "\u2122": "TM",
    "\u0141": "L",
    "\u0142": "l",
    "\u0110": "D",
    "\u0111": "d",
    "\u0131": "i",
}


class HookUrlError(ValueError):
    """The HOOK_URL sent by the buyer cannot be used for this connection.
    ``code`` names the reason, so that callers can show a translated text."""

    def __init__(self, message, code="invalid", scheme=""):
        super().__init__(message)
        self.code = code
        self.scheme = scheme


# Largest id PostgreSQL's integer columns hold.
_MAX_ID = 2**31 - 1


def parse_product_key(value):
    """What a PRODUCTID may name: (product id or None, internal reference or
    None). Our EXT_PRODUCT_ID is the product id in plain ASCII digits; any
    other text may be an internal reference. Empty, longer than
    EXT_PRODUCT_ID, or holding control characters (NUL...) or unencodable
    text: (None, None), so that it is never sent to the database."""
    if value is None or value is False:
        return None, None
    key = str(value).strip()
    if (
        not key
        or len(key) > FIELD_LENGTHS["EXT_PRODUCT_ID"]
        or any(ord(char) < 32 or 127 <= ord(char) < 160 for char in key)
        or not _encodable(key, "utf-8")
    ):
        return None, None
    product_id = None
    if key.isascii() and key.isdigit() and key == str(int(key)) and 0 < int(key) <= _MAX_ID:
        product_id = int(key)
    return product_id, key


def cut(text, length):
    """Cut ``text`` to at most ``length`` characters without breaking a
    character: the text is NFC-normalised first and a base character is never
    separated from the combining marks that follow it."""
    text = unicodedata.normalize("NFC", str(text or ""))
    if len(text) <= length:
        return text
    end = length
    while end > 0 and unicodedata.combining(text[end]):
        end -= 1
    return text[:end].rstrip()


def to_charset(text, charset):
    """Make ``text`` representable in ``charset``: characters outside
    ISO-8859-1 are transliterated (accents folded, euro sign as EUR) rather
    than turned into mojibake by the buyer's system."""
    text = str(text or "")
    charset = (charset or "utf-8").lower()
    if charset == "utf-8":
        return text
    out = []
    for char in text:
        if _encodable(char, charset):
            out.append(char)
            continue
        if char in _TRANSLITERATIONS:
            out.append(_TRANSLITERATIONS[char])
            continue
        folded = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        out.append(folded if folded and _encodable(folded, charset) else "?")
    return "".join(out)


def _encodable(text, charset):
    try:
        text.encode(charset)
    except UnicodeEncodeError:
        return False
    return True


def field_value(name, value, charset="utf-8"):
    """One NEW_ITEM value: converted to the charset, then cut to the field's
    length (cut after conversion, as the conversion may lengthen it)."""
    text = to_charset("" if value is None or value is False else value, charset)
    text = " ".join(text.split())  # single-line fields
    length = FIELD_LENGTHS.get(name)
    return cut(text, length) if length else text


def format_date(day):
    """A date as SAP's internal date format (DATS): YYYYMMDD."""
    return day.strftime("%Y%m%d")


def item_field_name(name, index):
    """Form field name of an item value; items are indexed from 1."""
    if name == "LONGTEXT":
        return f"NEW_ITEM-LONGTEXT_{index}:132[]"
    return f"NEW_ITEM-{name}[{index}]"


def form_fields(echo, items, charset="utf-8"):
    """The ordered (name, value) pairs of an OCI cart return.

    ``echo`` is a list of (name, value) echo fields; ``items`` a list of
    dicts keyed by OCI field name (without NEW_ITEM-), in cart order. Every
    standard item field is written, empty when unknown, as some SRMs expect
    the full set."""
    fields = [(name, to_charset(value, charset)) for name, value in echo]
    for index, item in enumerate(items, start=1):
        for name in ITEM_FIELDS:
            fields.append(
                (item_field_name(name, index), field_value(name, item.get(name), charset))
            )
        if item.get("LONGTEXT"):
            fields.append(
                (item_field_name("LONGTEXT", index), to_charset(item["LONGTEXT"], charset))
            )
    return fields


def form_target(params):
    """The frame the cart form must target: ~TARGET (any case) or
    returntarget, when it is a plain frame name; ``_top`` otherwise."""
    for key in TARGET_FIELDS:
        value = (params.get(key) or "").strip()
        if value and _TARGET_RE.match(value):
            return value
    return "_top"


def echo_fields(params):
    """The ~-fields to echo back, with the names exactly as received."""
    echoed = []
    for key, value in params.items():
        if key.startswith("~") and key.lower() in {f.lower() for f in ECHO_FIELDS}:
            echoed.append((key, value))
    return echoed


def check_hook_url(url, prefixes, allow_sapevent=False, max_length=2048):
    """Validate a HOOK_URL against a connection's allow-list.

    Returns the URL unchanged (its query string is kept byte for byte) or
    raises :class:`HookUrlError` with a reason fit for the session log."""
    if not url:
        raise HookUrlError("HOOK_URL is missing", "missing")
    if len(url) > max_length:
        raise HookUrlError("HOOK_URL is too long", "too_long")
    if any(ord(c) < 32 or c in " \"'<>`" for c in url):
        raise HookUrlError("HOOK_URL contains forbidden characters", "characters")
    if url.upper() == SAPEVENT:
        if allow_sapevent:
            return url
        raise HookUrlError("SAPEVENT:POST is not allowed for this connection", "sapevent")
    scheme = urlsplit(url).scheme.lower()
    if scheme in FORBIDDEN_SCHEMES:
        raise HookUrlError(f"HOOK_URL scheme '{scheme}:' is forbidden", "scheme", scheme)
    if scheme not in ("http", "https"):
        raise HookUrlError("HOOK_URL must be an http(s) URL", "not_http")
    for prefix in prefixes:
        prefix = prefix.strip()
        if not prefix:
            continue
        if _matches_prefix(url, prefix):
            return url
    raise HookUrlError("HOOK_URL is not in the connection's allowed prefixes", "prefix")


def _matches_prefix(url, prefix):
    """A prefix matches on whole host names: https://srm.example.com must
    not accept https://srm.example.com.evil.net/."""
    if not url.lower().startswith(prefix.lower()):
        return False
    rest = url[len(prefix) :]
    if prefix.endswith(("/", "?", "&", "=")) or not rest:
        return True
    p_parts = urlsplit(prefix)
    if not p_parts.path and not p_parts.query:
        # Prefix is only scheme://host[:port]: the next char must end the host.
        return rest[0] in "/?#"
    return True


def split_prefixes(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


_ITEM_RE = re.compile(r"^NEW_ITEM-([A-Z_0-9]+)\[(\d+)\]$")
_LONGTEXT_RE = re.compile(r"^NEW_ITEM-LONGTEXT_(\d+):132\[\]$")


def parse_cart_form(pairs):
    """Read an OCI cart return back into items (what a buyer system does):
    a list of dicts keyed by field name, ordered by item index."""
    items = {}
    for name, value in pairs:
        match = _ITEM_RE.match(name)
        if match:
            items.setdefault(int(match.group(2)), {})[match.group(1)] = value
            continue
        match = _LONGTEXT_RE.match(name)
        if match:
            item = items.setdefault(int(match.group(1)), {})
            item["LONGTEXT"] = (item.get("LONGTEXT", "") + value) if "LONGTEXT" in item else value
    return [items[index] for index in sorted(items)]
