"""Exact and near-duplicate removal of questions, before any teacher is called.

Two keys per question:

- **exact**: the text lower-cased with whitespace collapsed and outer punctuation stripped;
- **near** (``"skeleton"``, the default): the sequence of content words and numbers,
  with greetings, politeness and filler words dropped, punctuation ignored and numbers
  written canonically (``10.00`` = ``10``, ``+1.2`` = ``1.2``). "Hi! What is 10.00 (+1.2)
  worth?" and "what is 10 (1.2) worth? thanks" share a skeleton.

Both keys live in fixed-capacity numpy hash tables sized for the run up front, so
memory does not grow while a million questions stream through. ``near="minhash"``
adds MinHash-LSH on word 3-shingles (Jaccard >= ``threshold``) for free-text question
files, where paraphrases are likelier; its memory grows with the number of questions.
Each duplicate records which earlier question it duplicates and how similar they are.
"""
from __future__ import annotations

import hashlib
import re
from array import array
from dataclasses import dataclass
from typing import Literal

import numpy as np

FILLER = frozenset("""
a an the and or but so to of in on at for with by from is are was were be been it its this that these those
hi hey hello hiya thanks thank you please pls quick question coach here i'm im i me my mine we our us
can could would will should do does did just curious wondering training log masters sprinter
show working explain steps keep short in advance what's whats what how much many tell
""".split())
#: a word (with one apostrophe part) or a number (sign, decimals); words first, being commoner, and
#: possessive (no backtracking to remember: the greedy match is always the one kept)
_TOKEN = re.compile(r"[a-z]++(?:'[a-z]++)?|[-+]?+\d++(?:[.,]\d++)?")


def normalize(text: str) -> str:
    t = text.lower().replace("\u2212", "-").replace("\u2019", "'")
    # split/join collapses the same (Unicode) whitespace as a ``\s+`` substitution, several
    # times faster; the ends it drops are spaces the strip below would remove anyway
    return " ".join(t.split()).strip(" .!?;:,\"'")


def skeleton(text: str, normalized: bool = False) -> str:
    # FILLER holds words only, so no number is dropped; a word starts with a-z, a number with a
    # sign or a (Unicode) digit
    return " ".join([tok if "a" <= tok[0] <= "z" else _number(tok)
                     for tok in _TOKEN.findall(text if normalized else normalize(text)) if tok not in FILLER])


def _number(tok: str) -> str:
    """A number token written canonically without float(): "+10.00" -> "10", "0.50" -> "0.5"."""
    tok = tok.replace(",", ".").lstrip("+")
    if "." in tok:
        tok = tok.rstrip("0").rstrip(".")
    return "0" if tok in ("-0", "", "-") else tok


def hash64(s: str) -> int:
    h = int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
    return h or 1  # 0 marks an empty slot


class HashTable64:
    """Open-addressing uint64 -> int64 table with a fixed capacity (grows only if overfilled).

    Stored in two flat typed arrays (16 bytes a slot, 70 % full at most); ``array`` rather
    than numpy because this runs once per question and numpy scalar indexing costs
    microseconds where ``array`` indexing costs tens of nanoseconds."""

    def __init__(self, expected: int):
        size = 1 << max(4, int(2 * max(1, expected) - 1).bit_length())
        self.keys, self.vals = self._arrays(size)
        self.n = 0

    @staticmethod
    def _arrays(size: int) -> tuple[array, array]:
        return array("Q", bytes(8 * size)), array("q", b"\xff" * (8 * size))  # vals start at -1

    @property
    def nbytes(self) -> int:
        return (len(self.keys) + len(self.vals)) * 8

    def get_or_insert(self, key: int, val: int) -> int:
        """The value stored under ``key``, or -1 after storing ``val`` there."""
        keys = self.keys
        mask = len(keys) - 1
        i = key & mask
        while True:
            cur = keys[i]
            if cur == 0:
                keys[i] = key
                self.vals[i] = val
                self.n += 1
                if self.n * 10 > len(keys) * 7:
                    self._grow()
                return -1
            if cur == key:
                return self.vals[i]
            i = (i + 1) & mask

    def _grow(self) -> None:
        old_k, old_v = self.keys, self.vals
        self.keys, self.vals = self._arrays(len(old_k) * 2)
        self.n = 0
        for k, v in zip(old_k, old_v):
            if k:
                self.get_or_insert(k, v)


