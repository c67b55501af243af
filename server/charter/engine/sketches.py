"""Sketches of posts, so a new post can be compared with thousands of past ones in a few index lookups.

A post is read as words with the same normalisation as the term rules (case, accents, look-alikes,
punctuation; links left out), cut into overlapping three-word *shingles*, and summarised by a MinHash
signature (datasketch, ``NUM_PERM`` permutations): the share of equal values between two signatures
estimates the Jaccard similarity of the two posts' shingle sets. Reworded posts share few shingles;
a copy with a word changed or a hashtag added shares most of them.

Locality-sensitive hashing finds the candidates without looking at every past post: the signature is
cut into ``BANDS`` bands of ``ROWS`` values, each band hashed into one 63-bit *bucket key*. Two posts
whose Jaccard similarity is *s* share at least one bucket with probability 1 − (1 − sⁿ)ᵇ (n rows, b
bands): 93 % at s = 0.5, 99 % at s = 0.6, 2 % at s = 0.1. Candidates are then confirmed on their whole
signature (`estimated_similarity` ≥ ``NEAR_COPY``).
"""

from __future__ import annotations

import functools
import hashlib
import struct
from dataclasses import dataclass

import numpy
from datasketch import LeanMinHash, MinHash

from .links import find_links
from .words import WordView

NUM_PERM = 60
BANDS = 20
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 3
NEAR_COPY = 0.5
"""Estimated Jaccard similarity of shingles from which a post reads as a near copy of another."""

_SEED = 20


@functools.cache
def _permutations():
    # Drawing the permutations costs more than hashing a post: draw them once per process. The seed is
    # fixed so every process (and every stored signature) uses the same ones.
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme="affine32").permutations


@dataclass(frozen=True)
class Sketch:
    """A post's MinHash signature (``NUM_PERM`` unsigned 32-bit values) and its LSH bucket keys."""

    signature: tuple[int, ...]
    buckets: tuple[int, ...]

    def to_bytes(self) -> bytes:
        """The signature packed for storage (4 bytes a value)."""
        return struct.pack(f"<{NUM_PERM}I", *self.signature)


def shingles(text: str) -> list[bytes]:
    """The post's overlapping three-word shingles (the whole text as one when it is shorter)."""
    hidden = [(link.start, link.end) for link in find_links(text)]
    words = WordView(text, hidden).words()
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)]


@functools.lru_cache(maxsize=256)
def sketch_of(text: str) -> Sketch | None:
    """The sketch of a post, or None when it has no words to compare (cached: a submit sketches its text
    to look for copies, then again to keep it)."""
    pieces = shingles(text)
    if not pieces:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=_permutations(), scheme="affine32")
    minhash.update_batch(pieces)
    signature = tuple(int(value) for value in LeanMinHash(minhash).hashvalues)
    return Sketch(signature, bucket_keys(signature))


def bucket_keys(signature: tuple[int, ...]) -> tuple[int, ...]:
    """One signed 63-bit key per band (the band's number is part of the key, so bands never collide)."""
    keys = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(struct.pack(f"<B{ROWS}I", band, *rows), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return tuple(keys)


def signature_from_bytes(data: bytes) -> numpy.ndarray:
    """A stored signature back as an array (see `Sketch.to_bytes`)."""
    return numpy.frombuffer(bytes(data), dtype="<u4")


def estimated_similarity(sketch: Sketch, stored: bytes) -> float:
    """The estimated Jaccard similarity (0–1) of the sketched post and a stored signature."""
    other = signature_from_bytes(stored)
    if other.size != NUM_PERM:
        return 0.0
    return float(numpy.count_nonzero(numpy.asarray(sketch.signature, dtype="<u4") == other)) / NUM_PERM
