"""The built-in backend's per-shop index: keys per title, kept in step product by product, and
answering a query in stages so the work is bounded by the number of results, not the shop.

Each title is keyed three ways — the text itself, its pinyin spelled out (``shouji``) and its
pinyin initials (``sj``). Relevance, best first: a prefix of the title text, a prefix of a
pinyin key, the query anywhere in a key or the tags, then a prefix with one typo (a wrong,
missing or extra character after the first; queries of three or more characters). Within a
relevance, more sales first, then lower id.

For lookup, entries are laid out in (sales, id) order in three text "haystacks" (title lines;
pinyin lines; everything lines; an ASCII-only copy of each for ASCII queries) searched with
``str.find``: the first ``limit`` hits of a stage are already its best, so a stage stops
there. The typo stage checks the few keys sharing the query's first characters one by one and
looks up one-edit variants for the positions before (``typo_matches``). Layouts are rebuilt
lazily after a change.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from pypinyin import lazy_pinyin

VARIANT_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
LAST_CHAR = "\U0010ffff"


def keys_for(title: str) -> tuple[str, str, str]:
    """The lower-cased title, its pinyin spelled out, and its pinyin initials."""
    text = title.lower().strip()
    syllables = [s for s in lazy_pinyin(text, errors=lambda chars: list(chars)) if s.strip()]
    full = "".join(syllables).replace(" ", "")
    initials = "".join(syllable[0] for syllable in syllables if syllable)
    return text, full, initials


def within_one_edit(query: str, key: str) -> bool:
    """Whether ``query`` is a prefix of ``key`` up to one substituted, missing or extra char."""
    n = len(query)
    for length in (n, n - 1, n + 1):
        if length < 1 or length > len(key):
            continue
        candidate = key[:length]
        if length == n:
            if sum(a != b for a, b in zip(query, candidate)) == 1:
                return True
        else:
            longer, shorter = (query, candidate) if n > length else (candidate, query)
            for index in range(len(longer)):
                if longer[:index] + longer[index + 1 :] == shorter:
                    return True
    return False


def one_edit_prefixes(query: str, position: int) -> set[str]:
    """The strings one substitution, deletion or insertion at ``position`` away from ``query``."""
    head, tail = query[:position], query[position + 1 :]
    variants = {head + tail}
    for char in VARIANT_ALPHABET:
        variants.add(head + char + tail)
        variants.add(head + char + query[position:])
    variants.discard(query)
    return variants


def _clean(text: str) -> str:
    return text.replace("\n", " ").replace("\t", " ")


def _ascii_only(text: str) -> str:
    """Non-ASCII characters become separators: an ASCII query matches the same runs, and the
    haystack stays one byte per character (``str.find`` is several times faster)."""
    return text if text.isascii() else "".join(char if char.isascii() else "\t" for char in text)


@dataclass
class Entry:
    product_id: int
    title: str
    sales: int
    keys: tuple[str, str, str]
    tags: str


class _Haystack:
    """One line per entry, in the layout's order; ``starts`` are the lines' offsets."""

    def __init__(self, lines: list[str]) -> None:
        self.starts: list[int] = []
        offset = 0
        for line in lines:
            self.starts.append(offset)
            offset += len(line)
        self.text = "".join(lines)

    def scan(self, needle: str, order: list[Entry], limit: int, found: list[Entry], seen: set[int]) -> None:
        text, starts = self.text, self.starts
        position = text.find(needle)
        while position != -1 and len(found) < limit:
            line = bisect_right(starts, position) - 1
            entry = order[line]
            if entry.product_id not in seen:
                seen.add(entry.product_id)
                found.append(entry)
            position = text.find(needle, starts[line + 1]) if line + 1 < len(starts) else -1


class _Layout:
    # Above this many keys sharing the query's first characters, the typo stage looks up
    # one-edit variants instead of checking every key.
    SCAN_LIMIT = 64

    def __init__(self, entries: list[Entry]) -> None:
        self.order = sorted(entries, key=lambda entry: (-entry.sales, entry.product_id))
        # Per query alphabet: (title prefixes, pinyin prefixes, anywhere).
        self.stages = {
            ascii_only: (
                _Haystack([f"\n{clean(entry.keys[0])}" for entry in self.order]),
                _Haystack([f"\n\t{clean(entry.keys[1])}\t{clean(entry.keys[2])}" for entry in self.order]),
                _Haystack(["\n" + "\t".join(clean(part) for part in (*entry.keys, entry.tags)) for entry in self.order]),
            )
            for ascii_only, clean in ((False, _clean), (True, lambda text: _ascii_only(_clean(text))))
        }
        self.by_key: dict[str, list[Entry]] = {}
        for entry in entries:
            for key in set(entry.keys):
                if key:
                    self.by_key.setdefault(key, []).append(entry)
        self.sorted_keys = sorted(self.by_key)

    def keys_with_prefix(self, prefix: str) -> list[str]:
        low = bisect_left(self.sorted_keys, prefix)
        return self.sorted_keys[low : bisect_left(self.sorted_keys, prefix + LAST_CHAR, low)]

    def typo_matches(self, query: str) -> set[int]:
        """Ids of entries with a key that starts, up to one edit after the first character,
        with ``query``. Keys sharing the query's first ``shared`` characters are few enough to
        check one by one; an edit before ``shared`` is found by looking its variants up."""
        shared, nearby = 1, self.keys_with_prefix(query[0])
        if query.isascii():
            while len(nearby) > self.SCAN_LIMIT and shared < len(query):
                shared += 1
                nearby = self.keys_with_prefix(query[:shared])
        keys = [key for key in nearby if within_one_edit(query, key)]
        for position in range(1, shared):
            for variant in one_edit_prefixes(query, position):
                keys += self.keys_with_prefix(variant)
        return {entry.product_id for key in keys for entry in self.by_key[key]}


@dataclass
class ShopIndex:
    """One shop's entries. ``sync`` applies a fresh read of the shop's rows as per-product
    changes; ``ranked`` answers a query."""

    version: int = -1
    entries: dict[int, Entry] = field(default_factory=dict)
    _layout: _Layout | None = None

    def sync(self, rows: list[tuple[int, str, int, str | None]]) -> int:
        """Make the index match ``rows`` (id, title, sales, tag text); returns how many
        products changed. Pinyin keys are computed only for new or retitled products."""
        changed = 0
        seen = set()
        for product_id, title, sales, tag_text in rows:
            seen.add(product_id)
            tags = (tag_text or "").lower()
            old = self.entries.get(product_id)
            if old is not None and (old.title, old.sales, old.tags) == (title, sales, tags):
                continue
            keys = old.keys if old is not None and old.title == title else keys_for(title)
            self.entries[product_id] = Entry(product_id, title, sales, keys, tags)
            changed += 1
        for product_id in [pid for pid in self.entries if pid not in seen]:
            del self.entries[product_id]
            changed += 1
        if changed:
            self._layout = None
        return changed

    def layout(self) -> _Layout:
        if self._layout is None:
            self._layout = _Layout(list(self.entries.values()))
        return self._layout

    def ranked(self, query: str, limit: int) -> list[Entry]:
        if not query:
            return []
        layout = self.layout()
        found: list[Entry] = []
        seen: set[int] = set()
        titles, pinyin, everything = layout.stages[query.isascii()]
        titles.scan("\n" + query, layout.order, limit, found, seen)
        if len(found) < limit:
            pinyin.scan("\t" + query, layout.order, limit, found, seen)
        if len(found) < limit:
            everything.scan(query, layout.order, limit, found, seen)
        if len(found) < limit and len(query) >= 3:
            typos = [self.entries[pid] for pid in layout.typo_matches(query) - seen]
            typos.sort(key=lambda entry: (-entry.sales, entry.product_id))
            found += typos[: limit - len(found)]
        return found
