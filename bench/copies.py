"""Copies: how well MinHash grouping tells copies from different articles, and what it costs.

    python -m bench.copies --dataset DIR... [--articles N]
    python -m bench.copies --articles N --write-cost RUNS [--baseline CHECKOUT]

Quality: article pairs built from the ground-truth texts of article-extraction sets (the
Scrapinghub layout): a text and an edited copy of it (words changed, a paragraph dropped,
boilerplate lines added: what syndication does) are copies; two different articles of one set
(same period, often the same topic) are not. Precision and recall of "similarity ≥ t" for
several t, through the LSH candidate search, as the index does it.

Scale: ``N`` generated articles (a quarter of them copies of others with edits) indexed one by
one through :class:`archive.store.index.Index`; milliseconds per article at the start and the end,
and the bytes the copy tables add to the index.

Write cost (``--write-cost RUNS``): what the copy search adds to each article a crawl or a
reindex writes, the signatures made beforehand (as the crawl's workers and the metadata records
give them): ``N`` generated articles indexed and settled one by one in a fresh index, by a child
process, ``RUNS`` times; with ``--baseline``, as another checkout of the project has it too, in
turn in the same runs (the order alternating). Prints the median CPU milliseconds an article.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import statistics
import subprocess
import sys
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


def generated(count: int):
    """``count`` texts of random words, a quarter of them edited copies of recent ones."""
    rng = random.Random(11)
    vocabulary = [f"w{n}" for n in range(20_000)]
    made: list[str] = []
    for _ in range(count):
        if made and rng.random() < 0.25:
            yield edited(rng.choice(made[-1000:]), rng)
        else:
            made.append("\n".join(" ".join(rng.choices(vocabulary, k=60)) for _ in range(5)))
            yield made[-1]


def scale(count: int) -> dict:
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(Path(tmp) / "index.db", commit_every=1.0)
        start = time.process_time()
        for n, text in enumerate(generated(count)):
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


#: Run by a child process, with the checkout measured first on its path: the signatures of a
#: pickle (argv[1]) indexed and settled one by one, as ``Index.upsert_article`` does, a minute
#: apart; prints the CPU seconds.
WRITE = """
import pickle, sys, tempfile, time
from datetime import datetime, timedelta
from pathlib import Path
from archive.store import copies
from archive.store.index import Index
signatures = pickle.loads(Path(sys.argv[1]).read_bytes())
with tempfile.TemporaryDirectory() as tmp:
    index = Index(Path(tmp) / "index.db", commit_every=1.0)
    start = time.process_time()
    for n, values in enumerate(signatures):
        at = (datetime(2025, 1, 1) + timedelta(minutes=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        with index._writing() as conn:
            copies.index_copies(conn, f"c{n:07d}", "", values, captured_at=at)
            copies.settle(conn, at)
    index.commit()
    print(time.process_time() - start)
    index.close()
"""


def write_cost(count: int, runs: int, baseline: Path | None) -> dict[str, list[float]]:
    """Milliseconds of CPU an article, by checkout, over ``runs`` runs in turn."""
    checkouts = {"this checkout": Path(__file__).resolve().parents[1]}
    if baseline:
        checkouts["baseline"] = baseline.resolve()
    timings: dict[str, list[float]] = {name: [] for name in checkouts}
    with tempfile.TemporaryDirectory() as tmp:
        made = Path(tmp) / "signatures.pickle"
        made.write_bytes(pickle.dumps([list(map(int, values)) for text in generated(count)
                                       if (values := copies.signature(text)) is not None]))
        for run in range(runs):
            for name in list(checkouts) if run % 2 == 0 else list(checkouts)[::-1]:
                seconds = subprocess.run(
                    [sys.executable, "-c", WRITE, str(made)], capture_output=True, text=True,
                    check=True, cwd=tmp, env={**os.environ, "PYTHONPATH": str(checkouts[name])},
                ).stdout
                timings[name].append(1000 * float(seconds) / count)
    return timings


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, nargs="*", default=[],
                        help="folders with ground-truth.json (any number)")
    parser.add_argument("--articles", type=int, default=100_000,
                        help="generated articles for the scale run [default: 100000]")
    parser.add_argument("--write-cost", type=int, metavar="RUNS",
                        help="time only the copy search's writes of --articles articles, RUNS "
                             "times, signatures made beforehand")
    parser.add_argument("--baseline", type=Path, help="with --write-cost: also time them as this "
                                                      "other checkout of the project has them")
    args = parser.parse_args(argv)
    if args.write_cost:
        load = os.getloadavg()[0]
        timings = write_cost(args.articles, args.write_cost, args.baseline)
        print(f"{args.articles} articles, {args.write_cost} runs; load average {load:.1f} "
              f"before, {os.getloadavg()[0]:.1f} after")
        for name, per in timings.items():
            print(f"{name}: {statistics.median(per):.3f} ms CPU an article, median "
                  f"({min(per):.3f}-{max(per):.3f})")
        if args.baseline:
            ratio = statistics.median(timings["this checkout"]) / \
                statistics.median(timings["baseline"])
            print(f"this / baseline (medians): {ratio:.2f}")
        return
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
