"""Site profiles: repeated blocks are learned per site and cut with their reason; article text
is never cut, however often a story is syndicated or a quote repeated."""

from __future__ import annotations

from types import SimpleNamespace

from archive.store.index import Index
from cleaners.profile import SiteProfile, apply_profile, block_key, learn_profile, story_key

WIDGET = "Unterstützen Sie unabhängigen Journalismus mit einem Abo"
QUOTE = ("„Wir werden alles tun, damit die Menschen in dieser Stadt sicher leben können“, "
         "sagte der Bürgermeister bei einer Pressekonferenz im Rathaus.")


def page(n: int, *extra: str) -> list[str]:
    word = "eins zwei drei vier fünf sechs sieben acht neun zehn".split()[n % 10]
    own = [f"Bericht Nummer {word} aus dem Stadtteil {chr(65 + n)} mit eigenen Worten, Tag {n}.",
           f"Ein zweiter Absatz {chr(97 + n)}{chr(98 + n)} beschreibt, was die Anwohner sagten."]
    return [own[0], *extra, own[1]]


def learn(pages: list[list[str]]) -> SiteProfile:
    return learn_profile("site", ((story_key(lines), [block_key(x) for x in lines])
                                  for lines in pages))


def test_a_widget_repeated_on_many_pages_is_cut_with_its_reason():
    profile = learn([page(n, WIDGET) for n in range(10)])
    kept, removed = apply_profile(page(11, WIDGET), profile)
    assert WIDGET not in kept and len(kept) == 2
    assert removed[0].rule == "site-profile"  # a stable name: queries group by it
    assert removed[0].detail == "repeated on 10 of 10 pages of this site"


def test_digits_and_relative_times_are_normalised():
    assert block_key("Updated 5 hours ago") == block_key("Updated 17 hours ago")
    assert block_key("Обновлено 2 часа назад") == block_key("Обновлено 3 часа назад")
    assert block_key("Seite 1") == block_key("seite  22")


def test_a_quote_shared_by_a_few_stories_is_kept():
    pages = [page(n, QUOTE) if n < 4 else page(n) for n in range(12)]
    kept, removed = apply_profile(page(20, QUOTE), learn(pages))
    assert QUOTE in kept and not removed


def test_a_syndicated_story_counts_once():
    """The same story on eight pages: its sentences are not boilerplate, however many copies."""
    story = page(1, QUOTE)
    profile = learn([story] * 8 + [page(n) for n in range(2, 6)])
    assert profile.pages == 5
    kept, removed = apply_profile(story, profile)
    assert kept == story and not removed


def test_rare_short_lines_are_kept():
    pages = [page(n, "Mehr Bilder") if n < 2 else page(n) for n in range(20)]
    kept, _ = apply_profile(page(30, "Mehr Bilder"), learn(pages))
    assert "Mehr Bilder" in kept


def test_the_index_counts_a_story_once_per_site(tmp_path):
    index = Index(tmp_path / "index.db")
    document = SimpleNamespace(story="s1", blocks=((block_key(WIDGET), WIDGET),))
    assert index.record_profile("a", document, "<urn:1>")
    assert not index.record_profile("a", document, "<urn:1>")  # reprocessed: not again
    # Cleaned again with its story keyed otherwise (after a merge, the key came from its
    # archived text; a re-clean keys it from the page): still the same page, not counted again.
    assert not index.record_profile("a", SimpleNamespace(story="s1-keyed-from-the-page",
                                                         blocks=document.blocks), "<urn:1>")
    for n in range(2, 5):
        index.record_profile("a", SimpleNamespace(story=f"s{n}", blocks=document.blocks),
                             f"<urn:{n}>")
    index.record_profile("b", document, "<urn:9>")
    profile = index.site_profile("a")
    assert profile.pages == 4 and profile.blocks == {block_key(WIDGET): 4}
    assert index.site_profile("b").blocks == {}  # below the minimum
