"""Copies: one wire story on three sites with small edits groups together; other stories on the
same topic, with the same names, do not."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import pytest

from archive.store import copies
from archive.store.copies import THRESHOLD
from archive.store.index import Index
from archive.web.serve import datasette_for

WIRE = [
    "DAMASCUS (Reuters) - Syrian President Bashar al-Assad asked Russian President Vladimir "
    "Putin for military help in the days before rebels took Damascus, his former media adviser "
    "said on Tuesday, but Moscow refused to send more aircraft or troops.",
    "Kamel Saqr, who headed the presidency's media office, told a podcast that Assad had hoped "
    "Russian warplanes based at Hmeimim would stop the rebel advance on Homs, and that Iranian "
    "officials had promised help that never arrived.",
    "Russia has given Assad asylum in Moscow. The Kremlin declined to comment on the account, "
    "which could not be independently verified, and Iranian officials did not respond to "
    "requests for comment on Tuesday evening.",
    "The rebel offensive that began in late November took Aleppo within days and reached the "
    "capital less than two weeks later, ending more than five decades of rule by the Assad "
    "family over the country.",
]
SAME_TOPIC = [
    "Vladimir Putin met Bashar al-Assad in Moscow on Tuesday for the first time since the Syrian "
    "leader fled Damascus, the Kremlin said, without giving details of what they discussed.",
    "Russian state television showed the two men shaking hands in the Kremlin. Assad, who was "
    "granted asylum in Russia, has not spoken in public since rebels entered the capital.",
    "Analysts in Moscow said the meeting was meant to show that Russia does not abandon its "
    "allies, even as it seeks to keep its naval base at Tartus and the airbase at Hmeimim.",
]


def row(capture_id: str, site: str, paragraphs: list[str]) -> dict:
    return {"capture_id": capture_id, "url": f"https://{site}/{capture_id}", "site": site,
            "title": paragraphs[0][:40], "text": "\n".join(paragraphs),
            "fetched_at": f"2025-01-0{len(capture_id) % 9 + 1}T10:00:00Z",
            "text_digest": capture_id}


def archive(tmp_path) -> Index:
    index = Index(tmp_path / "index.db")
    edited = [WIRE[0].replace("said on Tuesday", "told reporters on Tuesday"), *WIRE[1:]]
    shortened = ["Assad's last days in power, as told by his media adviser.", *WIRE[:3]]
    for article in (row("wire-a", "news-one.example", WIRE),
                    row("wire-b", "news-two.example", [*edited, "Reporting by the Moscow "
                                                       "bureau; editing by the Beirut desk"]),
                    row("other", "news-two.example", SAME_TOPIC),
                    row("wire-c", "news-three.example", shortened)):
        index.upsert_article(article)
    return index


def groups(index: Index) -> dict[str, str]:
    return dict(index.db.execute("select capture_id, group_id from copy_groups").fetchall())


@pytest.mark.parametrize("settled", [False, True])
def test_a_wire_story_on_three_sites_is_one_group_and_its_topic_is_not(tmp_path, monkeypatch,
                                                                       settled):
    """Found whether the earlier articles' bands are still gathering or already moved."""
    if settled:
        monkeypatch.setattr(copies, "SETTLE_EVERY", 1)
    index = archive(tmp_path)
    in_recent = index.db.execute("select count(*) from minhash_recent_bands").fetchone()[0]
    assert (in_recent == 0) if settled else (in_recent == 4 * copies.BANDS)
    grouped = groups(index)
    assert grouped["wire-a"] == grouped["wire-b"] == grouped["wire-c"]
    assert "other" not in grouped
    pairs = index.db.execute("select capture_id, copy_id, similarity from article_copies "
                             "where capture_id = 'wire-a' order by copy_id").fetchall()
    assert [p[1] for p in pairs] == ["wire-b", "wire-c"]
    assert all(THRESHOLD <= p[2] < 1 for p in pairs)


def test_cleaning_an_article_again_keeps_its_group(tmp_path):
    index = archive(tmp_path)
    before = groups(index)
    index.upsert_article(row("wire-b", "news-two.example", WIRE))  # a newer cleaner's text
    assert groups(index)["wire-b"] == before["wire-b"]
    score = index.db.execute("select similarity from article_copies where capture_id = 'wire-a' "
                             "and copy_id = 'wire-b'").fetchone()[0]
    assert score == 1.0



