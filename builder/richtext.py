"""Merchant rich text (HTML from the editor) to a sanitised node tree for ``<rich-text nodes>``.

Only allow-listed tags survive; attributes are dropped except an ``https`` image source and
alt text; text stays text, shown as the merchant's HTML means it on every target (see
``_entity_free``). Unknown tags are
unwrapped (their text kept), and script/style content is dropped entirely.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "span", "h1", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "img", "div"}
)
VOID_TAGS = frozenset({"br", "img"})
DROP_CONTENT = frozenset({"script", "style", "iframe", "object", "template", "noscript", "textarea", "title"})
SAFE_SRC = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/?-]*)?$")
MAX_DEPTH = 20


class _NodeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[dict[str, Any]] = []
        self.stack: list[tuple[str, list[dict[str, Any]]]] = []
        self.dropping = 0

    def _children(self) -> list[dict[str, Any]]:
        return self.stack[-1][1] if self.stack else self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in ALLOWED_TAGS or len(self.stack) >= MAX_DEPTH:
            return
        node: dict[str, Any] = {"name": tag, "attrs": {"class": f"kd-rt-{tag}"}}
        if tag == "img":
            values = dict(attrs)
            src = values.get("src") or ""
            if not SAFE_SRC.match(src):
                return
            node["attrs"].update({"src": src, "alt": (values.get("alt") or "")[:100], "style": "max-width:100%"})
        if tag in VOID_TAGS:
            self._children().append(node)
            return
        node["children"] = []
        self._children().append(node)
        self.stack.append((tag, node["children"]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.dropping and data:
            self._children().extend({"type": "text", "text": part} for part in _entity_free(data))


def _entity_free(text: str) -> list[str]:
    """``text`` cut after every ``&``, so no text node holds an entity (``&lt;``, ``&#60;``).

    A text node's entities are decoded by uni-app H5 and WeChat, but shown as typed by Taro H5
    (``&nbsp;`` aside). The parser has already decoded the merchant's HTML once; cutting keeps
    that one meaning on every target: ``&amp;lt;`` shows as ``&lt;`` everywhere.
    """
    parts = text.split("&")
    return [part + "&" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def html_to_nodes(html: str) -> list[dict[str, Any]]:
    builder = _NodeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
