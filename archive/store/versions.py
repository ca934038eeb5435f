"""Versions of an article: every capture of a URL whose cleaned text or title differs from the
one before it, with what changed; and the articles that disappeared (404/410 on a re-check).

A change is judged on the cleaned text, so a rotated ad or a new "most read" list (cut by the
cleaner) is not a version. The versions of a URL are worked out again from its article rows
whenever one of them is written: reprocessing with a new cleaner, or a capture indexed out of
order (recovery, merged shards), leaves them right, not only appended to.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


def create_tables(db) -> None:
    db["article_versions"].create({
        "capture_id": str, "url": str, "version": int, "previous_capture_id": str,
        "captured_at": str, "title_changed": int, "words_added": int, "words_removed": int,
    }, pk="capture_id", foreign_keys=[("capture_id", "captures", "record_id")])
    db["article_versions"].create_index(["url", "version"], unique=True)
    db["article_versions"].create_index(["captured_at"])
    db["article_removals"].create({
        "url": str, "status": int, "removed_at": str, "capture_id": str,
    }, pk="url")


def update_versions(conn, url: str) -> None:
    """Work out the versions of ``url`` from its article rows, oldest capture first."""
    rows = conn.execute(
        "select a.capture_id, a.title, a.text, a.text_digest, c.fetched_at from articles a "
        "join captures c on c.record_id = a.capture_id where a.url = ? "
        "order by c.fetched_at, a.capture_id", [url]).fetchall()
    versions, previous = [], None
    for capture_id, title, text, digest, fetched_at in rows:
        if previous and digest == previous[3] and title == previous[1]:
            continue  # the same article captured again
        added, removed = word_changes(previous[2] if previous else "", text or "")
        versions.append((capture_id, url, len(versions) + 1,
                         previous[0] if previous else None, fetched_at,
                         int(previous is not None and title != previous[1]), added, removed))
        previous = (capture_id, title, text, digest)
    conn.execute("delete from article_versions where url = ?", [url])
    conn.executemany("insert into article_versions (capture_id, url, version, "
                     "previous_capture_id, captured_at, title_changed, words_added, "
                     "words_removed) values (?, ?, ?, ?, ?, ?, ?, ?)", versions)
    if rows:  # back after a removal: it is no longer removed
        conn.execute("delete from article_removals where url = ? and removed_at < ?",
                     [url, rows[-1][4]])


def mark_removed(conn, url: str, status: int, removed_at: str, capture_id: str) -> bool:
    """Record that ``url``, an article before, now answers ``status``; False if it never was."""
    known = conn.execute("select 1 from articles where url = ? limit 1", [url]).fetchone()
    if known is None:
        return False
    conn.execute("insert into article_removals (url, status, removed_at, capture_id) "
                 "values (?, ?, ?, ?) on conflict (url) do nothing",
                 [url, status, removed_at, capture_id])
    return True


def word_changes(before: str, after: str) -> tuple[int, int]:
    """Words added and removed from ``before`` to ``after``."""
    if not before or not after:  # a first version (every article has one): no diff to make
        return len(after.split()), len(before.split())
    added = removed = 0
    for op, i1, i2, j1, j2 in _matcher(before, after).get_opcodes():
        if op in ("replace", "delete"):
            removed += i2 - i1
        if op in ("replace", "insert"):
            added += j2 - j1
    return added, removed


@dataclass(frozen=True)
class Piece:
    """A run of words of a diff: ``kind`` is ``same``, ``added`` or ``removed``."""

    kind: str
    text: str


def word_diff(before: str, after: str, similar: float = 0.5) -> list[list[Piece]]:
    """A diff that reads as the article does: one list of pieces per paragraph. Paragraphs are
    matched first; a changed paragraph still like the one it replaces (a share ``similar`` of
    its words in common) gets a word-level diff, any other is shown removed and added whole."""
    old, new = _paragraphs(before), _paragraphs(after)
    lines: list[list[Piece]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new,
                                                      autojunk=False).get_opcodes():
        if op == "equal":
            lines += [[Piece("same", p)] for p in new[j1:j2]]
            continue
        olds, news = old[i1:i2], new[j1:j2]
        for k in range(max(len(olds), len(news))):
            was = olds[k] if k < len(olds) else None
            now = news[k] if k < len(news) else None
            if was and now and _matcher(was, now).ratio() >= similar:
                lines.append(_word_pieces(was, now))
                continue
            lines += [[Piece("removed", was)]] if was else []
            lines += [[Piece("added", now)]] if now else []
    return lines


def _word_pieces(before: str, after: str) -> list[Piece]:
    a, b = before.split(), after.split()
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in _matcher(before, after).get_opcodes():
        if op in ("replace", "delete"):
            pieces.append(Piece("removed", " ".join(a[i1:i2])))
        if op in ("replace", "insert"):
            pieces.append(Piece("added", " ".join(b[j1:j2])))
        if op == "equal":
            pieces.append(Piece("same", " ".join(b[j1:j2])))
    return pieces


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def _matcher(before: str, after: str) -> difflib.SequenceMatcher:
    return difflib.SequenceMatcher(None, before.split(), after.split(), autojunk=False)
