# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Pictures of the demo shop, drawn with Pillow when the demo data is
installed (nothing is downloaded, nothing is stored in the repository).

Pure functions: ``product_picture(kind, color, accent, label)`` and
``shop_logo()`` return JPEG / PNG bytes."""

import io
import math

from PIL import Image, ImageDraw, ImageFont

SIZE = 480
BACKGROUND = (250, 244, 238)
CREAM = (255, 250, 240)
BROWN = (120, 72, 40)
DARK = (74, 44, 42)
PINK = (214, 92, 124)
GREEN = (84, 150, 72)

_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "DejaVuSans-Bold.ttf",
)


def _font(size):
    for name in _FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def _shade(color, factor):
    return tuple(max(0, min(255, int(c * factor))) for c in color)


def _cylinder(draw, box, color, top_color):
    """A round cake seen from the side: body between two ellipses."""
    left, top, right, bottom = box
    depth = (right - left) // 5
    draw.ellipse((left, bottom - depth, right, bottom + depth), fill=_shade(color, 0.8))
    draw.rectangle((left, top, right, bottom), fill=color)
    draw.ellipse((left, top - depth, right, top + depth), fill=top_color)
    return depth


def _plate(draw):
    draw.ellipse((40, 330, 440, 420), fill=(225, 225, 230), outline=(200, 200, 210), width=3)


def _draw_cake(draw, color, accent, label):
    _plate(draw)
    depth = _cylinder(draw, (90, 210, 390, 360), color, CREAM)
    for index in range(8):
        angle = 2 * math.pi * index / 8
        x = 240 + 118 * math.cos(angle)
        y = 210 + (depth - 14) * math.sin(angle)
        draw.ellipse((x - 16, y - 22, x + 16, y + 6), fill=accent)
        draw.polygon([(x - 6, y - 22), (x, y - 32), (x + 6, y - 22)], fill=GREEN)
    for x in range(100, 390, 24):  # cream rim
        draw.ellipse((x - 12, 346, x + 12, 370), fill=CREAM)
    if label:
        font = _font(34)
        draw.text((240, 290), label, fill=DARK, font=font, anchor="mm")


def _draw_tart(draw, color, accent, _label):
    _plate(draw)
    depth = _cylinder(draw, (80, 260, 400, 330), _shade(color, 0.9), color)
    for offset in range(-100, 101, 40):  # lattice
        draw.line(
            (240 + offset - 30, 260 - depth + 14, 240 + offset + 30, 260 + depth - 14),
            fill=accent,
            width=9,
        )
        draw.line(
            (240 + offset + 30, 260 - depth + 14, 240 + offset - 30, 260 + depth - 14),
            fill=accent,
            width=9,
        )
    draw.ellipse((80, 260 - depth, 400, 260 + depth), outline=_shade(color, 0.7), width=10)


def _draw_pastries(draw, color, accent, _label):
    draw.rounded_rectangle((40, 300, 440, 400), radius=20, fill=(236, 226, 214))
    for index, x in enumerate((70, 190, 310)):
        top = 180 + (index % 2) * 20
        draw.rectangle((x, top + 60, x + 100, top + 120), fill=CREAM)
        draw.rectangle((x, top + 50, x + 100, top + 62), fill=(222, 178, 110))
        draw.rectangle((x, top + 118, x + 100, top + 130), fill=(222, 178, 110))
        draw.rounded_rectangle((x - 4, top + 30, x + 104, top + 52), radius=8, fill=color)
        draw.ellipse((x + 40, top + 20, x + 60, top + 40), fill=accent)


def _draw_domes(draw, color, accent, _label):
    draw.rounded_rectangle((40, 300, 440, 400), radius=20, fill=(236, 226, 214))
    for x, y in ((120, 250), (240, 230), (360, 250), (180, 320), (300, 320)):
        draw.ellipse((x - 58, y - 20, x + 58, y + 40), fill=_shade(accent, 0.9))
        draw.chord((x - 55, y - 60, x + 55, y + 40), 180, 360, fill=color)
        draw.arc((x - 40, y - 48, x + 20, y + 10), 200, 260, fill=_shade(color, 1.6), width=6)


def _draw_cupcakes(draw, color, accent, _label):
    for x, y in ((130, 200), (300, 200), (215, 300)):
        draw.polygon(
            [(x - 55, y + 40), (x + 55, y + 40), (x + 40, y + 120), (x - 40, y + 120)], fill=accent
        )
        for dx in range(-40, 41, 20):
            draw.line((x + dx, y + 44, x + dx * 0.75, y + 116), fill=_shade(accent, 0.8), width=3)
        for radius, dy in ((58, 24), (44, -8), (28, -34)):
            draw.ellipse((x - radius, dy + y - 24, x + radius, dy + y + 24), fill=color)
        draw.ellipse((x - 10, y - 76, x + 10, y - 56), fill=(200, 30, 50))


def _draw_basket(draw, color, accent, _label):
    draw.arc((110, 60, 370, 330), 180, 360, fill=BROWN, width=16)
    fruits = (
        (170, 190, (236, 140, 40)),
        (250, 175, (200, 40, 50)),
        (320, 195, (140, 190, 60)),
        (210, 215, color),
        (290, 220, accent),
        (140, 225, (250, 210, 60)),
    )
    for x, y, fill in fruits:
        draw.ellipse((x - 42, y - 42, x + 42, y + 42), fill=fill, outline=_shade(fill, 0.8))
        draw.line((x, y - 42, x + 6, y - 56), fill=BROWN, width=5)
    draw.polygon([(80, 230), (400, 230), (360, 400), (120, 400)], fill=(176, 120, 66))
    for y in range(245, 400, 24):
        draw.line((90 + (y - 230) // 4, y, 390 - (y - 230) // 4, y), fill=BROWN, width=4)
    draw.rectangle((76, 222, 404, 240), fill=BROWN)


def _flower(draw, x, y, radius, color):
    for index in range(6):
        angle = 2 * math.pi * index / 6
        px = x + radius * math.cos(angle)
        py = y + radius * math.sin(angle)
        draw.ellipse(
            (px - radius * 0.8, py - radius * 0.8, px + radius * 0.8, py + radius * 0.8), fill=color
        )
    draw.ellipse(
        (x - radius * 0.6, y - radius * 0.6, x + radius * 0.6, y + radius * 0.6),
        fill=(250, 200, 60),
    )


def _draw_bouquet(draw, color, accent, _label):
    heads = ((170, 130), (240, 100), (310, 130), (205, 180), (280, 180), (240, 230))
    for x, y in heads:
        draw.line((x, y, 240, 390), fill=GREEN, width=7)
    for index, (x, y) in enumerate(heads):
        _flower(draw, x, y, 28, color if index % 2 == 0 else accent)
    draw.polygon([(150, 260), (330, 260), (260, 440), (220, 440)], fill=(236, 214, 190))
    draw.polygon([(200, 330), (280, 330), (270, 360), (210, 360)], fill=PINK)


def _draw_plant(draw, color, accent, _label):
    draw.line((240, 330, 230, 110), fill=GREEN, width=8)
    draw.arc((230, 90, 360, 240), 200, 300, fill=GREEN, width=7)
    for x, y in ((225, 120), (280, 110), (320, 140), (300, 180)):
        _flower(draw, x, y, 22, color)
    draw.ellipse((150, 290, 330, 340), fill=GREEN)
    draw.polygon([(150, 320), (330, 320), (300, 440), (180, 440)], fill=accent)


def _draw_gift(draw, color, accent, label):
    draw.rectangle((100, 200, 380, 420), fill=color)
    draw.rectangle((85, 170, 395, 220), fill=_shade(color, 0.85))
    draw.rectangle((222, 170, 258, 420), fill=accent)
    draw.ellipse((160, 110, 240, 180), outline=accent, width=14)
    draw.ellipse((240, 110, 320, 180), outline=accent, width=14)
    if label:
        draw.text(
            (240, 320),
            label,
            fill=CREAM,
            font=_font(30),
            anchor="mm",
            stroke_width=2,
            stroke_fill=_shade(color, 0.6),
        )


def _draw_mug(draw, color, accent, label):
    edge = _shade(color, 0.75)
    draw.arc((290, 190, 400, 330), 270, 90, fill=edge, width=24)
    draw.rounded_rectangle((120, 150, 320, 400), radius=24, fill=color, outline=edge, width=4)
    draw.ellipse((120, 135, 320, 170), fill=_shade(color, 0.7))
    draw.ellipse((160, 230, 280, 330), fill=accent)
    draw.text((220, 280), label or "LOGO", fill=CREAM, font=_font(26), anchor="mm")


def _draw_candle(draw, color, accent, _label):
    draw.rectangle((130, 320, 350, 420), fill=accent)
    _cylinder(draw, (170, 180, 310, 360), color, _shade(color, 1.1))
    draw.line((240, 180, 240, 150), fill=DARK, width=4)
    draw.ellipse((226, 100, 254, 152), fill=(250, 180, 40))
    draw.ellipse((234, 120, 246, 150), fill=(255, 240, 150))


def _draw_bottles(draw, color, accent, _label):
    for x in (180, 300):
        draw.rounded_rectangle((x - 40, 170, x + 40, 400), radius=18, fill=color)
        draw.rectangle((x - 14, 80, x + 14, 180), fill=color)
        draw.rectangle((x - 30, 250, x + 30, 320), fill=CREAM)
        draw.rectangle((x - 15, 76, x + 15, 96), fill=accent)
    draw.rectangle((90, 330, 390, 430), fill=(176, 120, 66))
    draw.line((90, 380, 390, 380), fill=BROWN, width=4)


DRAWINGS = {
    "cake": _draw_cake,
    "tart": _draw_tart,
    "pastries": _draw_pastries,
    "domes": _draw_domes,
    "cupcakes": _draw_cupcakes,
    "basket": _draw_basket,
    "bouquet": _draw_bouquet,
    "plant": _draw_plant,
    "gift": _draw_gift,
    "mug": _draw_mug,
    "candle": _draw_candle,
    "bottles": _draw_bottles,
}


def product_picture(kind, color, accent, label=None):
    """JPEG bytes of a product picture (about 10-20 KB)."""
    image = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    DRAWINGS[kind](draw, tuple(color), tuple(accent), label)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, optimize=True)
    return out.getvalue()


def shop_logo():
    """PNG bytes of the shop's logo: a cake in a pink circle and the name."""
    image = Image.new("RGBA", (720, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 190, 190), fill=PINK)
    draw.rectangle((55, 105, 145, 150), fill=CREAM)
    draw.ellipse((55, 92, 145, 118), fill=(255, 255, 255))
    draw.ellipse((55, 138, 145, 162), fill=CREAM)
    draw.rectangle((95, 62, 105, 100), fill=(255, 220, 120))
    draw.ellipse((92, 44, 108, 66), fill=(250, 180, 40))
    draw.text((215, 72), "Toptaarten", fill=DARK, font=_font(74), anchor="lm")
    draw.text((219, 142), "taart · gebak · geschenken", fill=PINK, font=_font(30), anchor="lm")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
