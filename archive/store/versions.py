"""Versions of an article: every capture of a URL whose cleaned text or title differs from the
one before it, with what changed; and the articles that disappeared (404/410 on a re-check).

A change is judged on the cleaned text, so a rotated ad or a new "most read" list (cut by the
cleaner) is not a version. A new capture later than every other of its URL adds its version
after the last; any other write works the URL's versions out again from its article rows:
reprocessing with a new cleaner, or a capture indexed out of order (recovery, merged shards),
leaves them right, not only appended to.
"""

from __future__ import annotations

from typing import NamedTuple


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


def update_versions(conn, url: str, capture_id: str | None = None) -> None:
    """Work out the versions of ``url`` from its article rows, oldest capture first. Given
    ``capture_id``, the row just written, that is all when it is a new capture later than every
    other of the URL (a crawl's, as a rule): it is compared with the last version alone. A live
    blog re-fetched every hour has hundreds of versions, and working them all out again read
    and compared every one's text on each write (a second for the 282nd)."""
    if capture_id is not None and _appended(conn, url, capture_id):
        return
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


def _appended(conn, url: str, capture_id: str) -> bool:
    """``capture_id``'s version of ``url`` added after the last one, or False when the
    versions must be worked out again: a capture already among them (cleaned again), none
    yet while the URL has other rows, or another row captured as late or later."""
    new = conn.execute("select a.title, a.text, a.text_digest, a.fetched_at, c.fetched_at "
                       "from articles a join captures c on c.record_id = a.capture_id "
                       "where a.capture_id = ?", [capture_id]).fetchone()
    if new is None or conn.execute("select 1 from article_versions where capture_id = ?",
                                   [capture_id]).fetchone():
        return False
    title, text, digest, fetched_at, captured_at = new
    if conn.execute("select 1 from articles where url = ? and fetched_at >= ? "
                    "and capture_id != ? limit 1", [url, fetched_at, capture_id]).fetchone():
        return False
    last = conn.execute(
        "select v.capture_id, v.version, a.title, a.text, a.text_digest "
        "from article_versions v join articles a on a.capture_id = v.capture_id "
        "where v.url = ? order by v.version desc limit 1", [url]).fetchone()
    if last is None:
        if conn.execute("select 1 from articles where url = ? and capture_id != ? limit 1",
                        [url, capture_id]).fetchone():
            return False
        last = (None, 0, None, "", None)
    previous_id, version, previous_title, previous_text, previous_digest = last
    if previous_id is None or digest != previous_digest or title != previous_title:
        added, removed = word_changes(previous_text or "", text or "")
        conn.execute("insert into article_versions (capture_id, url, version, "
                     "previous_capture_id, captured_at, title_changed, words_added, "
                     "words_removed) values (?, ?, ?, ?, ?, ?, ?, ?)",
                     [capture_id, url, version + 1, previous_id, captured_at,
                      int(previous_id is not None and title != previous_title), added, removed])
    conn.execute("delete from article_removals where url = ? and removed_at < ?",
                 [url, captured_at])
    return True


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
    """Words added and removed from ``before`` to ``after``, as the version page marks them."""
    if not before or not after:  # a first version (every article has one): no diff to make
        return len(after.split()), len(before.split())
    counts = {"added": 0, "removed": 0}
    for line in word_diff(before, after):
        for piece in line:
            if piece.kind in counts:
                counts[piece.kind] += len(piece.text.split())
    return counts["added"], counts["removed"]


class Piece(NamedTuple):
    """A run of words of a diff: ``kind`` is ``same``, ``added`` or ``removed``; or a line
    ``summary`` saying why a changed paragraph is shown whole, not word by word. A tuple: a
    rewritten article makes one for each of its paragraphs, fast."""

    kind: str
    text: str


#: The most steps (diagonals tried, words compared) one diff takes, a tenth of a second or so: an
#: article edited all over, or one huge paragraph rewritten, would otherwise cost the square of
#: its length. Past it, what is left to compare is shown whole with a summary.
MAX_DIFF_STEPS = 200_000


def word_diff(before: str, after: str, similar: float = 0.5) -> list[list[Piece]]:
    """A diff that reads as the article does: one list of pieces per paragraph. Paragraphs are
    matched first; a changed paragraph still like the one it replaces (a share ``similar`` of
    its words in common) gets a word-level diff, any other is shown removed and added whole.
    Linear in the text, plus at most :data:`MAX_DIFF_STEPS` steps of comparison."""
    old, new = _paragraphs(before), _paragraphs(after)
    budget = _Budget(MAX_DIFF_STEPS)
    lines: list[list[Piece]] = []
    for kind, i1, i2, j1, j2 in _runs(*_interned(old, new), budget):
        olds, news = old[i1:i2], new[j1:j2]
        if kind == "same":
            lines += [[Piece("same", p)] for p in news]
        elif kind == "rewritten":
            words = sum(len(p.split()) for p in news)
            lines.append([Piece("summary", f"paragraphs {j1 + 1} to {j2} rewritten, "
                                           f"{words:,} words: too many changes to compare")])
            lines += [[Piece("removed", p)] for p in olds] + [[Piece("added", p)] for p in news]
        else:
            for k in range(max(len(olds), len(news))):
                was = olds[k] if k < len(olds) else None
                now = news[k] if k < len(news) else None
                if was and now:
                    lines += _paragraph_diff(was, now, j1 + k + 1, similar, budget)
                    continue
                lines += [[Piece("removed", was)]] if was else []
                lines += [[Piece("added", now)]] if now else []
    return lines


