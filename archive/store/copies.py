"""Copies: the same text on several pages (wire stories, press releases), found as articles are
indexed, with MinHash signatures and locality-sensitive hashing kept in SQLite, so that the
search is persistent, incremental and shared by the crawl, reprocessing and merges.

Each article's cleaned text becomes a set of word 5-grams; its 128-number MinHash signature is
cut into 32 bands of 4; articles sharing a band are candidates (the :data:`MAX_COMPARED` sharing
the most), and a candidate whose estimated Jaccard similarity reaches :data:`THRESHOLD` is a copy.
Copies form groups (connected components, kept as they grow): ``copy_groups`` names each
article's group.

The search looks back :data:`WINDOW_DAYS`: copies of one story appear within days of each
other, and the signatures and bands of older articles (5 KB an article) are dropped, so that
they stay bounded as the archive grows. The copies and groups found are kept for good.

A new article's bands go to a small table, ``minhash_recent_bands``, moved into
``minhash_bands`` in band order once :data:`SETTLE_EVERY` articles have gathered there: a
band's bucket is a hash, so each of an article's 32 bands written straight into a month's bands
lands on a page of its own, and a commit wrote 30 pages an article more in a year's index than
in an empty one (measured by ``python -m bench.year``). Written in order, a thousand articles'
bands rewrite each page of the month's index about once. Lookups read both tables.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import operator
import re
import struct
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # datasketch's values; the rest of the module needs no numpy
    import numpy as np

PERMUTATIONS = 128
BANDS, ROWS = 32, 4
SHINGLE = 5
#: Estimated Jaccard similarity of word 5-grams from which two texts are copies (``python -m
#: bench.copies`` measures precision and recall around it).
THRESHOLD = 0.5
#: Shorter texts are not compared: a few words in common is not a copy.
MIN_WORDS = 40
#: A new article is compared with at most this many candidates, those sharing the most bands
#: with it. A wire story reprinted on hundreds of sites would otherwise cost its hundredth copy a
#: hundred comparisons and two hundred pair rows (its thousandth, ten times that: the index
#: would grow as the square of a story's copies); a few of its nearest copies put it in the
#: story's group as surely.
MAX_COMPARED = 50
#: Articles captured this many days before the newest one written are no longer compared.
WINDOW_DAYS = 30
_WORD = re.compile(r"\w+")
#: A bucket: a band's 8-byte digest, as a signed big-endian integer.
_BUCKET = struct.Struct(">q")
#: datasketch's permutation scheme, named so that its default changing (as in its 2.0) cannot
#: change the signatures an archive makes; ``tests/test_minhash.py`` pins their values.
SCHEME = "affine32"
#: Articles whose bands gather in ``minhash_recent_bands`` before they are moved in one go.
SETTLE_EVERY = 1000
_IN_BANDS = " or ".join(["(band = ? and bucket = ?)"] * BANDS)
#: Every article in the new one's 32 buckets, one row a band it shares: read once, they give
#: both the candidates and how full each bucket is.
_IN_BUCKETS = (f"select band, capture_id from minhash_bands where {_IN_BANDS} "
               f"union all select band, capture_id from minhash_recent_bands where {_IN_BANDS}")


def create_tables(db) -> None:
    db["article_minhash"].create({"capture_id": str, "signature": bytes, "captured_at": str},
                                 pk="capture_id")
    db["minhash_bands"].create({"band": int, "bucket": int, "capture_id": str})
    db["minhash_bands"].create_index(["band", "bucket"])
    db["minhash_bands"].create_index(["capture_id"])
    db["article_copies"].create({"capture_id": str, "copy_id": str, "similarity": float},
                                pk=("capture_id", "copy_id"))
    db["article_copies"].create_index(["copy_id"])  # forget() looks both ways
    db["copy_groups"].create({"capture_id": str, "group_id": str}, pk="capture_id")
    db["copy_groups"].create_index(["group_id"])
    create_recent_bands(db)


def create_recent_bands(db) -> None:
    """Where new articles' bands gather before they are moved, in order, into the month's."""
    db["minhash_recent_bands"].create({"band": int, "bucket": int, "capture_id": str},
                                      if_not_exists=True)
    db["minhash_recent_bands"].create_index(["band", "bucket"], if_not_exists=True)
    db["minhash_recent_bands"].create_index(["capture_id"], if_not_exists=True)


def add_capture_times(db) -> None:
    """When each signature's article was captured, to drop those past :data:`WINDOW_DAYS`."""
    if "captured_at" not in db["article_minhash"].columns_dict:  # written before it was kept
        db["article_minhash"].add_column("captured_at", str)
    db.execute("update article_minhash set captured_at = (select fetched_at from articles a "
               "where a.capture_id = article_minhash.capture_id)")
    db["article_minhash"].create_index(["captured_at"])


