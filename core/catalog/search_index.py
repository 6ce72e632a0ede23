"""The built-in backend's per-shop index: keys per title, kept in step product by product, and
answering a query in stages so the work is bounded by the number of results, not the shop.

Each title is keyed three ways — the text itself, its pinyin spelled out (``shouji``) and its
pinyin initials (``sj``). Relevance, best first: a prefix of the title text, a prefix of a
pinyin key, the query anywhere in a key or the tags, then a prefix with one typo (a wrong,
missing or extra character after the first; queries of three or more characters). Within a
relevance, more sales first, then lower id.

Entries are kept in (sales, id) order in blocks of at most ``BLOCK`` entries. Each block lays
its entries out in text "haystacks" (title lines; pinyin lines; everything lines; an
ASCII-only copy of each for ASCII queries) searched with ``str.find``, block after block: the
first ``limit`` hits of a stage are already its best, so a stage stops there. A change to one
product touches one or two blocks, whose haystacks are laid out again when next searched —
an edit costs a block, not the shop. The typo stage checks the few keys sharing the query's
first characters one by one and looks up one-edit variants for the positions before
(``typo_matches``), over a sorted list of every key kept up to date key by key.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
import heapq
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pypinyin import lazy_pinyin
from sortedcontainers import SortedList

VARIANT_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
LAST_CHAR = "\U0010ffff"
# Entries per block: an edit lays out one block again (~1 ms at 1000 entries); a query that
# scans every block pays one str.find per block and stage.
BLOCK = 1000


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


NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _ascii_only(text: str) -> str:
    """Non-ASCII characters become separators: an ASCII query matches the same runs, and the
    haystack stays one byte per character (``str.find`` is several times faster). One
    character stays one character, so line offsets carry over."""
    return text if text.isascii() else NON_ASCII.sub("\t", text)


@dataclass(slots=True)
class Entry:
    product_id: int
    title: str
    sales: int
    keys: tuple[str, str, str]
    tags: str

    @property
    def rank(self) -> int:
        """More sales first, then lower id, as one integer (a tuple costs three objects)."""
        return (-self.sales << 40) + self.product_id


def _rank_number(entry: Entry) -> int:
    return (-entry.sales << 40) + entry.product_id


# Trigram filter of a block's "anywhere" haystack: characters fall in 32 buckets (letters,
# digits folded, everything else one), so a block's trigrams are a 4 KiB bitmap. A block
# missing one of the needle's trigrams cannot hold it and is skipped: a rare needle (a typo)
# then scans the few blocks that might hold it, not the shop.
_BUCKET = [31] * 128
for _code in range(128):
    if "a" <= chr(_code) <= "z":
        _BUCKET[_code] = _code - ord("a")
    elif "0" <= chr(_code) <= "9":
        _BUCKET[_code] = 26 + (_code - ord("0")) % 5


def _trigram_bits(trigrams: Iterable[str]) -> list[int]:
    bucket = _BUCKET
    return [(bucket[ord(t[0]) & 127] << 10) | (bucket[ord(t[1]) & 127] << 5) | bucket[ord(t[2]) & 127] for t in trigrams]


def _trigrams(text: str) -> set[str]:
    return {text[index : index + 3] for index in range(len(text) - 2)}


# A stage's line for one entry: 0 title prefixes, 1 pinyin prefixes, 2 anywhere.
def _line(entry: Entry, stage: int) -> str:
    keys = entry.keys
    if stage == 0:
        return "\n" + _clean(keys[0])
    if stage == 1:
        return f"\n\t{_clean(keys[1])}\t{_clean(keys[2])}"
    return f"\n{_clean(keys[0])}\t{_clean(keys[1])}\t{_clean(keys[2])}\t{_clean(entry.tags)}"


class _Block:
    """Consecutive entries in rank order, with one haystack per stage and alphabet: lines
    joined, and where each line starts (shared by the two alphabets, one char for one). An
    insert or removal splices one line into each, a copy of the block's text, not a layout."""

    __slots__ = ("entries", "ranks", "texts", "ascii_texts", "starts", "trigrams")

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.ranks = [entry.rank for entry in entries]
        self.texts: list[str] = []
        self.ascii_texts: list[str] = []
        self.starts: list[array[int]] = []
        for stage in range(3):
            lines = [_line(entry, stage) for entry in entries]
            text = "".join(lines)
            self.texts.append(text)
            self.ascii_texts.append(_ascii_only(text))
            self.starts.append(array("i", [0, *accumulate(map(len, lines))][:-1] if lines else []))
        self.trigrams = bytearray(4096)
        self._mark(self.ascii_texts[2])

    def _mark(self, text: str) -> None:
        bits = self.trigrams
        for bit in _trigram_bits(_trigrams(text)):
            bits[bit >> 3] |= 1 << (bit & 7)

    def may_hold(self, bits: list[int]) -> bool:
        """False when the "anywhere" haystack lacks one of the trigrams (``_trigram_bits``)."""
        table = self.trigrams
        return all(table[bit >> 3] & (1 << (bit & 7)) for bit in bits)

    def haystack(self, stage: int, ascii_only: bool) -> tuple[str, array[int]]:
        return (self.ascii_texts if ascii_only else self.texts)[stage], self.starts[stage]

    def insert(self, at: int, entry: Entry) -> None:
        self.entries.insert(at, entry)
        self.ranks.insert(at, entry.rank)
        for stage in range(3):
            line, text, starts = _line(entry, stage), self.texts[stage], self.starts[stage]
            position = starts[at] if at < len(starts) else len(text)
            self._splice(stage, position, position, line)
            starts.insert(at, position)
            width = len(line)
            starts[at + 1 :] = array("i", [start + width for start in starts[at + 1 :]])
        self._mark(_ascii_only(_line(entry, 2)))  # a removal leaves its bits: a superset

    def delete(self, at: int) -> None:
        del self.entries[at], self.ranks[at]
        for stage in range(3):
            text, starts = self.texts[stage], self.starts[stage]
            position = starts[at]
            end = starts[at + 1] if at + 1 < len(starts) else len(text)
            self._splice(stage, position, end, "")
            del starts[at]
            width = end - position
            starts[at:] = array("i", [start - width for start in starts[at:]])

    def _splice(self, stage: int, start: int, end: int, line: str) -> None:
        text = self.texts[stage]
        self.texts[stage] = text = text[:start] + line + text[end:]
        if text.isascii():
            self.ascii_texts[stage] = text  # one string serves both alphabets
        else:
            ascii_text = self.ascii_texts[stage]
            self.ascii_texts[stage] = ascii_text[:start] + _ascii_only(line) + ascii_text[end:]

    def scan(self, stage: int, ascii_only: bool, needle: str, limit: int, found: list[Entry], seen: set[int]) -> None:
        text = (self.ascii_texts if ascii_only else self.texts)[stage]
        starts = self.starts[stage]
        entries = self.entries
        position = text.find(needle)
        while position != -1 and len(found) < limit:
            line = bisect_right(starts, position) - 1
            entry = entries[line]
            if entry.product_id not in seen:
                seen.add(entry.product_id)
                found.append(entry)
            position = text.find(needle, starts[line + 1]) if line + 1 < len(starts) else -1


