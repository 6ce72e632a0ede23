"""Pictures for the demo shop, drawn with Pillow so the demo looks right without internet.

Each product gets its own colour and shape with its name written on it; banners and nav icons
likewise. Names are drawn with a CJK font when the machine has one (WenQuanYi, Noto CJK,
Droid Sans Fallback, PingFang, Microsoft YaHei…), else with Pillow's own font and the
English label, so the pictures never show boxes instead of characters.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PRODUCT_SIDE = 480
BANNER_SIZE = (750, 320)
ICON_SIDE = 96

CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)


@lru_cache(maxsize=1)
def cjk_font_path() -> str | None:
    return next((path for path in CJK_FONTS if Path(path).is_file()), None)


@lru_cache(maxsize=16)
def _font(size: int) -> tuple[ImageFont.FreeTypeFont | ImageFont.ImageFont, bool]:
    """A font of ``size`` px and whether it can draw Chinese."""
    path = cjk_font_path()
    if path is not None:
        try:
            return ImageFont.truetype(path, size), True
        except OSError:
            pass
    return ImageFont.load_default(size), False


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _mix(colour: tuple[int, int, int], other: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    return tuple(round(a + (b - a) * share) for a, b in zip(colour, other))  # type: ignore[return-value]


def _shape(draw: ImageDraw.ImageDraw, shape: str, box: tuple[int, int, int, int], fill: tuple[int, int, int]) -> None:
    left, top, right, bottom = box
    if shape == "circle":
        draw.ellipse(box, fill=fill)
    elif shape == "triangle":
        draw.polygon([((left + right) // 2, top), (right, bottom), (left, bottom)], fill=fill)
    elif shape == "diamond":
        middle_x, middle_y = (left + right) // 2, (top + bottom) // 2
        draw.polygon([(middle_x, top), (right, middle_y), (middle_x, bottom), (left, middle_y)], fill=fill)
    else:
        draw.rounded_rectangle(box, radius=(right - left) // 6, fill=fill)


def _label(text_zh: str, text_en: str, size: int) -> tuple[str, ImageFont.FreeTypeFont | ImageFont.ImageFont]:
    font, cjk = _font(size)
    return (text_zh if cjk else text_en), font


def _centred(draw: ImageDraw.ImageDraw, centre: tuple[int, int], text: str, font: object, fill: tuple[int, int, int], width: int) -> None:
    """Draw ``text`` centred, shrunk by characters until it fits ``width``."""
    while text and draw.textlength(text, font=font) > width:  # type: ignore[arg-type]
        text = text[:-2] + "…" if len(text) > 2 else text[:-1]
    draw.text(centre, text, font=font, fill=fill, anchor="mm")  # type: ignore[arg-type]


def product_photo(title: str, label_en: str, colour: str, shape: str) -> bytes:
    """A square product picture: a light ground, the product's shape in its colour, its name."""
    base = _hex(colour)
    image = Image.new("RGB", (PRODUCT_SIDE, PRODUCT_SIDE), _mix(base, (255, 255, 255), 0.85))
    draw = ImageDraw.Draw(image)
    side = PRODUCT_SIDE
    draw.ellipse((side * 0.18, side * 0.62, side * 0.82, side * 0.74), fill=_mix(base, (255, 255, 255), 0.65))
    _shape(draw, shape, (int(side * 0.26), int(side * 0.14), int(side * 0.74), int(side * 0.66)), base)
    _shape(draw, shape, (int(side * 0.38), int(side * 0.27), int(side * 0.52), int(side * 0.41)), _mix(base, (255, 255, 255), 0.45))
    text, font = _label(title, label_en, 34)
    _centred(draw, (side // 2, int(side * 0.86)), text, font, _mix(base, (0, 0, 0), 0.45), side - 40)
    return _png(image)


def banner(title: str, title_en: str, subtitle: str, subtitle_en: str, colour: str, shape: str) -> bytes:
    """A 750×320 banner: a two-tone ground, a big shape on the right, a headline on the left."""
    base = _hex(colour)
    width, height = BANNER_SIZE
    image = Image.new("RGB", BANNER_SIZE, base)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 0.62, width, height), fill=_mix(base, (0, 0, 0), 0.12))
    _shape(draw, shape, (int(width * 0.62), 40, int(width * 0.62) + 240, 280), _mix(base, (255, 255, 255), 0.35))
    headline, big = _label(title, title_en, 56)
    line, small = _label(subtitle, subtitle_en, 30)
    draw.text((48, 96), headline, font=big, fill=(255, 255, 255), anchor="lm")  # type: ignore[arg-type]
    draw.text((48, 176), line, font=small, fill=_mix(base, (255, 255, 255), 0.8), anchor="lm")  # type: ignore[arg-type]
    return _png(image)


def nav_icon(text: str, text_en: str, colour: str, shape: str) -> bytes:
    """A 96×96 round icon with the entry's first character (or letter) on its shape."""
    base = _hex(colour)
    image = Image.new("RGB", (ICON_SIDE, ICON_SIDE), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, ICON_SIDE - 4, ICON_SIDE - 4), fill=_mix(base, (255, 255, 255), 0.75))
    _shape(draw, shape, (22, 22, ICON_SIDE - 22, ICON_SIDE - 22), base)
    glyph, font = _label(text[:1], text_en[:1].upper(), 30)
    draw.text((ICON_SIDE // 2, ICON_SIDE // 2), glyph, font=font, fill=(255, 255, 255), anchor="mm")  # type: ignore[arg-type]
    return _png(image)
