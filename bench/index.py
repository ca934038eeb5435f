"""Index at scale: fill the SQLite index with synthetic articles in several languages, then time
inserts and full-text queries.

    python -m bench.index [--articles 100000] [--queries 200]

Three query shapes: the ``search_articles`` canned query as shipped in ``metadata.yml`` (the
newest 2,000 matches ranked), Datasette's table search (every match, newest first, one page),
and ranking every match (``order by rank``), whose cost grows with the number of matches.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from importlib.resources import files
from pathlib import Path

import yaml

from archive.store.index import Index

VOCABULARY = {
    "en": "government minister budget election court police market energy war talks city".split(),
    "de": "Regierung Minister Haushalt Wahl Gericht Polizei Markt Energie Krieg Gespräche".split(),
    "ru": "правительство министр бюджет выборы суд полиция рынок энергия война переговоры".split(),
    "ar": "الحكومة وزير الميزانية الانتخابات المحكمة الشرطة السوق الطاقة الحرب المحادثات".split(),
}
FILLER = {lang: [w + str(n) for w in words for n in range(200)]
          for lang, words in VOCABULARY.items()}


def synthetic(n: int, rng: random.Random) -> tuple[dict, dict]:
    lang = rng.choice(sorted(VOCABULARY))
    words = rng.choices(VOCABULARY[lang], k=20) + rng.choices(FILLER[lang], k=rng.randint(250, 700))
    rng.shuffle(words)
    record_id = f"<urn:uuid:bench-{n}>"
    url = f"https://news.example/{lang}/{n}.html"
    capture = {"record_id": record_id, "url": url, "host": "news.example", "status": 200,
               "fetched_at": f"2025-01-{n % 28 + 1:02d}T10:00:00Z", "record_type": "response",
               "warc_file": f"bench-{n // 5000:05d}.warc.gz", "warc_offset": n * 20_000,
               "warc_length": 20_000}
    article = {"capture_id": record_id, "url": url, "site": f"site{n % 12}",
               "title": " ".join(words[:8]), "language": lang, "published": capture["fetched_at"],
               "text": " ".join(words), "word_count": len(words), "cleaner_version": "bench",
               "removed": "[]", "removed_count": 0}
    return capture, article


QUERIES = {
    "search_articles (canned)": yaml.safe_load(
        files("archive.web").joinpath("metadata.yml").read_text(encoding="utf-8"))
    ["databases"]["index"]["queries"]["search_articles"]["sql"],
    "table search, newest first": (
        "select capture_id, title from articles where rowid in (select rowid from articles_fts "
        "where articles_fts match :q) order by fetched_at desc limit 101"),
    "every match ranked": (
        "select a.capture_id, a.title from articles_fts f join articles a on a.rowid = f.rowid "
        "where articles_fts match :q order by rank limit 20"),
}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args(argv)
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(Path(tmp) / "index.db")
        db = index.db
        start = time.perf_counter()
        for first in range(0, args.articles, args.batch):
            rows = [synthetic(n, rng) for n in range(first, min(args.articles, first + args.batch))]
            with db.conn:
                db["captures"].insert_all([c for c, _ in rows], batch_size=args.batch)
                db["articles"].insert_all([a for _, a in rows], batch_size=args.batch)
        insert_s = time.perf_counter() - start
        # The crawl's path: a capture row, then an article row, committed each time or, as the
        # crawl does, in batches a second apart.
        single = {}
        for first, commit_every in ((args.articles, 0.0), (args.articles + 200, 1.0)):
            writer = Index(Path(tmp) / "index.db", commit_every=commit_every)
            for n in range(first, first + 200):
                capture, article = synthetic(n, rng)
                t = time.perf_counter()
                writer.upsert_row("captures", "record_id", capture)
                writer.upsert_article(article)
                single.setdefault(commit_every, []).append(time.perf_counter() - t)
            writer.close()
        timings = {}
        for lang, words in VOCABULARY.items():
            for kind, make in (("one common word", lambda w=words: rng.choice(w)),
                               ("two common words", lambda w=words: " ".join(rng.sample(w, 2))),
                               ("a rarer word", lambda lang=lang: rng.choice(FILLER[lang]))):
                for _ in range(args.queries // 12 or 1):
                    query = make()
                    for shape, sql in QUERIES.items():
                        t = time.perf_counter()
                        db.execute(sql, {"q": query}).fetchall()
                        timings.setdefault((shape, kind), []).append(
                            (time.perf_counter() - t) * 1000)
        size = (Path(tmp) / "index.db").stat().st_size / 1e6
        index.close()
    print(f"\nIndex benchmark: {args.articles} articles in 4 languages, index {size:.0f} MB\n")
    print(f"batched inserts: {args.articles / insert_s:,.0f} articles/s "
          f"(captures + articles + FTS, {args.batch} per transaction)")
    print(f"crawl-path writes per article, p50: {statistics.median(single[0.0]) * 1000:.2f} ms "
          f"with a commit each, {statistics.median(single[1.0]) * 1000:.2f} ms batched as the "
          "crawl does (a commit a second)\n")
    print("| query | searching for | p50 ms | p95 ms |\n|---|---|---|---|")
    for (shape, kind), values in sorted(timings.items(), key=lambda item: list(QUERIES).index(
            item[0][0])):
        values.sort()
        print(f"| {shape} | {kind} | {statistics.median(values):.1f} | "
              f"{values[int(len(values) * 0.95) - 1]:.1f} |")


if __name__ == "__main__":
    main()
