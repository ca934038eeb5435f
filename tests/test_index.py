"""Batched commits: readers see a batch once it is committed, and a unit of writes that fails
leaves no half-written article while the rest of its batch stands."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest

from archive.store.index import Index


def article(n: int) -> dict:
    return {"capture_id": f"<urn:uuid:{n}>", "url": f"https://news.example/{n}.html",
            "site": "news.example", "title": f"Story {n}", "text": f"Text of story {n}.",
            "language": "en"}


def profile_document(story: str) -> SimpleNamespace:
    return SimpleNamespace(story=story, blocks=(("k1", "Most read"),))


def visible(path) -> set[str]:
    with sqlite3.connect(path) as reader:
        return {row[0] for row in reader.execute("select capture_id from articles")}


def test_a_batch_is_seen_by_readers_only_once_committed(tmp_path):
    path = tmp_path / "index.db"
    index = Index(path, commit_every=3600)
    index.upsert_article(article(1), profile_document("s1"))
    index.upsert_article(article(2), profile_document("s2"))
    assert visible(path) == set()
    index.commit()
    assert visible(path) == {"<urn:uuid:1>", "<urn:uuid:2>"}
    index.upsert_article(article(3))
    index.close()  # closing commits what is left
    assert visible(path) == {"<urn:uuid:1>", "<urn:uuid:2>", "<urn:uuid:3>"}


def test_a_failed_unit_is_undone_alone(tmp_path):
    path = tmp_path / "index.db"
    index = Index(path, commit_every=3600)
    index.upsert_article(article(1), profile_document("s1"))
    broken = SimpleNamespace(story="s2")  # no blocks: fails after the article row is written
    with pytest.raises(AttributeError):
        index.upsert_article(article(2), broken)
    index.commit()
    assert visible(path) == {"<urn:uuid:1>"}
    assert index.site_profile("news.example").pages == 1  # story s2 was not counted either
    index.close()


def test_without_batching_every_write_is_committed_at_once(tmp_path):
    path = tmp_path / "index.db"
    index = Index(path)
    index.upsert_article(article(1))
    assert visible(path) == {"<urn:uuid:1>"}
    index.close()
