"""The generated storefront's icon set: line icons drawn once, as strokes on a 24-unit grid.

Emoji icons render as empty boxes on a phone without an emoji font and differ between phones;
these draw the same everywhere. Each icon is a few primitives, from which come both the SVG the
pages show (``svg``; coloured at run time from the theme's tokens, see utils/icons.js) and
the PNG the native tab bars need (``png``: WeChat's tabBar takes only local PNG/JPG files,
and uni-app and Taro pass the paths through; Taro's H5 build bundles the same files).
"""

from __future__ import annotations

import io
import math
from typing import Any

STROKE = 2.0  # grid units; round caps and joins
GRID = 24
TAB_ICON_PIXELS = 81  # WeChat's recommended tabBar icon size
_SUPERSAMPLE = 4


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float, steps: int = 16) -> list[tuple[float, float]]:
    """Points along an elliptical arc (degrees, clockwise on screen from the +x axis)."""
    return [
        (round(cx + rx * math.cos(math.radians(start + (end - start) * i / steps)), 2), round(cy + ry * math.sin(math.radians(start + (end - start) * i / steps)), 2))
        for i in range(steps + 1)
    ]


# name -> primitives: ("line", points) open polyline, ("shape", points) closed polygon,
# ("circle", cx, cy, r), ("rect", x, y, width, height, corner radius); all stroked, none filled.
ICONS: dict[str, list[tuple[Any, ...]]] = {
    "home": [("line", [(3, 11), (12, 3.5), (21, 11)]), ("line", [(5.5, 9.5), (5.5, 20.5), (18.5, 20.5), (18.5, 9.5)]), ("line", [(10, 20.5), (10, 15), (14, 15), (14, 20.5)])],
    "category": [("rect", 3.5, 3.5, 7, 7, 1.5), ("rect", 13.5, 3.5, 7, 7, 1.5), ("rect", 3.5, 13.5, 7, 7, 1.5), ("rect", 13.5, 13.5, 7, 7, 1.5)],
    "cart": [("line", [(2.5, 3.5), (5.5, 3.5), (8, 15.5), (18.5, 15.5), (21, 7.5), (6.5, 7.5)]), ("circle", 9, 19.5, 1.5), ("circle", 17.5, 19.5, 1.5)],
    "user": [("circle", 12, 8, 4), ("line", _arc(12, 21, 7.5, 6.5, 180, 360))],
    "order": [("rect", 5, 3, 14, 18, 2), ("line", [(9, 8), (15, 8)]), ("line", [(9, 12), (15, 12)]), ("line", [(9, 16), (12.5, 16)])],
    "search": [("circle", 11, 11, 6.5), ("line", [(16, 16), (20.5, 20.5)])],
    "notice": [("shape", [(3.5, 9.5), (7.5, 9.5), (13, 5), (13, 19), (7.5, 14.5), (3.5, 14.5)]), ("line", _arc(13, 12, 3.5, 3.5, -50, 50, 8)), ("line", _arc(13, 12, 7, 7, -50, 50, 12))],
    "image": [("rect", 3, 4.5, 18, 15, 2), ("circle", 8.5, 9.5, 1.5), ("line", [(3.5, 17), (9, 12.5), (13, 16), (16, 13.5), (20.5, 17)])],
}
ICON_LABELS = {
    "home": ("首页", "Home"), "category": ("分类", "Categories"), "cart": ("购物车", "Cart"), "user": ("我的", "Me"),
    "order": ("订单", "Orders"), "search": ("搜索", "Search"), "notice": ("公告", "Notice"), "image": ("图片", "Image"),
}
# What a tab shows when its item names no icon: the icon of the first component on its page
# that suggests one (a component's ``tab_icon``), else this.
DEFAULT_TAB_ICON = "home"


def _number(value: float) -> str:
    return f"{value:g}"


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{_number(x)},{_number(y)}" for x, y in points)


def svg_body(name: str) -> str:
    """The icon's SVG elements (no colour: the <svg> around them sets ``stroke``)."""
    parts = []
    for kind, *args in ICONS[name]:
        if kind == "line":
            parts.append(f'<polyline points="{_points(args[0])}"/>')
        elif kind == "shape":
            parts.append(f'<polygon points="{_points(args[0])}"/>')
        elif kind == "circle":
            parts.append(f'<circle cx="{_number(args[0])}" cy="{_number(args[1])}" r="{_number(args[2])}"/>')
        elif kind == "rect":
            x, y, width, height, radius = args
            parts.append(f'<rect x="{_number(x)}" y="{_number(y)}" width="{_number(width)}" height="{_number(height)}" rx="{_number(radius)}"/>')
    return "".join(parts)


