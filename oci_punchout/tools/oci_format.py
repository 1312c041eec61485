# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pure formatting rules of the SAP OCI cart return.

Nothing in this module imports Odoo: it is the single place where the
protocol's formatting rules live (number format, field lengths, charset,
HOOK_URL checks), so that it can be unit-tested on its own and reused by the
transfer form, the FUNCTION answers and the test buyer.
"""

import math
import re
import unicodedata
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import urlsplit

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


def format_number(value, decimals=3):
    """OCI number: a dot as decimal separator, at most ``decimals`` decimals,
    no thousands separator, never negative, at most 11 integer digits.

    Trailing zeros are dropped ("12.5", "3"), which every OCI parser reads
    (they all do a plain float conversion)."""
    try:
        number = Decimal(str(value if value is not None else 0))
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {value!r}") from exc
    if not number.is_finite():
        raise ValueError(f"not a number: {value!r}")
    if number < 0:
        raise ValueError("OCI numbers cannot be negative")
    if number >= Decimal(10) ** 11:
        raise ValueError("OCI numbers have at most 11 integer digits")
    quantum = Decimal(1).scaleb(-decimals)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP).copy_abs()
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if len(text.split(".")[0]) > 11:
        raise ValueError("OCI numbers have at most 11 integer digits")
    return text or "0"


# PRICEUNIT values tried, smallest first, when three decimals cannot carry a
# price exactly (0.0125 goes as 0.125 per 10, 0.00125 as 0.125 per 100).
PRICE_UNITS = (1, 10, 100, 1000)
_MILLI = Decimal("0.001")
_MAX_PRICE = Decimal("99999999999.999")  # 11 integer + 3 decimal digits
# Raw unit prices (a float division) are read to this many decimals.
_RAW_DECIMALS = Decimal(1).scaleb(-10)


def _decimal(value):
    """Decimal of a float, int, str or Decimal (floats by their shortest
    representation, so 12.345 is 12.345 and not 12.3449999...)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value if value is not None else 0))


