"""WeChat's limits on a mini-program's packages, and what a generated project must weigh at least.

``kaidian build --check`` measures the official build (``toolchain.package_sizes``). The admin's
zip export cannot wait minutes for a build, so it weighs what every build must ship at least:
each page's data (every string and number of its blocks, in UTF-8) plus floors for a page, a
block's markup and the main package's runtime, set below what both toolchains were measured to
emit (uni-app mp-weixin: a 7-block page 3.1 KB besides its data, main package 131 KB; Taro
weapp: 4.5 KB and 342 KB). An export it refuses would be refused by WeChat too; ``--check``
still has the last word on the rest.
"""

from __future__ import annotations

from typing import Any

# WeChat's limits (bytes): each package, main or sub, and all of them together.
PACKAGE_LIMIT = 2 * 1024 * 1024
TOTAL_LIMIT = 20 * 1024 * 1024
# Floors of what a build emits besides the page data (see above).
MAIN_PACKAGE_RUNTIME_BYTES = 100 * 1024
PAGE_BYTES = 1024
BLOCK_BYTES = 100


def limit_problems(package_bytes: dict[str, int], *, at_least: bool = False) -> list[dict[str, str]]:
    """What WeChat would refuse, as ``{"package", "zh-CN", "en"}``: a package over 2 MB, the whole
    over 20 MB. ``at_least`` words the sizes as lower bounds (an estimate before any build)."""
    zh_size, en_size = ("至少", "at least ") if at_least else ("", "")
    problems = []
    for name, size in sorted(package_bytes.items()):
        if size > PACKAGE_LIMIT:
            zh_which, en_which = (f"分包 {name}", f"subpackage {name}") if name else ("主包", "the main package")
            problems.append({
                "package": name,
                "zh-CN": f"{zh_which}{zh_size}为 {size / 1024:.1f} KB，微信最多允许 {PACKAGE_LIMIT // 1024} KB",
                "en": f"{en_which} is {en_size}{size / 1024:.1f} KB; WeChat allows at most {PACKAGE_LIMIT // 1024} KB",
            })
    total = sum(package_bytes.values())
    if total > TOTAL_LIMIT:
        problems.append({
            "package": "*",
            "zh-CN": f"全部分包合计{zh_size}为 {total / 1024:.1f} KB，微信最多允许 {TOTAL_LIMIT // 1024} KB",
            "en": f"all packages together are {en_size}{total / 1024:.1f} KB; WeChat allows at most {TOTAL_LIMIT // 1024} KB",
        })
    return problems


def _value_bytes(value: Any) -> int:
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    if isinstance(value, dict):
        return sum(_value_bytes(item) for item in value.values())
    if isinstance(value, list):
        return sum(_value_bytes(item) for item in value)
    if isinstance(value, bool) or value is None:
        return 0
    return len(str(value))


def minimum_package_bytes(plan: Any) -> dict[str, int]:
    """Bytes each package weighs at least in any build: ``""`` is the main package."""
    sizes: dict[str, int] = {"": MAIN_PACKAGE_RUNTIME_BYTES}
    for page in plan.pages:
        weight = PAGE_BYTES + BLOCK_BYTES * len(page.blocks) + _value_bytes(page.title) + _value_bytes(page.blocks)
        sizes[page.root] = sizes.get(page.root, 0) + weight
    return sizes