@dataclass(frozen=True)
class Duplicate:
    of: int
    match: Literal["exact", "near"]
    similarity: float


class Deduplicator:
    """Streaming de-duplication; ``check(index, text)`` -> None (new) or a :class:`Duplicate`."""

    def __init__(self, expected: int, near: Literal["skeleton", "minhash", "off"] = "skeleton",
                 threshold: float = 0.8):
        if near not in ("skeleton", "minhash", "off"):
            raise ValueError(f"near must be skeleton, minhash or off, not {near!r}")
        self.near = near
        self.exact = HashTable64(expected)
        self.skel = HashTable64(expected) if near != "off" else None
        self.minhash = MinHashLSH(threshold) if near == "minhash" else None
        self.counts = {"exact": 0, "near": 0}

    def check(self, index: int, text: str) -> Duplicate | None:
        norm = normalize(text)
        prev = self.exact.get_or_insert(hash64(norm), index)
        if prev >= 0:
            self.counts["exact"] += 1
            return Duplicate(prev, "exact", 1.0)
        if self.skel is not None:
            sk = skeleton(norm, normalized=True)
            if sk:
                prev = self.skel.get_or_insert(hash64(sk), index)
                if prev >= 0:
                    self.counts["near"] += 1
                    return Duplicate(prev, "near", 1.0)
        if self.minhash is not None:
            hit = self.minhash.check(index, skeleton(text))
            if hit is not None:
                self.counts["near"] += 1
                return Duplicate(hit[0], "near", round(hit[1], 3))
        return None


class MinHashLSH:
    """MinHash signatures of word 3-shingles, banded LSH, Jaccard estimate on candidates."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 64, bands: int = 16, seed: int = 7):
        if num_perm % bands:
            raise ValueError("num_perm must be a multiple of bands")
        rs = np.random.RandomState(seed)
        self.xor = rs.randint(0, 2 ** 63 - 1, size=num_perm, dtype=np.int64).astype(np.uint64)
        self.mul = rs.randint(0, 2 ** 63 - 1, size=num_perm, dtype=np.int64).astype(np.uint64) | np.uint64(1)
        self.threshold = threshold
        self.bands = bands
        self.rows = num_perm // bands
        self.tables: list[dict[bytes, list[int]]] = [{} for _ in range(bands)]
        self.sigs: dict[int, np.ndarray] = {}

    def signature(self, text: str) -> np.ndarray:
        toks = text.split()
        shingles = {" ".join(toks[i:i + 3]) for i in range(max(1, len(toks) - 2))}
        hs = np.array([hash64(s) for s in shingles], dtype=np.uint64)
        # one random permutation per row: xor with a key, multiply by an odd constant (a bijection
        # modulo 2^64; numpy wraps) and fold the high bits down
        with np.errstate(over="ignore"):
            v = (hs[None, :] ^ self.xor[:, None]) * self.mul[:, None]
        v ^= v >> np.uint64(29)
        return v.min(axis=1)

    def check(self, index: int, text: str) -> tuple[int, float] | None:
        sig = self.signature(text)
        best: tuple[int, float] | None = None
        seen: set[int] = set()
        for band, table in enumerate(self.tables):
            key = sig[band * self.rows:(band + 1) * self.rows].tobytes()
            for other in table.get(key, ()):
                if other in seen:
                    continue
                seen.add(other)
                sim = float(np.mean(self.sigs[other] == sig))
                if sim >= self.threshold and (best is None or sim > best[1]):
                    best = (other, sim)
        if best is not None:
            return best
        self.sigs[index] = sig
        for band, table in enumerate(self.tables):
            table.setdefault(sig[band * self.rows:(band + 1) * self.rows].tobytes(), []).append(index)
        return None