def round_amount(value, rounding="0.01"):
    """``value`` rounded half up to a multiple of ``rounding`` (the currency's
    rounding, e.g. 0.01 or 0.05), the way Odoo and SAP round amounts."""
    step = _decimal(rounding)
    return (_decimal(value) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def item_amount(item):
    """The line value a buyer's system computes from a NEW_ITEM: QUANTITY x
    PRICE / PRICEUNIT (PRICEUNIT empty means 1), unrounded."""
    quantity = parse_decimal(item.get("QUANTITY") or "0")
    price = parse_decimal(item.get("PRICE") or "0")
    unit = parse_decimal(item.get("PRICEUNIT") or "1") or Decimal(1)
    return quantity * price / unit


class _PricedLine:
    """One item being priced: its quantity as sent, its net unit price (raw,
    and at product-price precision), the line total it must give (rounded)
    and the chosen (price, price unit)."""

    def __init__(self, unit_price, quantity, line_total, price_digits, rounding):
        self.quantity = Decimal(format_number(quantity))
        self.step = _decimal(rounding)
        raw = max(_decimal(unit_price), Decimal(0))
        if not raw.is_finite() or raw > _MAX_PRICE:
            raise ValueError("OCI numbers have at most 11 integer digits")
        raw = raw.quantize(_RAW_DECIMALS, ROUND_HALF_UP)
        self.raw = raw
        self.unit = raw.quantize(Decimal(1).scaleb(-max(int(price_digits), 0)), ROUND_HALF_UP)
        if line_total is None:
            line_total = self.quantity * self.unit
        self.total = round_amount(max(_decimal(line_total), Decimal(0)), self.step)
        self.price, self.price_unit = self._initial()

    @property
    def value(self):
        return self.quantity * self.price / self.price_unit

    def gives_total(self, price, unit):
        """Whether quantity x price / unit rounds (half up) to the line total."""
        half = self.step / 2
        amount = self.quantity * price
        return (self.total - half) * unit <= amount < (self.total + half) * unit

    def _initial(self):
        # 1. The net unit price at product-price precision (or, failing that,
        #    the exact net unit price) per the smallest PRICEUNIT that carries
        #    it with three decimals, when it gives the line total.
        for unit_price in dict.fromkeys((self.unit, self.raw)):
            for unit in PRICE_UNITS:
                price = unit_price * unit
                if price == price.quantize(_MILLI) and price <= _MAX_PRICE:
                    if self.gives_total(price, unit):
                        return price.quantize(_MILLI), unit
                    break
        # 2. Else a price that gives the line total, on the smallest PRICEUNIT
        #    that has one, closest to the exact unit price; 3. else the price
        #    closest to the line total.
        target = self.quantity * self.raw
        for unit in PRICE_UNITS:
            choice = self.closest(target, units=(unit,))
            if choice:
                return choice
        choice = self.closest(self.total, exact=False)
        if not choice:
            raise ValueError("OCI numbers have at most 11 integer digits")
        return choice

    def _bounds(self, unit):
        """Smallest and largest 3-decimal price per ``unit`` giving the line
        total, or None."""
        half = self.step / 2
        low = ((self.total - half) * unit / self.quantity).quantize(_MILLI, ROUND_CEILING)
        high = ((self.total + half) * unit / self.quantity).quantize(_MILLI, ROUND_CEILING)
        if self.quantity * high >= (self.total + half) * unit:
            high -= _MILLI
        low, high = max(low, Decimal(0)), min(high, _MAX_PRICE)
        return (low, high) if low <= high else None

    def closest(self, target, exact=True, units=PRICE_UNITS, slack=0):
        """(price, unit) whose line value is closest to ``target``; with
        ``exact``, only among those giving the line total. A larger PRICEUNIT
        is taken only when it comes closer by more than ``slack``. None when
        there is none."""
        if not self.quantity:
            return (self.unit, 1) if self.unit <= _MAX_PRICE else None
        best = None
        for unit in units:
            price = (target * unit / self.quantity).quantize(_MILLI, ROUND_HALF_UP)
            if exact:
                bounds = self._bounds(unit)
                if not bounds:
                    continue
                price = min(max(price, bounds[0]), bounds[1])
            if price > _MAX_PRICE or price < 0:
                continue
            price = price.copy_abs()  # never -0.000
            distance = abs(self.quantity * price / unit - target)
            if best is None or distance < best[0] - slack:
                best = (distance, price, unit)
        return best and best[1:]


def price_fields(lines, total=None, price_digits=3, rounding="0.01"):
    """(PRICE, PRICEUNIT) texts of the items of one cart, so that what the
    buyer's system computes is what the shop quoted.

    ``lines`` are (net unit price, quantity, line total) tuples: the unit
    price net of discount and tax-excluded, as precise as known; the line
    total as the quotation shows it (None: quantity x unit price). ``total``
    is the quotation's untaxed amount (None for answers without a quotation).

    - PRICE is the unit price at product-price precision (``price_digits``),
      per the smallest PRICEUNIT (1, 10, 100, 1000) that carries it exactly
      with three decimals, when QUANTITY x PRICE / PRICEUNIT then rounds to
      the line total (12.345 -> 12.345 per 1; 0.0125 -> 0.125 per 10).
    - Otherwise (a discount leaving many decimals, a large quantity) the
      price that rounds to the line total and is closest to the exact unit
      price, on any PRICEUNIT (12.345 -7.5% x 1000 -> 11419.125 per 1000);
      when no price can, the one closest to the line total.
    - Finally, as the shop rounds the untaxed amount over the whole order
      (not per line), lines are nudged within their own line total until
      the sum of the values rounds to ``total``: the lines already off
      their exact unit price first, then the largest quantities.
    """
    priced = [
        _PricedLine(unit_price, quantity, line_total, price_digits, rounding)
        for unit_price, quantity, line_total in lines
    ]
    if total is not None and priced:
        _fit_total(priced, round_amount(_decimal(total), rounding), _decimal(rounding))
    return [(format_number(line.price), str(line.price_unit)) for line in priced]


def _fit_total(priced, total, step):
    """Nudge line values, each within its own line total, until their sum
    rounds to ``total``: aim a quarter step inside the total's rounding
    interval (robust to a buyer's float arithmetic), moving one line when
    one can do it, else several; the lines already off their exact unit
    price first, then the largest quantities (the smallest change per
    unit), each on the smallest PRICEUNIT that does it."""
    half = step / 2
    low, high = total - half / 2, total + half / 2

    def fits(amount):
        return total - half <= amount < total + half

    current = sum(line.value for line in priced)
    if fits(current):
        return
    movable = sorted(
        (line for line in priced if line.quantity),
        key=lambda line: (
            line.price / line.price_unit == line.raw,
            line.price / line.price_unit == line.unit,
            -line.quantity,
        ),
    )

    def fitting_option(line, current):
        target = line.value + (min(max(current, low), high) - current)
        for unit in PRICE_UNITS:
            option = line.closest(target, units=(unit,))
            if option and fits(current - line.value + line.quantity * option[0] / option[1]):
                return option
        return None

    for line in movable:  # one line that can do it alone
        option = fitting_option(line, current)
        if option:
            line.price, line.price_unit = option
            return
    for line in movable:  # else several, each as far as it can
        target = line.value + (min(max(current, low), high) - current)
        option = line.closest(target, slack=step / 10)
        if not option:
            continue
        before = line.value
        line.price, line.price_unit = option
        current += line.value - before
        if fits(current):
            return


def parse_number(text):
    """Read a number the way a lenient buyer would: accept a comma as the
    decimal separator (some SRMs send QUANTITY=1,5). Numbers a float cannot
    hold (1E+400) are refused like junk."""
    number = float(parse_decimal(text))
    if not math.isfinite(number):
        raise ValueError(f"number out of range: {text!r}")
    return number


def parse_decimal(text):
    """:func:`parse_number` as an exact Decimal."""
    if text is None:
        raise ValueError("missing number")
    text = str(text).strip().replace(" ", "")
    if "," in text and "." in text:
        # 1.234,5 (European) or 1,234.5 (English): the last one is decimal.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {text!r}") from exc
    if not number.is_finite():
        raise ValueError(f"not a number: {text!r}")
    return number


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