class _Order:
    """Every entry in rank order, in blocks; insert and remove touch one block."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.firsts: list[int] = []  # each block's first rank

    def _block_for(self, rank: int) -> int:
        return max(bisect_right(self.firsts, rank) - 1, 0)

    def add(self, entry: Entry) -> None:
        rank = entry.rank
        if not self.blocks:
            self.blocks.append(_Block([entry]))
            self.firsts.append(rank)
            return
        index = self._block_for(rank)
        block = self.blocks[index]
        block.insert(bisect_left(block.ranks, rank), entry)
        self.firsts[index] = block.ranks[0]
        if len(block.entries) > 2 * BLOCK:
            half = len(block.entries) // 2
            head, tail = _Block(block.entries[:half]), _Block(block.entries[half:])
            self.blocks[index : index + 1] = [head, tail]
            self.firsts[index : index + 1] = [head.ranks[0], tail.ranks[0]]

    def remove(self, entry: Entry) -> None:
        rank = entry.rank
        index = self._block_for(rank)
        block = self.blocks[index]
        at = bisect_left(block.ranks, rank)
        if at == len(block.ranks) or block.ranks[at] != rank:
            raise KeyError(entry.product_id)
        block.delete(at)
        if block.entries:
            self.firsts[index] = block.ranks[0]
        else:
            del self.blocks[index], self.firsts[index]


class _Keys:
    """One kind of key (the title text: stage 0; pinyin spelled out and initials: stage 1) of
    every entry, sorted, with the entries holding each."""

    # Above this many keys sharing the query's first characters, the typo stage looks up
    # one-edit variants instead of checking every key.
    SCAN_LIMIT = 64

    def __init__(self, stage: int) -> None:
        self.stage = stage
        self.by_key: dict[str, int | set[int]] = {}
        self.sorted_keys = SortedList()

    def of(self, entry: Entry) -> set[str]:
        return {entry.keys[0]} if self.stage == 0 else {entry.keys[1], entry.keys[2]}

    # ``by_key`` maps a key to its one holder's id, or to a set of ids when titles share it:
    # most keys have one holder, and a set per key would be most of the index's memory.
    def _hold(self, key: str, product_id: int) -> None:
        holders = self.by_key.get(key)
        if holders is None:
            self.by_key[key] = product_id
            self.sorted_keys.add(key)
        elif isinstance(holders, int):
            if holders != product_id:
                self.by_key[key] = {holders, product_id}
        else:
            holders.add(product_id)

    def add(self, entry: Entry) -> None:
        for key in self.of(entry):
            if key:
                self._hold(key, entry.product_id)

    def remove(self, entry: Entry) -> None:
        for key in self.of(entry):
            holders = self.by_key.get(key)
            if holders is None:
                continue
            if isinstance(holders, int):
                if holders == entry.product_id:
                    del self.by_key[key]
                    self.sorted_keys.remove(key)
                continue
            holders.discard(entry.product_id)
            if len(holders) == 1:
                self.by_key[key] = next(iter(holders))

    def held_by(self, key: str) -> Iterable[int]:
        holders = self.by_key[key]
        return (holders,) if isinstance(holders, int) else holders

    def load_steps(self, entries: list[Entry]) -> Iterator[None]:
        """Fill from ``entries`` (an empty instance), yielding every few thousand."""
        by_key = self.by_key
        for count, entry in enumerate(entries, 1):
            for key in self.of(entry):
                if key:
                    holders = by_key.get(key)
                    if holders is None:
                        by_key[key] = entry.product_id
                    elif isinstance(holders, int):
                        if holders != entry.product_id:
                            by_key[key] = {holders, entry.product_id}
                    else:
                        holders.add(entry.product_id)
            if count % 2000 == 0:
                yield
        keys = list(by_key)
        for start in range(0, len(keys), 5000):
            self.sorted_keys.update(keys[start : start + 5000])
            yield

    def bounds(self, prefix: str) -> tuple[int, int]:
        keys = self.sorted_keys
        low = keys.bisect_left(prefix)
        return low, keys.bisect_left(prefix + LAST_CHAR)

    def holders(self, low: int, high: int) -> set[int]:
        return {product_id for key in self.sorted_keys.islice(low, high) for product_id in self.held_by(key)}

    def typo_candidates(self, query: str) -> tuple[set[int], list[str]]:
        """Entries with a key that starts, up to one edit after the first character, with
        ``query``: the ids found by checking the few keys sharing the query's first ``shared``
        characters one by one, and the one-edit variants of the positions before ``shared``
        (any key starting with one of those matches too)."""
        shared = 1
        low, high = self.bounds(query[0])
        if query.isascii():
            while high - low > self.SCAN_LIMIT and shared < len(query):
                shared += 1
                low, high = self.bounds(query[:shared])
        ids = {product_id for key in self.sorted_keys.islice(low, high) if within_one_edit(query, key)
               for product_id in self.held_by(key)}
        variants = [variant for position in range(1, shared) for variant in one_edit_prefixes(query, position)]
        return ids, variants


# Up to this many keys with a prefix, their entries are gathered from the keys and sorted;
# above, the haystacks are scanned in rank order (the hits are then many, so found early).
DIRECT = 256


@dataclass
class ShopIndex:
    """One shop's entries. ``sync`` applies a fresh read of the shop's rows as per-product
    changes; ``apply`` applies the rows of some products only; ``ranked`` answers a query."""

    version: int = -1
    entries: dict[int, Entry] = field(default_factory=dict)
    _order: _Order = field(default_factory=_Order)
    _keys: tuple[_Keys, _Keys] = field(default_factory=lambda: (_Keys(0), _Keys(1)))
    _ids: SortedList = field(default_factory=SortedList)

    def put(self, product_id: int, title: str, sales: int, tag_text: str | None) -> bool:
        tags = (tag_text or "").lower()
        old = self.entries.get(product_id)
        if old is not None and (old.title, old.sales, old.tags) == (title, sales, tags):
            return False
        keys = old.keys if old is not None and old.title == title else keys_for(title)
        entry = Entry(product_id, title, sales, keys, tags)
        if old is not None:
            self._order.remove(old)
            if old.keys != keys:
                for kind in self._keys:
                    kind.remove(old)
        else:
            self._ids.add(product_id)
        if old is None or old.keys != keys:
            for kind in self._keys:
                kind.add(entry)
        self._order.add(entry)
        self.entries[product_id] = entry
        return True

    def drop(self, product_id: int) -> bool:
        old = self.entries.pop(product_id, None)
        if old is None:
            return False
        self._order.remove(old)
        for kind in self._keys:
            kind.remove(old)
        self._ids.remove(product_id)
        return True

    def set_sales(self, product_id: int, sales: int) -> bool:
        """Re-rank an entry whose sales moved (nothing else of it is re-read)."""
        old = self.entries.get(product_id)
        if old is None or old.sales == sales:
            return False
        return self.put(product_id, old.title, sales, old.tags)

    def ids_between(self, after: int, upto: int | None) -> list[int]:
        """Ids of the entries in ``after`` < id <= ``upto`` (no upper bound when None)."""
        return list(self._ids.irange(after, upto, inclusive=(False, True)))

    def apply(self, rows: Iterable[tuple[int, str, int, str | None]], product_ids: Iterable[int]) -> int:
        """The products ``product_ids`` now read ``rows`` (those without a row are gone or off
        sale); returns how many entries changed. Costs what changed, not the shop."""
        changed = 0
        present = set()
        for product_id, title, sales, tag_text in rows:
            present.add(product_id)
            changed += self.put(product_id, title, sales, tag_text)
        for product_id in set(product_ids) - present:
            changed += self.drop(product_id)
        return changed

    def sync(self, rows: list[tuple[int, str, int, str | None]]) -> int:
        """Make the index match ``rows`` (id, title, sales, tag text) — every on-sale product
        of the shop; returns how many products changed. Pinyin keys are computed only for new
        or retitled products."""
        if not self.entries:
            return self.load(rows)
        present = {row[0] for row in rows}
        return self.apply(rows, present | set(self.entries))

    def load(self, rows: Iterable[tuple[int, str, int, str | None]]) -> int:
        """A first build from the shop's rows: sorted once rather than inserted one by one."""
        for _ in self.load_steps(rows):
            pass
        return len(self.entries)

    def load_steps(self, rows: Iterable[tuple[int, str, int, str | None]]) -> Iterator[None]:
        """``load`` in steps of about a millisecond (it yields between them), so a caller on
        an event loop can serve other work in between. The index changes at the last step."""
        entries: dict[int, Entry] = {}
        for count, (product_id, title, sales, tag_text) in enumerate(rows, 1):
            entries[product_id] = Entry(product_id, title, sales, keys_for(title), (tag_text or "").lower())
            if count % 20 == 0:
                yield
        runs = []
        values = list(entries.values())
        for start in range(0, len(values), 5000):
            runs.append(sorted(values[start : start + 5000], key=_rank_number))
            yield
        ordered = []
        for count, entry in enumerate(heapq.merge(*runs, key=_rank_number), 1):
            ordered.append(entry)
            if count % 2000 == 0:
                yield
        blocks = []
        for start in range(0, len(ordered), BLOCK):
            blocks.append(_Block(ordered[start : start + BLOCK]))
            yield
        kinds = (_Keys(0), _Keys(1))
        for kind in kinds:
            yield from kind.load_steps(values)
        ids = SortedList()
        for start in range(0, len(values), 5000):
            ids.update(entry.product_id for entry in values[start : start + 5000])
            yield
        self.entries = entries
        self._order.blocks, self._order.firsts = blocks, [block.ranks[0] for block in blocks]
        self._keys, self._ids = kinds, ids

    def holders(self, key: str) -> set[int]:
        """Ids of the entries with ``key`` among their keys."""
        return {pid for kind in self._keys if key in kind.by_key for pid in kind.held_by(key)}

    def keys(self) -> set[str]:
        return set(self._keys[0].by_key) | set(self._keys[1].by_key)

    def _best(self, ids: set[int], need: int) -> list[Entry]:
        return sorted((self.entries[pid] for pid in ids), key=lambda entry: entry.rank)[:need]

    def _with_prefix(self, stage: int, prefix: str, need: int, seen: set[int]) -> list[Entry]:
        """The best ``need`` entries not in ``seen`` with a stage-``stage`` key starting with
        ``prefix``, best first."""
        kind = self._keys[stage]
        low, high = kind.bounds(prefix)
        if low == high:
            return []
        if high - low <= DIRECT:
            return self._best(kind.holders(low, high) - seen, need)
        found: list[Entry] = []
        local_seen = set(seen)
        needle = ("\n" if stage == 0 else "\t") + _clean(prefix)
        ascii_only = prefix.isascii()
        for block in self._order.blocks:
            if len(found) >= need:
                break
            block.scan(stage, ascii_only, needle, need, found, local_seen)
        return found

    def ranked(self, query: str, limit: int) -> list[Entry]:
        if not query:
            return []
        found: list[Entry] = []
        seen: set[int] = set()
        for stage in (0, 1):
            for entry in self._with_prefix(stage, query, limit - len(found), seen):
                seen.add(entry.product_id)
                found.append(entry)
            if len(found) >= limit:
                return found
        ascii_only = query.isascii()
        bits = _trigram_bits(_trigrams(query)) if ascii_only else []
        for block in self._order.blocks:
            if len(found) >= limit:
                return found
            if block.may_hold(bits):
                block.scan(2, ascii_only, query, limit, found, seen)
        if len(found) < limit and len(query) >= 3:
            need = limit - len(found)
            candidates: set[int] = set()
            for stage, kind in enumerate(self._keys):
                ids, variants = kind.typo_candidates(query)
                candidates |= ids - seen
                for variant in variants:
                    candidates.update(entry.product_id for entry in self._with_prefix(stage, variant, need, seen))
            found += self._best(candidates, need)
        return found
