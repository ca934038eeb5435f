"""Copies: how well MinHash grouping tells copies from different articles, and what it costs.

    python -m bench.copies --dataset DIR... [--articles N]

Quality: article pairs built from the ground-truth texts of article-extraction sets (the
Scrapinghub layout): a text and an edited copy of it (words changed, a paragraph dropped,
boilerplate lines added: what syndication does) are copies; two different articles of one set
(same period, often the same topic) are not. Precision and recall of "similarity ≥ t" for
several t, through the LSH candidate search, as the index does it.

Scale: ``N`` generated articles (a quarter of them copies of others with edits) indexed one by
one through :class:`archive.store.index.Index`; milliseconds per article at the start and the end,
and the bytes the copy tables add to the index.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from archive.store import copies
from archive.store.index import Index

THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
BOILERPLATE = ["Reporting by our correspondents; editing by the news desk.",
               "Sign up for our newsletter to get the day's news every morning.",
               "© 2025 All rights reserved. This material may not be published or broadcast."]


def edited(text: str, rng: random.Random) -> str:
    """A syndicated copy: some words changed, maybe a paragraph dropped, boilerplate added."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) > 3 and rng.random() < 0.5:
        paragraphs.pop(rng.randrange(1, len(paragraphs)))
    words = " \n ".join(paragraphs).split(" ")
    for _ in range(max(1, len(words) // 30)):  # about one word in thirty
        words[rng.randrange(len(words))] = rng.choice(["said", "told", "on", "Monday", "the"])
    lines = " ".join(words).split(" \n ")
    return "\n".join(lines + rng.sample(BOILERPLATE, rng.randint(0, 2)))


def pairs(datasets: list[Path], rng: random.Random) -> list[tuple[str, str, bool]]:
    found = []
    for path in datasets:
        truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
        texts = [t["articleBody"] for t in truth.values()
                 if len(t["articleBody"].split()) >= 2 * copies.MIN_WORDS]
        for i, text in enumerate(texts):
            found.append((text, edited(text, rng), True))
            other = texts[(i + rng.randrange(1, len(texts))) % len(texts)] if len(texts) > 1 \
                else None
            if other is not None and other != text:
                found.append((text, other, False))
    return found


def quality(datasets: list[Path]) -> dict:
    scored = []  # (similarity, shares an LSH band, is a copy)
    for a, b, same in pairs(datasets, random.Random(7)):
        first, second = copies.signature(a), copies.signature(b)
        if first is None or second is None:
            continue  # too short to compare, in the index as here
        shared = any(x == y for x, y in zip(copies.bands(first), copies.bands(second),
                                             strict=True))
        scored.append((copies.similarity(first, second), shared, same))
    table = {}
    for t in THRESHOLDS:
        # As the index finds them: in a shared band, and scoring t or more.
        found = [(shared and score >= t, same) for score, shared, same in scored]
        tp = sum(1 for hit, same in found if hit and same)
        fp = sum(1 for hit, same in found if hit and not same)
        fn = sum(1 for hit, same in found if not hit and same)
        table[t] = {"precision": tp / (tp + fp) if tp + fp else 1.0,
                    "recall": tp / (tp + fn) if tp + fn else 1.0}
    return {"pairs": len(scored), "copies": sum(1 for *_, same in scored if same),
            "table": table}


def scale(count: int) -> dict:
    rng = random.Random(11)
    vocabulary = [f"w{n}" for n in range(20_000)]
    made: list[str] = []
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(Path(tmp) / "index.db", commit_every=1.0)
        start = time.process_time()
        for n in range(count):
            if made and rng.random() < 0.25:
                text = edited(rng.choice(made[-1000:]), rng)
            else:
                text = "\n".join(" ".join(rng.choices(vocabulary, k=60)) for _ in range(5))
                made.append(text)
            with index._writing() as conn:
                copies.index_copies(conn, f"c{n}", text)
            if n % max(1, count // 10) == 0:
                timings.append((n, time.process_time() - start))
                start = time.process_time()
        index.commit()
        sizes = {name: index.db.execute(
            "select sum(pgsize) from dbstat where name = ?", [name]).fetchone()[0] or 0
            for name in ("article_minhash", "minhash_bands", "article_copies", "copy_groups")}
        grouped = index.db.execute("select count(*) from copy_groups").fetchone()[0]
        index.close()
    per = [1000 * seconds / max(1, count // 10) for _, seconds in timings[1:]]
    return {"articles": count, "ms_first_tenth": per[0] if per else 0,
            "ms_last_tenth": per[-1] if per else 0, "bytes": sizes, "grouped": grouped}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, nargs="*", default=[],
                        help="folders with ground-truth.json (any number)")
    parser.add_argument("--articles", type=int, default=100_000,
                        help="generated articles for the scale run [default: 100000]")
    args = parser.parse_args(argv)
    if args.dataset:
        result = quality(args.dataset)
        print(f"{result['pairs']} pairs, {result['copies']} of them copies")
        print(f"{'threshold':>10}{'precision':>11}{'recall':>8}")
        for t, row in result["table"].items():
            mark = "  <- THRESHOLD" if t == copies.THRESHOLD else ""
            print(f"{t:>10.1f}{row['precision']:>11.3f}{row['recall']:>8.3f}{mark}")
    if args.articles:
        result = scale(args.articles)
        size = sum(result["bytes"].values())
        print(f"\n{result['articles']} articles indexed: {result['ms_first_tenth']:.2f} ms CPU "
              f"per article in the second tenth, {result['ms_last_tenth']:.2f} in the last; "
              f"copy tables {size / 1e6:.1f} MB ({size / result['articles']:.0f} bytes an "
              f"article); {result['grouped']} articles in copy groups")


if __name__ == "__main__":
    main()
