# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""OCI price rules: PRICE and PRICEUNIT chosen so that what the buyer's
system computes (QUANTITY x PRICE / PRICEUNIT) is what the shop quoted, per
line and for the whole cart. Pure Python (no Odoo import)."""

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from .oci_numbers import format_number, parse_decimal

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