def forget_before(conn, captured_at: str) -> int:
    """Drop the signatures and bands of articles captured before ``captured_at``."""
    # by rowid: in the order they were moved, band by band (a quarter faster than by article)
    for table in ("minhash_bands", "minhash_recent_bands"):
        conn.execute(f"delete from {table} where rowid in (select b.rowid from article_minhash m "
                     f"join {table} b using (capture_id) where m.captured_at < ?)", [captured_at])
    return conn.execute("delete from article_minhash where captured_at < ?",
                        [captured_at]).rowcount


def settle(conn, captured_at: str | None) -> bool:
    """Once :data:`SETTLE_EVERY` articles' bands have gathered, move them into
    ``minhash_bands`` in band order and drop what is past the window before ``captured_at``
    (the newest article's capture time). Asked after every article: two index lookups."""
    low, high = conn.execute("select (select min(rowid) from minhash_recent_bands), "
                             "(select max(rowid) from minhash_recent_bands)").fetchone()
    if low is None or high - low + 1 < SETTLE_EVERY * BANDS:
        return False
    conn.execute("insert into minhash_bands (band, bucket, capture_id) select band, bucket, "
                 "capture_id from minhash_recent_bands order by band, bucket")
    conn.execute("delete from minhash_recent_bands")
    if captured_at:
        then = datetime.fromisoformat(captured_at.replace("Z", "+00:00"))
        forget_before(conn, (then - timedelta(days=WINDOW_DAYS)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return True


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature of ``text``'s word 5-grams, or None for a text too short."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    minhash = _minhash()
    minhash.update_batch([" ".join(words[i:i + SHINGLE]).encode()
                          for i in range(len(words) - SHINGLE + 1)])
    return minhash.hashvalues


def signature_text(values: Sequence[int] | None) -> str | None:
    """A signature as its metadata record keeps it, so that a rebuilt index reads it instead of
    making it again (reindex then needs no datasketch): base64 of its values, 4 bytes each,
    little-endian (the affine32 scheme's values are 32-bit; None for any that is not)."""
    if values is None or int(max(values)) >> 32:
        return None
    return base64.b64encode(struct.pack(f"<{len(values)}I", *values)).decode("ascii")


def signature_from_text(text) -> tuple[int, ...] | None:
    """The signature :func:`signature_text` wrote, or None for anything else (a record written
    before signatures were kept, or a value that is not one): to be made from the text."""
    if not isinstance(text, str):
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except ValueError:  # binascii.Error: not base64
        return None
    return struct.unpack(f"<{PERMUTATIONS}I", raw) if len(raw) == PERMUTATIONS * 4 else None


@functools.cache
def _permutations() -> np.ndarray:
    """Drawn once a process, not once a text; datasketch is imported here, where signatures
    are made: it brings scipy, which processes that only look signatures up need not load."""
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=1, scheme=SCHEME).permutations


def _minhash():
    from datasketch import MinHash

    return MinHash(num_perm=PERMUTATIONS, seed=1, scheme=SCHEME, permutations=_permutations())


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    return sum(map(operator.eq, a, b)) / len(a)


def index_copies(conn, capture_id: str, text: str, values: Sequence[int] | None = None,
                 captured_at: str | None = None) -> list[tuple[str, float]]:
    """Index one article's signature (``values``, or made from ``text``) and record its copies;
    return them ``(capture, similarity)``."""
    if _indexed(conn, capture_id):
        forget(conn, capture_id)
    values = signature(text) if values is None else values
    if values is None:
        return []
    values = list(map(int, values))  # datasketch's array, or the values a record kept
    blob = _blob(values)
    buckets = _buckets(blob)
    # One statement for all bands (SQLite answers it from the index, band by band): the crawl
    # process spent more on 32 statements a page than on any other index write.
    keys = [value for band, bucket in enumerate(buckets) for value in (band, bucket)]
    shared: dict[str, int] = {}  # candidate -> bands it shares with the new article
    filled = [0] * BANDS  # articles in each of its buckets
    for band, other in conn.execute(_IN_BUCKETS, [*keys, *keys]):
        shared[other] = shared.get(other, 0) + 1
        filled[band] += 1
    # The MAX_COMPARED sharing the most bands (ties: the first capture ids), compared in order.
    nearest = sorted(shared, key=lambda other: (-shared[other], other))[:MAX_COMPARED]
    copies = []
    for other in sorted(nearest):
        found = conn.execute("select signature from article_minhash where capture_id = ?",
                             [other]).fetchone()
        if found is not None and (score := similarity(values, _array(found[0]))) >= THRESHOLD:
            copies.append((other, round(score, 3)))
    conn.execute("insert into article_minhash (capture_id, signature, captured_at) "
                 "values (?, ?, ?)", [capture_id, blob, captured_at])
    # A bucket keeps the first MAX_COMPARED articles that fell in it: later ones are found
    # through them (a full bucket is a story reprinted that often), and a lookup reads a
    # bounded list.
    room = [(band, bucket, capture_id) for band, bucket in enumerate(buckets)
            if filled[band] < MAX_COMPARED]
    if room:  # one statement: 32 steps of an executemany took as long again as the inserts
        conn.execute(_add_bands(len(room)), [value for row in room for value in row])
    if copies:
        conn.executemany("insert into article_copies (capture_id, copy_id, similarity) "
                         "values (?, ?, ?)", [(capture_id, other, score) for other, score in copies]
                         + [(other, capture_id, score) for other, score in copies])
        _join_groups(conn, capture_id, [other for other, _ in copies])
    return copies


@functools.cache
def _add_bands(count: int) -> str:
    return ("insert into minhash_recent_bands (band, bucket, capture_id) values "
            + ", ".join(["(?, ?, ?)"] * count))


def _indexed(conn, capture_id: str) -> bool:
    """Whether the article has anything to forget: one lookup, where an article indexed for the
    first time (every one a crawl or a reindex writes) would cost :func:`forget` six deletes.
    Its bands exist only with its signature, its copies only with its group."""
    return conn.execute("select exists (select 1 from article_minhash where capture_id = ?) or "
                        "exists (select 1 from copy_groups where capture_id = ?)",
                        [capture_id, capture_id]).fetchone()[0] == 1


def forget(conn, capture_id: str) -> None:
    """Take an article out (before it is indexed again by a newer cleaner). Its group keeps the
    others together: groups only grow, as the archive does."""
    for table in ("article_minhash", "minhash_bands", "minhash_recent_bands", "copy_groups"):
        conn.execute(f"delete from {table} where capture_id = ?", [capture_id])
    conn.execute("delete from article_copies where capture_id = ? or copy_id = ?",
                 [capture_id, capture_id])


def _join_groups(conn, capture_id: str, copies: list[str]) -> None:
    marks = ", ".join("?" * len(copies))
    groups = {row[0] for row in conn.execute(
        f"select group_id from copy_groups where capture_id in ({marks})", copies)}
    group = min(groups | {capture_id})
    if groups - {group}:
        merged = list(groups - {group})
        conn.execute(f"update copy_groups set group_id = ? where group_id in "
                     f"({', '.join('?' * len(merged))})", [group, *merged])
    conn.executemany("insert into copy_groups (capture_id, group_id) values (?, ?) "
                     "on conflict (capture_id) do nothing",
                     [(member, group) for member in [capture_id, *copies]])


def bands(values: Sequence[int]) -> list[int]:
    """The signature's LSH buckets, one per band: texts sharing one are compared."""
    return _buckets(_blob(values))


def _buckets(blob: bytes) -> list[int]:
    """:func:`bands` of a signature as the index keeps it: each band's slice of its bytes."""
    size = ROWS * 8
    return [_BUCKET.unpack(hashlib.blake2b(blob[start:start + size], digest_size=8).digest())[0]
            for start in range(0, BANDS * size, size)]


def _blob(values: Sequence[int]) -> bytes:
    """Values as the index keeps them: 8 bytes each, little-endian."""
    return struct.pack(f"<{len(values)}Q", *values)


def _array(blob: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(blob) // 8}Q", blob)