def svg(name: str, color: str) -> str:
    """The whole icon as an SVG document stroked in ``color``."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}" fill="none" stroke="{color}" '
        f'stroke-width="{_number(STROKE)}" stroke-linecap="round" stroke-linejoin="round">{svg_body(name)}</svg>'
    )


def _rgba(color: str) -> tuple[int, int, int, int]:
    value = color.lstrip("#")
    if len(value) in (3, 4):
        value = "".join(char * 2 for char in value)
    if len(value) == 6:
        value += "ff"
    return tuple(int(value[index : index + 2], 16) for index in (0, 2, 4, 6))  # type: ignore[return-value]


def png(name: str, color: str, pixels: int = TAB_ICON_PIXELS) -> bytes:
    """The icon as a ``pixels``-square PNG, stroked in ``color`` on transparency (drawn large
    and scaled down, so its edges are smooth). Same input, same bytes."""
    from PIL import Image, ImageDraw

    size = pixels * _SUPERSAMPLE
    scale = size / GRID
    width = max(1, round(STROKE * scale))
    # Draw the coverage as a grey mask, then colour it: no dark fringes where edges blend.
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return (point[0] * scale, point[1] * scale)

    def dot(point: tuple[float, float]) -> None:  # a round cap or join
        x, y = at(point)
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=255)

    for kind, *args in ICONS[name]:
        if kind in ("line", "shape"):
            points = list(args[0]) + ([args[0][0]] if kind == "shape" else [])
            draw.line([at(point) for point in points], fill=255, width=width, joint="curve")
            for point in points:
                dot(point)
        elif kind == "circle":
            x, y, radius = args
            outer = radius * scale + width / 2
            cx, cy = at((x, y))
            draw.ellipse((cx - outer, cy - outer, cx + outer, cy + outer), outline=255, width=width)
        elif kind == "rect":
            x, y, rect_width, rect_height, radius = args
            left, top = at((x, y))
            right, bottom = at((x + rect_width, y + rect_height))
            half = width / 2
            draw.rounded_rectangle((left - half, top - half, right + half, bottom + half), radius=radius * scale + half, outline=255, width=width)
    red, green, blue, alpha = _rgba(color)
    coverage = mask.resize((pixels, pixels), Image.Resampling.LANCZOS)
    image = Image.new("RGBA", (pixels, pixels), (red, green, blue, 0))
    image.putalpha(coverage.point(lambda value: value * alpha // 255))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def tab_icon_files(tab_bar: dict[str, Any] | None, folder: str) -> dict[str, bytes]:
    """The tab bar's PNGs under ``folder``: ``<icon>.png`` in the tab colour and
    ``<icon>-active.png`` in the selected colour, for each icon the tabs use."""
    if not tab_bar:
        return {}
    files = {}
    for icon in sorted({item["icon"] for item in tab_bar["items"]}):
        files[f"{folder}/{icon}.png"] = png(icon, tab_bar["color"])
        files[f"{folder}/{icon}-active.png"] = png(icon, tab_bar["selected_color"])
    return files


# Theme tokens an in-page icon may be drawn in (``icon('search', 'text_secondary')``).
ICON_TONES = ("primary", "accent", "text", "text_secondary", "on_primary", "border")


def icons_module(colors: dict[str, str]) -> str:
    """``src/utils/icons.js``: ``icon(name, tone)`` -> an SVG data URI for ``<image>``, stroked
    in the theme's colour of that tone. Mini-programs have no inline SVG, and their ``<image>``
    takes SVG data URIs; base64 because not every renderer takes them percent-encoded."""
    from builder.render import js_literal

    bodies = {name: svg_body(name) for name in ICONS}
    tones = {tone: colors[tone] for tone in ICON_TONES}
    head, tail = svg(next(iter(ICONS)), "{color}").split(svg_body(next(iter(ICONS))))
    return (
        "// The storefront's icon set (builder/icons.py) as SVG images in the theme's colours.\n"
        f"const BODIES = {js_literal(bodies, indent=1)}\n"
        f"const TONES = {js_literal(tones, indent=1)}\n"
        f"const HEAD = {js_literal(head)}\n"
        f"const TAIL = {js_literal(tail)}\n"
        "const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'\n"
        "const made = {}\n"
        "\n"
        "// The SVG is ASCII, so each character is one byte (no btoa in mini-programs).\n"
        "function base64(text) {\n"
        "  let out = ''\n"
        "  for (let i = 0; i < text.length; i += 3) {\n"
        "    const a = text.charCodeAt(i), b = text.charCodeAt(i + 1), c = text.charCodeAt(i + 2)\n"
        "    const bits = (a << 16) | ((b || 0) << 8) | (c || 0)\n"
        "    out += LETTERS[bits >> 18] + LETTERS[(bits >> 12) & 63]\n"
        "    out += i + 1 < text.length ? LETTERS[(bits >> 6) & 63] : '='\n"
        "    out += i + 2 < text.length ? LETTERS[bits & 63] : '='\n"
        "  }\n"
        "  return out\n"
        "}\n"
        "\n"
        "// icon('search', 'text_secondary'): a tone is a theme colour token's name.\n"
        "export function icon(name, tone = 'text') {\n"
        "  const key = name + ':' + tone\n"
        "  if (!made[key]) {\n"
        "    const color = TONES[tone] || TONES.text\n"
        "    made[key] = 'data:image/svg+xml;base64,' + base64(HEAD.split('{color}').join(color) + (BODIES[name] || '') + TAIL)\n"
        "  }\n"
        "  return made[key]\n"
        "}\n"
    )