def _paragraph_diff(before: str, after: str, number: int, similar: float,
                    budget: _Budget) -> list[list[Piece]]:
    """One changed paragraph: its word diff, or the two whole; once the budget has run out, the
    two whole, the first time with a summary."""
    a, b = before.split(), after.split()
    whole = [[Piece("removed", before)], [Piece("added", after)]]
    try:
        runs = _runs(a, b, budget, max_edits=int((1 - similar) * (len(a) + len(b))))
    except _Exhausted:
        if budget.summarised:
            return whole
        budget.summarised = True
        return [[Piece("summary", f"paragraph {number} rewritten, {len(b):,} words: too many "
                                  "changes to compare word by word, here and in the paragraphs "
                                  "changed after it")], *whole]
    if runs is None:  # not like the paragraph it replaces
        return whole
    pieces: list[Piece] = []
    for kind, i1, i2, j1, j2 in runs:
        if kind == "same":
            pieces.append(Piece("same", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            pieces.append(Piece("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("added", " ".join(b[j1:j2])))
    return [pieces]


class _Exhausted(Exception):
    """The diff's budget of steps ran out."""


class _Budget:
    def __init__(self, steps: int):
        self.left = steps
        self.summarised = False

    def spend(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise _Exhausted


def _interned(old: list[str], new: list[str]) -> tuple[list[int], list[int]]:
    """Paragraphs as numbers: comparing two numbers costs the same however long the text."""
    ids: dict[str, int] = {}
    return ([ids.setdefault(p, len(ids)) for p in old],
            [ids.setdefault(p, len(ids)) for p in new])


def _runs(a: list, b: list, budget: _Budget, max_edits: int | None = None) -> list | None:
    """``(kind, i1, i2, j1, j2)`` runs from ``a`` to ``b``: ``same`` or ``changed``. Without
    ``max_edits`` (paragraphs), what the budget leaves uncompared is one ``rewritten`` run; with
    it (words), None past ``max_edits`` differences and :class:`_Exhausted` past the budget. A
    common beginning and end are taken off first, in linear time."""
    n, m = len(a), len(b)
    head = 0
    while head < n and head < m and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and a[n - 1 - tail] == b[m - 1 - tail]:
        tail += 1
    end_a, end_b = n - tail, m - tail
    try:
        matches = _matches(a[head:end_a], b[head:end_b], budget,
                           n + m if max_edits is None else max_edits)
    except _Exhausted:
        if max_edits is not None:
            raise
        matches = None
    if matches is None and max_edits is not None:
        return None
    runs = [("same", 0, head, 0, head)] if head else []
    if matches is None:
        runs.append(("rewritten", head, end_a, head, end_b))
    else:
        i, j = head, head
        for x, y, size in [*matches, (end_a - head, end_b - head, 0)]:
            x, y = x + head, y + head
            if x > i or y > j:
                runs.append(("changed", i, x, j, y))
            if size:
                runs.append(("same", x, x + size, y, y + size))
            i, j = x + size, y + size
    return runs + ([("same", end_a, n, end_b, m)] if tail else [])


def _matches(a: list, b: list, budget: _Budget, max_edits: int) -> list[tuple] | None:
    """The runs ``(i, j, size)`` that ``a`` and ``b`` have in common, in order; None past
    ``max_edits`` differences. Elements found on one side only are set aside first, in linear
    time: they are in no common run, and an article edited all over has mostly those."""
    in_a, in_b = set(a), set(b)
    keep_a = [i for i, x in enumerate(a) if x in in_b]
    keep_b = [j for j, y in enumerate(b) if y in in_a]
    max_edits -= len(a) - len(keep_a) + len(b) - len(keep_b)
    found = None if max_edits < 0 else _myers(
        [a[i] for i in keep_a], [b[j] for j in keep_b], budget, max_edits)
    if found is None:
        return None
    runs: list[tuple[int, int, int]] = []
    for x, y, size in found:
        for i, j in zip(keep_a[x:x + size], keep_b[y:y + size], strict=True):
            if runs and runs[-1][0] + runs[-1][2] == i and runs[-1][1] + runs[-1][2] == j:
                runs[-1] = (runs[-1][0], runs[-1][1], runs[-1][2] + 1)
            else:
                runs.append((i, j, 1))
    return runs


def _myers(a: list, b: list, budget: _Budget, max_edits: int) -> list[tuple] | None:
    """Myers' diff (1986): O((N+M)D) steps for D differences, each paid from ``budget``."""
    n, m = len(a), len(b)
    if not n or not m:
        return [] if n + m <= max_edits else None
    v = {1: 0}
    trace = []
    for d in range(min(max_edits, n + m) + 1):
        budget.spend(d + 1)
        trace.append(v.copy())
        for k in range(-d, d + 1, 2):
            x = v[k + 1] if k == -d or (k != d and v[k - 1] < v[k + 1]) else v[k - 1] + 1
            y = x - k
            start = x
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            budget.spend(x - start)
            v[k] = x
            if x >= n and y >= m:
                return _path(trace, n, m)
    return None


def _path(trace: list[dict], x: int, y: int) -> list[tuple[int, int, int]]:
    """Walk Myers' trace back from the end: the diagonal runs of the shortest edit path."""
    runs = []
    for d in range(len(trace) - 1, -1, -1):
        v, k = trace[d], x - y
        previous = k + 1 if k == -d or (k != d and v[k - 1] < v[k + 1]) else k - 1
        start_x = v[previous] + (previous < k)  # after the edit: one right, or one down
        size = x - start_x
        if size > 0:
            runs.append((start_x, y - size, size))
        x, y = v[previous], v[previous] - previous
    return runs[::-1]


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").split("\n") if line.strip()]