def test_an_article_past_the_window_cleaned_again_to_another_text_loses_its_copies(tmp_path):
    """Its signature and bands went with the window, its group and copies stayed: cleaned again,
    it is still taken out of them first."""
    index = archive(tmp_path)
    with index._writing() as conn:
        copies.forget_before(conn, "2025-02-01T00:00:00Z")
    assert index.db.execute("select count(*) from article_minhash").fetchone()[0] == 0
    index.upsert_article(row("wire-b", "news-two.example", SAME_TOPIC))
    assert index.db.execute("select count(*) from article_copies where capture_id = 'wire-b' "
                            "or copy_id = 'wire-b'").fetchone()[0] == 0
    assert "wire-b" not in groups(index) and "wire-a" in groups(index)

def test_the_article_page_names_the_copies_and_a_query_the_groups(tmp_path):
    archive(tmp_path).close()
    ds = datasette_for(tmp_path, **{})
    asyncio.run(ds.invoke_startup())

    def get(path):
        return asyncio.run(ds.client.get(path))

    page = get(f"/-/article/{quote('wire-a')}").text
    assert "The same text elsewhere (2)" in page and "news-three.example" in page
    largest = get("/index/largest_copy_groups.json?_shape=array").json()
    assert [(g["articles"], g["sites"]) for g in largest] == [(3, 3)]


def test_a_site_profile_counts_a_copied_story_once(tmp_path):
    """The profile counts stories, not pages: the same wire story twice on one site (its lead
    edited, so a different lead digest) is one story, as its copy group says."""
    import cleaners

    index = Index(tmp_path / "index.db")
    first = WIRE
    second = [WIRE[0].replace("said on Tuesday", "told reporters on Tuesday"), *WIRE[1:]]
    for capture_id, paragraphs in (("one", first), ("two", second)):
        html = "<html><body><div class='c1'>" + "".join(f"<p>{p}</p>" for p in paragraphs) + \
            "</div></body></html>"
        document = cleaners.clean(html.encode(), f"https://news.example/{capture_id}")
        index.upsert_article({**row(capture_id, "news.example", paragraphs),
                              "text": document.text}, document)
    assert groups(index)["one"] == groups(index)["two"]
    assert index.db["site_pages"].count == 1


def test_a_story_reprinted_many_times_is_one_group_at_a_bounded_cost(tmp_path, monkeypatch):
    """Each new copy is compared with the few candidates nearest to it, and a band bucket keeps
    only its first few articles: the hundredth reprint of a wire story joins the group without a
    hundred comparisons, and the index grows with the copies, not with their square."""
    monkeypatch.setattr(copies, "MAX_COMPARED", 4)
    index = Index(tmp_path / "index.db")
    for n in range(20):  # each reprint with its own site's line at the end
        index.upsert_article(row(f"wire-{n:02}", f"site{n}.example",
                                 [*WIRE, f"Published by the site{n} news desk."]))
    index.upsert_article(row("other", "site0.example", SAME_TOPIC))
    grouped = groups(index)
    assert len({grouped[f"wire-{n:02}"] for n in range(20)}) == 1 and "other" not in grouped
    last = index.db.execute("select count(*) from article_copies where capture_id = 'wire-19'")
    assert last.fetchone()[0] == 4
    fullest = index.db.execute(
        "select max(n) from (select count(*) n from (select band, bucket from minhash_bands "
        "union all select band, bucket from minhash_recent_bands) group by band, bucket)"
    ).fetchone()[0]
    assert fullest == 4
    index.close()
    ds = datasette_for(tmp_path, **{})
    asyncio.run(ds.invoke_startup())
    page = asyncio.run(ds.client.get(f"/-/article/{quote('wire-19')}")).text
    assert "The same text elsewhere (4)" in page and "Its copy group holds 20 articles" in page
    page = asyncio.run(ds.client.get(f"/-/article/{quote('other')}")).text
    assert "copy group" not in page
